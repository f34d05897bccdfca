import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.js';
import { parseList, toPage } from '../../http/list.js';
import { ErrorResponses, PageSchema } from '../../http/schemas.js';
import { AUDIT_FIELDS, AuditEntrySchema, ListAuditQuery } from './schema.js';
import { toAuditEntry, type AuditService } from './service.js';

const tags = ['Audit log'];
const listSpec = {
  sortable: { id: 'id', createdAt: 'created_at' },
  defaultSort: 'id:desc',
  fields: AUDIT_FIELDS,
};

export function auditRoutes(app: App, service: AuditService): void {
  app.get(
    '/v1/audit-log',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'listAuditLog',
        summary: 'List the changes made by credentials (newest first), for admins',
        querystring: ListAuditQuery,
        response: { 200: PageSchema(Type.Partial(AuditEntrySchema)), ...ErrorResponses },
      },
    },
    async (request) => {
      const list = parseList(request.query, listSpec);
      return toPage(await service.list(request.principal!, request.query, list), list, toAuditEntry);
    },
  );
}
