// Peak memory of the label exports: `node bench/labels/rss.mjs [count] [sqlite|postgres]` loads
// `count` (default 100,000) tasks with an image size and three labels each (a box, a polygon, a
// 64 × 48 RLE mask) into a fresh server process, then runs each label export of them and samples
// the server's memory every 100 ms, each time after a full GC (the server runs with --expose-gc).
// Prints one line per format: time, artifact size, RSS before and at its peak, and the most the live
// memory (heap used + external, after GC) grew: what the export holds, as against garbage. Not part of `npm run bench` (it has no peer to compare with).
import { childMemory, startBenchServer } from '../lib/server.mjs';
import { httpJson, postgresAdmin, waitJob } from '../lib/common.mjs';

const count = Number(process.argv[2] ?? 100_000);
const backend = process.argv[3] ?? 'sqlite';
const pg = postgresAdmin(process.env.BATCHYARD_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432');
const W = 64;
const H = 48;
const rle = { size: [H, W], counts: [H * 10 + 5, 20, H - 20, 20, H * W - (H * 10 + 5) - 20 - (H - 20) - 20] };

// BENCH_NODE_ARGS: the server's node flags (e.g. --max-old-space-size=256 to show what it needs).
const execArgv = ['--expose-gc', ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
const formats = (process.env.BENCH_FORMATS ?? 'coco,yolo,voc,masks').split(',');
const server = await startBenchServer({ backend, label: 'labels', pg, execArgv });
const { base, token } = server;
try {
  const project = await httpJson(base, 'POST', '/v1/projects', token, { name: 'labels' });
  const dataset = await httpJson(base, 'POST', '/v1/datasets', token, {
    projectId: project.id,
    name: 'frames',
    columns: [{ name: 'v', type: 'numeric' }],
  });
  const batchJob = await httpJson(base, 'POST', `/v1/datasets/${dataset.id}/batches`, token, {
    name: 'b',
    rows: [{ v: 1 }],
  });
  const batchId = (await waitJob(base, token, batchJob)).result.batchId;
  for (let start = 0; start < count; start += 10_000) {
    const tasks = Array.from({ length: Math.min(10_000, count - start) }, (_, i) => ({
      name: `frame-${start + i}`,
      resources: [`s3://bucket/frames/frame-${start + i}.jpg`],
      data: {
        image: { width: W, height: H },
        labels: [
          { class: `c${(start + i) % 7}`, bbox: [1, 2, 30, 20] },
          {
            class: 'road',
            polygon: [
              [0, 47],
              [63, 47],
              [40, 20],
              [20, 20],
            ],
          },
          { class: 'sky', mask: { rle } },
        ],
      },
    }));
    const res = await httpJson(base, 'POST', `/v1/batches/${batchId}/tasks`, token, { tasks });
    if (res.created !== tasks.length) throw new Error(JSON.stringify(res).slice(0, 500));
  }
  for (const format of formats) {
    const start = await childMemory(server.child, true);
    const before = start.rss;
    let peak = before;
    let livePeak = start.heapUsed + start.external;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const m = await childMemory(server.child, true);
        peak = Math.max(peak, m.rss);
        livePeak = Math.max(livePeak, m.heapUsed + m.external);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = Date.now();
    const job = await httpJson(base, 'POST', '/v1/tasks/export', token, {
      filter: { projectId: project.id },
      format,
    });
    const done = await waitJob(base, token, job);
    sampling = false;
    await sampler;
    const artifact = done.artifacts?.find((a) => a.name === done.result.artifact);
    const mb = (n) => `${(n / 2 ** 20).toFixed(0)} MB`;
    console.log(
      `${backend} ${format}: ${done.result.images} images, ${done.result.labels} labels in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `artifact ${artifact ? mb(artifact.size) : '?'}; RSS before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)}); ` +
        `live heap + external after GC: +${mb(livePeak - start.heapUsed - start.external)} at most`,
    );
  }
} finally {
  await server.stop();
}
