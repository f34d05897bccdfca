import type { RequestOptions } from '../core/http.js';
import { BatchyardError } from '../core/errors.js';
import { pathId } from '../internal/http.js';
import { APIResource } from '../core/resource.js';
import type { MemberQuality, QualityParams, QualityReport } from '../types.js';

/**
 * Per-member quality of a project's work over a time range: throughput, gold accuracy, agreement
 * and rejection rate. Managers, editors and admins only.
 */
export class Quality extends APIResource {
  /** One row per member with activity in `[from, to)` (default: the last 30 days). */
  report(params: QualityParams, options?: RequestOptions): Promise<QualityReport> {
    return this.client.request('GET', '/v1/quality', { ...options, query: rangeQuery(params) });
  }

  /** One member's row (zeros when they did nothing in the range). */
  member(memberId: string, params: QualityParams, options?: RequestOptions): Promise<MemberQuality> {
    return this.client.request('GET', `/v1/members/${pathId(memberId)}/quality`, {
      ...options,
      query: rangeQuery(params),
    });
  }
}

function rangeQuery(params: QualityParams): Record<string, string> {
  if (typeof params?.projectId !== 'string' || params.projectId === '')
    throw new BatchyardError('quality: `projectId` is required.');
  const query: Record<string, string> = { projectId: params.projectId };
  for (const key of ['from', 'to'] as const) {
    const value = params[key];
    if (value === undefined) continue;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new BatchyardError(`quality: \`${key}\` is an invalid Date.`);
      query[key] = value.toISOString();
    } else query[key] = value;
  }
  return query;
}
