import type { Workspace } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Loaded, TextField } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { useSession } from '../session.js';

/** What the last action did, shown with its CLI command. */
interface Done {
  text: string;
  commands: string[];
  label: string;
}

const MAX_NAME = 200;

/** Problems with a workspace name, found before sending (the server's bounds). */
function nameChecks(name: string): string[] {
  if (name.trim() === '') return ['A workspace needs a name.'];
  if (name.trim().length > MAX_NAME) return [`At most ${MAX_NAME} characters.`];
  return [];
}

/** Problems with a claim weight as typed (an integer from 1 to 1000). */
function weightChecks(text: string): string[] {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= 1000
    ? []
    : ['A whole number from 1 to 1000.'];
}

/**
 * Workspaces. An instance admin (a credential of no workspace) sees them all, creates, renames,
 * weighs and deletes them; a workspace admin sees its own and may rename it (its weight is the
 * instance admin's call, so shown read-only).
 */
export function WorkspacesPage() {
  const { client, me, reloadWorkspaces } = useSession();
  const instance = me.workspaceId === null;
  const state = useAsync<Workspace[]>(
    async (signal) =>
      instance
        ? (await client.workspaces.list({ limit: 1000, sort: 'name' }, { signal })).data
        : [await client.workspaces.get(me.workspaceId!, {}, { signal })],
    [client, instance, me.workspaceId],
  );
  const [editing, setEditing] = useState<string>();
  const [done, setDone] = useState<Done>();
  const [error, setError] = useState<unknown>();

  const changed = (result: Done) => {
    setDone(result);
    setError(undefined);
    state.reload();
    reloadWorkspaces?.();
  };
  const remove = async (w: Workspace) => {
    const question = `Delete the workspace "${w.name}" (${w.id})? Its keys, clients and members go with it. A workspace that still has projects is refused.`;
    if (!window.confirm(question)) return;
    setError(undefined);
    try {
      await client.workspaces.delete(w.id);
      if (editing === w.id) setEditing(undefined);
      changed({
        text: `Deleted the workspace ${w.name}.`,
        commands: [cliCommand('workspaces', 'delete', w.id)],
        label: 'delete this workspace',
      });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <h1>Workspaces</h1>
      <p className="hint">
        {instance
          ? 'You are signed in with an instance-wide credential: every workspace is listed.'
          : 'Your credential belongs to this workspace. Creating workspaces and setting their claim weight takes an instance admin credential.'}
      </p>
      {instance ? <CreateWorkspace onCreated={changed} /> : null}
      {done ? (
        <div className="notice notice-succeeded" role="status">
          <span>{done.text}</span>
          {done.commands.map((c) => (
            <CliCommand key={c} command={c} label={done.label} />
          ))}
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <Loaded state={state} what="Loading the workspaces">
        {(workspaces) => (
          <>
            <h2>{instance ? 'All workspaces' : 'This workspace'}</h2>
            {workspaces.length === 0 ? (
              <Empty>No workspaces.</Empty>
            ) : (
              <div className="table-wrap">
                <table className="cards">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Id</th>
                      <th scope="col">Claim weight</th>
                      <th scope="col">Created</th>
                      <th scope="col">Updated</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {workspaces.map((w) => (
                      <tr key={w.id} data-workspace-id={w.id}>
                        <td data-label="Name">{w.name}</td>
                        <td data-label="Id">
                          <code>{w.id}</code>
                        </td>
                        <td data-label="Claim weight">{w.weight}</td>
                        <td data-label="Created">{formatDate(w.createdAt)}</td>
                        <td data-label="Updated">{formatDate(w.updatedAt)}</td>
                        <td data-label="Actions" className="row-actions">
                          <button
                            type="button"
                            className="secondary small"
                            onClick={() => setEditing(editing === w.id ? undefined : w.id)}
                            aria-expanded={editing === w.id}
                            aria-label={`Edit the workspace ${w.name}`}
                          >
                            Edit
                          </button>
                          {instance ? (
                            <button
                              type="button"
                              className="danger small"
                              onClick={() => remove(w)}
                              aria-label={`Delete the workspace ${w.name}`}
                            >
                              Delete
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {workspaces
              .filter((w) => w.id === editing)
              .map((w) => (
                <EditWorkspace
                  key={w.id}
                  workspace={w}
                  instance={instance}
                  onSaved={(result) => {
                    setEditing(undefined);
                    changed(result);
                  }}
                  onCancel={() => setEditing(undefined)}
                />
              ))}
          </>
        )}
      </Loaded>
    </section>
  );
}

function CreateWorkspace({ onCreated }: { onCreated: (done: Done) => void }) {
  const { client } = useSession();
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const nameProblems = [...(tried ? nameChecks(name) : []), ...fieldProblems(error, '/name')];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (nameChecks(name).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const created = await client.workspaces.create({ name: name.trim() });
      setName('');
      setTried(false);
      onCreated({
        text: `Created the workspace ${created.name} (${created.id}); pick it in the header to work in it.`,
        commands: [cliCommand('workspaces', 'create', created.name)],
        label: 'create this workspace',
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form" onSubmit={submit} noValidate aria-labelledby="new-workspace-heading">
      <h2 id="new-workspace-heading">New workspace</h2>
      <TextField id="workspace-name" label="Name" value={name} onChange={setName} errors={nameProblems} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create workspace'}
        </button>
      </div>
      <CliCommand
        command={cliCommand('workspaces', 'create', name.trim() || 'NAME')}
        label="create this workspace"
      />
      {error && !onlyFieldProblems(error, ['/name']) ? <ErrorBox error={error} /> : null}
    </form>
  );
}

function EditWorkspace({
  workspace,
  instance,
  onSaved,
  onCancel,
}: {
  workspace: Workspace;
  instance: boolean;
  onSaved: (done: Done) => void;
  onCancel: () => void;
}) {
  const { client } = useSession();
  const [name, setName] = useState(workspace.name);
  const [weight, setWeight] = useState(String(workspace.weight));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const newName = name.trim() !== workspace.name ? name.trim() : undefined;
  const newWeight = instance && weight.trim() !== String(workspace.weight) ? Number(weight) : undefined;
  const localName = nameChecks(name);
  const localWeight = instance ? weightChecks(weight) : [];
  const nameProblems = [...(tried ? localName : []), ...fieldProblems(error, '/name')];
  const weightProblems = [...(tried ? localWeight : []), ...fieldProblems(error, '/weight')];
  const commands = [
    ...(newName !== undefined ? [cliCommand('workspaces', 'rename', workspace.id, newName || 'NAME')] : []),
    ...(newWeight !== undefined ? [cliCommand('workspaces', 'set-weight', workspace.id, weight.trim())] : []),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (localName.length > 0 || localWeight.length > 0) return;
    if (newName === undefined && newWeight === undefined) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await client.workspaces.update(workspace.id, {
        ...(newName !== undefined ? { name: newName } : {}),
        ...(newWeight !== undefined ? { weight: newWeight } : {}),
      });
      onSaved({
        text: `Saved the workspace ${saved.name}: ${[
          newName !== undefined ? `renamed from ${workspace.name}` : '',
          newWeight !== undefined ? `claim weight ${saved.weight}` : '',
        ]
          .filter(Boolean)
          .join(', ')}.`,
        commands,
        label: 'make this change',
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form" onSubmit={submit} noValidate aria-labelledby="edit-workspace-heading">
      <h2 id="edit-workspace-heading">Edit {workspace.name}</h2>
      <TextField
        id="edit-workspace-name"
        label="Name"
        value={name}
        onChange={setName}
        errors={nameProblems}
      />
      <TextField
        id="edit-workspace-weight"
        label="Claim weight"
        type="number"
        inputMode="numeric"
        min={1}
        max={1000}
        step={1}
        value={weight}
        disabled={!instance}
        onChange={setWeight}
        errors={weightProblems}
        hint={
          <>
            Its share of job claims against other workspaces with queued jobs of the same type (1 to 1000,
            default 1).
            {instance ? '' : ' Only an instance admin credential may change it.'}
          </>
        }
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save workspace'}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {commands.map((c) => (
        <CliCommand key={c} command={c} label="make this change" />
      ))}
      {error && !onlyFieldProblems(error, ['/name', '/weight']) ? <ErrorBox error={error} /> : null}
    </form>
  );
}
