import { Type } from '@sinclair/typebox';
import { badField } from '../../errors/problem.js';
import type { App } from '../../http/app-types.js';
import type { Dataset } from '../../resources/datasets/schema.js';
import type { Job } from '../../resources/jobs/schema.js';
import type { CompatContext, CompatServices, Principal } from '../context.js';
import { header } from '../family.js';
import { allDatasets, allJobs, datasetById, branchDataset, resourceNotExist } from './lookup.js';
import {
  JOB_TYPES,
  MERGE_TYPE,
  NATIVE_STATUS,
  datasetCommitId,
  toTensorbayDataset,
  toTensorbayJob,
  unixSeconds,
  type Branches,
  type MergeArguments,
  type SearchArguments,
} from './wire.js';

const API = '/gatewayv2/tensorbay-open-api/v1';
const Paging = {
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
};
const JobTypeQuery = Type.Object(
  { jobType: Type.Union([Type.Literal('squashAndMerge'), Type.Literal('basicSearch')]) },
  { additionalProperties: true },
);
const DatasetParams = Type.Object({ dataset: Type.String({ minLength: 1, maxLength: 100 }) });
const JobParams = Type.Object({
  dataset: Type.String({ minLength: 1, maxLength: 100 }),
  job: Type.String({ minLength: 1, maxLength: 100 }),
});
const Text = (max: number) => Type.String({ maxLength: max });
const CreateJobBody = Type.Object({
  jobType: Type.Union([Type.Literal('squashAndMerge'), Type.Literal('basicSearch')]),
  title: Type.Optional(Text(500)),
  description: Type.Optional(Text(4000)),
  status: Type.Optional(Text(20)),
  arguments: Type.Record(Type.String(), Type.Unknown()),
});
const MergeArgs = { strategies: new Set(['abort', 'override', 'skip']) };

function page<T>(items: T[], offset = 0, limit = 128) {
  const slice = items.slice(offset, offset + limit);
  return { items: slice, offset, recordSize: slice.length, totalCount: items.length };
}

/** The datasets of TensorBay dataset `main`: itself and its branches (`<name>.<branch>` in its project). */
async function branchesOf(services: CompatServices, principal: Principal, main: Dataset): Promise<Branches> {
  const names = new Map<string, string>([[main.id, 'main']]);
  for (const d of await allDatasets(services, principal, main.projectId)) {
    if (d.name.startsWith(`${main.name}.`)) names.set(d.id, d.name.slice(main.name.length + 1));
  }
  return { main, names };
}

function jobDataset(job: Job): string | undefined {
  const args = job.arguments as Partial<MergeArguments & SearchArguments>;
  return job.type === MERGE_TYPE ? args.targetDatasetId : args.datasetId;
}

/** The merge jobs into this dataset or its branches, oldest first. */
async function mergeJobs(services: CompatServices, principal: Principal, branches: Branches): Promise<Job[]> {
  const jobs = await allJobs(services, principal, branches.main.projectId, MERGE_TYPE);
  return jobs.filter((job) => branches.names.has(jobDataset(job) ?? ''));
}

/**
 * A merge's draft number: kept in its arguments since migration 0013; an older merge's draft batch
 * was numbered by the migration (undefined once that draft was closed).
 */
async function draftNumberOf(services: CompatServices, principal: Principal, job: Job) {
  if (job.type !== MERGE_TYPE) return undefined;
  const args = job.arguments as unknown as MergeArguments;
  if (args.reopen?.draftNumber !== undefined) return args.reopen.draftNumber;
  const batch = await services.batches.get(principal, args.draftBatchId).catch(() => undefined);
  return batch?.draftNumber ?? undefined;
}

function required(args: Record<string, unknown>, name: string, max = 200): string {
  const value = args[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw badField('body', `/arguments/${name}`, `a string of 1 to ${max} characters is required`);
  }
  return value;
}

export function tensorbayRoutes(scope: App, context: CompatContext): void {
  const { services } = context;

  // The client re-sends a POST after a 429/5xx with the same X-Request-Id: the native
  // Idempotency-Key machinery (http/idempotency.ts) then answers the replay with the first answer.
  scope.addHook('onRequest', async (request) => {
    const requestId = header(request, 'x-request-id');
    if (
      request.method === 'POST' &&
      requestId &&
      requestId.length <= 200 &&
      !request.headers['idempotency-key']
    )
      request.headers['idempotency-key'] = `tensorbay:${requestId}`;
  });

  const load = async (principal: Principal, id: string) => {
    const main = await datasetById(services, principal, id);
    return branchesOf(services, principal, main);
  };

  const findJob = async (principal: Principal, branches: Branches, id: string, jobType: string) => {
    const job = await services.jobs.get(principal, id);
    if (job.type !== JOB_TYPES[jobType] || !branches.names.has(jobDataset(job) ?? ''))
      throw resourceNotExist(`Job ${id} of type ${jobType} in dataset "${branches.main.name}"`);
    return job;
  };

  const render = async (principal: Principal, branches: Branches, job: Job) =>
    toTensorbayJob(job, branches, await draftNumberOf(services, principal, job));

  scope.get(
    `${API}/datasets`,
    {
      config: { compatAccess: 'read' },
      schema: {
        querystring: Type.Object(
          { name: Type.Optional(Text(200)), ...Paging },
          { additionalProperties: true },
        ),
      },
    },
    async (request) => {
      const { name, offset, limit } = request.query;
      const all = await allDatasets(services, request.principal!);
      const matching = name === undefined ? all : all.filter((d) => d.name === name);
      const { items, ...rest } = page(matching, offset, limit);
      return { datasets: items.map(toTensorbayDataset), ...rest };
    },
  );

  scope.get(
    `${API}/datasets/:dataset`,
    { config: { compatAccess: 'read' }, schema: { params: DatasetParams } },
    async (request) =>
      toTensorbayDataset(await datasetById(services, request.principal!, request.params.dataset)),
  );

  scope.post(
    `${API}/datasets/:dataset/jobs`,
    { config: { compatAccess: 'write' }, schema: { params: DatasetParams, body: CreateJobBody } },
    async (request) => {
      const principal = request.principal!;
      const branches = await load(principal, request.params.dataset);
      const { jobType, arguments: args } = request.body;
      let job: Job;
      if (jobType === 'squashAndMerge') {
        const strategy = required(args, 'strategy', 20);
        if (!MergeArgs.strategies.has(strategy))
          throw badField('body', '/arguments/strategy', 'one of abort, override, skip');
        const source = await branchDataset(
          services,
          principal,
          branches.main,
          required(args, 'sourceBranchName'),
        );
        const target = await branchDataset(
          services,
          principal,
          branches.main,
          typeof args.targetBranchName === 'string' ? args.targetBranchName : 'main',
        );
        job = await services.batches.merge(principal, target.id, {
          source: { datasetId: source.id },
          strategy: strategy as 'abort' | 'override' | 'skip',
          name: required(args, 'title'),
        });
      } else {
        const filters = args.filters;
        if (!Array.isArray(filters) || filters.length > 100)
          throw badField('body', '/arguments/filters', 'an array of at most 100 filters is required');
        const conjunction = args.conjunction ?? 'and';
        if (conjunction !== 'and' && conjunction !== 'or')
          throw badField('body', '/arguments/conjunction', 'and or or');
        // TensorBay's filters carry a display title and extraInfo that Batchyard's do not keep.
        const native = filters.map((f: unknown, i) => {
          if (f === null || typeof f !== 'object' || Array.isArray(f))
            throw badField('body', `/arguments/filters/${i}`, 'an object is required');
          const { key, operator, value } = f as Record<string, unknown>;
          if (typeof key !== 'string' || typeof operator !== 'string')
            throw badField('body', `/arguments/filters/${i}`, 'key and operator are required strings');
          return { key, operator: operator as never, value };
        });
        job = await services.datasets.search(principal, branches.main.id, {
          conjunction: conjunction as 'and' | 'or',
          filters: native,
        });
      }
      return { jobId: job.id, createdAt: unixSeconds(job.createdAt) };
    },
  );

  scope.get(
    `${API}/datasets/:dataset/jobs`,
    {
      config: { compatAccess: 'read' },
      schema: {
        params: DatasetParams,
        querystring: Type.Object(
          {
            jobType: JobTypeQuery.properties.jobType,
            status: Type.Optional(Type.Union(Object.keys(NATIVE_STATUS).map((s) => Type.Literal(s)))),
            ...Paging,
          },
          { additionalProperties: true },
        ),
      },
    },
    async (request) => {
      const principal = request.principal!;
      const branches = await load(principal, request.params.dataset);
      const { jobType, status, offset, limit } = request.query;
      const type = JOB_TYPES[jobType]!;
      const native = status === undefined ? undefined : NATIVE_STATUS[status];
      const jobs = (await allJobs(services, principal, branches.main.projectId, type, native)).filter((job) =>
        branches.names.has(jobDataset(job) ?? ''),
      );
      const { items, ...rest } = page(jobs, offset, limit);
      const rendered = [];
      for (const job of items) rendered.push(await render(principal, branches, job));
      return { jobs: rendered, ...rest };
    },
  );

  scope.get(
    `${API}/datasets/:dataset/jobs/:job`,
    { config: { compatAccess: 'read' }, schema: { params: JobParams, querystring: JobTypeQuery } },
    async (request) => {
      const principal = request.principal!;
      const branches = await load(principal, request.params.dataset);
      const job = await findJob(principal, branches, request.params.job, request.query.jobType);
      return render(principal, branches, job);
    },
  );

  scope.delete(
    `${API}/datasets/:dataset/jobs/:job`,
    { config: { compatAccess: 'write' }, schema: { params: JobParams, querystring: JobTypeQuery } },
    async (request) => {
      const principal = request.principal!;
      const branches = await load(principal, request.params.dataset);
      const job = await findJob(principal, branches, request.params.job, request.query.jobType);
      await services.jobs.delete(principal, job.id);
      return {};
    },
  );

  for (const action of ['abort', 'retry'] as const) {
    scope.post(
      `${API}/datasets/:dataset/jobs/:job/${action}`,
      { config: { compatAccess: 'write' }, schema: { params: JobParams, querystring: JobTypeQuery } },
      async (request) => {
        const principal = request.principal!;
        const branches = await load(principal, request.params.dataset);
        const job = await findJob(principal, branches, request.params.job, request.query.jobType);
        await (action === 'abort'
          ? services.jobs.abort(principal, job.id)
          : services.jobs.retry(principal, job.id));
        return {};
      },
    );
  }

  scope.get(
    `${API}/datasets/:dataset/drafts`,
    {
      config: { compatAccess: 'read' },
      schema: {
        params: DatasetParams,
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union(['OPEN', 'CLOSED', 'COMMITTED', 'ALL'].map((s) => Type.Literal(s))),
            ),
            branchName: Type.Optional(Text(200)),
            ...Paging,
          },
          { additionalProperties: true },
        ),
      },
    },
    async (request) => {
      const principal = request.principal!;
      const branches = await load(principal, request.params.dataset);
      const { status, branchName, offset, limit } = request.query;
      const drafts = [];
      for (const job of await mergeJobs(services, principal, branches)) {
        const args = job.arguments as unknown as MergeArguments;
        const batch = await services.batches.get(principal, args.draftBatchId).catch(() => undefined);
        // A merge still running has no draft to show yet; a closed draft's batch is gone.
        if (batch?.state === 'pending') continue;
        const number = args.reopen?.draftNumber ?? batch?.draftNumber ?? undefined;
        if (number === undefined) continue; // closed before drafts were numbered (0013)
        const state = batch === undefined ? 'CLOSED' : batch.state === 'draft' ? 'OPEN' : 'COMMITTED';
        const branch = branches.names.get(args.targetDatasetId) ?? 'main';
        if (status !== undefined && status !== 'ALL' && status !== state) continue;
        if (branchName !== undefined && branchName !== branch) continue;
        const updated = unixSeconds(batch?.updatedAt ?? job.updatedAt);
        drafts.push({
          number,
          title: args.reopen?.batchName ?? batch?.name ?? '',
          branchName: branch,
          status: state,
          parentCommitId: datasetCommitId(branches.main),
          author: {
            name: batch?.createdBy ?? job.createdBy ?? 'batchyard',
            date: unixSeconds(job.createdAt),
          },
          updatedAt: updated,
          description: '',
        });
      }
      const { items, ...rest } = page(drafts, offset, limit);
      return { drafts: items, ...rest };
    },
  );

  scope.post(
    `${API}/searchResults/:job/datasets`,
    {
      config: { compatAccess: 'write' },
      schema: {
        params: Type.Object({ job: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Object({
          datasetName: Type.String({ minLength: 1, maxLength: 200 }),
          alias: Type.Optional(Text(200)),
          isPublic: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      await services.datasets.fromSearch(request.principal!, {
        searchJobId: request.params.job,
        name: request.body.datasetName,
      });
      return {};
    },
  );
}
