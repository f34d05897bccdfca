// tasks.create: chunked sends (two in flight), names checked across chunks, malformed items
// dropped and the rest sent again.
import type { Batchyard } from '../../client.js';
import { APIUserAbortError, BadRequestError, BatchyardError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/http.js';
import { newIdempotencyKey, pathId } from '../../internal/http.js';
import type {
  NewTask,
  TaskCreateParams,
  TaskCreateProgress,
  TaskCreateResult,
  TaskItemResult,
} from './types.js';

const DEFAULT_CHUNK = 5000;
const MAX_CHUNK = 10_000;
/** Create requests in flight at once. */
const IN_FLIGHT = 2;
/** Times a chunk is sent again without the items the server found malformed. */
const MAX_REFUSED_ROUNDS = 5;

/** One chunk of tasks.create: what goes out, and where each item sits in the input. */
interface Chunk {
  items: unknown[];
  /** Input index of each item sent. */
  indexes: number[];
  /** Items the SDK refused itself (repeated or missing names), already numbered. */
  local: TaskItemResult[];
  /** Input items this chunk covers (sent or refused). */
  size: number;
}

interface ChunkReader {
  next(): Chunk | undefined | Promise<Chunk | undefined>;
  close(): void;
}

/**
 * Creates tasks in a batch from an array or an (async) iterable, in chunks of `chunkSize`
 * (default 5,000) sent as consecutive requests, two at most in flight. Each chunk carries its
 * own `Idempotency-Key`, so it is retried safely. A name repeated anywhere in the input is
 * `duplicate_in_request` for every later repeat (the server reports repeats inside one chunk,
 * the SDK those across chunks, without sending them). Resolves to the counts and one result
 * per item, `index` being its place in the input.
 */
export async function createTasks(
  client: Batchyard,
  batchId: string,
  items: readonly NewTask[] | Iterable<NewTask> | AsyncIterable<NewTask>,
  params: TaskCreateParams,
  options: RequestOptions,
): Promise<TaskCreateResult> {
  const path = `/v1/batches/${pathId(batchId)}/tasks`;
  const { onExisting, uniqueCheck, dataCheck, onProgress } = params;
  const chunkSize = params.chunkSize ?? DEFAULT_CHUNK;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK) {
    throw new BatchyardError(`\`chunkSize\` must be a whole number from 1 to ${MAX_CHUNK}.`);
  }
  const signal = params.signal ?? options.signal;
  // The settings, serialised once; each body is `{"tasks":[...],<settings>}`.
  const settings = JSON.stringify({ onExisting, uniqueCheck, dataCheck }).slice(1, -1);
  const reader = chunkReader(items, chunkSize);
  const total = Array.isArray(items) ? items.length : undefined;
  const baseKey = options.idempotencyKey;
  let chunkNumber = 0;

  const progress: TaskCreateProgress = { sent: 0, created: 0, skipped: 0, failed: 0 };
  if (total !== undefined) progress.total = total;
  const parts: TaskItemResult[][] = [];

  const send = async (chunk: Chunk, key: string): Promise<TaskItemResult[]> => {
    let answered: TaskItemResult[] = [];
    let { items, indexes } = chunk;
    const local = chunk.local;
    // A request with a malformed item (an unknown key, a resource that is not a string...) is
    // refused whole: those items fail, and the rest of the chunk is sent again (a new key, as the
    // body differs). Each round drops at least one item; a few rounds at most are expected.
    for (let round = 0; items.length > 0; round++) {
      const json = JSON.stringify(items);
      const body = settings ? `{"tasks":${json},${settings}}` : `{"tasks":${json}}`;
      try {
        const response = await client.request<TaskCreateResult>('POST', path, {
          ...options,
          ...(signal ? { signal } : {}),
          idempotencyKey: round === 0 ? key : `${key}:${round}`,
          headers: { ...options.headers, 'content-type': 'application/json' },
          body,
        });
        answered = response.results;
        for (const result of answered) {
          const at = indexes[result.index] ?? result.index;
          result.index = at;
          // The server's pointer names the task inside this chunk's request: point into the input.
          if (result.error?.pointer)
            result.error.pointer = result.error.pointer.replace(/^\/tasks\/\d+/, `/tasks/${at}`);
        }
        break;
      } catch (error) {
        const bad = round < MAX_REFUSED_ROUNDS ? malformedItems(error, items.length) : undefined;
        if (!bad) throw error;
        const keptItems: unknown[] = [];
        const keptIndexes: number[] = [];
        items.forEach((item, i) => {
          const at = indexes[i]!;
          const problem = bad.get(i);
          if (!problem) {
            keptItems.push(item);
            keptIndexes.push(at);
            return;
          }
          local.push({
            index: at,
            name: String((item as { name?: unknown }).name ?? ''),
            status: 'failed',
            error: {
              code: 'invalid_task',
              message: `${problem.rest || 'the task'} ${problem.message}`.trim(),
              pointer: `/tasks/${at}${problem.rest}`,
            },
          });
        });
        items = keptItems;
        indexes = keptIndexes;
      }
    }
    if (local.length === 0) return answered;
    local.sort((a, b) => a.index - b.index);
    return mergeByIndex(answered, local);
  };
  const absorb = (chunk: Chunk, results: TaskItemResult[]) => {
    for (const result of results) {
      if (result.status === 'created') progress.created++;
      else if (result.status === 'skipped') progress.skipped++;
      else progress.failed++;
    }
    progress.sent += chunk.size;
    parts.push(results);
    onProgress?.({ ...progress });
  };

  const inFlight: { chunk: Chunk; done: Promise<TaskItemResult[]> }[] = [];
  try {
    for (;;) {
      if (signal?.aborted) break;
      const next = reader.next();
      const chunk = next instanceof Promise ? await next : next;
      if (chunk === undefined) break;
      const key = baseKey !== undefined ? `${baseKey}:${chunkNumber}` : newIdempotencyKey();
      chunkNumber++;
      const done = send(chunk, key);
      // Awaited in order below; a failure meanwhile must not be an unhandled rejection.
      done.catch(() => undefined);
      inFlight.push({ chunk, done });
      if (inFlight.length >= IN_FLIGHT) {
        const first = inFlight.shift()!;
        absorb(first.chunk, await first.done);
      }
    }
    while (inFlight.length > 0) {
      const first = inFlight.shift()!;
      absorb(first.chunk, await first.done);
    }
  } finally {
    reader.close();
  }
  if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
  const results = parts.length === 1 ? parts[0]! : ([] as TaskItemResult[]).concat(...parts);
  return { created: progress.created, skipped: progress.skipped, failed: progress.failed, results };
}

/**
 * The items a 400 validation_failed names, by their place in the request (with the rest of the
 * pointer and the message); undefined when the error is about anything else.
 */
function malformedItems(
  error: unknown,
  count: number,
): Map<number, { rest: string; message: string }> | undefined {
  if (!(error instanceof BadRequestError) || error.code !== 'validation_failed') return undefined;
  if (error.errors.length === 0) return undefined;
  const bad = new Map<number, { rest: string; message: string }>();
  for (const field of error.errors) {
    const match = field.in === 'body' ? /^\/tasks\/(\d+)(\/.*)?$/.exec(field.pointer ?? '') : null;
    if (!match) return undefined;
    const i = Number(match[1]);
    if (i >= count) return undefined;
    // The first reason given for an item is kept (anyOf adds less helpful ones after it).
    if (!bad.has(i)) bad.set(i, { rest: match[2] ?? '', message: field.message });
  }
  return bad;
}

/** Merges two lists sorted by index. */
function mergeByIndex(a: TaskItemResult[], b: TaskItemResult[]): TaskItemResult[] {
  const out: TaskItemResult[] = new Array<TaskItemResult>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.index <= b[j]!.index ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Reads the input a chunk at a time, refusing repeated and missing names on the way. */
function chunkReader(
  items: readonly NewTask[] | Iterable<NewTask> | AsyncIterable<NewTask>,
  size: number,
): ChunkReader {
  // Names already taken by an earlier item (a Set: the cheapest lookup for a million names).
  const seen = new Set<string>();
  let index = 0;
  let chunk: Chunk = { items: [], indexes: [], local: [], size: 0 };
  /** Adds one input item to the current chunk. */
  const add = (item: unknown) => {
    const at = index++;
    chunk.size++;
    const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
    if (typeof name !== 'string' || name.length === 0) {
      chunk.local.push({
        index: at,
        name: typeof name === 'string' ? name : '',
        status: 'failed',
        error: { code: 'invalid_task', message: 'A task is an object with a non-empty `name`.' },
      });
      return;
    }
    const before = seen.size;
    seen.add(name);
    if (seen.size === before) {
      chunk.local.push({
        index: at,
        name,
        status: 'failed',
        error: {
          code: 'duplicate_in_request',
          message: `"${name}" is the name of an earlier item of this input.`,
        },
      });
      return;
    }
    chunk.items.push(item);
    chunk.indexes.push(at);
  };
  const take = (): Chunk | undefined => {
    const full = chunk;
    chunk = { items: [], indexes: [], local: [], size: 0 };
    return full.size > 0 ? full : undefined;
  };

  if (Array.isArray(items)) {
    const array = items as readonly unknown[];
    return {
      next() {
        const end = Math.min(array.length, index + size);
        while (index < end) add(array[index]);
        return take();
      },
      close() {},
    };
  }
  if (isAsyncIterable(items)) {
    let iterator: AsyncIterator<unknown> | undefined;
    let done = false;
    return {
      async next() {
        iterator ??= items[Symbol.asyncIterator]();
        while (!done && chunk.size < size) {
          const step = await iterator.next();
          if (step.done) done = true;
          else add(step.value);
        }
        return take();
      },
      close() {
        if (!done && iterator) {
          done = true;
          void iterator.return?.()?.catch(() => undefined);
        }
      },
    };
  }
  if (isIterable(items)) {
    let iterator: Iterator<unknown> | undefined;
    let done = false;
    return {
      next() {
        iterator ??= items[Symbol.iterator]();
        while (!done && chunk.size < size) {
          const step = iterator.next();
          if (step.done) done = true;
          else add(step.value);
        }
        return take();
      },
      close() {
        if (!done && iterator) {
          done = true;
          iterator.return?.();
        }
      },
    };
  }
  throw new BatchyardError('`items` must be an array or an (async) iterable of tasks.');
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}
