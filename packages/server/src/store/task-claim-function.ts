import { sql, type Kysely } from 'kysely';

/**
 * The plain task claim on PostgreSQL as a PL/pgSQL function (migration 0027): one round trip for
 * what took four statements (seven with BEGIN, the inserts and COMMIT before that), with each
 * statement's plan kept for the connection's life. As separate statements PostgreSQL planned
 * each one on every claim (0.3 ms apiece warm, as much as the heads and the lease took to run).
 *
 * Steps, each one statement in a snapshot of its own (so a task released by the first is
 * claimable by the next):
 * 1. the project's expired leases back to `pending` (at most 100, oldest first, skipping those
 *    another claim is releasing), each with its `lease_expired` event;
 * 2. the active batches in the order of the first task each holds for the member
 *    (`tasks_claim_batch_idx`);
 * 3. per batch, its queue's head taken `FOR UPDATE SKIP LOCKED` (a concurrent claim takes the
 *    next), leased to the member (a task with empty data starts from its prediction), its
 *    `claim` event and the request's audit entry (`p_audit`, whose summary gains `seeded`).
 * Returns the leased task, or no row when the queue has nothing for the member.
 */
const TASK_CLAIM_FUNCTION = `
create or replace function batchyard_claim_task(
  p_project text, p_batch text, p_member text, p_expires bigint, p_at bigint,
  p_actor text, p_event_member text, p_audit jsonb)
returns setof tasks language plpgsql as $claim$
declare
  v_batch text;
  v_id text;
  v_seeded boolean;
  v_task tasks;
begin
  with x as (
    select id, lease_member_id from tasks
    where project_id = p_project and lease_expires_at is not null and lease_expires_at <= p_at
      and status = 'in_progress'
    order by lease_expires_at
    limit 100
    for update skip locked
  ), r as (
    update tasks t set status = 'pending', lease_member_id = null, lease_expires_at = null, updated_at = p_at
    from x
    where t.id = x.id and t.status = 'in_progress' and t.lease_expires_at <= p_at
    returning t.id, x.lease_member_id
  )
  insert into task_events (task_id, from_status, to_status, action, actor, member_id, reason, details, at)
  select r.id, 'in_progress', 'pending', 'lease_expired', null, null, null,
    jsonb_build_object('memberId', r.lease_member_id), p_at
  from r;

  for v_batch in
    select h.batch_id from (
      select b.id as batch_id,
        (select t.id from tasks t
          where t.batch_id = b.id and t.status = 'pending'
            and (t.assignee_id is null or t.assignee_id = p_member)
            and not exists (select 1 from task_skips s where s.task_id = t.id and s.member_id = p_member)
            and not exists (select 1 from gold_tasks g where g.task_id = t.id)
          order by t.priority desc, t.id
          limit 1) as head
      from batches b
      where b.project_id = p_project and b.state = 'active' and (p_batch is null or b.id = p_batch)
    ) h
    join tasks c on c.id = h.head
    order by c.priority desc, c.id
  loop
    v_id := null;
    select t.id, (t.prediction_data is not null and t.data = '{}'::jsonb) into v_id, v_seeded
    from tasks t
    where t.batch_id = v_batch and t.status = 'pending'
      and (t.assignee_id is null or t.assignee_id = p_member)
      and not exists (select 1 from task_skips s where s.task_id = t.id and s.member_id = p_member)
      and not exists (select 1 from gold_tasks g where g.task_id = t.id)
    order by t.priority desc, t.id
    limit 1
    for update of t skip locked;
    continue when v_id is null;
    update tasks set status = 'in_progress', lease_member_id = p_member, lease_expires_at = p_expires,
      updated_at = p_at, data = case when v_seeded then prediction_data else data end
    where id = v_id and status = 'pending'
    returning * into v_task;
    continue when v_task.id is null;
    insert into task_events (task_id, from_status, to_status, action, actor, member_id, reason, details, at)
    values (v_id, 'pending', 'in_progress', 'claim', p_actor, p_event_member, null,
      jsonb_build_object('leaseExpiresAt', p_expires, 'seeded', v_seeded), p_at);
    insert into audit_log (id, workspace_id, actor_kind, actor_id, actor_name, action, resource_type,
      resource_id, request_id, actor_member_id, summary, created_at)
    values (p_audit->>'id', p_audit->>'workspace_id', p_audit->>'actor_kind', p_audit->>'actor_id',
      p_audit->>'actor_name', p_audit->>'action', p_audit->>'resource_type', v_id,
      p_audit->>'request_id', p_audit->>'actor_member_id',
      (p_audit->'summary') || jsonb_build_object('seeded', v_seeded), (p_audit->>'created_at')::bigint);
    return next v_task;
    return;
  end loop;
  return;
end
$claim$`;

export async function addTaskClaimFunction(db: Kysely<unknown>): Promise<void> {
  await sql.raw(TASK_CLAIM_FUNCTION).execute(db);
}

export async function dropTaskClaimFunction(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists batchyard_claim_task(text, text, text, bigint, bigint, text, text, jsonb)`.execute(
    db,
  );
}
