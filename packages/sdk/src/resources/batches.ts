import { BatchyardError } from '../core/errors.js';
import type { Query, RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { StreamBody } from '../internal/stream-body.js';
import { UPLOAD_CONTENT_TYPES, prepareUpload } from '../internal/upload.js';
import { JobHandle } from '../jobs/handle.js';
import type {
  Batch,
  BatchCreateParams,
  BatchFromDatasetParams,
  BatchGetParams,
  BatchListParams,
  BatchMergeParams,
  BatchSource,
  FieldName,
  Job,
  Selected,
  UploadFormat,
} from '../types.js';

/**
 * The batches of datasets: uploads, appends from another dataset, suspend/restore, delete, and
 * squash-and-merge drafts. Every change runs as a job and returns its handle.
 */
export class Batches extends APIResource {
  /**
   * Creates a batch from rows, streamed in one request (chunks of about 128 KiB, never the whole
   * upload in memory). `source` is `{ path }` (a .csv, .jsonl, .ndjson or .json file; Node.js only),
   * a Blob or File (browsers; its format from `format` or the file name's extension),
   * a string of CSV, JSON Lines or a JSON array, an array of row objects, or an (async) iterable of
   * them (sent as JSON Lines). Resolves once the server has the rows, with the handle of the
   * finished `batch.ingest` job: its result is an IngestResult, its `errors.jsonl` artifact lists
   * the bad rows. An upload that started sending is not retried (a stream cannot be replayed), but
   * carries an `Idempotency-Key`, so retrying the call with the same `idempotencyKey` is safe.
   */
  async create(
    datasetId: string,
    source: BatchSource,
    params: BatchCreateParams = {},
    options?: RequestOptions,
  ): Promise<JobHandle> {
    const path = `/v1/datasets/${pathId(datasetId)}/batches/upload`;
    const { name, onRowError, format, total, onProgress, signal } = params;
    if (total !== undefined && !(Number.isInteger(total) && total >= 0)) {
      throw new BatchyardError('`total` must be a whole number of rows.');
    }
    if (isBlob(source)) {
      // A browser File (or any Blob): sent as it is, so the browser reads it from disk and a retry
      // can resend it (browsers stream a ReadableStream body only over HTTP/2). The fetch reports no
      // bytes sent: pass a `fetch` option that does (XMLHttpRequest's upload events) for a bar.
      const chosen = format ?? blobFormat(source);
      const job = await this.client.request<Job>('POST', path, {
        ...options,
        ...(signal ? { signal } : {}),
        query: { name, onRowError, format: chosen, total },
        body: source,
        headers: { ...options?.headers, 'content-type': UPLOAD_CONTENT_TYPES[chosen] },
      });
      onProgress?.({ rows: 0, bytes: source.size, totalBytes: source.size });
      return new JobHandle(this.client, job.id, job);
    }
    const upload = await prepareUpload(source, format, onProgress);
    const query: Query = {
      name,
      onRowError,
      format: upload.format,
      total: total ?? upload.rowCount,
    };
    const body = new StreamBody(UPLOAD_CONTENT_TYPES[upload.format], () => upload.open());
    const job = await this.client.request<Job>('POST', path, {
      ...options,
      ...(signal ? { signal } : {}),
      query,
      body,
    });
    return new JobHandle(this.client, job.id, job);
  }

  /**
   * Appends another dataset's active rows as a new batch, through a column mapping (by name, or by
   * id with `mapBy: 'id'`). Every source column is mapped or listed in `ignore`. `validateOnly`
   * checks every row and writes nothing; `newDataset` writes the target's rows plus the appended
   * ones into a new dataset; `deleteSource` deletes the source after success. Result: AppendResult.
   */
  async createFromDataset(
    targetDatasetId: string,
    body: BatchFromDatasetParams,
    options?: RequestOptions,
  ): Promise<JobHandle> {
    return this.#job('POST', `/v1/datasets/${pathId(targetDatasetId)}/batches/append`, { ...options, body });
  }

  /** A dataset's batches, with filters on ids, states, row counts and creation time. */
  list<F extends FieldName<Batch> = keyof Batch>(
    datasetId: string,
    params: BatchListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Batch, F>> {
    const { createdAfter, createdBefore, ...rest } = params;
    const query: Query = {
      ...(rest as Query),
      createdAfter: timestamp(createdAfter, 'createdAfter'),
      createdBefore: timestamp(createdBefore, 'createdBefore'),
    };
    return this.client.getPage(`/v1/datasets/${pathId(datasetId)}/batches`, query, options);
  }

  get<F extends FieldName<Batch> = keyof Batch>(
    id: string,
    params: BatchGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<Batch, F>> {
    return this.client.request('GET', `/v1/batches/${pathId(id)}`, { ...options, query: params as Query });
  }

  /** Suspends active batches: their rows leave every read (nothing is rewritten). */
  suspend(datasetId: string, ids: readonly string[], options?: RequestOptions): Promise<JobHandle> {
    return this.#job('POST', `/v1/datasets/${pathId(datasetId)}/batches/suspend`, {
      ...options,
      body: { ids: checkIds(ids) },
    });
  }

  /** Restores suspended batches. */
  restore(datasetId: string, ids: readonly string[], options?: RequestOptions): Promise<JobHandle> {
    return this.#job('POST', `/v1/datasets/${pathId(datasetId)}/batches/restore`, {
      ...options,
      body: { ids: checkIds(ids) },
    });
  }

  /** Deletes a batch and its rows (they leave every read at once; the job removes them). */
  delete(batchId: string, options?: RequestOptions): Promise<JobHandle> {
    return this.#job('DELETE', `/v1/batches/${pathId(batchId)}`, options);
  }

  /** Deletes several batches of a dataset and their rows. */
  remove(datasetId: string, ids: readonly string[], options?: RequestOptions): Promise<JobHandle> {
    return this.#job('DELETE', `/v1/datasets/${pathId(datasetId)}/batches`, {
      ...options,
      query: { ids: checkIds(ids) },
    });
  }

  /**
   * Squash-and-merge: the source's batches (all its active ones, or `source.batchIds`) become one
   * draft batch of the target, key conflicts resolved by `strategy`. Result: MergeResult, naming
   * the draft to commit or close.
   */
  merge(targetDatasetId: string, body: BatchMergeParams, options?: RequestOptions): Promise<JobHandle> {
    return this.#job('POST', `/v1/datasets/${pathId(targetDatasetId)}/merge`, { ...options, body });
  }

  /** Commits a draft: it becomes active (with `override`, replacing the conflicting rows atomically). */
  commit(batchId: string, options?: RequestOptions): Promise<JobHandle> {
    return this.#job('POST', `/v1/batches/${pathId(batchId)}/commit`, options);
  }

  /** Closes (discards) a draft. */
  close(batchId: string, options?: RequestOptions): Promise<JobHandle> {
    return this.#job('POST', `/v1/batches/${pathId(batchId)}/close`, options);
  }

  async #job(
    method: string,
    path: string,
    options: RequestOptions & { body?: unknown; query?: Query } = {},
  ): Promise<JobHandle> {
    const job = await this.client.request<Job>(method, path, options);
    return new JobHandle(this.client, job.id, job);
  }
}

function checkIds(ids: readonly string[]): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw new BatchyardError('Pass one or more batch ids.');
  }
  return [...ids];
}

function timestamp(value: Date | string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new BatchyardError(`\`${name}\` is an invalid Date.`);
    return value.toISOString();
  }
  return value;
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/** A File's format from its name's extension (`format` is required for a nameless Blob). */
function blobFormat(blob: Blob): UploadFormat {
  const fileName = (blob as { name?: unknown }).name;
  const extension =
    typeof fileName === 'string' ? /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() : undefined;
  const format = extension ? BLOB_FORMATS[extension] : undefined;
  if (format === undefined) {
    throw new BatchyardError(
      `Cannot tell the format of ${typeof fileName === 'string' ? `"${fileName}"` : 'a Blob'} (.csv, .jsonl, .ndjson or .json): pass \`format\`.`,
    );
  }
  return format;
}

const BLOB_FORMATS: Record<string, UploadFormat> = {
  csv: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
};
