import { execFile, execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/index.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const sdkDir = join(root, 'packages/sdk');
const DIST_FILES = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Rebuilds dist only when it is missing or older than the sources, without emptying it first (other test files may be importing it). */
function ensureBuilt(): void {
  const sources = Math.max(
    newestChange(join(sdkDir, 'src')),
    newestChange(join(sdkDir, 'package.json')),
    newestChange(join(sdkDir, 'tsup.config.ts')),
  );
  const built = DIST_FILES.map((file) => {
    try {
      return statSync(join(sdkDir, 'dist', file)).mtimeMs;
    } catch {
      return 0;
    }
  });
  if (Math.min(...built) < sources) {
    execFileSync('npx', ['tsup', '--no-clean'], { cwd: sdkDir, stdio: 'pipe' });
  }
}

// Both module formats of the built package, loaded by name from the repository root the way users
// load it, then used for a real call.
const script = (load: string) => `
${load}
const {
  Batchyard, APIError, BatchyardError, NotFoundError, RateLimitError, APIConnectionError,
  APIConnectionTimeoutError, APIUserAbortError, InternalServerError, Page, PagePromise, VERSION,
} = sdk;
const notFound = new NotFoundError(404, undefined, new Headers());
const client = new Batchyard({ baseUrl: process.env.SERVER_URL, token: process.env.SERVER_TOKEN });
const list = client.workspaces.list({ limit: 1 });
const me = await client.me();
let missing;
try { await client.workspaces.get('ws_missing'); } catch (error) { missing = error; }
console.log(JSON.stringify({
  classes: [Batchyard, APIError, BatchyardError, NotFoundError, RateLimitError, APIConnectionError,
    APIConnectionTimeoutError, APIUserAbortError, InternalServerError, Page, PagePromise].map((c) => typeof c),
  chain: [notFound instanceof APIError, notFound instanceof BatchyardError, notFound instanceof Error,
    new APIConnectionTimeoutError() instanceof APIConnectionError],
  pagePromise: list instanceof PagePromise && list instanceof Promise,
  page: (await list) instanceof Page,
  me: me.credentialId,
  missing: [missing instanceof NotFoundError, missing.status, missing.code],
  version: VERSION,
}));
`;

describe('the built package', () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ensureBuilt();
    server = await startTestServer('sqlite');
    env = { ...process.env, SERVER_URL: server.url, SERVER_TOKEN: server.adminToken };
  });
  afterAll(async () => server?.close());

  const expectWorking = (stdout: string) => {
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toEqual({
      classes: Array(11).fill('function'),
      chain: [true, true, true, true],
      pagePromise: true,
      page: true,
      me: expect.stringMatching(/\S/),
      missing: [true, 404, 'not_found'],
      version: JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')).version,
    });
  };

  it('loads with require() (CommonJS)', async () => {
    const code = `(async () => {${script("const sdk = require('@batchyard/sdk');")}})()`;
    const { stdout } = await run('node', ['-e', code], { cwd: root, env });
    expectWorking(stdout);
    const resolved = await run('node', ['-p', "require.resolve('@batchyard/sdk')"], { cwd: root });
    expect(resolved.stdout.trim()).toBe(join(sdkDir, 'dist/index.cjs'));
  });

  it('loads with import (ES module)', async () => {
    const code = script("const sdk = await import('@batchyard/sdk');");
    const { stdout } = await run('node', ['--input-type=module', '-e', code], { cwd: root, env });
    expectWorking(stdout);
    const resolved = await run(
      'node',
      ['--input-type=module', '-e', "console.log(import.meta.resolve('@batchyard/sdk'))"],
      { cwd: root },
    );
    expect(fileURLToPath(resolved.stdout.trim())).toBe(join(sdkDir, 'dist/index.js'));
  });

  it('has no runtime dependencies: the bundles import nothing', () => {
    const pkg = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(join(sdkDir, 'dist', file), 'utf8');
      expect(code).not.toMatch(/^import\s|\brequire\(["']|\bimport\(["']/m);
    }
  });

  it('type-checks in a Node-only TypeScript project (no DOM lib, no skipLibCheck), fields narrowing included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchyard-sdk-consumer-'));
    try {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(
        join(dir, 'use.ts'),
        `import { Batchyard, NotFoundError, type Workspace } from '@batchyard/sdk';
const client = new Batchyard({ baseUrl: 'http://127.0.0.1:8080', token: 'byk_x' });
export async function main(fields: string[]): Promise<void> {
  const ws: Workspace = await client.workspaces.create({ name: 'a' });
  const named = await client.workspaces.get(ws.id, { fields: ['name'] });
  const name: string = named.name;
  // @ts-expect-error createdAt was not selected
  void named.createdAt;
  for await (const item of client.workspaces.list({ limit: 2, fields })) {
    const id: string = item.id;
    // @ts-expect-error fields chosen at run time may leave name out
    const maybe: string = item.name;
    void id, maybe;
  }
  for await (const item of client.workspaces.list()) void (item.createdAt satisfies string);
  try {
    await client.me();
  } catch (error) {
    if (error instanceof NotFoundError) console.log(error.status, error.errors[0]?.pointer, name);
  }
}
`,
      );
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      for (const [module, resolution] of [
        ['nodenext', 'nodenext'],
        ['commonjs', 'node10'],
      ]) {
        await run(
          'node',
          [tsc, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022', '--types', 'node'].concat([
            '--module',
            module!,
            '--moduleResolution',
            resolution!,
            'use.ts',
          ]),
          { cwd: dir },
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
