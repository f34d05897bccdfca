import type { Command } from 'commander';
import type { MemberQuality } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { pastTimeArg } from '../args.js';
import { printJson, printLine, printTable, type Column } from '../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';

interface QualityFlags extends ClientFlags {
  project?: string;
  from?: string;
  to?: string;
  member?: string;
}

const ratio = (value: unknown) => (typeof value === 'number' ? value.toFixed(2) : '-');
const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '-');

const QUALITY_COLUMNS: readonly Column[] = [
  { header: 'MEMBER', field: 'memberId' },
  { header: 'NAME', field: 'name' },
  { header: 'ROLE', field: 'role' },
  { header: 'SUBMITTED', field: 'submitted' },
  { header: 'HOURS', field: 'activeHours' },
  { header: 'PER HOUR', field: 'throughputPerHour', format: ratio },
  {
    header: 'GOLD',
    field: 'gold',
    format: (_v, row) => String((row.gold as MemberQuality['gold']).answered),
  },
  {
    header: 'ACCURACY',
    field: 'gold',
    format: (_v, row) => percent((row.gold as MemberQuality['gold']).accuracy),
  },
  { header: 'AGREEMENT', field: 'agreement', format: percent },
  {
    header: 'VERDICTS',
    field: 'reviews',
    format: (_v, row) => String((row.reviews as MemberQuality['reviews']).verdicts),
  },
  {
    header: 'REJECTED',
    field: 'reviews',
    format: (_v, row) => percent((row.reviews as MemberQuality['reviews']).rejectionRate),
  },
];

/** `quality`: the per-member quality report of a project (managers, editors, admins). */
export function registerQuality(program: Command, ctx: Context): void {
  withClientOptions(
    program
      .command('quality')
      .description(
        "Per-member quality of a project's work: throughput, gold accuracy, agreement, rejection rate",
      )
      .requiredOption('--project <id>', 'the project')
      .option(
        '--from <time>',
        'work done at or after this time (ISO 8601, or 7d for 7 days ago; default 30d)',
        pastTimeArg,
      )
      .option(
        '--to <time>',
        'work done before this time (ISO 8601 or a duration ago; default now)',
        pastTimeArg,
      )
      .option('--member <id>', "only this member's row (zeros when they did nothing)"),
  ).action(
    handler<QualityFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      const params = {
        projectId: flags.project ?? '',
        ...(flags.from !== undefined ? { from: flags.from } : {}),
        ...(flags.to !== undefined ? { to: flags.to } : {}),
      };
      if (flags.member !== undefined) {
        const row = await client.quality.member(flags.member, params);
        if (ctx.json) printJson(ctx, row);
        else printTable(ctx, QUALITY_COLUMNS, [row as unknown as Record<string, unknown>]);
        return;
      }
      const report = await client.quality.report(params);
      if (ctx.json) return printJson(ctx, report);
      printLine(ctx, `Work from ${report.from} to ${report.to}:`);
      if (report.data.length === 0) printLine(ctx, 'No member worked on this project in that range.');
      else printTable(ctx, QUALITY_COLUMNS, report.data as unknown as Record<string, unknown>[]);
    }),
  );
}
