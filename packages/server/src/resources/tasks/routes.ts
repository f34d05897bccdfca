import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../../errors/problem.js';
import type { App } from '../../http/app-types.js';
import { parseList, toPage } from '../../http/list.js';
import { ErrorResponses, IdParams, PageSchema } from '../../http/schemas.js';
import { JobSchema } from '../jobs/schema.js';
import {
  AssignBody,
  BulkResultSchema,
  ClaimTaskBody,
  CreateTasksBody,
  CreateTasksResponse,
  DuplicateNamesBody,
  DuplicateNamesResponse,
  ExportTasksBody,
  GetTaskQuery,
  HeartbeatBody,
  ImportTasksQuery,
  ListTasksQuery,
  TasksFromRowsBody,
  PropertiesBody,
  RedoBody,
  ReviewBody,
  SetGoldBody,
  SkipTaskBody,
  SubmitTaskBody,
  TaskSchema,
  TransitionBody,
  UnassignBody,
  UpdateTaskBody,
  VerdictBody,
  VerdictsBody,
} from './schema.js';
import { consensusRoutes } from './consensus-routes.js';
import { parseInclude, type TaskService } from './service.js';

const tags = ['Tasks'];
/** Member roles that review and move tasks (annotators only work on the tasks they hold). */
const REVIEWERS = ['reviewer', 'manager'] as const;
const listSpec = {
  sortable: {
    id: 'id',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    name: 'name',
    status: 'status',
    priority: 'priority',
    'properties.score': 'score',
    'prediction.score': 'prediction_score',
    'agreement.score': 'agreement_score',
  },
  nullable: ['score', 'prediction_score', 'agreement_score'],
  defaultSort: 'id',
  fields: Object.keys(TaskSchema.properties),
};
/** Task imports carry up to 10,000 tasks with their data: more than the default body limit. */
const CREATE_BODY_LIMIT = 64 * 1024 * 1024;

export function taskRoutes(app: App, service: TaskService): void {
  consensusRoutes(app, service);
  app.post(
    '/v1/batches/:id/tasks',
    {
      config: { access: 'write' },
      bodyLimit: CREATE_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'createTasks',
        summary: 'Create up to 10,000 tasks in a batch, with a result per task (created, skipped or failed)',
        params: IdParams,
        body: CreateTasksBody,
        response: { 200: CreateTasksResponse, ...ErrorResponses },
      },
    },
    async (request) => service.create(request.principal!, request.params.id, request.body),
  );

  app.post(
    '/v1/batches/:id/tasks/duplicates',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'findDuplicateTaskNames',
        summary: 'Which of these names the batch already has on a task (checked before creating tasks)',
        params: IdParams,
        body: DuplicateNamesBody,
        response: { 200: DuplicateNamesResponse, ...ErrorResponses },
      },
    },
    async (request) => ({
      duplicates: await service.duplicateNames(request.principal!, request.params.id, request.body.names),
    }),
  );

  app.post(
    '/v1/batches/:id/tasks/from-rows',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createTasksFromRows',
        summary:
          "Start a tasks.from_rows job: one task per row of the batch, in that batch, named and filled from the rows' columns",
        params: IdParams,
        body: TasksFromRowsBody,
        response: { 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.fromRows(request.principal!, request.params.id, request.body)),
  );

  // The import body streams to the handler unread (its own parsers, in this context only).
  void app.register(async (imports: App) => {
    imports.removeAllContentTypeParsers();
    imports.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    imports.post(
      '/v1/batches/:id/tasks/import',
      {
        config: { access: 'write' },
        schema: {
          tags,
          operationId: 'importTasks',
          summary:
            'Import tasks from a streamed JSONL file or JSON array of any size (answers with the finished tasks.import job)',
          params: IdParams,
          querystring: ImportTasksQuery,
          response: { 202: JobSchema, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const format =
          request.query.format ??
          (contentType === 'application/json'
            ? 'json'
            : ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'].includes(contentType)
              ? 'jsonl'
              : undefined);
        if (!format) {
          throw new ApiError(
            'unsupported_media_type',
            `Content-Type "${contentType || '(none)'}" is not a task import format; use application/x-ndjson or application/json.`,
            { errors: [{ in: 'header', pointer: '/content-type', message: 'not an import format' }] },
          );
        }
        const body = request.body instanceof Readable ? request.body : Readable.from([]);
        const { format: _format, ...options } = request.query;
        return reply
          .code(202)
          .send(await service.import(request.principal!, request.params.id, options, format, body));
      },
    );
  });

  app.get(
    '/v1/tasks',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listTasks',
        summary: "List a project's tasks with filters (data and history only when asked)",
        querystring: ListTasksQuery,
        response: { 200: PageSchema(Type.Partial(TaskSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      const include = parseInclude(request.query.include);
      const filter = await service.queryFilter(request.principal!, request.query);
      const { page, toItem } = await service.list(request.principal!, filter, include, list);
      return toPage(page, list, toItem);
    },
  );

  const anyMember = ['annotator', 'reviewer', 'manager'] as const;
  app.post(
    '/v1/tasks/claim',
    {
      config: { access: 'write', memberRoles: anyMember },
      schema: {
        tags,
        operationId: 'claimTask',
        summary:
          "Claim the next workable task of a project's queue for the calling member, under a lease (204: the queue is empty)",
        body: ClaimTaskBody,
        response: { 200: TaskSchema, 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const claimed = await service.claims.claim(request.principal!, request.body);
      if (!claimed) return reply.code(204).send(null);
      // Gold is read again as its member sees it; any other task is answered as the claim left it.
      if (claimed.gold) return service.claimed(request.principal!, claimed.row);
      return service.claimView(claimed.row, new Set(['data']));
    },
  );

  app.post(
    '/v1/tasks/:id/heartbeat',
    {
      config: { access: 'write', memberRoles: anyMember },
      schema: {
        tags,
        operationId: 'heartbeatTask',
        summary: 'Renew the lease of a claimed task (409 task_lease_lost once it expired or moved on)',
        params: IdParams,
        body: HeartbeatBody,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const gold = await service.claims.heartbeat(
        request.principal!,
        request.params.id,
        request.body.leaseSeconds,
      );
      if (gold) return service.claimView(gold, new Set());
      return service.get(request.principal!, request.params.id, new Set());
    },
  );

  app.post(
    '/v1/tasks/:id/submit',
    {
      config: { access: 'write', memberRoles: anyMember },
      schema: {
        tags,
        operationId: 'submitTask',
        summary: 'Submit the work on a claimed task: it moves to complete and the lease ends',
        params: IdParams,
        body: SubmitTaskBody,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const submitted = await service.claims.submit(request.principal!, request.params.id, request.body);
      if (submitted) return service.claimView(submitted.view, new Set(['data']));
      return service.get(request.principal!, request.params.id, new Set(['data']));
    },
  );

  app.post(
    '/v1/tasks/:id/skip',
    {
      config: { access: 'write', memberRoles: anyMember },
      schema: {
        tags,
        operationId: 'skipTask',
        summary:
          'Give a claimed task back with a reason: it returns to pending and the queue never hands it to this member again',
        params: IdParams,
        body: SkipTaskBody,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      const gold = await service.claims.skip(request.principal!, request.params.id, request.body.reason);
      if (gold) return service.claimView(gold, new Set());
      return service.get(request.principal!, request.params.id, new Set());
    },
  );

  app.post(
    '/v1/tasks/:id/verdict',
    {
      config: { access: 'write', memberRoles: REVIEWERS },
      schema: {
        tags,
        operationId: 'giveTaskVerdict',
        summary:
          'Accept a task at its review stage (next stage, or reviewed after the last) or reject it with a reason (back to pending, assigned to its submitter)',
        params: IdParams,
        body: VerdictBody,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      await service.review.verdict(request.principal!, request.params.id, request.body);
      return service.get(request.principal!, request.params.id, new Set());
    },
  );

  app.post(
    '/v1/tasks/verdicts',
    {
      config: { access: 'write', memberRoles: REVIEWERS },
      schema: {
        tags,
        operationId: 'giveTaskVerdicts',
        summary:
          'The same verdict on tasks in review: up to 1,000 ids answered task by task, or a filter (a job)',
        body: VerdictsBody,
        response: { 200: BulkResultSchema, 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const outcome = await service.review.verdicts(request.principal!, request.body);
      return outcome.sync ? reply.code(200).send(outcome.result) : reply.code(202).send(outcome.job);
    },
  );

  app.get(
    '/v1/tasks/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getTask',
        summary: 'Get a task (with data and its transition history when asked)',
        params: IdParams,
        querystring: GetTaskQuery,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) =>
      service.get(request.principal!, request.params.id, parseInclude(request.query.include)),
  );

  app.patch(
    '/v1/tasks/:id',
    {
      config: { access: 'write', memberRoles: ['annotator', 'reviewer', 'manager'] },
      schema: {
        tags,
        operationId: 'updateTask',
        summary:
          "Replace a task's data (checked against the task schema), resources, priority or prediction (annotators and reviewers: only tasks assigned to or claimed by them)",
        params: IdParams,
        body: UpdateTaskBody,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.put(
    '/v1/tasks/:id/gold',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'setTaskGold',
        summary:
          "Set a task's known answer, making it a gold task handed to members at the project's goldRate (data null: no longer gold)",
        params: IdParams,
        body: SetGoldBody,
        response: { 200: TaskSchema, ...ErrorResponses },
      },
    },
    async (request) => {
      await service.gold.set(request.principal!, request.params.id, request.body);
      return service.get(request.principal!, request.params.id, new Set(['data']));
    },
  );

  app.post(
    '/v1/tasks/export',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'exportTasks',
        summary:
          'Start a job that exports the tasks a filter selects as JSON, JSONL or CSV, or their labels as COCO, YOLO, VOC or masks (an artifact)',
        body: ExportTasksBody,
        response: { 202: JobSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await service.export(request.principal!, request.body)),
  );

  const bulkResponse = { 200: BulkResultSchema, 202: JobSchema, ...ErrorResponses };
  app.post(
    '/v1/tasks/review',
    {
      config: { access: 'write', memberRoles: REVIEWERS },
      schema: {
        tags,
        operationId: 'reviewTasks',
        summary: 'Send complete tasks to review (ids: answered at once; filter: a job)',
        body: ReviewBody,
        response: bulkResponse,
      },
    },
    async (request, reply) => {
      const outcome = await service.bulk(request.principal!, request.body, { kind: 'review' });
      return outcome.sync ? reply.code(200).send(outcome.result) : reply.code(202).send(outcome.job);
    },
  );

  app.post(
    '/v1/tasks/redo',
    {
      config: { access: 'write', memberRoles: REVIEWERS },
      schema: {
        tags,
        operationId: 'redoTasks',
        summary:
          'Send complete, to_review or reviewed tasks back to pending, optionally resetting their data',
        body: RedoBody,
        response: bulkResponse,
      },
    },
    async (request, reply) => {
      const outcome = await service.bulk(request.principal!, request.body, {
        kind: 'redo',
        reset: request.body.reset ?? false,
      });
      return outcome.sync ? reply.code(200).send(outcome.result) : reply.code(202).send(outcome.job);
    },
  );

  app.post(
    '/v1/tasks/transition',
    {
      config: { access: 'write', memberRoles: REVIEWERS },
      schema: {
        tags,
        operationId: 'transitionTasks',
        summary: 'Move tasks along the workflow (pending → in_progress → complete → to_review → reviewed)',
        body: TransitionBody,
        response: bulkResponse,
      },
    },
    async (request, reply) => {
      const outcome = await service.bulk(request.principal!, request.body, {
        kind: 'transition',
        to: request.body.to,
      });
      return outcome.sync ? reply.code(200).send(outcome.result) : reply.code(202).send(outcome.job);
    },
  );

  app.post(
    '/v1/tasks/assign',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'assignTasks',
        summary: 'Assign tasks to a member (ids: answered at once; filter: a job)',
        body: AssignBody,
        response: bulkResponse,
      },
    },
    async (request, reply) => {
      const outcome = await service.bulk(request.principal!, request.body, {
        kind: 'assign',
        memberId: request.body.memberId,
      });
      return outcome.sync ? reply.code(200).send(outcome.result) : reply.code(202).send(outcome.job);
    },
  );

  app.post(
    '/v1/tasks/unassign',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'unassignTasks',
        summary: 'Take tasks away from their assignee (ids: answered at once; filter: a job)',
        body: UnassignBody,
        response: bulkResponse,
      },
    },
    async (request, reply) => {
      const outcome = await service.bulk(request.principal!, request.body, { kind: 'unassign' });
      return outcome.sync ? reply.code(200).send(outcome.result) : reply.code(202).send(outcome.job);
    },
  );

  app.post(
    '/v1/tasks/properties',
    {
      config: { access: 'write', memberRoles: REVIEWERS },
      schema: {
        tags,
        operationId: 'updateTaskProperties',
        summary: 'Set the score and set, replace or remove custom properties of tasks',
        body: PropertiesBody,
        response: bulkResponse,
      },
    },
    async (request, reply) => {
      const outcome = await service.bulk(request.principal!, request.body, {
        kind: 'properties',
        score: request.body.score,
        custom: request.body.custom,
      });
      return outcome.sync ? reply.code(200).send(outcome.result) : reply.code(202).send(outcome.job);
    },
  );
}
