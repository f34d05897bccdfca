import type { App } from '../../http/app-types.js';
import { ErrorResponses, IdParams } from '../../http/schemas.js';
import { Type } from '@sinclair/typebox';
import { CreateSheetBody, GetSheetQuery, PatchValuesBody, SheetSchema, UpdateSheetBody } from './schema.js';
import type { SheetService } from './service.js';

const tags = ['Sheets'];
const SHEET_BODY_LIMIT = 32 * 1024 * 1024;

export function sheetRoutes(app: App, service: SheetService): void {
  app.post(
    '/v1/tasks/:id/sheet',
    {
      config: { access: 'write' },
      bodyLimit: SHEET_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'createSheet',
        summary: "Create a task's sheet (once: a second time is 409 sheet_exists)",
        params: IdParams,
        body: CreateSheetBody,
        response: { 201: SheetSchema, ...ErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(request.principal!, request.params.id, request.body)),
  );

  app.get(
    '/v1/tasks/:id/sheet',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getSheet',
        summary: "Read a task's sheet, a page of rows at a time (startKey → lastKey)",
        params: IdParams,
        querystring: GetSheetQuery,
        response: { 200: SheetSchema, ...ErrorResponses },
      },
    },
    async (request) => service.get(request.principal!, request.params.id, request.query),
  );

  app.patch(
    '/v1/tasks/:id/sheet',
    {
      config: { access: 'write' },
      bodyLimit: SHEET_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'updateSheet',
        summary: 'Add columns, lots or rows to a sheet',
        params: IdParams,
        body: UpdateSheetBody,
        response: { 200: SheetSchema, ...ErrorResponses },
      },
    },
    async (request) => service.update(request.principal!, request.params.id, request.body),
  );

  app.patch(
    '/v1/tasks/:id/sheet/values',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'patchSheetValues',
        summary: 'Add, update or delete values, all or nothing (a stale oldValue rejects the whole list)',
        params: IdParams,
        body: PatchValuesBody,
        response: { 200: Type.Object({ applied: Type.Integer() }), ...ErrorResponses },
      },
    },
    async (request) => service.patch(request.principal!, request.params.id, request.body),
  );
}
