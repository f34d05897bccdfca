import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { ErrorResponses } from '../../http/schemas.js';
import {
  JobKeySchema,
  JobTypeSchema,
  ListJobKeysQuery,
  PauseJobTypeBody,
  PutJobTypeBody,
  TypeParams,
  WorkspaceQuery,
} from './schema.js';
import type { JobTypeService } from './service.js';

const tags = ['Jobs'];

export function jobTypeRoutes(app: App, service: JobTypeService): void {
  app.get(
    '/v1/job-types',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listJobTypes',
        summary: 'Built-in job types and the custom ones registered in the workspace',
        querystring: WorkspaceQuery,
        response: { 200: Type.Object({ data: Type.Array(JobTypeSchema) }), ...ErrorResponses },
      },
    },
    async (request) => ({ data: await service.listTypes(request.principal!, request.query.workspaceId) }),
  );

  app.put(
    '/v1/job-types/:name',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'putJobType',
        summary: 'Register (or update) a custom job type, run by remote workers',
        params: TypeParams,
        body: PutJobTypeBody,
        response: { 200: JobTypeSchema, ...ErrorResponses },
      },
    },
    async (request) => service.putType(request.principal!, request.params.name, request.body),
  );

  app.get(
    '/v1/job-types/:name/keys',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listJobKeys',
        summary: "A type's concurrency keys with queued or running jobs in the workspace, busiest first",
        params: TypeParams,
        querystring: ListJobKeysQuery,
        response: { 200: Type.Object({ data: Type.Array(JobKeySchema) }), ...ErrorResponses },
      },
    },
    async (request) => ({
      data: await service.listKeys(
        request.principal!,
        request.params.name,
        request.query.workspaceId,
        request.query.limit ?? 100,
      ),
    }),
  );

  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post(
      `/v1/job-types/:name/${action}`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          operationId: paused ? 'pauseJobType' : 'resumeJobType',
          summary: paused
            ? 'Pause a job type: its queued jobs stay queued and are not claimed (in a workspace, or instance-wide)'
            : 'Resume a paused job type: its queued jobs are claimed again at once',
          params: TypeParams,
          body: PauseJobTypeBody,
          response: { 200: JobTypeSchema, ...ErrorResponses },
        },
      },
      async (request) => service.setPaused(request.principal!, request.params.name, request.body, paused),
    );
  }

  app.delete(
    '/v1/job-types/:name',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'deleteJobType',
        summary: 'Remove a custom job type',
        params: TypeParams,
        querystring: WorkspaceQuery,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.deleteType(request.principal!, request.params.name, request.query.workspaceId);
      return reply.code(204).send(null);
    },
  );
}
