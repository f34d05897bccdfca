import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { badField, type FieldError } from '../errors/problem.js';

const NUL = '\u0000';

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

/**
 * The JSON pointer of the first number that is not finite, or undefined. JSON has no Infinity or
 * NaN, but a number too large for a double (`1e400`) parses as ±Infinity: stored, it would turn
 * into `null` in a JSON column, or into an Infinity that no response can serialise.
 */
export function findNonFinite(value: unknown, pointer = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : pointer;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner !== 'number' && (inner === null || typeof inner !== 'object')) continue;
      const found = findNonFinite(inner, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const NON_FINITE_MESSAGE =
  'must be a finite number (a double holds up to about 1.8e308; larger numbers such as 1e400 are refused)';

/**
 * Refuses text holding a NUL character (U+0000) in path parameters, the query string and JSON
 * bodies with a 400 naming the field: PostgreSQL text and jsonb cannot store it (errors 22021 and
 * 22P05 would surface as a 500), and the embedded store refuses it too so both behave alike.
 * Numbers out of a double's range (`1e400`, parsed as ±Infinity) in a JSON body are refused the
 * same way. Walking a body costs well under a microsecond per value, next to its parsing.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: [FieldError['in'], unknown][] = [
      ['path', request.params],
      ['query', request.query],
    ];
    if (!(request.body instanceof Readable)) parts.push(['body', request.body]);
    for (const [location, value] of parts) {
      const pointer = findNul(value, '');
      if (pointer !== undefined)
        throw badField(location, pointer, 'must not contain the NUL character (U+0000)');
    }
    if (parts.length === 3) {
      const pointer = findNonFinite(request.body, '');
      if (pointer !== undefined) throw badField('body', pointer, NON_FINITE_MESSAGE);
    }
  });
}
