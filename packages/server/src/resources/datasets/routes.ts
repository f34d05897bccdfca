import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import { JobSchema } from '../jobs/schema.js';
import {
  CreateDatasetBody,
  DATASET_FIELDS,
  DatasetFromSearchBody,
  DatasetSchema,
  DeleteDatasetQuery,
  ListDatasetsQuery,
  ListRowsQuery,
  RowSchema,
  SearchBody,
  UpdateDatasetBody,
} from './schema.js';
import { toDataset, type DatasetService } from './service.js';

const tags = ['Datasets'];
const listSpec = {
  sortable: { id: 'id', name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' },
  defaultSort: 'id',
  fields: DATASET_FIELDS,
};

export function datasetRoutes(app: App, service: DatasetService): void {
  app.post(
    '/v1/datasets',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createDataset',
        summary: 'Create a dataset with typed columns',
        body: CreateDatasetBody,
        response: { 201: DatasetSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.principal!, request.body)),
  );

  app.get(
    '/v1/datasets',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listDatasets',
        summary: 'List datasets (of a project with projectId)',
        querystring: ListDatasetsQuery,
        response: { 200: PageSchema(Type.Partial(DatasetSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      const page = await service.list(
        request.principal!,
        { workspaceId: request.query.workspaceId, projectId: request.query.projectId },
        list,
      );
      return toPage(page, list, toDataset);
    },
  );

  app.get(
    '/v1/datasets/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getDataset',
        summary: 'Get a dataset',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(DatasetSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      const fields = parseFields(request.query.fields, DATASET_FIELDS);
      return project(toDataset(await service.get(request.principal!, request.params.id)), fields);
    },
  );

  app.patch(
    '/v1/datasets/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'updateDataset',
        summary: 'Rename a dataset, add or rename columns, set the key column',
        params: IdParams,
        body: UpdateDatasetBody,
        response: { 200: DatasetSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.delete(
    '/v1/datasets/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'deleteDataset',
        summary: 'Delete a dataset (refused while it has batches, unless force=true)',
        params: IdParams,
        querystring: DeleteDatasetQuery,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.delete(request.principal!, request.params.id, request.query.force ?? false);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/datasets/:id/rows',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listRows',
        summary: "List a dataset's rows (of its active batches) with filters, sort and cursor",
        params: IdParams,
        querystring: ListRowsQuery,
        response: { 200: PageSchema(RowSchema), ...ErrorResponses },
      },
    },
    async (request) =>
      service.rows(request.principal!, request.params.id, {
        ...request.query,
        limit: request.query.limit ?? 50,
      }),
  );

  app.post(
    '/v1/datasets/:id/search',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'searchDataset',
        summary: 'Start a search job: the result holds the count and ids of matching active rows',
        params: IdParams,
        body: SearchBody,
        response: { 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.search(request.principal!, request.params.id, request.body)),
  );

  app.post(
    '/v1/datasets/from-search',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createDatasetFromSearch',
        summary: 'Start a job that creates a dataset from the rows a search found',
        body: DatasetFromSearchBody,
        response: { 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.fromSearch(request.principal!, request.body)),
  );
}
