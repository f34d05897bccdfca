import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import {
  CreateWorkspaceBody,
  DeleteWorkspaceQuery,
  ListWorkspacesQuery,
  UpdateWorkspaceBody,
  WORKSPACE_FIELDS,
  WorkspaceSchema,
} from './schema.js';
import { toWorkspace, type WorkspaceService } from './service.js';

const tags = ['Workspaces'];
const listSpec = {
  sortable: { id: 'id', name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' },
  defaultSort: 'id',
  fields: WORKSPACE_FIELDS,
};

export function workspaceRoutes(app: App, service: WorkspaceService): void {
  app.post(
    '/v1/workspaces',
    {
      config: { access: 'instance' },
      schema: {
        tags,
        operationId: 'createWorkspace',
        summary: 'Create a workspace (instance admin)',
        body: CreateWorkspaceBody,
        response: { 201: WorkspaceSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.principal, request.body)),
  );

  app.get(
    '/v1/workspaces',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listWorkspaces',
        summary: 'List the workspaces this credential can see',
        querystring: ListWorkspacesQuery,
        response: { 200: PageSchema(Type.Partial(WorkspaceSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      return toPage(await service.list(request.principal!, list), list, toWorkspace);
    },
  );

  app.get(
    '/v1/workspaces/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getWorkspace',
        summary: 'Get a workspace',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(WorkspaceSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      const fields = parseFields(request.query.fields, WORKSPACE_FIELDS);
      return project(toWorkspace(await service.get(request.principal!, request.params.id)), fields);
    },
  );

  app.patch(
    '/v1/workspaces/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'updateWorkspace',
        summary: 'Rename a workspace, or set its claim weight (instance admins)',
        params: IdParams,
        body: UpdateWorkspaceBody,
        response: { 200: WorkspaceSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.delete(
    '/v1/workspaces/:id',
    {
      config: { access: 'instance' },
      schema: {
        tags,
        operationId: 'deleteWorkspace',
        summary: 'Delete a workspace (refused while it has projects, unless force=true)',
        params: IdParams,
        querystring: DeleteWorkspaceQuery,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.delete(request.principal!, request.params.id, request.query.force ?? false);
      return reply.code(204).send(null);
    },
  );
}
