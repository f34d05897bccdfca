import type * as ServerModuleNamespace from '@batchyard/server';
import type { Config, ConfigInput } from '@batchyard/server';
import type { Context } from './context.js';
import { CliError, EXIT } from './errors.js';
import { printNote } from './output.js';

type ServerModule = typeof ServerModuleNamespace;

/**
 * Runs a long-lived process (`serve`, `worker`) until SIGTERM or SIGINT, then closes it. Signals are
 * handled from the start: one during start-up stops the process as soon as it is up; a second one
 * exits at once.
 */
export async function runUntilSignal(
  ctx: Context,
  input: ConfigInput,
  start: (server: ServerModule, config: Config) => Promise<{ close(): Promise<void> }>,
  stoppingNote: string,
): Promise<void> {
  let stop: ((signal: NodeJS.Signals) => void) | undefined;
  let early: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop) return stop(signal);
    if (early) {
      printNote(ctx, `${signal} again: exiting at once.`);
      process.exit(EXIT.unexpected);
    }
    early = signal;
    printNote(ctx, `${signal} during startup: stopping…`);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    // Loaded here, not at the top: the server's dependencies would slow every client command.
    const server = await import('@batchyard/server');
    let config: Config;
    try {
      config = server.loadConfig(input, ctx.env);
    } catch (error) {
      if (error instanceof server.ConfigError) throw new CliError(error.message, EXIT.usage);
      throw error;
    }
    if (early) return;
    const running = await start(server, config);
    await new Promise<void>((resolve, reject) => {
      let stopping = false;
      stop = (signal) => {
        if (stopping) {
          printNote(ctx, `${signal} again: exiting at once.`);
          process.exit(EXIT.unexpected);
        }
        stopping = true;
        printNote(ctx, `${signal}: ${stoppingNote}…`);
        running.close().then(resolve, reject);
      };
      if (early) stop(early);
    });
    printNote(ctx, 'Stopped.');
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
