import type { Webhook, WebhookEvent } from '@batchyard/sdk';
import { FieldError } from '../components.js';
import { cliCommand, fieldProblems } from '../lib.js';

/** The events a webhook may listen to (the server's list; `webhook.ping` is sent on request only). */
export const WEBHOOK_EVENTS: readonly { event: WebhookEvent; text: string }[] = [
  { event: 'task.created', text: 'a task was created' },
  { event: 'task.status_changed', text: "a task's status changed" },
  { event: 'batch.state_changed', text: "a batch's state changed" },
  { event: 'job.finished', text: 'a job ended' },
];
const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_BACKOFF_MS = 5000;

/** A webhook's settings as typed in the form. */
export interface WebhookDraft {
  url: string;
  events: WebhookEvent[];
  description: string;
  enabled: boolean;
  maxAttempts: string;
  backoffMs: string;
}

export function webhookDraft(hook?: Webhook): WebhookDraft {
  return {
    url: hook?.url ?? '',
    events: hook ? [...hook.events] : ['task.created'],
    description: hook?.description ?? '',
    enabled: hook?.enabled ?? true,
    maxAttempts: String(hook?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    backoffMs: String(hook?.backoffMs ?? DEFAULT_BACKOFF_MS),
  };
}

function integerIn(text: string, min: number, max: number): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
}

/** What is wrong with the draft, by the JSON pointer the server would name (its schema's bounds). */
export function checkWebhook(draft: WebhookDraft): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const url = draft.url.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (url === '') problems['/url'] = ['A webhook needs the URL that receives its events.'];
  else if (!parsed || !/^https?:$/.test(parsed.protocol) || !/^https?:\/\//i.test(url))
    problems['/url'] = ['Not an http(s) URL: e.g. https://example.com/hooks/batchyard.'];
  else if (url.length > 2000) problems['/url'] = ['At most 2000 characters.'];
  if (draft.events.length === 0) problems['/events'] = ['Pick at least one event.'];
  if (draft.description.length > 2000) problems['/description'] = ['At most 2000 characters.'];
  if (!integerIn(draft.maxAttempts, 1, 25)) problems['/maxAttempts'] = ['A whole number from 1 to 25.'];
  if (!integerIn(draft.backoffMs, 100, 3_600_000))
    problems['/backoffMs'] = ['A whole number of milliseconds from 100 to 3600000.'];
  return problems;
}

/** The pointers the fields below show problems for (the rest goes to the error box). */
export const WEBHOOK_POINTERS = ['/url', '/events', '/description', '/maxAttempts', '/backoffMs'];

/** The flags of `batchyard webhooks create|update` for these settings. */
export function webhookFlags(draft: WebhookDraft, was?: Webhook): string[] {
  const flags: string[] = [];
  const url = draft.url.trim();
  if (!was || url !== was.url) flags.push('--url', url || 'URL');
  if (!was || draft.events.join() !== was.events.join())
    for (const e of draft.events) flags.push('--event', e);
  if (was ? draft.description !== (was.description ?? '') : draft.description !== '')
    flags.push('--description', draft.description);
  if (was ? draft.enabled !== was.enabled : !draft.enabled)
    flags.push(was ? (draft.enabled ? '--enable' : '--disable') : '--disabled');
  if (draft.maxAttempts.trim() !== String(was?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS))
    flags.push('--max-attempts', draft.maxAttempts.trim());
  if (draft.backoffMs.trim() !== String(was?.backoffMs ?? DEFAULT_BACKOFF_MS))
    flags.push('--backoff-ms', draft.backoffMs.trim());
  return flags;
}

export function createCommand(projectId: string, draft: WebhookDraft): string {
  return cliCommand('webhooks', 'create', '--project', projectId || 'PROJECT', ...webhookFlags(draft));
}

/**
 * The fields of a webhook (URL, events, description, enabled, retries). `tried` shows the page's
 * own checks (after a first submit); `error` is the server's problem, shown by field.
 */
export function WebhookFields({
  idPrefix,
  draft,
  onChange,
  tried,
  error,
}: {
  idPrefix: string;
  draft: WebhookDraft;
  onChange: (draft: WebhookDraft) => void;
  tried: boolean;
  error: unknown;
}) {
  const local = tried ? checkWebhook(draft) : {};
  const problems = (pointer: string) => [...(local[pointer] ?? []), ...fieldProblems(error, pointer)];
  const id = (name: string) => `${idPrefix}-${name}`;
  const described = (name: string, pointer: string, hint = false) =>
    [hint ? id(`${name}-hint`) : '', problems(pointer).length > 0 ? id(`${name}-error`) : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const toggle = (event: WebhookEvent, on: boolean) =>
    onChange({
      ...draft,
      events: WEBHOOK_EVENTS.map((e) => e.event).filter((e) => (e === event ? on : draft.events.includes(e))),
    });
  return (
    <>
      <label htmlFor={id('url')}>URL</label>
      <input
        id={id('url')}
        type="url"
        inputMode="url"
        placeholder="https://example.com/hooks/batchyard"
        value={draft.url}
        onChange={(e) => onChange({ ...draft, url: e.target.value })}
        aria-invalid={problems('/url').length > 0}
        aria-describedby={described('url', '/url', true)}
      />
      <p id={id('url-hint')} className="hint">
        Receives each event as a signed POST (Standard Webhooks headers). The server refuses private and
        loopback addresses unless its <code>--webhook-allow</code> list names them.
      </p>
      <FieldError id={id('url-error')} messages={problems('/url')} />
      <fieldset
        aria-invalid={problems('/events').length > 0}
        aria-describedby={described('events', '/events')}
      >
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map(({ event, text }) => (
          <label key={event} className="check">
            <input
              type="checkbox"
              checked={draft.events.includes(event)}
              onChange={(e) => toggle(event, e.target.checked)}
            />
            <code>{event}</code> <span className="muted small">({text})</span>
          </label>
        ))}
      </fieldset>
      <FieldError id={id('events-error')} messages={problems('/events')} />
      <label htmlFor={id('description')}>Description (optional)</label>
      <input
        id={id('description')}
        value={draft.description}
        onChange={(e) => onChange({ ...draft, description: e.target.value })}
        aria-invalid={problems('/description').length > 0}
        aria-describedby={described('description', '/description')}
      />
      <FieldError id={id('description-error')} messages={problems('/description')} />
      <label className="check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => onChange({ ...draft, enabled: e.target.checked })}
        />
        Enabled (a disabled webhook is sent nothing)
      </label>
      <label htmlFor={id('max-attempts')}>Attempts per delivery</label>
      <input
        id={id('max-attempts')}
        type="number"
        inputMode="numeric"
        min={1}
        max={25}
        step={1}
        value={draft.maxAttempts}
        onChange={(e) => onChange({ ...draft, maxAttempts: e.target.value })}
        aria-invalid={problems('/maxAttempts').length > 0}
        aria-describedby={described('max-attempts', '/maxAttempts')}
      />
      <FieldError id={id('max-attempts-error')} messages={problems('/maxAttempts')} />
      <label htmlFor={id('backoff')}>First retry after (ms)</label>
      <input
        id={id('backoff')}
        type="number"
        inputMode="numeric"
        min={100}
        max={3_600_000}
        step={100}
        value={draft.backoffMs}
        onChange={(e) => onChange({ ...draft, backoffMs: e.target.value })}
        aria-invalid={problems('/backoffMs').length > 0}
        aria-describedby={described('backoff', '/backoffMs', true)}
      />
      <p id={id('backoff-hint')} className="hint">
        A failed attempt is tried again after this delay, doubled each time.
      </p>
      <FieldError id={id('backoff-error')} messages={problems('/backoffMs')} />
    </>
  );
}
