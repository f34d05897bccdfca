import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Store } from '../../../store/index.js';
import {
  labelClassNames,
  labelSurvey,
  labelTaskPages,
  type LabelSurvey,
} from '../../../store/labels/index.js';
import type { TaskFilter } from '../../../store/queries/tasks.js';
import {
  labelClass,
  labelCrowd,
  rawLabels,
  readImage,
  readLabel,
  type KeypointSpec,
  type LabeledImage,
  type Label,
  type Skip,
} from './convention.js';

/**
 * The class names the labels of the tasks a filter selects use (valid labels or not), sorted by
 * code point: an export's classes when it names none. At most `limit + 1` names (the caller
 * refuses that many). Found in SQL: the labels are read in JavaScript once, by the export itself.
 */
export async function discoverClasses(store: Store, filter: TaskFilter, limit: number): Promise<string[]> {
  return sortClasses(await labelClassNames(store, filter, limit + 1));
}

/** {@link discoverClasses}, and whether a label has keypoints, found together (a YOLO export). */
export async function discoverClassesAndKeypoints(
  store: Store,
  filter: TaskFilter,
  limit: number,
): Promise<LabelSurvey> {
  const survey = await labelSurvey(store, filter, limit + 1);
  return { classes: sortClasses(survey.classes), hasKeypoints: survey.hasKeypoints };
}

const sortClasses = (names: string[]) => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** What an export read: tasks, images and labels written, and what it left out. */
export class ExportTally {
  tasks = 0;
  images = 0;
  labels = 0;
  skippedTasks = 0;
  skippedLabels = 0;
  /** Labels written with their keypoints, and labels written without the keypoints they have. */
  keypointLabels = 0;
  keypointsLeftOut = 0;
  /** The first skips, for the job's warnings and result. */
  readonly examples: Skip[] = [];
  /** Other things the job's warnings say once (a format that cannot hold keypoints, …). */
  readonly notes = new Set<string>();

  skip(skip: Skip): void {
    if (skip.label === undefined) this.skippedTasks++;
    else this.skippedLabels++;
    if (this.examples.length < 10) this.examples.push(skip);
  }

  note(text: string): void {
    if (this.notes.size < 20) this.notes.add(text);
  }
}

/** How labels are read for an export. */
export interface ReadOptions {
  /** Images of more than this many pixels are skipped (masks). */
  maxPixels?: number;
  /** Keypoint-only labels are skipped, with this format's name in the reason (voc, masks). */
  noKeypointOnly?: string;
  /** The export's `keypoints` option: each class's keypoint names and skeleton. */
  keypoints?: Record<string, KeypointSpec> | undefined;
}

/**
 * Keypoints by class as an export reads them: a class's keypoint count is its names' (the export
 * option) or else its first keypoint label's, and the label field `keypointNames`/`skeleton` first
 * given for a class is its spec when the option gives none.
 */
export class ClassKeypoints {
  readonly counts = new Map<number, number>();
  readonly specs = new Map<number, KeypointSpec>();
  /** Classes some label of which has keypoints. */
  readonly used = new Set<number>();
  private readonly given = new Set<number>();

  constructor(
    classes: readonly string[],
    option: Record<string, { names: string[]; skeleton?: [number, number][] }> | undefined,
  ) {
    classes.forEach((name, i) => {
      const spec = option?.[name];
      if (!spec) return;
      this.counts.set(i, spec.names.length);
      this.specs.set(i, { names: spec.names, skeleton: spec.skeleton ?? [] });
      this.given.add(i);
    });
  }

  /** Why a label of `classIndex` with these keypoints is refused (another count), or undefined. */
  check(classIndex: number, className: string, count: number, spec: KeypointSpec | null, tally: ExportTally) {
    const known = this.counts.get(classIndex);
    if (known !== undefined && known !== count)
      return `class ${JSON.stringify(className)} has ${known} keypoints (${this.given.has(classIndex) ? 'the export’s keypoints option' : 'its first keypoint label'}), this label ${count}`;
    this.counts.set(classIndex, count);
    this.used.add(classIndex);
    if (spec) {
      const first = this.specs.get(classIndex);
      if (!first) this.specs.set(classIndex, spec);
      else if (!this.given.has(classIndex) && JSON.stringify(first) !== JSON.stringify(spec))
        tally.note(
          `labels of class ${JSON.stringify(className)} give different keypointNames or skeleton: the first one given is exported`,
        );
    }
    return undefined;
  }
}

/**
 * The images of the tasks a filter selects, a page at a time, each with the labels that can be
 * exported: a task without an image or its size is skipped, so is a label without a known class
 * or a valid shape, or whose keypoints differ in number from its class's; `tally` counts both and
 * keeps the first few. `onTask` runs after each task read.
 */
export async function* labeledImages(
  store: Store,
  filter: TaskFilter,
  classes: readonly string[],
  tally: ExportTally,
  keypoints: ClassKeypoints,
  onTask: () => void,
  options: ReadOptions = {},
): AsyncGenerator<LabeledImage[]> {
  const maxPixels = options.maxPixels ?? Infinity;
  const classIndex = new Map(classes.map((name, i) => [name, i]));
  for await (const rows of labelTaskPages(store, filter)) {
    const page: LabeledImage[] = [];
    for (const [taskId, taskName, file, size, labelValue] of rows) {
      tally.tasks++;
      onTask();
      const image = readImage(file, size);
      if (typeof image === 'string') {
        tally.skip({ taskId, reason: image });
        continue;
      }
      if (image.width * image.height > maxPixels) {
        tally.skip({ taskId, reason: `the image has more than ${maxPixels} pixels, the most a mask holds` });
        continue;
      }
      const raws = rawLabels(labelValue);
      if (typeof raws === 'string') {
        tally.skip({ taskId, reason: raws });
        continue;
      }
      const labels: Label[] = [];
      for (let i = 0; i < raws.length; i++) {
        const label = exportLabel(raws[i], image, classIndex, keypoints, tally, options);
        if (typeof label === 'string') tally.skip({ taskId, label: i, reason: label });
        else labels.push(label);
      }
      tally.images++;
      tally.labels += labels.length;
      page.push({ taskId, taskName, file: image.file, width: image.width, height: image.height, labels });
    }
    if (page.length > 0) yield page;
    // Reading a page and writing it can resolve without any I/O (SQLite's statements; PostgreSQL's
    // rows already received): without a turn of the event loop here, requests waited 50–100 ms at
    // a time beside a YOLO export (measured with /healthz).
    await yieldToEventLoop();
  }
}

/** A raw label of an image as exported, or why it is left out. */
function exportLabel(
  raw: unknown,
  image: { width: number; height: number },
  classIndex: ReadonlyMap<string, number>,
  keypoints: ClassKeypoints,
  tally: ExportTally,
  options: ReadOptions,
): Label | string {
  const name = labelClass(raw);
  if (name === undefined) return 'a label needs a class (a non-empty string)';
  const index = classIndex.get(name);
  if (index === undefined) return `class ${JSON.stringify(name)} is not one of the export's classes`;
  const read = readLabel(raw as Record<string, unknown>, image.width, image.height);
  if (typeof read === 'string') return read;
  if (read.shape === null && options.noKeypointOnly !== undefined)
    return `a keypoint-only label has no shape a ${options.noKeypointOnly} export holds`;
  if (read.keypoints) {
    const refused = keypoints.check(index, name, read.keypoints.length, read.keypointSpec, tally);
    if (refused !== undefined) return refused;
  }
  return {
    classIndex: index,
    shape: read.shape,
    keypoints: read.keypoints,
    keypointSpec: read.keypointSpec,
    iscrowd: labelCrowd(raw as Record<string, unknown>),
  };
}

/** What a format's writer gets besides the images. */
export interface LabelWriting {
  classes: readonly string[];
  now: Date;
  keypoints: ClassKeypoints;
  tally: ExportTally;
  /** YOLO: the keypoint count every keypoint label has, when it is one (a pose dataset), else null. */
  pose: number | null;
}
