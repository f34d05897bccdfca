/**
 * One of every resource in a workspace, made through the API with that workspace's admin key,
 * and a snapshot of everything the workspace holds (to prove a sweep changed nothing).
 */
import type { AppWithServices } from '@batchyard/server';
import { expect } from 'vitest';
import { call, finishedJob } from './helpers.js';

export interface SeededIds {
  workspace: string;
  project: string;
  dataset: string;
  batch: string;
  task: string;
  /** A succeeded export job, with an artifact. */
  job: string;
  artifactName: string;
  /** A succeeded search job (the source of `POST /v1/datasets/from-search`). */
  searchJob: string;
  /** A job of a remote type nobody claims: it stays queued. */
  queuedJob: string;
  /** A workspace job type (remote). */
  jobType: string;
  definition: string;
  /** A flow of one job of the remote type: it stays running. */
  flow: string;
  webhook: string;
  key: string;
  client: string;
  /** An annotator member. */
  member: string;
  /** The member's annotation of `task` (made while the project asked for 2 per task). */
  annotation: string;
}

/**
 * Seeds the workspace of `token` (an admin of it). `options.runJobs: false` for servers without a
 * worker: batches and exports then stay queued and their ids are those of the queued jobs.
 */
export async function seedWorkspace(
  app: AppWithServices,
  token: string,
  label: string,
  options: { runJobs?: boolean } = {},
): Promise<SeededIds> {
  const runJobs = options.runJobs ?? true;
  const api = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    body?: unknown,
    status?: number,
  ) => {
    const res = await call(app, { method, url, token, body });
    if (status !== undefined) expect({ url, status: res.status, body: res.body }).toMatchObject({ status });
    return res.body;
  };
  const me = await api('GET', '/v1/me', undefined, 200);
  const project = await api(
    'POST',
    '/v1/projects',
    { name: `${label}-project`, workflow: { reviewStages: ['qa', 'expert'] } },
    201,
  );
  const dataset = await api(
    'POST',
    '/v1/datasets',
    {
      projectId: project.id,
      name: `${label}-dataset`,
      columns: [
        { name: 'k', type: 'text' },
        { name: 'n', type: 'numeric' },
      ],
      keyColumn: 'k',
    },
    201,
  );
  const batchJob = await api(
    'POST',
    `/v1/datasets/${dataset.id}/batches`,
    {
      name: `${label}-batch`,
      rows: [
        { k: 'a', n: 1 },
        { k: 'b', n: 2 },
        { k: 'c', n: 3 },
      ],
    },
    202,
  );
  let batch: string;
  if (runJobs) {
    const done = await finishedJob(app, token, batchJob.id);
    expect(done.status).toBe('succeeded');
    batch = done.result.batchId;
  } else {
    // Without a worker the batch stays pending; take it from the list.
    const list = await api('GET', `/v1/datasets/${dataset.id}/batches`, undefined, 200);
    batch = list.data[0].id;
  }
  const tasks = await api('POST', `/v1/batches/${batch}/tasks`, {
    tasks: [{ name: `${label}-t1`, data: { v: 1 } }, { name: `${label}-t2` }],
  });
  const task: string = tasks.results?.[0]?.id;
  expect(task, JSON.stringify(tasks)).toMatch(/^tsk_/);
  await api(
    'POST',
    `/v1/tasks/${task}/sheet`,
    {
      columns: [{ id: 'p1', name: 'Product', lots: [{ id: 'L1', name: 'Lot' }] }],
      rows: [{ id: 'r1', name: 'Water', values: { p1: { value: 1, lots: { L1: 1 } } } }],
    },
    201,
  );
  const exportJob = await api(
    'POST',
    '/v1/tasks/export',
    { filter: { projectId: project.id }, format: 'jsonl' },
    202,
  );
  const searchJob = await api('POST', `/v1/datasets/${dataset.id}/search`, { filters: [] }, 202);
  let artifactName = 'tasks.jsonl';
  if (runJobs) {
    const done = await finishedJob(app, token, exportJob.id);
    expect(done.status).toBe('succeeded');
    artifactName = done.artifacts?.[0]?.name ?? artifactName;
    expect((await finishedJob(app, token, searchJob.id)).status).toBe('succeeded');
  }
  const jobType = `remote.${label.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  await api('PUT', `/v1/job-types/${jobType}`, { description: 'claimed by nobody' });
  await api('PUT', '/v1/job-types/remote.shared', { description: 'registered in every seeded workspace' });
  const queued = await api('POST', '/v1/jobs', { type: jobType, title: `${label} queued` }, 202);
  const definition = await api('POST', '/v1/definitions', { name: `${label}-def`, type: jobType }, 201);
  const flow = await api(
    'POST',
    '/v1/flows',
    {
      name: `${label}-flow`,
      projectId: project.id,
      jobs: { first: { type: jobType }, then: { type: jobType, dependsOn: ['first'] } },
    },
    202,
  );
  const webhook = await api(
    'POST',
    '/v1/webhooks',
    { projectId: project.id, url: 'https://example.invalid/hook', events: ['job.finished'], enabled: false },
    201,
  );
  const key = await api('POST', '/v1/keys', { name: `${label}-viewer`, role: 'viewer' }, 201);
  const client = await api('POST', '/v1/clients', { name: `${label}-client`, role: 'editor' }, 201);
  const member = await api(
    'POST',
    '/v1/members',
    { name: `${label}-member`, email: `${label}-member@example.org`, role: 'annotator' },
    201,
  );
  // One annotation of the task: the project asks for two per task while the member annotates it.
  let annotation = 'ann_00000000000000000000000000';
  if (runJobs) {
    await api('PATCH', `/v1/projects/${project.id}`, { workflow: { annotationsPerTask: 2 } }, 200);
    const memberKey = await api(
      'POST',
      '/v1/keys',
      { name: `${label}-member-key`, memberId: member.id },
      201,
    );
    const claimed = await call(app, {
      method: 'POST',
      url: '/v1/tasks/claim',
      token: memberKey.token,
      body: { projectId: project.id },
    });
    expect(claimed.body?.id).toBe(task);
    await call(app, { method: 'POST', url: `/v1/tasks/${task}/submit`, token: memberKey.token, body: {} });
    annotation = (await api('GET', `/v1/tasks/${task}/annotations`, undefined, 200)).data[0].id;
    await api('PATCH', `/v1/projects/${project.id}`, { workflow: { annotationsPerTask: 1 } }, 200);
  }
  return {
    workspace: me.workspaceId,
    project: project.id,
    dataset: dataset.id,
    batch,
    task,
    job: exportJob.id,
    artifactName,
    searchJob: searchJob.id,
    queuedJob: queued.id,
    jobType,
    definition: definition.id,
    flow: flow.id,
    webhook: webhook.id,
    key: key.id,
    client: client.id,
    member: member.id,
    annotation,
  };
}

/** Everything the workspace's admin can read about it, minus fields that change on every read. */
export async function snapshotWorkspace(app: AppWithServices, token: string, ids: SeededIds) {
  const urls = [
    '/v1/me',
    `/v1/workspaces/${ids.workspace}`,
    '/v1/projects?limit=1000',
    `/v1/projects/${ids.project}`,
    '/v1/datasets?limit=1000',
    `/v1/datasets/${ids.dataset}`,
    `/v1/datasets/${ids.dataset}/batches?limit=1000`,
    `/v1/datasets/${ids.dataset}/rows?limit=1000`,
    `/v1/batches/${ids.batch}`,
    `/v1/tasks?projectId=${ids.project}&limit=1000&include=data,history`,
    `/v1/tasks/${ids.task}?include=data,history`,
    `/v1/tasks/${ids.task}/sheet`,
    '/v1/jobs?limit=1000',
    `/v1/jobs/${ids.queuedJob}`,
    `/v1/jobs/${ids.job}/artifacts/${ids.artifactName}`,
    '/v1/job-types',
    '/v1/definitions?limit=1000',
    `/v1/definitions/${ids.definition}/instances`,
    '/v1/flows?limit=1000',
    `/v1/flows/${ids.flow}`,
    '/v1/webhooks?limit=1000',
    `/v1/webhooks/${ids.webhook}/deliveries`,
    '/v1/keys?limit=1000',
    '/v1/clients?limit=1000',
    '/v1/members?limit=1000&includeRemoved=true',
    `/v1/members/${ids.member}`,
  ];
  const out: Record<string, unknown> = {};
  for (const url of urls) {
    const res = await call(app, { method: 'GET', url, token });
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    out[url] = { status: res.status, body: res.body ?? res.text };
  }
  // Reading with a key updates its lastUsedAt; nothing else may move.
  return JSON.parse(JSON.stringify(out, (k, v) => (k === 'lastUsedAt' ? undefined : v)));
}
