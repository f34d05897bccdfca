import { Type, type Static } from '@sinclair/typebox';
import { badField, notFound } from '../../errors/problem.js';
import type { App } from '../../http/app-types.js';
import { parseList } from '../../http/list.js';
import type { AppendBatchInput } from '../../resources/batches/schema.js';
import { toBatch } from '../../resources/batches/service.js';
import { parseColumns } from '../../resources/datasets/columns.js';
import type { CompatContext, Principal } from '../context.js';
import { batchIdsOf, datasetOfPath } from './ids.js';
import {
  objectJob,
  parseCreatedAt,
  parseFields,
  parseIntegers,
  parseSort,
  parseStates,
  splitNonEmpty,
  toBatchInfo,
  toJobSchema,
} from './wire.js';

/** Mammoth ids are integers; anything else in a path is a 400 before any lookup. */
const Num = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const DatasetParams = Type.Object({ workspace_id: Num, project_id: Num, dataset_id: Num });
const BatchParams = Type.Object({ workspace_id: Num, project_id: Num, dataset_id: Num, batch_id: Num });
const QueryText = Type.Optional(Type.String({ maxLength: 10_000 }));
const ListQuery = Type.Object({
  fields: QueryText,
  id: QueryText,
  created_at: QueryText,
  status: QueryText,
  row_count: QueryText,
  limit: QueryText,
  offset: QueryText,
  sort: QueryText,
});
const FieldsQuery = Type.Object({ fields: QueryText });
const IdsQuery = Type.Object({ ids: Type.String({ maxLength: 20_000 }) });

const ColumnType = Type.Union([Type.Literal('TEXT'), Type.Literal('NUMERIC'), Type.Literal('DATE')]);
const ColumnName = Type.String({ minLength: 1, maxLength: 500 });
const MappingItem = Type.Object(
  {
    destination_c_name: Type.Optional(ColumnName),
    source_c_name: Type.Optional(ColumnName),
    destination_c_id: Type.Optional(ColumnName),
    source_c_id: Type.Optional(ColumnName),
    expected_destination_c_type: ColumnType,
  },
  { additionalProperties: false },
);
const CreateBody = Type.Object(
  {
    source_id: Num,
    mapping: Type.Array(MappingItem, { maxItems: 500 }),
    validate_only: Type.Boolean(),
    delete_source_ds: Type.Boolean(),
    new_ds_details: Type.Optional(
      Type.Union([Type.Null(), Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) })]),
    ),
  },
  { additionalProperties: false },
);
const NumList = Type.Optional(Type.Union([Type.Null(), Type.Array(Num, { maxItems: 1000 })]));
const UpdateBody = Type.Object(
  {
    patch: Type.Object(
      {
        op: Type.Union(['replace', 'add', 'remove', 'command'].map((op) => Type.Literal(op))),
        path: Type.Literal('batches'),
        value: Type.Object({ suspend: NumList, restore: NumList }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** The native list's sortable fields (resources/batches/routes.ts), for parseList. */
const LIST_SPEC = {
  sortable: { id: 'id', name: 'name', state: 'state', rowCount: 'row_count', createdAt: 'created_at' },
  defaultSort: 'id',
  fields: [],
};
const MAX_LIMIT = 100;
/** Offsets walk the native keyset list from its start, so they are bounded. */
const MAX_OFFSET = 10_000;

const BATCHES = '/workspaces/:workspace_id/projects/:project_id/datasets/:dataset_id/batches';

export function mammothRoutes(app: App, { services }: CompatContext): void {
  const who = (request: { principal?: Principal | undefined }): Principal => request.principal!;

  app.get(
    BATCHES,
    {
      config: { compatAccess: 'read' },
      schema: { hide: true, params: DatasetParams, querystring: ListQuery },
    },
    async (request) => {
      const principal = who(request);
      const q = request.query;
      const dataset = await datasetOfPath(services, principal, request.params);
      const fields = parseFields(q.fields);
      const numbers = parseIntegers(q.id, 'id', 1);
      const rowCounts = parseIntegers(q.row_count, 'row_count', 0);
      const states = parseStates(q.status);
      const created = parseCreatedAt(q.created_at);
      const limit = boundedInteger(q.limit, 'limit', 1, MAX_LIMIT, 50);
      const offset = boundedInteger(q.offset, 'offset', 0, MAX_OFFSET, 0);
      const list = parseList({ sort: parseSort(q.sort) }, LIST_SPEC);
      const empty = { batches: [], next: '', limit, offset };

      let ids: string[] | undefined;
      if (numbers) {
        ids = [...(await services.batches.idsByNumericId(principal, numbers)).values()];
        if (ids.length === 0) return empty;
      }
      // row_count is a set of exact counts: the native range narrows, the exact match is done here,
      // so the window is taken after it (at most MAX_OFFSET + MAX_LIMIT + 1 rows are read).
      list.limit = offset + limit + 1;
      const { page, columnCount } = await services.batches.list(
        principal,
        dataset.id,
        {
          ids: ids?.join(','),
          states: states ? [...new Set(states)].join(',') : undefined,
          minRowCount: rowCounts ? Math.min(...rowCounts) : undefined,
          maxRowCount: rowCounts ? Math.max(...rowCounts) : undefined,
          createdAfter: created?.from,
          createdBefore: created?.to,
        },
        rowCounts ? { ...list, limit: MAX_OFFSET + MAX_LIMIT + 1 } : list,
      );
      const rows = rowCounts ? page.rows.filter((r) => rowCounts.includes(r.row_count)) : page.rows;
      const window = rows.slice(offset, offset + limit);
      const more = rows.length > offset + limit || (rowCounts !== undefined && page.hasMore);
      let next = '';
      if (more) {
        const params = new URLSearchParams();
        for (const key of ['fields', 'id', 'created_at', 'status', 'row_count', 'sort'] as const) {
          const value = q[key];
          if (value) params.set(key, value);
        }
        params.set('limit', String(limit));
        params.set('offset', String(offset + limit));
        const { workspace_id, project_id, dataset_id } = request.params;
        next = `/workspaces/${workspace_id}/projects/${project_id}/datasets/${dataset_id}/batches?${params.toString()}`;
      }
      return {
        batches: window.map((row) => toBatchInfo(toBatch(row, columnCount), fields)),
        next,
        limit,
        offset,
      };
    },
  );

  app.post(
    BATCHES,
    { config: { compatAccess: 'write' }, schema: { hide: true, params: DatasetParams, body: CreateBody } },
    async (request, reply) => {
      const principal = who(request);
      const dataset = await datasetOfPath(services, principal, request.params);
      const body = request.body;
      const sourceId = (await services.datasets.idsByNumericId(principal, [body.source_id])).get(
        body.source_id,
      );
      if (!sourceId) throw notFound('Dataset', String(body.source_id));
      const mapping = toMapping(body.mapping);
      // Mammoth's mapping lists what is appended; Batchyard asks for the rest to be ignored by name.
      const source = await services.datasets.get(principal, sourceId);
      const mapped = new Set(mapping.mapping.map((m) => m.source));
      const ignore = parseColumns(source)
        .map((c) => (mapping.mapBy === 'id' ? c.id : c.name))
        .filter((c) => !mapped.has(c));
      const input: AppendBatchInput = {
        sourceDatasetId: sourceId,
        ...mapping,
        ignore,
        validateOnly: body.validate_only,
        deleteSource: body.delete_source_ds,
        ...(body.new_ds_details ? { newDataset: { name: body.new_ds_details.name } } : {}),
      };
      const job = await services.batches.append(principal, dataset.id, input);
      return reply.code(200).send(objectJob(200, job));
    },
  );

  app.patch(
    BATCHES,
    { config: { compatAccess: 'write' }, schema: { hide: true, params: DatasetParams, body: UpdateBody } },
    async (request, reply) => {
      const principal = who(request);
      const dataset = await datasetOfPath(services, principal, request.params);
      const { suspend, restore } = request.body.patch.value;
      const wanted = (suspend?.length ?? 0) > 0 ? 1 : 0;
      if (wanted + ((restore?.length ?? 0) > 0 ? 1 : 0) !== 1) {
        throw badField('body', '/patch/value', 'give batch ids in exactly one of suspend or restore');
      }
      const numbers = suspend?.length ? suspend : (restore ?? []);
      const ids = await batchIdsOf(services, principal, numbers);
      const job = await services.batches.setSuspended(principal, dataset.id, ids, wanted === 1);
      return reply.code(202).send(objectJob(202, job));
    },
  );

  app.delete(
    BATCHES,
    {
      config: { compatAccess: 'write' },
      schema: { hide: true, params: DatasetParams, querystring: IdsQuery },
    },
    async (request, reply) => {
      const principal = who(request);
      const dataset = await datasetOfPath(services, principal, request.params);
      const numbers = parseIntegers(request.query.ids, 'ids', 1);
      if (!numbers) throw badField('query', '/ids', 'give the batch ids to delete, comma-separated');
      const ids = await batchIdsOf(services, principal, numbers);
      const job = await services.batches.remove(principal, dataset.id, ids, {
        in: 'query',
        pointer: () => '/ids',
      });
      return reply.code(202).send(objectJob(202, job));
    },
  );

  app.get(
    `${BATCHES}/:batch_id`,
    {
      config: { compatAccess: 'read' },
      schema: { hide: true, params: BatchParams, querystring: FieldsQuery },
    },
    async (request) => {
      const principal = who(request);
      const batch = await batchOfPath(principal, request.params);
      return { batch: toBatchInfo(batch, parseFields(request.query.fields)) };
    },
  );

  app.delete(
    `${BATCHES}/:batch_id`,
    { config: { compatAccess: 'write' }, schema: { hide: true, params: BatchParams } },
    async (request, reply) => {
      const principal = who(request);
      const batch = await batchOfPath(principal, request.params);
      const job = await services.batches.deleteOne(principal, batch.id);
      return reply.code(202).send(objectJob(202, job));
    },
  );

  app.get(
    '/jobs/:job_id',
    { config: { compatAccess: 'read' }, schema: { hide: true, params: Type.Object({ job_id: Num }) } },
    async (request) => {
      const principal = who(request);
      const n = request.params.job_id;
      const id = (await services.jobs.idsByNumericId(principal, [n])).get(n);
      if (!id) throw notFound('Job', String(n));
      return { job: toJobSchema(await services.jobs.get(principal, id)) };
    },
  );

  /** The batch a path names, which must be a batch of the path's dataset. */
  async function batchOfPath(principal: Principal, path: Static<typeof BatchParams>) {
    const dataset = await datasetOfPath(services, principal, path);
    const [id] = await batchIdsOf(services, principal, [path.batch_id]);
    const batch = await services.batches.get(principal, id!);
    if (batch.datasetId !== dataset.id) throw notFound('Batch', String(path.batch_id));
    return batch;
  }
}

/** Mammoth's mapping: every item by names or every item by column ids (Batchyard's `mapBy`). */
function toMapping(items: Static<typeof CreateBody>['mapping']): Pick<AppendBatchInput, 'mapBy' | 'mapping'> {
  const byName = items.map((item, i) => {
    const names = item.source_c_name !== undefined && item.destination_c_name !== undefined;
    const ids = item.source_c_id !== undefined && item.destination_c_id !== undefined;
    if (names === ids) {
      throw badField(
        'body',
        `/mapping/${i}`,
        'give source_c_name and destination_c_name, or source_c_id and destination_c_id',
      );
    }
    return names;
  });
  if (byName.some((b) => b !== byName[0])) {
    throw badField('body', '/mapping', 'map every column by name or every column by id, not both');
  }
  const mapBy = byName[0] === false ? 'id' : 'name';
  const types = { TEXT: 'text', NUMERIC: 'numeric', DATE: 'date' } as const;
  return {
    mapBy,
    mapping: items.map((item) => ({
      source: (mapBy === 'name' ? item.source_c_name : item.source_c_id) ?? '',
      target: (mapBy === 'name' ? item.destination_c_name : item.destination_c_id) ?? '',
      expectedType: types[item.expected_destination_c_type],
    })),
  };
}

function boundedInteger(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const text = splitNonEmpty(value)?.join(',');
  if (text === undefined) return fallback;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw badField('query', `/${name}`, `"${text}" is not an integer from ${min} to ${max}`);
  }
  return n;
}
