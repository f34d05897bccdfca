import { InvalidArgumentError, type Command } from 'commander';
import { Batchyard, BatchyardError, type PagePromise } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printNote, printTable, selectColumns, type Column } from '../output.js';
import { resolveConnection, type Connection, type ConnectionFlags } from '../profiles.js';

export interface ClientFlags extends ConnectionFlags {
  json?: boolean;
}

export interface ListFlags extends ClientFlags {
  limit?: number;
  cursor?: string;
  sort?: string;
  fields?: string[];
  all?: boolean;
}

/** The options every command that talks to a server takes. */
export function withClientOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'profile to use (default: $BATCHYARD_PROFILE, else the default profile)')
    .option('--url <url>', "server URL (overrides the profile's)")
    .option('--token <token>', "API key or access token (overrides the profile's credential)")
    .option('--json', 'print machine-readable JSON on stdout');
}

/** The options of every `list` command. */
export function withListOptions(command: Command): Command {
  return withClientOptions(
    command
      .option('--limit <n>', 'items per page, 1-1000 (default 50)', integerArg(1, 1000))
      .option('--cursor <cursor>', 'start from this cursor (printed after a page that has more)')
      .option('--sort <spec>', 'sort order, e.g. name or createdAt:desc (comma-separated)')
      .option('--fields <names>', 'comma-separated fields to fetch and show (id is always included)', listArg)
      .option('--all', 'fetch every page, not just one'),
  );
}

/** The options of every `get` command. */
export function withGetOptions(command: Command): Command {
  return withClientOptions(
    command.option('--fields <names>', 'comma-separated fields to fetch and show', listArg),
  );
}

export function integerArg(min: number, max: number): (value: string) => number {
  return (value: string) => {
    if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}.`);
    return n;
  };
}

export function listArg(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected one or more comma-separated names.');
  return items;
}

/**
 * Wraps a command's action: records --json for error reporting, and hands the handler its
 * positional arguments and options.
 */
export function handler<O extends ClientFlags>(
  ctx: Context,
  fn: (args: string[], options: O, command: Command) => Promise<void>,
): (...params: unknown[]) => Promise<void> {
  return async (...params: unknown[]) => {
    const command = params.at(-1) as Command;
    const options = command.opts<O>();
    ctx.json = options.json === true;
    await fn(params.slice(0, -2) as string[], options, command);
  };
}

/** An SDK client for the resolved profile, flags and environment. */
export function connect(ctx: Context, flags: ClientFlags): { client: Batchyard; connection: Connection } {
  const connection = resolveConnection(ctx, flags);
  return { client: clientFor(ctx, connection), connection };
}

export function clientFor(ctx: Context, connection: Omit<Connection, 'profile'>): Batchyard {
  const retries = ctx.env.BATCHYARD_MAX_RETRIES;
  try {
    return new Batchyard({
      baseUrl: connection.url,
      ...(connection.token !== undefined
        ? { token: connection.token }
        : { clientCredentials: connection.clientCredentials }),
      ...(retries && /^\d+$/.test(retries) ? { maxRetries: Number(retries) } : {}),
    });
  } catch (error) {
    // The SDK refuses bad settings (an invalid URL, an empty token) before any request.
    if (error instanceof BatchyardError) throw new UsageError(error.message);
    throw error;
  }
}

/** List parameters from the list options. */
export function listParams(flags: ListFlags): {
  limit?: number;
  cursor?: string;
  sort?: string;
  fields?: string[];
} {
  return {
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
    ...(flags.cursor !== undefined ? { cursor: flags.cursor } : {}),
    ...(flags.sort !== undefined ? { sort: flags.sort } : {}),
    ...(flags.fields !== undefined ? { fields: flags.fields } : {}),
  };
}

type Row = Record<string, unknown>;

/**
 * Runs a list: one page (and a hint when there are more), or every page with --all; prints a
 * table, or `{data, nextCursor}` as JSON.
 */
export async function runList(
  ctx: Context,
  flags: ListFlags,
  spec: { plural: string; columns: readonly Column[]; fetch: () => PagePromise<Row> },
): Promise<void> {
  let data: Row[];
  let nextCursor: string | null;
  if (flags.all) {
    data = [];
    for await (const item of spec.fetch()) data.push(item);
    nextCursor = null;
  } else {
    const page = await spec.fetch();
    data = page.data;
    nextCursor = page.nextCursor;
  }

  if (ctx.json) {
    printJson(ctx, { data, nextCursor });
    return;
  }
  if (data.length === 0) {
    printNote(ctx, `No ${spec.plural} found.`);
  } else {
    printTable(ctx, selectColumns(spec.columns, flags.fields), data);
  }
  if (nextCursor !== null) {
    printNote(
      ctx,
      `More ${spec.plural}: add --cursor ${nextCursor} for the next page, or --all for every page.`,
    );
  }
}

/** Rows of the SDK's typed results, for the table helpers. */
export function asRow(value: object): Row {
  return value as Row;
}

export const ROLES = ['admin', 'editor', 'viewer', 'worker'] as const;

/** `workspaceId` of a credential: a workspace id, or null for instance-wide. */
export function formatScope(value: unknown): string {
  return value === null ? 'instance' : value === undefined ? '-' : String(value);
}

/** A credential's state from its revokedAt (and expiresAt, for keys). */
export function formatCredentialStatus(_value: unknown, row: Record<string, unknown>): string {
  if (typeof row.revokedAt === 'string') return 'revoked';
  if (typeof row.expiresAt === 'string' && Date.parse(row.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

/** The `workspaceId` for creating a credential: `--workspace <id>`, `--instance` (null) or the default. */
export function credentialScope(flags: { workspace?: string; instance?: boolean }): {
  workspaceId?: string | null;
} {
  if (flags.instance) return { workspaceId: null };
  if (flags.workspace !== undefined) return { workspaceId: flags.workspace };
  return {};
}

/** The `workspaceId` filter of a credential list: `--workspace <id>`, or `--instance` (`none`). */
export function credentialFilter(flags: { workspace?: string; instance?: boolean }): {
  workspaceId?: string;
} {
  if (flags.instance) return { workspaceId: 'none' };
  if (flags.workspace !== undefined) return { workspaceId: flags.workspace };
  return {};
}

const DURATION_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** An ISO 8601 time, or a duration from now (`90m`, `12h`, `30d`, `2w`), as an ISO timestamp. */
export function timeArg(value: string): string {
  const relative = /^\s*(\d+)\s*([mhdw])\s*$/.exec(value);
  if (relative) {
    return new Date(
      Date.now() + Number(relative[1]) * (DURATION_UNITS[relative[2] ?? 'd'] ?? 0),
    ).toISOString();
  }
  const time = /^\d{4}-\d\d-\d\d/.test(value.trim()) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 time (2030-01-31 or 2030-01-31T12:00:00Z) or a duration such as 90m, 12h, 30d or 2w.',
    );
  }
  return new Date(time).toISOString();
}

/**
 * The first `count` JSON lines of a job's artifact (errors.jsonl, failures.jsonl), reading no
 * further than needed; null when the job has no such artifact or it cannot be read.
 */
export async function firstArtifactLines<T>(
  client: Batchyard,
  job: { id: string; artifacts: readonly { name: string }[] },
  name: string,
  count: number,
): Promise<T[] | null> {
  if (!job.artifacts.some((a) => a.name === name)) return null;
  try {
    const response = await client.jobs.downloadArtifact(job.id, name);
    const reader = response.body?.getReader();
    if (!reader) return null;
    const decoder = new TextDecoder();
    let text = '';
    try {
      while (text.split('\n').length <= count) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return text
      .split('\n')
      .slice(0, count)
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as T];
        } catch {
          return [];
        }
      });
  } catch {
    return null;
  }
}
