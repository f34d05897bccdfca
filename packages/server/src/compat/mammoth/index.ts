import type { App } from '../../http/app-types.js';
import type { CompatContext } from '../context.js';
import { registerFamily } from '../family.js';
import { authenticateMammoth } from './auth.js';
import { renderMammothError } from './errors.js';
import { mammothRoutes } from './routes.js';

/**
 * The Mammoth seed client (`mammoth_analytics`) at `/compat/mammoth`: batches of a dataset and the
 * jobs that change them, with integer ids (each resource's `numericId`). See docs/compat/mammoth.md.
 */
export function registerMammoth(app: App, context: CompatContext): Promise<void> {
  return registerFamily(app, context, {
    prefixes: ['/compat/mammoth'],
    authenticate: authenticateMammoth,
    renderError: renderMammothError,
    routes: mammothRoutes,
  });
}
