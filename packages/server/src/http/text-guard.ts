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

export const NON_FINITE_MESSAGE =
  'must be a finite number (a double holds up to about 1.8e308; larger numbers such as 1e400 are refused)';
const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * The first value in a parsed JSON document that storage cannot hold, with why: a string or key
 * holding NUL (see findNul), or a number that is not finite. JSON has no Infinity, but a number too
 * large for a double (`1e400`) parses as ±Infinity: stored, it would turn into `null` in a JSON
 * column, or into an Infinity that no response can serialise. One walk does both checks, and the
 * pointer is built only for what it finds.
 */
export function findUnstorable(value: unknown): { pointer: string; message: string } | undefined {
  const path: string[] = [];
  const message = unstorable(value, path);
  if (message === undefined) return undefined;
  let pointer = '';
  for (let i = path.length - 1; i >= 0; i--)
    pointer += `/${path[i]!.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return { pointer, message };
}

/** The reason `value` cannot be stored; `path` gets the segments to it, innermost first. */
function unstorable(value: unknown, path: string[]): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? NUL_MESSAGE : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : NON_FINITE_MESSAGE;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorable(value[i], path);
      if (found !== undefined) {
        path.push(String(i));
        return found;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key.includes(NUL)) {
      path.push(key);
      return NUL_MESSAGE;
    }
    const found = unstorable((value as Record<string, unknown>)[key], path);
    if (found !== undefined) {
      path.push(key);
      return found;
    }
  }
  return undefined;
}

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
    for (const [location, value] of parts) {
      const pointer = findNul(value, '');
      if (pointer !== undefined) throw badField(location, pointer, NUL_MESSAGE);
    }
    if (!(request.body instanceof Readable)) {
      const found = findUnstorable(request.body);
      if (found !== undefined) throw badField('body', found.pointer, found.message);
    }
  });
}
