import type { Store } from '../index.js';
import type { TaskFilter } from '../queries/tasks.js';

/**
 * A task as a label export reads it: `[id, name, file, image, labels]`, where `file` is its
 * `resources[0]`, `image` its `data.image` and `labels` its `data.labels` as JSON values (undefined
 * or null when missing; the export checks them). Each backend gets them its cheapest way.
 */
export type LabelTaskRow = [id: string, name: string, file: unknown, image: unknown, labels: unknown];

/** What each backend does for a label export (sqlite.ts, postgres.ts; the store's dialect holds one). */
export interface LabelExportBackend {
  /** The tasks a filter selects, in id order, a page of rows at a time. */
  tasks(store: Store, filter: TaskFilter): AsyncGenerator<LabelTaskRow[]>;
  /**
   * The distinct class names (non-empty strings) of the labels (the objects of a `data.labels`
   * array) of the tasks a filter selects, unsorted, at most `limit` of them.
   */
  classes(store: Store, filter: TaskFilter, limit: number): Promise<string[]>;
  /** Whether a label of the tasks a filter selects has a `keypoints` member (null included). */
  hasKeypoints(store: Store, filter: TaskFilter): Promise<boolean>;
  /** {@link classes} and {@link hasKeypoints} together (a YOLO export without classes needs both). */
  survey(store: Store, filter: TaskFilter, limit: number): Promise<LabelSurvey>;
}

/** The class names (as {@link LabelExportBackend.classes} finds them) and whether a label has keypoints. */
export interface LabelSurvey {
  classes: string[];
  hasKeypoints: boolean;
}

export const labelTaskPages = (store: Store, filter: TaskFilter): AsyncGenerator<LabelTaskRow[]> =>
  store.dialect.labelExport.tasks(store, filter);

export const labelClassNames = (store: Store, filter: TaskFilter, limit: number): Promise<string[]> =>
  store.dialect.labelExport.classes(store, filter, limit);

export const labelSurvey = (store: Store, filter: TaskFilter, limit: number): Promise<LabelSurvey> =>
  store.dialect.labelExport.survey(store, filter, limit);

export const labelsHaveKeypoints = (store: Store, filter: TaskFilter): Promise<boolean> =>
  store.dialect.labelExport.hasKeypoints(store, filter);
