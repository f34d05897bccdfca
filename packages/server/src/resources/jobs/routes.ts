import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, IdParams, PageSchema } from '../../http/schemas.js';
import type { JobBulk } from './bulk.js';
import {
  BulkJobsBody,
  CreateJobBody,
  CreateJobsBatchBody,
  DependencySchema,
  GetJobQuery,
  isEnded,
  JOB_FIELDS,
  JobSchema,
  ListJobsQuery,
} from './schema.js';
import { toJob, type JobService } from './service.js';
import { clientGone, openEventStream, revocationProblem, streamUntilEnded } from './streams.js';

const tags = ['Jobs'];
const listSpec = {
  sortable: {
    id: 'id',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    priority: 'priority',
    runAt: 'run_at',
    type: 'type',
    status: 'status',
  },
  defaultSort: 'id',
  fields: JOB_FIELDS,
};
const ArtifactParams = Type.Object(
  { id: Type.String({ maxLength: 100 }), name: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

const StreamJobsQuery = Type.Object(
  { projectId: Type.Optional(Type.String({ description: 'Only jobs of this project.' })) },
  { additionalProperties: false },
);

export function jobRoutes(app: App, service: JobService, bulk: JobBulk): void {
  app.get(
    '/v1/jobs/events',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'streamAllJobEvents',
        summary:
          'Server-sent events for every job the caller sees: `ready` once subscribed, then `job` with each job created or changed (bursts gathered over 250 ms)',
        querystring: StreamJobsQuery,
        produces: ['text/event-stream'],
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { projectId } = request.query;
      if (projectId !== undefined) await service.requireProject(principal, projectId);
      const stream = openEventStream(request, reply);
      const revoked = reply.untilRevoked();
      const ended = AbortSignal.any([stream.gone, revoked]);
      // Reads run one after another, so events keep the order of the changes they report.
      let reading = Promise.resolve();
      const unsubscribe = service.onAnyChange((ids) => {
        reading = reading.then(async () => {
          if (ended.aborted) return;
          try {
            for (const job of await service.visible(principal, ids, projectId))
              stream.send('job', JSON.stringify(job));
          } catch (error) {
            request.log.warn({ err: error }, 'job event stream read failed');
          }
        });
      }, 250);
      stream.send('ready', '{}');
      if (!ended.aborted)
        await new Promise<void>((resolve) => ended.addEventListener('abort', () => resolve()));
      unsubscribe();
      await reading;
      if (revoked.aborted) stream.send('error', revocationProblem(revoked, request.id));
      stream.end();
    },
  );

  app.post(
    '/v1/jobs',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createJob',
        summary: 'Create a job (202; 200 with the in-flight job when uniqueKey matches one)',
        body: CreateJobBody,
        response: { 200: JobSchema, 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { job, created } = await service.createForCaller(request.principal!, request.body);
      return reply.code(created ? 202 : 200).send(job);
    },
  );

  app.post(
    '/v1/jobs/batch',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createJobs',
        summary: 'Create up to 1000 jobs at once, all or none',
        body: CreateJobsBatchBody,
        response: { 202: Type.Object({ data: Type.Array(JobSchema) }), ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send({ data: await service.createMany(request.principal!, request.body.jobs) }),
  );

  app.post(
    '/v1/jobs/bulk',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'bulkJobs',
        summary:
          'Abort, retry or delete the jobs a filter selects (at least one criterion): 202 with a `jobs.bulk` job whose result counts them and whose results.jsonl artifact has one line per job',
        body: BulkJobsBody,
        response: { 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await bulk.start(request.principal!, request.body)),
  );

  app.get(
    '/v1/jobs',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listJobs',
        summary: 'List jobs by type, status, definition, project and creation range',
        querystring: ListJobsQuery,
        response: { 200: PageSchema(Type.Partial(JobSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      const page = await service.list(request.principal!, request.query, list);
      const pauses = await service.pausesFor(page.rows);
      return toPage(page, list, (row) => toJob(row, [], pauses?.holds(row)));
    },
  );

  app.get(
    '/v1/jobs/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getJob',
        summary: 'Get a job; with wait=N, answer when it ends or after N seconds',
        params: IdParams,
        querystring: GetJobQuery,
        response: { 200: Type.Partial(JobSchema), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const fields = parseFields(request.query.fields, JOB_FIELDS);
      const wait = request.query.wait ?? 0;
      // A long-poll ends with a 401 as soon as its credential is revoked.
      const revoked = wait > 0 ? reply.untilRevoked() : undefined;
      const gone = clientGone(reply);
      const job = await service.get(
        request.principal!,
        request.params.id,
        wait,
        revoked ? AbortSignal.any([gone, revoked]) : gone,
      );
      if (revoked?.aborted) throw revoked.reason;
      return project(job, fields);
    },
  );

  app.get(
    '/v1/jobs/:id/events',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'streamJobEvents',
        summary: 'Server-sent events: `job` with the job on every change, then `end` when it ends',
        params: IdParams,
        produces: ['text/event-stream'],
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const id = request.params.id;
      await service.getRow(principal, id); // 404 before the stream starts
      await streamUntilEnded(request, reply, {
        subscribe: (wake) => service.onChange(id, wake),
        read: () => service.get(principal, id, 0),
        ended: (job) => isEnded(job.status),
        event: 'job',
        coalesceMs: 100, // bursts of progress: one event per 100 ms at most
      });
    },
  );

  app.post(
    '/v1/jobs/:id/abort',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'abortJob',
        summary: 'Abort a job: at once when queued; a running one is signalled and ends aborted',
        params: IdParams,
        response: { 200: JobSchema, ...ErrorResponses },
      },
    },
    async (request) => service.abort(request.principal!, request.params.id),
  );

  app.post(
    '/v1/jobs/:id/retry',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'retryJob',
        summary: 'Re-queue a failed or aborted job (it resumes from its checkpoint)',
        params: IdParams,
        response: { 200: JobSchema, ...ErrorResponses },
      },
    },
    async (request) => service.retry(request.principal!, request.params.id),
  );

  app.delete(
    '/v1/jobs/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'deleteJob',
        summary: 'Delete a finished job and its artifacts',
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.delete(request.principal!, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/jobs/:id/artifacts/:name',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'downloadJobArtifact',
        summary: 'Download an artifact of a job',
        params: ArtifactParams,
        produces: ['application/octet-stream'],
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { artifact, stream } = await service.artifact(
        request.principal!,
        request.params.id,
        request.params.name,
      );
      reply.header('content-type', artifact.content_type);
      reply.header('content-length', artifact.size_bytes);
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(artifact.name)}`,
      );
      return reply.send(stream as never);
    },
  );

  app.get(
    '/v1/jobs/:id/dependencies',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listJobDependencies',
        summary: 'The jobs a job depends on, with their status and, once they succeeded, their result',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(DependencySchema) }), ...ErrorResponses },
      },
    },
    async (request) => ({ data: await service.dependencies(request.principal!, request.params.id) }),
  );
}
