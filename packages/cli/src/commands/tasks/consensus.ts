// Consensus: a task's annotations by several members, and a reviewer's choice of its result.
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { printJson, printLine, printTable, type Column } from '../../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';

const ANNOTATION_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'MEMBER', field: 'memberId' },
  { header: 'CHOSEN', field: 'chosen', format: (value) => (value ? 'yes' : '') },
  { header: 'CREATED', field: 'createdAt' },
  { header: 'DATA', field: 'data', format: (value) => JSON.stringify(value) },
];

/** `tasks annotations` and `tasks choose`. */
export function registerTaskConsensus(tasks: Command, ctx: Context): void {
  withClientOptions(
    tasks
      .command('annotations')
      .description("List a task's annotations (consensus projects), oldest first, with the chosen one")
      .argument('<id>', 'task id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const annotations = await client.tasks.annotations(id ?? '');
      if (ctx.json) printJson(ctx, annotations);
      else if (annotations.length === 0) printLine(ctx, 'No annotations.');
      else printTable(ctx, ANNOTATION_COLUMNS, annotations as unknown as Record<string, unknown>[]);
    }),
  );

  withClientOptions(
    tasks
      .command('choose')
      .description("Choose one of a task's annotations as its result: the task's data becomes it")
      .argument('<id>', 'task id')
      .argument('<annotationId>', 'annotation id (see tasks annotations)'),
  ).action(
    handler<ClientFlags>(ctx, async ([id, annotationId], flags) => {
      const { client } = connect(ctx, flags);
      const task = await client.tasks.choose(id ?? '', annotationId ?? '');
      if (ctx.json) printJson(ctx, task);
      else
        printLine(ctx, `Chose ${annotationId} for ${task.id}: its data is the task's now (${task.status}).`);
    }),
  );
}
