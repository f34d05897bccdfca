import { badField } from '../../errors/problem.js';
import type { Batch } from '../../resources/batches/schema.js';
import { isEnded, type Job } from '../../resources/jobs/schema.js';

/** Mammoth's closed batch states, from Batchyard's (WIRE.md §4: pending and draft are not yet synced). */
const STATE_TO_MAMMOTH: Record<Batch['state'], string> = {
  pending: 'sync_pending',
  draft: 'sync_pending',
  active: 'active',
  suspended: 'suspended',
  deleting: 'deleting',
};
const MAMMOTH_TO_STATES: Record<string, Batch['state'][]> = {
  sync_pending: ['pending', 'draft'],
  active: ['active'],
  suspended: ['suspended'],
  deleting: ['deleting'],
};

const JOB_STATUS: Record<Job['status'], string> = {
  waiting: 'processing',
  queued: 'processing',
  running: 'processing',
  succeeded: 'success',
  failed: 'failure',
  expired: 'failure',
  aborted: 'error',
  skipped: 'error',
};

/** What `fields` may name, and the default projection (the client's own default). */
export const BATCH_INFO_FIELDS = [
  'id',
  'name',
  'state',
  'created_at',
  'description',
  'row_count',
  'column_count',
  'source',
  'data_schema',
] as const;
const DEFAULT_FIELDS = 'id,name,state,created_at,description,row_count,column_count,source';

/** Mammoth's BatchInfo; `source`, `description` and `data_schema` are unions we leave null. */
export function toBatchInfo(batch: Batch, fields: readonly string[]): Record<string, unknown> {
  const full: Record<string, unknown> = {
    id: batch.numericId,
    name: batch.name,
    state: STATE_TO_MAMMOTH[batch.state],
    created_at: batch.createdAt,
    description: null,
    row_count: batch.rowCount,
    column_count: batch.columnCount,
    source: null,
    data_schema: null,
  };
  return Object.fromEntries(fields.map((f) => [f, full[f]]));
}

/** `fields=id,name` (empty = the client's default); unknown names are a 400. */
export function parseFields(value: string | undefined): string[] {
  const names = splitNonEmpty(value ?? '') ?? splitNonEmpty(DEFAULT_FIELDS) ?? [];
  const unknown = names.filter((n) => !(BATCH_INFO_FIELDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw badField(
      'query',
      '/fields',
      `unknown field(s) ${unknown.join(', ')}; known: ${BATCH_INFO_FIELDS.join(', ')}`,
    );
  }
  return [...new Set(names)];
}

/** A comma list; undefined when empty (the client always sends every parameter, empty ones included). */
export function splitNonEmpty(value: string | undefined): string[] | undefined {
  const parts = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts : undefined;
}

const MAX_LIST_ITEMS = 1000;

/** `1,2,3` as positive integers (ids and row counts); anything else is a 400 naming the parameter. */
export function parseIntegers(value: string | undefined, name: string, min: number): number[] | undefined {
  const parts = splitNonEmpty(value);
  if (!parts) return undefined;
  if (parts.length > MAX_LIST_ITEMS) throw badField('query', `/${name}`, `at most ${MAX_LIST_ITEMS} values`);
  return parts.map((p) => {
    const n = /^\d{1,15}$/.test(p) ? Number(p) : NaN;
    if (!Number.isSafeInteger(n) || n < min)
      throw badField('query', `/${name}`, `"${p}" is not an integer ≥ ${min}`);
    return n;
  });
}

/** `status=active,sync_pending` as Batchyard states. */
export function parseStates(value: string | undefined): Batch['state'][] | undefined {
  const parts = splitNonEmpty(value);
  if (!parts) return undefined;
  return parts.flatMap((p) => {
    const states = MAMMOTH_TO_STATES[p];
    if (!states) {
      throw badField(
        'query',
        '/status',
        `unknown state "${p}"; states: ${Object.keys(MAMMOTH_TO_STATES).join(', ')}`,
      );
    }
    return states;
  });
}

/** `created_at=(from:'ISO',to:'ISO')`, either end optional. */
export function parseCreatedAt(value: string | undefined): { from?: string; to?: string } | undefined {
  if (!value?.trim()) return undefined;
  const match = /^\(\s*(?:from\s*:\s*'([^']*)')?\s*,?\s*(?:to\s*:\s*'([^']*)')?\s*\)$/.exec(value.trim());
  const check = (iso: string | undefined) => {
    if (iso !== undefined && !Number.isFinite(Date.parse(iso))) {
      throw badField('query', '/created_at', `"${iso}" is not an ISO timestamp`);
    }
    return iso === undefined ? undefined : new Date(Date.parse(iso)).toISOString();
  };
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    throw badField('query', '/created_at', "use (from:'ISO',to:'ISO')");
  }
  const from = check(match[1]);
  const to = check(match[2]);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** Mammoth sort fields → the native list's sortable fields. */
const SORTABLE: Record<string, string> = {
  id: 'id',
  name: 'name',
  state: 'state',
  row_count: 'rowCount',
  created_at: 'createdAt',
};

/** `sort=(id:asc),(state:desc)` as the native `sort` text (`id:asc,state:desc`). */
export function parseSort(value: string | undefined): string {
  if (!value?.trim()) return 'id:asc';
  const parts = value.split(/\)\s*,\s*\(/).map((p) => p.replace(/^\s*\(|\)\s*$/g, '').trim());
  if (parts.length > 10) throw badField('query', '/sort', 'at most 10 sort fields');
  return parts
    .map((part) => {
      const match = /^([a-z_]+)\s*:\s*(asc|desc)$/.exec(part);
      const field = match?.[1] ? SORTABLE[match[1]] : undefined;
      if (!match || !field) {
        throw badField(
          'query',
          '/sort',
          `"${part}" is not (field:asc|desc) with one of ${Object.keys(SORTABLE).join(', ')}`,
        );
      }
      return `${field}:${match[2]}`;
    })
    .join(',');
}

/** `{status_code, job_id, failure_reason}`: what every Mammoth mutation answers. */
export function objectJob(statusCode: number, job: Job) {
  return {
    status_code: statusCode,
    job_id: job.numericId,
    failure_reason:
      isEnded(job.status) && job.status !== 'succeeded' ? (job.error?.message ?? job.status) : null,
  };
}

/** Mammoth's JobSchema (every field required): the job's outcome in `response`. */
export function toJobSchema(job: Job) {
  return {
    id: job.numericId,
    status: JOB_STATUS[job.status],
    response: job.error ? { error: job.error } : (jobResult(job.result) ?? {}),
    last_updated_at: job.updatedAt,
    created_at: job.createdAt,
    path: `/jobs/${job.numericId}`,
    operation: job.type,
  };
}

function jobResult(result: unknown): Record<string, unknown> | undefined {
  return typeof result === 'object' && result !== null && !Array.isArray(result)
    ? (result as Record<string, unknown>)
    : undefined;
}
