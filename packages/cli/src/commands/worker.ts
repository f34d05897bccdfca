import type { Command } from 'commander';
import type { Config, RunningWorker } from '@batchyard/server';
import type { Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { printLine, printNote } from '../output.js';
import { handler } from './common.js';
import { addConfigOptions, configInputOf, describeDatabase } from './serve.js';

export function registerWorker(program: Command, ctx: Context): void {
  const worker = program
    .command('worker')
    .description(
      'Run jobs and schedules only, with no API (for PostgreSQL deployments split into processes)',
    );
  const attributes = addConfigOptions(worker);
  worker.addHelpText(
    'after',
    `
Takes the same settings as \`batchyard serve\` (the HTTP ones are ignored). Point it at the database of
the API processes (\`batchyard serve --no-worker\`). SIGTERM or SIGINT stops it: running jobs get 10 s to
finish, then are handed back to the queue.`,
  );
  worker.action(
    handler(ctx, async (_args, _options, command) => {
      const input = configInputOf(command, attributes);
      // Signals from the start: one during startup stops the worker as soon as it is up.
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
        const { loadConfig, ConfigError, startWorker } = await import('@batchyard/server');
        let config: Config;
        try {
          config = loadConfig(input, ctx.env);
        } catch (error) {
          if (error instanceof ConfigError) throw new CliError(error.message, EXIT.usage);
          throw error;
        }
        if (early) return;
        const running: RunningWorker = await startWorker(config);
        printLine(ctx, 'Batchyard worker is running');
        printLine(ctx, `  Database:     ${describeDatabase(config.databaseUrl)}`);
        printLine(ctx, `  Concurrency:  ${config.jobConcurrency} job(s) at once`);
        if (config.databaseUrl.startsWith('sqlite:')) {
          printNote(
            ctx,
            'note: on SQLite, processes share no notifications: jobs are picked up by polling (about every second).',
          );
        }
        await new Promise<void>((resolve, reject) => {
          let stopping = false;
          stop = (signal) => {
            if (stopping) {
              printNote(ctx, `${signal} again: exiting at once.`);
              process.exit(EXIT.unexpected);
            }
            stopping = true;
            printNote(ctx, `${signal}: stopping (handing running jobs back to the queue)…`);
            running.close().then(resolve, reject);
          };
          if (early) stop(early);
        });
        printNote(ctx, 'Stopped.');
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
    }),
  );
}
