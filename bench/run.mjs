// `npm run bench -- <name>` runs bench/<name>/index.mjs; without a name it lists what there is.
// Each benchmark prints our figure beside its peer's from the same run and writes
// bench/results/<name>.json and .md (bench/lib/report.mjs); docs/benchmarks.md explains them.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const here = new URL('.', import.meta.url).pathname;
const available = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${here}${entry.name}/index.mjs`))
  .map((entry) => entry.name)
  .sort();
const wanted = process.argv.slice(2);

if (wanted.length === 0) {
  console.log(available.length ? `benchmarks: ${available.join(', ')}` : 'No benchmarks yet.');
  process.exit(0);
}
for (const name of wanted) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(', ') || 'none'}`);
    process.exit(2);
  }
  const run = spawnSync(process.execPath, [`${here}${name}/index.mjs`], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
