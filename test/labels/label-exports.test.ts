import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, Batchyard, NotFoundError, type NewTask } from '@batchyard/sdk';
import { labelReadersPython, readLabelExport } from '../support/label-readers.js';
import { startTestServer, testDialects, type TestServer } from '../support/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Label exports read by the readers people use (pycocotools, a YOLO line parser, xml.etree,
 * Pillow; test/labels/python/read_labels.py), compared with the labels sent.
 */

/** A 10 × 10 square mask at x 60–69, y 60–69 of a 100 × 80 image, as COCO's column-major RLE. */
function squareRle(): { size: [number, number]; counts: number[] } {
  const counts = [60 * 80 + 60];
  for (let column = 0; column < 10; column++) counts.push(10, column === 9 ? 0 : 70);
  counts[counts.length - 1] = 100 * 80 - counts.reduce((a, b) => a + b, 0);
  return { size: [80, 100], counts };
}

const TASKS: NewTask[] = [
  {
    name: 'img-a',
    resources: ['s3://bucket/images/a.jpg'],
    data: {
      image: { width: 100, height: 80 },
      labels: [
        { class: 'cat', bbox: [10, 20, 30, 40] },
        {
          class: 'dog',
          polygon: [
            [50, 10],
            [90, 10],
            [90, 50],
          ],
        },
        { class: 'cat', mask: { rle: squareRle() } },
      ],
    },
  },
  {
    name: 'img-b',
    resources: ['b.png'],
    data: {
      image: { width: 64, height: 64 },
      labels: [
        { class: 'dog', bbox: [0, 0, 64, 64] },
        { class: 'bird', bbox: [60, 60, 10, 10] },
        {
          class: 'cat',
          polygon: [
            [8, 8],
            [24, 8],
            [24, 24],
            [8, 24],
          ],
        },
      ],
    },
  },
  {
    name: 'img-c',
    resources: ['https://example.com/c.jpeg?x=1'],
    data: { image: { width: 32, height: 32 } },
  },
  { name: 'no-size', resources: ['d.jpg'], data: { labels: [{ class: 'cat', bbox: [1, 1, 2, 2] }] } },
];

describe.each(testDialects())('label exports on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  let stranger: Batchyard;
  let python: string;
  let projectId: string;
  let batchId: string;
  let datasetId: string;
  let dir: string;
  const ids: Record<string, string> = {};

  const filter = () => ({ projectId, batchIds: [batchId] });
  const exportTo = async (format: 'coco' | 'yolo' | 'voc' | 'masks', extra: Record<string, unknown> = {}) => {
    const jobs: any[] = [];
    const file = await sdk.tasks.export({
      format,
      filter: filter(),
      outputFolder: dir,
      onProgress: (job) => jobs.push(job),
      ...extra,
    });
    return { file, job: jobs.at(-1) };
  };

  beforeAll(async () => {
    python = labelReadersPython();
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const keyFor = async (name: string) => {
      const workspaceId = (await admin.workspaces.create({ name })).id;
      return (await admin.keys.create({ name, role: 'admin', workspaceId })).token;
    };
    sdk = new Batchyard({ baseUrl: server.url, token: await keyFor('labels') });
    stranger = new Batchyard({ baseUrl: server.url, token: await keyFor('labels-other') });
    projectId = (await sdk.projects.create({ name: 'images' })).id;
    datasetId = (
      await sdk.datasets.create({ projectId, name: 'frames', columns: [{ name: 'v', type: 'numeric' }] })
    ).id;
    const batch = async (name: string) => {
      const job = await (await sdk.batches.create(datasetId, [{ v: 1 }], { name })).wait();
      return (job.result as { batchId: string }).batchId;
    };
    batchId = await batch('frames-1');
    const created = await sdk.tasks.create(batchId, TASKS);
    expect(created.failed).toBe(0);
    created.results.forEach((r, i) => (ids[TASKS[i]!.name] = r.id!));
    // Another batch's task stays out of every export.
    await sdk.tasks.create(await batch('frames-2'), [
      { name: 'elsewhere', resources: ['e.jpg'], data: { image: { width: 8, height: 8 }, labels: [] } },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'label-exports-'));
  }, 900_000);
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('COCO: pycocotools reads the images, annotations, areas and categories sent', async () => {
    const { file, job } = await exportTo('coco');
    expect(file).toMatch(/tasks-job_[^/]+\.coco\.json$/);
    expect(job.result).toMatchObject({
      format: 'coco',
      artifact: 'tasks.coco.json',
      count: 4,
      images: 3,
      labels: 5,
      classes: ['bird', 'cat', 'dog'],
      skipped: { tasks: 1, labels: 1 },
    });
    // The task without an image size and the label outside its image are named, not dropped silently.
    expect(job.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`task ${ids['no-size']}: no image size`)),
        expect.stringMatching(new RegExp(`task ${ids['img-b']} label 1: bbox lies outside the image`)),
      ]),
    );
    const coco = await readLabelExport(python, 'coco', file);
    expect(coco.categories).toEqual(['bird', 'cat', 'dog']);
    expect(coco.categoryIds).toEqual([1, 2, 3]);
    expect(Object.keys(coco.images).sort()).toEqual([
      'b.png',
      'https://example.com/c.jpeg?x=1',
      's3://bucket/images/a.jpg',
    ]);
    const a = coco.images['s3://bucket/images/a.jpg'];
    expect(a).toMatchObject({ width: 100, height: 80, taskId: ids['img-a'] });
    expect(a.annotations).toEqual([
      { class: 'cat', area: 1200, bbox: [10, 20, 30, 40], maskPixels: null },
      // The triangle's area by the shoelace formula; pycocotools rasterises about as many pixels.
      { class: 'dog', area: 800, bbox: [50, 10, 40, 40], maskPixels: expect.any(Number) },
      // An RLE given as a list of counts is written as one (compressed strings stay strings).
      { class: 'cat', area: 100, bbox: [60, 60, 10, 10], maskPixels: 100, rle: 'uncompressed' },
    ]);
    expect(Math.abs(a.annotations[1].maskPixels - 800)).toBeLessThan(60);
    const b = coco.images['b.png'];
    expect(b.annotations).toEqual([
      { class: 'dog', area: 4096, bbox: [0, 0, 64, 64], maskPixels: null },
      { class: 'cat', area: 256, bbox: [8, 8, 16, 16], maskPixels: expect.any(Number) },
    ]);
    expect(coco.images['https://example.com/c.jpeg?x=1'].annotations).toEqual([]);
  });

  it('COCO with named classes: their order is the ids, labels of other classes are reported', async () => {
    const { file, job } = await exportTo('coco', { classes: ['dog', 'cat'] });
    expect(job.result).toMatchObject({
      classes: ['dog', 'cat'],
      labels: 5,
      skipped: { tasks: 1, labels: 1 },
    });
    expect(job.warnings.join('\n')).toContain(
      `task ${ids['img-b']} label 1: class "bird" is not one of the export's classes`,
    );
    const coco = await readLabelExport(python, 'coco', file);
    expect(coco.categories).toEqual(['dog', 'cat']);
    expect(coco.images['b.png'].annotations.map((x: any) => x.class)).toEqual(['dog', 'cat']);

    const unknown = await exportTo('coco', { classes: ['cat'] });
    expect(unknown.job.result.skipped).toMatchObject({ tasks: 1, labels: 3 });
    expect(unknown.job.warnings.join('\n')).toContain(
      `label 1: class "dog" is not one of the export's classes`,
    );
  });

  it('YOLO: data.yaml names the classes and each label line is the box or polygon normalised', async () => {
    const { file, job } = await exportTo('yolo');
    expect(file).toMatch(/\.yolo\.zip$/);
    expect(job.result).toMatchObject({ artifact: 'tasks.yolo.zip', images: 3, skipped: { tasks: 1 } });
    const yolo = await readLabelExport(python, 'yolo', file);
    expect(yolo.nc).toBe(3);
    expect(yolo.names).toEqual(['bird', 'cat', 'dog']);
    expect(Object.keys(yolo.files).sort()).toEqual(['a', 'b', 'c']);
    const close = (rows: number[][], expected: number[][]) => {
      expect(rows.map((r) => r.length)).toEqual(expected.map((r) => r.length));
      rows.forEach((r, i) => r.forEach((v, k) => expect(v).toBeCloseTo(expected[i]![k]!, 5)));
    };
    close(yolo.files.a, [
      [1, 25 / 100, 40 / 80, 30 / 100, 40 / 80],
      [2, 0.5, 10 / 80, 0.9, 10 / 80, 0.9, 50 / 80],
      [1, 65 / 100, 65 / 80, 10 / 100, 10 / 80],
    ]);
    close(yolo.files.b, [
      [2, 0.5, 0.5, 1, 1],
      [1, 8 / 64, 8 / 64, 24 / 64, 8 / 64, 24 / 64, 24 / 64, 8 / 64, 24 / 64],
    ]);
    expect(yolo.files.c).toEqual([]);
  });

  it('VOC: one XML per image with each label as a box in pixels', async () => {
    const { file } = await exportTo('voc');
    const voc = await readLabelExport(python, 'voc', file);
    expect(Object.keys(voc.files).sort()).toEqual(['a', 'b', 'c']);
    expect(voc.files.a).toEqual({
      filename: 'a.jpg',
      width: 100,
      height: 80,
      objects: [
        { name: 'cat', box: [10, 20, 40, 60] },
        { name: 'dog', box: [50, 10, 90, 50] },
        { name: 'cat', box: [60, 60, 70, 70] },
      ],
    });
    expect(voc.files.b.objects).toEqual([
      { name: 'dog', box: [0, 0, 64, 64] },
      { name: 'cat', box: [8, 8, 24, 24] },
    ]);
    expect(voc.files.c).toMatchObject({ filename: 'c.jpeg', objects: [] });
  });

  it('masks: each PNG holds the class ids at the labels’ pixels, 0 elsewhere', async () => {
    const { file } = await exportTo('masks');
    const masks = await readLabelExport(python, 'masks', file, {
      a: [
        [20, 30],
        [85, 15],
        [65, 65],
        [5, 5],
        [55, 45],
        [99, 79],
      ],
      b: [
        [16, 16],
        [40, 40],
        [63, 63],
      ],
      c: [[0, 0]],
    });
    expect(masks.classes).toEqual({ 0: '_background_', 1: 'bird', 2: 'cat', 3: 'dog' });
    expect(masks.files.a).toMatchObject({ mode: 'L', size: [100, 80], at: [2, 3, 2, 0, 0, 0] });
    // The box's 30 × 40 pixels and the RLE's 100 exactly; the triangle's about 800.
    expect(masks.files.a.counts['2']).toBe(1200 + 100);
    expect(Math.abs(masks.files.a.counts['3'] - 800)).toBeLessThan(60);
    // Later labels paint over earlier ones: the cat square over the dog box.
    expect(masks.files.b).toMatchObject({ size: [64, 64], at: [2, 3, 3], values: [2, 3] });
    expect(masks.files.b.counts['2']).toBe(256);
    expect(masks.files.c).toMatchObject({ values: [0] });
  });

  it('a filter selecting no tasks gives a valid empty export', async () => {
    const none = { projectId, batchIds: [batchId], names: ['nobody'] };
    const coco = await sdk.tasks.export({ format: 'coco', filter: none, outputFolder: dir });
    expect(await readLabelExport(python, 'coco', coco)).toEqual({
      categories: [],
      categoryIds: [],
      images: {},
    });
    const yolo = await sdk.tasks.export({ format: 'yolo', filter: none, outputFolder: dir });
    expect(await readLabelExport(python, 'yolo', yolo)).toEqual({ nc: 0, names: [], files: {} });
    const masks = await sdk.tasks.export({ format: 'masks', filter: none, outputFolder: dir });
    expect(await readLabelExport(python, 'masks', masks)).toEqual({
      classes: { 0: '_background_' },
      files: {},
    });
  });

  it('exports 20,000 images with flat memory (COCO) and the zips’ directory only (YOLO)', async () => {
    const big = await sdk.batches.create(datasetId, [{ v: 1 }], { name: 'big' });
    const bigBatch = ((await big.wait()).result as { batchId: string }).batchId;
    for (let start = 0; start < 20_000; start += 5_000) {
      const tasks = Array.from({ length: 5_000 }, (_, i) => ({
        name: `frame-${start + i}`,
        resources: [`frames/frame-${start + i}.jpg`],
        data: {
          image: { width: 64, height: 48 },
          labels: [
            { class: 'car', bbox: [1, 2, 30, 20] },
            {
              class: 'road',
              polygon: [
                [0, 47],
                [63, 47],
                [40, 20],
                [20, 20],
              ],
            },
          ],
        },
      }));
      expect((await sdk.tasks.create(bigBatch, tasks)).created).toBe(5_000);
    }
    // Live memory (after a full collection) is what an export that held its images would grow.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const growth = async (format: 'coco' | 'yolo') => {
      const before = live();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, live())), 50);
      const file = await sdk.tasks.export({
        format,
        filter: { projectId, batchIds: [bigBatch] },
        outputFolder: dir,
      });
      clearInterval(sampler);
      expect(statSync(file).size).toBeGreaterThan(1_000_000);
      return (peak - before) / 2 ** 20;
    };
    // 20,000 images are about 9 MB of COCO JSON; its annotations go through a temporary file.
    expect(await growth('coco')).toBeLessThan(4);
    // The zip's central directory is packed into Buffers (64 KB slabs, 68 bytes an entry, outside
    // the heap); the set of stems is about 60 bytes of heap an image, 1.2 MB here (zip-stream kept
    // about 0.5 KB of heap an entry: 10 MB).
    expect(await growth('yolo')).toBeLessThan(4);
  }, 300_000);

  it('finds classes, keypoints and CSV columns that only the last tasks of a big selection use', async () => {
    // The embedded store scans a selection 5,000 tasks per statement (store/export/sqlite-ranges.ts),
    // so that a million-task export never holds the server's event loop: what only the tasks past
    // the first range use must still be found, and a keypoint found in the last range still counts.
    const job = await sdk.batches.create(datasetId, [{ v: 1 }], { name: 'late' });
    const lateBatch = ((await job.wait()).result as { batchId: string }).batchId;
    const plain = (i: number): NewTask => ({
      name: `p-${i}`,
      resources: [`p/${i}.jpg`],
      data: { image: { width: 10, height: 10 }, labels: [{ class: 'car', bbox: [1, 1, 2, 2] }] },
    });
    for (const start of [0, 5_000])
      expect(
        (
          await sdk.tasks.create(
            lateBatch,
            Array.from({ length: 5_000 }, (_, i) => plain(start + i)),
          )
        ).created,
      ).toBe(5_000);
    const late: NewTask = {
      name: 'last',
      resources: ['p/last.jpg'],
      data: {
        image: { width: 10, height: 10 },
        labels: [
          {
            class: 'zebra',
            bbox: [1, 1, 4, 4],
            keypoints: [
              [2, 2, 2],
              [3, 3, 1],
            ],
          },
        ],
        seenLast: true,
      },
      properties: { custom: { onlyHere: 1 } },
    };
    expect((await sdk.tasks.create(lateBatch, [late])).created).toBe(1);
    const lateFilter = { projectId, batchIds: [lateBatch] };
    const jobs: any[] = [];
    await sdk.tasks.export({
      format: 'yolo',
      filter: lateFilter,
      outputFolder: dir,
      onProgress: (j) => jobs.push(j),
    });
    expect(jobs.at(-1).result).toMatchObject({ classes: ['car', 'zebra'], count: 10_001, kptShape: [2, 3] });
    await sdk.tasks.export({
      format: 'coco',
      filter: lateFilter,
      outputFolder: dir,
      onProgress: (j) => jobs.push(j),
    });
    expect(jobs.at(-1).result).toMatchObject({
      classes: ['car', 'zebra'],
      labels: 10_001,
      keypoints: { written: 1 },
    });
    const csv = await sdk.tasks.export({ format: 'csv', filter: lateFilter, outputFolder: dir });
    const header = readFileSync(csv, 'utf8').split('\r\n')[0]!.split(',');
    expect(header).toEqual(
      expect.arrayContaining(['data.image', 'data.labels', 'data.seenLast', 'properties.onlyHere']),
    );
  }, 300_000);

  it('refuses bad arguments, and another workspace’s project or batch is 404', async () => {
    await expect(
      sdk.tasks.export({ format: 'coco', filter: filter(), fields: ['name'], outputFolder: dir }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      sdk.tasks.export({ format: 'csv', filter: filter(), classes: ['cat'], inMemory: true }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(sdk.tasks.export({ format: 'yolo', filter: filter(), inMemory: true })).rejects.toThrow(
      /zip/,
    );
    await expect(
      stranger.tasks.export({ format: 'coco', filter: filter(), outputFolder: dir }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Another workspace's batch in one's own project's filter selects nothing, as an unknown id does.
    const own = (await stranger.projects.create({ name: 'mine' })).id;
    const jobs: any[] = [];
    const foreign = await stranger.tasks.export({
      format: 'yolo',
      filter: { projectId: own, batchIds: [batchId] },
      outputFolder: dir,
      onProgress: (job) => jobs.push(job),
    });
    expect(jobs.at(-1).result).toMatchObject({ count: 0, images: 0, classes: [] });
    expect(await readLabelExport(python, 'yolo', foreign)).toEqual({ nc: 0, names: [], files: {} });
  });
});
