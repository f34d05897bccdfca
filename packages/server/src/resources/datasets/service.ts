import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { WORD_OPERATORS } from '../../filters.js';
import {
  NonRetryableError,
  type JobContext,
  type JobEngine,
  type JobTypeDefinition,
} from '../../engine/index.js';
import { builtinJobType } from '../../engine/index.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import { findArtifact, findJob } from '../../store/queries/jobs.js';
import { ApiError, badField, notFound, type FieldError } from '../../errors/problem.js';
import type { Principal } from '../../auth/principal.js';
import { isoTime } from '../../time.js';
import type { ParsedList } from '../../http/list.js';
import { newId } from '../../ids.js';
import { changedFields, recordAudit } from '../audit/service.js';
import type { Db, Store } from '../../store/index.js';
import { findProject } from '../../store/queries/projects.js';
import {
  datasetHasBatches,
  deleteDatasetRow,
  findDataset,
  insertDataset,
  listDatasets,
  lockDataset,
  updateDataset,
  type DatasetRow,
  type DatasetWithCounts,
} from '../../store/queries/datasets.js';
import {
  addRowsColumns,
  createKeyIndex,
  createRowsTable,
  dropRowsTable,
  lockRowsTable,
  queryRows,
  scanRowIds,
  type RowFilter,
  type RowFilterOperator,
  type StoredRow,
  type StoredValue,
} from '../../store/rows/index.js';
import { listScope } from '../workspaces/service.js';
import { requireFilterProject } from '../projects/service.js';
import type {
  Column,
  CreateDatasetInput,
  Dataset,
  RowFilterInput,
  SearchInput,
  UpdateDatasetInput,
} from './schema.js';
import { checkFilterValue, fromStored } from './values.js';

export function parseColumns(row: Pick<DatasetRow, 'columns'>): Column[] {
  return JSON.parse(row.columns) as Column[];
}

export function toDataset(row: DatasetWithCounts): Dataset {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    columns: parseColumns(row),
    keyColumn: row.key_column,
    rowCount: row.row_count,
    batchCount: row.batch_count,
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

/** A column by id, or else by name (ignoring case). */
export function findColumn(columns: readonly Column[], key: string): Column | undefined {
  return columns.find((c) => c.id === key) ?? columns.find((c) => c.name.toLowerCase() === key.toLowerCase());
}

export function requireColumn(
  columns: readonly Column[],
  key: string,
  where: FieldError['in'],
  pointer: string,
): Column {
  const column = findColumn(columns, key);
  if (!column) {
    throw new ApiError(
      'unknown_column',
      `No column "${key}"; columns: ${columns.map((c) => c.name).join(', ')}.`,
      {
        errors: [{ in: where, pointer, message: `no column "${key}"` }],
      },
    );
  }
  return column;
}

const ORDERED_TYPES = new Set(['text', 'numeric', 'date']);

/** Checks filters against the columns and turns their values into storage form. */
export function parseRowFilters(
  columns: readonly Column[],
  filters: readonly RowFilterInput[],
  where: FieldError['in'],
  pointerOf: (index: number) => string,
): RowFilter[] {
  return filters.map((filter, index) => {
    const pointer = pointerOf(index);
    const column = requireColumn(columns, filter.key, where, `${pointer}/key`);
    const operator = WORD_OPERATORS[filter.operator] ?? (filter.operator as RowFilterOperator);
    if (column.type === 'json') {
      throw badField(where, `${pointer}/key`, `column "${column.name}" is json: it cannot be filtered on`);
    }
    if (['>', '>=', '<', '<='].includes(operator) && !ORDERED_TYPES.has(column.type)) {
      throw badField(
        where,
        `${pointer}/operator`,
        `"${operator}" does not apply to ${column.type} column "${column.name}"`,
      );
    }
    if (operator === 'like' && column.type !== 'text') {
      throw badField(
        where,
        `${pointer}/operator`,
        `"like" applies to text columns only ("${column.name}" is ${column.type})`,
      );
    }
    const check = (value: unknown, at: string): StoredValue => {
      if (operator === 'like') {
        if (typeof value !== 'string') throw badField(where, at, 'like needs a text pattern');
        return value;
      }
      const checked = checkFilterValue(column.type, value);
      if (!checked.ok) throw badField(where, at, checked.reason);
      return checked.value;
    };
    if (operator === 'in') {
      if (!Array.isArray(filter.value))
        throw badField(where, `${pointer}/value`, '"in" needs an array of values');
      if (filter.value.length > 1000) throw badField(where, `${pointer}/value`, 'at most 1000 values');
      return { column, operator, value: filter.value.map((v, i) => check(v, `${pointer}/value/${i}`)) };
    }
    return { column, operator, value: check(filter.value, `${pointer}/value`) };
  });
}

/** `column:operator:value` query parameters into filters (`in` takes a JSON array). */
export function parseFilterParams(params: string | string[] | undefined): RowFilterInput[] {
  const list = params === undefined ? [] : Array.isArray(params) ? params : [params];
  return list.map((text, index) => {
    const first = text.indexOf(':');
    const second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (first <= 0 || second < 0) {
      throw badField('query', `/filter/${index}`, `"${text}" is not column:operator:value`);
    }
    const key = text.slice(0, first);
    const op = text.slice(first + 1, second);
    const raw = text.slice(second + 1);
    const operator =
      WORD_OPERATORS[op] ??
      (Object.values(WORD_OPERATORS).includes(op as RowFilterOperator) ? op : undefined);
    if (operator === undefined) {
      throw badField(
        'query',
        `/filter/${index}`,
        `unknown operator "${op}"; use ${Object.keys(WORD_OPERATORS).join(', ')}`,
      );
    }
    let value: unknown = raw;
    if (operator === 'in') {
      try {
        value = JSON.parse(raw);
      } catch {
        throw badField('query', `/filter/${index}`, 'the value of "in" must be a JSON array, e.g. ["a","b"]');
      }
    }
    return { key, operator: operator as RowFilterInput['operator'], value };
  });
}

/** A stored row in API form: values by column name, with `_id` and `_batchId`. */
export type ApiRow = { _id: number; _batchId: string } & Record<string, unknown>;

export function toApiRow(columns: readonly Column[], row: StoredRow): ApiRow {
  const out: ApiRow = { _id: Number(row._id), _batchId: row._batch };
  for (const c of columns) out[c.name] = fromStored(c.type, row[c.id]);
  return out;
}

/** Column ids are `c1`, `c2`, …: a name of that shape (any case) would make a key mean two columns. */
const ID_SHAPED = /^c[0-9]+$/i;

/** Refuses new names shaped like column ids; `pointer` is the array the names came from. */
function checkNewNames(names: readonly { name: string }[], pointer: string) {
  names.forEach((c, i) => {
    if (ID_SHAPED.test(c.name.trim())) {
      throw badField(
        'body',
        `${pointer}/${i}/name`,
        `"${c.name}" has the shape of a column id (c1, c2, …); choose another name so names and ids never mean two columns`,
      );
    }
  });
}

function checkColumnNames(columns: readonly { name: string }[], pointer: string) {
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    const key = c.name.toLowerCase();
    if (seen.has(key)) {
      throw badField('body', `${pointer}/${i}/name`, `duplicate column name "${c.name}" (names ignore case)`);
    }
    seen.set(key, i);
  });
}

const KEY_TYPES = new Set(['text', 'numeric', 'date']);

export interface RowPageQuery {
  limit: number;
  cursor?: string | undefined;
  sort?: string | undefined;
  columns?: string | undefined;
  filter?: string | string[] | undefined;
}

/** Search results keep this many row ids in the job result; all of them are in `row-ids.txt`. */
const RESULT_IDS = 10_000;
const SEARCH_STEP = 10_000;

export class DatasetService {
  /** `deps` is read when used, not when built: the engine is made after the services whose job types it runs. */
  constructor(
    private readonly store: Store,
    private readonly deps: { readonly jobs: JobService; readonly engine: JobEngine },
  ) {}

  async get(principal: Principal, id: string): Promise<DatasetWithCounts> {
    const row = await findDataset(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Dataset', id);
    return row;
  }

  /** Creates the dataset row and its rows table in one transaction (`db` may be one already). */
  async insert(
    db: Db,
    values: {
      workspaceId: string;
      projectId: string;
      name: string;
      description: string | null;
      columns: readonly { name: string; type: Column['type'] }[];
      keyColumn: string | null;
      createdBy: string | null;
      /** Copy a dataset's columns with their ids (so rows copy across as they are). */
      keepIds?: boolean;
      /** Given when a retried job makes again the dataset an earlier attempt removed. */
      id?: string;
    },
  ): Promise<DatasetRow> {
    const id = values.id ?? newId('ds');
    const columns: Column[] = values.columns.map((c, i) => ({
      id: values.keepIds && 'id' in c ? (c as Column).id : `c${i + 1}`,
      name: c.name,
      type: c.type,
    }));
    const nextColumn = Math.max(0, ...columns.map((c) => Number(c.id.slice(1)))) + 1;
    let keyColumn: string | null = null;
    if (values.keyColumn !== null) {
      const key = findColumn(columns, values.keyColumn);
      if (!key) throw badField('body', '/keyColumn', `no column "${values.keyColumn}"`);
      if (!KEY_TYPES.has(key.type))
        throw badField('body', '/keyColumn', `a key column must be text, numeric or date`);
      keyColumn = key.id;
    }
    const now = Date.now();
    const row: DatasetRow = {
      id,
      workspace_id: values.workspaceId,
      project_id: values.projectId,
      name: values.name,
      description: values.description,
      columns: JSON.stringify(columns),
      key_column: keyColumn,
      next_column: nextColumn,
      rows_table: `rows_${id.slice('ds_'.length)}`,
      batch_keys: 0,
      created_by: values.createdBy,
      created_at: now,
      updated_at: now,
    };
    try {
      await insertDataset(db, row);
    } catch (error) {
      if (this.store.isUniqueViolation(error)) throw nameTaken(values.name);
      throw error;
    }
    await createRowsTable(this.store, db, row.rows_table, columns);
    if (keyColumn) await createKeyIndex(db, row.rows_table, keyColumn);
    return row;
  }

  async create(principal: Principal, input: CreateDatasetInput): Promise<Dataset> {
    const project = await findProject(this.store.db, input.projectId, principal.workspaceId);
    if (!project) {
      throw new ApiError('not_found', `Project ${input.projectId} was not found.`, {
        errors: [{ in: 'body', pointer: '/projectId', message: 'no such project in this workspace' }],
      });
    }
    checkNewNames(input.columns, '/columns');
    checkColumnNames(input.columns, '/columns');
    const row = await this.store.transaction(async (trx) => {
      const inserted = await this.insert(trx, {
        workspaceId: project.workspace_id,
        projectId: project.id,
        name: input.name,
        description: input.description ?? null,
        columns: input.columns,
        keyColumn: input.keyColumn ?? null,
        createdBy: principal.id,
      });
      await recordAudit(trx, principal, {
        action: 'dataset.create',
        resourceType: 'dataset',
        resourceId: inserted.id,
        workspaceId: inserted.workspace_id,
        summary: { name: input.name, projectId: project.id, columns: input.columns.length },
      });
      return inserted;
    });
    return toDataset({ ...row, row_count: 0, batch_count: 0 });
  }

  async list(
    principal: Principal,
    filter: { workspaceId?: string | undefined; projectId?: string | undefined },
    list: ParsedList,
  ) {
    const scope = listScope(principal, filter.workspaceId);
    await requireFilterProject(this.store, principal, filter.projectId);
    return listDatasets(
      this.store.db,
      { workspaceId: scope, projectId: filter.projectId },
      list.sort,
      list.after,
      list.limit,
    );
  }

  async update(principal: Principal, id: string, input: UpdateDatasetInput): Promise<Dataset> {
    await this.get(principal, id);
    await this.store.transaction(async (trx) => {
      const current = await lockDataset(trx, id, this.store.dialectName === 'postgres');
      if (!current) throw notFound('Dataset', id);
      const columns = parseColumns(current);
      const changes: Parameters<typeof updateDataset>[2] = { updated_at: Date.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.description !== undefined) changes.description = input.description;
      checkNewNames(input.renameColumns ?? [], '/renameColumns');
      checkNewNames(input.addColumns ?? [], '/addColumns');
      input.renameColumns?.forEach((rename, i) => {
        const column = columns.find((c) => c.id === rename.id);
        if (!column)
          throw new ApiError('unknown_column', `No column with id "${rename.id}".`, {
            errors: [
              { in: 'body', pointer: `/renameColumns/${i}/id`, message: `no column with id "${rename.id}"` },
            ],
          });
        column.name = rename.name;
      });
      let next = current.next_column;
      const added: Column[] = (input.addColumns ?? []).map((c) => ({
        id: `c${next++}`,
        name: c.name,
        type: c.type,
      }));
      const all = [...columns, ...added];
      checkColumnNames(all, input.addColumns ? '/addColumns' : '/renameColumns');
      if (added.length > 0) {
        await addRowsColumns(this.store, trx, current.rows_table, added);
        changes.next_column = next;
      }
      if (input.keyColumn !== undefined) {
        if (input.keyColumn === null) changes.key_column = null;
        else {
          const key = requireColumn(all, input.keyColumn, 'body', '/keyColumn');
          if (!KEY_TYPES.has(key.type))
            throw badField('body', '/keyColumn', 'a key column must be text, numeric or date');
          changes.key_column = key.id;
          await createKeyIndex(trx, current.rows_table, key.id);
        }
      }
      changes.columns = JSON.stringify(all);
      try {
        await updateDataset(trx, id, changes);
      } catch (error) {
        if (input.name !== undefined && this.store.isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
      await recordAudit(trx, principal, {
        action: 'dataset.update',
        resourceType: 'dataset',
        resourceId: id,
        workspaceId: current.workspace_id,
        summary: changedFields(input),
      });
    });
    return toDataset(await this.get(principal, id));
  }

  async delete(principal: Principal, id: string, force: boolean): Promise<void> {
    const row = await this.get(principal, id);
    await this.store.transaction(async (trx) => {
      if (!force && (await datasetHasBatches(trx, id))) {
        throw new ApiError(
          'dataset_not_empty',
          `Dataset ${id} has batches; delete them first or pass force=true to delete it with all its rows.`,
        );
      }
      await this.drop(trx, row);
      await recordAudit(trx, principal, {
        action: 'dataset.delete',
        resourceType: 'dataset',
        resourceId: id,
        workspaceId: row.workspace_id,
        summary: { name: row.name, force },
      });
    });
  }

  /** Removes a dataset, its batches and its rows table. */
  async drop(db: Db, row: Pick<DatasetRow, 'id' | 'rows_table'>): Promise<void> {
    await lockRowsTable(this.store, db, row.rows_table);
    await deleteDatasetRow(db, row.id);
    await dropRowsTable(db, row.rows_table);
  }

  /** Starts a search job over the dataset's active rows (filters are checked now, and again when it runs). */
  async search(principal: Principal, id: string, input: SearchInput): Promise<Job> {
    const dataset = await this.get(principal, id);
    parseRowFilters(parseColumns(dataset), input.filters, 'body', (i) => `/filters/${i}`);
    const { job } = await this.deps.jobs.create(principal, {
      type: 'dataset.search',
      workspaceId: dataset.workspace_id,
      projectId: dataset.project_id,
      title: `Search ${dataset.name}`,
      arguments: { datasetId: id, conjunction: input.conjunction ?? 'and', filters: input.filters },
      maxAttempts: 3,
    });
    return job;
  }

  private async runSearch(ctx: JobContext): Promise<unknown> {
    const args = ctx.arguments as { datasetId: string; conjunction: 'and' | 'or'; filters: RowFilterInput[] };
    const dataset = await findDataset(this.store.db, args.datasetId, ctx.workspaceId);
    if (!dataset) throw new NonRetryableError(`Dataset ${args.datasetId} was deleted.`, { code: 'gone' });
    let filters: RowFilter[];
    try {
      filters = parseRowFilters(parseColumns(dataset), args.filters, 'body', (i) => `/filters/${i}`);
    } catch (error) {
      throw new NonRetryableError((error as Error).message, { code: 'invalid_filter' });
    }
    const out = new PassThrough();
    const writing = ctx.writeArtifact('row-ids.txt', 'text/plain', out);
    const first: number[] = [];
    let count = 0;
    let after = 0;
    try {
      for (;;) {
        ctx.signal.throwIfAborted();
        const ids = await scanRowIds(
          this.store,
          dataset.rows_table,
          { kind: 'active', datasetId: dataset.id },
          filters,
          args.conjunction,
          after,
          SEARCH_STEP,
        );
        if (ids.length > 0) {
          if (!out.write(`${ids.join('\n')}\n`)) await once(out, 'drain');
          for (const id of ids) if (first.length < RESULT_IDS) first.push(id);
          count += ids.length;
          after = ids.at(-1)!;
          ctx.progress({ done: count, unit: 'matches' });
        }
        if (ids.length < SEARCH_STEP) break;
      }
    } finally {
      out.end();
      await writing;
    }
    return {
      datasetId: dataset.id,
      count,
      rowIds: first,
      complete: count <= RESULT_IDS,
      artifact: 'row-ids.txt',
    };
  }

  /** Every row id a succeeded search found, from its `row-ids.txt` artifact. */
  async searchResultIds(searchJobId: string, workspaceId: string): Promise<number[]> {
    // The search must be of the same workspace as the job reading it (defence in depth).
    const search = await findJob(this.store.db, searchJobId, workspaceId);
    const artifact =
      search?.type === 'dataset.search'
        ? await findArtifact(this.store.db, searchJobId, 'row-ids.txt')
        : undefined;
    if (!artifact) throw new NonRetryableError(`Search ${searchJobId} has no result file.`, { code: 'gone' });
    const ids: number[] = [];
    let carry = '';
    for await (const chunk of this.deps.engine.artifacts.read(artifact.id)) {
      const lines = (carry + String(chunk)).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) if (line) ids.push(Number(line));
    }
    if (carry) ids.push(Number(carry));
    return ids;
  }

  jobTypes(): JobTypeDefinition[] {
    return [
      builtinJobType(
        'dataset.search',
        'Finds the active rows of a dataset that match filters; the result holds their count and ids.',
        (ctx) => this.runSearch(ctx),
      ),
    ];
  }

  async rows(principal: Principal, id: string, query: RowPageQuery) {
    const dataset = await this.get(principal, id);
    const columns = parseColumns(dataset);
    let selected = columns;
    if (query.columns !== undefined) {
      selected = query.columns
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => requireColumn(columns, name, 'query', '/columns'));
    }
    let sortColumn: Column | null = null;
    let direction: 'asc' | 'desc' = 'asc';
    if (query.sort !== undefined) {
      const match = /^(.+?)(?::(asc|desc))?$/.exec(query.sort.trim());
      const name = match?.[1] ?? '';
      direction = (match?.[2] as 'asc' | 'desc' | undefined) ?? 'asc';
      if (name !== '_id') {
        sortColumn = requireColumn(columns, name, 'query', '/sort');
        if (sortColumn.type === 'json') throw badField('query', '/sort', 'json columns cannot be sorted on');
      }
    }
    const sortKey = `${sortColumn?.id ?? '_id'}:${direction}`;
    const filters = parseRowFilters(columns, parseFilterParams(query.filter), 'query', (i) => `/filter/${i}`);
    let after: { value: StoredValue; id: number } | null = null;
    if (query.cursor !== undefined) {
      try {
        const decoded = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as {
          s: string;
          v: StoredValue;
          i: number;
        };
        if (decoded.s !== sortKey || typeof decoded.i !== 'number') throw new Error('other sort');
        after = { value: decoded.v, id: decoded.i };
      } catch {
        throw new ApiError('invalid_cursor', 'The cursor is not one this list produced with this sort.');
      }
    }
    const needed = sortColumn && !selected.includes(sortColumn) ? [...selected, sortColumn] : selected;
    const page = await queryRows(this.store, {
      table: dataset.rows_table,
      scope: { kind: 'active', datasetId: id },
      filters,
      columns: needed,
      sort: { column: sortColumn, direction },
      after,
      limit: query.limit,
    });
    const last = page.rows.at(-1);
    const nextCursor =
      page.hasMore && last
        ? Buffer.from(
            JSON.stringify({
              s: sortKey,
              v: sortColumn ? ((last[sortColumn.id] as StoredValue | undefined) ?? null) : null,
              i: Number(last._id),
            }),
          ).toString('base64url')
        : null;
    return { data: page.rows.map((r) => toApiRow(selected, r)), nextCursor };
  }
}

export function nameTaken(name: string): ApiError {
  return new ApiError('name_taken', `A dataset named "${name}" already exists in this project.`, {
    errors: [{ in: 'body', pointer: '/name', message: 'already taken in this project' }],
  });
}
