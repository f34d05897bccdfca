import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
interface Workspace {
  id: string;
  name: string;
}

/** Exit code with the output in the failure message. */
function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard CLI against the real server on %s', (dialect) => {
  let server: TestServer;
  let configDir: string;
  let cli: ReturnType<typeof cliWith>;
  /** An instance-wide admin key of the "production" profile; the "sandbox" one is a workspace key. */
  let sandboxToken: string;
  let workspaceId: string;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    configDir = mkdtempSync(join(tmpdir(), 'batchyard-cli-'));
    cli = cliWith({ BATCHYARD_CONFIG_DIR: join(configDir, 'config') });
  });
  afterAll(async () => {
    await server?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('says so when not logged in, and uses BATCHYARD_URL and BATCHYARD_TOKEN when no profile exists', async () => {
    const none = await cli(['workspaces', 'list']);
    expectExit(none, 2);
    expect(none.stderr).toContain('not logged in');

    const viaEnv = await cli(['workspaces', 'list', '--json'], {
      env: { BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken },
    });
    expectExit(viaEnv, 0);
    expect(json<Page<Workspace>>(viaEnv).data).toEqual([]);
  });

  it('logs in with a token, saving two named profiles that never show their secrets', async () => {
    const bad = await cli(['login', '--profile', 'production', '--url', server.url, '--token', 'byk_nope']);
    expectExit(bad, 5);
    expect(bad.stderr).toMatch(/^error: .+\(invalid_token/m);

    const production = await cli([
      'login',
      '--profile',
      'production',
      '--url',
      server.url,
      '--token',
      server.adminToken,
    ]);
    expectExit(production, 0);
    expect(production.stdout).toContain('Saved profile "production" (default)');
    expect(production.stdout).not.toContain(server.adminToken);

    // A workspace and a workspace-scoped key for the second profile.
    const workspace = await cli(['workspaces', 'create', `cli-${dialect}`, '--json']);
    expectExit(workspace, 0);
    workspaceId = json<Workspace>(workspace).id;
    const key = await cli([
      'keys',
      'create',
      'sandbox',
      '--role',
      'editor',
      '--workspace',
      workspaceId,
      '--json',
    ]);
    expectExit(key, 0);
    sandboxToken = json<{ token: string }>(key).token;

    const sandbox = await cli(['login', '--profile', 'sandbox', '--url', server.url, '--token-stdin'], {
      input: sandboxToken + '\n',
    });
    expectExit(sandbox, 0);
    expect(sandbox.stdout).toContain('Saved profile "sandbox" in');
    expect(sandbox.stderr).toContain('batchyard profiles use sandbox');

    const file = join(configDir, 'config', 'profiles.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(configDir, 'config')).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      default: string;
      profiles: Record<string, unknown>;
    };
    expect(saved.default).toBe('production');
    expect(Object.keys(saved.profiles).sort()).toEqual(['production', 'sandbox']);

    const table = await cli(['profiles', 'list']);
    expectExit(table, 0);
    expect(table.stdout).toMatch(/^\*\s+production\s/m);
    expect(table.stdout).toMatch(/^\s+sandbox\s/m);
    const listed = await cli(['profiles', 'list', '--json']);
    expectExit(listed, 0);
    expect(json<{ name: string; default: boolean }[]>(listed).map((p) => [p.name, p.default])).toEqual([
      ['production', true],
      ['sandbox', false],
    ]);
    for (const output of [table.stdout + table.stderr, listed.stdout + listed.stderr]) {
      expect(output).not.toContain(server.adminToken);
      expect(output).not.toContain(sandboxToken);
    }
  });

  it('switches profiles with --profile, BATCHYARD_PROFILE and `profiles use`', async () => {
    const who = async (args: string[], env: Record<string, string> = {}) => {
      const result = await cli(['whoami', '--json', ...args], { env });
      expectExit(result, 0);
      return json<{ profile: string; name: string; workspaceId: string | null; role: string }>(result);
    };
    const [byDefault, byFlag, byEnv, flagOverEnv, sandboxList] = await Promise.all([
      who([]),
      who(['--profile', 'sandbox']),
      who([], { BATCHYARD_PROFILE: 'sandbox' }),
      who(['--profile', 'production'], { BATCHYARD_PROFILE: 'sandbox' }),
      cli(['workspaces', 'list', '--json', '--profile', 'sandbox']),
    ]);
    expect(byDefault).toMatchObject({ profile: 'production', workspaceId: null, role: 'admin' });
    expect(byFlag).toMatchObject({ profile: 'sandbox', name: 'sandbox', workspaceId, role: 'editor' });
    expect(byEnv).toMatchObject({ profile: 'sandbox' });
    expect(flagOverEnv).toMatchObject({ profile: 'production' });
    // The sandbox key sees its own workspace only.
    expect(json<Page<Workspace>>(sandboxList).data.map((w) => w.id)).toEqual([workspaceId]);

    expectExit(await cli(['profiles', 'use', 'sandbox']), 0);
    expect(await who([])).toMatchObject({ profile: 'sandbox' });
    expectExit(await cli(['profiles', 'use', 'production']), 0);
    expect(await who([])).toMatchObject({ profile: 'production' });

    const [missing, human] = await Promise.all([
      cli(['whoami', '--profile', 'staging']),
      cli(['whoami', '--profile', 'sandbox']),
    ]);
    expectExit(missing, 2);
    expect(missing.stderr).toContain('no profile named "staging"');
    expectExit(human, 0);
    expect(human.stdout).toMatch(/^Profile:\s+sandbox$/m);
    expect(human.stdout).not.toContain(sandboxToken);
  });

  it('creates, lists, gets, renames and deletes workspaces', async () => {
    const created = await cli(['workspaces', 'create', `ws-crud-${dialect}`]);
    expectExit(created, 0);
    const id = /^ID:\s+(ws_\S+)$/m.exec(created.stdout)?.[1];
    expect(id).toBeDefined();

    const [table, listedResult] = await Promise.all([
      cli(['workspaces', 'list']),
      cli(['workspaces', 'list', '--json']),
    ]);
    expectExit(table, 0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+WEIGHT\s+CREATED\s+UPDATED$/);
    expect(table.stdout).toMatch(new RegExp(`^${id}\\s+ws-crud-${dialect}\\s`, 'm'));
    const listed = json<Page<Workspace>>(listedResult);
    expect(listed.data.map((w) => w.id)).toContain(id);
    expect(listed.nextCursor).toBeNull();

    const renamed = await cli(['workspaces', 'rename', id!, `ws-renamed-${dialect}`, '--json']);
    expectExit(renamed, 0);
    expect(json<Workspace>(renamed).name).toBe(`ws-renamed-${dialect}`);

    const [got, projected] = await Promise.all([
      cli(['workspaces', 'get', id!]),
      cli(['workspaces', 'get', id!, '--fields', 'name', '--json']),
    ]);
    expectExit(got, 0);
    expect(got.stdout).toMatch(new RegExp(`^Name:\\s+ws-renamed-${dialect}$`, 'm'));
    expect(json(projected)).toEqual({ id, name: `ws-renamed-${dialect}` });

    const deleted = await cli(['workspaces', 'delete', id!]);
    expectExit(deleted, 0);
    expect(deleted.stdout).toContain(`Deleted workspace ${id}`);

    const [gone, goneJson] = await Promise.all([
      cli(['workspaces', 'get', id!]),
      cli(['workspaces', 'get', id!, '--json']),
    ]);
    expectExit(gone, 4);
    expect(gone.stderr).toMatch(/^error: .+ \(not_found, req_\S+\)$/m);
    expectExit(goneJson, 4);
    expect(goneJson.stdout).toBe('');
    expect(JSON.parse(goneJson.stderr)).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('creates, lists, updates and deletes projects', async () => {
    const schemaFile = join(configDir, 'schema.json');
    const taskSchema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
    writeFileSync(schemaFile, JSON.stringify(taskSchema));
    const created = await cli([
      'projects',
      'create',
      'labelling',
      '--workspace',
      workspaceId,
      '--description',
      'Cats and dogs',
      '--task-schema',
      schemaFile,
      '--json',
    ]);
    expectExit(created, 0);
    const project = json<{ id: string }>(created);
    expect(project).toMatchObject({ workspaceId, description: 'Cats and dogs', taskSchema });

    const [listed, table, nothing, badSchema] = await Promise.all([
      cli(['projects', 'list', '--workspace', workspaceId, '--json']),
      cli(['projects', 'list', '--profile', 'sandbox']),
      cli(['projects', 'update', project.id]),
      cli([
        'projects',
        'create',
        'x',
        '--workspace',
        workspaceId,
        '--task-schema',
        join(configDir, 'no.json'),
      ]),
    ]);
    expect(json<Page<{ id: string }>>(listed).data.map((p) => p.id)).toEqual([project.id]);
    expectExit(table, 0);
    expect(table.stdout).toMatch(
      new RegExp(`^${project.id}\\s+labelling\\s+${workspaceId}\\s+Cats and dogs\\s+yes\\s`, 'm'),
    );
    expectExit(nothing, 2);
    expect(nothing.stderr).toContain('nothing to update');
    expectExit(badSchema, 2);
    expect(badSchema.stderr).toContain('cannot read');

    const updated = await cli([
      'projects',
      'update',
      project.id,
      '--name',
      'labelling-v2',
      '--description',
      '',
      '--json',
    ]);
    expectExit(updated, 0);
    expect(json(updated)).toMatchObject({ name: 'labelling-v2', description: null, taskSchema });

    const got = await cli(['projects', 'get', project.id]);
    expectExit(got, 0);
    expect(got.stdout).toMatch(/^Name:\s+labelling-v2$/m);
    expect(got.stdout).toMatch(/^Description:\s+-$/m);

    expectExit(await cli(['projects', 'delete', project.id]), 0);
    const [afterGet, afterDelete] = await Promise.all([
      cli(['projects', 'get', project.id]),
      cli(['projects', 'delete', project.id]),
    ]);
    expectExit(afterGet, 4);
    expectExit(afterDelete, 4);
  });

  it('creates keys (printing the token once), lists them without tokens, gets and revokes them', async () => {
    const created = await cli([
      'keys',
      'create',
      'ci',
      '--role',
      'viewer',
      '--workspace',
      workspaceId,
      '--expires-at',
      '30d',
    ]);
    expectExit(created, 0);
    const token = /^Token: (\S+)$/m.exec(created.stdout)?.[1];
    const id = /^ID:\s+(key_\S+)$/m.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    expect(id).toBeDefined();
    expect(created.stdout.split(token!).length).toBe(2); // printed exactly once
    expect(created.stderr).toContain('shown only once');

    const [table, listed, instanceKeys, got, whoami, missing] = await Promise.all([
      cli(['keys', 'list', '--workspace', workspaceId]),
      cli(['keys', 'list', '--json', '--workspace', workspaceId]),
      cli(['keys', 'list', '--instance', '--json']),
      cli(['keys', 'get', id!, '--json']),
      cli(['whoami', '--token', token!, '--json']),
      cli(['keys', 'get', 'key_01nothinghere000000000000']),
    ]);
    expectExit(table, 0);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ID\s+NAME\s+ROLE\s+WORKSPACE\s+MEMBER\s+TOKEN\s+EXPIRES\s+LAST USED\s+STATUS$/,
    );
    expect(table.stdout).toMatch(
      new RegExp(`^${id}\\s+ci\\s+viewer\\s+${workspaceId}\\s+-\\s+…${token!.slice(-4)}\\s.*active$`, 'm'),
    );
    expect(table.stdout).not.toContain(token);
    expect(json<Page<{ id: string }>>(listed).data.map((k) => k.id)).toContain(id);
    expect(listed.stdout).not.toContain(token);
    const instanceWide = json<Page<{ workspaceId: string | null }>>(instanceKeys).data;
    expect(instanceWide.length).toBeGreaterThan(0);
    expect(instanceWide.every((k) => k.workspaceId === null)).toBe(true);
    expect(json(got)).toMatchObject({ id, name: 'ci', role: 'viewer', workspaceId, revokedAt: null });
    // The new key works...
    expect(json(whoami)).toMatchObject({ credentialId: id, role: 'viewer' });
    expectExit(missing, 4);

    // ...until revoked.
    const revoked = await cli(['keys', 'revoke', id!, '--json']);
    expectExit(revoked, 0);
    expect(json<{ revokedAt: string | null }>(revoked).revokedAt).not.toBeNull();
    const refused = await cli(['whoami', '--token', token!]);
    expectExit(refused, 5);
    expect(refused.stderr).toMatch(/^error: /m);
  });

  it('creates an API client and logs in with client credentials', async () => {
    const created = await cli([
      'clients',
      'create',
      'service',
      '--role',
      'viewer',
      '--workspace',
      workspaceId,
      '--json',
    ]);
    expectExit(created, 0);
    const apiClient = json<{ id: string; clientSecret: string }>(created);
    expect(created.stderr).toContain('shown only once');

    const [table, login] = await Promise.all([
      cli(['clients', 'list']),
      cli([
        'login',
        '--profile',
        'service',
        '--url',
        server.url,
        '--client-id',
        apiClient.id,
        '--client-secret',
        apiClient.clientSecret,
      ]),
    ]);
    expectExit(table, 0);
    expect(table.stdout).toMatch(new RegExp(`^${apiClient.id}\\s+service\\s+viewer\\s`, 'm'));
    expect(table.stdout).not.toContain(apiClient.clientSecret);
    expectExit(login, 0);

    const [who, profiles, forbidden] = await Promise.all([
      cli(['whoami', '--profile', 'service', '--json']),
      cli(['profiles', 'list']),
      // A viewer cannot create a workspace: permission error.
      cli(['workspaces', 'create', 'nope', '--profile', 'service']),
    ]);
    expect(json(who)).toMatchObject({ kind: 'client', credentialId: apiClient.id });
    expect(profiles.stdout).toMatch(new RegExp(`^\\s+service\\s+\\S+\\s+client ${apiClient.id}\\s`, 'm'));
    expect(profiles.stdout).not.toContain(apiClient.clientSecret);
    expectExit(forbidden, 5);

    const logout = await cli(['logout', '--profile', 'service']);
    expectExit(logout, 0);
    expect(logout.stderr).toContain(`batchyard clients revoke ${apiClient.id}`);
    expectExit(await cli(['whoami', '--profile', 'service']), 2);
  });

  it('pages: one page with a cursor hint, --cursor for the next one, --all for every page', async () => {
    const names = [0, 1, 2, 3, 4].map((i) => `page-${dialect}-${i}`);
    for (const result of await Promise.all(names.map((name) => cli(['workspaces', 'create', name])))) {
      expectExit(result, 0);
    }
    const [allResult, firstResult, allTable] = await Promise.all([
      cli(['workspaces', 'list', '--all', '--limit', '2', '--json']),
      cli(['workspaces', 'list', '--limit', '2', '--json']),
      cli(['workspaces', 'list', '--all', '--limit', '2']),
    ]);
    const all = json<Page<Workspace>>(allResult);
    expect(all.nextCursor).toBeNull();
    const total = all.data.length;
    expect(total).toBeGreaterThanOrEqual(6);
    expect(new Set(all.data.map((w) => w.id)).size).toBe(total);
    expect(all.data.map((w) => w.name)).toEqual(expect.arrayContaining(names));
    expect(allTable.stdout.trim().split('\n')).toHaveLength(total + 1); // header + every row
    expect(allTable.stderr).not.toContain('--cursor');

    const first = json<Page<Workspace>>(firstResult);
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const [second, table] = await Promise.all([
      cli(['workspaces', 'list', '--limit', '2', '--cursor', first.nextCursor!, '--json']),
      cli(['workspaces', 'list', '--limit', '2']),
    ]);
    expect(json<Page<Workspace>>(second).data.map((w) => w.id)).toEqual(
      all.data.slice(2, 4).map((w) => w.id),
    );
    expectExit(table, 0);
    expect(table.stdout.trim().split('\n')).toHaveLength(3); // header + 2 rows
    expect(table.stderr).toContain(`--cursor ${first.nextCursor}`);
  });

  it('exits 3 on other API errors and 5 on a bad token, with the problem on stderr', async () => {
    const [badSort, badSortJson, badToken] = await Promise.all([
      cli(['workspaces', 'list', '--sort', 'colour']),
      cli(['workspaces', 'list', '--sort', 'colour', '--json']),
      cli(['workspaces', 'list', '--token', 'byk_not_a_real_key']),
    ]);
    expectExit(badSort, 3);
    expect(badSort.stderr).toMatch(/^error: .+\(validation_failed, req_\S+\)$/m);
    expect(badSort.stderr).toMatch(/^ {2}- query \/sort /m);
    expectExit(badSortJson, 3);
    expect(badSortJson.stdout).toBe('');
    expect(JSON.parse(badSortJson.stderr)).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [{ in: 'query', pointer: '/sort' }],
    });
    expectExit(badToken, 5);
    expect(badToken.stderr).toMatch(/^error: .+\(invalid_token, req_\S+\)$/m);
  });
});

describe('batchyard CLI without a server', () => {
  let configDir: string;
  let cli: ReturnType<typeof cliWith>;
  beforeAll(() => {
    assertBuilt();
    configDir = mkdtempSync(join(tmpdir(), 'batchyard-cli-'));
    cli = cliWith({
      BATCHYARD_CONFIG_DIR: configDir,
      BATCHYARD_URL: 'http://127.0.0.1:9',
      BATCHYARD_TOKEN: 'x',
    });
  });
  afterAll(() => {
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('exits 2 on usage errors, before any request', async () => {
    const cases: [string[], string][] = [
      [['workspaces', 'list', '--bogus'], "unknown option '--bogus'"],
      [['workspaces', 'get'], "missing required argument 'id'"],
      [['workspaces', 'list', '--limit', 'ten'], 'expected a whole number'],
      [['keys', 'create', 'x'], 'pass --role <role>, or --member <id> for a member key'],
      [['keys', 'create', 'x', '--role', 'root'], 'Allowed choices are admin, editor, viewer, worker'],
      [
        ['keys', 'create', 'x', '--role', 'viewer', '--instance', '--workspace', 'ws_1'],
        'cannot be used with',
      ],
      [['keys', 'create', 'x', '--role', 'viewer', '--expires-at', 'soon'], 'ISO 8601'],
      [['nonsense'], "unknown command 'nonsense'"],
      [['login', '--url', 'http://127.0.0.1:9'], 'pass a credential'],
      [['login', '--url', 'http://127.0.0.1:9', '--token', 'a', '--client-id', 'b'], 'only one of'],
      [['profiles', 'use', 'nobody'], 'no profile named "nobody"'],
      [['workspaces', 'list', '--url', 'not a url'], 'Invalid baseUrl'],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    results.forEach((result, i) => {
      expectExit(result, 2);
      expect(result.stderr).toContain(cases[i]![1]);
    });
  });

  it('exits 3 when the server cannot be reached', async () => {
    const result = await cli(['workspaces', 'list'], { env: { BATCHYARD_MAX_RETRIES: '0' } });
    expectExit(result, 3);
    expect(result.stderr).toMatch(/^error: Connection error/m);
    const asJson = await cli(['workspaces', 'list', '--json'], { env: { BATCHYARD_MAX_RETRIES: '0' } });
    expectExit(asJson, 3);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ code: 'connection_error' });
  });

  it('documents the exit codes in --help', async () => {
    const help = await cli(['--help']);
    expectExit(help, 0);
    expect(help.stdout).toContain('Exit codes:');
    for (const code of [
      '0  success',
      '2  usage error',
      '3  API error',
      '4  not found',
      '5  authentication',
    ]) {
      expect(help.stdout).toContain(code);
    }
  });
});
