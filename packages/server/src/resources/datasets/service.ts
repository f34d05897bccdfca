import type { Principal } from '../../auth/principal.js';
import { idsOfNumeric } from '../../store/queries/numeric-ids.js';
import type { JobEngine, JobTypeDefinition } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import type { ParsedList } from '../../http/list.js';
import { newId } from '../../ids.js';
import type { Db, Store } from '../../store/index.js';
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
import { findProject } from '../../store/queries/projects.js';
import {
  addRowsColumns,
  createKeyIndex,
  createRowsTable,
  dropRowsTable,
  lockRowsTable,
} from '../../store/rows/index.js';
import { isoTime } from '../../time.js';
import { changedFields, recordAudit } from '../audit/service.js';
import type { BatchContext } from '../batches/context.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import { requireFilterProject } from '../projects/service.js';
import type { WebhookService } from '../webhooks/service.js';
import { listScope } from '../workspaces/service.js';
import {
  checkColumnNames,
  checkNewNames,
  findColumn,
  KEY_TYPES,
  parseColumns,
  requireColumn,
} from './columns.js';
import { parseRowFilters } from './filters.js';
import { fromSearch } from './from-search.js';
import { datasetJobTypes } from './jobs.js';
import { listRows, type RowPageQuery } from './rows.js';
import type { Column, CreateDatasetInput, Dataset, SearchInput, UpdateDatasetInput } from './schema.js';
import { SEARCH_JOB_TYPE } from './search.js';

export function toDataset(row: DatasetWithCounts): Dataset {
  return {
    id: row.id,
    numericId: row.numeric_id as number,
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

/**
 * The requests on datasets: their rows, columns and searches. A search and a dataset made from one
 * run as jobs (search.ts, from-search.ts); the rows page is read in rows.ts.
 */
export class DatasetService {
  /** `deps` is read when used, not when built: the engine is made after the services whose job types it runs. */
  constructor(
    private readonly store: Store,
    private readonly deps: {
      readonly jobs: JobService;
      readonly engine: JobEngine;
      readonly webhooks: WebhookService;
    },
  ) {}

  /** What the dataset jobs that write a batch work with (a dataset from a search). */
  private get batchContext(): BatchContext {
    return { store: this.store, datasets: this, deps: this.deps };
  }

  /** The ids of the principal's workspace's datasets by numeric id; numbers not found are left out. */
  idsByNumericId(principal: Principal, numericIds: readonly number[]): Promise<Map<number, string>> {
    return idsOfNumeric(this.store.db, 'datasets', principal.workspaceId, numericIds);
  }

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
      const current = await lockDataset(this.store, trx, id);
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
      type: SEARCH_JOB_TYPE,
      workspaceId: dataset.workspace_id,
      projectId: dataset.project_id,
      title: `Search ${dataset.name}`,
      arguments: { datasetId: id, conjunction: input.conjunction ?? 'and', filters: input.filters },
      maxAttempts: 3,
    });
    return job;
  }

  /** Starts a job that creates a dataset from the rows a succeeded search found. */
  fromSearch(
    principal: Principal,
    input: { searchJobId: string; name: string; description?: string | null | undefined },
  ): Promise<Job> {
    return fromSearch(this.batchContext, principal, input);
  }

  jobTypes(): JobTypeDefinition[] {
    return datasetJobTypes(this.batchContext);
  }

  async rows(principal: Principal, id: string, query: RowPageQuery) {
    return listRows(this.store, await this.get(principal, id), query);
  }
}

export function nameTaken(name: string): ApiError {
  return new ApiError('name_taken', `A dataset named "${name}" already exists in this project.`, {
    errors: [{ in: 'body', pointer: '/name', message: 'already taken in this project' }],
  });
}
