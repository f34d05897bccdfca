import type { ApiKey, ApiKeyWithToken, Member } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Loaded, SelectField, TextField } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { useSession } from '../session.js';
import { SecretOnce } from './secret-once.js';

const ROLES = ['admin', 'editor', 'viewer', 'worker'] as const;
type Role = (typeof ROLES)[number];

interface Loaded {
  keys: ApiKey[];
  members: Member[];
}

/** The workspace's API keys (admins): create one (its secret shown once), revoke one. */
export function KeysPage() {
  const { client, workspaceId, me, signOut } = useSession();
  const state = useAsync<Loaded>(
    async (signal) => {
      if (!workspaceId) return { keys: [], members: [] };
      const [keys, members] = await Promise.all([
        client.keys.list({ workspaceId, limit: 1000, sort: 'createdAt:desc' }, { signal }),
        client.members.list({ workspaceId, limit: 1000 }, { signal }),
      ]);
      return { keys: keys.data, members: members.data };
    },
    [client, workspaceId],
  );
  const [created, setCreated] = useState<ApiKeyWithToken>();
  const [revoked, setRevoked] = useState<ApiKey>();
  const [error, setError] = useState<unknown>();

  const revoke = async (key: ApiKey) => {
    const self = key.id === me.credentialId;
    const question = `Revoke the key "${key.name}" (…${key.hint})? It stops working at once.${
      self ? ' It is the key you are signed in with: you will be signed out.' : ''
    }`;
    if (!window.confirm(question)) return;
    setError(undefined);
    try {
      const done = await client.keys.revoke(key.id);
      if (self) {
        signOut();
        return;
      }
      setRevoked(done);
      setCreated(undefined);
      state.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <h1>API keys</h1>
      <Loaded state={state} what="Loading the keys">
        {({ keys, members }) => (
          <>
            <CreateKey
              members={members}
              onCreated={(key) => {
                setCreated(key);
                setRevoked(undefined);
                state.reload();
              }}
            />
            {created ? (
              <SecretOnce
                id="key-secret"
                label={`Secret of the key ${created.name}`}
                secret={created.token}
                onDismiss={() => setCreated(undefined)}
              >
                Created the key <strong>{created.name}</strong> (<code>{created.id}</code>, {created.role}).
                Copy its secret now: it is shown this once and cannot be read again.
              </SecretOnce>
            ) : null}
            {revoked ? (
              <div className="notice notice-aborted" role="status">
                <span>
                  Revoked the key <strong>{revoked.name}</strong> (<code>{revoked.id}</code>): it no longer
                  works.
                </span>
                <CliCommand command={cliCommand('keys', 'revoke', revoked.id)} label="revoke this key" />
              </div>
            ) : null}
            {error ? <ErrorBox error={error} /> : null}
            <h2>Keys of this workspace</h2>
            {keys.length === 0 ? (
              <Empty>No keys.</Empty>
            ) : (
              <div className="table-wrap">
                <table className="cards">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Role</th>
                      <th scope="col">Member</th>
                      <th scope="col">Ends in</th>
                      <th scope="col">Created</th>
                      <th scope="col">Last used</th>
                      <th scope="col">State</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {keys.map((k) => (
                      <tr key={k.id}>
                        <td data-label="Name">
                          {k.name}
                          {k.id === me.credentialId ? <span className="muted small"> (this key)</span> : null}
                        </td>
                        <td data-label="Role">{k.role}</td>
                        <td data-label="Member">
                          {k.memberId ? (members.find((m) => m.id === k.memberId)?.name ?? k.memberId) : '—'}
                        </td>
                        <td data-label="Ends in">
                          <code>…{k.hint}</code>
                        </td>
                        <td data-label="Created">{formatDate(k.createdAt)}</td>
                        <td data-label="Last used">{formatDate(k.lastUsedAt)}</td>
                        <td data-label="State">
                          {k.revokedAt
                            ? `revoked ${formatDate(k.revokedAt)}`
                            : k.expiresAt && Date.parse(k.expiresAt) < Date.now()
                              ? 'expired'
                              : 'active'}
                        </td>
                        <td data-label="Actions">
                          {k.revokedAt ? null : (
                            <button
                              type="button"
                              className="danger small"
                              onClick={() => revoke(k)}
                              aria-label={`Revoke the key ${k.name}`}
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

function CreateKey({ members, onCreated }: { members: Member[]; onCreated: (key: ApiKeyWithToken) => void }) {
  const { client, workspaceId } = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const active = members.filter((m) => !(m as { removedAt?: string | null }).removedAt);
  // The Members page links here with ?member=<id> to preselect that member.
  const [memberId, setMemberId] = useState(() => {
    const asked = new URLSearchParams(window.location.search).get('member');
    return asked && active.some((m) => m.id === asked) ? asked : '';
  });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const nameProblems = [
    ...(tried && name.trim() === '' ? ['A key needs a name to recognise it by.'] : []),
    ...fieldProblems(error, '/name'),
  ];
  const roleProblems = fieldProblems(error, '/role');
  const memberProblems = fieldProblems(error, '/memberId');
  const cli = cliCommand(
    'keys',
    'create',
    name.trim() || 'NAME',
    ...(memberId ? ['--member', memberId] : ['--role', role]),
    ...(workspaceId && !memberId ? ['--workspace', workspaceId] : []),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (name.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      const key = await client.keys.create({
        name: name.trim(),
        ...(memberId ? { memberId } : { role, ...(workspaceId ? { workspaceId } : {}) }),
      });
      setName('');
      setMemberId('');
      setTried(false);
      onCreated(key);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form" onSubmit={submit} noValidate aria-labelledby="new-key-heading">
      <h2 id="new-key-heading">New key</h2>
      <TextField id="key-name" label="Name" value={name} onChange={setName} errors={nameProblems} />
      <SelectField
        id="key-member"
        label="Acts for a member (optional)"
        value={memberId}
        onChange={setMemberId}
        errors={memberProblems}
        hint="A member's key is an editor narrowed by the member's role; its role is not chosen here."
      >
        <option value="">(nobody: a plain key with a role)</option>
        {active.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.role})
          </option>
        ))}
      </SelectField>
      <SelectField
        id="key-role"
        label="Role"
        value={role}
        onChange={(v) => setRole(v as Role)}
        disabled={memberId !== ''}
        errors={roleProblems}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
      <CliCommand command={cli} label="create this key" />
      {error && !onlyFieldProblems(error, ['/name', '/role', '/memberId']) ? (
        <ErrorBox error={error} />
      ) : null}
    </form>
  );
}
