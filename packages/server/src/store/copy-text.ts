/** A value as PostgreSQL COPY's text format writes a field. */
export type CopyValue = string | number | boolean | null | undefined;

// Backslash, tab, newline and carriage return are escaped; \N is null.
const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field of a line in COPY's text format (PostgreSQL). */
export function copyTextField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string')
    return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value;
  if (typeof value === 'number') return String(value);
  return value ? 't' : 'f';
}
