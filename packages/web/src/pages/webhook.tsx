import type { Webhook, WebhookDelivery } from '@batchyard/sdk';
import { useEffect, useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Loaded, StatusBadge } from '../components.js';
import { cliCommand, formatDate, formatDuration, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { SecretOnce } from './secret-once.js';
import {
  checkWebhook,
  WEBHOOK_POINTERS,
  WebhookFields,
  webhookDraft,
  webhookFlags,
  type WebhookDraft,
} from './webhook-form.js';

/** Deliveries shown in the log (the newest); the CLI's `--all` reads the rest. */
const LOG_SIZE = 50;
/** How often the log is re-read while a delivery in it is still pending. */
const LOG_POLL_MS = 1000;

/** What the last action did, shown with its CLI command. */
interface Done {
  text: string;
  command: string;
  label: string;
}

/** One webhook: edit it, rotate its secret, delete it, send a test ping and read its delivery log. */
export function WebhookPage({ id }: { id: string }) {
  const { client, projects } = useSession();
  const state = useAsync<Webhook>((signal) => client.webhooks.get(id, { signal }), [client, id]);
  const [done, setDone] = useState<Done>();
  const [secret, setSecret] = useState<string>();
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<unknown>();
  const [pinged, setPinged] = useState<WebhookDelivery>();
  const [busy, setBusy] = useState<string>();

  const act = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const ping = () =>
    act('ping', async () => {
      setPinged(await client.webhooks.ping(id));
      setDone(undefined);
    });
  const rotate = () => {
    if (
      !window.confirm(
        'Make a new signing secret? Receivers must switch to it: the old one stops signing at once.',
      )
    )
      return;
    void act('rotate', async () => {
      const hook = await client.webhooks.update(id, { rotateSecret: true });
      setSecret(hook.secret);
      setDone({
        text: `Made a new signing secret for the webhook (ends in …${hook.secretHint}).`,
        command: cliCommand('webhooks', 'update', id, '--rotate-secret'),
        label: 'rotate the secret',
      });
      state.setData({ ...hook, secret: undefined });
    });
  };
  const remove = (hook: Webhook) => {
    if (
      !window.confirm(
        `Delete the webhook to ${hook.url}? It is sent nothing more and its delivery log goes too.`,
      )
    )
      return;
    void act('delete', async () => {
      await client.webhooks.delete(id);
      setDeleted(true);
    });
  };

  if (deleted) {
    return (
      <section>
        <h1>Webhook deleted</h1>
        <div className="notice notice-aborted" role="status">
          <span>
            Deleted the webhook <code>{id}</code> and its delivery log.{' '}
            <Link to="/webhooks">Back to the webhooks</Link>.
          </span>
          <CliCommand command={cliCommand('webhooks', 'delete', id)} label="delete this webhook" />
        </div>
      </section>
    );
  }

  return (
    <section>
      <p>
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <Loaded state={state} what="Loading the webhook">
        {(hook) => (
          <>
            <h1>Webhook {hook.id}</h1>
            <p>
              To <code>{hook.url}</code> for the project{' '}
              <strong>{projects.find((p) => p.id === hook.projectId)?.name ?? hook.projectId}</strong>,{' '}
              {hook.enabled ? 'enabled' : 'disabled'}; signing secret ends in <code>…{hook.secretHint}</code>.
            </p>
            <div className="actions">
              <button type="button" onClick={ping} disabled={busy !== undefined}>
                {busy === 'ping' ? 'Sending…' : 'Send test ping'}
              </button>{' '}
              <button type="button" className="secondary" onClick={rotate} disabled={busy !== undefined}>
                Rotate secret
              </button>{' '}
              <button
                type="button"
                className="danger"
                onClick={() => remove(hook)}
                disabled={busy !== undefined}
              >
                Delete webhook
              </button>
            </div>
            {error ? <ErrorBox error={error} /> : null}
            {done ? (
              <div className="notice notice-succeeded" role="status">
                <span>{done.text}</span>
                <CliCommand command={done.command} label={done.label} />
              </div>
            ) : null}
            {secret ? (
              <SecretOnce
                id="webhook-secret"
                label={`Signing secret of the webhook ${hook.id}`}
                secret={secret}
                onDismiss={() => setSecret(undefined)}
              >
                The new <strong>signing secret</strong>: copy it now, it is shown this once.
              </SecretOnce>
            ) : null}
            <Deliveries hook={hook} pinged={pinged} />
            <EditWebhook
              key={hook.updatedAt}
              hook={hook}
              onSaved={(saved, command) => {
                state.setData(saved);
                setDone({ text: 'Saved the webhook.', command, label: 'make this change' });
              }}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

/** How a test ping went, from its row in the log. */
function pingOutcome(d: WebhookDelivery, hook: Webhook): { text: string; tone: string } {
  if (d.status === 'succeeded') {
    const took = d.durationMs;
    return {
      text: `The test ping arrived: the receiver answered ${d.lastStatusCode ?? '?'}${took === null ? '' : ` in ${formatDuration(took)}`}.`,
      tone: 'succeeded',
    };
  }
  if (d.status === 'failed')
    return { text: `The test ping failed: ${d.lastError ?? 'no answer'}.`, tone: 'failed' };
  if (d.attempts === 0) return { text: 'Sent a test ping: waiting for the receiver…', tone: 'running' };
  return {
    text: `The test ping failed (attempt ${d.attempts} of ${hook.maxAttempts}: ${d.lastError ?? 'no answer'}); it will be tried again.`,
    tone: 'failed',
  };
}

/** The delivery log, newest first, re-read while a delivery in it is pending (a ping, a retry). */
function Deliveries({ hook, pinged }: { hook: Webhook; pinged: WebhookDelivery | undefined }) {
  const { client } = useSession();
  const state = useAsync<WebhookDelivery[]>(
    async (signal) => (await client.webhooks.deliveries(hook.id, { limit: LOG_SIZE }, { signal })).data,
    [client, hook.id, pinged?.id],
  );
  const pending = state.data?.some((d) => d.status === 'pending') ?? false;
  const { reload, loading } = state;
  useEffect(() => {
    if (!pending || loading) return;
    const timer = setTimeout(reload, LOG_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, loading, reload, state.data]);
  const pingRow = pinged ? (state.data?.find((d) => d.id === pinged.id) ?? pinged) : undefined;
  const outcome = pingRow ? pingOutcome(pingRow, hook) : undefined;

  return (
    <>
      {outcome && pingRow ? (
        <div
          className={`notice notice-${outcome.tone}`}
          role="status"
          aria-live="polite"
          data-ping={pingRow.id}
        >
          <span>{outcome.text}</span>
          <CliCommand command={cliCommand('webhooks', 'ping', hook.id)} label="send a test ping" />
        </div>
      ) : null}
      <h2 id="deliveries-heading">Delivery log</h2>
      <p className="hint">
        The newest {LOG_SIZE} deliveries. Duration is how long the last attempt&apos;s request took, to its
        answer or failure (not the wait in the queue or between retries). Re-read every second while one is
        pending.{' '}
        <button type="button" className="secondary small" onClick={reload}>
          Refresh
        </button>
      </p>
      <CliCommand
        command={cliCommand('webhooks', 'deliveries', hook.id, '--all')}
        label="read the whole log"
      />
      <Loaded state={state} what="Loading the delivery log">
        {(deliveries) =>
          deliveries.length === 0 ? (
            <Empty>Nothing was sent to this webhook yet.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="cards deliveries" aria-labelledby="deliveries-heading">
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Status</th>
                    <th scope="col">Response</th>
                    <th
                      scope="col"
                      title="How long the last attempt's request took, to its answer or failure"
                    >
                      Duration
                    </th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Error</th>
                    <th scope="col">Sent</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((d) => {
                    // The last attempt's request, sent to answer or failure (null: logged before 0026).
                    const took = d.durationMs;
                    return (
                      <tr key={d.id} data-delivery-id={d.id}>
                        <td data-label="Event">
                          <code>{d.event}</code>
                          <div className="muted small">
                            {d.id}
                            {d.jobId ? (
                              <>
                                {' '}
                                (<Link to={`/jobs/${d.jobId}`}>its job</Link>)
                              </>
                            ) : null}
                          </div>
                        </td>
                        <td data-label="Status">
                          <StatusBadge status={d.status} />
                        </td>
                        <td data-label="Response">{d.lastStatusCode ?? '—'}</td>
                        <td data-label="Duration">{took === null ? '—' : formatDuration(took)}</td>
                        <td data-label="Attempts">{d.attempts}</td>
                        <td data-label="Error" className="delivery-error">
                          {d.lastError ?? '—'}
                        </td>
                        <td data-label="Sent">{formatDate(d.createdAt)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}

function EditWebhook({
  hook,
  onSaved,
}: {
  hook: Webhook;
  onSaved: (hook: Webhook, command: string) => void;
}) {
  const { client } = useSession();
  const [draft, setDraft] = useState<WebhookDraft>(() => webhookDraft(hook));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const flags = webhookFlags(draft, hook);
  const command = cliCommand('webhooks', 'update', hook.id, ...flags);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(checkWebhook(draft)).length > 0 || flags.length === 0) return;
    setBusy(true);
    setError(undefined);
    const url = draft.url.trim();
    try {
      const saved = await client.webhooks.update(hook.id, {
        ...(url !== hook.url ? { url } : {}),
        ...(draft.events.join() !== hook.events.join() ? { events: draft.events } : {}),
        ...(draft.description !== (hook.description ?? '') ? { description: draft.description || null } : {}),
        ...(draft.enabled !== hook.enabled ? { enabled: draft.enabled } : {}),
        ...(Number(draft.maxAttempts) !== hook.maxAttempts ? { maxAttempts: Number(draft.maxAttempts) } : {}),
        ...(Number(draft.backoffMs) !== hook.backoffMs ? { backoffMs: Number(draft.backoffMs) } : {}),
      });
      onSaved(saved, command);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form" onSubmit={submit} noValidate aria-labelledby="edit-webhook-heading">
      <h2 id="edit-webhook-heading">Edit the webhook</h2>
      <WebhookFields idPrefix="edit-webhook" draft={draft} onChange={setDraft} tried={tried} error={error} />
      <div className="actions">
        <button type="submit" disabled={busy || flags.length === 0}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </div>
      {flags.length > 0 ? <CliCommand command={command} label="make this change" /> : null}
      {error && !onlyFieldProblems(error, WEBHOOK_POINTERS) ? <ErrorBox error={error} /> : null}
    </form>
  );
}
