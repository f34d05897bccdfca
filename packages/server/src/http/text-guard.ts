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
} as const;

function wellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Why a string cannot be stored on both stores alike (NUL, bad UTF-8, lone surrogate), or undefined. */
export function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return text.includes(INVALID_UTF8_MARK) ? TEXT_REASONS.utf8 : TEXT_REASONS.nul;
  return wellFormed(text) ? undefined : TEXT_REASONS.surrogate;
}

/** The JSON pointer of the first string (or key) holding a NUL character, or undefined. */
export function findNul(value: unknown, pointer = ''): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? pointer : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (key.includes(NUL)) return at;
      const found = findNul(inner, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export interface BadText {
  /** JSON pointer of the string, key or container at fault. */
  pointer: string;
  reason: string;
}

/**
 * The first string or key that cannot be stored (see textProblem), or the first array or object
 * nested deeper than `maxDepth` levels (the value itself is level 1), or undefined.
 */
export function findBadText(
  value: unknown,
  maxDepth = MAX_BODY_DEPTH,
  pointer = '',
  depth = 0,
): BadText | undefined {
  if (typeof value === 'string') {
    const reason = textProblem(value);
    return reason === undefined ? undefined : { pointer, reason };
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= maxDepth) return { pointer, reason: `is nested deeper than ${maxDepth} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], maxDepth, `${pointer}/${i}`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const reason = textProblem(key);
    if (reason !== undefined) return { pointer: at, reason };
    const found = findBadText(inner, maxDepth, at, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Refuses text that cannot be stored (a NUL character, an unpaired surrogate) in path
 * parameters, the query string and JSON bodies, and bodies nested deeper than MAX_BODY_DEPTH,
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
      if (bad !== undefined) {
        const message =
          bad.reason === TEXT_REASONS.nul ? 'must not contain the NUL character (U+0000)' : bad.reason;
        throw badField(location, bad.pointer, message);
      }
    }
  });
}
