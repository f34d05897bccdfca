import type { JobContext } from '../../../engine/index.js';
import { NonRetryableError } from '../../../engine/index.js';
import type { Store } from '../../../store/index.js';
import type { TaskFilter } from '../../../store/queries/tasks.js';
import { cocoFile } from './coco.js';
import { masksZip } from './masks.js';
import { vocZip } from './voc.js';
import { yoloZip } from './yolo.js';
import { LABEL_LIMITS, type LabeledImage, type LabelFormat } from './convention.js';
import { discoverClasses, ExportTally, labeledImages } from './read.js';

export type { LabelFormat } from './convention.js';

export { isLabelFormat } from './convention.js';

/** Each label format's artifact: its name, content type and writer. */
const WRITERS: Record<
  LabelFormat,
  {
    artifact: string;
    contentType: string;
    write: (
      images: AsyncIterable<LabeledImage>,
      classes: readonly string[],
      now: Date,
    ) => AsyncIterable<string | Uint8Array>;
  }
> = {
  coco: { artifact: 'tasks.coco.json', contentType: 'application/json', write: cocoFile },
  yolo: { artifact: 'tasks.yolo.zip', contentType: 'application/zip', write: yoloZip },
  voc: { artifact: 'tasks.voc.zip', contentType: 'application/zip', write: vocZip },
  masks: { artifact: 'tasks.masks.zip', contentType: 'application/zip', write: masksZip },
};

export interface LabelExportResult {
  format: LabelFormat;
  artifact: string;
  /** Tasks the filter selected. */
  count: number;
  images: number;
  labels: number;
  classes: string[];
  skipped: { tasks: number; labels: number; first: { taskId: string; label?: number; reason: string }[] };
}

/**
 * A label export (`tasks.export` with format coco, yolo, voc or masks): the classes (given, or the
 * sorted names the selected labels use), then the images streamed through the format's writer into
 * one artifact. Tasks and labels that cannot be exported are counted, and the first ones named in
 * the job's warnings and result.
 */
export async function runLabelExport(
  store: Store,
  ctx: JobContext,
  filter: TaskFilter,
  format: LabelFormat,
  given: string[] | undefined,
): Promise<LabelExportResult> {
  const limit = format === 'masks' ? LABEL_LIMITS.maskClasses : LABEL_LIMITS.classes;
  const classes = given ?? (await discoverClasses(store, filter, limit));
  if (classes.length > limit)
    throw new NonRetryableError(
      `The selected tasks' labels use more than ${limit} classes, the most a ${format} export holds; name the classes to export in \`classes\`.`,
      { code: 'too_many_classes' },
    );
  ctx.signal.throwIfAborted();
  const tally = new ExportTally();
  const onTask = () => {
    if (tally.tasks % 500 === 0) {
      ctx.progress({ done: tally.tasks, unit: 'tasks' });
      ctx.signal.throwIfAborted();
    }
  };
  const maxPixels = format === 'masks' ? LABEL_LIMITS.maskPixels : Infinity;
  const images = labeledImages(store, filter, classes, tally, onTask, maxPixels);
  const writer = WRITERS[format];
  await ctx.writeArtifact(writer.artifact, writer.contentType, writer.write(images, classes, new Date()));
  ctx.progress({ done: tally.tasks, total: tally.tasks, unit: 'tasks' });
  for (const skip of tally.examples)
    ctx.warn(`task ${skip.taskId}${skip.label === undefined ? '' : ` label ${skip.label}`}: ${skip.reason}`);
  if (tally.skippedTasks + tally.skippedLabels > tally.examples.length)
    ctx.warn(
      `${tally.skippedTasks} task(s) and ${tally.skippedLabels} label(s) were left out in all (the first ${tally.examples.length} named above)`,
    );
  if (tally.skippedTasks > 0) ctx.count('skippedTasks', tally.skippedTasks);
  if (tally.skippedLabels > 0) ctx.count('skippedLabels', tally.skippedLabels);
  return {
    format,
    artifact: writer.artifact,
    count: tally.tasks,
    images: tally.images,
    labels: tally.labels,
    classes,
    skipped: { tasks: tally.skippedTasks, labels: tally.skippedLabels, first: tally.examples },
  };
}
