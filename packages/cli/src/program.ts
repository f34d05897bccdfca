import { Command } from 'commander';
import { registerBatches } from './commands/batches.js';
import { registerClients } from './commands/clients.js';
import { registerDatasets } from './commands/datasets.js';
import { registerDefinitions } from './commands/definitions.js';
import { registerFlows } from './commands/flows.js';
import { registerJobs } from './commands/jobs.js';
import { registerJobLogs } from './commands/job-logs.js';
import { registerJobsBulk } from './commands/jobs-bulk.js';
import { registerKeys } from './commands/keys.js';
import { registerLogin } from './commands/login.js';
import { registerMembers } from './commands/members.js';
import { registerProjects } from './commands/projects.js';
import { registerQuality } from './commands/quality.js';
import { registerAudit } from './commands/audit.js';
import { registerRows } from './commands/rows.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerSheets } from './commands/sheets.js';
import { registerTasks } from './commands/tasks/index.js';
import { registerWebhooks } from './commands/webhooks.js';
import { registerWorker } from './commands/worker.js';
import { registerWorkspaces } from './commands/workspaces.js';
import { processIo, type Context, type Io } from './context.js';
import { EXIT, EXIT_CODES_HELP, reportError } from './errors.js';
import { cliVersion } from './version.js';

const ENVIRONMENT_HELP = `
Environment:
  BATCHYARD_PROFILE          profile to use when --profile is not given
  BATCHYARD_URL              server URL, when no profile is saved
  BATCHYARD_TOKEN            API key, when no profile is saved
  BATCHYARD_CLIENT_ID        API client id and secret, when no profile is saved and no token is set
  BATCHYARD_CLIENT_SECRET
  BATCHYARD_CONFIG_DIR       where profiles.json is kept (default $XDG_CONFIG_HOME/batchyard or ~/.config/batchyard)
  BATCHYARD_MAX_RETRIES      retries of a failed request (default 3)
  BATCHYARD_DEBUG            print the stack trace of unexpected errors
  BATCHYARD_*                server settings for \`batchyard serve\` (see batchyard serve --help)
`;

/**
 * The `batchyard` program. Subcommands are declared with `.command()` so they inherit the output
 * and exit settings: commander never exits the process itself, it throws.
 */
export function buildProgram(ctx: Context): Command {
  const program = new Command('batchyard')
    .description('Batchyard: batches of data, the tasks done on them and the jobs that move them.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP + ENVIRONMENT_HELP);
  program.helpCommand('help [command]', 'show help for a command');

  registerServe(program, ctx);
  registerWorker(program, ctx);
  registerLogin(program, ctx);
  registerWorkspaces(program, ctx);
  registerProjects(program, ctx);
  registerMembers(program, ctx);
  registerQuality(program, ctx);
  registerAudit(program, ctx);
  registerKeys(program, ctx);
  registerClients(program, ctx);
  registerJobs(program, ctx);
  registerJobLogs(program, ctx);
  registerJobsBulk(program, ctx);
  registerDefinitions(program, ctx);
  registerFlows(program, ctx);
  registerDatasets(program, ctx);
  registerBatches(program, ctx);
  registerRows(program, ctx);
  registerSearch(program, ctx);
  registerTasks(program, ctx);
  registerSheets(program, ctx);
  registerWebhooks(program, ctx);
  return program;
}

/** Runs the program on `argv` (without node and the script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const ctx: Context = { ...io, json: false };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return reportError(error, ctx);
  }
}
