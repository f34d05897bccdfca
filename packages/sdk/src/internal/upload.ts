import type { BatchSource, UploadFormat, UploadProgress } from '../types.js';
import { BatchyardError } from '../core/errors.js';
import type { ChunkProducer } from './stream-body.js';

/** Characters per chunk (about 128 KiB of ASCII; chunks end on a whole row). */
export const CHUNK_CHARS = 128 * 1024;

export const UPLOAD_CONTENT_TYPES: Record<UploadFormat, string> = {
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  csv: 'text/csv',
};

const EXTENSION_FORMATS: Record<string, UploadFormat> = {
  csv: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
};

/** An upload ready to be opened (once per attempt) as a chunk producer. */
export interface PreparedUpload {
  format: UploadFormat;
  /** Rows, when known before sending (an array). */
  rowCount?: number;
  /** Bytes, when known before sending (a file, a string). */
  totalBytes?: number;
  open(): ChunkProducer;
}

type Chunk = { text: string; rows: number } | { bytes: Uint8Array; rows: number } | undefined;
type ChunkSource = { next(): Chunk | Promise<Chunk>; close(): void };

/** The node:fs calls an upload from a path needs (loaded on demand: the SDK runs in browsers too). */
interface NodeFs {
  promises: { stat(path: string): Promise<{ size: number; isFile(): boolean }> };
  createReadStream(
    path: string,
    options: { highWaterMark: number },
  ): AsyncIterable<Uint8Array> & { destroy(): void };
}

// Not a literal: bundlers for browsers leave it alone, and the SDK's bundles import nothing.
const NODE_FS = 'node:fs';

async function loadFs(): Promise<NodeFs> {
  try {
    return (await import(NODE_FS)) as NodeFs;
  } catch (error) {
    throw new BatchyardError(
      'Uploading from a path needs node:fs (Node.js); pass the content, rows or an iterable instead.',
      { cause: error },
    );
  }
}

/** Checks the source, picks its format and returns how to produce it chunk by chunk. */
export async function prepareUpload(
  source: BatchSource,
  format: UploadFormat | undefined,
  onProgress: ((progress: UploadProgress) => void) | undefined,
): Promise<PreparedUpload> {
  if (format !== undefined && !(format in UPLOAD_CONTENT_TYPES)) {
    throw new BatchyardError(`\`format\` must be json, jsonl or csv (got ${JSON.stringify(format)}).`);
  }
  let prepared: Omit<PreparedUpload, 'open'> & { open(): ChunkSource };
  if (typeof source === 'string') {
    prepared = stringUpload(source, format);
  } else if (isPathSource(source)) {
    prepared = await fileUpload(source.path, format);
  } else if (Array.isArray(source)) {
    if (format !== undefined && format !== 'jsonl') {
      throw new BatchyardError('Rows given as an array are sent as JSON Lines: leave `format` out.');
    }
    const rows = source as readonly unknown[];
    prepared = { format: 'jsonl', rowCount: rows.length, open: () => arrayChunks(rows) };
  } else if (isAsyncIterable(source) || isIterable(source)) {
    if (format !== undefined && format !== 'jsonl') {
      throw new BatchyardError('Rows given as an iterable are sent as JSON Lines: leave `format` out.');
    }
    prepared = {
      format: 'jsonl',
      open: () =>
        isAsyncIterable(source) ? asyncIterableChunks(source) : iterableChunks(source as Iterable<unknown>),
    };
  } else {
    throw new BatchyardError(
      'The source must be { path }, a string, an array of rows, or an (async) iterable of rows.',
    );
  }
  const { totalBytes } = prepared;
  return {
    ...prepared,
    open: () => withProgress(prepared.open(), totalBytes, onProgress),
  };
}

function isPathSource(source: unknown): source is { path: string } {
  return (
    typeof source === 'object' &&
    source !== null &&
    !Array.isArray(source) &&
    typeof (source as { path?: unknown }).path === 'string' &&
    !isIterable(source) &&
    !isAsyncIterable(source)
  );
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

/** Encodes chunks, counts what went out and reports it. */
function withProgress(
  source: ChunkSource,
  totalBytes: number | undefined,
  onProgress: ((progress: UploadProgress) => void) | undefined,
): ChunkProducer {
  const encoder = new TextEncoder();
  let rows = 0;
  let bytes = 0;
  return {
    async next() {
      const chunk = await source.next();
      if (chunk === undefined) return undefined;
      const data = 'text' in chunk ? encoder.encode(chunk.text) : chunk.bytes;
      rows += chunk.rows;
      bytes += data.byteLength;
      if (onProgress) {
        onProgress(totalBytes === undefined ? { rows, bytes } : { rows, bytes, totalBytes });
      }
      return data;
    },
    close: () => source.close(),
  };
}

function rowError(index: number, error: unknown): BatchyardError {
  return new BatchyardError(
    `Row ${index + 1} cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

/** One JSON line per row; `undefined` and functions (no JSON) become `null`, which the server reports. */
function line(row: unknown): string {
  return JSON.stringify(row) ?? 'null';
}

/** An array as JSON Lines: each chunk built in one go, no await per row. */
function arrayChunks(rows: readonly unknown[]): ChunkSource {
  let index = 0;
  return {
    next() {
      if (index >= rows.length) return undefined;
      const start = index;
      let text = '';
      try {
        while (index < rows.length && text.length < CHUNK_CHARS) {
          text += line(rows[index]) + '\n';
          index++;
        }
      } catch (error) {
        throw rowError(index, error);
      }
      return { text, rows: index - start };
    },
    close() {
      index = rows.length;
    },
  };
}

/** A synchronous iterable as JSON Lines, iterated only when the first chunk is asked for. */
function iterableChunks(rows: Iterable<unknown>): ChunkSource {
  let iterator: Iterator<unknown> | undefined;
  let done = false;
  let count = 0;
  return {
    next() {
      if (done) return undefined;
      iterator ??= rows[Symbol.iterator]();
      let text = '';
      let rowsInChunk = 0;
      while (text.length < CHUNK_CHARS) {
        let item: IteratorResult<unknown>;
        try {
          item = iterator.next();
        } catch (error) {
          // The iterator's own error, as it is.
          done = true;
          throw error;
        }
        if (item.done) {
          done = true;
          break;
        }
        let json: string;
        try {
          json = line(item.value);
        } catch (error) {
          done = true;
          iterator.return?.();
          throw rowError(count, error);
        }
        text += json + '\n';
        rowsInChunk++;
        count++;
      }
      if (rowsInChunk === 0) return undefined;
      return { text, rows: rowsInChunk };
    },
    close() {
      if (!done && iterator) {
        done = true;
        iterator.return?.();
      }
    },
  };
}

/** An async iterable as JSON Lines: rows are awaited one by one but sent a chunk at a time. */
function asyncIterableChunks(rows: AsyncIterable<unknown>): ChunkSource {
  let iterator: AsyncIterator<unknown> | undefined;
  let done = false;
  let count = 0;
  return {
    async next() {
      if (done) return undefined;
      iterator ??= rows[Symbol.asyncIterator]();
      let text = '';
      let rowsInChunk = 0;
      while (text.length < CHUNK_CHARS) {
        let item: IteratorResult<unknown>;
        try {
          item = await iterator.next();
        } catch (error) {
          // The iterator's own error, as it is.
          done = true;
          throw error;
        }
        if (item.done) {
          done = true;
          break;
        }
        let json: string;
        try {
          json = line(item.value);
        } catch (error) {
          done = true;
          void iterator.return?.()?.catch(() => undefined);
          throw rowError(count, error);
        }
        text += json + '\n';
        rowsInChunk++;
        count++;
      }
      if (rowsInChunk === 0) return undefined;
      return { text, rows: rowsInChunk };
    },
    close() {
      if (!done && iterator) {
        done = true;
        void iterator.return?.()?.catch(() => undefined);
      }
    },
  };
}

function stringUpload(content: string, format: UploadFormat | undefined) {
  let chosen = format;
  if (chosen === undefined) {
    if (/^\uFEFF?\s*\[/.test(content)) chosen = 'json';
    else {
      throw new BatchyardError(
        'Pass `format` (csv, jsonl or json) with content given as a string (only a JSON array is recognised).',
      );
    }
  }
  const totalBytes = utf8Length(content);
  return {
    format: chosen,
    totalBytes,
    open: (): ChunkSource => {
      let offset = 0;
      return {
        next() {
          if (offset >= content.length) return undefined;
          let end = Math.min(content.length, offset + CHUNK_CHARS);
          // Never split a surrogate pair across chunks.
          const last = content.charCodeAt(end - 1);
          if (end < content.length && last >= 0xd800 && last <= 0xdbff) end--;
          const text = content.slice(offset, end);
          offset = end;
          return { text, rows: 0 };
        },
        close() {
          offset = content.length;
        },
      };
    },
  };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

async function fileUpload(path: string, format: UploadFormat | undefined) {
  let chosen = format;
  if (chosen === undefined) {
    const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
    chosen = EXTENSION_FORMATS[extension];
    if (chosen === undefined) {
      throw new BatchyardError(
        `Cannot tell the format of "${path}" from its extension (.csv, .jsonl, .ndjson or .json): pass \`format\`.`,
      );
    }
  }
  const fs = await loadFs();
  let size: number;
  try {
    const stat = await fs.promises.stat(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (error) {
    throw new BatchyardError(
      `Cannot read "${path}": ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return {
    format: chosen,
    totalBytes: size,
    open: (): ChunkSource => {
      let stream: (AsyncIterable<Uint8Array> & { destroy(): void }) | undefined;
      let iterator: AsyncIterator<Uint8Array> | undefined;
      return {
        async next() {
          if (!iterator) {
            stream = fs.createReadStream(path, { highWaterMark: CHUNK_CHARS });
            iterator = stream[Symbol.asyncIterator]();
          }
          let item: IteratorResult<Uint8Array>;
          try {
            item = await iterator.next();
          } catch (error) {
            throw new BatchyardError(
              `Cannot read "${path}": ${error instanceof Error ? error.message : String(error)}`,
              { cause: error },
            );
          }
          return item.done ? undefined : { bytes: item.value, rows: 0 };
        },
        close() {
          stream?.destroy();
        },
      };
    },
  };
}
