import type { Job } from '@batchyard/sdk';
import {
  useEffect,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useSession } from './session.js';
import { abortedBy, describeError, FINISHED, followJob, jobPercent } from './lib.js';
import { Link } from './router.js';

/** An API problem: its detail and code (and the bad fields), or any other error's message. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail, code, extra } = describeError(error);
  return (
    <div className="error" role="alert">
      <strong>{title}</strong>
      {code ? (
        <>
          {' '}
          <code className="error-code">{code}</code>
        </>
      ) : null}
      <p className="error-detail">{detail}</p>
      {extra.length > 0 ? (
        <ul>
          {extra.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Loading, error or the content. */
export function Loaded<T>({
  state,
  children,
  what,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
  what?: string;
}) {
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status.replace('_', ' ')}</span>;
}

export function ProgressBar({ job, label }: { job: Pick<Job, 'progress' | 'status'>; label: string }) {
  const percent = jobPercent(job);
  const text = percent === undefined ? 'no progress reported' : `${Math.floor(percent)}%` + progressText(job);
  return (
    <div
      className={`progress progress-${job.status}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent === undefined ? undefined : Math.round(percent * 10) / 10}
      aria-valuetext={text}
      title={text}
    >
      <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      <span className="progress-text">{percent === undefined ? '—' : `${Math.floor(percent)}%`}</span>
    </div>
  );
}

function progressText(job: Pick<Job, 'progress'>): string {
  const p = job.progress;
  if (!p) return '';
  const of = p.total === null ? `${p.done}` : `${p.done} of ${p.total}`;
  return ` (${of}${p.unit ? ` ${p.unit}` : ''})${p.message ? `: ${p.message}` : ''}`;
}

export function Json({ value }: { value: unknown }) {
  if (value === undefined || value === null) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/**
 * A job an action started: its status and progress live, a link to it, and `onEnd` once it
 * ended (to reload what it changed).
 */
export function JobNotice({
  job: first,
  onEnd,
  label,
}: {
  job: Job;
  onEnd?: (job: Job) => void;
  label: string;
}) {
  const { client } = useSession();
  const [job, setJob] = useState(first);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    const controller = new AbortController();
    let ended = false;
    followJob(
      client,
      first.id,
      (next) => {
        setJob(next);
        if (!ended && FINISHED.has(next.status)) {
          ended = true;
          onEndRef.current?.(next);
        }
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [client, first.id]);
  return (
    <div className={`notice notice-${job.status}`} role="status" aria-live="polite">
      <span>
        {label}: <Link to={`/jobs/${job.id}`}>{job.type}</Link> <StatusBadge status={job.status} />
      </span>
      <ProgressBar job={job} label={`${label} progress`} />
      {job.status === 'aborted' ? (
        <span>{abortedBy(job)?.name ? `aborted by ${abortedBy(job)!.name}` : 'aborted'}</span>
      ) : job.error ? (
        <span className="error-detail">
          {job.error.message} <code>{job.error.code}</code>
        </span>
      ) : null}
    </div>
  );
}

/**
 * The CLI command that does what a control of the page does, with a Copy button (the clipboard
 * needs a secure context: localhost or HTTPS; elsewhere the text stays selectable).
 */
export function CliCommand({ command, label }: { command: string; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'no'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="cli" role="group" aria-label={`CLI: ${label}`}>
      <code className="cli-text">{command}</code>
      <button
        type="button"
        className="secondary small"
        onClick={copy}
        aria-label={`Copy the CLI command to ${label}`}
      >
        Copy
      </button>
      <span className="muted small" role="status" aria-live="polite">
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed: select the text' : ''}
      </span>
    </div>
  );
}

/** Messages for one form field (from the page's checks or the server's problem), tied to it by id. */
export function FieldError({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {messages.join(' ')}
    </p>
  );
}

/** What every labelled form field takes; its hint and error messages get ids from `id`. */
interface FieldProps {
  id: string;
  label: ReactNode;
  /** Messages from the page's checks or the server's problem; none means the field is valid. */
  errors: readonly string[];
  /** Standing help under the control (`${id}-hint`), read with it by screen readers. */
  hint?: ReactNode;
}

/** A field's text, and what to do with the text the user puts there. */
type Controlled = FieldProps & { value: string; onChange: (value: string) => void };

/** The attributes a control takes from the field itself, so callers cannot set them twice. */
type Owned = 'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby' | 'children';

/** Label, control, hint and errors as siblings: the forms' grids lay them out themselves. */
function Field({ id, label, errors, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messages={errors} />
    </>
  );
}

/** The control's id and the ARIA state tying it to its hint and errors. */
function controlAria({ id, errors, hint }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return { id, 'aria-invalid': errors.length > 0, 'aria-describedby': describedBy || undefined };
}

/** A labelled input; `onChange` gets the new text. Other input attributes pass through. */
export function TextField({
  id,
  label,
  errors,
  hint,
  value,
  onChange,
  ...input
}: Controlled & Omit<InputHTMLAttributes<HTMLInputElement>, Owned>) {
  const field = { id, label, errors, hint };
  return (
    <Field {...field}>
      <input {...input} {...controlAria(field)} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/** A labelled select of the given `<option>`s; `onChange` gets the chosen value. */
export function SelectField({
  id,
  label,
  errors,
  hint,
  value,
  onChange,
  children,
  ...select
}: Controlled & { children: ReactNode } & Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned>) {
  const field = { id, label, errors, hint };
  return (
    <Field {...field}>
      <select {...select} {...controlAria(field)} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </Field>
  );
}

/** A labelled textarea; `onChange` gets the new text. */
export function TextAreaField({
  id,
  label,
  errors,
  hint,
  value,
  onChange,
  ...textarea
}: Controlled & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>) {
  const field = { id, label, errors, hint };
  return (
    <Field {...field}>
      <textarea
        {...textarea}
        {...controlAria(field)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** A task's resources: links, with a preview for those that look like images. */
export function Resources({ resources }: { resources: readonly string[] }) {
  if (resources.length === 0) return <Empty>No resources.</Empty>;
  return (
    <ul className="resources">
      {resources.map((r) => {
        const link = /^https?:\/\//i.test(r) || r.startsWith('/');
        return (
          <li key={r}>
            {link ? (
              <a href={r} target="_blank" rel="noreferrer noopener">
                {r}
              </a>
            ) : (
              <code>{r}</code>
            )}
            {link && IMAGE.test(r) ? (
              <img className="preview" src={r} alt={`Preview of ${r}`} loading="lazy" />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

const IMAGE = /\.(png|jpe?g|gif|webp|svg|avif|bmp)(\?.*)?$/i;
