import type { Webhook } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, FieldError, Loaded } from '../components.js';
import { fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { SecretOnce } from './secret-once.js';
import {
  checkWebhook,
  createCommand,
  WEBHOOK_POINTERS,
  WebhookFields,
  webhookDraft,
  type WebhookDraft,
} from './webhook-form.js';

/** The workspace's webhooks (admins): each project's subscriptions; create one (its secret shown once). */
export function WebhooksPage() {
  const { client, workspaceId, projects } = useSession();
  const state = useAsync<Webhook[]>(
    async (signal) =>
      workspaceId
        ? ((await client.webhooks.list({ workspaceId, limit: 1000, sort: 'createdAt:desc' }, { signal }))
            .data as Webhook[])
        : [],
    [client, workspaceId],
  );
  const [created, setCreated] = useState<{ hook: Webhook; command: string }>();
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? id;

  return (
    <section>
      <h1>Webhooks</h1>
      <p className="hint">
        A webhook sends a project&apos;s events to a URL as signed POSTs, retried with backoff; each
        webhook&apos;s page sends a test ping and shows its delivery log.
      </p>
      <CreateWebhook
        onCreated={(hook, command) => {
          setCreated({ hook, command });
          state.reload();
        }}
      />
      {created ? (
        <div className="notice notice-succeeded" role="status">
          <span>
            Created the webhook <Link to={`/webhooks/${created.hook.id}`}>{created.hook.id}</Link> to{' '}
            <code>{created.hook.url}</code> for {projectName(created.hook.projectId)} (
            {created.hook.events.join(', ')}). Open it to send a test ping.
          </span>
          <CliCommand command={created.command} label="create this webhook" />
        </div>
      ) : null}
      {created?.hook.secret ? (
        <SecretOnce
          id="webhook-secret"
          label={`Signing secret of the webhook ${created.hook.id}`}
          secret={created.hook.secret}
          onDismiss={() => setCreated((c) => (c ? { ...c, hook: { ...c.hook, secret: undefined } } : c))}
        >
          Its <strong>signing secret</strong>: receivers check each delivery&apos;s{' '}
          <code>webhook-signature</code> with it (the SDK&apos;s <code>verifyWebhook</code>). Copy it now: it
          is shown this once (rotate it on the webhook&apos;s page if lost).
        </SecretOnce>
      ) : null}
      <Loaded state={state} what="Loading the webhooks">
        {(hooks) => (
          <>
            <h2>Webhooks of this workspace</h2>
            {hooks.length === 0 ? (
              <Empty>No webhooks.</Empty>
            ) : (
              <div className="table-wrap">
                <table className="cards">
                  <thead>
                    <tr>
                      <th scope="col">URL</th>
                      <th scope="col">Project</th>
                      <th scope="col">Events</th>
                      <th scope="col">State</th>
                      <th scope="col">Secret ends in</th>
                      <th scope="col">Created</th>
                    </tr>
                  </thead>
                  <tbody>
                    {hooks.map((h) => (
                      <tr key={h.id} data-webhook-id={h.id}>
                        <td data-label="URL">
                          <Link to={`/webhooks/${h.id}`}>{h.url}</Link>
                          {h.description ? <div className="muted small">{h.description}</div> : null}
                        </td>
                        <td data-label="Project">{projectName(h.projectId)}</td>
                        <td data-label="Events">{h.events.join(', ')}</td>
                        <td data-label="State">{h.enabled ? 'enabled' : 'disabled'}</td>
                        <td data-label="Secret ends in">
                          <code>…{h.secretHint}</code>
                        </td>
                        <td data-label="Created">{formatDate(h.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function CreateWebhook({ onCreated }: { onCreated: (hook: Webhook, command: string) => void }) {
  const { client, projects, projectId: current } = useSession();
  const [projectId, setProjectId] = useState(current ?? '');
  const [draft, setDraft] = useState<WebhookDraft>(() => webhookDraft());
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const projectProblems = [
    ...(tried && !projectId ? ['Pick the project whose events it receives.'] : []),
    ...fieldProblems(error, '/projectId'),
  ];
  const command = createCommand(projectId, draft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!projectId || Object.keys(checkWebhook(draft)).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const hook = await client.webhooks.create({
        projectId,
        url: draft.url.trim(),
        events: draft.events,
        ...(draft.description ? { description: draft.description } : {}),
        enabled: draft.enabled,
        maxAttempts: Number(draft.maxAttempts),
        backoffMs: Number(draft.backoffMs),
      });
      setDraft(webhookDraft());
      setTried(false);
      onCreated(hook, command);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form" onSubmit={submit} noValidate aria-labelledby="new-webhook-heading">
      <h2 id="new-webhook-heading">New webhook</h2>
      <label htmlFor="new-webhook-project">Project</label>
      <select
        id="new-webhook-project"
        value={projectId}
        onChange={(e) => setProjectId(e.target.value)}
        aria-invalid={projectProblems.length > 0}
        aria-describedby={projectProblems.length > 0 ? 'new-webhook-project-error' : undefined}
      >
        {projects.length === 0 || !projectId ? <option value="">(pick a project)</option> : null}
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <FieldError id="new-webhook-project-error" messages={projectProblems} />
      <WebhookFields idPrefix="new-webhook" draft={draft} onChange={setDraft} tried={tried} error={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create webhook'}
        </button>
      </div>
      <CliCommand command={command} label="create this webhook" />
      {error && !onlyFieldProblems(error, [...WEBHOOK_POINTERS, '/projectId']) ? (
        <ErrorBox error={error} />
      ) : null}
    </form>
  );
}
