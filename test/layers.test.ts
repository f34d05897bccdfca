import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules live in eslint.config.js; this proves they bite: each deliberately wrong import
// below must be refused by `npm run lint`, and each allowed one must pass.
const root = new URL('..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const refused: [string, string, RegExp][] = [
  [
    'packages/server/src/store/queries/x.ts',
    "import '../../engine/index.js';",
    /store\/ may not import engine\//,
  ],
  ['packages/server/src/store/x.ts', "import '../resources/tasks/service.js';", /may not import resources\//],
  ['packages/server/src/engine/x.ts', "import '../http/list.js';", /engine\/ may not import http\//],
  [
    'packages/server/src/auth/x.ts',
    "import '../resources/audit/service.js';",
    /auth\/ may not import resources\//,
  ],
  ['packages/server/src/http/x.ts', "import '../app.js';", /may not import app.ts or serve.ts/],
  ['packages/server/src/resources/tasks/x.ts', "import '../../app.js';", /may not import app.ts or serve.ts/],
  [
    'packages/server/src/resources/jobs/x.ts',
    "import '../../engine/runner.js';",
    /only through engine\/index.js/,
  ],
  ['packages/server/src/resources/jobs/x.ts', "import '../../store/sql/claimJobs.js';", /store\/sql\//],
  ['packages/server/src/compat/x.ts', "import '../store/queries/tasks.js';", /no SQL/],
  ['packages/server/src/compat/alma/x.ts', "import '../../store/index.js';", /no SQL/],
  ['packages/server/src/compat/alma/x.ts', "import '../mammoth/routes.js';", /never imports another family/],
  [
    'packages/server/src/compat/alma/x.ts',
    "import '../../engine/runner.js';",
    /only through engine\/index.js/,
  ],
  ['packages/server/src/resources/jobs/x.ts', "import '../../compat/index.js';", /may not import compat\//],
  ['packages/cli/src/commands/x.ts', "import './tasks.js';", /never import each other/],
  ['packages/cli/src/commands/tasks/x.ts', "import '../batches.js';", /never import each other/],
  ['packages/web/src/pages/x.tsx', "import '@batchyard/server';", /uses the SDK/],
  ['packages/sdk/src/resources/x.ts', "import '@batchyard/server';", /depends on no other package/],
  ['packages/cli/src/x.ts', "import '@batchyard/sdk/dist/index.js';", /entry point/],
];

const allowed: [string, string][] = [
  ['packages/server/src/store/queries/x.ts', "import '../index.js'; import '../../filters.js';"],
  ['packages/server/src/engine/x.ts', "import '../store/index.js'; import '../ids.js';"],
  ['packages/server/src/http/x.ts', "import '../auth/principal.js'; import '../engine/index.js';"],
  [
    'packages/server/src/resources/jobs/x.ts',
    "import '../../engine/index.js'; import '../../store/queries/jobs.js';",
  ],
  ['packages/cli/src/commands/tasks/x.ts', "import './list.js'; import '../../args.js';"],
  [
    'packages/server/src/compat/alma/x.ts',
    "import '../family.js'; import '../../resources/jobs/service.js'; import './xml.js';",
  ],
  ['packages/server/src/app.ts', "import './resources/jobs/routes.js'; import './engine/runner.js';"],
];

describe('layer rules (eslint.config.js)', () => {
  it.each(refused)('%s: refuses %s', async (file, source, message) => {
    const messages = await restricted(file, source);
    expect(messages).toEqual([expect.stringMatching(message)]);
  });

  it.each(allowed)('%s: allows %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});
