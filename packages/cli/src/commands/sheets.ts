import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Sheet, SheetCreateParams, SheetPatch, SheetRow, SheetUpdateParams } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printNote, printTable, type Column } from '../output.js';
import { choiceArg, integerArg } from '../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';

interface FileFlags extends ClientFlags {
  file?: string;
}

interface GetFlags extends ClientFlags {
  all?: boolean;
  order?: 'asc' | 'desc';
  limit?: number;
  startKey?: string;
}

/** A JSON file (`-` reads stdin). */
function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function readObject(path: string): Record<string, unknown> {
  const value = readJsonFile(path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${path} must hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A cell as `7`, `7 (L1=2 L2=5)` or `(L1=2)`. */
function formatCell(value: unknown): string {
  if (!value || typeof value !== 'object') return '-';
  const cell = value as { value?: number | null; lots?: Record<string, number> };
  const lots = Object.entries(cell.lots ?? {}).map(([lot, amount]) => `${lot}=${amount}`);
  const own = cell.value === null || cell.value === undefined ? '' : String(cell.value);
  if (lots.length === 0) return own || '-';
  return `${own}${own ? ' ' : ''}(${lots.join(' ')})`;
}

/** The rows as a table: one column per sheet column. */
function showRows(ctx: Context, sheet: Pick<Sheet, 'columns'>, rows: readonly SheetRow[]): void {
  const columns: Column[] = [
    { header: 'KEY', field: 'key' },
    { header: 'ROW', field: 'id' },
    { header: 'NAME', field: 'name' },
    ...sheet.columns.map((c) => ({
      header: c.name.toUpperCase(),
      field: `values`,
      format: (value: unknown) => formatCell((value as Record<string, unknown> | undefined)?.[c.id]),
    })),
  ];
  printTable(ctx, columns, rows as unknown as Record<string, unknown>[]);
}

function describeColumns(sheet: Pick<Sheet, 'columns'>): string {
  return sheet.columns
    .map((c) => `${c.id} (${c.name}${c.lots.length ? `; lots ${c.lots.map((l) => l.id).join(', ')}` : ''})`)
    .join(', ');
}

function showSheet(ctx: Context, sheet: Sheet): void {
  if (ctx.json) {
    printJson(ctx, sheet);
    return;
  }
  printLine(ctx, `Sheet of ${sheet.taskId}: ${sheet.size} rows; columns ${describeColumns(sheet)}`);
  if (sheet.rows.length > 0) showRows(ctx, sheet, sheet.rows);
  if (sheet.lastKey !== null) {
    printNote(ctx, `More rows: add --start-key ${sheet.lastKey} for the next page, or --all for every row.`);
  }
}

export function registerSheets(program: Command, ctx: Context): void {
  const sheets = program
    .command('sheets')
    .alias('sheet')
    .description('Per-task sheets: rows × columns of amounts, with per-lot breakdown');

  withClientOptions(
    sheets
      .command('create')
      .description("Create a task's sheet (once)")
      .argument('<taskId>', 'task id')
      .requiredOption(
        '--file <path>',
        "a JSON file: { columns: [{ id?, name, lots?: [{ id?, name }] }], rows?: [{ id?, name, values? }] } ('-' reads stdin)",
      ),
  ).action(
    handler<FileFlags>(ctx, async ([taskId], flags) => {
      const body = readObject(flags.file ?? '') as unknown as SheetCreateParams;
      const { client } = connect(ctx, flags);
      showSheet(ctx, await client.sheets.create(taskId ?? '', body));
    }),
  );

  withClientOptions(
    sheets
      .command('get')
      .description("Show a task's sheet, a page of rows at a time")
      .argument('<taskId>', 'task id')
      .option('--order <order>', 'asc (default) or desc', choiceArg(['asc', 'desc'] as const))
      .option('--limit <n>', 'rows per page, 1-1000 (default 100)', integerArg(1, 1000))
      .option('--start-key <key>', 'start after this key (the lastKey of the previous page)')
      .option('--all', 'every row, not just one page'),
  ).action(
    handler<GetFlags>(ctx, async ([taskId], flags) => {
      const { client } = connect(ctx, flags);
      const params = {
        ...(flags.order !== undefined ? { order: flags.order } : {}),
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      };
      if (!flags.all) {
        showSheet(
          ctx,
          await client.sheets.get(taskId ?? '', {
            ...params,
            ...(flags.startKey !== undefined ? { startKey: flags.startKey } : {}),
          }),
        );
        return;
      }
      if (flags.startKey !== undefined)
        throw new UsageError('--all reads from the start: leave --start-key out');
      const rows: SheetRow[] = [];
      for await (const row of client.sheets.iterate(taskId ?? '', params)) rows.push(row);
      // The columns (and size) as they are now.
      const head = await client.sheets.get(taskId ?? '', { limit: 1 });
      showSheet(ctx, { ...head, rows, size: Math.max(head.size, rows.length), lastKey: null });
    }),
  );

  withClientOptions(
    sheets
      .command('update')
      .description('Add columns, lots or rows to a sheet')
      .argument('<taskId>', 'task id')
      .requiredOption(
        '--file <path>',
        "a JSON file: { addColumns?, addLots?: [{ columnId, lots }], addRows? } ('-' reads stdin)",
      ),
  ).action(
    handler<FileFlags>(ctx, async ([taskId], flags) => {
      const body = readObject(flags.file ?? '') as unknown as SheetUpdateParams;
      const { client } = connect(ctx, flags);
      showSheet(ctx, await client.sheets.update(taskId ?? '', body));
    }),
  );

  withClientOptions(
    sheets
      .command('patch')
      .description('Add, update or delete values, all or nothing (a stale oldValue rejects the whole list)')
      .argument('<taskId>', 'task id')
      .requiredOption(
        '--file <path>',
        "a JSON array (or { patches: [...] }) of { rowId, colId, lotId?, operation: add|update|delete, newValue?, oldValue? } ('-' reads stdin)",
      ),
  ).action(
    handler<FileFlags>(ctx, async ([taskId], flags) => {
      const value = readJsonFile(flags.file ?? '');
      const patches = Array.isArray(value)
        ? value
        : value && typeof value === 'object' && Array.isArray((value as { patches?: unknown }).patches)
          ? (value as { patches: unknown[] }).patches
          : undefined;
      if (!patches || patches.length === 0) {
        throw new UsageError(`${flags.file}: expected a non-empty array of patches (or { patches: [...] })`);
      }
      const { client } = connect(ctx, flags);
      const result = await client.sheets.patch(taskId ?? '', patches as SheetPatch[]);
      if (ctx.json) printJson(ctx, result);
      else printLine(ctx, `applied ${result.applied} patch(es)`);
    }),
  );
}
