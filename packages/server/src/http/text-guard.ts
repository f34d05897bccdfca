import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { badField, type FieldError } from '../errors/problem.js';

const NUL = '\u0000';

/**
 * What uploads put in place of bytes that are not UTF-8 (see batches/ingest.ts): NUL then SUB
 * (U+001A, "substitute"). NUL is refused in stored text anyway, so the marker never reaches a store.
 */
export const INVALID_UTF8_MARK = '\u0000\u001a';

/** Bodies nested deeper than this are refused (jsonb and recursive code have depth limits). */
export const MAX_BODY_DEPTH = 128;

/** The reasons a text cannot be stored, one sentence each (the caller adds where). */
export const TEXT_REASONS = {
  nul: 'contains a NUL character (U+0000), which cannot be stored',
  utf8: 'contains bytes that are not valid UTF-8, which cannot be stored',
  surrogate: 'contains an unpaired UTF-16 surrogate (U+D800–U+DFFF), which cannot be stored',
  nonFinite:
    'must be a finite number (a double holds up to about 1.8e308; larger numbers such as 1e400 are refused)',
} as const;

function wellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Why a string cannot be stored on both stores alike (NUL, bad UTF-8, lone surrogate), or undefined. */
export function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return text.includes(INVALID_UTF8_MARK) ? TEXT_REASONS.utf8 : TEXT_REASONS.nul;
  return wellFormed(text) ? undefined : TEXT_REASONS.surrogate;
}

export interface BadText {
  /** JSON pointer of the string, key, number or container at fault. */
  pointer: string;
  reason: string;
}

/**
 * The first value of a parsed JSON document that cannot be stored on both stores alike, with why:
 * a string or key that textProblem refuses, a number that is not finite (JSON has no Infinity, but
 * `1e400` parses as one: a JSON column would turn it into null, a double column into an Infinity
 * no response can serialise), or an array or object nested deeper than `maxDepth` levels (the
 * value itself is level 1). One walk does every check, and the pointer is built only for what it
 * finds (building it for every value made the walk ten times slower).
 */
export function findBadText(value: unknown, maxDepth = MAX_BODY_DEPTH): BadText | undefined {
  const path: string[] = [];
  const reason = badValue(value, path, maxDepth, 0);
  if (reason === undefined) return undefined;
  let pointer = '';
  for (let i = path.length - 1; i >= 0; i--)
    pointer += `/${path[i]!.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return { pointer, reason };
}

/** Why `value` cannot be stored; `path` gets the segments to it, innermost first. */
function badValue(value: unknown, path: string[], maxDepth: number, depth: number): string | undefined {
  if (typeof value === 'string') return textProblem(value);
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : TEXT_REASONS.nonFinite;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= maxDepth) return `is nested deeper than ${maxDepth} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badValue(value[i], path, maxDepth, depth + 1);
      if (found !== undefined) {
        path.push(String(i));
        return found;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found =
      textProblem(key) ?? badValue((value as Record<string, unknown>)[key], path, maxDepth, depth + 1);
    if (found !== undefined) {
      path.push(key);
      return found;
    }
  }
  return undefined;
}

/** The message of a problem found by findBadText, as a field error says it. */
export function badTextMessage(bad: BadText): string {
  return bad.reason === TEXT_REASONS.nul ? 'must not contain the NUL character (U+0000)' : bad.reason;
}

/**
 * Refuses text that cannot be stored (a NUL character, an unpaired surrogate) in path
 * parameters, the query string and JSON bodies, numbers out of a double's range (`1e400`), and
 * bodies nested deeper than MAX_BODY_DEPTH,
 * with a 400 naming the field: PostgreSQL text and jsonb refuse them (NUL: errors 22021 and
 * 22P05; surrogates: invalid byte sequence; depth: stack depth exceeded) and would surface as a
 * 500, while SQLite would store bytes that are not UTF-8; both stores refuse them alike.
 * Walking a body costs well under a microsecond per value, next to its parsing.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: [FieldError['in'], unknown][] = [
      ['path', request.params],
      ['query', request.query],
    ];
    if (!(request.body instanceof Readable)) parts.push(['body', request.body]);
    for (const [location, value] of parts) {
      const bad = findBadText(value, MAX_BODY_DEPTH);
      if (bad !== undefined) throw badField(location, bad.pointer, badTextMessage(bad));
    }
  });
}
