import type { Command } from 'commander';
import type { JobLogLine } from '@batchyard/sdk';
import { integerArg } from '../args.js';
import type { Context } from '../context.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { printLine, printNote } from '../output.js';

interface LogFlags extends ClientFlags {
  follow?: boolean;
  after?: number;
}

/** One line for humans: time, level, attempt when not the first, message, fields as compact JSON. */
export function formatLogLine(line: JobLogLine): string {
  const attempt = line.attempt > 1 ? `  [attempt ${line.attempt}]` : '';
  const fields = line.fields && Object.keys(line.fields).length > 0 ? `  ${JSON.stringify(line.fields)}` : '';
  return `${line.at}  ${line.level.toUpperCase().padEnd(5)}${attempt}  ${line.message}${fields}`;
}

/** `batchyard jobs logs <id> [-f]`, added to the `jobs` command that registerJobs made. */
export function registerJobLogs(program: Command, ctx: Context): void {
  const jobs = program.commands.find((command) => command.name() === 'jobs');
  if (!jobs) throw new Error('registerJobs must run before registerJobLogs');
  withClientOptions(
    jobs
      .command('logs')
      .alias('log')
      .description("Print a job's log lines (the newest 1,000 are kept); -f follows them until the job ends")
      .argument('<id>', 'job id')
      .option('-f, --follow', 'keep printing lines as the job writes them, until it has ended (or Ctrl-C)')
      .option('--after <seq>', 'only lines after this line number', integerArg(0, Number.MAX_SAFE_INTEGER))
      .addHelpText(
        'after',
        '\nWith --json, one JSON object per line (JSON Lines): {seq, at, level, message, fields?, attempt}.',
      ),
  ).action(
    handler<LogFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const lines = client.jobs.logs(id ?? '', {
          follow: flags.follow === true,
          ...(flags.after !== undefined ? { after: flags.after } : {}),
          signal: stop.signal,
          onDropped: (count) =>
            printNote(
              ctx,
              `… ${count} earlier line${count === 1 ? ' was' : 's were'} dropped (a job keeps its newest 1,000)`,
            ),
        });
        for await (const line of lines) {
          if (ctx.json) ctx.stdout.write(JSON.stringify(line) + '\n');
          else printLine(ctx, formatLogLine(line));
        }
      } catch (error) {
        if (!stop.signal.aborted) throw error;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    }),
  );
}
