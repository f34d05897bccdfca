import type { Job, TaskExportFormat, TaskExportResult, TaskFilter } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, ErrorBox, FieldError, JobNotice, ProgressBar } from '../components.js';
import { cliCommand, fieldProblems, onlyFieldProblems, saveBlob } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { filterFlags } from './tasks-assign.js';

/** The label formats: files of images and labels, fetched as the job's artifact (never in memory). */
const LABEL_FORMATS: ReadonlySet<TaskExportFormat> = new Set(['coco', 'yolo', 'voc', 'masks']);

const FORMATS: { value: TaskExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON' },
  { value: 'jsonl', label: 'JSON Lines' },
  { value: 'coco', label: 'COCO (labels)' },
  { value: 'yolo', label: 'YOLO (labels, zip)' },
  { value: 'voc', label: 'Pascal VOC (labels, zip)' },
  { value: 'masks', label: 'Masks (labels, zip of PNGs)' },
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const classList = (text: string): string[] =>
  text
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');

/**
 * Exports the tasks the list's filter selects. CSV, JSON and JSON Lines are fetched at once and
 * saved; the label formats run the export job, follow it, then offer its artifact for download
 * with what was written and what was left out.
 */
export function ExportTasks({ filter }: { filter: TaskFilter }) {
  const { client } = useSession();
  const [format, setFormat] = useState<TaskExportFormat>('csv');
  const [classes, setClasses] = useState('');
  const [job, setJob] = useState<Job>();
  const [labelJob, setLabelJob] = useState<Job>();
  const [ended, setEnded] = useState<Job>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const labels = LABEL_FORMATS.has(format);
  const names = classList(classes);
  const classProblems = labels ? fieldProblems(error, '/classes') : [];
  const cli = cliCommand(
    'tasks',
    'export',
    ...filterFlags(filter),
    '--format',
    format,
    ...(labels && names.length > 0 ? ['--classes', names.join(',')] : []),
    '--out',
    `tasks.${format === 'coco' ? 'coco.json' : labels ? `${format}.zip` : format}`,
  );

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setJob(undefined);
    setLabelJob(undefined);
    setEnded(undefined);
    try {
      if (labels) {
        const handle = await client.tasks.export({
          format,
          filter,
          ...(names.length > 0 ? { classes: names } : {}),
          wait: false,
        });
        setLabelJob(handle.job ?? (await handle.refresh()));
        return;
      }
      const text = await client.tasks.export({ format, filter, inMemory: true, onProgress: setJob });
      const type =
        format === 'csv' ? 'text/csv' : format === 'json' ? 'application/json' : 'application/x-ndjson';
      saveBlob(
        new Blob([text], { type }),
        `tasks-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.${format}`,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="export" onSubmit={run} aria-label="Export tasks">
      <label>
        Format
        <select
          value={format}
          onChange={(e) => {
            setFormat(e.target.value as TaskExportFormat);
            setError(undefined);
          }}
        >
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      {labels ? (
        <label>
          Classes (optional, comma-separated, in id order)
          <input
            value={classes}
            onChange={(e) => setClasses(e.target.value)}
            placeholder="car, person"
            aria-invalid={classProblems.length > 0}
            aria-describedby={classProblems.length > 0 ? 'export-classes-error' : undefined}
          />
        </label>
      ) : null}
      <button type="submit" disabled={busy || (labelJob !== undefined && ended === undefined)}>
        {busy ? 'Exporting…' : 'Export'}
      </button>
      <FieldError id="export-classes-error" messages={classProblems} />
      {busy && job ? <ProgressBar job={job} label="Export progress" /> : null}
      {job && !busy && !error ? (
        <span className="muted small">
          Exported by <Link to={`/jobs/${job.id}`}>{job.id}</Link>
        </span>
      ) : null}
      {labelJob ? <JobNotice key={labelJob.id} job={labelJob} label="Label export" onEnd={setEnded} /> : null}
      {ended?.status === 'succeeded' ? <LabelExportResult job={ended} /> : null}
      <CliCommand command={cli} label="download these tasks" />
      {error && !(labels && onlyFieldProblems(error, ['/classes'])) ? <ErrorBox error={error} /> : null}
    </form>
  );
}

/** A finished label export: its counts, what it left out and why, and its artifact to download. */
function LabelExportResult({ job }: { job: Job }) {
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const result = job.result as TaskExportResult | null;
  if (!result) return null;
  const artifact = result.artifact;
  // The same name the SDK and CLI save under: tasks-<jobId>.coco.json, tasks-<jobId>.yolo.zip, …
  const fileName = `tasks-${job.id}.${artifact.replace(/^tasks\./, '')}`;
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const response = await client.jobs.downloadArtifact(job.id, artifact);
      saveBlob(await response.blob(), fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const skipped = result.skipped;
  return (
    <div className="notice notice-succeeded export-result" role="status" aria-label="Label export result">
      <p>
        {plural(result.count, 'task')} selected: <strong>{plural(result.images ?? 0, 'image')}</strong> and{' '}
        <strong>{plural(result.labels ?? 0, 'label')}</strong> written
        {result.classes ? `, classes ${result.classes.join(', ') || '(none)'}` : ''}.
        {result.keypoints && (result.keypoints.written > 0 || result.keypoints.leftOut > 0)
          ? ` Keypoints: ${result.keypoints.written} labels with them, ${result.keypoints.leftOut} written without.`
          : ''}
      </p>
      {skipped && (skipped.tasks > 0 || skipped.labels > 0) ? (
        <>
          <p>
            Left out: {plural(skipped.tasks, 'task')} and {plural(skipped.labels, 'label')}
            {skipped.first.length < skipped.tasks + skipped.labels
              ? ` (the first ${skipped.first.length}):`
              : ':'}
          </p>
          <ul className="skipped">
            {skipped.first.map((s, i) => (
              <li key={i}>
                <Link to={`/tasks/${s.taskId}`}>
                  <code>{s.taskId}</code>
                </Link>
                {s.label !== undefined ? ` label ${s.label}` : ''}: {s.reason}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Nothing was left out.</p>
      )}
      <button type="button" onClick={download} disabled={busy}>
        {busy ? 'Downloading…' : `Download ${fileName}`}
      </button>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}
