import type { Principal } from '../../auth/principal.js';
import { NonRetryableError, type JobContext } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import type { Store } from '../../store/index.js';
import { findDataset } from '../../store/queries/datasets.js';
import { scanRows, type RowColumn, type StoredRow } from '../../store/rows/index.js';
import { auditRow } from '../audit/service.js';
import { parseColumns, requireColumn } from '../datasets/columns.js';
import type { Column } from '../datasets/schema.js';
import { fromStored } from '../datasets/values.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import type { ItemResult, TaskCreation } from './create.js';
import { jobPrincipal } from './review.js';
import type { NewTask, TasksFromRowsInput } from './schema.js';
import type { TaskValidators } from './validators.js';

/** Rows read, checked and created at a time (one transaction and one checkpoint each). */
const ROWS_CHUNK = 1000;
/** Failed rows the job's result lists (the counts cover them all). */
const LISTED_FAILURES = 100;

/** What a `tasks.from_rows` job is given: the columns by id, checked when it was started. */
interface FromRowsArguments {
  batchId: string;
  nameColumn: string | null;
  namePrefix: string | null;
  dataColumns: string[];
  resourcesColumn: string | null;
  onExisting: 'error' | 'skip';
  dataCheck: boolean;
  principal?: Parameters<typeof jobPrincipal>[0];
}

interface FromRowsCounts {
  rows: number;
  created: number;
  skipped: number;
  failed: number;
  failures: Pick<ItemResult, 'index' | 'name' | 'error'>[];
}

/** The result of a `tasks.from_rows` job; `index` is the row's place in the batch (row id order). */
export type FromRowsResult = { batchId: string } & FromRowsCounts;

/** The columns a request names, each a column of the dataset; errors point at the field. */
function pickColumns(columns: readonly Column[], input: TasksFromRowsInput) {
  if (input.nameColumn === undefined && input.namePrefix === undefined)
    throw badField('body', '/nameColumn', 'give nameColumn, or namePrefix to name the tasks by row id');
  const name =
    input.nameColumn === undefined ? null : requireColumn(columns, input.nameColumn, 'body', '/nameColumn');
  if (name?.type === 'json')
    throw badField(
      'body',
      '/nameColumn',
      `column "${name.name}" is json; a name comes from a column of plain values`,
    );
  const data =
    input.dataColumns === undefined
      ? [...columns]
      : input.dataColumns.map((key, i) => requireColumn(columns, key, 'body', `/dataColumns/${i}`));
  data.forEach((column, i) => {
    if (data.indexOf(column) !== i)
      throw badField('body', `/dataColumns/${i}`, `column "${column.name}" is listed twice`);
  });
  const resources =
    input.resourcesColumn === undefined
      ? null
      : requireColumn(columns, input.resourcesColumn, 'body', '/resourcesColumn');
  if (resources && resources.type !== 'text')
    throw badField(
      'body',
      '/resourcesColumn',
      `column "${resources.name}" is ${resources.type}; resources come from a text column`,
    );
  return { name, data, resources };
}

/**
 * Starts a `tasks.from_rows` job: one task per row of a batch, created in that batch. The batch
 * (this workspace's, active or draft) and the columns are checked here, before the job exists.
 */
export async function startFromRows(
  store: Store,
  jobs: JobService,
  creation: TaskCreation,
  principal: Principal,
  batchId: string,
  input: TasksFromRowsInput,
): Promise<Job> {
  const batch = await creation.workableBatch(principal, batchId);
  const dataset = await findDataset(store.db, batch.dataset_id, batch.workspace_id);
  if (!dataset) throw notFound('Batch', batchId);
  const picked = pickColumns(parseColumns(dataset), input);
  const args: FromRowsArguments = {
    batchId: batch.id,
    nameColumn: picked.name?.id ?? null,
    namePrefix: input.namePrefix ?? null,
    dataColumns: picked.data.map((c) => c.id),
    resourcesColumn: picked.resources?.id ?? null,
    onExisting: input.onExisting ?? 'error',
    dataCheck: input.dataCheck ?? true,
    principal: {
      kind: principal.kind,
      id: principal.id,
      name: principal.name,
      workspaceId: principal.workspaceId,
      role: principal.role,
      member: principal.member ?? null,
    },
  };
  const { job } = await jobs.create(principal, {
    type: 'tasks.from_rows',
    workspaceId: batch.workspace_id,
    projectId: batch.project_id,
    title: `Tasks from the rows of ${batch.name}`,
    arguments: args as unknown as Record<string, unknown>,
    maxAttempts: 3,
  });
  return job;
}

/** A task name from a stored value: null when the value is missing or blank. */
function nameOf(column: Column, value: unknown): string | null {
  const v = fromStored(column.type, value);
  if (v === null) return null;
  const text = String(v);
  return text.trim() === '' ? null : text;
}

/**
 * The `tasks.from_rows` job: the batch's rows in row-id order, a chunk at a time, each chunk through
 * the checks and insert of a create (`TaskCreation.createIn`). The checkpoint is the last row id
 * done with the counts so far, so a retry goes on after it; names are unique in the batch, so a
 * task is never created twice (a chunk cut short before its checkpoint meets its own names again:
 * `name_exists`, or skipped).
 */
export async function runFromRows(
  store: Store,
  creation: TaskCreation,
  validators: TaskValidators,
  ctx: JobContext,
): Promise<FromRowsResult> {
  const args = ctx.arguments as unknown as FromRowsArguments;
  // The batch and dataset are read again within the job's workspace: it may have changed since.
  const batch = await creation
    .workableBatch({ workspaceId: ctx.workspaceId }, args.batchId)
    .catch((error: unknown) => {
      if (error instanceof ApiError) throw new NonRetryableError(error.message, { code: error.code });
      throw error;
    });
  if (!args.principal)
    throw new NonRetryableError('A tasks.from_rows job names the credential it creates tasks as.', {
      code: 'invalid_arguments',
    });
  const principal = jobPrincipal(args.principal, ctx.workspaceId);
  const dataset = await findDataset(store.db, batch.dataset_id, ctx.workspaceId);
  if (!dataset)
    throw new NonRetryableError(`Dataset ${batch.dataset_id} was not found.`, { code: 'not_found' });
  const columns = parseColumns(dataset);
  const byId = (id: string) => {
    const column = columns.find((c) => c.id === id);
    if (!column)
      throw new NonRetryableError(
        `Column ${id} was removed from dataset ${dataset.id} after the job started.`,
        {
          code: 'unknown_column',
        },
      );
    return column;
  };
  const nameColumn = args.nameColumn === null ? null : byId(args.nameColumn);
  const dataColumns = args.dataColumns.map(byId);
  const resourcesColumn = args.resourcesColumn === null ? null : byId(args.resourcesColumn);
  const read: RowColumn[] = [];
  for (const c of [nameColumn, ...dataColumns, resourcesColumn])
    if (c && !read.some((r) => r.id === c.id)) read.push({ id: c.id, type: c.type });

  const saved = ctx.checkpoint as ({ afterId: number } & FromRowsCounts) | null;
  let afterId = saved?.afterId ?? 0;
  const counts: FromRowsCounts = saved
    ? {
        rows: saved.rows,
        created: saved.created,
        skipped: saved.skipped,
        failed: saved.failed,
        failures: saved.failures,
      }
    : { rows: 0, created: 0, skipped: 0, failed: 0, failures: [] };
  const tally = (r: ItemResult) => {
    counts[r.status]++;
    if (r.status === 'failed' && counts.failures.length < LISTED_FAILURES)
      counts.failures.push({ index: r.index, name: r.name, error: r.error });
  };
  // Names met in this attempt: a name repeated in a later chunk fails as it does inside one.
  const seen = new Set<string>();
  const taskOf = (row: StoredRow, index: number): NewTask | ItemResult => {
    const value = nameColumn ? nameOf(nameColumn, row[nameColumn.id]) : String(row._id);
    if (value === null)
      return {
        index,
        name: '',
        status: 'failed',
        error: {
          code: 'name_missing',
          message: `no value in the name column "${nameColumn!.name}" (row id ${row._id})`,
          pointer: `/tasks/${index}/name`,
        },
      };
    const name = `${args.namePrefix ?? ''}${value}`;
    const task: NewTask = {
      name,
      data: Object.fromEntries(dataColumns.map((c) => [c.name, fromStored(c.type, row[c.id])])),
    };
    const resource = resourcesColumn ? row[resourcesColumn.id] : null;
    if (typeof resource === 'string' && resource !== '') task.resources = [resource];
    if (validators.newTask(task)) return task;
    const e = validators.newTask.errors?.[0];
    return {
      index,
      name,
      status: 'failed',
      error: {
        code: 'invalid_task',
        message: `${e?.instancePath || 'the task'} ${e?.message ?? 'is not a task'}`,
        pointer: `/tasks/${index}${e?.instancePath ?? ''}`,
      },
    };
  };

  for (;;) {
    ctx.signal.throwIfAborted();
    const page = await scanRows(
      store,
      dataset.rows_table,
      { kind: 'batches', batchIds: [batch.id] },
      read,
      afterId,
      ROWS_CHUNK,
    );
    if (page.length === 0) break;
    const items: { index: number; task: NewTask }[] = [];
    const refused: ItemResult[] = [];
    for (const row of page) {
      const index = counts.rows++;
      const made = taskOf(row, index);
      if ('status' in made) refused.push(made);
      else items.push({ index, task: made });
    }
    const results =
      items.length === 0
        ? []
        : await creation.createIn(
            batch,
            principal.id,
            items,
            { onExisting: args.onExisting, dataCheck: args.dataCheck, uniqueCheck: true },
            seen,
            auditRow(principal, {
              action: 'task.create',
              resourceType: 'batch',
              resourceId: batch.id,
              workspaceId: batch.workspace_id,
              summary: { requested: items.length, fromRows: true, jobId: ctx.id },
            }),
          );
    for (const r of [...refused, ...results].sort((a, b) => a.index - b.index)) tally(r);
    afterId = Number(page.at(-1)!._id);
    await ctx.saveCheckpoint({ afterId, ...counts });
    ctx.progress({ done: counts.rows, total: batch.row_count, unit: 'rows' });
    if (page.length < ROWS_CHUNK) break;
  }
  if (counts.failed + counts.skipped > 0)
    ctx.warn(`${counts.failed} rows failed and ${counts.skipped} were skipped`);
  return { batchId: batch.id, ...counts };
}
