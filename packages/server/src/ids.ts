import { randomFillSync } from 'node:crypto';

/** Id prefixes of every resource. Ids are `<prefix>_<ulid>`, lower-cased, so sorting by id follows creation order. */
export const ID_PREFIXES = {
  workspace: 'ws',
  project: 'prj',
  apiKey: 'key',
  apiClient: 'cli',
  request: 'req',
  job: 'job',
  artifact: 'art',
  definition: 'jdf',
  flow: 'flw',
  dataset: 'ds',
  batch: 'bat',
  task: 'tsk',
  webhook: 'whk',
  delivery: 'msg',
  auditEntry: 'aud',
  member: 'mem',
  annotation: 'ann',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

// Crockford's base 32, lower-cased: ids are case-insensitive ULIDs written in lower case.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_POOL = Buffer.alloc(4096);
let poolAt = RANDOM_POOL.length;
let lastMs = -1;
let lastTime = '';
/** The 16 random digits (0–31) of the last id; incremented for each id of the same millisecond. */
const digits = new Uint8Array(16);

/**
 * A monotonic ULID: 10 digits of milliseconds, then 80 random bits; ids made in the same
 * millisecond (or after the clock stepped back) increment the previous random part, so ids sort in
 * creation order. Written here because the `ulid` package draws each random digit with its own
 * crypto call, about 4% of a list request's CPU and of a bulk task insert's; this one draws from a
 * 4 KiB pool of random bytes.
 */
function nextUlid(): string {
  const now = Date.now();
  if (now > lastMs) {
    if (poolAt + 16 > RANDOM_POOL.length) {
      randomFillSync(RANDOM_POOL);
      poolAt = 0;
    }
    for (let i = 0; i < 16; i++) digits[i] = RANDOM_POOL[poolAt++]! & 31;
    let time = '';
    for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32]! + time;
    lastMs = now;
    lastTime = time;
  } else {
    let i = 15;
    while (i >= 0 && digits[i] === 31) digits[i--] = 0;
    if (i < 0) throw new Error('ULID random part overflowed within one millisecond');
    digits[i]!++;
  }
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHABET[digits[i]!];
  return lastTime + random;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid()}`;
}
