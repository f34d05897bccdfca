// The labels benchmark's peer on PostgreSQL: the same tasks copied straight out of Batchyard's own
// database with one `COPY (SELECT …) TO STDOUT` (image file and size picked in SQL, the labels'
// jsonb text parsed in JavaScript) and written as the same COCO file or YOLO zip (peer-writers.mjs).
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import pg from 'pg';
import { procCpuS } from '../lib/server.mjs';
import { CLASSES } from './data.mjs';
import { cocoWriter, yoloWriter } from './peer-writers.mjs';

const require = createRequire(import.meta.url);
const { to: copyTo } = require('pg-copy-streams');

export const name = 'pg COPY TO STDOUT → file';

/** COPY's text format undone for one field (only backslash escapes matter here). */
const unescape = (s) =>
  s.includes('\\')
    ? s.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c)
    : s;

/** Writes `format` of the project's tasks from the server's database to `path`. */
export async function exportLabels(server, projectId, format, path, date) {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    // Its backend's CPU, read before the connection closes (the process ends with it).
    const backend = (await client.query('select pg_backend_pid() as pid')).rows[0].pid;
    const cpu0 = procCpuS(backend);
    const writer =
      format === 'coco' ? cocoWriter(path, `${path}.spool`, CLASSES, date) : yoloWriter(path, CLASSES, date);
    const stream = client.query(
      copyTo(
        `copy (select id, name, resources ->> 0, data #>> '{image,width}', data #>> '{image,height}', (data -> 'labels')::text from tasks where project_id = '${projectId}' order by id) to stdout`,
      ),
    );
    const decoder = new StringDecoder('utf8');
    let rest = '';
    const row = (line) => {
      const [id, name, file, width, height, labels] = line.split('\t');
      writer.add(
        id,
        unescape(name),
        unescape(file),
        Number(width),
        Number(height),
        JSON.parse(unescape(labels)),
      );
    };
    for await (const chunk of stream) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop();
      for (const line of lines) row(line);
    }
    rest += decoder.end();
    if (rest !== '') row(rest);
    return { ...writer.finish(), pgCpuS: procCpuS(backend) - cpu0 };
  } finally {
    await client.end();
  }
}
