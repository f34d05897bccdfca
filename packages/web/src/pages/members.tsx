import type { Member, MemberRole } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Loaded, SelectField, TextField } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

const ROLES: readonly MemberRole[] = ['annotator', 'reviewer', 'manager'];

/** What the last action did, shown with its CLI command. */
interface Done {
  text: string;
  command: string;
  label: string;
}

/** The workspace's members (admins): add one, change a role, remove one. */
export function MembersPage() {
  const { client, workspaceId } = useSession();
  const [showRemoved, setShowRemoved] = useState(false);
  const state = useAsync<Member[]>(
    async (signal) =>
      workspaceId
        ? (
            await client.members.list(
              { workspaceId, limit: 1000, ...(showRemoved ? { includeRemoved: true } : {}) },
              { signal },
            )
          ).data
        : [],
    [client, workspaceId, showRemoved],
  );
  const [done, setDone] = useState<Done>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const act = async (id: string, action: () => Promise<Done | undefined>) => {
    setBusy(id);
    setError(undefined);
    try {
      const result = await action();
      if (result) {
        setDone(result);
        state.reload();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const changeRole = (m: Member, role: MemberRole) =>
    act(m.id, async () => {
      await client.members.update(m.id, { role });
      return {
        text: `${m.name} is now ${role === 'annotator' ? 'an' : 'a'} ${role}; their keys follow at once.`,
        command: cliCommand('members', 'update', m.id, '--role', role),
        label: 'change this role',
      };
    });
  const remove = (m: Member) =>
    act(m.id, async () => {
      const question = `Remove ${m.name} (${m.email})? Their keys stop working at once, the tasks they claimed go back to the queue and the tasks assigned to them are unassigned.`;
      if (!window.confirm(question)) return undefined;
      await client.members.remove(m.id);
      return {
        text: `Removed ${m.name}: their keys are revoked.`,
        command: cliCommand('members', 'remove', m.id),
        label: 'remove this member',
      };
    });

  return (
    <section>
      <h1>Members</h1>
      <p className="hint">
        People of this workspace. Each works through API keys made for them, and their role (annotator,
        reviewer or manager) narrows what those keys may change.
      </p>
      <AddMember
        onAdded={(m) => {
          setDone({
            text: `Added ${m.name} (${m.role}). Give them a key to work with.`,
            command: cliCommand('keys', 'create', `${m.name} key`, '--member', m.id),
            label: 'create a key for this member',
          });
          state.reload();
        }}
      />
      {done ? (
        <div className="notice notice-succeeded" role="status">
          <span>{done.text}</span>
          <CliCommand command={done.command} label={done.label} />
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <div className="page-head">
        <h2>Members of this workspace</h2>
        <label className="check">
          <input type="checkbox" checked={showRemoved} onChange={(e) => setShowRemoved(e.target.checked)} />{' '}
          Show removed members
        </label>
      </div>
      <Loaded state={state} what="Loading the members">
        {(members) =>
          members.length === 0 ? (
            <Empty>No members yet.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="cards members">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Id</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((m) => (
                    <tr key={m.id} data-member-id={m.id}>
                      <td data-label="Name">
                        {m.name}
                        {m.removedAt ? (
                          <span className="muted small"> (removed {formatDate(m.removedAt)})</span>
                        ) : null}
                      </td>
                      <td data-label="Email">{m.email}</td>
                      <td data-label="Role">
                        {m.removedAt ? (
                          m.role
                        ) : (
                          <select
                            value={m.role}
                            onChange={(e) => changeRole(m, e.target.value as MemberRole)}
                            disabled={busy === m.id}
                            aria-label={`Role of ${m.name}`}
                          >
                            {ROLES.map((r) => (
                              <option key={r} value={r}>
                                {r}
                              </option>
                            ))}
                          </select>
                        )}
                      </td>
                      <td data-label="Id">
                        <code>{m.id}</code>
                      </td>
                      <td data-label="Actions">
                        {m.removedAt ? null : (
                          <>
                            <Link to={`/keys?member=${encodeURIComponent(m.id)}`}>
                              Create a key for {m.name}
                            </Link>{' '}
                            <button
                              type="button"
                              className="danger small"
                              onClick={() => remove(m)}
                              disabled={busy === m.id}
                              aria-label={`Remove ${m.name}`}
                            >
                              Remove
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

function AddMember({ onAdded }: { onAdded: (member: Member) => void }) {
  const { client, workspaceId } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('annotator');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const nameProblems = [
    ...(tried && name.trim() === '' ? ['A member needs a name.'] : []),
    ...fieldProblems(error, '/name'),
  ];
  const emailProblems = [
    ...(tried && email.trim() === '' ? ['A member needs an email.'] : []),
    ...fieldProblems(error, '/email'),
  ];
  const roleProblems = fieldProblems(error, '/role');
  const cli = cliCommand(
    'members',
    'create',
    name.trim() || 'NAME',
    '--email',
    email.trim() || 'EMAIL',
    '--role',
    role,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (name.trim() === '' || email.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      const member = await client.members.create({
        name: name.trim(),
        email: email.trim(),
        role,
        ...(workspaceId ? { workspaceId } : {}),
      });
      setName('');
      setEmail('');
      setTried(false);
      onAdded(member);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form" onSubmit={submit} noValidate aria-labelledby="new-member-heading">
      <h2 id="new-member-heading">Add a member</h2>
      <TextField id="member-name" label="Name" value={name} onChange={setName} errors={nameProblems} />
      <TextField
        id="member-email"
        label="Email"
        type="email"
        value={email}
        onChange={setEmail}
        errors={emailProblems}
      />
      <SelectField
        id="member-role"
        label="Role"
        value={role}
        onChange={(v) => setRole(v as MemberRole)}
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
          {busy ? 'Adding…' : 'Add member'}
        </button>
      </div>
      <CliCommand command={cli} label="add this member" />
      {error && !onlyFieldProblems(error, ['/name', '/email', '/role']) ? <ErrorBox error={error} /> : null}
    </form>
  );
}
