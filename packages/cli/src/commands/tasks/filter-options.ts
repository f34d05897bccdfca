// The filter options of list, export and the bulk commands, and the selection they make.
import type { Command } from 'commander';
import type { TaskFilter, TaskSelection, TaskStatus, TaskWhere } from '@batchyard/sdk';
import { UsageError } from '../../errors.js';
import { collect, listArg } from '../../args.js';
import type { ClientFlags } from '../../connect.js';
import { WHERE_OPERATORS_HELP, whereArg } from '../../filter-args.js';

export const TASK_STATUSES: readonly TaskStatus[] = [
  'pending',
  'in_progress',
  'complete',
  'to_review',
  'reviewed',
];

export interface FilterFlags extends ClientFlags {
  project?: string;
  batch?: string[];
  status?: string[];
  name?: string[];
  nameRegex?: string;
  assignee?: string;
  reviewStage?: string;
  where?: TaskWhere[];
}

/** Filter options shared by list, export and the bulk commands. */
export function withFilterOptions(command: Command): Command {
  return command
    .option('--project <id>', 'project id (required with a filter)')
    .option('--batch <ids>', 'only tasks of these batches (comma-separated, repeatable)', collectList)
    .option(
      '--status <statuses>',
      `only tasks in these states (comma-separated: ${TASK_STATUSES.join(', ')})`,
      collectList,
    )
    .option('--name <names>', 'only tasks with these names (comma-separated, repeatable)', collectList)
    .option('--name-regex <pattern>', 'only tasks whose name matches this regular expression')
    .option('--assignee <member>', 'only tasks assigned to this member id ("none": to nobody)')
    .option('--review-stage <name>', 'only tasks waiting at this review stage')
    .option(
      '--where <field:op:value>',
      'a condition on data.<path>, properties.score, properties.<key>, prediction.score, priority, createdAt or updatedAt (repeatable); ' +
        `operators ${WHERE_OPERATORS_HELP} or symbols; in takes a JSON array`,
      collect(whereArg),
    );
}

export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...listArg(value)];
}

export function hasFilter(flags: FilterFlags): boolean {
  return (
    flags.batch !== undefined ||
    flags.status !== undefined ||
    flags.name !== undefined ||
    flags.nameRegex !== undefined ||
    flags.assignee !== undefined ||
    flags.reviewStage !== undefined ||
    flags.where !== undefined
  );
}

export function filterOf(flags: FilterFlags): TaskFilter {
  if (!flags.project) throw new UsageError('--project <id> is required with a filter');
  for (const status of flags.status ?? []) {
    if (!TASK_STATUSES.includes(status as TaskStatus)) {
      throw new UsageError(`unknown status "${status}"; statuses: ${TASK_STATUSES.join(', ')}`);
    }
  }
  return {
    projectId: flags.project,
    ...(flags.batch !== undefined ? { batchIds: flags.batch } : {}),
    ...(flags.status !== undefined ? { statuses: flags.status as TaskStatus[] } : {}),
    ...(flags.name !== undefined ? { names: flags.name } : {}),
    ...(flags.nameRegex !== undefined ? { nameRegex: flags.nameRegex } : {}),
    ...(flags.assignee !== undefined ? { assignee: flags.assignee } : {}),
    ...(flags.reviewStage !== undefined ? { reviewStage: flags.reviewStage } : {}),
    ...(flags.where !== undefined ? { where: flags.where } : {}),
  };
}

/** Ids given as arguments, or else a filter (with --project): never both, never neither. */
export function selectionOf(ids: string[], flags: FilterFlags): TaskSelection {
  if (ids.length > 0) {
    if (hasFilter(flags)) throw new UsageError('pass task ids or a filter (--where, --batch, ...), not both');
    return { ids };
  }
  if (!flags.project) {
    throw new UsageError(
      'pass task ids, or a filter with --project <id> (and --where, --batch, --status ...)',
    );
  }
  return { filter: filterOf(flags) };
}
