// How a command reaches a server: the connection options, the SDK client they make, and the
// wrapper of every command's action.
import type { Command } from 'commander';
import { Batchyard, BatchyardError } from '@batchyard/sdk';
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import { resolveConnection, type Connection, type ConnectionFlags } from './profiles.js';

export interface ClientFlags extends ConnectionFlags {
  json?: boolean;
}

/** The options every command that talks to a server takes. */
export function withClientOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'profile to use (default: $BATCHYARD_PROFILE, else the default profile)')
    .option('--url <url>', "server URL (overrides the profile's)")
    .option('--token <token>', "API key or access token (overrides the profile's credential)")
    .option('--json', 'print machine-readable JSON on stdout');
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
