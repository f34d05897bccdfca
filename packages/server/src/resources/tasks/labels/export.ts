import type { JobContext } from '../../../engine/index.js';
import { NonRetryableError } from '../../../engine/index.js';
import type { Store } from '../../../store/index.js';
import { labelsHaveKeypoints } from '../../../store/labels/index.js';
import type { TaskFilter } from '../../../store/queries/tasks.js';
import { cocoFile } from './coco.js';
import { masksZip } from './masks.js';
import { vocZip } from './voc.js';
import { yoloZip } from './yolo.js';
import { LABEL_LIMITS, type KeypointSpec, type LabeledImage, type LabelFormat } from './convention.js';
import {
  ClassKeypoints,
  discoverClasses,
  discoverClassesAndKeypoints,
  ExportTally,
  labeledImages,
  type LabelWriting,
  type ReadOptions,
} from './read.js';

export type { LabelFormat } from './convention.js';

export { isLabelFormat } from './convention.js';

/** Each label format's artifact: its name, content type and writer. */
const WRITERS: Record<
  LabelFormat,
  {
    artifact: string;
    contentType: string;
    write: (
      images: AsyncIterable<LabeledImage[]>,
      writing: LabelWriting,
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
  /** Labels written with their keypoints, and labels written without the keypoints they have. */
  keypoints: { written: number; leftOut: number };
  /** YOLO: `[keypoints, 3]` for a pose dataset, else null. */
  kptShape?: [number, 3] | null;
}

/** Why a format writes labels without their keypoints (the job's warning). */
const NO_KEYPOINTS: Record<LabelFormat, string> = {
  coco: '',
  yolo: 'the labels with keypoints do not all have the same number of them, and a YOLO pose dataset has one kpt_shape',
  voc: 'Pascal VOC has no keypoints',
  masks: 'a semantic mask has no keypoints',
};

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
  keypointOption?: Record<string, KeypointSpec>,
): Promise<LabelExportResult> {
  const limit = format === 'masks' ? LABEL_LIMITS.maskClasses : LABEL_LIMITS.classes;
  // YOLO needs the classes and whether a label has keypoints: one pass over the labels finds both.
  const survey =
    given === undefined && format === 'yolo' ? await discoverClassesAndKeypoints(store, filter, limit) : null;
  const classes = given ?? survey?.classes ?? (await discoverClasses(store, filter, limit));
  if (classes.length > limit)
    throw new NonRetryableError(
      `The selected tasks' labels use more than ${limit} classes, the most a ${format} export holds; name the classes to export in \`classes\`.`,
      { code: 'too_many_classes' },
    );
  ctx.signal.throwIfAborted();
  const options: ReadOptions = {
    keypoints: keypointOption,
    ...(format === 'masks' && { maxPixels: LABEL_LIMITS.maskPixels }),
    ...((format === 'voc' || format === 'masks') && { noKeypointOnly: format }),
  };
  const tally = new ExportTally();
  // A class the option names that no selected label uses (a typo, most likely) is said, not ignored.
  for (const name of Object.keys(keypointOption ?? {}))
    if (!classes.includes(name))
      tally.note(`the keypoints option names class ${JSON.stringify(name)}, which no selected label uses`);
  const onTask = () => {
    if (tally.tasks % 500 === 0) {
      ctx.progress({ done: tally.tasks, unit: 'tasks' });
      ctx.signal.throwIfAborted();
    }
  };
  const pose =
    format === 'yolo'
      ? await yoloPose(store, ctx, filter, classes, options, tally, survey?.hasKeypoints)
      : null;
  const keypoints = new ClassKeypoints(classes, keypointOption);
  const images = labeledImages(store, filter, classes, tally, keypoints, onTask, options);
  const writer = WRITERS[format];
  const writing: LabelWriting = { classes, now: new Date(), keypoints, tally, pose };
  await ctx.writeArtifact(writer.artifact, writer.contentType, writer.write(images, writing));
  ctx.progress({ done: tally.tasks, total: tally.tasks, unit: 'tasks' });
  for (const skip of tally.examples)
    ctx.warn(`task ${skip.taskId}${skip.label === undefined ? '' : ` label ${skip.label}`}: ${skip.reason}`);
  if (tally.skippedTasks + tally.skippedLabels > tally.examples.length)
    ctx.warn(
      `${tally.skippedTasks} task(s) and ${tally.skippedLabels} label(s) were left out in all (the first ${tally.examples.length} named above)`,
    );
  if (tally.keypointsLeftOut > 0)
    ctx.warn(
      `${tally.keypointsLeftOut} label(s) were written without their keypoints: ${NO_KEYPOINTS[format]}`,
    );
  for (const note of tally.notes) ctx.warn(note);
  if (tally.skippedTasks > 0) ctx.count('skippedTasks', tally.skippedTasks);
  if (tally.skippedLabels > 0) ctx.count('skippedLabels', tally.skippedLabels);
  if (tally.keypointsLeftOut > 0) ctx.count('keypointsLeftOut', tally.keypointsLeftOut);
  return {
    format,
    artifact: writer.artifact,
    count: tally.tasks,
    images: tally.images,
    labels: tally.labels,
    classes,
    skipped: { tasks: tally.skippedTasks, labels: tally.skippedLabels, first: tally.examples },
    keypoints: { written: tally.keypointLabels, leftOut: tally.keypointsLeftOut },
    ...(format === 'yolo' && { kptShape: pose === null ? null : [pose, 3] }),
  };
}

/**
 * A YOLO export's keypoints per line: one pass over the labels before the zip (its lines depend
 * on it) finds the keypoint count of each class whose labels have keypoints; when that is one
 * number, the export is a pose dataset of that many keypoints a line. The pass reads the labels
 * exactly as the export does, so it agrees with it on which labels count; it is skipped when no
 * label has keypoints.
 */
async function yoloPose(
  store: Store,
  ctx: JobContext,
  filter: TaskFilter,
  classes: readonly string[],
  options: ReadOptions,
  exportTally: ExportTally,
  hasKeypoints?: boolean,
): Promise<number | null> {
  // Without a label with keypoints the pass finds none: a question SQL answers without reading them.
  if (!(hasKeypoints ?? (await labelsHaveKeypoints(store, filter)))) return null;
  const tally = new ExportTally();
  const keypoints = new ClassKeypoints(classes, options.keypoints);
  const onTask = () => {
    if (tally.tasks % 500 === 0) ctx.signal.throwIfAborted();
  };
  const images = labeledImages(store, filter, classes, tally, keypoints, onTask, options);
  for await (const page of images) void page;
  const counts = new Map([...keypoints.used].map((i) => [i, keypoints.counts.get(i)!]));
  const distinct = new Set(counts.values());
  if (distinct.size === 1) return [...distinct][0]!;
  if (distinct.size > 1)
    exportTally.note(
      `keypoints per class differ (${[...counts]
        .sort(([a], [b]) => a - b)
        .map(([i, n]) => `${JSON.stringify(classes[i])} ${n}`)
        .join(
          ', ',
        )}): a YOLO pose dataset has one kpt_shape, so the labels are written as boxes without keypoints`,
    );
  return null;
}
