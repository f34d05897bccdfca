import { ApiError, badField } from '../../errors/problem.js';

// isahitlab uploads a task's data first (`import-data/json`) and then names it by `initialDataId`
// when it creates the task. Batchyard keeps a task's initial data itself, so nothing is stored in
// between: the id carries the data (base64url JSON), the task create decodes it, and the task
// service checks it against the project's task schema like any native create. Bounded in size.

const PREFIX = 'idata_';
/** The largest data one task may carry through the id (the JSON text, in bytes). */
export const MAX_DATA_BYTES = 256 * 1024;

export function encodeDataId(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badField('body', '/body', 'the data is a JSON object');
  }
  const text = JSON.stringify(body);
  if (Buffer.byteLength(text) > MAX_DATA_BYTES) {
    throw new ApiError('payload_too_large', `A task's data is at most ${MAX_DATA_BYTES} bytes of JSON.`);
  }
  return PREFIX + Buffer.from(text).toString('base64url');
}

export function decodeDataId(id: string): Record<string, unknown> {
  const refuse = () => badField('body', '/dataId', 'not an initialDataId that import-data/json returned');
  if (!id.startsWith(PREFIX) || id.length > PREFIX.length + Math.ceil((MAX_DATA_BYTES * 4) / 3) + 4)
    throw refuse();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(id.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse();
  return value as Record<string, unknown>;
}
