import { StringDecoder } from 'node:string_decoder';
import type { Store } from '../../../store/index.js';
import { exportTasks } from '../../../store/export/index.js';
import type { TaskFilter } from '../../../store/queries/tasks.js';
import {
  labelClass,
  labelCrowd,
  rawLabels,
  readImage,
  readShape,
  type ExportedTask,
  type LabeledImage,
  type Label,
  type Skip,
} from './convention.js';

/**
 * The tasks a filter selects, in id order, read through the JSONL export (the same streaming read,
 * a page of 2,000 at a time on SQLite, one COPY on PostgreSQL), one parsed task at a time.
 */
export async function* exportedTasks(
  store: Store,
  filter: TaskFilter,
  fields: ('id' | 'name' | 'resources' | 'data')[],
): AsyncGenerator<ExportedTask> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const piece of exportTasks(store, filter, 'jsonl', fields)) {
    const lines = (rest + decoder.write(piece.bytes)).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line !== '') yield JSON.parse(line) as ExportedTask;
  }
  rest += decoder.end();
  if (rest !== '') yield JSON.parse(rest) as ExportedTask;
}

/**
 * The class names the labels of the tasks a filter selects use, sorted by code point: an export's
 * classes when it names none. Stops at `limit + 1` names (the caller refuses that many).
 */
export async function discoverClasses(store: Store, filter: TaskFilter, limit: number): Promise<string[]> {
  const names = new Set<string>();
  for await (const task of exportedTasks(store, filter, ['id', 'data'])) {
    const labels = rawLabels(task);
    if (typeof labels === 'string') continue;
    for (const raw of labels) {
      const name = labelClass(raw);
      if (name !== undefined) names.add(name);
    }
    if (names.size > limit) break;
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What an export read: tasks, images and labels written, and what it left out. */
export class ExportTally {
  tasks = 0;
  images = 0;
  labels = 0;
  skippedTasks = 0;
  skippedLabels = 0;
  /** The first skips, for the job's warnings and result. */
  readonly examples: Skip[] = [];

  skip(skip: Skip): void {
    if (skip.label === undefined) this.skippedTasks++;
    else this.skippedLabels++;
    if (this.examples.length < 10) this.examples.push(skip);
  }
}

/**
 * The images of the tasks a filter selects, each with the labels that can be exported: a task
 * without an image or its size is skipped, so is a label without a known class or a valid shape;
 * `tally` counts both and keeps the first few. `onTask` runs after each task read. Images of more
 * than `maxPixels` pixels are skipped too (masks).
 */
export async function* labeledImages(
  store: Store,
  filter: TaskFilter,
  classes: readonly string[],
  tally: ExportTally,
  onTask: () => void,
  maxPixels = Infinity,
): AsyncGenerator<LabeledImage> {
  const classIndex = new Map(classes.map((name, i) => [name, i]));
  for await (const task of exportedTasks(store, filter, ['id', 'name', 'resources', 'data'])) {
    tally.tasks++;
    onTask();
    const image = readImage(task);
    if (typeof image !== 'string' && image.width * image.height > maxPixels) {
      tally.skip({
        taskId: task.id,
        reason: `the image has more than ${maxPixels} pixels, the most a mask holds`,
      });
      continue;
    }
    const raws = typeof image === 'string' ? [] : rawLabels(task);
    if (typeof image === 'string' || typeof raws === 'string') {
      tally.skip({ taskId: task.id, reason: typeof image === 'string' ? image : (raws as string) });
      continue;
    }
    const labels: Label[] = [];
    raws.forEach((raw, i) => {
      const skip = (reason: string) => tally.skip({ taskId: task.id, label: i, reason });
      const name = labelClass(raw);
      if (name === undefined) return skip('a label needs a class (a non-empty string)');
      const index = classIndex.get(name);
      if (index === undefined)
        return skip(`class ${JSON.stringify(name)} is not one of the export's classes`);
      const shape = readShape(raw as Record<string, unknown>, image.width, image.height);
      if (typeof shape === 'string') return skip(shape);
      labels.push({ classIndex: index, shape, iscrowd: labelCrowd(raw as Record<string, unknown>) });
    });
    tally.images++;
    tally.labels += labels.length;
    yield { taskId: task.id, taskName: task.name, ...image, labels };
  }
}
