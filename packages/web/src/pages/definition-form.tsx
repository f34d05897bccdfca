import type { Definition, DefinitionCreateParams, DefinitionUpdateParams, JobType } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, ErrorBox, FieldError, Loaded } from '../components.js';
import { cliCommand, fieldProblems, formatDuration, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { checkParameters, problemsUnder, SchemaForm, useAjv, type JsonSchema } from '../schema-form.js';
import { useSession } from '../session.js';
import { ScheduleFields, useScheduleCheck } from './definition-schedule.js';

type Params = Record<string, unknown>;

/** The job types a definition may use (a resource's internal types are refused by the server). */
export function useDefinitionTypes() {
  const { client, workspaceId } = useSession();
  return useAsync<JobType[]>(
    async (signal) =>
      (await client.jobs.types.list(workspaceId ? { workspaceId } : {}, { signal })).filter(
        (t) => !t.internal,
      ),
    [client, workspaceId],
  );
}

/** `--param key=value` words for the CLI: JSON values, bare text where the CLI reads it back as text. */
export function paramFlags(params: Params): string[] {
  return Object.entries(params).flatMap(([key, value]) => ['--param', `${key}=${paramText(value)}`]);
}

function paramText(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    JSON.parse(value);
    return JSON.stringify(value); // "3" or "true" typed as text: quoted, so it stays text
  } catch {
    return value;
  }
}

/** The page at /definitions/new. */
export function NewDefinitionPage() {
  const types = useDefinitionTypes();
  return (
    <section>
      <p className="crumbs">
        <Link to="/definitions">Definitions</Link> / new
      </p>
      <h1>New job definition</h1>
      <Loaded state={types} what="Loading job types">
        {(list) => <DefinitionForm types={list} />}
      </Loaded>
    </section>
  );
}

interface Draft {
  name: string;
  description: string;
  type: string;
  projectId: string;
  schedule: string;
  timezone: string;
  enabled: boolean;
  maxRunning: string;
  maxStartsPerHour: string;
  timeoutMs: string;
  concurrencyKey: string;
  keyMaxRunning: string;
  keyRateMax: string;
  keyRateWindowS: string;
}

function draftOf(d: Definition | undefined, types: JobType[]): Draft {
  const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return {
    name: d?.name ?? '',
    description: d?.description ?? '',
    type: d?.type ?? types.find((t) => t.name === 'system.sleep')?.name ?? types[0]?.name ?? '',
    projectId: d?.projectId ?? '',
    schedule: d?.schedule ?? '',
    timezone: d?.timezone ?? 'UTC',
    enabled: d?.enabled ?? true,
    maxRunning: text(d?.maxRunning),
    maxStartsPerHour: text(d?.maxStartsPerHour),
    timeoutMs: text(d?.timeoutMs),
    concurrencyKey: d?.concurrencyKey ?? '',
    keyMaxRunning: text(d?.keyLimits?.maxRunning),
    keyRateMax: text(d?.keyLimits?.rate?.max),
    keyRateWindowS: d?.keyLimits?.rate ? String(d.keyLimits.rate.windowMs / 1000) : '',
  };
}

/** An integer field: null when empty, the number when in range, else a problem. */
function integerOf(text: string, min: number, max: number): { value: number | null; problem?: string } {
  if (text.trim() === '') return { value: null };
  const n = Number(text.trim());
  if (!Number.isInteger(n)) return { value: null, problem: 'must be a whole number' };
  if (n < min || n > max)
    return { value: null, problem: `must be between ${min} and ${max.toLocaleString()}` };
  return { value: n };
}

interface Checked {
  problems: Partial<Record<keyof Draft, string>>;
  body?: {
    maxRunning: number | null;
    maxStartsPerHour: number | null;
    timeoutMs: number | null;
    concurrencyKey: string | null;
    keyLimits: { maxRunning?: number; rate?: { max: number; windowMs: number } } | null;
  };
}

function checkDraft(draft: Draft): Checked {
  const problems: Checked['problems'] = {};
  if (draft.name.trim() === '') problems.name = 'A definition needs a name.';
  if (draft.type === '') problems.type = 'Pick a job type.';
  const ints = {
    maxRunning: integerOf(draft.maxRunning, 1, 1_000_000),
    maxStartsPerHour: integerOf(draft.maxStartsPerHour, 1, 1_000_000),
    timeoutMs: integerOf(draft.timeoutMs, 1, 604_800_000),
    keyMaxRunning: integerOf(draft.keyMaxRunning, 1, 10_000),
    keyRateMax: integerOf(draft.keyRateMax, 1, 1_000_000),
    keyRateWindowS: integerOf(draft.keyRateWindowS, 1, 86_400),
  };
  for (const [field, result] of Object.entries(ints)) {
    if (result.problem) problems[field as keyof Draft] = result.problem;
  }
  if ((ints.keyRateMax.value === null) !== (ints.keyRateWindowS.value === null) && !problems.keyRateMax)
    problems[ints.keyRateMax.value === null ? 'keyRateMax' : 'keyRateWindowS'] =
      'A rate needs both a number of starts and a window.';
  if (draft.concurrencyKey.length > 200) problems.concurrencyKey = 'must be at most 200 characters';
  if (Object.keys(problems).length > 0) return { problems };
  const rate =
    ints.keyRateMax.value !== null && ints.keyRateWindowS.value !== null
      ? { max: ints.keyRateMax.value, windowMs: ints.keyRateWindowS.value * 1000 }
      : undefined;
  const keyLimits =
    ints.keyMaxRunning.value !== null || rate
      ? {
          ...(ints.keyMaxRunning.value !== null ? { maxRunning: ints.keyMaxRunning.value } : {}),
          ...(rate ? { rate } : {}),
        }
      : null;
  return {
    problems,
    body: {
      maxRunning: ints.maxRunning.value,
      maxStartsPerHour: ints.maxStartsPerHour.value,
      timeoutMs: ints.timeoutMs.value,
      concurrencyKey: draft.concurrencyKey === '' ? null : draft.concurrencyKey,
      keyLimits,
    },
  };
}

function keyLimitFlags(limits: NonNullable<Checked['body']>['keyLimits']): string[] {
  if (!limits) return [];
  return [
    ...(limits.maxRunning !== undefined ? ['--key-max-running', String(limits.maxRunning)] : []),
    ...(limits.rate ? ['--key-rate', `${limits.rate.max}/${limits.rate.windowMs / 1000}s`] : []),
  ];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The key limits as stored (maxRunning defaults to 1), to compare a draft with a definition. */
function storedLimits(limits: NonNullable<Checked['body']>['keyLimits']) {
  return limits ? { maxRunning: limits.maxRunning ?? 1, rate: limits.rate ?? null } : null;
}

/** What an edit changes, as the PATCH body and the matching `batchyard definitions update` flags. */
function changesOf(
  d: Definition,
  draft: Draft,
  params: Params,
  body: NonNullable<Checked['body']>,
): { patch: DefinitionUpdateParams; flags: string[] } {
  const patch: Record<string, unknown> = {};
  const flags: string[] = [];
  if (draft.name.trim() !== d.name) {
    patch.name = draft.name.trim();
    flags.push('--name', draft.name.trim());
  }
  if (draft.description !== (d.description ?? '')) {
    patch.description = draft.description === '' ? null : draft.description;
    flags.push('--description', draft.description);
  }
  if (!same(params, d.parameters)) {
    patch.parameters = params;
    flags.push('--params-json', JSON.stringify(params));
  }
  const schedule = draft.schedule.trim() === '' ? null : draft.schedule.trim();
  if (schedule !== d.schedule) {
    patch.schedule = schedule;
    flags.push(...(schedule === null ? ['--no-schedule'] : ['--schedule', schedule]));
  }
  const timezone = draft.timezone.trim() || 'UTC';
  if (timezone !== d.timezone) {
    patch.timezone = timezone;
    flags.push('--timezone', timezone);
  }
  if (draft.enabled !== d.enabled) {
    patch.enabled = draft.enabled;
    flags.push(draft.enabled ? '--enable' : '--disable');
  }
  const numbers = [
    ['maxRunning', '--max-running', '--no-max-running'],
    ['maxStartsPerHour', '--max-starts-per-hour', '--no-max-starts-per-hour'],
    ['timeoutMs', '--timeout-ms', '--no-timeout-ms'],
  ] as const;
  for (const [field, flag, none] of numbers) {
    if (body[field] !== d[field]) {
      patch[field] = body[field];
      flags.push(...(body[field] === null ? [none] : [flag, String(body[field])]));
    }
  }
  if (body.concurrencyKey !== d.concurrencyKey) {
    patch.concurrencyKey = body.concurrencyKey;
    flags.push(
      ...(body.concurrencyKey === null
        ? ['--no-concurrency-key']
        : ['--concurrency-key', body.concurrencyKey]),
    );
  }
  if (!same(storedLimits(body.keyLimits), d.keyLimits)) {
    patch.keyLimits = body.keyLimits;
    flags.push(...(body.keyLimits === null ? ['--no-key-limits'] : keyLimitFlags(body.keyLimits)));
  }
  return { patch: patch as DefinitionUpdateParams, flags };
}

const FORM_POINTERS = [
  '/name',
  '/description',
  '/type',
  '/projectId',
  '/parameters',
  '/schedule',
  '/timezone',
  '/enabled',
  '/maxRunning',
  '/maxStartsPerHour',
  '/timeoutMs',
  '/concurrencyKey',
  '/keyLimits',
];

/**
 * Creates a definition (no `definition`) or edits one: name, type (fixed once created), default
 * parameters as a form generated from the type's arguments schema, schedule with its next fire
 * times, throttles, timeout and key limits. Checked on the page before sending; the server's
 * problems show next to the field their pointer names.
 */
export function DefinitionForm({
  types,
  definition,
  onSaved,
  onCancel,
}: {
  types: JobType[];
  definition?: Definition;
  onSaved?: (d: Definition, cli: string) => void;
  onCancel?: () => void;
}) {
  const { client, workspaceId, projects } = useSession();
  const ajv = useAjv();
  const [draft, setDraft] = useState(() => draftOf(definition, types));
  const [params, setParams] = useState<Params>(() => structuredClone(definition?.parameters ?? {}));
  const [jsonProblems, setJsonProblems] = useState<Record<string, string>>({});
  const [formKey, setFormKey] = useState(0);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<{ definition: Definition; cli: string }>();
  const scheduleCheck = useScheduleCheck(draft.schedule, draft.timezone);

  const type = types.find((t) => t.name === draft.type);
  const schema = (type?.argumentsSchema ?? null) as JsonSchema | null;
  const checked = checkDraft(draft);
  const paramProblems = [
    ...checkParameters(ajv, schema, params, true),
    ...problemsUnder(error, '/parameters'),
  ];
  const pageParamProblems = checkParameters(ajv, schema, params, true);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const messages = (field: keyof Draft, pointer = `/${field}`) => [
    ...(checked.problems[field] && (tried || draft[field] !== draftOf(definition, types)[field])
      ? [checked.problems[field]!]
      : []),
    ...fieldProblems(error, pointer),
  ];

  const scheduleReady =
    scheduleCheck.state === 'none' || scheduleCheck.state === 'ok' || draft.schedule.trim() === '';
  const blocked =
    !checked.body ||
    !scheduleReady ||
    pageParamProblems.length > 0 ||
    Object.values(jsonProblems).some((m) => m !== undefined);

  const edit = definition && checked.body ? changesOf(definition, draft, params, checked.body) : undefined;
  const cli = definition
    ? cliCommand('definitions', 'update', definition.id, ...(edit?.flags ?? []))
    : cliCommand(
        'definitions',
        'create',
        draft.name.trim() || 'NAME',
        '--type',
        draft.type || 'TYPE',
        ...(workspaceId ? ['--workspace', workspaceId] : []),
        ...(draft.projectId ? ['--project', draft.projectId] : []),
        ...(draft.description ? ['--description', draft.description] : []),
        ...paramFlags(params),
        ...(draft.schedule.trim() ? ['--schedule', draft.schedule.trim()] : []),
        ...(draft.timezone.trim() && draft.timezone.trim() !== 'UTC'
          ? ['--timezone', draft.timezone.trim()]
          : []),
        ...(checked.body?.maxRunning ? ['--max-running', String(checked.body.maxRunning)] : []),
        ...(checked.body?.maxStartsPerHour
          ? ['--max-starts-per-hour', String(checked.body.maxStartsPerHour)]
          : []),
        ...(checked.body?.timeoutMs ? ['--timeout-ms', String(checked.body.timeoutMs)] : []),
        ...(checked.body?.concurrencyKey ? ['--concurrency-key', checked.body.concurrencyKey] : []),
        ...keyLimitFlags(checked.body?.keyLimits ?? null),
        ...(draft.enabled ? [] : ['--disabled']),
      );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setCreated(undefined);
    if (blocked || !checked.body) return;
    setBusy(true);
    setError(undefined);
    try {
      if (definition) {
        const saved = await client.definitions.update(definition.id, edit!.patch);
        onSaved?.(saved, cli);
      } else {
        const body: DefinitionCreateParams = {
          name: draft.name.trim(),
          type: draft.type,
          ...(workspaceId ? { workspaceId } : {}),
          ...(draft.projectId ? { projectId: draft.projectId } : {}),
          ...(draft.description ? { description: draft.description } : {}),
          parameters: params,
          ...(draft.schedule.trim()
            ? { schedule: draft.schedule.trim(), timezone: draft.timezone.trim() || 'UTC' }
            : {}),
          enabled: draft.enabled,
          ...checked.body,
        };
        const saved = await client.definitions.create(body);
        setCreated({ definition: saved, cli });
        onSaved?.(saved, cli);
        setDraft(draftOf(undefined, types));
        setParams({});
        setJsonProblems({});
        setFormKey((k) => k + 1);
        setTried(false);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const integerField = (field: keyof Draft, label: string, hint: string, pointer = `/${field}`) => {
    const id = `definition-${field}`;
    const shown = messages(field, pointer);
    return (
      <div className="schema-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          inputMode="numeric"
          value={draft[field] as string}
          onChange={(e) => set(field, e.target.value)}
          aria-invalid={shown.length > 0}
          aria-describedby={`${id}-hint${shown.length > 0 ? ` ${id}-error` : ''}`}
        />
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
        <FieldError id={`${id}-error`} messages={shown} />
      </div>
    );
  };
  const timeout = integerOf(draft.timeoutMs, 1, 604_800_000).value;

  return (
    <>
      {created ? (
        <div className="notice notice-succeeded" role="status">
          <span>
            Created definition{' '}
            <Link to={`/definitions/${created.definition.id}`}>{created.definition.name}</Link> (
            <code>{created.definition.id}</code>)
            {created.definition.nextRunAt
              ? `, first run ${new Date(created.definition.nextRunAt).toLocaleString()}.`
              : '.'}
          </span>
          <CliCommand command={created.cli} label="create the definition just created" />
        </div>
      ) : null}
      <form
        className="card entity-form definition-form"
        onSubmit={submit}
        noValidate
        aria-label={definition ? 'Edit the definition' : 'New definition'}
      >
        <label htmlFor="definition-name">Name</label>
        <input
          id="definition-name"
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          aria-invalid={messages('name').length > 0}
          aria-describedby={messages('name').length > 0 ? 'definition-name-error' : undefined}
        />
        <FieldError id="definition-name-error" messages={messages('name')} />

        <label htmlFor="definition-description">Description (optional)</label>
        <input
          id="definition-description"
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
        />
        <FieldError id="definition-description-error" messages={fieldProblems(error, '/description')} />

        <label htmlFor="definition-type">Job type</label>
        {definition ? (
          <>
            <input
              id="definition-type"
              value={definition.type}
              readOnly
              aria-describedby="definition-type-hint"
            />
            <p id="definition-type-hint" className="hint">
              A definition keeps its type; create another for a different one.
            </p>
          </>
        ) : (
          <>
            <select
              id="definition-type"
              value={draft.type}
              onChange={(e) => {
                set('type', e.target.value);
                setParams({});
                setJsonProblems({});
                setFormKey((k) => k + 1);
              }}
              aria-invalid={messages('type').length > 0}
              aria-describedby={`definition-type-hint${messages('type').length > 0 ? ' definition-type-error' : ''}`}
            >
              {types.map((t) => (
                <option key={`${t.workspaceId ?? ''} ${t.name}`} value={t.name}>
                  {t.name}
                  {t.builtIn ? '' : ' (custom)'}
                </option>
              ))}
            </select>
            <p id="definition-type-hint" className="hint">
              {type?.description ?? 'The job each run starts.'}
            </p>
            <FieldError id="definition-type-error" messages={messages('type')} />
          </>
        )}

        {!definition && projects.length > 0 ? (
          <>
            <label htmlFor="definition-project">Project (optional)</label>
            <select
              id="definition-project"
              value={draft.projectId}
              onChange={(e) => set('projectId', e.target.value)}
            >
              <option value="">(none)</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <FieldError id="definition-project-error" messages={fieldProblems(error, '/projectId')} />
          </>
        ) : null}

        <fieldset className="schema-params">
          <legend>Default parameters</legend>
          <p className="hint">
            Each run starts with these; a run may override any of them. Fields the type requires may be left
            for the runs to give.
          </p>
          <SchemaForm
            key={`${draft.type} ${formKey}`}
            idPrefix="param"
            schema={schema}
            value={params}
            onChange={setParams}
            problems={paramProblems}
            onJsonProblem={(pointer, message) =>
              setJsonProblems((old) => {
                const next = { ...old };
                if (message === undefined) delete next[pointer];
                else next[pointer] = message;
                return next;
              })
            }
          />
        </fieldset>

        <ScheduleFields
          schedule={draft.schedule}
          timezone={draft.timezone}
          onSchedule={(v) => set('schedule', v)}
          onTimezone={(v) => set('timezone', v)}
          check={scheduleCheck}
          serverProblems={{
            schedule: fieldProblems(error, '/schedule'),
            timezone: fieldProblems(error, '/timezone'),
          }}
        />
        <label className="check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          Enabled (a disabled definition&apos;s schedule does not fire; it can still be run by hand)
        </label>

        <fieldset className="limits-fields">
          <legend>Throttles and limits (empty: none)</legend>
          {integerField(
            'maxRunning',
            'Max running',
            'At most this many instances queued or running at once; a run over it is refused (429).',
          )}
          {integerField(
            'maxStartsPerHour',
            'Max starts per hour',
            'At most this many instances started in any hour; a run over it is refused (429), a scheduled tick skipped.',
          )}
          {integerField(
            'timeoutMs',
            'Timeout (ms)',
            timeout ? `Each attempt may run ${formatDuration(timeout)}.` : 'Empty: the job type’s timeout.',
          )}
          <div className="schema-field">
            <label htmlFor="definition-concurrencyKey">Concurrency key</label>
            <input
              id="definition-concurrencyKey"
              value={draft.concurrencyKey}
              onChange={(e) => set('concurrencyKey', e.target.value)}
              aria-invalid={messages('concurrencyKey').length > 0}
              aria-describedby="definition-concurrencyKey-hint"
            />
            <p id="definition-concurrencyKey-hint" className="hint">
              Instances with the same key share the key limits below (a run may name another key).
            </p>
            <FieldError id="definition-concurrencyKey-error" messages={messages('concurrencyKey')} />
          </div>
          {integerField(
            'keyMaxRunning',
            'Per key: max running',
            'At most this many instances of one key run at once (empty: the type’s limits).',
            '/keyLimits/maxRunning',
          )}
          {integerField(
            'keyRateMax',
            'Per key: starts per window',
            'With a window below.',
            '/keyLimits/rate/max',
          )}
          {integerField(
            'keyRateWindowS',
            'Per key: window (seconds)',
            '1 to 86,400.',
            '/keyLimits/rate/windowMs',
          )}
        </fieldset>

        <div className="actions">
          <button type="submit" disabled={busy || (tried && blocked)}>
            {busy ? 'Saving…' : definition ? 'Save changes' : 'Create definition'}
          </button>
          {onCancel ? (
            <button type="button" className="secondary" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
        {tried && blocked && !busy ? (
          <p className="field-error" role="alert">
            Fix the fields marked above before saving.
          </p>
        ) : null}
        <CliCommand command={cli} label={definition ? 'save this definition' : 'create this definition'} />
        {definition && edit && edit.flags.length === 0 ? <p className="hint">Nothing changed yet.</p> : null}
      </form>
      {error && !onlyFieldProblems(error, FORM_POINTERS) ? <ErrorBox error={error} /> : null}
    </>
  );
}
