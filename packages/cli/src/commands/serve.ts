import type { Command } from 'commander';
import type { Config, ConfigInput, RunningServer } from '@batchyard/server';
import type { Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { printLine } from '../output.js';
import { handler } from '../connect.js';
import { runUntilSignal } from '../lifecycle.js';
import { addConfigOptions, configInputOf, describeDatabase } from '../serve-options.js';

export function registerServe(program: Command, ctx: Context): void {
  const serve = program
    .command('serve')
    .description('Run the Batchyard server (API, dashboard and job runner) on this machine');
  const attributes = addConfigOptions(serve);
  serve.addHelpText(
    'after',
    `
Flags override environment variables, which override the defaults. On first start the server creates
an instance admin key, prints it once and keeps it in <data-dir>/admin-key (mode 0600).
SIGTERM or SIGINT stops it gracefully: requests in flight finish, running jobs are handed back.`,
  );
  serve.action(
    handler(ctx, async (_args, _options, command) => {
      await serveUntilSignal(ctx, configInputOf(command, attributes));
    }),
  );
}

async function serveUntilSignal(ctx: Context, input: ConfigInput): Promise<void> {
  await runUntilSignal(
    ctx,
    input,
    async (server, config) => {
      let running: RunningServer;
      try {
        running = await server.startServer(config);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new CliError(
            `cannot listen on ${config.host}:${config.port} (${code}); choose another with --host/--port or BATCHYARD_HOST/BATCHYARD_PORT`,
            EXIT.unexpected,
          );
        }
        throw error;
      }
      printBanner(ctx, config, running);
      return running;
    },
    'shutting down (finishing requests in flight, handing back running jobs)',
  );
}

function printBanner(
  ctx: Context,
  config: Config,
  running: { url: string; adminKeyPath: string; createdAdminKey: string | null },
): void {
  const { url } = running;
  printLine(ctx, `Batchyard is running at ${url}`);
  printLine(ctx, `  API docs:  ${url}/docs`);
  printLine(ctx, `  Database:  ${describeDatabase(config.databaseUrl)}`);
  printLine(ctx, `  Jobs:      ${config.worker ? 'run in this process' : 'not run here (--no-worker)'}`);
  printLine(ctx);
  if (running.createdAdminKey) {
    printLine(ctx, `Admin key (created now, shown only this once; also saved in ${running.adminKeyPath}):`);
    printLine(ctx, `  ${running.createdAdminKey}`);
    printLine(ctx);
    printLine(ctx, 'Log in with:');
    printLine(ctx, `  batchyard login --url ${url} --token ${running.createdAdminKey}`);
  } else if (running.adminKeyPath) {
    printLine(ctx, `Admin key: in ${running.adminKeyPath} (created on first start)`);
    printLine(ctx);
    printLine(ctx, 'Log in with:');
    printLine(ctx, `  batchyard login --url ${url} --token "$(cat ${running.adminKeyPath})"`);
  } else {
    printLine(
      ctx,
      'Admin key: its file was removed after first start; log in with any key you created since:',
    );
    printLine(ctx, `  batchyard login --url ${url} --token <token>`);
  }
}
