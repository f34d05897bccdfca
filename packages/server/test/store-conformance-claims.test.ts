import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testDialects } from '../../../test/support/index.js';
import type { Store } from '../src/store/index.js';
import { insertJobs } from '../src/store/queries/jobs.js';
import { vacuumJobKeys } from '../src/store/queries/job-keys.js';
import { deletePause, insertPause } from '../src/store/queries/job-pauses.js';
import { claimJobs, nextClaimCursor, type ClaimOptions } from '../src/store/sql/claimJobs.js';
import { jobRow, seedProject, T0 } from './store-fixtures.js';

/**
 * The claim rules of the store conformance suite (store-conformance.test.ts holds the rest): the
 * rotation across workspaces, weights, pauses, and concurrent claimers, the same on both backends.
 */
describe.each(testDialects())('store claim rules on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestStore(dialect);
    store = created.store as unknown as Store;
    drop = created.drop;
    await seedProject(store.db);
  });
  afterAll(async () => {
    await drop?.();
  });

  let wsSeq = 0;
  /** Workspaces `ws_claim_<n>_<i>` (ids sort in creation order), each with its weight. */
  async function workspaces(weights: number[]): Promise<string[]> {
    const prefix = `ws_claim_${String(++wsSeq).padStart(2, '0')}`;
    const ids = weights.map((_, i) => `${prefix}_${i}`);
    await store.db
      .insertInto('workspaces')
      .values(
        ids.map((id, i) => ({ id, name: id, claim_weight: weights[i]!, created_at: T0, updated_at: T0 })),
      )
      .execute();
    return ids;
  }
  async function enqueue(type: string, workspaceId: string, count: number, over = {}) {
    const rows = Array.from({ length: count }, () => jobRow({ type, workspace_id: workspaceId, ...over }));
    for (let i = 0; i < rows.length; i += 500) await insertJobs(store, store.db, rows.slice(i, i + 500));
    return rows.map((r) => r.id);
  }
  const claim = (over: Partial<ClaimOptions> & { types: string[]; limit: number }) =>
    claimJobs(store, { workspaceId: null, owner: 'claimer', leaseMs: 60_000, ...over });
  const count = (rows: ReadonlyArray<{ workspace_id: string }>) => {
    const n = new Map<string, number>();
    for (const r of rows) n.set(r.workspace_id, (n.get(r.workspace_id) ?? 0) + 1);
    return Object.fromEntries(n);
  };

  it("shares a claim across workspaces: a backlog takes its share, not the other's jobs", async () => {
    const [a, b] = await workspaces([1, 1]);
    await enqueue('fair.share', a!, 300);
    const bIds = await enqueue('fair.share', b!, 5);
    const rows = await claim({ types: ['fair.share'], limit: 20 });
    // Each workspace gets half of the claim; B has only 5, so A's half is what is left.
    expect(count(rows)).toEqual({ [a!]: 10, [b!]: 5 });
    expect(
      rows
        .filter((r) => r.workspace_id === b)
        .map((r) => r.id)
        .sort(),
    ).toEqual(bIds.sort());
  });

  it('weights the shares by each workspace’s claim weight', async () => {
    const [a, b] = await workspaces([1, 3]);
    await enqueue('fair.weight', a!, 50);
    await enqueue('fair.weight', b!, 50);
    const rows = await claim({ types: ['fair.weight'], limit: 8 });
    expect(count(rows)).toEqual({ [a!]: 2, [b!]: 6 });
  });

  it('keeps priority order within a workspace', async () => {
    const [a, b] = await workspaces([1, 1]);
    await enqueue('fair.prio', a!, 5, { priority: 0 });
    const urgent = await enqueue('fair.prio', a!, 2, { priority: 9 });
    await enqueue('fair.prio', b!, 5);
    const rows = await claim({ types: ['fair.prio'], limit: 4 });
    expect(count(rows)).toEqual({ [a!]: 2, [b!]: 2 });
    expect(
      rows
        .filter((r) => r.workspace_id === a)
        .map((r) => r.id)
        .sort(),
    ).toEqual(urgent.sort());
  });

  it('rotates across more workspaces than a claim takes, from a cursor, so none waits for long', async () => {
    const ids = await workspaces([1, 1, 1, 1, 1]);
    for (const id of ids) await enqueue('fair.rotate', id, 4);
    let after = '';
    const served: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const rows = await claim({ types: ['fair.rotate'], limit: 2, after });
      served.push(rows.map((r) => r.workspace_id).sort());
      after = nextClaimCursor(after, rows);
    }
    // 10 jobs over 5 claims of 2: every workspace twice, in turn, wrapping around after the last.
    const w = (...i: number[]) => i.map((n) => ids[n]!);
    expect(served).toEqual([w(0, 1), w(2, 3), w(0, 4), w(1, 2), w(3, 4)]);
  });

  it('skips paused (type, workspace) queues and instance-wide paused types, and resumes them', async () => {
    const [a, b] = await workspaces([1, 1]);
    const aIds = await enqueue('fair.pause', a!, 3);
    const bIds = await enqueue('fair.pause', b!, 3);
    await insertPause(store.db, { workspace_id: a!, type: 'fair.pause', paused_by: null, paused_at: T0 });
    // A second pause of the same queue is no change.
    expect(
      await insertPause(store.db, { workspace_id: a!, type: 'fair.pause', paused_by: null, paused_at: T0 }),
    ).toBe(false);
    const first = await claim({ types: ['fair.pause'], limit: 10 });
    expect(first.map((r) => r.id).sort()).toEqual(bIds.sort());
    // A workspace's own claim (a remote worker of it) skips it as well.
    expect(await claim({ types: ['fair.pause'], limit: 10, workspaceId: a! })).toEqual([]);
    await insertPause(store.db, { workspace_id: null, type: 'fair.pause', paused_by: null, paused_at: T0 });
    expect(await deletePause(store.db, a!, 'fair.pause')).toBe(true);
    // Paused instance-wide: still nothing, whatever the workspace's own pause says.
    expect(await claim({ types: ['fair.pause'], limit: 10 })).toEqual([]);
    expect(await claim({ types: ['fair.pause'], limit: 10, workspaceId: a! })).toEqual([]);
    expect(await deletePause(store.db, null, 'fair.pause')).toBe(true);
    const released = await claim({ types: ['fair.pause'], limit: 10 });
    expect(released.map((r) => r.id).sort()).toEqual(aIds.sort());
  });

  it('lets a paused queue’s backlog cost nothing: other types and workspaces are claimed as usual', async () => {
    const [a, b] = await workspaces([1, 1]);
    await enqueue('fair.big', a!, 2000);
    await insertPause(store.db, { workspace_id: a!, type: 'fair.big', paused_by: null, paused_at: T0 });
    const bIds = await enqueue('fair.big', b!, 2);
    const rows = await claim({ types: ['fair.big'], limit: 50 });
    expect(rows.map((r) => r.id).sort()).toEqual(bIds.sort());
    await deletePause(store.db, a!, 'fair.big');
  });

  it('hands every job to exactly one of several concurrent claimers', async () => {
    const ids = await workspaces([1, 2, 1]);
    const all = new Set<string>();
    for (const id of ids) for (const jobId of await enqueue('fair.race', id, 200)) all.add(jobId);
    const claimed: string[] = [];
    const claimer = async (n: number) => {
      let after = '';
      for (;;) {
        const rows = await claim({ types: ['fair.race', 'fair.other'], limit: 7, owner: `c${n}`, after });
        if (rows.length === 0) return;
        after = nextClaimCursor(after, rows);
        claimed.push(...rows.map((r) => r.id));
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, n) => claimer(n)));
    // A claimer stops at its first empty claim, which may come while another holds the last rows
    // locked (SKIP LOCKED): one more claim, alone, takes whatever that one let go of.
    claimed.push(...(await claim({ types: ['fair.race'], limit: 600 })).map((r) => r.id));
    expect(claimed).toHaveLength(all.size);
    expect(new Set(claimed)).toEqual(all);
    const stillQueued = await store.db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', 'fair.race')
      .where('status', '=', 'queued')
      .execute();
    expect(stillQueued).toEqual([]);
  });

  it('never lets concurrent claimers start more of a key than its limit, and keeps its counts', async () => {
    const [a] = await workspaces([1]);
    const keys = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    for (const key of keys) await enqueue('keys.race', a!, 30, { concurrency_key: key, key_max_running: 2 });
    await enqueue('keys.race', a!, 40);
    const claimed: Array<{ id: string; key: string }> = [];
    const claimer = async (n: number) => {
      for (;;) {
        const rows = await claim({ types: ['keys.race'], limit: 9, owner: `c${n}` });
        if (rows.length === 0) return;
        claimed.push(...rows.map((r) => ({ id: r.id, key: r.concurrency_key ?? '' })));
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, n) => claimer(n)));
    claimed.push(
      ...(await claim({ types: ['keys.race'], limit: 600 })).map((r) => ({
        id: r.id,
        key: r.concurrency_key ?? '',
      })),
    );
    const perKey = new Map<string, number>();
    for (const { key } of claimed) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    // Every unkeyed job, and exactly two of each key: nothing completed, so no slot freed.
    expect(perKey.get('')).toBe(40);
    for (const key of keys) expect(perKey.get(key), key).toBe(2);
    expect(new Set(claimed.map((c) => c.id)).size).toBe(claimed.length);
    const counts = await store.db
      .selectFrom('job_keys')
      .select(['key', 'queued', 'running'])
      .where('type', '=', 'keys.race')
      .orderBy('key')
      .execute();
    expect(counts).toEqual(keys.map((key) => ({ key, queued: 28, running: 2 })));
    // A vacuum of the key rows (PostgreSQL; nothing on SQLite) changes none of them.
    await vacuumJobKeys(store);
    expect(
      await store.db
        .selectFrom('job_keys')
        .select(['key', 'queued', 'running'])
        .where('type', '=', 'keys.race')
        .orderBy('key')
        .execute(),
    ).toEqual(counts);
    // Ending one job of a key frees one slot of that key only.
    const ended = claimed.find((c) => c.key === 'k03')!;
    await store.db
      .updateTable('jobs')
      .set({ status: 'succeeded', finished_at: T0 })
      .where('id', '=', ended.id)
      .execute();
    const next = await claim({ types: ['keys.race'], limit: 50 });
    expect(next.map((r) => r.concurrency_key)).toEqual(['k03']);
  });
});
