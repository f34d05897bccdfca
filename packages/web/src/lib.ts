import { APIError, APIUserAbortError, Batchyard, type Job, type JobStatus } from '@batchyard/sdk';
import { useCallback, useEffect, useRef, useState } from 'react';

const TOKEN_KEY = 'batchyard.token';

/** The API key lives in sessionStorage only: it is gone when the tab closes. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => {
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith('batchyard.')) sessionStorage.removeItem(key);
  },
};

export const prefs = {
  get: (name: string): string | null => sessionStorage.getItem(`batchyard.${name}`),
  set: (name: string, value: string | null): void => {
    if (value === null) sessionStorage.removeItem(`batchyard.${name}`);
    else sessionStorage.setItem(`batchyard.${name}`, value);
  },
};

/** A client for this server (the dashboard is served by the API it talks to). */
export function makeClient(token: string): Batchyard {
  return new Batchyard({ baseUrl: window.location.origin, token, maxRetries: 2 });
}

export function isAbort(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof DOMException && error.name === 'AbortError');
}

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Runs `load` when `deps` change (aborting the previous run) and on reload(). */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error))
          setState({ data: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: T) => setState({ data, error: undefined, loading: false }), []);
  return { ...state, reload, setData };
}

/**
 * Follows a job over the server's event stream (the SDK falls back to long-polling if the stream
 * breaks) until it ends or the signal fires. `onJob` gets every new state, the last one included.
 */
export function followJob(
  client: Batchyard,
  id: string,
  onJob: (job: Job) => void,
  signal: AbortSignal,
): void {
  client.jobs
    .handle(id)
    .wait({ onProgress: onJob, signal })
    .then(onJob)
    .catch(() => undefined);
}

/** Saves a Blob under a file name through a temporary link (the browser's download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function describeError(error: unknown): {
  title: string;
  detail: string;
  code?: string;
  extra: string[];
} {
  if (error instanceof APIError) {
    const extra = error.errors.map((e) => `${e.pointer || '/'}: ${e.message}`);
    if (error.requestId) extra.push(`request ${error.requestId}`);
    return { title: `Error ${error.status}`, detail: error.detail, code: error.code, extra };
  }
  if (error instanceof Error) return { title: 'Error', detail: error.message, extra: [] };
  return { title: 'Error', detail: String(error), extra: [] };
}

/** Every status a job may have, in the order it goes through them (filters list them so). */
export const JOB_STATUSES: JobStatus[] = [
  'waiting',
  'queued',
  'running',
  'succeeded',
  'failed',
  'aborted',
  'skipped',
  'expired',
];

/** A job in one of these has ended: it will not run again unless retried. */
export const FINISHED: ReadonlySet<string> = new Set([
  'succeeded',
  'failed',
  'aborted',
  'skipped',
  'expired',
]);

/** Ended without succeeding: what a retry runs again. */
export const RETRYABLE: ReadonlySet<string> = new Set(['failed', 'aborted', 'skipped', 'expired']);

/**
 * Who aborted a job (from its `error.details.abortedBy`), or null when it was not aborted. An
 * aborted job is shown as stopped on request, never as a crash.
 */
export function abortedBy(job: {
  status: string;
  error?: { code: string; details?: unknown } | null;
}): { id: string; name: string } | { id: null; name: null } | null {
  if (job.status !== 'aborted') return null;
  const by = (job.error?.details as { abortedBy?: { id?: unknown; name?: unknown } } | undefined)?.abortedBy;
  if (typeof by?.id === 'string' && typeof by.name === 'string') return { id: by.id, name: by.name };
  return { id: null, name: null };
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

/** "1.2 s", "3 min 4 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (!(ms >= 0)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.floor(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function jobDuration(job: Pick<Job, 'startedAt' | 'finishedAt' | 'status'>, now: number): string {
  if (!job.startedAt) return '—';
  const end = job.finishedAt ? Date.parse(job.finishedAt) : FINISHED.has(job.status) ? NaN : now;
  return formatDuration(end - Date.parse(job.startedAt));
}

/** Percent done of a job, or undefined when it has no measurable progress. */
export function jobPercent(job: Pick<Job, 'progress' | 'status'>): number | undefined {
  if (job.status === 'succeeded') return 100;
  const p = job.progress;
  if (!p) return undefined;
  if (typeof p.percent === 'number') return p.percent;
  if (typeof p.total === 'number' && p.total > 0) return Math.min(100, (100 * (p.done ?? 0)) / p.total);
  return undefined;
}

/** A filter value as the API reads it: JSON when it parses, text otherwise. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Ticks every `ms` while mounted (for running durations). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** One shell word: bare when it is safe, else in single quotes (POSIX shells). */
export function shellWord(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A `batchyard …` command line from its words (undefined words are left out). */
export function cliCommand(...words: (string | undefined | false)[]): string {
  return ['batchyard', ...words.filter((w): w is string => typeof w === 'string').map(shellWord)].join(' ');
}

/**
 * The messages an API problem gives for one field (its JSON pointer, e.g. `/reason`), so a form
 * can show them next to that field; the rest of the problem stays for the error box.
 */
export function fieldProblems(error: unknown, pointer: string): string[] {
  if (!(error instanceof APIError)) return [];
  return error.errors
    .filter((e) => e.pointer === pointer || e.pointer.startsWith(`${pointer}/`))
    .map((e) => (e.pointer === pointer ? e.message : `${e.pointer.slice(pointer.length + 1)}: ${e.message}`));
}

/** True when an API problem names only fields the form shows itself (no error box needed). */
export function onlyFieldProblems(error: unknown, pointers: readonly string[]): boolean {
  return (
    error instanceof APIError &&
    error.errors.length > 0 &&
    error.errors.every((e) => pointers.some((p) => e.pointer === p || e.pointer.startsWith(`${p}/`)))
  );
}

/** The error's API code, if it is an API problem. */
export function problemCode(error: unknown): string | undefined {
  return error instanceof APIError ? error.code : undefined;
}
