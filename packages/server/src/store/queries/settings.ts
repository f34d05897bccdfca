import type { Db } from '../index.js';

/** Inserts a setting unless it exists. True when this call created it (exactly one caller wins). */
export async function insertSettingOnce(db: Db, name: string, value: string, at: number): Promise<boolean> {
  const result = await db
    .insertInto('settings')
    .values({ name, value, created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function getSetting(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}
