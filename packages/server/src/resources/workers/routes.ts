import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { ErrorResponses, IdParams } from '../../http/schemas.js';
import { JobSchema } from '../jobs/schema.js';
import { clientGone } from '../jobs/streams.js';
import {
  ClaimBody,
  ClaimedJobSchema,
  CompleteBody,
  CompleteManyBody,
  CompleteManyResponse,
  FailBody,
  HeartbeatBody,
  HeartbeatResponse,
} from './schema.js';
import type { WorkerService } from './service.js';

export function workerRoutes(app: App, service: WorkerService): void {
  app.post(
    '/v1/workers/claim',
    {
      config: { access: 'worker' },
      schema: {
        tags: ['Workers'],
        operationId: 'claimJobs',
        summary: 'Claim due jobs of the given types (long-poll up to waitSeconds)',
        body: ClaimBody,
        response: { 200: Type.Object({ data: Type.Array(ClaimedJobSchema) }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const revoked = request.body.waitSeconds ? reply.untilRevoked() : undefined;
      const gone = clientGone(reply);
      const data = await service.claim(
        request.principal!,
        request.body,
        revoked ? AbortSignal.any([gone, revoked]) : gone,
      );
      if (revoked?.aborted && data.length === 0) throw revoked.reason;
      return { data };
    },
  );

  app.post(
    '/v1/jobs/:id/heartbeat',
    {
      config: { access: 'worker' },
      schema: {
        tags: ['Workers'],
        operationId: 'heartbeatJob',
        summary: 'Renew the lease and report progress; the answer says whether to abort',
        params: IdParams,
        body: HeartbeatBody,
        response: { 200: HeartbeatResponse, ...ErrorResponses },
      },
    },
    async (request) => service.heartbeat(request.principal!, request.params.id, request.body),
  );

  app.post(
    '/v1/jobs/:id/complete',
    {
      config: { access: 'worker' },
      schema: {
        tags: ['Workers'],
        operationId: 'completeJob',
        summary: 'Finish a claimed job with its result',
        params: IdParams,
        body: CompleteBody,
        response: { 200: JobSchema, ...ErrorResponses },
      },
    },
    async (request) => service.complete(request.principal!, request.params.id, request.body),
  );

  app.post(
    '/v1/workers/complete',
    {
      config: { access: 'worker' },
      schema: {
        tags: ['Workers'],
        operationId: 'completeJobs',
        summary:
          'Finish up to 1000 claimed jobs at once; each result answers on its own (lease_lost, not_found)',
        body: CompleteManyBody,
        response: { 200: CompleteManyResponse, ...ErrorResponses },
      },
    },
    async (request) => service.completeMany(request.principal!, request.body),
  );

  app.post(
    '/v1/jobs/:id/fail',
    {
      config: { access: 'worker' },
      schema: {
        tags: ['Workers'],
        operationId: 'failJob',
        summary: 'Fail a claimed job; retryable failures are retried with backoff',
        params: IdParams,
        body: FailBody,
        response: { 200: JobSchema, ...ErrorResponses },
      },
    },
    async (request) => service.fail(request.principal!, request.params.id, request.body),
  );
}
