import type { Batch, NewTask, TaskItemResult } from '@batchyard/sdk';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, FieldError, Loaded, StatusBadge } from '../components.js';
import { cliCommand, isAbort, saveBlob, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { BatchSelect, FromRowsForm, type RowsBatchChoice } from './tasks-from-rows.js';

/** Results shown in the table at once; the download has them all. */
const SHOWN_RESULTS = 200;
/** Tasks per create request by default: small enough for the bar to move on a few thousand. */
const DEFAULT_CHUNK = 1000;
/** The CLI's own default (`tasks create --chunk-size`), left out of the command when chosen. */
const CLI_DEFAULT_CHUNK = 5000;
const MAX_CHUNK = 10_000;

type Format = 'json' | 'jsonl';
type Show = 'problems' | 'all' | 'created' | 'skipped' | 'failed';

type BatchChoice = RowsBatchChoice;

/** One item's outcome, placed in the file: `index` from 0, `line` for JSON Lines. */
interface ItemOutcome {
  index: number;
  line?: number;
  name: string;
  status: TaskItemResult['status'];
  id?: string;
  code?: string;
  message?: string;
  /** A JSON pointer into the file's list of tasks, e.g. `/12/data/label`. */
  pointer?: string;
}

interface ParsedFile {
  format: Format;
  items: unknown[];
  /** Line of each item (JSON Lines only: blank lines are skipped). */
  lines?: number[];
}

interface Sending {
  handled: number;
  total: number;
  created: number;
  skipped: number;
  failed: number;
}

interface Outcome {
  fileName: string;
  batchId: string;
  results: ItemOutcome[];
  created: number;
  skipped: number;
  failed: number;
  cancelled: boolean;
}

export function formatOf(fileName: string): Format | undefined {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  return undefined;
}

/** The tasks of a file, or why it cannot be read (the first line that is not JSON, say). */
export function parseTasksFile(text: string, format: Format): ParsedFile | { problem: string } {
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { problem: `The file is not JSON: ${(error as Error).message}` };
    }
    if (!Array.isArray(parsed)) return { problem: 'The file must hold a JSON array of tasks.' };
    return { format, items: parsed };
  }
  const items: unknown[] = [];
  const lines: number[] = [];
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!.trim();
    if (line === '') continue;
    try {
      items.push(JSON.parse(line));
      lines.push(i + 1);
    } catch (error) {
      return { problem: `Line ${i + 1} is not JSON (${(error as Error).message}); nothing was sent.` };
    }
  }
  return { format, items, lines };
}

/** The name an item gives, if it gives one. */
function nameOf(item: unknown): string | undefined {
  const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Names carried by more than one item of the file: every copy is refused, as the CLI does. */
function repeatedNames(items: readonly unknown[]): Set<string> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = nameOf(item);
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n > 1).map(([name]) => name));
}

/**
 * Creates tasks in a batch from a JSON array or JSON Lines file the user picks: the file is read
 * and checked in the browser (not JSON: nothing is sent), then sent in chunks through the SDK's
 * `tasks.create` (a request per chunk, two in flight) with a progress bar, and each item's outcome
 * is shown: created, skipped (a name the batch has, with onExisting skip) or refused, with the
 * reason and a JSON pointer into the file.
 */
export function TasksImportPage() {
  const { client, projectId, me } = useSession();
  const canWrite = me.role === 'admin' || me.role === 'editor';
  const batches = useAsync<BatchChoice[]>(
    async (signal) => {
      if (!projectId) return [];
      const datasets = await client.datasets.list({ projectId, limit: 100 }, { signal });
      const lists = await Promise.all(
        datasets.data.map(async (d) => {
          const page = await client.batches.list(
            d.id,
            { states: ['active', 'draft'], limit: 1000, sort: 'createdAt:desc' },
            { signal },
          );
          return page.data.map((b: Batch) => ({
            id: b.id,
            datasetId: d.id,
            label: `${d.name} / ${b.name ?? b.id}${b.state === 'draft' ? ' (draft)' : ''} · ${b.rowCount.toLocaleString()} row${b.rowCount === 1 ? '' : 's'}`,
          }));
        }),
      );
      return lists.flat();
    },
    [client, projectId],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to="/tasks">Tasks</Link> / import
      </p>
      <h1>Import tasks</h1>
      {!projectId ? (
        <Empty>Pick a project first.</Empty>
      ) : !canWrite ? (
        <Empty>Creating tasks needs an editor or admin key.</Empty>
      ) : (
        <Loaded state={batches} what="Loading the project’s batches">
          {(choices) =>
            choices.length === 0 ? (
              <Empty>
                This project has no active or draft batch to create tasks in.{' '}
                <Link to="/datasets">Upload rows into a batch</Link> first.
              </Empty>
            ) : (
              <SourcePicker choices={choices} />
            )
          }
        </Loaded>
      )}
    </section>
  );
}

/** Where the tasks come from: a file the user picks, or the rows a batch already holds. */
function SourcePicker({ choices }: { choices: BatchChoice[] }) {
  const [source, setSource] = useState<'file' | 'rows'>('file');
  return (
    <>
      <fieldset className="import-source">
        <legend>Source of the tasks</legend>
        <label className="check">
          <input type="radio" name="source" checked={source === 'file'} onChange={() => setSource('file')} />A
          file (JSON or JSON Lines)
        </label>
        <label className="check">
          <input type="radio" name="source" checked={source === 'rows'} onChange={() => setSource('rows')} />A
          batch’s rows (a task per row)
        </label>
      </fieldset>
      {source === 'file' ? <ImportForm choices={choices} /> : <FromRowsForm choices={choices} />}
    </>
  );
}

function ImportForm({ choices }: { choices: BatchChoice[] }) {
  const { client } = useSession();
  const [batchId, setBatchId] = useState(choices[0]?.id ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [onExisting, setOnExisting] = useState<'error' | 'skip'>('error');
  const [chunkText, setChunkText] = useState(String(DEFAULT_CHUNK));
  const [tried, setTried] = useState(false);
  const [fileProblem, setFileProblem] = useState<string>();
  const [sending, setSending] = useState<Sending>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<unknown>();
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const format = file ? formatOf(file.name) : undefined;
  const chunkSize = Number(chunkText);
  const chunkProblems =
    Number.isInteger(chunkSize) && chunkSize >= 1 && chunkSize <= MAX_CHUNK
      ? []
      : [`A whole number from 1 to ${MAX_CHUNK.toLocaleString()}.`];
  const fileProblems = fileProblem
    ? [fileProblem]
    : tried && !file
      ? ['Pick a file.']
      : file && !format
        ? ['The file must end in .json (an array of tasks), .jsonl or .ndjson (one task a line).']
        : [];
  const cli = cliCommand(
    'tasks',
    'create',
    '--batch',
    batchId,
    '--file',
    file?.name ?? 'FILE',
    ...(onExisting === 'skip' ? ['--on-existing', 'skip'] : []),
    ...(chunkProblems.length === 0 && chunkSize !== CLI_DEFAULT_CHUNK
      ? ['--chunk-size', String(chunkSize)]
      : []),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setError(undefined);
    if (!file || !format || chunkProblems.length > 0 || !batchId) return;
    const parsed = parseTasksFile(await file.text(), format);
    if ('problem' in parsed) {
      setFileProblem(parsed.problem);
      return;
    }
    if (parsed.items.length === 0) {
      setFileProblem('The file holds no tasks.');
      return;
    }
    setOutcome(undefined);
    const controller = new AbortController();
    abortRef.current = controller;
    const { items, lines } = parsed;
    const place = (index: number) => (lines ? { index, line: lines[index]! } : { index });
    // Every copy of a repeated name is refused here, unsent; `fileIndex` maps a sent task back.
    const repeated = repeatedNames(items);
    const local: ItemOutcome[] = [];
    const sent: unknown[] = [];
    const fileIndex: number[] = [];
    items.forEach((item, index) => {
      const name = nameOf(item);
      if (name !== undefined && repeated.has(name)) {
        local.push({
          ...place(index),
          name,
          status: 'failed',
          code: 'duplicate_in_request',
          message: `"${name}" is the name of more than one task in ${file.name}; no copy is created.`,
          pointer: `/${index}/name`,
        });
      } else {
        sent.push(item);
        fileIndex.push(index);
      }
    });
    const total = items.length;
    setSending({ handled: local.length, total, created: 0, skipped: 0, failed: local.length });
    let cancelled = false;
    let answered: TaskItemResult[] = [];
    try {
      const result = await client.tasks.create(batchId, sent as NewTask[], {
        onExisting,
        chunkSize,
        signal: controller.signal,
        onProgress: (p) =>
          setSending({
            handled: local.length + p.sent,
            total,
            created: p.created,
            skipped: p.skipped,
            failed: local.length + p.failed,
          }),
      });
      answered = result.results;
    } catch (e) {
      if (isAbort(e)) cancelled = true;
      else {
        setError(e);
        setSending(undefined);
        abortRef.current = null;
        return;
      }
    }
    abortRef.current = null;
    setSending(undefined);
    const results = [
      ...local,
      ...answered.map((r): ItemOutcome => {
        const index = fileIndex[r.index] ?? r.index;
        // The server's pointers name the item inside its request (`/tasks/<k>/…`): rebased on the file.
        const pointer = r.error
          ? (r.error.pointer ?? '/tasks/0').replace(/^\/tasks\/\d+/, `/${index}`)
          : undefined;
        return {
          ...place(index),
          name: r.name,
          status: r.status,
          ...(r.id ? { id: r.id } : {}),
          ...(r.error ? { code: r.error.code, message: r.error.message } : {}),
          ...(pointer ? { pointer } : {}),
        };
      }),
    ].sort((a, b) => a.index - b.index);
    const count = (s: ItemOutcome['status']) => results.filter((r) => r.status === s).length;
    setOutcome({
      fileName: file.name,
      batchId,
      results,
      created: count('created'),
      skipped: count('skipped'),
      failed: count('failed'),
      cancelled,
    });
  };

  const busy = sending !== undefined;
  return (
    <>
      <form
        className="card entity-form import-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label="Import tasks"
      >
        <BatchSelect choices={choices} value={batchId} onChange={setBatchId} disabled={busy} />
        <label htmlFor="import-file">Tasks file: a JSON array, or JSON Lines (one task a line)</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.jsonl,.ndjson,application/json,application/x-ndjson"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setFileProblem(undefined);
            setOutcome(undefined);
          }}
          aria-invalid={fileProblems.length > 0}
          aria-describedby={fileProblems.length > 0 ? 'import-file-error' : 'import-file-hint'}
        />
        <p id="import-file-hint" className="muted small">
          Each task: <code>{'{"name": "…", "data": {…}, "resources": ["…"], "properties": {…}}'}</code>. Names
          are unique in a batch; data is checked against the project’s task schema.
        </p>
        <FieldError id="import-file-error" messages={fileProblems} />
        <div className="upload-options">
          <label>
            A name the batch already has
            <select
              value={onExisting}
              onChange={(e) => setOnExisting(e.target.value as 'error' | 'skip')}
              disabled={busy}
            >
              <option value="error">refuse that task (error)</option>
              <option value="skip">skip it (skip)</option>
            </select>
          </label>
          <label>
            Tasks per request
            <input
              type="number"
              min={1}
              max={MAX_CHUNK}
              value={chunkText}
              onChange={(e) => setChunkText(e.target.value)}
              disabled={busy}
              aria-invalid={chunkProblems.length > 0}
              aria-describedby={chunkProblems.length > 0 ? 'import-chunk-error' : undefined}
            />
          </label>
        </div>
        <FieldError id="import-chunk-error" messages={chunkProblems} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Importing…' : 'Import tasks'}
          </button>
          {busy ? (
            <button type="button" className="secondary" onClick={() => abortRef.current?.abort()}>
              Cancel import
            </button>
          ) : null}
        </div>
        <CliCommand command={cli} label="create these tasks" />
      </form>
      {sending ? <ImportProgress sending={sending} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {outcome ? <ImportOutcome outcome={outcome} command={cli} /> : null}
    </>
  );
}

function ImportProgress({ sending }: { sending: Sending }) {
  const percent = sending.total > 0 ? Math.min(100, (100 * sending.handled) / sending.total) : 0;
  const text = `${sending.handled.toLocaleString()} of ${sending.total.toLocaleString()} tasks handled`;
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      <div
        className="progress progress-running"
        role="progressbar"
        aria-label="Tasks handled"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
        <span className="progress-text">{Math.floor(percent)}%</span>
      </div>
      <p className="small">
        {text} · {sending.created.toLocaleString()} created, {sending.skipped.toLocaleString()} skipped,{' '}
        {sending.failed.toLocaleString()} refused
      </p>
    </div>
  );
}

const SHOW_LABELS: Record<Show, string> = {
  problems: 'skipped and refused',
  all: 'every task',
  created: 'created',
  skipped: 'skipped',
  failed: 'refused',
};

function ImportOutcome({ outcome, command }: { outcome: Outcome; command: string }) {
  const { results, created, skipped, failed } = outcome;
  const [show, setShow] = useState<Show>(skipped + failed > 0 ? 'problems' : 'all');
  const shown = results.filter((r) =>
    show === 'all' ? true : show === 'problems' ? r.status !== 'created' : r.status === show,
  );
  const jsonl = outcome.results.some((r) => r.line !== undefined);
  const download = () =>
    saveBlob(
      new Blob(
        results.map((r) => `${JSON.stringify(r)}\n`),
        { type: 'application/x-ndjson' },
      ),
      `${outcome.fileName.replace(/\.[^.]+$/, '')}-results.jsonl`,
    );
  return (
    <section
      className={`card import-outcome notice-${failed > 0 ? 'failed' : 'succeeded'}`}
      aria-label="Import results"
    >
      <p className="import-summary" role="status">
        {outcome.cancelled ? 'Cancelled: the chunks already answered stay created. ' : ''}
        {created.toLocaleString()} created, {skipped.toLocaleString()} skipped, {failed.toLocaleString()}{' '}
        refused in batch <code>{outcome.batchId}</code>, from {outcome.fileName}.
      </p>
      <dl className="facts upload-counts">
        <dt>Created</dt>
        <dd data-count="created">{created.toLocaleString()}</dd>
        <dt>Skipped</dt>
        <dd data-count="skipped">{skipped.toLocaleString()}</dd>
        <dt>Refused</dt>
        <dd data-count="failed">{failed.toLocaleString()}</dd>
        <dt>In the file</dt>
        <dd data-count="total">{results.length.toLocaleString()}</dd>
      </dl>
      <CliCommand command={command} label="do the same" />
      <div className="filters">
        <label>
          Show
          <select value={show} onChange={(e) => setShow(e.target.value as Show)}>
            {(Object.keys(SHOW_LABELS) as Show[]).map((s) => (
              <option key={s} value={s}>
                {SHOW_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="link" onClick={download}>
          Download every result (JSON Lines)
        </button>
      </div>
      {shown.length === 0 ? (
        <Empty>No {SHOW_LABELS[show]} tasks.</Empty>
      ) : (
        <>
          <p className="small muted">
            {shown.length > SHOWN_RESULTS
              ? `The first ${SHOWN_RESULTS.toLocaleString()} of ${shown.length.toLocaleString()}; the download has them all.`
              : `${shown.length.toLocaleString()} shown.`}
          </p>
          <div className="table-wrap">
            <table className="compact" aria-label="Results per task">
              <thead>
                <tr>
                  <th scope="col">{jsonl ? 'Line' : 'Item'}</th>
                  <th scope="col">Name</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Pointer</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, SHOWN_RESULTS).map((r) => (
                  <tr key={r.index} data-index={r.index} data-status={r.status}>
                    <td data-label={jsonl ? 'Line' : 'Item'}>{r.line ?? r.index}</td>
                    <td data-label="Name">{r.name || '—'}</td>
                    <td data-label="Outcome">
                      <StatusBadge status={r.status === 'failed' ? 'refused' : r.status} />
                      {r.id ? (
                        <>
                          {' '}
                          <Link to={`/tasks/${r.id}`}>{r.id}</Link>
                        </>
                      ) : null}
                    </td>
                    <td data-label="Reason">
                      {r.code ? (
                        <>
                          {r.message} <code>{r.code}</code>
                        </>
                      ) : r.status === 'skipped' ? (
                        'the batch already has this name'
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label="Pointer">{r.pointer ? <code>{r.pointer}</code> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
