import type { App } from '../../http/app-types.js';
import { ErrorResponses, IdParams } from '../../http/schemas.js';
import { MemberQualitySchema, QualityQuery, QualityReportSchema } from './schema.js';
import type { QualityService } from './service.js';

const tags = ['Quality'];

/**
 * Read-only, but for managers: `write` access keeps out viewers, and member keys other than
 * managers (annotators and reviewers do not see each other's figures).
 */
const access = { access: 'write', memberRoles: ['manager'] } as const;

export function qualityRoutes(app: App, service: QualityService): void {
  app.get(
    '/v1/quality',
    {
      config: access,
      schema: {
        tags,
        operationId: 'qualityReport',
        summary:
          "Per-member quality of a project's work over a time range: throughput, gold accuracy, agreement, rejection rate",
        querystring: QualityQuery,
        response: { 200: QualityReportSchema, ...ErrorResponses },
      },
    },
    async (request) => service.report(request.principal!, request.query),
  );

  app.get(
    '/v1/members/:id/quality',
    {
      config: access,
      schema: {
        tags,
        operationId: 'memberQuality',
        summary: "One member's row of the quality report (zeros when they did nothing in the range)",
        params: IdParams,
        querystring: QualityQuery,
        response: { 200: MemberQualitySchema, ...ErrorResponses },
      },
    },
    async (request) => service.member(request.principal!, request.params.id, request.query),
  );
}
