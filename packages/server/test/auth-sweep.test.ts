/**
 * Auth isolation sweep: every operation of the OpenAPI document, driven from the document itself
 * (so a new route cannot escape), against workspace isolation (404), roles (403) and bad tokens
 * (401). Each case collects its mismatches and compares them with a list of known issues, so a
 * regression fails and a fixed known issue fails too (remove it from the list).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, finishedJob, workspaceWithKey } from './helpers.js';
import {
  buildUrl,
  findProperties,
  ID_PROPS,
  type JsonSchema,
  listOperations,
  type Operation,
  sample,
  sampleParam,
} from './openapi-samples.js';
import { seedWorkspace, snapshotWorkspace, type SeededIds } from './seed-workspace.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Operations with no workspace-scoped id anywhere in their request, and why that is fine. */
export const ISOLATION_EXEMPT: Record<string, string> = {
  'GET /v1/me': 'no parameters: describes the caller',
  'POST /v1/workspaces': 'creates a new workspace (instance admins only); takes no workspace id',
  'GET /v1/workspaces': "lists the caller's own workspace(s); checked below to never include B",
  'POST /v1/oauth/token': 'public token endpoint: client id + secret, no workspace-scoped ids',
  'POST /v1/workers/claim':
    "claims by job type in the caller's scope; checked below to never hand out B's jobs",
  'GET /v1/definitions/schedule-preview': 'computes cron fire times; reads and takes no stored resource',
};

/** Mutations a viewer may make (read-only operations that use POST), and why. */
const VIEWER_ALLOWED: Record<string, string> = {
  'POST /v1/oauth/token': 'public',
  'POST /v1/tasks/export': 'an export reads tasks (access: read)',
  'POST /v1/batches/{id}/tasks/duplicates': 'asks which names a batch has (access: read)',
};

/** Mutations that need the instance admin rather than a role: 403 instance_admin_required. */
const INSTANCE_ONLY = new Set(['POST /v1/workspaces', 'DELETE /v1/workspaces/{id}']);

/** The remote-worker endpoints (plus GET /v1/me, open to every credential). */
const WORKER_ALLOWED = new Set([
  'GET /v1/me',
  'POST /v1/oauth/token',
  'POST /v1/workers/claim',
  'POST /v1/workers/complete',
  'POST /v1/jobs/{id}/heartbeat',
  'POST /v1/jobs/{id}/complete',
  'POST /v1/jobs/{id}/fail',
]);

/**
 * Known server bugs this sweep found (key: `<case> <METHOD path> <probe>`), reported to the lead.
 * The sweep fails when one of these stops reproducing, so the list stays honest.
 */
const KNOWN_ISSUES: Record<string, string> = {};

type Answer = Awaited<ReturnType<typeof send>>;
const allNotFound = (items: any[] | undefined) =>
  Array.isArray(items) && items.length > 0 && items.every((r) => r?.error?.code === 'not_found');

/**
 * Answers other than 404 that are still isolation: a role check that precedes any lookup (the same
 * answer for every id), and bulk operations that report per item (each item: not_found).
 */
const ACCEPTED_NOT_404: Record<string, { why: string; ok: (res: Answer, label: string) => boolean }> = {
  'DELETE /v1/workspaces/{id}': {
    why: 'only instance admins delete workspaces: 403 before any lookup',
    ok: (res) => res.status === 403 && res.code === 'instance_admin_required',
  },
  'GET /v1/datasets/{id}/batches': {
    why: "a list filter by ids (on A's own dataset) selects nothing of B: an empty page, as for an unknown id",
    ok: (res, label) => label === 'own path, query ids' && res.status === 200 && res.json?.data?.length === 0,
  },
  'POST /v1/workers/complete': {
    why: 'bulk completion reports per job',
    ok: (res) => res.status === 200 && res.json?.completed === 0 && allNotFound(res.json?.data),
  },
  ...Object.fromEntries(
    ['review', 'redo', 'transition', 'properties'].map((name) => [
      `POST /v1/tasks/${name}`,
      {
        why: 'bulk task operations by ids report per task',
        ok: (res: Answer, label: string) =>
          label === 'body /ids' &&
          res.status === 200 &&
          res.json?.applied === 0 &&
          allNotFound(res.json?.results),
      },
    ]),
  ),
};

/** Reads that need the admin role (credentials, webhooks, the audit log): a viewer gets 403 on them too. */
const ADMIN_ONLY_READS = new Set([
  'GET /v1/audit-log',
  'GET /v1/keys',
  'GET /v1/keys/{id}',
  'GET /v1/clients',
  'GET /v1/clients/{id}',
  'GET /v1/webhooks',
  'GET /v1/webhooks/{id}',
  'GET /v1/webhooks/{id}/deliveries',
  // Managers', editors' and admins' reads: a viewer does not see members' quality figures.
  'GET /v1/quality',
  'GET /v1/members/{id}/quality',
]);

/** Extra body fields an operation needs beyond its schema's required ones (rules in the service). */
const BODY_EXTRAS: Record<string, Record<string, unknown>> = {
  'POST /v1/tasks/properties': { score: 1 },
  // The seeded datasets' key column (a body naming no column is a 400 in every workspace alike).
  'POST /v1/batches/{id}/tasks/from-rows': { nameColumn: 'k' },
};

/** Built-in job types that touch no resource (diagnostics): callers may create them. */
const DIAGNOSTIC_JOB_TYPES = new Set(['system.noop', 'system.sleep']);

/**
 * Arguments for any job type, every id in them workspace `ids`'s: the shapes the built-in types
 * read (batches, datasets, searches, task filters, deliveries).
 */
function jobArguments(ids: SeededIds): Record<string, unknown> {
  return {
    workspaceId: ids.workspace,
    projectId: ids.project,
    datasetId: ids.dataset,
    batchId: ids.batch,
    batchIds: [ids.batch],
    to: 'suspended',
    targetDatasetId: ids.dataset,
    sourceDatasetId: ids.dataset,
    originDatasetId: ids.dataset,
    draftBatchId: ids.batch,
    searchJobId: ids.searchJob,
    mapping: [{ source: 'k', target: 'k' }],
    strategy: 'override',
    filter: { projectId: ids.project, ids: [ids.task] },
    operation: { kind: 'review' },
    format: 'jsonl',
    webhookId: ids.webhook,
    deliveryId: ids.webhook,
    jobId: ids.queuedJob,
    definitionId: ids.definition,
    conjunction: 'and',
    filters: [],
  };
}

/** A job type registered in every seeded workspace, so only the ids can make a request fail. */
const SHARED_JOB_TYPE = 'remote.shared';

/** The id a property or query parameter named `name` takes, for operation `op`. */
function idFor(name: string, op: Operation, ids: SeededIds): string | undefined {
  switch (name) {
    case 'workspaceId':
      return ids.workspace;
    case 'projectId':
      return ids.project;
    case 'datasetId':
    case 'sourceDatasetId':
      return ids.dataset;
    case 'searchJobId':
      return ids.searchJob;
    case 'jobId':
    case 'dependsOn':
      return ids.queuedJob;
    case 'definitionId':
      return ids.definition;
    case 'flowId':
      return ids.flow;
    case 'batchIds':
      return ids.batch;
    case 'memberId':
    case 'assignee':
      return ids.member;
    case 'ids':
      return /batches|datasets/.test(op.path) ? ids.batch : ids.task;
    default:
      return undefined;
  }
}

/** Path parameter values: `{id}` by the resource the path names, `{name}` by the route. */
function pathParams(op: Operation, ids: SeededIds): Record<string, string> | undefined {
  const segment = op.path.split('/')[2];
  const byResource: Record<string, string> = {
    workspaces: ids.workspace,
    projects: ids.project,
    keys: ids.key,
    clients: ids.client,
    definitions: ids.definition,
    datasets: ids.dataset,
    batches: ids.batch,
    tasks: ids.task,
    webhooks: ids.webhook,
    flows: ids.flow,
    members: ids.member,
  };
  if (!op.path.includes('{')) return undefined;
  if (segment === 'jobs') {
    // The finished export job (it has the artifact, and only finished jobs are deleted or retried);
    // the queued one everywhere else, where a leak would move it.
    const finished = /artifacts|retry$/.test(op.path) || op.method === 'DELETE';
    return { id: finished ? ids.job : ids.queuedJob, name: ids.artifactName };
  }
  if (segment === 'job-types') return { name: ids.jobType };
  const id = byResource[segment!];
  if (!id) throw new Error(`no id for path ${op.path}: add its resource to pathParams()`);
  if (op.path.includes('{annotationId}')) return { id, annotationId: ids.annotation };
  return { id };
}

interface Probe {
  label: string;
  url: string;
  body?: unknown;
  rawBody?: { payload: string; contentType: string };
}

/** A stream upload body a route accepts (to a batch: rows; to tasks: task lines). */
function uploadBody(op: Operation): { payload: string; contentType: string } {
  return op.path.includes('/tasks/import')
    ? { payload: '{"name":"sweep-upload"}\n', contentType: 'application/x-ndjson' }
    : { payload: '{"k":"z","n":9}\n', contentType: 'application/x-ndjson' };
}

/** A minimal valid body; `target` ids (and every required id) take `ids` values. */
function bodyFor(op: Operation, ids: SeededIds, target?: string): unknown {
  if (!op.body) return undefined;
  const ancestors = target ? target.split('/').slice(1, -1) : [];
  const body = sample(op.body, {
    value: (name, pointer, schema: JsonSchema, required) => {
      if (name === 'type' && schema.pattern && /jobs|definitions|flows/.test(op.path)) return SHARED_JOB_TYPE;
      if (!ID_PROPS.has(name)) return undefined;
      if (pointer !== target && !required) return undefined;
      const id = idFor(name, op, ids);
      if (id === undefined) return undefined;
      return name === 'ids' || name === 'batchIds' || name === 'dependsOn' ? [id] : id;
    },
    include: (name) => ancestors.includes(name),
  });
  return { ...(body as object), ...BODY_EXTRAS[op.key] };
}

/** A valid body with `own` ids everywhere except `target`, which takes the `foreign` id. */
function mixedBody(op: Operation, own: SeededIds, foreign: SeededIds, target: string): unknown {
  const ancestors = target.split('/').slice(1, -1);
  const body = sample(op.body!, {
    value: (name, pointer, schema: JsonSchema, required) => {
      if (name === 'type' && schema.pattern && /jobs|definitions|flows/.test(op.path)) return SHARED_JOB_TYPE;
      if (!ID_PROPS.has(name)) return undefined;
      if (pointer !== target && !required) return undefined;
      const id = idFor(name, op, pointer === target ? foreign : own);
      if (id === undefined) return undefined;
      return name === 'ids' || name === 'batchIds' || name === 'dependsOn' ? [id] : id;
    },
    include: (name) => ancestors.includes(name),
  });
  return { ...(body as object), ...BODY_EXTRAS[op.key] };
}

/**
 * Requests that put `ids` (another workspace's) into every place an operation takes an id. With
 * `own`, an operation with an id in its path is also sent with the caller's own path id and
 * `ids` in each other place (query, body): a foreign id must not ride in on an own path.
 */
export function isolationProbes(op: Operation, ids: SeededIds, own?: SeededIds): Probe[] {
  const probes: Probe[] = [];
  const requiredQuery = (withIds: boolean) =>
    Object.fromEntries(
      op.parameters
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => [p.name, withIds && ID_PROPS.has(p.name) ? idFor(p.name, op, ids)! : sampleParam(p)]),
    );
  const path = pathParams(op, ids);
  const scopedPath = path !== undefined && op.path.includes('{id}');
  const base = path ?? {};
  const body = (target?: string): Pick<Probe, 'body' | 'rawBody'> =>
    op.streamUpload ? { rawBody: uploadBody(op) } : op.body ? { body: bodyFor(op, ids, target) } : {};
  if (scopedPath) {
    probes.push({ label: 'path id', url: buildUrl(op, base, requiredQuery(true)), ...body() });
    if (!own) return probes;
    // Own path, foreign id elsewhere (append source, merge sources, search target, …).
    const ownPath = pathParams(op, own)!;
    const ownQuery = (name?: string) =>
      Object.fromEntries(
        op.parameters
          .filter((p) => p.in === 'query' && (p.required || p.name === name))
          .map((p) => [
            p.name,
            ID_PROPS.has(p.name) ? idFor(p.name, op, p.name === name ? ids : own)! : sampleParam(p),
          ]),
      );
    for (const p of op.parameters.filter((q) => q.in === 'query' && ID_PROPS.has(q.name))) {
      probes.push({
        label: `own path, query ${p.name}`,
        url: buildUrl(op, ownPath, ownQuery(p.name)),
        ...(op.streamUpload ? { rawBody: uploadBody(op) } : op.body ? { body: bodyFor(op, own) } : {}),
      });
    }
    if (op.body && !op.streamUpload) {
      for (const t of findProperties(op.body, (n) => ID_PROPS.has(n))) {
        probes.push({
          label: `own path, body ${t.pointer}`,
          url: buildUrl(op, ownPath, ownQuery()),
          body: mixedBody(op, own, ids, t.pointer),
        });
      }
    }
    return probes;
  }
  for (const p of op.parameters.filter((q) => q.in === 'query' && ID_PROPS.has(q.name))) {
    probes.push({
      label: `query ${p.name}`,
      url: buildUrl(op, base, { ...requiredQuery(true), [p.name]: idFor(p.name, op, ids)! }),
      ...body(),
    });
  }
  if (op.body) {
    const targets = findProperties(op.body, (n) => ID_PROPS.has(n));
    for (const t of targets) {
      probes.push({
        label: `body ${t.pointer}`,
        url: buildUrl(op, base, requiredQuery(true)),
        ...body(t.pointer),
      });
    }
  }
  return probes;
}

/** A request for a role check: own ids, a valid body. */
function ownRequest(op: Operation, ids: SeededIds): Probe {
  const path = pathParams(op, ids) ?? {};
  const query = Object.fromEntries(
    op.parameters
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => [p.name, ID_PROPS.has(p.name) ? idFor(p.name, op, ids)! : sampleParam(p)]),
  );
  return {
    label: 'own ids',
    url: buildUrl(op, path, query),
    ...(op.streamUpload ? { rawBody: uploadBody(op) } : op.body ? { body: bodyFor(op, ids) } : {}),
  };
}

async function send(server: TestServer, op: Operation, probe: Probe, authorization: string | undefined) {
  const res = await server.app.inject({
    method: op.method,
    url: probe.url,
    headers: {
      ...(authorization !== undefined ? { authorization } : {}),
      ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(probe.rawBody ? { 'content-type': probe.rawBody.contentType } : {}),
    },
    ...(probe.body !== undefined ? { payload: JSON.stringify(probe.body) } : {}),
    ...(probe.rawBody ? { payload: probe.rawBody.payload } : {}),
    // An event stream that opens stays open: read only its headers then.
    payloadAsStream: true,
  });
  const stream = res.stream();
  let text = '';
  if (op.eventStream && res.statusCode === 200) stream.destroy();
  else {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    text = Buffer.concat(chunks).toString();
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: res.statusCode,
    code: json?.code as string | undefined,
    type: String(res.headers['content-type'] ?? ''),
    json,
  };
}

/** The same ids shape, pointing at nothing. */
function ghostIds(ids: SeededIds): SeededIds {
  return Object.fromEntries(
    Object.entries(ids).map(([k, v], i) => [
      k,
      k === 'jobType'
        ? 'remote.ghost'
        : k === 'artifactName'
          ? v
          : `${v.split('_')[0]}_${String(i + 1).padStart(26, '0')}`,
    ]),
  ) as unknown as SeededIds;
}

/** An answer as text, without its request id and with the ids it names replaced by their role. */
function normalise(res: Answer, ids: SeededIds): string {
  let text = JSON.stringify({ status: res.status, code: res.code, body: res.json, type: res.type });
  text = text.replace(/req_[0-9a-z]+/g, '<req>');
  for (const [k, v] of Object.entries(ids)) if (k !== 'artifactName') text = text.split(v).join(`<${k}>`);
  return text;
}

/** Compares found mismatches with the known issues: both directions must agree. */
function expectOnlyKnown(caseName: string, mismatches: Map<string, string>) {
  const known = Object.keys(KNOWN_ISSUES).filter((k) => k.startsWith(`${caseName} `));
  const unexpected = [...mismatches].filter(([k]) => !(k in KNOWN_ISSUES)).map(([k, v]) => `${k}: ${v}`);
  const fixed = known
    .filter((k) => !mismatches.has(k))
    .map((k) => `${k}: no longer reproduces, remove it from KNOWN_ISSUES`);
  expect([...unexpected, ...fixed]).toEqual([]);
}

describe.each(testDialects())('auth isolation sweep on %s', (dialect) => {
  let server: TestServer;
  let ops: Operation[];
  let adminA: string;
  let viewerA: string;
  let workerA: string;
  let editorA: string;
  let adminB: string;
  let a: SeededIds;
  let b: SeededIds;
  let before: unknown;
  let requests = 0;

  beforeAll(async () => {
    // Hundreds of bad tokens on purpose: the failed-authentication limit would turn them into 429s.
    server = await startTestServer(dialect, { authFailuresPerMinute: 0 });
    const { app, adminToken } = server;
    const doc = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    ops = listOperations(doc.json());
    expect(ops.length).toBeGreaterThan(50);
    const wa = await workspaceWithKey(app, adminToken, 'sweep-a');
    adminA = wa.token;
    const wb = await workspaceWithKey(app, adminToken, 'sweep-b');
    adminB = wb.token;
    [a, b] = await Promise.all([seedWorkspace(app, adminA, 'A'), seedWorkspace(app, adminB, 'B')]);
    const key = async (role: string) =>
      (await call(app, { method: 'POST', url: '/v1/keys', token: adminA, body: { name: `a-${role}`, role } }))
        .body.token as string;
    viewerA = await key('viewer');
    workerA = await key('worker');
    editorA = await key('editor');
    before = await snapshotWorkspace(app, adminB, b);
  }, 120_000);
  afterAll(async () => {
    console.log(`auth sweep on ${dialect}: ${requests} requests over ${ops?.length} operations`);
    await server?.close();
  });

  it('covers every operation of the OpenAPI document, or lists it as exempt', () => {
    const uncovered = ops.filter(
      (op) => isolationProbes(op, b).length === 0 && !(op.key in ISOLATION_EXEMPT),
    );
    expect(uncovered.map((op) => op.key)).toEqual([]);
    const stale = Object.keys(ISOLATION_EXEMPT).filter((k) => !ops.some((op) => op.key === k));
    expect(stale).toEqual([]);
  });

  it("answers 404 to workspace A's admin for every id of workspace B, exactly as for ids that do not exist", async () => {
    const mismatches = new Map<string, string>();
    const ghost = ghostIds(b);
    let probes = 0;
    for (const op of ops) {
      const real = isolationProbes(op, b, a);
      const fake = isolationProbes(op, ghost, a);
      for (const [i, probe] of real.entries()) {
        probes++;
        const res = await send(server, op, probe, `Bearer ${adminA}`);
        const control = await send(server, op, fake[i]!, `Bearer ${adminA}`);
        requests += 2;
        const key = `isolation ${op.key} ${probe.label}`;
        const seen = normalise(res, b);
        if (seen !== normalise(control, ghost)) {
          mismatches.set(
            key,
            `answer differs from a nonexistent id's: ${seen.slice(0, 300)} vs ${normalise(control, ghost).slice(0, 300)}`,
          );
          continue;
        }
        const notFound =
          res.status === 404 && res.code === 'not_found' && res.type.startsWith('application/problem+json');
        if (!notFound && !ACCEPTED_NOT_404[op.key]?.ok(res, probe.label))
          mismatches.set(key, `${res.status} ${res.code ?? ''} ${seen.slice(0, 300)}`);
      }
    }
    expect(probes).toBeGreaterThan(ops.length);
    expectOnlyKnown('isolation', mismatches);
  });

  it("never shows B in A's lists, and never hands B's jobs to A's workers", async () => {
    const { app } = server;
    const workspaces = await call(app, { method: 'GET', url: '/v1/workspaces', token: adminA });
    expect(workspaces.body.data.map((w: { id: string }) => w.id)).toEqual([a.workspace]);
    for (const token of [adminA, workerA]) {
      const claim = await call(app, {
        method: 'POST',
        url: '/v1/workers/claim',
        token,
        body: { types: [b.jobType], workerId: 'sweep', waitSeconds: 0 },
      });
      requests += 2;
      expect(claim.status).toBeLessThan(300);
      expect(JSON.stringify(claim.body)).not.toContain(b.queuedJob);
    }
    for (const url of [
      '/v1/projects',
      '/v1/datasets',
      '/v1/jobs',
      '/v1/definitions',
      '/v1/webhooks',
      '/v1/keys',
      '/v1/clients',
      '/v1/job-types',
    ]) {
      const res = await call(app, { method: 'GET', url, token: adminA });
      requests++;
      expect(res.status, url).toBe(200);
      expect(JSON.stringify(res.body), url).not.toContain(b.workspace);
    }
  });

  it("refuses every built-in job type a caller names, with B's ids, wherever a type is named", async () => {
    const { app } = server;
    const listed = await call(app, { method: 'GET', url: '/v1/job-types', token: editorA });
    requests++;
    expect(listed.status).toBe(200);
    const types = listed.body.data as { name: string; builtIn: boolean }[];
    const internal = types.filter((t) => t.builtIn && !DIAGNOSTIC_JOB_TYPES.has(t.name)).map((t) => t.name);
    expect(internal.length).toBeGreaterThan(5);
    const args = jobArguments(b);
    const mismatches = new Map<string, string>();
    const accepted: string[] = [];
    for (const { name, builtIn } of types) {
      const attempts: { key: string; token: string; url: string; body: object; pointer: string }[] = [
        {
          key: 'POST /v1/jobs',
          token: editorA,
          url: '/v1/jobs',
          body: { type: name, arguments: args },
          pointer: '/type',
        },
        {
          key: 'POST /v1/jobs/batch',
          token: editorA,
          url: '/v1/jobs/batch',
          body: { jobs: [{ type: name, arguments: args }] },
          pointer: '/jobs/0/type',
        },
        {
          key: 'POST /v1/definitions',
          token: editorA,
          url: '/v1/definitions',
          body: { name: `sweep ${name}`, type: name, parameters: args },
          pointer: '/type',
        },
      ];
      // Claims of A's own custom types are the workers' business (and would take A's seeded job).
      if (builtIn)
        attempts.push({
          key: 'POST /v1/workers/claim',
          token: workerA,
          url: '/v1/workers/claim',
          body: { types: [name], workerId: 'sweep', waitSeconds: 0 },
          pointer: '/types/0',
        });
      for (const attempt of attempts) {
        const res = await call(app, {
          method: 'POST',
          url: attempt.url,
          token: attempt.token,
          body: attempt.body,
        });
        requests++;
        const label = `jobtypes ${attempt.key} ${name}`;
        const refused =
          res.status === 400 &&
          res.body?.code === 'internal_job_type' &&
          res.body.errors?.some((e: { pointer: string }) => e.pointer === attempt.pointer);
        if (res.status >= 500) mismatches.set(label, `${res.status} ${res.body?.code}`);
        else if (internal.includes(name) && !refused)
          mismatches.set(
            label,
            `${res.status} ${res.body?.code}: a built-in type was accepted from a caller`,
          );
        if (res.status < 300 && builtIn) {
          if (typeof res.body?.id === 'string' && res.body.id.startsWith('job_')) accepted.push(res.body.id);
          for (const job of res.body?.data ?? []) accepted.push(job.id);
        }
      }
    }
    // Whatever was accepted ran: the last test checks that B is exactly as it was.
    for (const id of accepted) await finishedJob(app, adminA, id);
    expectOnlyKnown('jobtypes', mismatches);
  });

  it('never answers a read with a 5xx, whatever the role', async () => {
    const mismatches = new Map<string, string>();
    const roles = { admin: adminA, editor: editorA, viewer: viewerA, worker: workerA };
    const reads = ops.filter((o) => o.method === 'GET');
    expect(reads.length).toBeGreaterThan(20); // a sweep of nothing passes
    for (const op of reads) {
      for (const [role, token] of Object.entries(roles)) {
        const res = await send(server, op, ownRequest(op, a), `Bearer ${token}`);
        requests++;
        if (res.status >= 500) mismatches.set(`reads ${role} ${op.key}`, `${res.status} ${res.code}`);
      }
    }
    expectOnlyKnown('reads', mismatches);
  });

  it("lets a viewer of A read but not mutate A's own resources (403 insufficient_role)", async () => {
    const mismatches = new Map<string, string>();
    for (const op of ops) {
      if (op.method === 'GET' || op.key in VIEWER_ALLOWED) continue;
      const res = await send(server, op, ownRequest(op, a), `Bearer ${viewerA}`);
      requests++;
      const code = INSTANCE_ONLY.has(op.key) ? 'instance_admin_required' : 'insufficient_role';
      if (res.status !== 403 || res.code !== code)
        mismatches.set(`viewer ${op.key}`, `${res.status} ${res.code}`);
    }
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const res = await send(server, op, ownRequest(op, a), `Bearer ${viewerA}`);
      requests++;
      const denied = res.status === 401 || res.status === 403;
      // A 5xx is never a right answer, whatever the role.
      if (res.status >= 500 || (ADMIN_ONLY_READS.has(op.key) ? res.code !== 'insufficient_role' : denied))
        mismatches.set(`viewer ${op.key}`, `${res.status} ${res.code}`);
    }
    expectOnlyKnown('viewer', mismatches);
  });

  it('lets a worker credential reach only the worker endpoints (everything else 403)', async () => {
    const mismatches = new Map<string, string>();
    for (const op of ops) {
      const res = await send(server, op, ownRequest(op, a), `Bearer ${workerA}`);
      requests++;
      if (WORKER_ALLOWED.has(op.key)) {
        if (res.status === 401 || res.status === 403 || res.status >= 500)
          mismatches.set(`worker ${op.key}`, `${res.status} ${res.code}`);
      } else {
        const code = INSTANCE_ONLY.has(op.key) ? 'instance_admin_required' : 'insufficient_role';
        if (res.status !== 403 || res.code !== code)
          mismatches.set(`worker ${op.key}`, `${res.status} ${res.code}`);
      }
    }
    expectOnlyKnown('worker', mismatches);
  });

  it('answers 401 to missing, malformed, expired, tampered and revoked credentials on every operation', async () => {
    const { app } = server;
    // API keys: tampered secret, revoked, expired.
    const newKey = async (body: object) =>
      (await call(app, { method: 'POST', url: '/v1/keys', token: adminA, body: { role: 'admin', ...body } }))
        .body;
    const revokedKey = await newKey({ name: 'to-revoke' });
    expect(
      (await call(app, { method: 'DELETE', url: `/v1/keys/${revokedKey.id}`, token: adminA })).status,
    ).toBe(200);
    const expiringKey = await newKey({
      name: 'to-expire',
      expiresAt: new Date(Date.now() + 1000).toISOString(),
    });
    const liveKey = (await newKey({ name: 'to-tamper' })).token as string;
    const last = liveKey.at(-1)!;
    const tamperedKey = liveKey.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    // Client-credentials JWTs: revoked client, tampered claims, expired (signed with the real secret), wrong key.
    const newClient = async (name: string) => {
      const client = (
        await call(app, { method: 'POST', url: '/v1/clients', token: adminA, body: { name, role: 'admin' } })
      ).body;
      const token = await app.inject({
        method: 'POST',
        url: '/v1/oauth/token',
        payload: {
          grant_type: 'client_credentials',
          client_id: client.id,
          client_secret: client.clientSecret,
        },
      });
      expect(token.statusCode).toBe(200);
      return { id: client.id as string, token: token.json().access_token as string };
    };
    const revokedClient = await newClient('to-revoke');
    await call(app, { method: 'DELETE', url: `/v1/clients/${revokedClient.id}`, token: adminA });
    const liveClient = await newClient('live');
    const [h, p, s] = liveClient.token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tamperedJwt = `${h}.${Buffer.from(JSON.stringify({ ...claims, ws: b.workspace })).toString('base64url')}.${s}`;
    const secret = new TextEncoder().encode(readFileSync(join(server.dataDir, 'jwt-secret'), 'utf8').trim());
    const sign = (key: Uint8Array, exp: number) =>
      new SignJWT({ ws: a.workspace })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(liveClient.id)
        .setIssuer('batchyard')
        .setAudience('batchyard-api')
        .setIssuedAt(exp - 3600)
        .setExpirationTime(exp)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const expiredJwt = await sign(secret, now - 60);
    const foreignJwt = await sign(
      new TextEncoder().encode('not-the-server-secret-at-all-000000'),
      now + 3600,
    );
    const noneJwt = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    // Control: the untampered ones work.
    expect((await call(app, { method: 'GET', url: '/v1/me', token: liveKey })).status).toBe(200);
    expect((await call(app, { method: 'GET', url: '/v1/me', token: liveClient.token })).status).toBe(200);
    expect(
      (await call(app, { method: 'GET', url: '/v1/me', token: await sign(secret, now + 600) })).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const credentials: Record<string, { header: string | undefined; code: string }> = {
      none: { header: undefined, code: 'unauthenticated' },
      'not bearer': { header: `Basic ${Buffer.from('a:b').toString('base64')}`, code: 'invalid_token' },
      garbage: { header: 'Bearer not-a-token', code: 'invalid_token' },
      'tampered key': { header: `Bearer ${tamperedKey}`, code: 'invalid_token' },
      'revoked key': { header: `Bearer ${revokedKey.token}`, code: 'invalid_token' },
      'expired key': { header: `Bearer ${expiringKey.token}`, code: 'invalid_token' },
      'tampered jwt': { header: `Bearer ${tamperedJwt}`, code: 'invalid_token' },
      'expired jwt': { header: `Bearer ${expiredJwt}`, code: 'invalid_token' },
      'foreign-key jwt': { header: `Bearer ${foreignJwt}`, code: 'invalid_token' },
      'alg none jwt': { header: `Bearer ${noneJwt}`, code: 'invalid_token' },
      'revoked client jwt': { header: `Bearer ${revokedClient.token}`, code: 'invalid_token' },
    };
    const mismatches = new Map<string, string>();
    let checked = 0;
    for (const op of ops.filter((o) => o.requiresAuth)) {
      const probe = ownRequest(op, a);
      for (const [name, { header, code }] of Object.entries(credentials)) {
        const res = await send(server, op, probe, header);
        requests++;
        checked++;
        if (res.status !== 401 || res.code !== code || !res.type.startsWith('application/problem+json'))
          mismatches.set(`401 ${op.key} ${name}`, `${res.status} ${res.code}`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expectOnlyKnown('401', mismatches);
  });

  it('leaves workspace B exactly as it was', async () => {
    const after = await snapshotWorkspace(server.app, adminB, b);
    expect(after).toEqual(before);
  });
});
