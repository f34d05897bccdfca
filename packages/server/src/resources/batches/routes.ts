import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../../errors/problem.js';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, splitList, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import { JobSchema } from '../jobs/schema.js';
import {
  AppendBatchBody,
  BATCH_FIELDS,
  BatchIdsBody,
  BatchSchema,
  CreateBatchBody,
  ListBatchesQuery,
  MergeBody,
  RemoveBatchesQuery,
  UploadBatchQuery,
} from './schema.js';
import { queryIds } from './lifecycle.js';
import { UPLOAD_CONTENT_TYPES, type UploadFormat } from './records.js';
import { toBatch, type BatchService } from './service.js';

const tags = ['Batches'];
const listSpec = {
  sortable: {
    id: 'id',
    name: 'name',
    state: 'state',
    rowCount: 'row_count',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  defaultSort: 'id',
  fields: BATCH_FIELDS,
};
const accepted = { 202: JobSchema, ...ErrorResponses };

export function batchRoutes(app: App, service: BatchService): void {
  app.post(
    '/v1/datasets/:id/batches',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createBatch',
        summary: 'Create a batch from rows in the body (up to 10,000; upload more as JSONL or CSV)',
        params: IdParams,
        body: CreateBatchBody,
        response: accepted,
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await service.ingest(
            request.principal!,
            request.params.id,
            { name: request.body.name, onRowError: request.body.onRowError },
            { kind: 'api', rows: request.body.rows },
          ),
        ),
  );

  // Uploads stream: the body reaches the handler unread, whatever its size, and rows are written as
  // they arrive. Their own content-type parsers live in this encapsulated context only.
  void app.register(async (uploads: App) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    uploads.post(
      '/v1/datasets/:id/batches/upload',
      {
        config: { access: 'write' },
        schema: {
          tags,
          operationId: 'uploadBatch',
          summary:
            'Create a batch from a streamed upload: a JSON array, JSON Lines (application/x-ndjson) or CSV with a header',
          description:
            'The body is read as it arrives (any size). Rows are type-checked against the columns; bad rows go to the job’s errors.jsonl. Answers with the finished batch.ingest job.',
          params: IdParams,
          querystring: UploadBatchQuery,
          response: accepted,
        },
      },
      async (request, reply) => {
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const format: UploadFormat | undefined = request.query.format ?? UPLOAD_CONTENT_TYPES[contentType];
        if (!format) {
          throw new ApiError(
            'unsupported_media_type',
            `Content-Type "${contentType || '(none)'}" is not an upload format; use application/json, application/x-ndjson or text/csv (or ?format=).`,
            { errors: [{ in: 'header', pointer: '/content-type', message: 'not an upload format' }] },
          );
        }
        const body = request.body instanceof Readable ? request.body : Readable.from([]);
        const job = await service.ingest(
          request.principal!,
          request.params.id,
          { name: request.query.name, onRowError: request.query.onRowError, total: request.query.total },
          { kind: 'upload', format, body },
        );
        return reply.code(202).send(job);
      },
    );
  });

  app.post(
    '/v1/datasets/:id/batches/append',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'appendBatch',
        summary: 'Start a job that appends another dataset as a new batch, through a column mapping',
        params: IdParams,
        body: AppendBatchBody,
        response: accepted,
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.append(request.principal!, request.params.id, request.body)),
  );

  app.get(
    '/v1/datasets/:id/batches',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listBatches',
        summary: "List a dataset's batches with filters (ids, states, row counts, created range)",
        params: IdParams,
        querystring: ListBatchesQuery,
        response: { 200: PageSchema(Type.Partial(BatchSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      const { page, columnCount } = await service.list(
        request.principal!,
        request.params.id,
        request.query,
        list,
      );
      return toPage(page, list, (row) => toBatch(row, columnCount));
    },
  );

  app.get(
    '/v1/batches/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getBatch',
        summary: 'Get a batch',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(BatchSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      const fields = parseFields(request.query.fields, BATCH_FIELDS);
      return project(await service.get(request.principal!, request.params.id), fields);
    },
  );

  for (const [action, suspend] of [
    ['suspend', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/v1/datasets/:id/batches/${action}`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          operationId: `${action}Batches`,
          summary: suspend
            ? 'Start a job that suspends active batches (their rows leave every read; nothing is rewritten)'
            : 'Start a job that restores suspended batches',
          params: IdParams,
          body: BatchIdsBody,
          response: accepted,
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(await service.setSuspended(request.principal!, request.params.id, request.body.ids, suspend)),
    );
  }

  app.delete(
    '/v1/datasets/:id/batches',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'removeBatches',
        summary: 'Start a job that deletes several batches and their rows',
        params: IdParams,
        querystring: RemoveBatchesQuery,
        response: accepted,
      },
    },
    async (request, reply) => {
      const ids = splitList(request.query.ids) ?? [];
      return reply.code(202).send(await service.remove(request.principal!, request.params.id, ids, queryIds));
    },
  );

  app.delete(
    '/v1/batches/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'deleteBatch',
        summary: 'Start a job that deletes a batch and its rows',
        params: IdParams,
        response: accepted,
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.deleteOne(request.principal!, request.params.id)),
  );

  app.post(
    '/v1/datasets/:id/merge',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'mergeBatches',
        summary: 'Start a squash-and-merge job: source batches become one draft batch of this dataset',
        params: IdParams,
        body: MergeBody,
        response: accepted,
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.merge(request.principal!, request.params.id, request.body)),
  );

  for (const action of ['commit', 'close'] as const) {
    app.post(
      `/v1/batches/:id/${action}`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          operationId: `${action}Draft`,
          summary:
            action === 'commit'
              ? 'Start a job that commits a draft (it becomes active; key conflicts resolved by its strategy)'
              : 'Start a job that closes (discards) a draft',
          params: IdParams,
          response: accepted,
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(
            action === 'commit'
              ? await service.commit(request.principal!, request.params.id)
              : await service.close(request.principal!, request.params.id),
          ),
    );
  }
}
