import type { App } from '../../http/app-types.js';
import type { CompatContext } from '../context.js';
import { registerFamily } from '../family.js';
import { authenticateTensorbay } from './auth.js';
import { renderTensorbayError } from './errors.js';
import { tensorbayRoutes } from './routes.js';

/** Graviti TensorBay's jobs (squash-and-merge, basic search) at `/compat/tensorbay`. See docs/compat/tensorbay.md. */
export function registerTensorbay(app: App, context: CompatContext): Promise<void> {
  return registerFamily(app, context, {
    prefixes: ['/compat/tensorbay'],
    authenticate: authenticateTensorbay,
    renderError: renderTensorbayError,
    routes: tensorbayRoutes,
  });
}
