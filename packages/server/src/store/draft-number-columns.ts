import { sql, type Kysely } from 'kysely';

/**
 * Migration 0013: a merge's draft batch keeps a draft number for its whole life (TensorBay's draft
 * numbers; shown in the native API too). Numbers count per project, so a TensorBay dataset's
 * branches (other datasets of the same project) never share one. Existing merge batches (those
 * with a commit strategy) are numbered in creation order, and each project's counter continues
 * after its highest number. The statements are the same on both backends.
 */
export async function addDraftNumbers(db: Kysely<unknown>): Promise<void> {
  await sql`alter table projects add column draft_seq integer not null default 0`.execute(db);
  await sql`alter table batches add column draft_number integer`.execute(db);
  await sql`update batches set draft_number = k.n from (select id, row_number() over (partition by project_id order by created_at, id) as n from batches where strategy is not null) k where k.id = batches.id`.execute(
    db,
  );
  await sql`update projects set draft_seq = coalesce((select max(b.draft_number) from batches b where b.project_id = projects.id), 0)`.execute(
    db,
  );
  await sql`create unique index batches_project_draft_number_unique on batches (project_id, draft_number)`.execute(
    db,
  );
}
