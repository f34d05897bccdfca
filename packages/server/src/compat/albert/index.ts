import type { App } from '../../http/app-types.js';
import type { CompatContext } from '../context.js';
import { registerFamily } from '../family.js';
import { authenticateAlbert } from './auth.js';
import { renderAlbertError } from './errors.js';
import { albertRoutes } from './routes.js';

/**
 * Albert's batch data over task sheets. Mounted under /compat/albert and at the root too: the
 * client urljoins absolute `/api/v3/...` paths, dropping any path in its base URL. Only
 * `/api/v3` is claimed at the root, so the rest of the server's 404s stay its own.
 */
export function registerAlbert(app: App, context: CompatContext): Promise<void> {
  return registerFamily(app, context, {
    prefixes: ['/compat/albert/api/v3', '/api/v3'],
    authenticate: authenticateAlbert,
    renderError: renderAlbertError,
    routes: albertRoutes,
  });
}
