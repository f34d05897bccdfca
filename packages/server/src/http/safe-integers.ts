/**
 * Integers past 2^53 lose precision in JavaScript and overflow PostgreSQL's BIGINT (a 500 from
 * the store): every `integer` in a request schema without its own bounds is held to the safe
 * range, so `?minRowCount=9223372036854775808` is a 400 naming the parameter. Applied to the
 * copy given to the validator; the OpenAPI document keeps the schemas as written.
 */
export function withSafeIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withSafeIntegers);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string | symbol, unknown> = { ...(schema as Record<string | symbol, unknown>) };
  for (const key of Object.keys(out)) {
    // `default`, `examples`, `const` and `enum` hold values, not schemas.
    if (key === 'default' || key === 'examples' || key === 'const' || key === 'enum') continue;
    out[key] = withSafeIntegers(out[key]);
  }
  const type = out.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined)
      out.maximum = Number.MAX_SAFE_INTEGER;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined)
      out.minimum = Number.MIN_SAFE_INTEGER;
  }
  return out;
}
