// The labels benchmark's peer on the embedded store's engine: the same tasks read straight from
// Batchyard's own SQLite file with better-sqlite3 (image file and size picked in SQL, the labels'
// JSON text parsed in JavaScript) and written as the same COCO file or YOLO zip (peer-writers.mjs).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CLASSES } from './data.mjs';
import { cocoWriter, yoloWriter } from './peer-writers.mjs';

const require = createRequire(import.meta.url);
const BetterSqlite3 = require('better-sqlite3');

export const name = 'better-sqlite3 SELECT → file';

/** Writes `format` of the project's tasks from the server's database file to `path`. */
export async function exportLabels(server, projectId, format, path, date) {
  const db = new BetterSqlite3(join(server.dataDir, 'batchyard.db'), { readonly: true });
  try {
    const select = db
      .prepare(
        `select id, name, json_extract(resources, '$[0]'), json_extract(data, '$.image.width'), json_extract(data, '$.image.height'), json_extract(data, '$.labels') from tasks where project_id = ? order by id`,
      )
      .raw(true);
    const writer =
      format === 'coco' ? cocoWriter(path, `${path}.spool`, CLASSES, date) : yoloWriter(path, CLASSES, date);
    for (const [id, name, file, width, height, labels] of select.iterate(projectId))
      writer.add(id, name, file, width, height, JSON.parse(labels));
    return writer.finish();
  } finally {
    db.close();
  }
}
