import type { Ajv, ErrorObject } from 'ajv';
import { useEffect, useState } from 'react';

/** One problem of a task schema as typed: where (a JSON pointer inside the schema) and what. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

// The server checks task data with Ajv 8 (strict: false, every error); the page uses the same so a
// schema it accepts compiles there too. Formats are the server's business (ajv-formats). Loaded on
// first use: it is a third of the bundle, and only the project form needs it.
let loaded: Ajv | undefined;
let loading: Promise<Ajv> | undefined;
function loadAjv(): Promise<Ajv> {
  loading ??= import('ajv').then(
    (m) => (loaded = new m.Ajv({ strict: false, allErrors: true, validateFormats: false })),
  );
  return loading;
}

/** checkTaskSchema with Ajv once it has loaded (before that, the JSON and shape checks only). */
export function useTaskSchemaCheck(text: string): ReturnType<typeof checkTaskSchema> {
  const [ajv, setAjv] = useState(loaded);
  useEffect(() => {
    if (!ajv) void loadAjv().then(setAjv, () => undefined);
  }, [ajv]);
  return checkTaskSchema(text, ajv);
}

/**
 * Checks the text of a task schema editor: empty is "no schema"; otherwise it must be JSON, an
 * object, valid against the JSON Schema meta-schema, and compile. Returns the parsed schema (or
 * null for none) and the problems, each with its pointer inside the schema.
 */
export function checkTaskSchema(
  text: string,
  ajv: Ajv | undefined,
): {
  schema: Record<string, unknown> | null | undefined;
  problems: SchemaProblem[];
} {
  if (text.trim() === '') return { schema: null, problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      schema: undefined,
      problems: [{ pointer: '', message: `not JSON: ${(error as Error).message}` }],
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { schema: undefined, problems: [{ pointer: '', message: 'a task schema is a JSON object' }] };
  }
  const schema = value as Record<string, unknown>;
  if (!ajv)
    return { schema: shapeProblems(schema).length > 0 ? undefined : schema, problems: shapeProblems(schema) };
  if (!ajv.validateSchema(schema)) {
    return { schema: undefined, problems: (ajv.errors ?? []).map(metaProblem) };
  }
  try {
    ajv.compile(schema);
  } catch (error) {
    return { schema: undefined, problems: [{ pointer: '', message: (error as Error).message }] };
  }
  return { schema, problems: [] };
}

function metaProblem(error: ErrorObject): SchemaProblem {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const detail = allowed ? ` (${allowed.map((v) => JSON.stringify(v)).join(', ')})` : '';
  return { pointer: error.instancePath, message: `${error.message ?? 'is invalid'}${detail}` };
}

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/** The checks made before Ajv has loaded: `type` names JSON types, `properties` is an object. */
function shapeProblems(schema: Record<string, unknown>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  if (schema.type !== undefined && !types.every((t) => typeof t === 'string' && TYPES.has(t))) {
    problems.push({ pointer: '/type', message: `must be one of ${[...TYPES].join(', ')}` });
  }
  const properties = schema.properties;
  if (
    properties !== undefined &&
    (typeof properties !== 'object' || properties === null || Array.isArray(properties))
  ) {
    problems.push({ pointer: '/properties', message: 'must be an object' });
  }
  return problems;
}
