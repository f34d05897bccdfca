import type { Db } from '../index.js';
import type { IdempotencyKeysTable } from '../tables.js';

export type IdempotencyRow = IdempotencyKeysTable;

export function findIdempotencyKey(db: Db, scope: string, key: string): Promise<IdempotencyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Claims the key for a first request. False when another request already holds it. */
export async function claimIdempotencyKey(
  db: Db,
  row: Pick<IdempotencyRow, 'scope' | 'key' | 'request_hash' | 'created_at' | 'expires_at'>,
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ ...row, response_status: null, response_headers: null, response_body: null })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function storeIdempotentResponse(
  db: Db,
  scope: string,
  key: string,
  response: { status: number; headers: string; body: string },
  /** The final request hash, when it was only known once the request was read (streamed bodies). */
  requestHash?: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      response_status: response.status,
      response_headers: response.headers,
      response_body: response.body,
      ...(requestHash === undefined ? {} : { request_hash: requestHash }),
    })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

export async function releaseIdempotencyKey(db: Db, scope: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .execute();
}

/** Forgets keys past their expiry. */
export async function pruneIdempotencyKeys(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes an in-flight claim that was taken before `before` (its request died with its process). */
export async function releaseStaleIdempotencyClaim(
  db: Db,
  scope: string,
  key: string,
  before: number,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .where('created_at', '<', before)
    .execute();
}

/** Marks these claims (requests still in progress here) as alive now: see STALE_CLAIM_MS. */
export async function touchIdempotencyClaims(
  db: Db,
  claims: readonly { scope: string; key: string }[],
  now: number,
): Promise<void> {
  for (const claim of claims) {
    await db
      .updateTable('idempotency_keys')
      .set({ created_at: now })
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .where('response_status', 'is', null)
      .execute();
  }
}
