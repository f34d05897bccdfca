import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import {
  CreateProjectBody,
  DeleteProjectQuery,
  ListProjectsQuery,
  PROJECT_FIELDS,
  ProjectSchema,
  UpdateProjectBody,
} from './schema.js';
import { FormConfigurationSchema } from './form.js';
import { toProject, type ProjectService } from './service.js';

const tags = ['Projects'];
const listSpec = {
  sortable: { id: 'id', name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' },
  defaultSort: 'id',
  fields: PROJECT_FIELDS,
};

export function projectRoutes(app: App, service: ProjectService): void {
  app.post(
    '/v1/projects',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'createProject',
        summary: 'Create a project',
        body: CreateProjectBody,
        response: { 201: ProjectSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.principal!, request.body)),
  );

  app.get(
    '/v1/projects',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listProjects',
        summary: 'List projects (of one workspace with workspaceId)',
        querystring: ListProjectsQuery,
        response: { 200: PageSchema(Type.Partial(ProjectSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      return toPage(await service.list(request.principal!, request.query.workspaceId, list), list, toProject);
    },
  );

  app.get(
    '/v1/projects/:id/form',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getProjectForm',
        summary: "The project's task schema as a labelling form configuration (one input per property)",
        params: IdParams,
        response: { 200: FormConfigurationSchema, ...ErrorResponses },
      },
    },
    async (request) => service.formConfiguration(request.principal!, request.params.id),
  );

  app.get(
    '/v1/projects/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getProject',
        summary: 'Get a project',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(ProjectSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      const fields = parseFields(request.query.fields, PROJECT_FIELDS);
      return project(toProject(await service.get(request.principal!, request.params.id)), fields);
    },
  );

  app.patch(
    '/v1/projects/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'updateProject',
        summary: 'Update a project',
        params: IdParams,
        body: UpdateProjectBody,
        response: { 200: ProjectSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.delete(
    '/v1/projects/:id',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'deleteProject',
        summary: 'Delete a project (refused while it holds data, unless force=true)',
        params: IdParams,
        querystring: DeleteProjectQuery,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.delete(request.principal!, request.params.id, request.query.force ?? false);
      return reply.code(204).send(null);
    },
  );
}
