import type { App } from '../../http/app-types.js';
import type { CompatContext } from '../context.js';
import { registerFamily } from '../family.js';
import { authenticateIsahit } from './auth.js';
import { renderIsahitError } from './errors.js';
import { isahitRoutes } from './routes.js';

/** isahit lab (`isahitlab` TaskActions) at `/compat/isahit/`: docs/compat/isahit.md. */
export function registerIsahit(app: App, context: CompatContext): Promise<void> {
  return registerFamily(app, context, {
    prefixes: ['/compat/isahit'],
    authenticate: authenticateIsahit,
    renderError: (answer) => renderIsahitError(answer),
    routes: isahitRoutes,
  });
}
