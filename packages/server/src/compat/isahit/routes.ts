import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import { ApiError, badField } from '../../errors/problem.js';
import type { App } from '../../http/app-types.js';
import type { Project } from '../../resources/projects/schema.js';
import { toProject } from '../../resources/projects/service.js';
import type { CompatContext } from '../context.js';
import { loginFields } from './auth.js';
import { decodeDataId, encodeDataId } from './data.js';
import { paginated, taskPage } from './paging.js';
import { all, fieldFilters, one, paging, statusFilter, type RawQuery } from './query.js';
import { toIsahitProject, toIsahitTask } from './shapes.js';

const MAX_PROJECTS = 1_000;
const MAX_PROPERTY_IDS = 200;
const MAX_DUPLICATE_NAMES = 500;

const principalOf = (request: FastifyRequest): Principal => request.principal!;
const queryOf = (request: FastifyRequest) => request.query as RawQuery;
const bodyOf = (request: FastifyRequest): Record<string, unknown> => {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badField('body', '', 'a JSON object');
  }
  return body as Record<string, unknown>;
};
const paramOf = (request: FastifyRequest, name: string) => (request.params as Record<string, string>)[name]!;

function stringList(value: unknown, pointer: string, max: number): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length <= 500)) {
    throw badField('body', pointer, 'a list of strings (each at most 500 characters)');
  }
  if (value.length > max) throw badField('body', pointer, `at most ${max} items`);
  return value as string[];
}

/** The task, if it is in the caller's workspace and in `projectId` (else isahit's not-found). */
async function taskInProject(context: CompatContext, principal: Principal, id: string, projectId: string) {
  const task = await context.services.tasks.get(principal, id, new Set());
  if (task.projectId !== projectId) throw new ApiError('not_found', `Task ${id} was not found.`);
  return task;
}

export function isahitRoutes(app: App, context: CompatContext): void {
  const { services } = context;
  // The family's wire is isahit's, not Batchyard's API: it stays out of the OpenAPI document and the SDK.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });

  app.post('/api/user-manager/auth/login', { config: { compatAccess: 'public' } }, async (request, reply) => {
    const { accessId, secretKey } = loginFields(request.body);
    const token = await services.credentials.issueToken(accessId, secretKey);
    // isahitlab accepts exactly 201 here.
    return reply.code(201).send({ access_token: token.accessToken, expires_in: token.expiresIn });
  });

  app.get('/api/project-manager/projects', { config: { compatAccess: 'read' } }, async (request) => {
    const principal = principalOf(request);
    const query = queryOf(request);
    const { page, limit } = paging(query, 10);
    const ids = all(query, 'ids');
    const search = one(query, 'search')?.toLowerCase();
    let projects: Project[];
    if (ids.length > 0) {
      projects = [];
      for (const id of new Set(ids.slice(0, MAX_PROJECTS))) {
        const row = await services.projects.get(principal, id).catch((error: unknown) => {
          if (error instanceof ApiError && error.code === 'not_found') return undefined;
          throw error;
        });
        if (row) projects.push(toProject(row));
      }
    } else {
      const rows = await services.projects.list(principal, undefined, {
        sort: [{ column: 'id', direction: 'asc' }],
        sortKey: 'id:asc',
        after: null,
        limit: MAX_PROJECTS,
        fields: null,
      });
      projects = rows.rows.map(toProject);
    }
    // Every Batchyard project is served as an active "form" project.
    const types = all(query, 'types');
    const statuses = all(query, 'statuses');
    const matching = projects.filter(
      (p) =>
        (search === undefined || p.name.toLowerCase().includes(search)) &&
        (types.length === 0 || types.includes('form')) &&
        (statuses.length === 0 || statuses.includes('active')),
    );
    const docs = matching.slice((page - 1) * limit, page * limit).map(toIsahitProject);
    return paginated(docs, matching.length, page, limit);
  });

  app.get(
    '/api/project-configuration-manager/projects/:projectId/project-configuration',
    { config: { compatAccess: 'read' } },
    async (request) => {
      return services.projects.formConfiguration(principalOf(request), paramOf(request, 'projectId'));
    },
  );

  app.patch(
    '/api/task-manager/batches/:batchId/tasks-duplicate',
    { config: { compatAccess: 'read' } },
    async (request) => {
      const names = stringList(bodyOf(request).names, '/names', MAX_DUPLICATE_NAMES);
      const duplicate = await services.tasks.duplicateNames(
        principalOf(request),
        paramOf(request, 'batchId'),
        names,
      );
      return { duplicate };
    },
  );

  app.post('/api/data-manager/import-data/json', { config: { compatAccess: 'write' } }, async (request) => {
    const body = bodyOf(request);
    if (typeof body.batchId !== 'string') throw badField('body', '/batchId', 'the batch the task goes in');
    // The batch must be the caller's: another workspace's batch is not found.
    await services.batches.get(principalOf(request), body.batchId);
    const initialDataId = encodeDataId(body.body);
    // Nothing is granted separately: the task create is authenticated by the caller's own token.
    return { initialDataId, accessToken: 'none' };
  });

  app.post(
    '/api/task-manager/batches/:batchId/tasks',
    { config: { compatAccess: 'write' } },
    async (request) => {
      const principal = principalOf(request);
      const body = bodyOf(request);
      if (typeof body.name !== 'string' || body.name === '') throw badField('body', '/name', 'the task name');
      const resources = body.resources ?? [];
      const task: {
        name: string;
        resources: string[];
        data?: Record<string, unknown>;
        properties?: { score?: number | null; custom?: Record<string, unknown> };
      } = { name: body.name, resources: stringList(resources, '/resources', 100) };
      if (typeof body.dataId === 'string') task.data = decodeDataId(body.dataId);
      else if (body.dataId !== null && body.dataId !== undefined)
        throw badField('body', '/dataId', 'a string or null');
      if (body.properties !== null && body.properties !== undefined) {
        const p = body.properties as Record<string, unknown>;
        if (typeof p !== 'object' || Array.isArray(p)) throw badField('body', '/properties', 'an object');
        const properties: { score?: number | null; custom?: Record<string, unknown> } = {};
        if (p.score !== undefined) {
          if (p.score !== null && (typeof p.score !== 'number' || !Number.isFinite(p.score)))
            throw badField('body', '/properties/score', 'a finite number or null');
          properties.score = p.score;
        }
        if (p.custom !== undefined) {
          if (typeof p.custom !== 'object' || p.custom === null || Array.isArray(p.custom))
            throw badField('body', '/properties/custom', 'an object');
          properties.custom = p.custom as Record<string, unknown>;
        }
        task.properties = properties;
      }
      const result = await services.tasks.create(principal, paramOf(request, 'batchId'), {
        tasks: [task],
        onExisting: 'error',
      });
      const item = result.results[0];
      if (!item || item.status !== 'created' || !item.id) {
        const error = item?.error;
        throw new ApiError('validation_failed', error?.message ?? `Task ${task.name} was not created.`, {
          errors: [
            { in: 'body', pointer: error?.pointer ?? '/name', message: error?.message ?? 'not created' },
          ],
        });
      }
      return toIsahitTask(await services.tasks.get(principal, item.id, new Set(['data'])), true);
    },
  );

  app.get('/api/task-manager/tasks', { config: { compatAccess: 'read' } }, async (request) => {
    const principal = principalOf(request);
    const query = queryOf(request);
    const { page, limit } = paging(query, 100);
    const projectId = one(query, 'projectId');
    if (projectId === undefined) throw badField('query', '/projectId', 'the project whose tasks to list');
    const nameLike = all(query, 'nameLike');
    if (nameLike.length > 1) throw badField('query', '/nameLike', 'give one pattern');
    const filter = await services.tasks.queryFilter(principal, {
      projectId,
      nameRegex: nameLike[0],
      filter: fieldFilters(query),
    });
    const statuses = statusFilter(query);
    const batchIds = all(query, 'batchIds');
    const ids = all(query, 'taskIds');
    const names = all(query, 'taskNames');
    if (batchIds.length > 0) filter.batchIds = batchIds;
    if (ids.length > 0) filter.ids = ids;
    if (names.length > 0) filter.names = names;
    const withData = all(query, 'optionalFields').includes('data');
    if (statuses !== null && statuses.length === 0) return paginated([], 0, page, limit);
    if (statuses !== null) filter.statuses = statuses as typeof filter.statuses;
    const { tasks, total } = await taskPage(
      services.tasks,
      principal,
      filter,
      new Set(withData ? ['data'] : []),
      page,
      limit,
    );
    return paginated(
      tasks.map((t) => toIsahitTask(t, withData)),
      total,
      page,
      limit,
    );
  });

  app.patch(
    '/api/task-manager/projects/:projectId/tasks/properties',
    { config: { compatAccess: 'write' } },
    async (request) => {
      const principal = principalOf(request);
      const body = bodyOf(request);
      const taskIds = [...new Set(stringList(body.taskIds, '/taskIds', MAX_PROPERTY_IDS))];
      const score = body.score;
      if (score !== undefined && score !== null && (typeof score !== 'number' || !Number.isFinite(score)))
        throw badField('body', '/score', 'a finite number or null');
      const custom = body.custom;
      if (custom !== undefined && (typeof custom !== 'object' || custom === null || Array.isArray(custom)))
        throw badField('body', '/custom', 'an object');
      if (taskIds.length === 0) return { updated: 0 };
      // Only the project's own tasks (in the caller's workspace) are touched; others are not counted.
      const filter = await services.tasks.queryFilter(principal, {
        projectId: paramOf(request, 'projectId'),
      });
      filter.ids = taskIds;
      const { page } = await services.tasks.list(principal, filter, new Set(), {
        sort: [{ column: 'id', direction: 'asc' }],
        sortKey: 'id:asc',
        after: null,
        limit: MAX_PROPERTY_IDS,
        fields: null,
      });
      const ids = page.rows.map((r) => r.id);
      if (ids.length === 0) return { updated: 0 };
      const outcome = await services.tasks.bulk(
        principal,
        { ids },
        {
          kind: 'properties',
          score: score as number | null | undefined,
          // isahit "adds" custom properties: the keys given are set, the others kept.
          custom: custom === undefined ? undefined : { set: custom as Record<string, unknown> },
        },
      );
      return { updated: outcome.sync ? outcome.result.applied : 0 };
    },
  );

  const move = (path: string, operation: (query: RawQuery) => Parameters<typeof services.tasks.bulk>[2]) =>
    app.patch(path, { config: { compatAccess: 'write' } }, async (request) => {
      const principal = principalOf(request);
      const query = queryOf(request);
      const projectId = one(query, 'projectId');
      if (projectId === undefined) throw badField('query', '/projectId', "the task's project");
      const id = paramOf(request, 'taskId');
      const op = operation(query);
      await taskInProject(context, principal, id, projectId);
      await services.tasks.bulk(principal, { ids: [id] }, op);
      return toIsahitTask(await services.tasks.get(principal, id, new Set()), false);
    });

  move('/api/task-manager/tasks/:taskId/to-review', () => ({ kind: 'review' }));
  move('/api/task-manager/tasks/:taskId/reset', (query) => {
    const keepState = one(query, 'keepState') ?? 'true';
    if (keepState !== 'true' && keepState !== 'false') throw badField('query', '/keepState', 'true or false');
    // keepState=false (the client's reset=True) restores the task's initial data.
    return { kind: 'redo', reset: keepState === 'false' };
  });
}
