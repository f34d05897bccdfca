import type { RequestOptions } from '../core/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { AuditEntry, AuditLogListParams, FieldName, Selected } from '../types.js';

export class AuditLog extends APIResource {
  /**
   * Changes made by credentials, newest first (admins only): filter by `actorId`, `action`,
   * `resourceType`, `resourceId`, `requestId` and `createdAfter` / `createdBefore`.
   */
  list<F extends FieldName<AuditEntry> = keyof AuditEntry>(
    params: AuditLogListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<AuditEntry, F>> {
    return this.client.getPage('/v1/audit-log', params, options);
  }
}
