import type { JobContext } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import {
  exportTasks,
  type ExportField as StoreExportField,
  type ExportFormat,
} from '../../store/export/index.js';
import type { TaskFilter } from '../../store/queries/tasks.js';
import { isLabelFormat, runLabelExport, type LabelExportResult, type LabelFormat } from './labels/export.js';
import type { KeypointSpec } from './labels/keypoints.js';
import { EXPORT_FIELDS } from './schema.js';

export type TaskExportFormat = ExportFormat | LabelFormat;
export type ExportField = (typeof EXPORT_FIELDS)[number];
// The store's list of fields is the API's.
const sameFields: [ExportField, StoreExportField] extends [StoreExportField, ExportField] ? true : never =
  true;
void sameFields;

/** Fields asked for by name only, so older exports keep their columns. */
const BY_NAME_ONLY: readonly ExportField[] = [
  'initialData',
  'reviewStage',
  'priority',
  'assigneeId',
  'prediction',
  'agreement',
];
export const DEFAULT_EXPORT_FIELDS: ExportField[] = EXPORT_FIELDS.filter((f) => !BY_NAME_ONLY.includes(f));

const EXPORT_CONTENT_TYPES = {
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  csv: 'text/csv',
} as const;

/**
 * The `tasks.export` job: streams the tasks a filter selects into one artifact, a piece at a time.
 * The artifact storage pulls the text (an async generator), so pieces are read only as fast as
 * they are stored: memory stays flat whatever the count. A retry starts over and replaces the artifact.
 */
export async function runTaskExport(
  store: Store,
  ctx: JobContext,
  filter: TaskFilter,
): Promise<{ count: number; format: ExportFormat; artifact: string } | LabelExportResult> {
  const args = ctx.arguments as {
    format: TaskExportFormat;
    fields?: ExportField[];
    classes?: string[];
    keypoints?: Record<string, KeypointSpec>;
  };
  if (isLabelFormat(args.format))
    return runLabelExport(store, ctx, filter, args.format, args.classes, args.keypoints);
  const { format } = args;
  const fields = args.fields ?? DEFAULT_EXPORT_FIELDS;
  const name = `tasks.${format}`;
  let count = 0;
  async function* text(): AsyncGenerator<Uint8Array> {
    for await (const piece of exportTasks(store, filter, format, fields)) {
      yield piece.bytes;
      // A header or a bracket holds no task.
      if (piece.rows === 0) continue;
      count += piece.rows;
      ctx.progress({ done: count, unit: 'tasks' });
      ctx.signal.throwIfAborted();
    }
  }
  ctx.signal.throwIfAborted();
  await ctx.writeArtifact(name, EXPORT_CONTENT_TYPES[format], text());
  return { count, format, artifact: name };
}
