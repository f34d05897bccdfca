import type { Ajv, ValidateFunction } from 'ajv';
import { useEffect, useState, type ReactNode } from 'react';
import { FieldError, TextAreaField } from './components.js';

/** A JSON Schema as the form reads it (only the keywords it draws; the rest go to Ajv). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  items?: JsonSchema;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** One problem with a value: where (a JSON pointer inside it) and what. */
export interface Problem {
  pointer: string;
  message: string;
}

type Params = Record<string, unknown>;

// The server checks job arguments with Ajv 8 (strict: false, every error); the page uses the same,
// loaded on first use like the project form's (the chunk is shared).
let loadedAjv: Ajv | undefined;
let loadingAjv: Promise<Ajv> | undefined;
const validators = new Map<string, ValidateFunction | null>();

/** Ajv once it has loaded (undefined until then: the server still checks everything). */
export function useAjv(): Ajv | undefined {
  const [ajv, setAjv] = useState(loadedAjv);
  useEffect(() => {
    if (ajv) return;
    loadingAjv ??= import('ajv').then(
      (m) => (loadedAjv = new m.Ajv({ strict: false, allErrors: true, validateFormats: false })),
    );
    void loadingAjv.then(setAjv, () => undefined);
  }, [ajv]);
  return ajv;
}

/**
 * Checks parameters against a job type's arguments schema as the server does: `partial` for a
 * definition's defaults (the top-level `required` is dropped: each run may supply those). Errors
 * point where the server's do (an unknown argument at its own name, a missing one at its name).
 */
export function checkParameters(
  ajv: Ajv | undefined,
  schema: JsonSchema | null,
  value: Params,
  partial: boolean,
): Problem[] {
  if (!ajv || !schema) return [];
  const { required: _required, ...withoutRequired } = schema;
  const checked = partial ? withoutRequired : schema;
  const key = JSON.stringify(checked);
  let validate = validators.get(key);
  if (validate === undefined) {
    try {
      validate = ajv.compile(checked);
    } catch {
      validate = null; // a schema Ajv cannot compile: leave it to the server
    }
    validators.set(key, validate);
  }
  if (!validate || validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    let at = e.instancePath;
    if (e.keyword === 'additionalProperties') at += `/${String(e.params.additionalProperty)}`;
    if (e.keyword === 'required') at += `/${String(e.params.missingProperty)}`;
    return {
      pointer: at,
      message:
        e.keyword === 'additionalProperties'
          ? 'is not a known argument'
          : e.keyword === 'required'
            ? 'is required'
            : (e.message ?? 'is invalid'),
    };
  });
}

/** The problems an API error names under `prefix` (e.g. `/parameters`), with pointers inside it. */
export function problemsUnder(error: unknown, prefix: string): Problem[] {
  const errors = (error as { errors?: { pointer: string; message: string }[] } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e) => e.pointer === prefix || e.pointer.startsWith(`${prefix}/`))
    .map((e) => ({ pointer: e.pointer.slice(prefix.length), message: e.message }));
}

type Kind =
  'enum' | 'string' | 'number' | 'integer' | 'boolean' | 'string-list' | 'choice-list' | 'object' | 'json';

const MAX_DEPTH = 3;

function typeOf(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.find((t) => t !== 'null');
}

/** How the form draws a schema: a control it knows, or a JSON box. */
function kindOf(schema: JsonSchema, depth: number): Kind {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return 'enum';
  const type = typeOf(schema);
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (type === 'array' && schema.items && typeOf(schema.items) === 'string') {
    return Array.isArray(schema.items.enum) ? 'choice-list' : 'string-list';
  }
  if (type === 'object' && schema.properties && depth < MAX_DEPTH) return 'object';
  return 'json';
}

/** Whether the whole value is drawn as one JSON box (no schema, or one without properties). */
function wholeJson(schema: JsonSchema | null): boolean {
  return !schema || !schema.properties || Object.keys(schema.properties).length === 0;
}

/**
 * Whether a problem at `pointer` is shown next to a field of the form (the rest are listed above
 * it). Fields drawn as JSON boxes own everything under them.
 */
export function placedInForm(schema: JsonSchema | null, pointer: string): boolean {
  if (wholeJson(schema)) return true;
  let at: JsonSchema | undefined = schema!;
  const parts = pointer.split('/').slice(1);
  if (parts.length === 0) return false;
  for (let depth = 0; depth < parts.length; depth++) {
    const name = parts[depth]!;
    const sub: JsonSchema | undefined = at?.properties?.[name];
    // Keys not in the schema belong to "Other parameters" (shown when the schema allows them).
    if (!sub) return depth === 0 && schema!.additionalProperties !== false;
    const kind = kindOf(sub, depth);
    if (kind !== 'object') return true;
    at = sub;
  }
  return true;
}

function idOf(prefix: string, pointer: string): string {
  return `${prefix}${pointer.replace(/[^\w-]/g, '-')}`;
}

function messagesAt(problems: readonly Problem[], pointer: string, under: boolean): string[] {
  return problems
    .filter((p) => p.pointer === pointer || (under && p.pointer.startsWith(`${pointer}/`)))
    .map((p) => (p.pointer === pointer ? p.message : `${p.pointer.slice(pointer.length + 1)}: ${p.message}`));
}

function withKey(object: Params, name: string, value: unknown): Params {
  const next = { ...object };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return next;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A form generated from a job type's arguments schema: strings, numbers, integers, booleans,
 * enums, lists of strings, nested objects (a few levels); anything else (and keys the schema does
 * not name, when it allows them) as JSON boxes. `problems` are the page's and the server's, each
 * shown next to the field its pointer names. `onJsonProblem` says when a JSON box does not parse
 * (its value is then not sent). Remount it (a new `key`) to load other values.
 */
export function SchemaForm({
  idPrefix,
  schema,
  value,
  onChange,
  problems,
  onJsonProblem,
  fallbacks,
}: {
  idPrefix: string;
  schema: JsonSchema | null;
  value: Params;
  onChange: (value: Params) => void;
  problems: readonly Problem[];
  onJsonProblem: (pointer: string, message: string | undefined) => void;
  /** Values used when a field is left empty (a definition's defaults), shown as hints. */
  fallbacks?: Params;
}) {
  if (wholeJson(schema)) {
    return (
      <JsonBox
        id={idOf(idPrefix, '')}
        label={
          schema
            ? 'Parameters (JSON object; the type names no fields)'
            : 'Parameters (JSON object; the type has no arguments schema)'
        }
        value={value}
        object
        onChange={(v) => onChange((v as Params | undefined) ?? {})}
        messages={messagesAt(problems, '', true)}
        onJsonProblem={(m) => onJsonProblem('', m)}
      />
    );
  }
  const known = new Set(Object.keys(schema!.properties!));
  const extra = Object.fromEntries(Object.entries(value).filter(([k]) => !known.has(k)));
  const unplaced = problems.filter((p) => !placedInForm(schema, p.pointer));
  return (
    <div className="schema-form">
      {unplaced.length > 0 ? (
        <ul className="field-error" role="alert">
          {unplaced.map((p) => (
            <li key={`${p.pointer} ${p.message}`}>
              {p.pointer || 'parameters'}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      <ObjectFields
        idPrefix={idPrefix}
        schema={schema!}
        pointer=""
        value={value}
        onChange={onChange}
        problems={problems}
        onJsonProblem={onJsonProblem}
        depth={0}
        fallbacks={fallbacks}
      />
      {schema!.additionalProperties !== false ? (
        <JsonBox
          id={idOf(idPrefix, '/other')}
          label="Other parameters (JSON object; keys the schema does not name)"
          value={Object.keys(extra).length > 0 ? extra : undefined}
          object
          onChange={(v) => {
            const kept = Object.fromEntries(Object.entries(value).filter(([k]) => known.has(k)));
            onChange({ ...kept, ...((v as Params | undefined) ?? {}) });
          }}
          messages={problems
            .filter((p) => !known.has(p.pointer.split('/')[1] ?? '') && p.pointer !== '')
            .map((p) => `${p.pointer.slice(1)}: ${p.message}`)}
          onJsonProblem={(m) => onJsonProblem('/other', m)}
        />
      ) : null}
    </div>
  );
}

function ObjectFields({
  idPrefix,
  schema,
  pointer,
  value,
  onChange,
  problems,
  onJsonProblem,
  depth,
  fallbacks,
}: {
  idPrefix: string;
  schema: JsonSchema;
  pointer: string;
  value: Params;
  onChange: (value: Params) => void;
  problems: readonly Problem[];
  onJsonProblem: (pointer: string, message: string | undefined) => void;
  depth: number;
  fallbacks: Params | undefined;
}) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, sub]) => (
        <Field
          key={name}
          idPrefix={idPrefix}
          name={name}
          schema={sub}
          pointer={`${pointer}/${name}`}
          required={required.has(name)}
          value={value[name]}
          onChange={(v) => onChange(withKey(value, name, v))}
          problems={problems}
          onJsonProblem={onJsonProblem}
          depth={depth}
          fallback={fallbacks?.[name]}
        />
      ))}
    </>
  );
}

function Field({
  idPrefix,
  name,
  schema,
  pointer,
  required,
  value,
  onChange,
  problems,
  onJsonProblem,
  depth,
  fallback,
}: {
  idPrefix: string;
  name: string;
  schema: JsonSchema;
  pointer: string;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  problems: readonly Problem[];
  onJsonProblem: (pointer: string, message: string | undefined) => void;
  depth: number;
  fallback: unknown;
}) {
  const id = idOf(idPrefix, pointer);
  const kind = kindOf(schema, depth);
  const label = `${schema.title ?? name}${required ? ' (required)' : ''}`;
  const hints = [
    schema.description,
    schema.default !== undefined ? `Type default: ${describe(schema.default)}.` : undefined,
    fallback !== undefined ? `Definition default: ${describe(fallback)}.` : undefined,
    rangeHint(schema),
  ].filter((h): h is string => Boolean(h));
  const messages = messagesAt(problems, pointer, kind !== 'object');
  const describedBy = [hints.length > 0 ? `${id}-hint` : '', messages.length > 0 ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': messages.length > 0,
    'aria-describedby': describedBy || undefined,
  };
  const hint =
    hints.length > 0 ? (
      <p id={`${id}-hint`} className="hint">
        {hints.join(' ')}
      </p>
    ) : null;
  const errors = <FieldError id={`${id}-error`} messages={messages} />;

  if (kind === 'object') {
    const object = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Params;
    return (
      <fieldset className="schema-object" aria-describedby={describedBy || undefined}>
        <legend>{label}</legend>
        {hint}
        {errors}
        <ObjectFields
          idPrefix={idPrefix}
          schema={schema}
          pointer={pointer}
          value={object}
          onChange={(v) => onChange(Object.keys(v).length === 0 && !required ? undefined : v)}
          problems={problems}
          onJsonProblem={onJsonProblem}
          depth={depth + 1}
          fallbacks={undefined}
        />
      </fieldset>
    );
  }
  if (kind === 'json') {
    return (
      <JsonBox
        id={id}
        label={`${label} (JSON)`}
        value={value}
        onChange={onChange}
        messages={messages}
        hint={hints.join(' ')}
        onJsonProblem={(m) => onJsonProblem(pointer, m)}
      />
    );
  }
  if (kind === 'choice-list') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="schema-choices" aria-describedby={describedBy || undefined}>
        <legend>{label}</legend>
        {(schema.items!.enum ?? []).map((option) => (
          <label key={describe(option)} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(option)}
              onChange={(e) => {
                const next = e.target.checked
                  ? [...chosen, option]
                  : chosen.filter((c: unknown) => c !== option);
                onChange(next.length === 0 && !required ? undefined : next);
              }}
            />
            {describe(option)}
          </label>
        ))}
        {hint}
        {errors}
      </fieldset>
    );
  }
  if (kind === 'string-list') {
    return (
      <StringList
        id={id}
        label={label}
        value={value}
        onChange={onChange}
        hint={hint}
        errors={errors}
        describedBy={describedBy}
        invalid={messages.length > 0}
        required={required}
      />
    );
  }
  let control;
  if (kind === 'enum') {
    const index = schema.enum!.findIndex((option) => JSON.stringify(option) === JSON.stringify(value));
    control = (
      <select
        {...common}
        value={value === undefined ? '' : String(index)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : schema.enum![Number(e.target.value)])}
      >
        <option value="">{notSetText(fallback, schema)}</option>
        {schema.enum!.map((option, i) => (
          <option key={describe(option)} value={String(i)}>
            {describe(option)}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'boolean') {
    control = (
      <select
        {...common}
        value={value === true ? 'true' : value === false ? 'false' : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
      >
        <option value="">{notSetText(fallback, schema)}</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  } else if (kind === 'number' || kind === 'integer') {
    control = (
      <NumberInput
        common={common}
        value={value}
        onChange={onChange}
        integer={kind === 'integer'}
        placeholder={placeholderOf(fallback, schema)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
        placeholder={placeholderOf(fallback, schema)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
    );
  }
  return (
    <div className="schema-field">
      <label htmlFor={id}>{label}</label>
      {control}
      {hint}
      {errors}
    </div>
  );
}

function notSetText(fallback: unknown, schema: JsonSchema): string {
  if (fallback !== undefined) return `(not set: ${describe(fallback)})`;
  if (schema.default !== undefined) return `(not set: ${describe(schema.default)})`;
  return '(not set)';
}

function placeholderOf(fallback: unknown, schema: JsonSchema): string | undefined {
  const shown = fallback ?? schema.default;
  return shown === undefined ? undefined : describe(shown);
}

function rangeHint(schema: JsonSchema): string | undefined {
  const parts: string[] = [];
  if (schema.minimum !== undefined) parts.push(`at least ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`at most ${schema.maximum}`);
  const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`;
  if (schema.minLength !== undefined) parts.push(`at least ${chars(schema.minLength)}`);
  if (schema.maxLength !== undefined) parts.push(`at most ${chars(schema.maxLength)}`);
  if (schema.pattern !== undefined) parts.push(`matching ${schema.pattern}`);
  if (parts.length === 0) return undefined;
  const text = parts.join(', ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/**
 * A number typed as text: a number once it parses; until then the text itself is the value, so
 * the schema check (and the server) refuse it rather than sending an old number.
 */
function NumberInput({
  common,
  value,
  onChange,
  integer,
  placeholder,
}: {
  common: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  value: unknown;
  onChange: (value: unknown) => void;
  integer: boolean;
  placeholder: string | undefined;
}) {
  return (
    <input
      {...common}
      inputMode={integer ? 'numeric' : 'decimal'}
      value={value === undefined ? '' : String(value)}
      placeholder={placeholder}
      onChange={(e) => {
        const text = e.target.value.trim();
        if (text === '') return onChange(undefined);
        const n = Number(text);
        onChange(Number.isFinite(n) && /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? n : text);
      }}
    />
  );
}

function StringList({
  id,
  label,
  value,
  onChange,
  hint,
  errors,
  describedBy,
  invalid,
  required,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  hint: ReactNode;
  errors: ReactNode;
  describedBy: string;
  invalid: boolean;
  required: boolean;
}) {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const set = (next: unknown[]) => onChange(next.length === 0 && !required ? undefined : next);
  return (
    <fieldset className="schema-list" aria-describedby={describedBy || undefined}>
      <legend>{label}</legend>
      {items.length === 0 ? <p className="hint">No items.</p> : null}
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            <label htmlFor={`${id}-${i}`} className="sr-only">
              {label} item {i + 1}
            </label>
            <input
              id={`${id}-${i}`}
              value={typeof item === 'string' ? item : JSON.stringify(item)}
              aria-invalid={invalid}
              onChange={(e) => set(items.map((old, j) => (j === i ? e.target.value : old)))}
            />
            <button
              type="button"
              className="secondary small"
              aria-label={`Remove item ${i + 1} of ${label}`}
              onClick={() => set(items.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary small" onClick={() => set([...items, ''])}>
        Add an item to {label}
      </button>
      {hint}
      {errors}
    </fieldset>
  );
}

/** A JSON value typed as text; `onJsonProblem` hears when it does not parse (or is not an object). */
function JsonBox({
  id,
  label,
  value,
  onChange,
  messages,
  hint,
  object,
  onJsonProblem,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  messages: string[];
  hint?: string;
  object?: boolean;
  onJsonProblem: (message: string | undefined) => void;
}) {
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [local, setLocal] = useState<string>();
  const shown = [...(local ? [local] : []), ...messages];
  const change = (next: string) => {
    setText(next);
    let problem: string | undefined;
    if (next.trim() === '') {
      onChange(undefined);
    } else {
      try {
        const parsed = JSON.parse(next) as unknown;
        if (object && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)))
          problem = 'must be a JSON object';
        else onChange(parsed);
      } catch (error) {
        problem = `not JSON: ${(error as Error).message}`;
      }
    }
    setLocal(problem);
    onJsonProblem(problem);
  };
  return (
    <div className="schema-field">
      <TextAreaField
        id={id}
        label={label}
        rows={Math.min(10, Math.max(3, text.split('\n').length + 1))}
        spellCheck={false}
        value={text}
        onChange={change}
        errors={shown}
        hint={hint}
      />
    </div>
  );
}
