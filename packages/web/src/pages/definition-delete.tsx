import type { Definition } from '@batchyard/sdk';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CliCommand, ErrorBox } from '../components.js';
import { cliCommand } from '../lib.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';

/** The definition last deleted from its page, for the list page to say so once it is back there. */
let justDeleted: Pick<Definition, 'id' | 'name'> | undefined;

export const deleteDefinitionCommand = (id: string) => cliCommand('definitions', 'delete', id);

/**
 * Asks, in the page, whether to delete a definition; deletes it and goes back to the list, which
 * says what was done. A refusal (the server's problem+json, say 403 for a key that may not write
 * definitions) stays here with the question, so it can be cancelled.
 */
export function DeleteDefinitionConfirm({
  definition,
  onCancel,
}: {
  definition: Definition;
  onCancel: () => void;
}) {
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus: Enter right after opening does not delete.
  useEffect(() => cancelRef.current?.focus(), []);

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await client.definitions.delete(definition.id);
      justDeleted = { id: definition.id, name: definition.name };
      navigate('/definitions');
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div
      className="confirm confirm-delete"
      role="group"
      aria-labelledby="delete-definition-question"
      onKeyDown={onKeyDown}
    >
      <p id="delete-definition-question">
        Delete definition <strong>{definition.name}</strong>?{' '}
        <span className="muted small">
          Its schedule stops; the jobs it already started stay, with their results.
        </span>
      </p>
      <div className="actions">
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" className="secondary" ref={cancelRef} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      <CliCommand command={deleteDefinitionCommand(definition.id)} label="delete this definition" />
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}

/** What the list page says after a deletion from a definition's page (once: later visits say nothing). */
export function DeletedDefinitionNotice() {
  const [deleted] = useState(() => justDeleted);
  useEffect(() => {
    justDeleted = undefined;
  }, []);
  if (!deleted) return null;
  return (
    <div className="notice notice-succeeded" role="status">
      <span>
        Deleted the job definition {deleted.name} (<code>{deleted.id}</code>). The jobs it started stay.
      </span>
      <CliCommand command={deleteDefinitionCommand(deleted.id)} label="delete the definition just deleted" />
    </div>
  );
}
