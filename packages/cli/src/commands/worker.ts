import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { printLine, printNote } from '../output.js';
import { handler } from '../connect.js';
import { runUntilSignal } from '../lifecycle.js';
import { addConfigOptions, configInputOf, describeDatabase } from '../serve-options.js';

export function registerWorker(program: Command, ctx: Context): void {
  const worker = program
    .command('worker')
    .description(
      'Run jobs and schedules only, with no API (for PostgreSQL deployments split into processes)',
    );
  const attributes = addConfigOptions(worker);
  worker.option(
    '--metrics-port <port>',
    'answer GET /metrics, /healthz and /readyz on this port, 0 for any free one (default: no listener) [env BATCHYARD_WORKER_METRICS_PORT]',
  );
  worker.addHelpText(
    'after',
    `
Takes the same settings as \`batchyard serve\` (the HTTP ones are ignored, except --host for the
metrics port). Point it at the database of
the API processes (\`batchyard serve --no-worker\`). SIGTERM or SIGINT stops it: running jobs get 10 s to
finish, then are handed back to the queue.`,
  );
  worker.action(
    handler(ctx, async (_args, _options, command) => {
      const metricsPort = parseMetricsPort(
        command.opts<{ metricsPort?: string }>().metricsPort ?? ctx.env.BATCHYARD_WORKER_METRICS_PORT,
      );
      await runUntilSignal(
        ctx,
        configInputOf(command, attributes),
        async (server, config) => {
          const running = await server.startWorker(config, { metricsPort });
          printLine(ctx, 'Batchyard worker is running');
          printLine(ctx, `  Database:     ${describeDatabase(config.databaseUrl)}`);
          printLine(ctx, `  Concurrency:  ${config.jobConcurrency} job(s) at once`);
          if (running.metricsUrl) printLine(ctx, `  Metrics:      ${running.metricsUrl}/metrics`);
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

/** The metrics port from the flag or the environment: an integer 0–65535, or none. */
function parseMetricsPort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new CliError(`--metrics-port must be a port number from 0 to 65535, not "${value}".`, EXIT.usage);
  }
  return port;
}
