import type { Command } from 'commander';
import type { Context } from '../context.js';
import { printLine, printNote } from '../output.js';
import { handler } from './common.js';
import { runUntilSignal } from './lifecycle.js';
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
      await runUntilSignal(
        ctx,
        configInputOf(command, attributes),
        async (server, config) => {
          const running = await server.startWorker(config);
          printLine(ctx, 'Batchyard worker is running');
          printLine(ctx, `  Database:     ${describeDatabase(config.databaseUrl)}`);
          printLine(ctx, `  Concurrency:  ${config.jobConcurrency} job(s) at once`);
          if (config.databaseUrl.startsWith('sqlite:')) {
            printNote(
              ctx,
              'note: on SQLite, processes share no notifications: jobs are picked up by polling (about every second).',
            );
          }
          return running;
        },
        'stopping (handing running jobs back to the queue)',
      );
    }),
  );
}
