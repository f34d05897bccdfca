import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { NonRetryableError, type JobContext, type JobEngine } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { findDataset } from '../../store/queries/datasets.js';
import { findArtifact, findJob } from '../../store/queries/jobs.js';
import { scanRowIds, type RowFilter } from '../../store/rows/index.js';
import { parseColumns } from './columns.js';
import { parseRowFilters } from './filters.js';
import type { RowFilterInput } from './schema.js';

/** The job type of a search; its arguments are set by `DatasetService.search`, never by callers. */
export const SEARCH_JOB_TYPE = 'dataset.search';

/** Search results keep this many row ids in the job result; all of them are in `row-ids.txt`. */
const RESULT_IDS = 10_000;
const SEARCH_STEP = 10_000;

/** dataset.search: writes the ids of matching active rows to `row-ids.txt`, the first ones to the result. */
export async function runSearch(store: Store, ctx: JobContext): Promise<unknown> {
  const args = ctx.arguments as { datasetId: string; conjunction: 'and' | 'or'; filters: RowFilterInput[] };
  const dataset = await findDataset(store.db, args.datasetId, ctx.workspaceId);
  if (!dataset) throw new NonRetryableError(`Dataset ${args.datasetId} was deleted.`, { code: 'gone' });
  let filters: RowFilter[];
  try {
    filters = parseRowFilters(parseColumns(dataset), args.filters, 'body', (i) => `/filters/${i}`);
  } catch (error) {
    throw new NonRetryableError((error as Error).message, { code: 'invalid_filter' });
  }
  const out = new PassThrough();
  const writing = ctx.writeArtifact('row-ids.txt', 'text/plain', out);
  const first: number[] = [];
  let count = 0;
  let after = 0;
  try {
    for (;;) {
      ctx.signal.throwIfAborted();
      const ids = await scanRowIds(
        store,
        dataset.rows_table,
        { kind: 'active', datasetId: dataset.id },
        filters,
        args.conjunction,
        after,
        SEARCH_STEP,
      );
      if (ids.length > 0) {
        if (!out.write(`${ids.join('\n')}\n`)) await once(out, 'drain');
        for (const id of ids) if (first.length < RESULT_IDS) first.push(id);
        count += ids.length;
        after = ids.at(-1)!;
        ctx.progress({ done: count, unit: 'matches' });
      }
      if (ids.length < SEARCH_STEP) break;
    }
  } finally {
    out.end();
    await writing;
  }
  return {
    datasetId: dataset.id,
    count,
    rowIds: first,
    complete: count <= RESULT_IDS,
    artifact: 'row-ids.txt',
  };
}

/** Every row id a succeeded search found, from its `row-ids.txt` artifact. */
export async function searchResultIds(
  store: Store,
  engine: JobEngine,
  searchJobId: string,
  workspaceId: string,
): Promise<number[]> {
  // The search must be of the same workspace as the job reading it (defence in depth).
  const search = await findJob(store.db, searchJobId, workspaceId);
  const artifact =
    search?.type === SEARCH_JOB_TYPE ? await findArtifact(store.db, searchJobId, 'row-ids.txt') : undefined;
  if (!artifact) throw new NonRetryableError(`Search ${searchJobId} has no result file.`, { code: 'gone' });
  const ids: number[] = [];
  let carry = '';
  for await (const chunk of engine.artifacts.read(artifact.id)) {
    const lines = (carry + String(chunk)).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) if (line) ids.push(Number(line));
  }
  if (carry) ids.push(Number(carry));
  return ids;
}
