// The rows every system of the batches benchmark gets alike, built once before anything is timed.
const DAYS = Array.from({ length: 3650 }, (_, d) =>
  new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10),
);
function makeRow(i) {
  return {
    id: i,
    name: `customer ${i}`,
    price: Math.round((i % 100_000) * 137) / 100,
    day: DAYS[i % DAYS.length],
    active: i % 3 !== 0,
    note: `row ${i} of the benchmark, plain text`,
  };
}

/** The `n` rows of the benchmark. */
export const makeRows = (n) => Array.from({ length: n }, (_, i) => makeRow(i + 1));

/** `rows` as an async generator, 10,000 at a time (BENCH_SOURCE=generator). */
export async function* rowGenerator(rows) {
  for (let i = 0; i < rows.length; i += 10_000) yield* rows.slice(i, i + 10_000);
}
