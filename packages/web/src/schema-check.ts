import { Ajv, type ErrorObject } from 'ajv';

/** One problem of a task schema as typed: where (a JSON pointer inside the schema) and what. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

// The server checks task data with Ajv 8 (strict: false, every error); the page uses the same so a
// schema it accepts compiles there too. Formats are the server's business (ajv-formats).
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

/**
 * Checks the text of a task schema editor: empty is "no schema"; otherwise it must be JSON, an
 * object, valid against the JSON Schema meta-schema, and compile. Returns the parsed schema (or
 * null for none) and the problems, each with its pointer inside the schema.
 */
export function checkTaskSchema(text: string): {
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
