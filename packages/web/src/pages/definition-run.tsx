import type { Definition, Job, JobType } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, ErrorBox, FieldError, JobNotice } from '../components.js';
import { cliCommand, fieldProblems, onlyFieldProblems } from '../lib.js';
import { checkParameters, problemsUnder, SchemaForm, useAjv, type JsonSchema } from '../schema-form.js';
import { useSession } from '../session.js';
import { paramFlags } from './definition-form.js';

type Params = Record<string, unknown>;

/** The parameters a run sends: those that differ from the definition's defaults. */
function overrides(params: Params, defaults: Params): Params {
  return Object.fromEntries(
    Object.entries(params).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k])),
  );
}

/**
 * Runs a definition: its parameters as the form generated from the type's arguments schema,
 * prefilled with the defaults; only what differs is sent (the server merges it over the defaults),
 * and the merged parameters are checked against the schema before sending. The started job is
 * followed live with a link, with the CLI command that does the same.
 */
export function RunDefinitionForm({
  definition: d,
  type,
  onStarted,
}: {
  definition: Definition;
  type: JobType | undefined;
  onStarted: () => void;
}) {
  const { client } = useSession();
  const ajv = useAjv();
  const schema = (type?.argumentsSchema ?? null) as JsonSchema | null;
  const [params, setParams] = useState<Params>(() => structuredClone(d.parameters));
  const [jsonProblems, setJsonProblems] = useState<Record<string, string>>({});
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState('');
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<{ job: Job }>();

  const sent = overrides(params, d.parameters);
  // What the server will check: the run's parameters over the defaults (a cleared field falls
  // back to its default, since the merge cannot remove a key).
  const merged = { ...d.parameters, ...sent };
  const pageProblems = checkParameters(ajv, schema, merged, false);
  const problems = [...pageProblems, ...problemsUnder(error, '/parameters')];
  const priorityNumber = priority.trim() === '' ? undefined : Number(priority);
  const priorityProblems = [
    ...(priorityNumber !== undefined &&
    !(Number.isInteger(priorityNumber) && priorityNumber >= -1000 && priorityNumber <= 1000)
      ? ['must be a whole number from -1000 to 1000']
      : []),
    ...fieldProblems(error, '/priority'),
  ];
  const blocked =
    pageProblems.length > 0 ||
    Object.keys(jsonProblems).length > 0 ||
    (priorityNumber !== undefined && priorityProblems.length > 0);
  const cli = cliCommand(
    'definitions',
    'run',
    d.id,
    ...paramFlags(sent),
    ...(title ? ['--title', title] : []),
    ...(priorityNumber !== undefined ? ['--priority', String(priorityNumber)] : []),
  );

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    setError(undefined);
    setBusy(true);
    try {
      const handle = await client.definitions.run(
        d.id,
        {
          parameters: sent,
          ...(title ? { title } : {}),
          ...(priorityNumber !== undefined ? { priority: priorityNumber } : {}),
        },
        // A throttle refusal (429) is shown at once rather than retried after its Retry-After.
        { maxRetries: 0 },
      );
      setStarted({ job: handle.job! });
      onStarted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card entity-form run-form" onSubmit={run} noValidate aria-label="Run the definition">
      <h2>Run</h2>
      <p className="hint">
        Prefilled with the definition&apos;s defaults; only what you change is sent, merged over them. A
        cleared field takes its default.
      </p>
      <SchemaForm
        key={formKey}
        idPrefix="run"
        schema={schema}
        value={params}
        onChange={setParams}
        problems={problems}
        fallbacks={d.parameters}
        onJsonProblem={(pointer, message) =>
          setJsonProblems((old) => {
            const next = { ...old };
            if (message === undefined) delete next[pointer];
            else next[pointer] = message;
            return next;
          })
        }
      />
      <label htmlFor="run-title">Title (optional; default: the definition&apos;s name)</label>
      <input id="run-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <FieldError id="run-title-error" messages={fieldProblems(error, '/title')} />
      <label htmlFor="run-priority">Priority (optional; higher runs first, default 0)</label>
      <input
        id="run-priority"
        inputMode="numeric"
        value={priority}
        onChange={(e) => setPriority(e.target.value)}
        aria-invalid={priorityProblems.length > 0}
        aria-describedby={priorityProblems.length > 0 ? 'run-priority-error' : undefined}
      />
      <FieldError id="run-priority-error" messages={priorityProblems} />
      <div className="actions">
        <button type="submit" disabled={busy || blocked}>
          {busy ? 'Starting…' : 'Run now'}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setParams(structuredClone(d.parameters));
            setJsonProblems({});
            setFormKey((k) => k + 1);
          }}
        >
          Reset to the defaults
        </button>
      </div>
      <CliCommand command={cli} label="run this definition" />
      {error && !onlyFieldProblems(error, ['/parameters', '/title', '/priority']) ? (
        <ErrorBox error={error} />
      ) : null}
      {started ? <JobNotice key={started.job.id} job={started.job} label="Started" /> : null}
    </form>
  );
}
