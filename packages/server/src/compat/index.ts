import type { App } from '../http/app-types.js';
import type { CompatContext } from './context.js';
import { registerMammoth } from './mammoth/index.js';

export type { CompatContext, CompatServices } from './context.js';

/**
 * The seed clients' compatibility layer: one adapter per family under `/compat/<family>` (Albert
 * also at the root), each translating its client's wire to the resources' services. See docs/compat.md.
 */
export async function registerCompat(app: App, context: CompatContext): Promise<void> {
  const families: ((app: App, context: CompatContext) => Promise<void>)[] = [registerMammoth];
  for (const register of families) await register(app, context);
}
