// The claim-next load of the tasks benchmark, in a process of its own (the benchmark's process holds
// a million tasks, and its garbage collections would show up as latency the server never caused).
// Each member is a closed loop over its own keep-alive connection: claim the next task of the
// project, work on it for `thinkMs`, submit it, claim again. Prints nothing; sends its figures.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { queryTimes } from './data.mjs';

const { base, projectId, tokens, thinkMs, seconds } = JSON.parse(process.argv[2]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One POST with a JSON body over `agent`: its status and its parsed answer. */
function post(agent, token, path, body) {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const req = http.request(
      `${base}${path}`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': String(data.length),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null });
        });
        res.on('error', (error) => resolve({ status: 0, body: { message: error.message } }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, body: { message: error.message } }));
    req.end(data);
  });
}

const claims = [];
const submits = [];
const errors = [];
const seen = new Set();
let duplicates = 0;
let empty = 0;
const start = performance.now();
const deadline = start + seconds * 1000;

async function member(token, m) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // Members start spread over the first think time, as people do not all click at once.
  await sleep((thinkMs * m) / tokens.length);
  while (performance.now() < deadline) {
    let t0 = performance.now();
    const claimed = await post(agent, token, '/v1/tasks/claim', { projectId });
    const claimMs = performance.now() - t0;
    if (claimed.status === 204) {
      empty++;
      continue;
    }
    if (claimed.status !== 200) {
      errors.push(`claim ${claimed.status} ${JSON.stringify(claimed.body).slice(0, 200)}`);
      continue;
    }
    claims.push(claimMs);
    const id = claimed.body.id;
    if (seen.has(id)) duplicates++;
    seen.add(id);
    if (thinkMs > 0) await sleep(thinkMs);
    t0 = performance.now();
    const submitted = await post(agent, token, `/v1/tasks/${id}/submit`, {});
    submits.push(performance.now() - t0);
    if (submitted.status !== 200)
      errors.push(`submit ${submitted.status} ${JSON.stringify(submitted.body).slice(0, 200)}`);
  }
  agent.destroy();
}

await Promise.all(tokens.map((token, m) => member(token, m)));
const elapsedS = (performance.now() - start) / 1000;
process.send({
  result: {
    seconds: elapsedS,
    claimsPerS: claims.length / elapsedS,
    claim: queryTimes(claims),
    submit: queryTimes(submits),
    distinctTasks: seen.size,
    duplicates,
    empty,
    errors: errors.length,
    firstErrors: errors.slice(0, 5),
  },
});
process.disconnect();
