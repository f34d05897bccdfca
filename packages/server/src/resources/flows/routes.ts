import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseList, toPage } from '../../http/list.js';
import { ErrorResponses, IdParams, PageSchema } from '../../http/schemas.js';
import { clientGone, streamUntilEnded } from '../jobs/streams.js';
import { CreateFlowBody, FLOW_FIELDS, FlowSchema, GetFlowQuery, ListFlowsQuery } from './schema.js';
import { toFlow, type FlowService } from './service.js';

const tags = ['Flows'];
const listSpec = {
  sortable: { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at', name: 'name', status: 'status' },
  defaultSort: 'id',
  fields: FLOW_FIELDS,
};

export function flowRoutes(app: App, service: FlowService): void {
  app.post(
    '/v1/flows',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createFlow',
        summary:
          'Create a flow: a graph of jobs keyed by name, `dependsOn` naming others of them, all created or none (202)',
        body: CreateFlowBody,
        response: { 202: FlowSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await service.create(request.principal!, request.body)),
  );

  app.get(
    '/v1/flows',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listFlows',
        summary: 'List flows (without their jobs)',
        querystring: ListFlowsQuery,
        response: { 200: PageSchema(Type.Partial(FlowSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      return toPage(await service.list(request.principal!, request.query, list), list, (row) => toFlow(row));
    },
  );

  app.get(
    '/v1/flows/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getFlow',
        summary: 'Get a flow with its jobs; with wait=N, answer when it ends or after N seconds',
        params: IdParams,
        querystring: GetFlowQuery,
        response: { 200: FlowSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const wait = request.query.wait ?? 0;
      const revoked = wait > 0 ? reply.untilRevoked() : undefined;
      const gone = clientGone(reply);
      const flow = await service.get(
        request.principal!,
        request.params.id,
        wait,
        revoked ? AbortSignal.any([gone, revoked]) : gone,
      );
      if (revoked?.aborted) throw revoked.reason;
      return flow;
    },
  );

  app.get(
    '/v1/flows/:id/events',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'streamFlowEvents',
        summary:
          'Server-sent events: `flow` with the flow and its jobs on every change (at most every 250 ms), then `end` when it ends',
        params: IdParams,
        produces: ['text/event-stream'],
        response: { ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const id = request.params.id;
      await service.get(principal, id); // 404 before the stream starts
      const members = await service.memberIds(id);
      await streamUntilEnded(request, reply, {
        subscribe: (wake) => service.onChange(members, wake),
        read: () => service.get(principal, id),
        ended: (flow) => flow.status !== 'running',
        event: 'flow',
        coalesceMs: 250, // a flow of many jobs changes in bursts
      });
    },
  );

  app.post(
    '/v1/flows/:id/abort',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'abortFlow',
        summary: 'Abort every unfinished job of a flow (waiting and queued at once, running ones signalled)',
        params: IdParams,
        response: { 200: FlowSchema, ...ErrorResponses },
      },
    },
    async (request) => service.abort(request.principal!, request.params.id),
  );

  app.post(
    '/v1/flows/:id/retry',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'retryFlow',
        summary:
          'Run again every job of an ended flow that did not succeed (failed, aborted, skipped, expired); succeeded jobs keep their results',
        params: IdParams,
        response: { 200: FlowSchema, ...ErrorResponses },
      },
    },
    async (request) => service.retry(request.principal!, request.params.id),
  );

  app.delete(
    '/v1/flows/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'deleteFlow',
        summary: 'Delete an ended flow with its jobs and their artifacts',
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.delete(request.principal!, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
