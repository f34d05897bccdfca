import type { App } from '../../http/app-types.js';
import type { CompatContext } from '../context.js';
import { registerFamily } from '../family.js';
import { authenticateAlma } from './auth.js';
import { renderAlmaError } from './errors.js';
import { ALMA_PREFIX, almaRoutes } from './routes.js';

/** almapiwrapper's `config.Job` against job definitions and their instances. See docs/compat/alma.md. */
export function registerAlma(app: App, context: CompatContext): Promise<void> {
  return registerFamily(app, context, {
    prefixes: [ALMA_PREFIX],
    authenticate: authenticateAlma,
    renderError: renderAlmaError,
    routes: almaRoutes,
  });
}
