import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { prepareSeedClients } from './seed-clients.js';

/**
 * The Python readers of label exports (pycocotools, Pillow, numpy), installed into the seed
 * clients' venv when missing, from the configured pip index. Throws (the test fails loudly) when
 * they cannot be had.
 */
const MODULES = 'import pycocotools.coco, PIL.Image, numpy';
const PACKAGES = ['pycocotools', 'pillow', 'numpy'];

let ready: string | undefined;

export function labelReadersPython(): string {
  if (ready) return ready;
  const seed = prepareSeedClients();
  if ('problem' in seed) throw new Error(`no Python for the label readers: ${seed.problem}`);
  const { python } = seed;
  const has = () => spawnSync(python, ['-c', MODULES], { stdio: 'ignore', timeout: 60_000 }).status === 0;
  if (!has()) {
    const pip = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '-q',
        '--disable-pip-version-check',
        '--retries',
        '0',
        '--timeout',
        '10',
        ...PACKAGES,
      ],
      { encoding: 'utf8', timeout: 600_000 },
    );
    if (pip.status !== 0 || !has())
      throw new Error(
        `pip could not install ${PACKAGES.join(', ')} into ${python} (exit ${String(pip.status)}): ${`${pip.stdout}${pip.stderr}`.trim().split('\n').slice(-5).join(' | ')}`,
      );
  }
  return (ready = python);
}

const SCRIPT = join(import.meta.dirname, '../labels/python/read_labels.py');

/** What test/labels/python/read_labels.py reads in an export file (its last stdout line, JSON). */
export function readLabelExport(
  python: string,
  format: 'coco' | 'yolo' | 'voc' | 'masks' | 'rle' | 'png',
  file: string,
  points: Record<string, [number, number][]> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- what Python printed, checked by the test
): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(
      python,
      [SCRIPT, format, file, JSON.stringify(points)],
      { timeout: 120_000, maxBuffer: 64 * 2 ** 20, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`read_labels.py ${format} failed: ${error.message}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop()!));
      },
    );
  });
}
