import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerTaskConsensus } from './consensus.js';
import { registerTaskCreation } from './create.js';
import { registerTaskExport } from './export.js';
import { registerTaskFromRows } from './from-rows.js';
import { registerTaskGold } from './gold.js';
import { registerTaskPriority } from './priority.js';
import { registerTaskReads } from './list.js';
import { registerTaskQueue } from './queue.js';
import { registerTaskVerdicts } from './verdicts.js';
import { registerTaskWorkflow } from './workflow.js';

export function registerTasks(program: Command, ctx: Context): void {
  const tasks = program
    .command('tasks')
    .alias('task')
    .description('Create, list, assign, claim, review, redo and export the tasks of a project');

  // In this order in the help: create, import, from-rows, list, get, review, redo, transition, props, export.
  registerTaskCreation(tasks, ctx);
  registerTaskFromRows(tasks, ctx);
  registerTaskReads(tasks, ctx);
  registerTaskWorkflow(tasks, ctx);
  registerTaskQueue(tasks, ctx);
  registerTaskVerdicts(tasks, ctx);
  registerTaskConsensus(tasks, ctx);
  registerTaskGold(tasks, ctx);
  registerTaskPriority(tasks, ctx);
  registerTaskExport(tasks, ctx);
}
