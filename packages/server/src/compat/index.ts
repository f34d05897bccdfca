import type { App } from '../http/app-types.js';
import { registerAlbert } from './albert/index.js';
import { registerAlma } from './alma/index.js';
import type { CompatContext } from './context.js';
import { registerIsahit } from './isahit/index.js';
import { registerMammoth } from './mammoth/index.js';
import { registerTensorbay } from './tensorbay/index.js';

export type { CompatContext, CompatServices } from './context.js';

/**
 * The seed clients' compatibility layer: one adapter per family under `/compat/<family>` (Albert
 * also at the root), each translating its client's wire to the resources' services. See docs/compat.md.
 */
export async function registerCompat(app: App, context: CompatContext): Promise<void> {
  const families: ((app: App, context: CompatContext) => Promise<void>)[] = [
    registerAlbert,
    registerAlma,
    registerIsahit,
    registerMammoth,
    registerTensorbay,
  ];
  for (const register of families) await register(app, context);
}
