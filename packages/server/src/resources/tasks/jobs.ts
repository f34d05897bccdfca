import type { JobContext, JobTypeDefinition } from '../../engine/index.js';
import { builtinJobType } from '../../engine/index.js';
import { NonRetryableError } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { taskIdsPage } from '../../store/queries/tasks.js';
import type { Principal } from '../../auth/principal.js';
import { SYNC_LIMIT, type BulkItem, type TaskBulk } from './bulk.js';
import { jobPrincipal, type TaskReview, type VerdictOperation } from './review.js';
import { runTaskExport } from './export.js';
import { jobFilter } from './filter.js';
import type { TaskFilterInput } from './schema.js';
import type { Operation } from './workflow.js';
import type { TaskCreation } from './create.js';
import { runFromRows } from './from-rows.js';
import type { TaskValidators } from './validators.js';

/**
 * The task job types: `tasks.import` (run by the request that streams the file; a worker that
 * meets one finds it interrupted), `tasks.export`, `tasks.bulk` (a filter's worth of tasks) and
 * `tasks.from_rows` (a task per row of a batch).
 */
export function taskJobTypes(
  store: Store,
  bulk: TaskBulk,
  review: TaskReview,
  creation: TaskCreation,
  validators: TaskValidators,
): JobTypeDefinition[] {
  return [
    builtinJobType(
      'tasks.import',
      'Imports tasks from a streamed file (run by the request that sends it).',
      async () => {
        throw new NonRetryableError(
          'The import was interrupted (the server handling it stopped). The tasks created before stay; send the file again with onExisting=skip to finish it.',
          { code: 'upload_interrupted' },
        );
      },
    ),
    builtinJobType(
      'tasks.export',
      'Streams the tasks a filter selects into a JSON, JSONL or CSV artifact, or their images and labels into a COCO, YOLO, VOC or masks one.',
      (ctx) =>
        runTaskExport(
          store,
          ctx,
          jobFilter((ctx.arguments as { filter: TaskFilterInput }).filter, ctx.workspaceId),
        ),
    ),
    builtinJobType(
      'tasks.bulk',
      'Reviews, redoes, moves, assigns, gives verdicts on or updates the properties of the tasks a filter selects.',
      (ctx) => runBulk(store, bulk, review, ctx),
    ),
    builtinJobType(
      'tasks.from_rows',
      "Creates a task per row of a batch, in that batch, named and filled from the rows' columns.",
      (ctx) => runFromRows(store, creation, validators, ctx),
    ),
  ];
}

/** The `tasks.bulk` job: the operation applied to the tasks a filter selects, a page at a time. */
async function runBulk(store: Store, bulk: TaskBulk, review: TaskReview, ctx: JobContext): Promise<unknown> {
  const args = ctx.arguments as {
    filter: TaskFilterInput;
    operation: Operation | VerdictOperation;
    reason: string | null;
    actor: string | null;
    memberId?: string | null;
    principal?: Parameters<typeof jobPrincipal>[0];
  };
  const { operation } = args;
  // A verdict is given task by task as the credential that asked (review.ts); the other
  // operations apply a page in one transaction (bulk.ts).
  const apply = (ids: string[]): Promise<BulkItem[]> => {
    if (operation.kind !== 'verdict')
      return bulk.applyTo(
        ids,
        ctx.workspaceId,
        { actor: args.actor, memberId: args.memberId ?? null },
        args.reason,
        operation,
      );
    const { kind: _kind, ...verdict } = operation;
    if (!args.principal)
      throw new NonRetryableError('A verdict job names the credential it gives its verdicts as.');
    const principal: Principal = jobPrincipal(args.principal, ctx.workspaceId);
    return review.applyVerdicts(principal, ids, verdict);
  };
  const filter = jobFilter(args.filter, ctx.workspaceId);
  // Tasks go in id order, a page at a time; the checkpoint is the last id done, so a retry goes on
  // after it and never applies the operation twice to a task (even one it moved out of the filter).
  const saved = ctx.checkpoint as {
    afterId: string;
    applied: number;
    refused: number;
    refusals: BulkItem[];
  } | null;
  let after = saved?.afterId ?? '';
  let applied = saved?.applied ?? 0;
  let refused = saved?.refused ?? 0;
  const refusals: BulkItem[] = saved?.refusals ?? [];
  for (;;) {
    ctx.signal.throwIfAborted();
    const page = await taskIdsPage(store, filter, after, SYNC_LIMIT);
    if (page.length === 0) break;
    const items = await apply(page.map((t) => t.id));
    for (const item of items) {
      if (item.status === 'applied') applied++;
      else {
        refused++;
        if (refusals.length < 100) refusals.push(item);
      }
    }
    after = page.at(-1)!.id;
    await ctx.saveCheckpoint({ afterId: after, applied, refused, refusals });
    ctx.progress({ done: applied + refused, unit: 'tasks' });
    if (page.length < SYNC_LIMIT) break;
  }
  return { matched: applied + refused, applied, refused, refusals };
}
