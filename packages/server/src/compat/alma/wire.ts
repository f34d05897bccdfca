import type { Job } from '../../resources/jobs/schema.js';
import { escapeXml } from './xml.js';

/** Batchyard's job statuses in Alma's vocabulary (with warnings, a success is COMPLETED_WARNING). */
export function almaStatus(job: Pick<Job, 'status' | 'warnings'>): { value: string; desc: string } {
  switch (job.status) {
    case 'waiting':
      return { value: 'PENDING', desc: 'Pending' };
    case 'queued':
      return { value: 'QUEUED', desc: 'Queued' };
    case 'running':
      return { value: 'RUNNING', desc: 'Running' };
    case 'succeeded':
      return job.warnings.length > 0
        ? { value: 'COMPLETED_WARNING', desc: 'Completed with Warnings' }
        : { value: 'COMPLETED_SUCCESS', desc: 'Completed Successfully' };
    case 'failed':
      return { value: 'FAILED', desc: 'Failed' };
    case 'aborted':
      return { value: 'USER_ABORTED', desc: 'Aborted by user' };
    case 'skipped':
      return { value: 'SKIPPED', desc: 'Skipped' };
    case 'expired':
      return { value: 'SYSTEM_ABORTED', desc: 'Aborted by system' };
  }
}

/** Alma's dates are days with a Z (`2026-12-03Z`); its times are full ISO timestamps. */
function almaDate(iso: string | null): string | undefined {
  return iso ? `${iso.slice(0, 10)}Z` : undefined;
}

/** 0–100, always present (almapiwrapper requires it): a finished job is 100, else the job's percent. */
function progressOf(job: Job): number {
  if (job.status === 'succeeded') return 100;
  return Math.floor(job.progress?.percent ?? 0);
}

export function jobLink(base: string, jobPath: string): string {
  return `${base}/conf/jobs/${jobPath}`;
}

/** One instance as Alma's `job_instance` JSON. */
export function instanceJson(job: Job, base: string, jobPath: string, definitionName: string) {
  const link = `${jobLink(base, jobPath)}/instances/${job.id}`;
  return {
    id: job.id,
    external_id: job.id,
    name: job.title ?? definitionName,
    submitted_by: { value: job.createdBy ?? '' },
    submit_date: almaDate(job.createdAt),
    start_time: job.startedAt ?? undefined,
    end_time: job.finishedAt ?? undefined,
    progress: progressOf(job),
    status: almaStatus(job),
    status_date: almaDate(job.updatedAt),
    alerts: job.warnings.map((warning) => ({ value: 'alert.warning', desc: warning })),
    counter: Object.entries(job.counters).map(([name, value]) => ({
      type: { value: name, desc: name },
      value: String(value),
    })),
    ...(job.error ? { error: { value: job.error.code, desc: job.error.message } } : {}),
    link,
  };
}

/** The job (a definition) as Alma's XML; after a run, with the instance in `additional_info`. */
export function jobXml(
  base: string,
  jobPath: string,
  definition: { name: string; description?: string | null; schedule?: string | null },
  run?: { jobId: string; createdAt: string },
): string {
  const link = jobLink(base, jobPath);
  const type = definition.schedule ? ['SCHEDULED', 'Scheduled'] : ['MANUAL', 'Manual'];
  const additional = run
    ? `<additional_info link="${escapeXml(`${link}/instances/${run.jobId}`)}">` +
      `Job no. ${escapeXml(run.jobId)} triggered on ${escapeXml(run.createdAt)}</additional_info>`
    : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<job link="${escapeXml(link)}"><id>${escapeXml(jobPath)}</id><name>${escapeXml(definition.name)}</name>` +
    (definition.description ? `<description>${escapeXml(definition.description)}</description>` : '') +
    `<type desc="${type[1]}">${type[0]}</type>${additional}</job>`
  );
}
