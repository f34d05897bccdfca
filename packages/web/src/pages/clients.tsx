import type { ApiClient, ApiClientWithSecret } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Loaded, SelectField, TextField } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { useSession } from '../session.js';
import { SecretOnce } from './secret-once.js';

const ROLES = ['admin', 'editor', 'viewer', 'worker'] as const;
type Role = (typeof ROLES)[number];

/**
 * The workspace's OAuth2 API clients (admins): services log in with a client id and secret at
 * the token endpoint. Create one (its secret shown once), revoke one.
 */
export function ClientsPage() {
  const { client, workspaceId } = useSession();
  const state = useAsync<ApiClient[]>(
    async (signal) =>
      workspaceId
        ? (await client.clients.list({ workspaceId, limit: 1000, sort: 'createdAt:desc' }, { signal })).data
        : [],
    [client, workspaceId],
  );
  const [created, setCreated] = useState<ApiClientWithSecret>();
  const [revoked, setRevoked] = useState<ApiClient>();
  const [error, setError] = useState<unknown>();

  const revoke = async (apiClient: ApiClient) => {
    const question = `Revoke the client "${apiClient.name}" (${apiClient.id})? Its access tokens stop working at once and it cannot get new ones.`;
    if (!window.confirm(question)) return;
    setError(undefined);
    try {
      setRevoked(await client.clients.revoke(apiClient.id));
      setCreated(undefined);
      state.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <h1>API clients</h1>
      <p className="hint">
        OAuth2 clients for services: they trade their id and secret for a short-lived access token at{' '}
        <code>POST /v1/oauth/token</code> (client-credentials grant), which the SDK and{' '}
        <code>batchyard login --client-id …</code> do for you.
      </p>
      <Loaded state={state} what="Loading the clients">
        {(clients) => (
          <>
            <CreateClient
              onCreated={(c) => {
                setCreated(c);
                setRevoked(undefined);
                state.reload();
              }}
            />
            {created ? (
              <SecretOnce
                id="client-secret"
                label={`Secret of the client ${created.name}`}
                secret={created.clientSecret}
                onDismiss={() => setCreated(undefined)}
              >
                Created the client <strong>{created.name}</strong> ({created.role}), client id{' '}
                <code>{created.id}</code>. Copy its secret now: it is shown this once and cannot be read
                again.
              </SecretOnce>
            ) : null}
            {created ? (
              <div className="notice" role="note">
                <span>
                  Log in with it from the shell, the secret in <code>$BATCHYARD_CLIENT_SECRET</code>:
                </span>
                <CliCommand
                  command={cliCommand('login', '--url', window.location.origin, '--client-id', created.id)}
                  label="log in with this client"
                />
              </div>
            ) : null}
            {revoked ? (
              <div className="notice notice-aborted" role="status">
                <span>
                  Revoked the client <strong>{revoked.name}</strong> (<code>{revoked.id}</code>): its tokens
                  no longer work.
                </span>
                <CliCommand
                  command={cliCommand('clients', 'revoke', revoked.id)}
                  label="revoke this client"
                />
              </div>
            ) : null}
            {error ? <ErrorBox error={error} /> : null}
            <h2>Clients of this workspace</h2>
            {clients.length === 0 ? (
              <Empty>No API clients.</Empty>
            ) : (
              <div className="table-wrap">
                <table className="cards">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Client id</th>
                      <th scope="col">Role</th>
                      <th scope="col">Created</th>
                      <th scope="col">State</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {clients.map((c) => (
                      <tr key={c.id} data-client-id={c.id}>
                        <td data-label="Name">{c.name}</td>
                        <td data-label="Client id">
                          <code>{c.id}</code>
                        </td>
                        <td data-label="Role">{c.role}</td>
                        <td data-label="Created">{formatDate(c.createdAt)}</td>
                        <td data-label="State">
                          {c.revokedAt ? `revoked ${formatDate(c.revokedAt)}` : 'active'}
                        </td>
                        <td data-label="Actions">
                          {c.revokedAt ? null : (
                            <button
                              type="button"
                              className="danger small"
                              onClick={() => revoke(c)}
                              aria-label={`Revoke the client ${c.name}`}
                            >
                              Revoke
                            </button>
                          )}
                        </td>
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

function CreateClient({ onCreated }: { onCreated: (created: ApiClientWithSecret) => void }) {
  const { client, workspaceId } = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('worker');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const nameProblems = [
    ...(tried && name.trim() === '' ? ['A client needs a name to recognise it by.'] : []),
    ...(name.trim().length > 200 ? ['At most 200 characters.'] : []),
    ...fieldProblems(error, '/name'),
  ];
  const roleProblems = fieldProblems(error, '/role');
  const cli = cliCommand(
    'clients',
    'create',
    name.trim() || 'NAME',
    '--role',
    role,
    ...(workspaceId ? ['--workspace', workspaceId] : []),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (name.trim() === '' || name.trim().length > 200) return;
    setBusy(true);
    setError(undefined);
    try {
      const created = await client.clients.create({
        name: name.trim(),
        role,
        ...(workspaceId ? { workspaceId } : {}),
      });
      setName('');
      setTried(false);
      onCreated(created);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form" onSubmit={submit} noValidate aria-labelledby="new-client-heading">
      <h2 id="new-client-heading">New client</h2>
      <TextField id="client-name" label="Name" value={name} onChange={setName} errors={nameProblems} />
      <SelectField
        id="client-role"
        label="Role"
        value={role}
        onChange={(v) => setRole(v as Role)}
        errors={roleProblems}
        hint="admin: everything in the workspace; editor: read and write data; viewer: read; worker: the worker endpoints (claim and run jobs)."
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create client'}
        </button>
      </div>
      <CliCommand command={cli} label="create this client" />
      {error && !onlyFieldProblems(error, ['/name', '/role']) ? <ErrorBox error={error} /> : null}
    </form>
  );
}
