import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import { JOB_FIELDS, JobSchema } from '../jobs/schema.js';
import { toJob, type JobService } from '../jobs/service.js';
import {
  CreateDefinitionBody,
  DEFINITION_FIELDS,
  DefinitionSchema,
  ListDefinitionsQuery,
  ListInstancesQuery,
  RunDefinitionBody,
  SchedulePreviewQuery,
  SchedulePreviewSchema,
  UpdateDefinitionBody,
} from './schema.js';
import { previewSchedule, toDefinition, type DefinitionService } from './service.js';

const tags = ['Job definitions'];
const listSpec = {
  sortable: {
    id: 'id',
    name: 'name',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    nextRunAt: 'next_run_at',
  },
  defaultSort: 'id',
  fields: DEFINITION_FIELDS,
};
const instanceSpec = {
  sortable: { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at' },
  defaultSort: 'id:desc',
  fields: JOB_FIELDS,
};

export function definitionRoutes(app: App, service: DefinitionService, jobs: JobService): void {
  app.post(
    '/v1/definitions',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createDefinition',
        summary: 'Create a job definition (manual, or scheduled with a cron expression)',
        body: CreateDefinitionBody,
        response: { 201: DefinitionSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.principal!, request.body)),
  );

  app.get(
    '/v1/definitions',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listDefinitions',
        summary: 'List job definitions',
        querystring: ListDefinitionsQuery,
        response: { 200: PageSchema(Type.Partial(DefinitionSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      return toPage(await service.list(request.principal!, request.query, list), list, toDefinition);
    },
  );

  app.get(
    '/v1/definitions/schedule-preview',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'previewDefinitionSchedule',
        summary:
          'The next fire times of a cron schedule, computed as the scheduler does (a bad expression or time zone: 400 at /schedule or /timezone)',
        querystring: SchedulePreviewQuery,
        response: { 200: SchedulePreviewSchema, ...ErrorResponses },
      },
    },
    async (request) => previewSchedule(request.query),
  );

  app.get(
    '/v1/definitions/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getDefinition',
        summary: 'Get a job definition',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(DefinitionSchema), ...ErrorResponses },
      },
    },
    async (request) =>
      project(
        toDefinition(await service.get(request.principal!, request.params.id)),
        parseFields(request.query.fields, DEFINITION_FIELDS),
      ),
  );

  app.patch(
    '/v1/definitions/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'updateDefinition',
        summary: 'Update a job definition',
        params: IdParams,
        body: UpdateDefinitionBody,
        response: { 200: DefinitionSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.delete(
    '/v1/definitions/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'deleteDefinition',
        summary: 'Delete a job definition (its instances stay)',
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.delete(request.principal!, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/definitions/:id/run',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'runDefinition',
        summary: 'Run a definition: its parameters merged under these; 429 when throttled',
        params: IdParams,
        body: RunDefinitionBody,
        response: { 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.run(request.principal!, request.params.id, request.body)),
  );

  app.get(
    '/v1/definitions/:id/instances',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listDefinitionInstances',
        summary: 'Instances (jobs) of a definition, newest first, by status and submitted date',
        params: IdParams,
        querystring: ListInstancesQuery,
        response: { 200: PageSchema(Type.Partial(JobSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const definition = await service.get(request.principal!, request.params.id);
      const list = parseList(request.query, instanceSpec);
      const page = await jobs.list(
        request.principal!,
        { ...request.query, definitionId: definition.id, workspaceId: definition.workspace_id },
        list,
      );
      return toPage(page, list, (row) => toJob(row));
    },
  );
}
