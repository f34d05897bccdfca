import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../errors/problem.js';
import type { App } from '../../http/app-types.js';
import { parseList } from '../../http/list.js';
import { JOB_FIELDS, type Job } from '../../resources/jobs/schema.js';
import { toJob } from '../../resources/jobs/service.js';
import type { CompatContext } from '../context.js';
import { definitionIdOf } from './ids.js';
import { instanceStatusFilter, submitDateBounds } from './query.js';
import { instanceJson, jobXml, almaStatus } from './wire.js';
import { MAX_PARAMETERS_XML, parseJobParameters } from './xml.js';

/** Compat routes stay out of the native OpenAPI document (`hide`): docs/compat/alma.md describes them. */
export const ALMA_PREFIX = '/compat/alma';
const BASE = '/almaws/v1';
/** Instances read per list call: Alma's own lists stop at 100 a page; we filter within the newest 1000. */
const MAX_SCANNED = 1000;

const JobParams = Type.Object({ job: Type.String({ maxLength: 200 }) });
const InstanceParams = Type.Object({
  job: Type.String({ maxLength: 200 }),
  instance: Type.String({ maxLength: 200 }),
});
const RunQuery = Type.Object({ op: Type.Optional(Type.String({ maxLength: 50 })) });
const InstancesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_SCANNED, default: 0 })),
  submit_date_from: Type.Optional(Type.String({ maxLength: 30 })),
  submit_date_to: Type.Optional(Type.String({ maxLength: 30 })),
  status: Type.Optional(Type.String({ maxLength: 300 })),
});
const instanceListSpec = {
  sortable: { id: 'id', createdAt: 'created_at' },
  defaultSort: 'createdAt:desc,id:desc',
  fields: JOB_FIELDS,
};

/** Absolute links as Alma gives them, on the host the client called. */
function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${ALMA_PREFIX}${BASE}`;
}

function sendXml(reply: { type(t: string): unknown }, xml: string): string {
  reply.type('application/xml; charset=utf-8');
  return xml;
}

/**
 * Alma values are strings: a parameter the job type declares as a number, integer or boolean is
 * converted when the string is exactly such a literal; anything else stays a string, and the job
 * type's own check then refuses it with its message. No value is silently altered.
 */
function typedParameters(
  values: Map<string, string>,
  schema: Record<string, unknown> | null,
): Record<string, unknown> {
  const properties = (schema?.properties ?? {}) as Record<string, { type?: unknown } | undefined>;
  const out: Record<string, unknown> = {};
  for (const [name, text] of values) {
    const declared = properties[name]?.type;
    const types = Array.isArray(declared) ? declared : [declared];
    if (
      (types.includes('integer') || types.includes('number')) &&
      /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text.trim())
    ) {
      const number = Number(text.trim());
      out[name] = Number.isFinite(number) ? number : text;
    } else if (types.includes('boolean') && (text.trim() === 'true' || text.trim() === 'false')) {
      out[name] = text.trim() === 'true';
    } else {
      out[name] = text;
    }
  }
  return out;
}

export function almaRoutes(scope: App, context: CompatContext): void {
  const { definitions, jobs } = context.services;
  scope.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: MAX_PARAMETERS_XML },
    (_request, body, done) => done(null, body),
  );

  scope.get(
    `${BASE}/conf/jobs/:job`,
    { config: { compatAccess: 'read' }, schema: { hide: true, params: JobParams } },
    async (request, reply) => {
      const { definitionId } = definitionIdOf(request.params.job);
      const definition = await definitions.get(request.principal!, definitionId);
      return sendXml(reply, jobXml(baseUrl(request), request.params.job, definition));
    },
  );

  scope.post(
    `${BASE}/conf/jobs/:job`,
    { config: { compatAccess: 'write' }, schema: { hide: true, params: JobParams, querystring: RunQuery } },
    async (request, reply) => {
      if (request.query.op !== 'run') {
        throw new ApiError('validation_failed', 'The only operation on a job is op=run.', {
          errors: [{ in: 'query', pointer: '/op', message: 'must be run' }],
        });
      }
      const { definitionId } = definitionIdOf(request.params.job);
      const body: unknown = request.body ?? '';
      if (typeof body !== 'string') {
        throw new ApiError(
          'validation_failed',
          'Send the job parameters as XML (Content-Type: application/xml).',
          {
            errors: [{ in: 'body', pointer: '', message: 'must be XML' }],
          },
        );
      }
      const values = parseJobParameters(body);
      const definition = await definitions.get(request.principal!, definitionId);
      const schema = await jobs.argumentsSchemaFor(definition.workspace_id, definition.type);
      const job = await definitions.run(request.principal!, definitionId, {
        parameters: typedParameters(values, schema),
      });
      return sendXml(
        reply,
        jobXml(baseUrl(request), request.params.job, definition, { jobId: job.id, createdAt: job.createdAt }),
      );
    },
  );

  scope.get(
    `${BASE}/conf/jobs/:job/instances`,
    {
      config: { compatAccess: 'read' },
      schema: { hide: true, params: JobParams, querystring: InstancesQuery },
    },
    async (request) => {
      const { definitionId } = definitionIdOf(request.params.job);
      const definition = await definitions.get(request.principal!, definitionId);
      const wanted = instanceStatusFilter(request.query.status);
      const dates = submitDateBounds(request.query.submit_date_from, request.query.submit_date_to);
      const page = await jobs.list(
        request.principal!,
        {
          definitionId: definition.id,
          workspaceId: definition.workspace_id,
          ...(wanted ? { status: wanted.native.join(',') } : {}),
          ...dates,
        },
        parseList({ limit: MAX_SCANNED }, instanceListSpec),
      );
      const matching: Job[] = page.rows
        .map((row) => toJob(row))
        .filter((job) => !wanted || wanted.alma.has(almaStatus(job).value));
      const offset = request.query.offset ?? 0;
      const limit = request.query.limit ?? 100;
      const base = baseUrl(request);
      return {
        job_instance: matching
          .slice(offset, offset + limit)
          .map((job) => instanceJson(job, base, request.params.job, definition.name)),
        total_record_count: matching.length,
      };
    },
  );

  scope.get(
    `${BASE}/conf/jobs/:job/instances/:instance`,
    { config: { compatAccess: 'read' }, schema: { hide: true, params: InstanceParams } },
    async (request) => {
      const { definitionId } = definitionIdOf(request.params.job);
      const definition = await definitions.get(request.principal!, definitionId);
      const notFound = new ApiError(
        'not_found',
        `Job instance ${request.params.instance} of job ${request.params.job} was not found.`,
      );
      if (!/^[a-z]+_[0-9a-z]{1,64}$/.test(request.params.instance)) throw notFound;
      const job = await jobs.get(request.principal!, request.params.instance).catch((error: unknown) => {
        throw error instanceof ApiError && error.code === 'not_found' ? notFound : error;
      });
      if (job.definitionId !== definition.id) throw notFound;
      return instanceJson(job, baseUrl(request), request.params.job, definition.name);
    },
  );
}
