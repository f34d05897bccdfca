import { sql } from 'kysely';
import type { Db } from '../index.js';

/**
 * The quality report's measures, one aggregate query each, over a project's work done in
 * [from, to) (epoch ms), per member. `memberId` narrows each to one member.
 */
export interface QualityRange {
  projectId: string;
  from: number;
  to: number;
  memberId?: string | undefined;
}

/** Clock hours since the epoch, as an integer division both backends do alike. */
const HOUR = sql.lit(3_600_000);

const memberIs = (column: string, memberId: string | undefined) =>
  memberId === undefined ? sql`` : sql`and ${sql.ref(column)} = ${memberId}`;

/** Submits from claim queues per member (gold answers are counted by `goldByMember`). */
export async function submitsByMember(db: Db, r: QualityRange) {
  const { rows } = await sql<{ member_id: string; submitted: number | string }>`
    select e.member_id, count(*) as submitted
    from task_events e join tasks t on t.id = e.task_id
    where e.action = 'submit' and e.at >= ${r.from} and e.at < ${r.to} and e.member_id is not null
      and t.project_id = ${r.projectId} ${memberIs('e.member_id', r.memberId)}
    group by e.member_id`.execute(db);
  return rows.map((row) => ({ memberId: row.member_id, submitted: Number(row.submitted) }));
}

/** Gold answers per member: how many, and their mean score. */
export async function goldByMember(db: Db, r: QualityRange) {
  const { rows } = await sql<{
    member_id: string;
    answered: number | string;
    accuracy: number | string | null;
  }>`
    select member_id, count(*) as answered, avg(score) as accuracy
    from gold_answers
    where project_id = ${r.projectId} and answered_at >= ${r.from} and answered_at < ${r.to}
      ${memberIs('member_id', r.memberId)}
    group by member_id`.execute(db);
  return rows.map((row) => ({
    memberId: row.member_id,
    answered: Number(row.answered),
    accuracy: row.accuracy === null ? null : Number(row.accuracy),
  }));
}

/**
 * Each member's active hours: the clock hours in which they submitted a task or answered a gold
 * task at least once.
 */
export async function activeHoursByMember(db: Db, r: QualityRange) {
  const { rows } = await sql<{ member_id: string; hours: number | string }>`
    select member_id, count(*) as hours from (
      select e.member_id, e.at / ${HOUR} as hour
      from task_events e join tasks t on t.id = e.task_id
      where e.action = 'submit' and e.at >= ${r.from} and e.at < ${r.to} and e.member_id is not null
        and t.project_id = ${r.projectId} ${memberIs('e.member_id', r.memberId)}
      union
      select member_id, answered_at / ${HOUR} as hour
      from gold_answers
      where project_id = ${r.projectId} and answered_at >= ${r.from} and answered_at < ${r.to}
        ${memberIs('member_id', r.memberId)}
    ) x
    group by member_id`.execute(db);
  return rows.map((row) => ({ memberId: row.member_id, hours: Number(row.hours) }));
}

/**
 * Verdicts given in the range on each member's work: the work is the task's last submit before
 * the verdict (so a task rejected and then submitted by someone else counts for each in turn).
 * A rejection sends the task back to pending; an accept moves it on.
 */
export async function verdictsBySubmitter(db: Db, r: QualityRange) {
  const { rows } = await sql<{ member_id: string; verdicts: number | string; rejected: number | string }>`
    select submitter as member_id, count(*) as verdicts,
      sum(case when to_status = 'pending' then 1 else 0 end) as rejected
    from (
      select v.to_status, (
        select s.member_id from task_events s
        where s.task_id = v.task_id and s.action = 'submit' and s.id < v.id
        order by s.id desc limit 1) as submitter
      from task_events v join tasks t on t.id = v.task_id
      where v.action = 'verdict' and v.at >= ${r.from} and v.at < ${r.to}
        and t.project_id = ${r.projectId}
    ) x
    where submitter is not null ${memberIs('submitter', r.memberId)}
    group by submitter`.execute(db);
  return rows.map((row) => ({
    memberId: row.member_id,
    verdicts: Number(row.verdicts),
    rejected: Number(row.rejected),
  }));
}

/**
 * Agreement per member: the mean agreement score of the consensus tasks they annotated in the
 * range (an annotation counts when it was made; a task counts once its last annotation settled
 * it, so a task still collecting is left out).
 */
export async function agreementByMember(db: Db, r: QualityRange) {
  const { rows } = await sql<{ member_id: string; agreement: number | string | null }>`
    select a.member_id, avg(t.agreement_score) as agreement
    from task_annotations a join tasks t on t.id = a.task_id
    where t.project_id = ${r.projectId} and a.created_at >= ${r.from} and a.created_at < ${r.to}
      and t.agreement_score is not null ${memberIs('a.member_id', r.memberId)}
    group by a.member_id`.execute(db);
  return rows.map((row) => ({
    memberId: row.member_id,
    agreement: row.agreement === null ? null : Number(row.agreement),
  }));
}
