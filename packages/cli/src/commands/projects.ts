import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printRecord, type Column } from '../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

export const PROJECT_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'WORKSPACE', field: 'workspaceId' },
  { header: 'DESCRIPTION', field: 'description' },
  {
    header: 'TASK SCHEMA',
    field: 'taskSchema',
    format: (value) => (value === null || value === undefined ? '-' : 'yes'),
  },
  { header: 'CREATED', field: 'createdAt' },
];

interface WorkflowFlags {
  reviewStages?: string;
  allowSelfReview?: boolean;
  excludeSelfReview?: boolean;
  annotationsPerTask?: string;
  agreementThreshold?: string;
  goldRate?: number;
}

interface Workflow {
  reviewStages?: string[];
  excludeSelfReview?: boolean;
  annotationsPerTask?: number;
  agreementThreshold?: number;
  goldRate?: number;
}

/** A number flag as given (the server checks its range and says which field is wrong). */
function numberFlag(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`${flag} takes a number, not "${value}"`);
  return n;
}

/** `--gold-rate`: a share of claims, 0 to 1. */
function rateArg(value: string): number {
  const rate = /^\s*(0|1|0?\.\d+|1\.0*)\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(rate)) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.1');
  return rate;
}

interface CreateFlags extends ClientFlags, WorkflowFlags {
  workspace?: string;
  description?: string;
  taskSchema?: string;
}

interface UpdateFlags extends ClientFlags, WorkflowFlags {
  name?: string;
  description?: string;
  taskSchema?: string | false;
}

/** The workflow the flags set (undefined: none of them given). */
function workflowOf(flags: WorkflowFlags): Workflow | undefined {
  if (flags.allowSelfReview && flags.excludeSelfReview)
    throw new UsageError('pass --allow-self-review or --exclude-self-review, not both');
  const workflow: Workflow = {};
  if (flags.annotationsPerTask !== undefined)
    workflow.annotationsPerTask = numberFlag('--annotations-per-task', flags.annotationsPerTask);
  if (flags.agreementThreshold !== undefined)
    workflow.agreementThreshold = numberFlag('--agreement-threshold', flags.agreementThreshold);
  if (flags.goldRate !== undefined) workflow.goldRate = flags.goldRate;
  if (flags.reviewStages !== undefined)
    workflow.reviewStages = flags.reviewStages
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (flags.allowSelfReview) workflow.excludeSelfReview = false;
  if (flags.excludeSelfReview) workflow.excludeSelfReview = true;
  return Object.keys(workflow).length > 0 ? workflow : undefined;
}

/** The workflow options of create and update. */
function withWorkflowOptions(command: Command): Command {
  return command
    .option('--review-stages <names>', 'review stages in order, comma-separated ("" for none)')
    .option('--allow-self-review', 'members may give a verdict on tasks they submitted')
    .option('--exclude-self-review', 'members may not review their own tasks (the default)')
    .option(
      '--annotations-per-task <n>',
      'consensus: how many members annotate each task (1 to 20; 1: no consensus)',
    )
    .option('--agreement-threshold <score>', 'consensus: tasks agreeing less than this (0 to 1) go to review')
    .option(
      '--gold-rate <rate>',
      "share of members' claims that hand out a gold task, 0 to 1 (every round(1/rate)-th claim; default 0)",
      rateArg,
    );
}

export function registerProjects(program: Command, ctx: Context): void {
  const projects = program.command('projects').alias('project').description('Manage projects');

  withListOptions(
    projects
      .command('list')
      .description('List projects')
      .option('--workspace <id>', 'only the projects of this workspace'),
  ).action(
    handler<ListFlags & { workspace?: string }>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'projects',
        columns: PROJECT_COLUMNS,
        fetch: () =>
          client.projects.list({
            ...listParams(flags),
            ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
          }),
      });
    }),
  );

  withGetOptions(projects.command('get').description('Show a project').argument('<id>', 'project id')).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.projects.get(id ?? '', flags.fields ? { fields: flags.fields } : {}));
    }),
  );

  withClientOptions(
    withWorkflowOptions(projects.command('create'))
      .description('Create a project')
      .argument('<name>', 'project name (unique in its workspace)')
      .option(
        '--workspace <id>',
        "its workspace (default: the credential's; required with an instance credential)",
      )
      .option('--description <text>', 'a description')
      .option('--task-schema <file>', 'JSON Schema file that task data must satisfy ("-" reads stdin)'),
  ).action(
    handler<CreateFlags>(ctx, async ([name], flags) => {
      const taskSchema = flags.taskSchema !== undefined ? readJsonObject(flags.taskSchema) : undefined;
      const workflow = workflowOf(flags);
      const { client } = connect(ctx, flags);
      const project = await client.projects.create({
        name: name ?? '',
        ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
        ...(taskSchema !== undefined ? { taskSchema } : {}),
        ...(workflow !== undefined ? { workflow } : {}),
      });
      show(ctx, project);
    }),
  );

  withClientOptions(
    withWorkflowOptions(projects.command('update'))
      .description('Change a project')
      .argument('<id>', 'project id')
      .option('--name <name>', 'new name')
      .option('--description <text>', 'new description ("" removes it)')
      .option('--task-schema <file>', 'new task JSON Schema file ("-" reads stdin)')
      .option('--no-task-schema', 'remove the task schema'),
  ).action(
    handler<UpdateFlags>(ctx, async ([id], flags) => {
      const body: {
        name?: string;
        description?: string | null;
        taskSchema?: Record<string, unknown> | null;
        workflow?: Workflow;
      } = {};
      const workflow = workflowOf(flags);
      if (workflow !== undefined) body.workflow = workflow;
      if (flags.name !== undefined) body.name = flags.name;
      if (flags.description !== undefined)
        body.description = flags.description === '' ? null : flags.description;
      if (flags.taskSchema === false) body.taskSchema = null;
      else if (flags.taskSchema !== undefined) body.taskSchema = readJsonObject(flags.taskSchema);
      if (Object.keys(body).length === 0) {
        throw new UsageError(
          'nothing to update: pass --name, --description, --task-schema, --no-task-schema, --review-stages, a self-review option, --annotations-per-task, --agreement-threshold or --gold-rate',
        );
      }
      const { client } = connect(ctx, flags);
      show(ctx, await client.projects.update(id ?? '', body));
    }),
  );

  withClientOptions(
    projects
      .command('delete')
      .description('Delete a project')
      .argument('<id>', 'project id')
      .option('--force', 'also delete everything in it (datasets, batches, tasks, jobs)'),
  ).action(
    handler<ClientFlags & { force?: boolean }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.projects.delete(id ?? '', flags.force ? { force: true } : {});
      if (ctx.json) printJson(ctx, { id, deleted: true });
      else printLine(ctx, `Deleted project ${id}.`);
    }),
  );
}

function show(ctx: Context, project: object): void {
  if (ctx.json) printJson(ctx, project);
  else
    printRecord(ctx, asRow(project), {
      taskSchema: (value) => (value == null ? '-' : JSON.stringify(value, null, 2)),
      workflow: (value) => JSON.stringify(value),
    });
}

/** A JSON object from a file, or from stdin for "-". */
function readJsonObject(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path === '-' ? 'stdin' : path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path === '-' ? 'stdin' : path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${path === '-' ? 'stdin' : path} must hold a JSON object (a JSON Schema)`);
  }
  return value as Record<string, unknown>;
}
