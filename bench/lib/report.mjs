// What every benchmark's report shares: the machine it ran on, figures formatted one way, our figure
// beside the peer's from the same run with the ratio, targets met or missed, and the results written
// as bench/results/<name>.json and .md (BENCH_RESULTS_DIR elsewhere, e.g. for a check at small size).
import os from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const BENCH_DIR = new URL('..', import.meta.url).pathname;

/** `[<name> hh:mm:ss] …` on stderr, so that stdout holds only the tables. */
export const logger =
  (name) =>
  (...args) =>
    console.error(`[${name} ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** CPU, cores, memory, Node and kernel: the line every result names its machine by. */
export function machineText() {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The PostgreSQL settings a result depends on, read through `adminQuery` (bench/lib/common.mjs). */
export async function postgresSettings(adminQuery) {
  const show = async (name) => (await adminQuery(`show ${name}`)).rows[0][name];
  return {
    server_version: await show('server_version'),
    synchronous_commit: await show('synchronous_commit'),
  };
}

const WHOLE_UNITS = /\/s$|^count$|^jobs$/;

/** Rates and counts as whole numbers with thousands separators; times and sizes with 1–2 decimals. */
export function fmt(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (WHOLE_UNITS.test(unit)) return Math.round(value).toLocaleString('en-US');
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** Our figure ÷ the peer's, or — where either is missing. */
export const ratio = (ours, peer) =>
  ours !== null && ours !== undefined && peer ? `${(ours / peer).toFixed(2)}×` : '—';

/**
 * The figures of a run, one entry per system and metric. Values are rounded to whole numbers in
 * `wholeUnits` and to 2 decimals otherwise; missing values are left out.
 */
export function resultSet(wholeUnits = []) {
  const list = [];
  return {
    list,
    push(system, peer, metric, value, unit, extra = {}) {
      if (value === null || value === undefined || Number.isNaN(value)) return;
      const digits = wholeUnits.includes(unit) ? 0 : 2;
      list.push({ system, peer, metric, value: Number(value.toFixed(digits)), unit, ...extra });
    },
    value: (system, metric) => list.find((r) => r.system === system && r.metric === metric)?.value ?? null,
  };
}

/** A Markdown table: `columns` are `[title, 'left' | 'right']`, `rows` arrays of cells. */
export function markdownTable(columns, rows) {
  return [
    `| ${columns.map(([title]) => title).join(' | ')} |`,
    `|${columns.map(([, align]) => (align === 'right' ? '---:' : '---')).join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

/** The columns of a comparison table: what, our figure, the peer, its figure, the ratio (and a target). */
export const COMPARISON_COLUMNS = [
  ['measure', 'left'],
  ['Batchyard', 'right'],
  ['peer', 'left'],
  ['peer figure', 'right'],
  ['Batchyard ÷ peer', 'right'],
];

/** One row of a comparison table: our figure beside the peer's from the same run, and the ratio. */
export const comparisonRow = (measure, unit, ours, peerName, peer, ...rest) => [
  measure,
  fmt(ours, unit),
  peerName,
  fmt(peer, unit),
  ratio(ours, peer),
  ...rest,
];

const pct = (a, b) => `${Math.abs((a / b - 1) * 100).toFixed(0)}%`;

/** A target on one figure: at least (`min`) or at most (`max`) `limit`. */
export function limitTarget(label, value, limit, kind, unit) {
  if (value === null) return { label, status: 'not measured' };
  const met = kind === 'min' ? value >= limit : value <= limit;
  const detail =
    kind === 'min'
      ? `${fmt(value, unit)} ${unit} (${met ? `${pct(value, limit)} above` : `${pct(value, limit)} short, ${fmt(limit - value, unit)} ${unit} more needed`})`
      : `${fmt(value, unit)} ${unit} (${met ? `${fmt(limit - value, unit)} ${unit} to spare` : `${fmt(value - limit, unit)} ${unit} over, ${pct(value, limit)}`})`;
  return { label, met, detail };
}

/** A target on our figure ÷ the peer's: at least `factor`. */
export function ratioTarget(label, value, peerValue, factor, unit, peerName = null) {
  if (value === null || peerValue === null) return { label, status: 'not measured' };
  const r = value / peerValue;
  const met = r >= factor;
  return {
    label,
    met,
    detail: `${fmt(value, unit)} vs ${peerName ? `${peerName} ` : ''}${fmt(peerValue, unit)} ${unit} = ${r.toFixed(2)}× (needs ${factor}×; ${met ? `${((r / factor - 1) * 100).toFixed(0)}% above` : `${((1 - r / factor) * 100).toFixed(0)}% short, i.e. ${fmt(peerValue * factor - value, unit)} ${unit} more needed`})`,
  };
}

/** The targets as Markdown list items. */
export const targetLines = (targets) =>
  targets.map(
    (t) =>
      `- ${t.status ? '**not measured**' : t.met ? '**met**' : '**missed**'} — ${t.label}${t.detail ? `: ${t.detail}` : ''}`,
  );

/** The first lines of a result's Markdown: the run, the machine and the services beside it. */
export function runHeader({ name, title, startedAt, machine, services = [] }) {
  return [
    `# ${title}`,
    '',
    `Run ${startedAt.toISOString()} on ${machine}${services.length ? `; ${services.join(' and ')} on the same host` : ''}. Produced by \`npm run bench -- ${name}\` (bench/${name}/); every figure below comes from this one run. How the figures are taken, the peers' settings and what limits each figure: [docs/benchmarks.md](../../docs/benchmarks.md#${name}).`,
    '',
  ];
}

/**
 * Writes `<name>.json` (every figure, the settings, the machine) and `<name>.md` into
 * BENCH_RESULTS_DIR or bench/results, and prints the tables and the targets.
 */
export function writeResults({ name, startedAt, machine, settings, results, targets, details, md, tables }) {
  const dir = process.env.BENCH_RESULTS_DIR || join(BENCH_DIR, 'results');
  const json = {
    benchmark: name,
    machine,
    date: startedAt.toISOString(),
    settings,
    results,
    targets,
    details,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), md.join('\n'));
  console.log(['', ...tables, 'Targets:', ...targetLines(targets), ''].join('\n'));
  logger(name)(
    `wrote ${join(dir, `${name}.json`)} and ${name}.md (${(performance.now() / 1000).toFixed(0)} s)`,
  );
}
