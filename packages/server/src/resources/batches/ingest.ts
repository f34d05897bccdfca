import type { Readable } from 'node:stream';
import type { Principal } from '../../auth/principal.js';
import { setBatchStates, type BatchRow } from '../../store/queries/batches.js';
import type { DatasetRow } from '../../store/queries/datasets.js';
import { parseColumns } from '../datasets/columns.js';
import type { Job } from '../jobs/schema.js';
import { announceStates, BATCH_JOB_TYPES, openBatch, prepareJob, type BatchContext } from './context.js';
import { csvConverter, objectConverter, type RowConverter } from './convert.js';
import { ErrorReport, type RowError, type RowErrorPolicy } from './error-report.js';
import { rowsInvalid } from './failures.js';
import { JobFailure, runInlineJob, type WorkContext } from '../../engine/index.js';
import { purge } from './lifecycle.js';
import { arrayRecords, uploadRecords, type Records, type UploadFormat } from './records.js';
import { RowSink } from './row-sink.js';

export interface IngestOutcome {
  rows: number;
  errors: number;
}

/**
 * Reads records, type-checks each against the columns and writes the good ones in chunks. With
 * policy `fail`, the first bad row stops writing but the rest is still checked, so that the report
 * lists every bad row at once; the caller then removes the batch.
 */
export async function ingestRecords(
  ctx: WorkContext,
  records: Records,
  makeConverter: (first: unknown) => { convert: RowConverter; skipFirst: boolean },
  sink: RowSink | null,
  report: ErrorReport,
  policy: RowErrorPolicy,
  total: number | null = null,
): Promise<IngestOutcome> {
  let convert: RowConverter | undefined;
  let rowNumber = 0;
  let seen = 0;
  const errors: RowError[] = [];
  try {
    for await (const page of records) {
      ctx.signal.throwIfAborted();
      let start = 0;
      if (!convert) {
        const made = makeConverter(page[0]);
        convert = made.convert;
        if (made.skipFirst) start = 1;
      }
      for (let i = start; i < page.length; i++) {
        rowNumber++;
        const row = convert(page[i], rowNumber, errors);
        if (row === null) continue;
        if (sink && !(policy === 'fail' && report.count + errors.length > 0)) sink.add(row);
      }
      if (errors.length > 0) {
        sink?.addErrors(errors.length);
        report.add(errors);
        errors.length = 0;
      }
      seen = rowNumber;
      if (sink && sink.pending >= sink.chunkRows) {
        await sink.flushBehind();
        ctx.progress({ done: seen, total, unit: 'rows' });
      }
    }
    if (sink) await sink.flush();
  } finally {
    // Nothing may still be writing when the caller removes a failed batch.
    await sink?.settle().catch(() => undefined);
  }
  ctx.progress({ done: seen, total: total ?? seen, unit: 'rows' });
  return { rows: sink?.written ?? seen - report.count, errors: report.count };
}

/**
 * Streams rows from the request into a new pending batch, as job `batch.ingest` run by this
 * request. Returns the finished job: its result names the batch, its `errors.jsonl` artifact
 * lists bad rows. A failed or aborted ingestion leaves no batch behind.
 */
export async function ingest(
  cx: BatchContext,
  leaseMs: number,
  principal: Principal,
  datasetId: string,
  options: {
    name?: string | undefined;
    onRowError?: RowErrorPolicy | undefined;
    total?: number | undefined;
  },
  input: { kind: 'api'; rows: readonly unknown[] } | { kind: 'upload'; format: UploadFormat; body: Readable },
): Promise<Job> {
  const dataset = await cx.datasets.get(principal, datasetId);
  const columns = parseColumns(dataset);
  const policy = options.onRowError ?? 'fail';
  const source = input.kind === 'api' ? { kind: 'api' } : { kind: 'upload', format: input.format };
  const row = await prepareJob(
    cx,
    principal,
    dataset,
    BATCH_JOB_TYPES.ingest,
    { datasetId, source, onRowError: policy },
    `Ingest ${input.kind === 'api' ? 'rows' : `a ${input.format} upload`} into ${dataset.name}`,
  );
  const batch = await openBatch(cx, principal.id, dataset, { name: options.name, source, jobId: row.id });
  const total = input.kind === 'api' ? input.rows.length : (options.total ?? null);
  const finished = await runInlineJob(cx.store, cx.deps.engine, leaseMs, row, principal, async (ctx) => {
    try {
      const records =
        input.kind === 'api' ? arrayRecords(input.rows) : uploadRecords(input.format, input.body);
      const isCsv = input.kind === 'upload' && input.format === 'csv';
      return await fill(cx, ctx, dataset, batch, records, policy, total, (first) =>
        isCsv
          ? { convert: csvConverter(columns, first as string[]), skipFirst: true }
          : { convert: objectConverter(columns), skipFirst: false },
      );
    } catch (error) {
      if (input.kind === 'upload') input.body.resume(); // drain what the client still sends
      throw error;
    }
  });
  const artifacts = await cx.deps.jobs.withArtifacts(finished);
  return artifacts;
}

/** Writes records into a pending batch, then activates it; on any failure removes it. */
async function fill(
  cx: BatchContext,
  ctx: WorkContext,
  dataset: DatasetRow,
  batch: BatchRow,
  records: AsyncIterable<unknown[]>,
  policy: RowErrorPolicy,
  total: number | null,
  makeConverter: Parameters<typeof ingestRecords>[2],
) {
  const columns = parseColumns(dataset);
  const report = new ErrorReport(ctx);
  const sink = new RowSink(
    cx.store,
    dataset.rows_table,
    columns.map((c) => c.id),
    batch.id,
  );
  try {
    const outcome = await ingestRecords(ctx, records, makeConverter, sink, report, policy, total);
    await report.close();
    if (policy === 'fail' && outcome.errors > 0) throw rowsInvalid(report);
    const moved = await setBatchStates(cx.store.db, [batch.id], ['pending'], 'active', { resume: null });
    if (moved.length === 0)
      throw new JobFailure('batch_gone', `Batch ${batch.id} was removed while it was being created.`);
    await announceStates(cx, moved, 'pending', 'active', batch.job_id);
    if (outcome.errors > 0) ctx.warn(`${outcome.errors} bad rows were left out (see errors.jsonl)`);
    return { batchId: batch.id, datasetId: dataset.id, rowCount: sink.written, errorCount: outcome.errors };
  } catch (error) {
    await report.close().catch(() => undefined);
    await purge(cx, batch.id, dataset.rows_table);
    throw error;
  }
}
