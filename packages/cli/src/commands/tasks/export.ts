// `tasks export`: an export job, then its file downloaded.
import { basename, dirname } from 'node:path';
import type { Command } from 'commander';
import type { Job, KeypointNames, TaskExportField, TaskExportResult } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { printJson, printLine } from '../../output.js';
import { filterOf, withFilterOptions, type FilterFlags } from './filter-options.js';
import { choiceArg, listArg, readJsonObjectArg } from '../../args.js';
import { connect, handler, withClientOptions } from '../../connect.js';
import { isDirectory } from '../../files.js';
import { ProgressReporter } from '../../progress.js';

const EXPORT_FORMATS = ['csv', 'json', 'jsonl', 'coco', 'yolo', 'voc', 'masks'] as const;

interface ExportFlags extends FilterFlags {
  format?: (typeof EXPORT_FORMATS)[number];
  fields?: string[];
  classes?: string[];
  keypoints?: string;
  out?: string;
}

/** `tasks export`. */
export function registerTaskExport(tasks: Command, ctx: Context): void {
  withClientOptions(
    withFilterOptions(
      tasks
        .command('export')
        .description(
          'Export the tasks a filter selects as CSV, JSON or JSON Lines, or their images and labels as COCO, YOLO, Pascal VOC or semantic masks, with a progress bar',
        )
        .requiredOption(
          '--format <format>',
          'csv, json, jsonl, or a label format: coco (JSON), yolo, voc, masks (zips)',
          choiceArg(EXPORT_FORMATS),
        )
        .requiredOption(
          '--out <path>',
          "the file to write, or a folder (existing, or ending in /) to write tasks-<jobId>.<format> into ('-' for stdout; not for the zips)",
        )
        .option(
          '--classes <names>',
          'label formats: the classes to export, in id order (comma-separated; default every class the labels use, sorted)',
          listArg,
        )
        .option(
          '--keypoints <json>',
          'label formats: keypoint names and skeleton by class, a JSON object, @file or @- ({"person": {"names": ["nose", …], "skeleton": [[1, 2], …]}})',
        )
        .option(
          '--fields <names>',
          'fields to export (comma-separated; default all but initialData, reviewStage, priority, assigneeId, prediction): id, name, batchId, status, resources, data, initialData, properties, createdBy, reviewStage, priority, assigneeId, prediction, createdAt, updatedAt',
          listArg,
        ),
    ),
  ).action(
    handler<ExportFlags>(ctx, async (_args, flags) => {
      const filter = filterOf(flags);
      const { client } = connect(ctx, flags);
      const reporter = new ProgressReporter(ctx);
      let last: Job | undefined;
      const toStdout = flags.out === '-';
      const common = {
        format: flags.format ?? 'csv',
        filter,
        ...(flags.fields !== undefined ? { fields: flags.fields as TaskExportField[] } : {}),
        ...(flags.classes !== undefined ? { classes: flags.classes } : {}),
        ...(flags.keypoints !== undefined
          ? {
              keypoints: readJsonObjectArg(flags.keypoints, '--keypoints') as Record<string, KeypointNames>,
            }
          : {}),
        onProgress: (job: Job) => {
          last = job;
          reporter.update(job);
        },
      };
      const out = flags.out ?? '';
      // A folder gets the SDK's own file name (tasks-<jobId>.<format>) inside it.
      const toFolder = /[\\/]$/.test(out) || isDirectory(out);
      let written: string;
      try {
        written = toStdout
          ? await client.tasks.export({ ...common, inMemory: true })
          : await client.tasks.export({
              ...common,
              ...(toFolder
                ? { outputFolder: out }
                : { outputFolder: dirname(out), outputFilename: basename(out) }),
            });
      } finally {
        reporter.finish();
      }
      const result = (last?.result ?? {}) as TaskExportResult;
      const count = result.count;
      if (toStdout) {
        ctx.stdout.write(written);
        return;
      }
      if (ctx.json) {
        const { images, labels, classes, skipped, keypoints, kptShape } = result;
        printJson(ctx, {
          file: written,
          count: count ?? null,
          jobId: last?.id ?? null,
          ...(skipped ? { images, labels, classes, skipped, keypoints } : {}),
          ...(kptShape !== undefined ? { kptShape } : {}),
        });
        return;
      }
      printLine(ctx, `exported ${count ?? '?'} tasks to ${written}`);
      if (result.skipped) {
        const { tasks, labels } = result.skipped;
        printLine(
          ctx,
          `${result.images} images, ${result.labels} labels, classes: ${result.classes?.join(', ')}`,
        );
        if (result.keypoints && result.keypoints.written + result.keypoints.leftOut > 0)
          printLine(
            ctx,
            `keypoints: ${result.keypoints.written} label(s) with them${result.kptShape ? ` (kpt_shape [${result.kptShape.join(', ')}])` : ''}, ${result.keypoints.leftOut} written without them`,
          );
        if (tasks + labels > 0) {
          printLine(ctx, `left out: ${tasks} task(s) and ${labels} label(s), the first ones:`);
          for (const skip of result.skipped.first)
            printLine(
              ctx,
              `  ${skip.taskId}${skip.label === undefined ? '' : ` label ${skip.label}`}: ${skip.reason}`,
            );
        }
      }
    }),
  );
}
