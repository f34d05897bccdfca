import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseFields, parseList, project, toPage } from '../../http/list.js';
import { ErrorResponses, FieldsQuery, IdParams, PageSchema } from '../../http/schemas.js';
import {
  CreateMemberBody,
  ListMembersQuery,
  MEMBER_FIELDS,
  MemberSchema,
  UpdateMemberBody,
} from './schema.js';
import { toMember, type MemberService } from './service.js';

const tags = ['Members'];
const listSpec = {
  sortable: { id: 'id', name: 'name', email: 'email', role: 'role', createdAt: 'created_at' },
  defaultSort: 'id',
  fields: MEMBER_FIELDS,
};

export function memberRoutes(app: App, service: MemberService): void {
  app.post(
    '/v1/members',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'createMember',
        summary: 'Add a person to a workspace (annotator, reviewer or manager)',
        body: CreateMemberBody,
        response: { 201: MemberSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.principal!, request.body)),
  );

  app.get(
    '/v1/members',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listMembers',
        summary: 'List the members of a workspace (removed ones with includeRemoved=true)',
        querystring: ListMembersQuery,
        response: { 200: PageSchema(Type.Partial(MemberSchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      return toPage(await service.list(request.principal!, request.query, list), list, toMember);
    },
  );

  app.get(
    '/v1/members/:id',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getMember',
        summary: 'Get a member',
        params: IdParams,
        querystring: FieldsQuery,
        response: { 200: Type.Partial(MemberSchema), ...ErrorResponses },
      },
    },
    async (request) => {
      const fields = parseFields(request.query.fields, MEMBER_FIELDS);
      return project(toMember(await service.get(request.principal!, request.params.id)), fields);
    },
  );

  app.patch(
    '/v1/members/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'updateMember',
        summary: "Change a member's name, email or role",
        params: IdParams,
        body: UpdateMemberBody,
        response: { 200: MemberSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.delete(
    '/v1/members/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'removeMember',
        summary:
          'Remove a member: its keys are revoked and its claimed or assigned tasks go back to the queue (history keeps naming it)',
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await service.remove(request.principal!, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
