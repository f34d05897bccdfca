import type { Command } from 'commander';
import type { Me } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printNote, printRecord, printTable, type Column } from '../output.js';
import {
  checkProfileName,
  readProfiles,
  requestedProfile,
  writeProfiles,
  type Connection,
  type Profile,
} from '../profiles.js';
import { clientFor, connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { formatScope } from '../credentials.js';

interface LoginFlags {
  profile?: string;
  url?: string;
  token?: string;
  tokenStdin?: boolean;
  clientId?: string;
  clientSecret?: string;
  default?: boolean;
  json?: boolean;
}

const PROFILE_COLUMNS: readonly Column[] = [
  { header: 'DEFAULT', field: 'default', format: (value) => (value ? '*' : '') },
  { header: 'NAME', field: 'name' },
  { header: 'URL', field: 'url' },
  {
    header: 'AUTH',
    field: 'auth',
    format: (value, row) => (value === 'client' ? `client ${String(row.clientId)}` : 'token'),
  },
  { header: 'CREDENTIAL', field: 'credentialName' },
  { header: 'ROLE', field: 'role' },
  { header: 'WORKSPACE', field: 'workspaceId', format: formatScope },
];

export function registerLogin(program: Command, ctx: Context): void {
  program
    .command('login')
    .description('Check a credential against a server and save it as a named profile')
    .option('--profile <name>', 'profile to save (default: $BATCHYARD_PROFILE, else "default")')
    .option('--url <url>', 'server URL, e.g. http://localhost:8080 (default: $BATCHYARD_URL)')
    .option('--token <token>', 'an API key (visible in the process list: prefer --token-stdin)')
    .option('--token-stdin', 'read the API key from stdin')
    .option('--client-id <id>', 'an API client id (OAuth2 client credentials), with --client-secret')
    .option('--client-secret <secret>', "the API client's secret (default: $BATCHYARD_CLIENT_SECRET)")
    .option('--default', 'make this the default profile (the first profile saved always is)')
    .option('--json', 'print machine-readable JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  batchyard login --url http://localhost:8080 --token-stdin < admin-key
  batchyard login --profile production --url https://batchyard.example.com --token "$TOKEN"
  batchyard login --profile sandbox --url http://localhost:8080 --client-id cli_… --client-secret …

Profiles are kept in $BATCHYARD_CONFIG_DIR, else $XDG_CONFIG_HOME/batchyard, else ~/.config/batchyard
(profiles.json, readable by you alone).`,
    )
    .action(handler<LoginFlags>(ctx, (_args, flags) => login(ctx, flags)));

  program
    .command('logout')
    .description('Forget a saved profile (the credential itself keeps working until revoked)')
    .option('--profile <name>', 'profile to remove (default: $BATCHYARD_PROFILE, else the default profile)')
    .option('--json', 'print machine-readable JSON on stdout')
    .action(handler<{ profile?: string; json?: boolean }>(ctx, async (_args, flags) => logout(ctx, flags)));

  const profiles = program.command('profiles').description('List the saved profiles and choose the default');
  profiles
    .command('list', { isDefault: true })
    .description('List the saved profiles (never their secrets); * marks the default')
    .option('--json', 'print machine-readable JSON on stdout')
    .action(handler<{ json?: boolean }>(ctx, async () => listProfiles(ctx)));
  profiles
    .command('use')
    .description('Make a profile the default')
    .argument('<name>', 'profile name')
    .option('--json', 'print machine-readable JSON on stdout')
    .action(handler<{ json?: boolean }>(ctx, async ([name]) => useProfile(ctx, name ?? '')));

  withClientOptions(program.command('whoami').description('Show the server and credential in use')).action(
    handler<ClientFlags>(ctx, async (_args, flags) => {
      const { client, connection } = connect(ctx, flags);
      const me = await client.me();
      const result = { profile: connection.profile, url: client.baseUrl, ...me };
      if (ctx.json) {
        printJson(ctx, result);
        return;
      }
      printRecord(ctx, result, {
        profile: (value) => (value === null ? '(none: flags and environment)' : String(value)),
        kind: (value) => (value === 'client' ? 'API client' : 'API key'),
        workspaceId: formatScope,
      });
    }),
  );
}

async function login(ctx: Context, flags: LoginFlags): Promise<void> {
  const name = checkProfileName(requestedProfile(ctx, flags) ?? 'default');
  const url = flags.url ?? (ctx.env.BATCHYARD_URL || undefined);
  if (!url) throw new UsageError('pass the server with --url <url> (or set BATCHYARD_URL)');

  const chosen = [flags.token !== undefined, flags.tokenStdin === true, flags.clientId !== undefined].filter(
    Boolean,
  ).length;
  if (chosen > 1) throw new UsageError('pass only one of --token, --token-stdin and --client-id');
  if (chosen === 0) {
    throw new UsageError(
      'pass a credential: --token <token>, --token-stdin, or --client-id <id> with --client-secret <secret>',
    );
  }
  const clientSecret = flags.clientSecret ?? (ctx.env.BATCHYARD_CLIENT_SECRET || undefined);
  if (flags.clientId === undefined && flags.clientSecret !== undefined) {
    throw new UsageError('--client-secret goes with --client-id');
  }

  const connection: Omit<Connection, 'profile'> = { url };
  const profile: Profile = { url };
  if (flags.clientId !== undefined) {
    if (!clientSecret) throw new UsageError('--client-id needs --client-secret (or BATCHYARD_CLIENT_SECRET)');
    connection.clientCredentials = { clientId: flags.clientId, clientSecret };
    profile.clientId = flags.clientId;
    profile.clientSecret = clientSecret;
  } else {
    const token = flags.tokenStdin ? await readToken(ctx) : (flags.token ?? '');
    if (token === '') throw new UsageError('the token is empty');
    connection.token = token;
    profile.token = token;
  }

  // Nothing is saved unless the server accepts the credential.
  const client = clientFor(ctx, connection);
  const me = await client.me();
  profile.url = client.baseUrls.join(','); // every API process given, for failover
  profile.credential = {
    id: me.credentialId,
    kind: me.kind,
    name: me.name,
    role: me.role,
    workspaceId: me.workspaceId,
  };
  profile.savedAt = new Date().toISOString();

  const file = readProfiles(ctx);
  file.profiles[name] = profile;
  const makeDefault = flags.default === true || file.default === null || !file.profiles[file.default];
  if (makeDefault) file.default = name;
  const path = writeProfiles(ctx, file);

  if (ctx.json) {
    printJson(ctx, { profile: name, default: file.default === name, url: profile.url, path, credential: me });
    return;
  }
  printLine(ctx, `Logged in to ${profile.url} as ${describeCredential(me)}.`);
  printLine(ctx, `Saved profile "${name}"${file.default === name ? ' (default)' : ''} in ${path}.`);
  if (file.default !== name) {
    printNote(ctx, `Use it with --profile ${name}, or make it the default: batchyard profiles use ${name}`);
  }
}

function describeCredential(me: Me): string {
  const kind = me.kind === 'client' ? 'API client' : 'API key';
  const scope = me.workspaceId === null ? 'instance-wide' : `workspace ${me.workspaceId}`;
  return `"${me.name}" (${kind} ${me.credentialId}, role ${me.role}, ${scope})`;
}

async function readToken(ctx: Context): Promise<string> {
  if (ctx.stdin.isTTY) ctx.stderr.write('Paste the API key, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function logout(ctx: Context, flags: { profile?: string }): Promise<void> {
  const file = readProfiles(ctx);
  const name = requestedProfile(ctx, flags) ?? file.default;
  if (name === null) throw new UsageError('no default profile: say which with --profile <name>');
  const profile = file.profiles[name];
  if (!profile) throw new UsageError(`no profile named "${name}"`);
  delete file.profiles[name];
  const remaining = Object.keys(file.profiles);
  let promoted: string | null = null;
  if (file.default === name || file.default === null) {
    // The last profile left becomes the default; with several, the user chooses.
    promoted = remaining.length === 1 ? (remaining[0] ?? null) : null;
    file.default = promoted;
  }
  const path = writeProfiles(ctx, file);
  if (ctx.json) {
    printJson(ctx, { profile: name, removed: true, path });
    return;
  }
  printLine(ctx, `Removed profile "${name}" (${profile.url}) from ${path}.`);
  if (profile.credential) {
    const command = profile.credential.kind === 'client' ? 'clients' : 'keys';
    printNote(
      ctx,
      `The credential still works: revoke it with \`batchyard ${command} revoke ${profile.credential.id}\` if it should stop.`,
    );
  }
  if (promoted !== null) {
    printNote(ctx, `"${promoted}" is now the default profile.`);
  } else if (file.default === null && remaining.length > 0) {
    printNote(
      ctx,
      `No default profile now; choose one with: batchyard profiles use <${remaining.join('|')}>`,
    );
  }
}

async function listProfiles(ctx: Context): Promise<void> {
  const file = readProfiles(ctx);
  const rows = Object.entries(file.profiles).map(([name, profile]) => ({
    name,
    default: file.default === name,
    url: profile.url,
    auth: profile.clientId !== undefined ? 'client' : 'token',
    ...(profile.clientId !== undefined ? { clientId: profile.clientId } : {}),
    credentialId: profile.credential?.id ?? null,
    credentialName: profile.credential?.name ?? null,
    role: profile.credential?.role ?? null,
    workspaceId: profile.credential ? profile.credential.workspaceId : undefined,
    savedAt: profile.savedAt ?? null,
  }));
  if (ctx.json) {
    printJson(ctx, rows);
    return;
  }
  if (rows.length === 0) {
    printNote(ctx, 'No profiles saved yet: run batchyard login --url <url> --token <token>');
    return;
  }
  printTable(ctx, PROFILE_COLUMNS, rows);
}

async function useProfile(ctx: Context, rawName: string): Promise<void> {
  const name = checkProfileName(rawName);
  const file = readProfiles(ctx);
  const profile = file.profiles[name];
  if (!profile) {
    const known = Object.keys(file.profiles);
    throw new UsageError(
      `no profile named "${name}"${known.length > 0 ? ` (saved profiles: ${known.join(', ')})` : ''}`,
    );
  }
  file.default = name;
  const path = writeProfiles(ctx, file);
  if (ctx.json) printJson(ctx, { default: name, url: profile.url, path });
  else printLine(ctx, `Default profile is now "${name}" (${profile.url}).`);
}
