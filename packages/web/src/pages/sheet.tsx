import {
  APIError,
  NotFoundError,
  type Sheet,
  type SheetColumn,
  type SheetPatch,
  type SheetRow,
  type Task,
} from '@batchyard/sdk';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CliCommand, Empty, ErrorBox, FieldError, Loaded } from '../components.js';
import { cliCommand, shellWord, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

/** Rows read per page: big sheets load a page at a time (the API's key pagination). */
const PAGE = 100;

/** One editable sub-column: a column's own value, or one of its lots. */
interface Sub {
  key: string;
  colId: string;
  lotId: string | undefined;
  columnName: string;
  label: string;
}

/** A place in the sheet an edit names, and what it showed before the edit. */
interface Place {
  rowId: string;
  rowKey: string;
  rowName: string;
  sub: Sub;
}

/** A patch the server refused because the value changed meanwhile. */
interface Conflict {
  place: Place;
  had: number | undefined;
  mine: number | undefined;
  theirs: number | undefined;
}

/** Codes of the patch problems that mean "the value on the server is not what you saw". */
const CONFLICT_CODES = new Set(['stale_value', 'value_exists', 'value_missing']);

/** A number as the API takes it (a JSON number), or why not; '' means "no value". */
export function parseSheetNumber(text: string): { value: number | undefined } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    return { error: `"${trimmed}" is not a number: write it like 12, -0.5 or 2e3 (a dot for decimals).` };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `"${trimmed}" is too large for a value.` };
  return { value };
}

function subColumns(columns: readonly SheetColumn[]): Sub[] {
  return columns.flatMap((c) => [
    { key: c.id, colId: c.id, lotId: undefined, columnName: c.name, label: 'Value' },
    ...c.lots.map((l) => ({
      key: `${c.id}/${l.id}`,
      colId: c.id,
      lotId: l.id,
      columnName: c.name,
      label: l.name,
    })),
  ]);
}

function cellValue(row: SheetRow, sub: Sub): number | undefined {
  const cell = row.values[sub.colId];
  if (!cell) return undefined;
  return sub.lotId === undefined ? (cell.value ?? undefined) : cell.lots[sub.lotId];
}

function withCellValue(row: SheetRow, sub: Sub, value: number | undefined): SheetRow {
  const cell = row.values[sub.colId] ?? { value: null, lots: {} };
  const lots = { ...cell.lots };
  let own = cell.value;
  if (sub.lotId === undefined) own = value ?? null;
  else if (value === undefined) delete lots[sub.lotId];
  else lots[sub.lotId] = value;
  return { ...row, values: { ...row.values, [sub.colId]: { value: own, lots } } };
}

function describePlace(place: Place): string {
  const sub = place.sub.lotId === undefined ? 'value' : `lot ${place.sub.label}`;
  return `row ${place.rowName}, column ${place.sub.columnName} (${sub})`;
}

function show(value: number | undefined): string {
  return value === undefined ? 'empty' : String(value);
}

/** The patch that turns `from` (what the server holds) into `to`, checked against `from`. */
function patchFor(place: Place, from: number | undefined, to: number | undefined): SheetPatch | undefined {
  const at = {
    rowId: place.rowId,
    colId: place.sub.colId,
    ...(place.sub.lotId !== undefined ? { lotId: place.sub.lotId } : {}),
  };
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined) return { ...at, operation: 'add', newValue: to };
  if (to === undefined) return { ...at, operation: 'delete', oldValue: from };
  return { ...at, operation: 'update', newValue: to, oldValue: from };
}

/** `batchyard sheets patch` reads its patches from a file; `-` is stdin. */
function patchCommand(taskId: string, patches: readonly SheetPatch[]): string {
  return `echo ${shellWord(JSON.stringify(patches))} | ${cliCommand('sheets', 'patch', taskId, '--file', '-')}`;
}

export function SheetPage({ taskId }: { taskId: string }) {
  const { client } = useSession();
  const task = useAsync<Task>((signal) => client.tasks.get(taskId, {}, { signal }), [client, taskId]);
  const first = useAsync<Sheet | null>(
    async (signal) => {
      try {
        return await client.sheets.get(taskId, { limit: PAGE }, { signal });
      } catch (error) {
        if (error instanceof NotFoundError && error.code !== 'route_not_found') return null;
        throw error;
      }
    },
    [client, taskId],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to="/tasks">Tasks</Link> / <Link to={`/tasks/${encodeURIComponent(taskId)}`}>{taskId}</Link> /
        sheet
      </p>
      <h1>Sheet{task.data ? ` of ${task.data.name}` : ''}</h1>
      <Loaded state={first} what="Loading the sheet">
        {(s) =>
          s === null ? (
            <>
              <Empty>This task has no sheet.</Empty>
              <CliCommand
                command={cliCommand('sheets', 'create', taskId, '--file', 'sheet.json')}
                label="create this task's sheet"
              />
            </>
          ) : (
            <SheetGrid key={s.updatedAt} taskId={taskId} initial={s} />
          )
        }
      </Loaded>
    </section>
  );
}

function SheetGrid({ taskId, initial }: { taskId: string; initial: Sheet }) {
  const { client } = useSession();
  const [columns, setColumns] = useState(initial.columns);
  const [rows, setRows] = useState(initial.rows);
  const [lastKey, setLastKey] = useState(initial.lastKey);
  const [size, setSize] = useState(initial.size);
  const [loadingMore, setLoadingMore] = useState(false);
  const [focus, setFocus] = useState({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ text: string; error?: string } | undefined>();
  const [pending, setPending] = useState(0);
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<Conflict>();
  const [lastPatches, setLastPatches] = useState<SheetPatch[]>();
  const tableRef = useRef<HTMLTableElement>(null);
  // Only a keyboard move (or the end of an edit) takes the browser's focus; loading never does.
  const moveFocus = useRef(false);

  const subs = subColumns(columns);
  const focusRow = rows[focus.r];
  const focusSub = subs[focus.c];

  useEffect(() => {
    if (!moveFocus.current || editing) return;
    moveFocus.current = false;
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${focus.r}:${focus.c}"]`)?.focus();
  }, [focus, editing]);

  const loadMore = async (): Promise<boolean> => {
    if (lastKey === null) return false;
    setLoadingMore(true);
    setError(undefined);
    try {
      const page = await client.sheets.get(taskId, { limit: PAGE, startKey: lastKey });
      setColumns(page.columns);
      setRows((old) => [...old, ...page.rows]);
      setLastKey(page.lastKey);
      setSize(page.size);
      return page.rows.length > 0;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setLoadingMore(false);
    }
  };

  /** The row as the server has it now (rows keep their key: it is the next one after key - 1). */
  const readRow = async (key: string): Promise<SheetRow | undefined> => {
    const page = await client.sheets.get(taskId, { limit: 1, startKey: String(Number(key) - 1) });
    setColumns(page.columns);
    return page.rows[0]?.key === key ? page.rows[0] : undefined;
  };

  const replaceRow = (rowId: string, update: (row: SheetRow) => SheetRow) =>
    setRows((old) => old.map((row) => (row.id === rowId ? update(row) : row)));

  /** Sends one edit: shown at once, put back (and the conflict shown) if the server refuses it. */
  const send = async (place: Place, had: number | undefined, mine: number | undefined) => {
    const patch = patchFor(place, had, mine);
    if (!patch) return;
    setSaved(undefined);
    setError(undefined);
    setConflict(undefined);
    setLastPatches([patch]);
    replaceRow(place.rowId, (row) => withCellValue(row, place.sub, mine));
    setPending((n) => n + 1);
    try {
      await client.sheets.patch(taskId, [patch]);
      setSaved(
        `Saved ${describePlace(place)}: ${show(had)} → ${show(mine)} (${patch.operation}, checked against ${show(had)}).`,
      );
    } catch (e) {
      replaceRow(place.rowId, (row) => withCellValue(row, place.sub, had));
      if (e instanceof APIError && e.status === 409 && CONFLICT_CODES.has(e.code ?? '')) {
        try {
          const fresh = await readRow(place.rowKey);
          if (fresh) replaceRow(place.rowId, () => fresh);
          setConflict({ place, had, mine, theirs: fresh ? cellValue(fresh, place.sub) : undefined });
        } catch (readError) {
          setError(readError);
        }
      } else {
        setError(e);
      }
    } finally {
      setPending((n) => n - 1);
    }
  };

  const placeOf = (r: number, c: number): Place | undefined => {
    const row = rows[r];
    const sub = subs[c];
    return row && sub ? { rowId: row.id, rowKey: row.key, rowName: row.name, sub } : undefined;
  };

  const commit = () => {
    if (!editing || !focusRow || !focusSub) return;
    const parsed = parseSheetNumber(editing.text);
    if ('error' in parsed) {
      const place = placeOf(focus.r, focus.c)!;
      setEditing({ ...editing, error: `Not sent: ${describePlace(place)}: ${parsed.error}` });
      return;
    }
    const had = cellValue(focusRow, focusSub);
    moveFocus.current = true;
    setEditing(undefined);
    if (parsed.value !== had) void send(placeOf(focus.r, focus.c)!, had, parsed.value);
  };

  const cancel = () => {
    moveFocus.current = true;
    setEditing(undefined);
  };

  const startEdit = (text?: string) => {
    if (!focusRow || !focusSub) return;
    const current = cellValue(focusRow, focusSub);
    setEditing({ text: text ?? (current === undefined ? '' : String(current)) });
  };

  const onCellKey = (event: KeyboardEvent<HTMLTableCellElement>) => {
    if (editing) return;
    const last = { r: rows.length - 1, c: subs.length - 1 };
    const moves: Record<string, () => { r: number; c: number }> = {
      ArrowUp: () => ({ r: Math.max(0, focus.r - 1), c: focus.c }),
      ArrowDown: () => ({ r: Math.min(last.r, focus.r + 1), c: focus.c }),
      ArrowLeft: () => ({ r: focus.r, c: Math.max(0, focus.c - 1) }),
      ArrowRight: () => ({ r: focus.r, c: Math.min(last.c, focus.c + 1) }),
      Home: () => ({ r: event.ctrlKey ? 0 : focus.r, c: 0 }),
      End: () => ({ r: event.ctrlKey ? last.r : focus.r, c: last.c }),
      PageUp: () => ({ r: Math.max(0, focus.r - 10), c: focus.c }),
      PageDown: () => ({ r: Math.min(last.r, focus.r + 10), c: focus.c }),
    };
    const move = moves[event.key];
    if (event.key === 'ArrowDown' && focus.r === last.r && lastKey !== null) {
      // Past the last loaded row: read the next page and step into it.
      event.preventDefault();
      if (!loadingMore)
        void loadMore().then((loaded) => {
          if (!loaded) return;
          moveFocus.current = true;
          setFocus({ r: last.r + 1, c: focus.c });
        });
    } else if (move) {
      event.preventDefault();
      moveFocus.current = true;
      setFocus(move());
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEdit();
    } else if (event.key === 'Delete' && focusRow && focusSub) {
      event.preventDefault();
      const had = cellValue(focusRow, focusSub);
      if (had !== undefined) void send(placeOf(focus.r, focus.c)!, had, undefined);
    } else if (/^[-+.0-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing over a cell starts an edit with what was typed, as spreadsheets do.
      event.preventDefault();
      startEdit(event.key);
    }
  };

  const resolveTheirs = () => {
    if (!conflict) return;
    setSaved(`Kept the server's value for ${describePlace(conflict.place)}: ${show(conflict.theirs)}.`);
    setConflict(undefined);
    // The refused edit is not one to copy to the shell.
    setLastPatches(undefined);
  };

  const resolveMine = () => {
    if (!conflict) return;
    if (conflict.mine === conflict.theirs) {
      setSaved(`${describePlace(conflict.place)} already holds ${show(conflict.mine)}: nothing to send.`);
      setConflict(undefined);
      return;
    }
    // Checked against the value now seen, so a third change meanwhile is a conflict again.
    void send(conflict.place, conflict.theirs, conflict.mine);
  };

  // The edit being typed (when it is a valid number), else the last one sent.
  const typed = editing && focusRow && focusSub ? parseSheetNumber(editing.text) : undefined;
  const typedPatch =
    typed && 'value' in typed
      ? patchFor(placeOf(focus.r, focus.c)!, cellValue(focusRow!, focusSub!), typed.value)
      : undefined;
  const cliPatches = typedPatch ? [typedPatch] : lastPatches;

  return (
    <>
      <p className="muted">
        {size} row{size === 1 ? '' : 's'} · {columns.length} column{columns.length === 1 ? '' : 's'} ·{' '}
        {rows.length < size ? `first ${rows.length} loaded` : 'all loaded'}. Arrow keys move between cells,
        Enter (or typing a number) edits, Enter saves, Escape cancels, Delete empties a cell. Each edit is
        sent with the value you saw, so an edit over someone else&apos;s change is refused and shown.
      </p>
      <p className="muted small" role="status" aria-live="polite" data-testid="sheet-status">
        {pending > 0 ? 'Saving…' : (saved ?? '')}
      </p>
      {conflict ? (
        <ConflictPanel conflict={conflict} onTheirs={resolveTheirs} onMine={resolveMine} busy={pending > 0} />
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {editing?.error ? <FieldError id="sheet-edit-error" messages={[editing.error]} /> : null}
      <div className="table-wrap sheet-wrap">
        <table
          ref={tableRef}
          className="compact sheet-grid"
          aria-label={`Sheet of task ${taskId}`}
          aria-rowcount={size + 2}
        >
          <colgroup>
            <col />
          </colgroup>
          {columns.map((c) => (
            <colgroup key={c.id} span={1 + c.lots.length} />
          ))}
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Row
              </th>
              {columns.map((c) => (
                <th key={c.id} scope="colgroup" colSpan={1 + c.lots.length} className="sheet-column">
                  {c.name}
                  {c.lots.length > 0 ? (
                    <span className="muted small">
                      {' '}
                      · {c.lots.length} lot{c.lots.length === 1 ? '' : 's'}
                    </span>
                  ) : null}
                </th>
              ))}
            </tr>
            <tr>
              {subs.map((s) => (
                <th key={s.key} scope="col" className={s.lotId === undefined ? 'sheet-own' : 'sheet-lot'}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.id} data-row-id={row.id} aria-rowindex={r + 3}>
                <th scope="row">{row.name}</th>
                {subs.map((s, c) => {
                  const value = cellValue(row, s);
                  const focused = focus.r === r && focus.c === c;
                  const name = `${row.name}, ${s.columnName}${s.lotId === undefined ? '' : `, lot ${s.label}`}`;
                  return (
                    <td
                      key={s.key}
                      data-cell={`${r}:${c}`}
                      data-col-id={s.colId}
                      data-lot-id={s.lotId ?? ''}
                      className={`sheet-cell${focused ? ' focused' : ''}${s.lotId === undefined ? '' : ' lot'}`}
                      tabIndex={focused && !editing ? 0 : -1}
                      aria-label={`${name}: ${show(value)}`}
                      onKeyDown={onCellKey}
                      onClick={() => setFocus({ r, c })}
                      onDoubleClick={() => {
                        setFocus({ r, c });
                        const current = value;
                        setEditing({ text: current === undefined ? '' : String(current) });
                      }}
                    >
                      {focused && editing ? (
                        <CellEditor
                          label={name}
                          text={editing.text}
                          error={editing.error}
                          onChange={(text) => setEditing({ text })}
                          onCommit={commit}
                          onCancel={cancel}
                        />
                      ) : (
                        (value ?? '')
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {lastKey !== null ? (
        <p>
          <button type="button" className="secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : `Load ${Math.min(PAGE, size - rows.length)} more rows`}
          </button>{' '}
          <span className="muted small">
            {rows.length} of {size} rows loaded.
          </span>
        </p>
      ) : null}
      {cliPatches ? (
        <CliCommand
          command={patchCommand(taskId, cliPatches)}
          label={typedPatch ? 'make this edit' : 'make the last edit'}
        />
      ) : null}
      <CliCommand command={cliCommand('sheets', 'get', taskId, '--all')} label="read the whole sheet" />
    </>
  );
}

function CellEditor({
  label,
  text,
  error,
  onChange,
  onCommit,
  onCancel,
}: {
  label: string;
  text: string;
  error: string | undefined;
  onChange: (text: string) => void;
  onCommit: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, []);
  return (
    <input
      ref={ref}
      className="sheet-input"
      inputMode="decimal"
      aria-label={`Edit ${label}`}
      aria-invalid={error !== undefined}
      aria-describedby={error !== undefined ? 'sheet-edit-error' : undefined}
      value={text}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        // The cell's own keys (arrows, Delete) stay out of the text field.
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          onCommit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      onBlur={onCancel}
    />
  );
}

function ConflictPanel({
  conflict,
  onTheirs,
  onMine,
  busy,
}: {
  conflict: Conflict;
  onTheirs: () => void;
  onMine: () => void;
  busy: boolean;
}) {
  return (
    <div className="error sheet-conflict" role="alert" aria-labelledby="sheet-conflict-title">
      <strong id="sheet-conflict-title">Not saved: {describePlace(conflict.place)} changed meanwhile</strong>
      <p className="error-detail">
        Someone changed this value after you loaded the sheet, so your edit was refused and nothing was
        applied. The table now shows the server&apos;s value.
      </p>
      <dl className="facts">
        <dt>You had</dt>
        <dd data-testid="conflict-had">{show(conflict.had)}</dd>
        <dt>Your edit</dt>
        <dd data-testid="conflict-mine">{show(conflict.mine)}</dd>
        <dt>Now on the server</dt>
        <dd data-testid="conflict-theirs">{show(conflict.theirs)}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="secondary" onClick={onTheirs} disabled={busy}>
          Keep theirs ({show(conflict.theirs)})
        </button>{' '}
        <button type="button" onClick={onMine} disabled={busy}>
          Apply mine again ({show(conflict.mine)})
        </button>
      </div>
    </div>
  );
}
