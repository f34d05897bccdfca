/**
 * Request samples built from the server's own OpenAPI document, for the auth sweep and the fuzz
 * tests. The route schemas use a small subset of JSON Schema (object/array/string/number/integer/
 * boolean/null, enum, anyOf, min/max, minLength/maxLength, minItems/maxItems, uniqueItems,
 * pattern, format date-time|uri, additionalProperties); a keyword outside it makes the generator
 * throw, so a new kind of schema cannot be sampled wrongly in silence.
 */
import fc from 'fast-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: HttpMethod;
  /** OpenAPI path, e.g. `/v1/jobs/{id}/artifacts/{name}`. */
  path: string;
  operationId: string;
  /** `METHOD path`, the key the tests use in their tables. */
  key: string;
  parameters: Parameter[];
  /** JSON schema of the JSON request body, if the operation takes one. */
  body?: JsonSchema;
  bodyRequired: boolean;
  /** Media types of the request body as documented. */
  contentTypes: string[];
  /** Body is a raw stream (upload/import): no JSON schema, any media type the route names. */
  streamUpload: boolean;
  /** False only for operations declared `security: []` (public). */
  requiresAuth: boolean;
  /** Answers a Server-Sent Events stream (stays open: read its headers only). */
  eventStream: boolean;
}

/** Every operation of an OpenAPI 3.1 document. */
/** Body and query property names that carry workspace-scoped ids. */
export const ID_PROPS = new Set([
  'flowId',
  'dependsOn',
  'workspaceId',
  'projectId',
  'datasetId',
  'sourceDatasetId',
  'searchJobId',
  'jobId',
  'definitionId',
  'ids',
  'batchIds',
  'memberId',
  'assignee',
]);

export function listOperations(doc: JsonSchema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, JsonSchema>)) {
    for (const [m, op] of Object.entries(item)) {
      if (!['get', 'post', 'patch', 'put', 'delete'].includes(m)) continue;
      const method = m.toUpperCase() as HttpMethod;
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: JsonSchema }>;
      const contentTypes = Object.keys(content);
      const json = content['application/json']?.schema;
      const security = (op.security ?? doc.security ?? []) as unknown[];
      ops.push({
        method,
        path,
        operationId: op.operationId as string,
        key: `${method} ${path}`,
        parameters: ((op.parameters ?? []) as JsonSchema[]).map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required === true,
          schema: p.schema ?? {},
        })),
        ...(json ? { body: json } : {}),
        bodyRequired: json !== undefined && op.requestBody?.required !== false,
        contentTypes,
        // Upload routes parse the body themselves and document it in prose only.
        streamUpload:
          method !== 'GET' && method !== 'DELETE' && !op.requestBody && /upload|import/i.test(op.operationId),
        requiresAuth: security.length > 0,
        eventStream: Object.values((op.responses ?? {}) as Record<string, JsonSchema>).some(
          (r) => r.content && 'text/event-stream' in r.content,
        ),
      });
    }
  }
  return ops;
}

/** Builds a URL: `{name}` path params from `path`, then `query` (undefined values left out). */
export function buildUrl(
  op: Pick<Operation, 'path'>,
  path: Record<string, string>,
  query: Record<string, string | string[] | undefined> = {},
): string {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${op.path}`);
    return encodeURIComponent(value);
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  }
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

// ---------------------------------------------------------------------------------------------
// Deterministic minimal samples

/** Values for string patterns the schemas use (a new pattern must be added here). */
const PATTERN_SAMPLES: Record<string, string> = {
  '^[a-z][a-z0-9_.:-]*$': 'sample.type',
  '^[A-Za-z0-9_.:-]+$': 'c1',
  '^[^_]': 'col',
  '^https?://': 'https://example.invalid/hook',
  '^whsec_[A-Za-z0-9+/=]{16,}$': 'whsec_AAAAAAAAAAAAAAAAAAAAAAAA',
  '^[0-9]+$': '1',
  '^[A-Za-z0-9_-]{1,50}$': 'qa',
  '^[^\\s@]+@[^\\s@]+$': 'someone@example.org',
};

/** Values for properties whose meaning a type cannot express (a cron string, a time zone). */
const NAMED_SAMPLES: Record<string, unknown> = {
  schedule: '0 3 * * *',
  timezone: 'UTC',
  url: 'https://example.invalid/hook',
};

const KNOWN_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'anyOf',
  'enum',
  'const',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'pattern',
  'format',
  'default',
  'description',
  'examples',
  'title',
]);

function checkKeywords(schema: JsonSchema, where: string): void {
  for (const k of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(k)) throw new Error(`openapi-samples: unsupported keyword "${k}" at ${where}`);
  }
}

export interface SampleOptions {
  /**
   * A value for a property, by name and JSON pointer (undefined: generate one). Called for every
   * property of every object generated, required or not; a value returned for an optional
   * property includes it.
   */
  value?: (name: string, pointer: string, schema: JsonSchema, required: boolean) => unknown;
  /** Also include these optional properties (by name), sampled. */
  include?: (name: string, pointer: string) => boolean;
}

/** Picks the anyOf branch a sample uses: the first that is not `null`. */
function branch(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf as JsonSchema[];
  return options.find((o) => o.type !== 'null') ?? options[0]!;
}

/** A minimal valid value for `schema`: required properties only, smallest lengths and counts. */
export function sample(schema: JsonSchema, options: SampleOptions = {}, pointer = ''): unknown {
  checkKeywords(schema, pointer || '/');
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sample(branch(schema), options, pointer);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
        const at = `${pointer}/${name}`;
        const given = options.value?.(name, at, sub, required.has(name));
        if (given !== undefined) out[name] = given;
        else if (required.has(name) || options.include?.(name, at)) out[name] = sample(sub, options, at);
      }
      // A map (a flow's jobs, keyed by name): as few entries as it must have. The OpenAPI document
      // shows the key pattern's values as `additionalProperties`.
      const values = schema.additionalProperties;
      if (values && typeof values === 'object') {
        for (let i = 0; i < (schema.minProperties ?? 0); i++) {
          out[`k${i + 1}`] = sample(values as JsonSchema, options, `${pointer}/k${i + 1}`);
        }
      }
      return out;
    }
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, 0);
      const item = (schema.items ?? {}) as JsonSchema;
      return Array.from({ length: n }, (_, i) => {
        const v = sample(item, options, `${pointer}/${i}`);
        // uniqueItems over an enum: take successive members.
        if (schema.uniqueItems && item.anyOf) return sample(item.anyOf[i % item.anyOf.length], options);
        return v;
      });
    }
    case 'string': {
      const name = pointer.split('/').pop() ?? '';
      if (name in NAMED_SAMPLES && typeof NAMED_SAMPLES[name] === 'string') return NAMED_SAMPLES[name];
      if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      if (schema.format === 'uri') return 'https://example.invalid/hook';
      if (schema.pattern) {
        const s = PATTERN_SAMPLES[schema.pattern as string];
        if (s === undefined)
          throw new Error(`openapi-samples: no sample for pattern ${schema.pattern} at ${pointer}`);
        return s;
      }
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case undefined:
      return {}; // `{}`: any JSON value
    default:
      throw new Error(`openapi-samples: unsupported type ${String(type)} at ${pointer}`);
  }
}

/** Text form of a query/path sample (params arrive as text and are coerced). */
export function sampleParam(p: Parameter): string {
  const v = sample(p.schema, {}, `/${p.name}`);
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** JSON pointers of every property whose name matches, with whether each is required. */
export function findProperties(
  schema: JsonSchema,
  match: (name: string) => boolean,
  pointer = '',
): { pointer: string; name: string; required: boolean; schema: JsonSchema }[] {
  const out: { pointer: string; name: string; required: boolean; schema: JsonSchema }[] = [];
  if (schema.anyOf)
    for (const b of schema.anyOf as JsonSchema[]) out.push(...findProperties(b, match, pointer));
  if (schema.items) out.push(...findProperties(schema.items, match, `${pointer}/0`));
  const required = new Set<string>(schema.required ?? []);
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const at = `${pointer}/${name}`;
    if (match(name)) out.push({ pointer: at, name, required: required.has(name), schema: sub });
    out.push(...findProperties(sub, match, at));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries

const shortText = fc.string({ minLength: 0, maxLength: 12 });

/** Random valid values for `schema` (optional properties included at random). */
export function validArbitrary(
  schema: JsonSchema,
  options: SampleOptions = {},
  pointer = '',
): fc.Arbitrary<unknown> {
  checkKeywords(schema, pointer || '/');
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.anyOf)
    return fc.oneof(...(schema.anyOf as JsonSchema[]).map((b) => validArbitrary(b, options, pointer)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
      const required = new Set<string>(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, sub] of props) {
        const at = `${pointer}/${name}`;
        const given = options.value?.(name, at, sub, required.has(name));
        record[name] = given !== undefined ? fc.constant(given) : validArbitrary(sub, options, at);
      }
      return fc.record(record, { requiredKeys: props.map(([n]) => n).filter((n) => required.has(n)) });
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 3, min + 3);
      const item = validArbitrary((schema.items ?? {}) as JsonSchema, options, `${pointer}/0`);
      return schema.uniqueItems
        ? fc.uniqueArray(item, { minLength: min, maxLength: max, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength: min, maxLength: max });
    }
    case 'string': {
      const name = pointer.split('/').pop() ?? '';
      if (name in NAMED_SAMPLES) return fc.constant(NAMED_SAMPLES[name]);
      if (schema.format === 'date-time')
        return fc
          .integer({ min: 1, max: 365 * 86_400 })
          .map((s) => new Date(Date.now() + s * 1000).toISOString());
      if (schema.format === 'uri' || schema.pattern) return fc.constant(sample(schema, options, pointer));
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? min + 20, min + 20);
      return fc.string({ minLength: Math.max(min, 0), maxLength: max, unit: 'grapheme-ascii' });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`openapi-samples: unsupported type ${String(type)} at ${pointer}`);
  }
}

/** The JSON pointers of every value a body sample contains (to pick one to mutate). */
export function pointersOf(value: unknown, pointer = ''): string[] {
  const out = [pointer];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointersOf(v, `${pointer}/${i}`)));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      out.push(...pointersOf(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return out;
}

function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** One-field mutations that make a valid body near-valid. */
export type Mutation =
  | { kind: 'wrongType'; value: unknown }
  | { kind: 'outOfRange' }
  | { kind: 'extraProperty'; name: string }
  | { kind: 'dropProperty' }
  | { kind: 'hugeString'; length: number }
  | { kind: 'nullify' }
  | { kind: 'controlChars' };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('wrongType' as const),
    value: fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      shortText,
      fc.constant([]),
      fc.constant({}),
      fc.constant([1, 'a']),
    ),
  }),
  fc.constant({ kind: 'outOfRange' as const }),
  fc.record({
    kind: fc.constant('extraProperty' as const),
    name: fc.constantFrom('__proto__x', 'unknownField', 'constructor', 'x'),
  }),
  fc.constant({ kind: 'dropProperty' as const }),
  fc.record({ kind: fc.constant('hugeString' as const), length: fc.constantFrom(5_000, 70_000, 300_000) }),
  fc.constant({ kind: 'nullify' as const }),
  fc.constant({ kind: 'controlChars' as const }),
);

function outOfRange(v: unknown): unknown {
  if (typeof v === 'number') return fc.sample(fc.constantFrom(-1e12, 1e12, -1, 0, 1.5, 2 ** 53 + 2), 1)[0];
  if (typeof v === 'string') return v.length > 0 ? '' : 'y'.repeat(5000);
  if (Array.isArray(v)) return v.length > 0 ? [] : Array.from({ length: 1001 }, () => v[0] ?? 'x');
  return 'not-in-range';
}

/** Applies `m` at `pointer` of a copy of `body` ('' = the whole body). */
export function mutate(body: unknown, pointer: string, m: Mutation): unknown {
  const copy = cloneJson(body);
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const replace = (old: unknown): unknown => {
    switch (m.kind) {
      case 'wrongType':
        return m.value;
      case 'outOfRange':
        return outOfRange(old);
      case 'hugeString':
        return 'z'.repeat(m.length);
      case 'nullify':
        return null;
      case 'controlChars':
        return typeof old === 'string' ? `${old}\u0000\u0007\ud800` : old;
      case 'extraProperty':
        return old !== null && typeof old === 'object' && !Array.isArray(old) ? { ...old, [m.name]: 1 } : old;
      case 'dropProperty':
        return undefined;
    }
  };
  if (parts.length === 0) {
    if (m.kind === 'dropProperty') return undefined;
    return replace(copy);
  }
  let parent: unknown = copy;
  for (const p of parts.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return copy;
    parent = (parent as Record<string, unknown>)[p];
  }
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (m.kind === 'dropProperty') parent.splice(i, 1);
    else parent[i] = replace(parent[i]);
  } else if (parent !== null && typeof parent === 'object') {
    const obj = parent as Record<string, unknown>;
    if (m.kind === 'dropProperty') delete obj[last];
    else obj[last] = replace(obj[last]);
  }
  return copy;
}
