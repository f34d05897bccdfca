import type { JobTypeDefinition } from '../../engine/index.js';
import { builtinJobType } from '../../engine/index.js';
import type { BatchContext } from '../batches/context.js';
import { FROM_SEARCH_JOB_TYPE, runFromSearch } from './from-search.js';
import { runSearch, SEARCH_JOB_TYPE } from './search.js';

/** The job types of datasets, each with its handler. */
export function datasetJobTypes(cx: BatchContext): JobTypeDefinition[] {
  return [
    builtinJobType(
      SEARCH_JOB_TYPE,
      'Finds the active rows of a dataset that match filters; the result holds their count and ids.',
      (ctx) => runSearch(cx.store, ctx),
    ),
    builtinJobType(FROM_SEARCH_JOB_TYPE, 'Creates a dataset from the rows a search found.', (ctx) =>
      runFromSearch(cx, ctx),
    ),
  ];
}
