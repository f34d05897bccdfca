import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, Batchyard, type NewTask } from '@batchyard/sdk';
import { labelReadersPython, readLabelExport } from '../support/label-readers.js';
import { startTestServer, testDialects, type TestServer } from '../support/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Keypoints, compressed-RLE masks and PNG masks in the label convention, exported and read back
 * by pycocotools, a YOLO pose line parser, xml.etree and Pillow (test/labels/python/read_labels.py).
 * The PNGs and the compressed string are made by Pillow and pycocotools, not by us.
 */

type Rect = [number, number, number, number];

describe.each(testDialects())('label shapes on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  let python: string;
  let projectId: string;
  let batchA: string;
  let batchB: string;
  let datasetId: string;
  let dir: string;
  const ids: Record<string, string> = {};

  const exportTo = async (format: 'coco' | 'yolo' | 'voc' | 'masks', extra: Record<string, unknown> = {}) => {
    const jobs: any[] = [];
    const file = await sdk.tasks.export({
      format,
      filter: { projectId, batchIds: [batchA] },
      outputFolder: dir,
      onProgress: (job) => jobs.push(job),
      ...extra,
    });
    return { file, job: jobs.at(-1) };
  };

  beforeAll(async () => {
    python = labelReadersPython();
    dir = mkdtempSync(join(tmpdir(), 'label-shapes-'));
    // Pillow draws the PNG masks; pycocotools compresses the square.
    const pngSpec = join(dir, 'png.json');
    const png = (mode: string, size: [number, number], rect: Rect, value: number) => ({
      mode,
      size,
      set: [rect],
      value,
    });
    writeFileSync(
      pngSpec,
      JSON.stringify([
        png('L', [100, 80], [5, 50, 20, 10], 255),
        png('P', [64, 64], [0, 0, 8, 8], 3),
        png('1', [64, 64], [10, 10, 4, 5], 1),
        png('I;16', [64, 64], [30, 30, 3, 3], 1),
        png('L', [10, 10], [0, 0, 2, 2], 9),
        { mode: 'RGB', size: [64, 64], set: [[0, 0, 2, 2]], value: [255, 0, 0] },
        png('L', [5000, 4000], [0, 0, 10, 10], 255),
      ]),
    );
    const [greyA, paletteB, bitB, deepB, smallB, rgbB, huge] = (await readLabelExport(
      python,
      'png',
      pngSpec,
    )) as string[];
    const rleSpec = join(dir, 'rle.json');
    writeFileSync(rleSpec, JSON.stringify({ masks: [{ size: [80, 100], set: [[60, 60, 10, 10]] }] }));
    const square = (await readLabelExport(python, 'rle', rleSpec)).masks[0].string as string;

    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: 'shapes' })).id;
    sdk = new Batchyard({
      baseUrl: server.url,
      token: (await admin.keys.create({ name: 'shapes', role: 'admin', workspaceId })).token,
    });
    projectId = (await sdk.projects.create({ name: 'poses' })).id;
    datasetId = (
      await sdk.datasets.create({ projectId, name: 'frames', columns: [{ name: 'v', type: 'numeric' }] })
    ).id;
    const batch = async (name: string) =>
      (
        (await (await sdk.batches.create(datasetId, [{ v: 1 }], { name })).wait()).result as {
          batchId: string;
        }
      ).batchId;
    batchA = await batch('a');
    batchB = await batch('b');
    const tasks: NewTask[] = [
      {
        name: 'kp-a',
        resources: ['a.jpg'],
        data: {
          image: { width: 100, height: 80 },
          labels: [
            {
              class: 'person',
              bbox: [10, 10, 40, 60],
              keypoints: [
                [20, 15, 2],
                [30, 15, 1],
                [99, 99, 0],
              ],
              keypointNames: ['nose', 'eye', 'ear'],
              skeleton: [[1, 2]],
            },
            {
              class: 'person',
              keypoints: [
                [60, 20, 2],
                [70, 40, 2],
                [5, 5, 0],
              ],
            },
            { class: 'car', mask: { rle: { size: [80, 100], counts: square } } },
            { class: 'car', mask: { png: greyA } },
            {
              class: 'person',
              keypoints: [
                [1, 1, 2],
                [2, 2, 2],
              ],
            },
          ],
        },
      },
      {
        name: 'kp-b',
        resources: ['b.png'],
        data: {
          image: { width: 64, height: 64 },
          labels: [
            { class: 'car', mask: { png: paletteB } },
            { class: 'car', mask: { png: bitB } },
            { class: 'car', mask: { png: deepB } },
            { class: 'car', mask: { png: smallB } },
            { class: 'car', mask: { png: 'not base64!' } },
            { class: 'car', mask: { rle: { size: [64, 64], counts: '0a~' } } },
            { class: 'car', keypoints: [[1, 1, 0]] },
            { class: 'car', mask: { png: rgbB } },
          ],
        },
      },
    ];
    const created = await sdk.tasks.create(batchA, tasks);
    expect(created.failed).toBe(0);
    created.results.forEach((r, i) => (ids[tasks[i]!.name] = r.id!));
    await sdk.tasks.create(batchB, [
      // A small PNG declaring 20,000,000 pixels: refused from its header, never decoded.
      {
        name: 'huge',
        resources: ['huge.jpg'],
        data: { image: { width: 5000, height: 4000 }, labels: [{ class: 'car', mask: { png: huge } }] },
      },
      {
        name: 'hand',
        resources: ['c.jpg'],
        data: {
          image: { width: 10, height: 10 },
          labels: [
            {
              class: 'hand',
              bbox: [1, 1, 5, 5],
              keypoints: [
                [2, 2, 2],
                [3, 3, 2],
              ],
            },
          ],
        },
      },
    ]);
  }, 900_000);
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('COCO: pycocotools reads keypoints, compressed RLE and PNG masks, with their areas', async () => {
    const { file, job } = await exportTo('coco');
    expect(job.result).toMatchObject({
      classes: ['car', 'person'],
      images: 2,
      labels: 7,
      skipped: { tasks: 0, labels: 6 },
      keypoints: { written: 2, leftOut: 0 },
    });
    const warnings = job.warnings.join('\n');
    expect(warnings).toContain(
      `task ${ids['kp-a']} label 4: class "person" has 3 keypoints (its first keypoint label), this label 2`,
    );
    expect(warnings).toContain(`task ${ids['kp-b']} label 3: mask png is 10 × 10, the image 64 × 64`);
    expect(warnings).toContain(`task ${ids['kp-b']} label 4: mask png must be base64 text`);
    expect(warnings).toContain(`task ${ids['kp-b']} label 5: mask counts string has a character outside`);
    expect(warnings).toContain(
      `task ${ids['kp-b']} label 6: a keypoint-only label needs a labelled keypoint (v 1 or 2) to have a box`,
    );
    expect(warnings).toContain(
      `task ${ids['kp-b']} label 7: mask png must have one channel (greyscale) or a palette`,
    );
    const coco = await readLabelExport(python, 'coco', file);
    expect(coco.categoryKeypoints).toEqual({
      person: { keypoints: ['nose', 'eye', 'ear'], skeleton: [[1, 2]] },
    });
    expect(coco.images['a.jpg'].annotations).toEqual([
      {
        class: 'person',
        area: 2400,
        bbox: [10, 10, 40, 60],
        maskPixels: null,
        // A point not labelled is written 0, 0, 0 whatever its x and y.
        keypoints: [20, 15, 2, 30, 15, 1, 0, 0, 0],
        numKeypoints: 2,
      },
      {
        class: 'person',
        area: 200,
        bbox: [60, 20, 10, 20],
        maskPixels: null,
        keypoints: [60, 20, 2, 70, 40, 2, 0, 0, 0],
        numKeypoints: 2,
      },
      {
        class: 'car',
        area: 100,
        bbox: [60, 60, 10, 10],
        maskPixels: 100,
        rle: 'compressed',
        rleArea: 100,
        rleBox: [60, 60, 10, 10],
      },
      {
        class: 'car',
        area: 200,
        bbox: [5, 50, 20, 10],
        maskPixels: 200,
        rle: 'compressed',
        rleArea: 200,
        rleBox: [5, 50, 20, 10],
      },
    ]);
    // Palette index 3, a 1-bit PNG and a 16-bit value of 1: each set where Pillow drew it.
    expect(coco.images['b.png'].annotations).toEqual([
      expect.objectContaining({ area: 64, bbox: [0, 0, 8, 8], maskPixels: 64, rleArea: 64 }),
      expect.objectContaining({ area: 20, bbox: [10, 10, 4, 5], maskPixels: 20 }),
      expect.objectContaining({ area: 9, bbox: [30, 30, 3, 3], maskPixels: 9 }),
    ]);
  });

  it('COCO with the keypoints option: its names and skeleton, and labels of another count left out', async () => {
    const { file, job } = await exportTo('coco', {
      keypoints: { person: { names: ['head', 'hip'], skeleton: [[1, 2]] }, robot: { names: ['arm'] } },
    });
    // The two 3-point labels are left out, the 2-point one kept.
    expect(job.result).toMatchObject({ labels: 6, keypoints: { written: 1 } });
    expect(job.warnings.join('\n')).toContain(
      `label 0: class "person" has 2 keypoints (the export’s keypoints option), this label 3`,
    );
    expect(job.warnings).toContain('the keypoints option names class "robot", which no selected label uses');
    const coco = await readLabelExport(python, 'coco', file);
    expect(coco.categoryKeypoints).toEqual({ person: { keypoints: ['head', 'hip'], skeleton: [[1, 2]] } });
    expect(coco.images['a.jpg'].annotations.filter((a: any) => a.keypoints)).toEqual([
      expect.objectContaining({ keypoints: [1, 1, 2, 2, 2, 2], numKeypoints: 2, bbox: [1, 1, 1, 1] }),
    ]);
  });

  it('YOLO: a pose dataset (kpt_shape) when the keypoint labels agree, boxes otherwise, reported', async () => {
    const { file, job } = await exportTo('yolo');
    expect(job.result).toMatchObject({ kptShape: [3, 3], keypoints: { written: 2, leftOut: 0 } });
    const yolo = await readLabelExport(python, 'yolo', file);
    expect(yolo.kptShape).toEqual([3, 3]);
    const close = (rows: number[][], expected: number[][]) => {
      expect(rows.map((r) => r.length)).toEqual(expected.map((r) => r.length));
      rows.forEach((r, i) => r.forEach((v, k) => expect(v).toBeCloseTo(expected[i]![k]!, 5)));
    };
    const none = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    close(yolo.files.a, [
      [1, 30 / 100, 40 / 80, 40 / 100, 60 / 80, 0.2, 15 / 80, 2, 0.3, 15 / 80, 1, 0, 0, 0],
      [1, 65 / 100, 30 / 80, 10 / 100, 20 / 80, 0.6, 20 / 80, 2, 0.7, 40 / 80, 2, 0, 0, 0],
      [0, 65 / 100, 65 / 80, 10 / 100, 10 / 80, ...none],
      [0, 15 / 100, 55 / 80, 20 / 100, 10 / 80, ...none],
    ]);
    expect(yolo.files.b.map((r: number[]) => r.length)).toEqual([14, 14, 14]);

    // With the hand's 2 keypoints beside the person's 3, no kpt_shape fits: boxes, and a warning.
    const jobs: any[] = [];
    const mixed = await sdk.tasks.export({
      format: 'yolo',
      filter: { projectId, batchIds: [batchA, batchB] },
      outputFolder: dir,
      onProgress: (j) => jobs.push(j),
    });
    const done = jobs.at(-1);
    expect(done.result).toMatchObject({ kptShape: null, keypoints: { written: 0, leftOut: 3 } });
    expect(done.warnings.join('\n')).toContain(
      'keypoints per class differ ("hand" 2, "person" 3): a YOLO pose dataset has one kpt_shape',
    );
    expect(done.warnings.join('\n')).toContain('3 label(s) were written without their keypoints');
    expect(done.warnings.join('\n')).toMatch(
      /label 0: mask png has more than 16777216 pixels, the most a PNG mask holds/,
    );
    const plain = await readLabelExport(python, 'yolo', mixed);
    expect(plain.kptShape).toBeUndefined();
    expect(plain.files.a.map((r: number[]) => r.length)).toEqual([5, 5, 5, 5]);
  });

  it('YOLO finds keypoints behind labels that are not objects, found classes or named ones', async () => {
    // The keypoint question is asked apart (classes named) or with the classes (found): either
    // way a label with keypoints after strings, numbers and nulls counts, and a `labels` object
    // (not an array) with a keypoints member does not.
    const odd = (
      (await (await sdk.batches.create(datasetId, [{ v: 1 }], { name: 'odd' })).wait()).result as {
        batchId: string;
      }
    ).batchId;
    const created = await sdk.tasks.create(odd, [
      {
        name: 'mixed',
        resources: ['m.jpg'],
        data: {
          image: { width: 10, height: 10 },
          labels: [
            'junk',
            5,
            null,
            { class: 'b', bbox: [1, 1, 2, 2] },
            { class: 'a', bbox: [2, 2, 4, 4], keypoints: [[3, 3, 2]] },
          ],
        },
      },
      {
        name: 'object',
        resources: ['o.jpg'],
        data: { image: { width: 10, height: 10 }, labels: { class: 'a', keypoints: [[1, 1, 2]] } },
      },
    ]);
    expect(created.failed).toBe(0);
    for (const classes of [undefined, ['a', 'b']]) {
      const jobs: any[] = [];
      await sdk.tasks.export({
        format: 'yolo',
        filter: { projectId, batchIds: [odd] },
        outputFolder: dir,
        onProgress: (job) => jobs.push(job),
        ...(classes && { classes }),
      });
      expect(jobs.at(-1).result).toMatchObject({
        classes: ['a', 'b'],
        kptShape: [1, 3],
        images: 1,
        labels: 2,
        keypoints: { written: 1, leftOut: 0 },
        skipped: { tasks: 1, labels: 3 },
      });
    }
  });

  it('VOC and masks: keypoint-only labels left out and keypoints dropped, both reported', async () => {
    const voc = await exportTo('voc');
    expect(voc.job.result).toMatchObject({ labels: 6, keypoints: { written: 0, leftOut: 1 } });
    const warnings = voc.job.warnings.join('\n');
    expect(warnings).toContain(
      `task ${ids['kp-a']} label 1: a keypoint-only label has no shape a voc export holds`,
    );
    expect(warnings).toContain(
      '1 label(s) were written without their keypoints: Pascal VOC has no keypoints',
    );
    const xml = await readLabelExport(python, 'voc', voc.file);
    expect(xml.files.a.objects).toEqual([
      { name: 'person', box: [10, 10, 50, 70] },
      { name: 'car', box: [60, 60, 70, 70] },
      { name: 'car', box: [5, 50, 25, 60] },
    ]);

    const masks = await exportTo('masks');
    expect(masks.job.result).toMatchObject({ keypoints: { leftOut: 1 } });
    const read = await readLabelExport(python, 'masks', masks.file, {
      a: [
        [30, 30],
        [62, 62],
        [7, 55],
        [65, 25],
      ],
      b: [
        [2, 2],
        [11, 12],
        [31, 31],
        [40, 40],
      ],
    });
    expect(read.files.a.at).toEqual([2, 1, 1, 0]);
    expect(read.files.b.at).toEqual([1, 1, 1, 0]);
    expect(read.files.b.counts['1']).toBe(64 + 20 + 9);
  });

  it('refuses a bad keypoints option, and keypoints for json, jsonl and csv', async () => {
    await expect(
      sdk.tasks.export({
        format: 'coco',
        filter: { projectId },
        keypoints: { person: { names: ['a', 'b'], skeleton: [[1, 3]] } },
        inMemory: true,
      }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ pointer: '/keypoints/person/skeleton' })] });
    await expect(
      sdk.tasks.export({
        format: 'coco',
        filter: { projectId },
        classes: ['car'],
        keypoints: { person: { names: ['a'] } },
        inMemory: true,
      }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ pointer: '/keypoints/person' })] });
    await expect(
      sdk.tasks.export({
        format: 'jsonl',
        filter: { projectId },
        keypoints: { person: { names: ['a'] } },
        inMemory: true,
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});
