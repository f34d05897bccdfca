import { sql, type Kysely } from 'kysely';

/**
 * The PostgreSQL claim as a PL/pgSQL function (migration 0025). The same four steps as the
 * single statement it replaces (see `sql/claimJobs.ts`), each step here one small statement with
 * one obvious index, so PL/pgSQL can keep each statement's plan for the connection's life.
 *
 * Why: the single statement (recursive walk, lateral heads, window pick) was planned on every
 * call, 1.0–1.3 ms of planning against 1.3–1.7 ms of execution for a claim of 50, and its
 * prepared (generic) plan ran for seconds. That cost the plain drain about 18% since fair claims
 * (docs/benchmarks.md#jobs).
 *
 * Each statement reads in the function's own snapshot as it runs; the heads are locked with
 * SKIP LOCKED as they are read, so a concurrent claimer takes other rows, as before.
 */
const CLAIM_FUNCTION = `
create or replace function batchyard_claim_jobs(
  p_types text[], p_workspace text, p_after text, p_limit integer, p_owner text, p_lease_ms bigint)
returns setof jobs language plpgsql as $claim$
declare
  v_now bigint := (extract(epoch from now()) * 1000)::bigint;
  v_type text;
  v_ws text;
  v_part integer;
  v_found integer;
  v_paused text[];
  v_keyed boolean;
  -- the queues of the type being walked: workspace, part of the rotation, weight
  t_ws text[];
  t_part integer[];
  t_weight integer[];
  t_total integer;
  v_quota integer;
  i integer;
  -- the heads read so far, every type and queue
  h_id text[] := '{}';
  h_ws text[] := '{}';
  h_prio integer[] := '{}';
  h_run bigint[] := '{}';
  h_part integer[] := '{}';
  h_weight integer[] := '{}';
  -- one queue's heads and ready keys
  a_id text[];
  a_prio integer[];
  a_run bigint[];
  a_key text[];
  k_key text[];
  k_slots integer[];
  k_take integer[];
  v_left integer;
  v_idle text[];
begin
  if p_limit <= 0 then return; end if;
  foreach v_type in array p_types loop
    -- Paused instance-wide: never read. Paused in a workspace: that queue is skipped.
    select coalesce(bool_or(workspace_id is null), false), coalesce(array_agg(workspace_id), '{}')
      into v_keyed, v_paused from job_type_pauses where type = v_type;
    continue when v_keyed;

    -- Step 1: the workspaces with queued jobs of the type, skipping from one to the next along
    -- the claim index: at most p_limit unpaused after p_after, then at most p_limit from the first.
    t_ws := '{}';
    t_part := '{}';
    if p_workspace is not null then
      if not p_workspace = any(v_paused) then
        t_ws := array[p_workspace];
        t_part := array[0];
      end if;
    else
      for v_part in 0..1 loop
        v_ws := case when v_part = 0 then p_after else '' end;
        v_found := 0;
        loop
          if v_part = 0 then
            select j.workspace_id into v_ws from jobs j
              where j.status = 'queued' and j.type = v_type and j.workspace_id > v_ws and j.attempt >= 0
              order by j.workspace_id limit 1;
          else
            select j.workspace_id into v_ws from jobs j
              where j.status = 'queued' and j.type = v_type and j.workspace_id > v_ws
                and j.workspace_id <= p_after and j.attempt >= 0
              order by j.workspace_id limit 1;
          end if;
          exit when v_ws is null;
          if not v_ws = any(v_paused) then
            t_ws := t_ws || v_ws;
            t_part := t_part || v_part;
            v_found := v_found + 1;
            exit when v_found >= p_limit;
          end if;
        end loop;
      end loop;
    end if;
    continue when cardinality(t_ws) = 0;

    -- Each queue's weight (a workspace removed meanwhile drops out).
    select coalesce(array_agg(u.id order by u.ord), '{}'), coalesce(array_agg(u.part order by u.ord), '{}'),
        coalesce(array_agg(case when p_workspace is null then w.claim_weight else 1 end order by u.ord), '{}')
      into t_ws, t_part, t_weight
      from unnest(t_ws, t_part) with ordinality as u(id, part, ord) join workspaces w on w.id = u.id;
    t_total := 0;
    for i in 1..cardinality(t_ws) loop t_total := t_total + t_weight[i]; end loop;
    continue when t_total = 0;

    -- Keyed jobs only cost a look when some key of the type may start one now.
    select exists (select 1 from job_keys where type = v_type and queued > 0 and running < max_running
      and next_at <= v_now) into v_keyed;

    -- Step 2: each queue's heads, at most its share of p_limit.
    for i in 1..cardinality(t_ws) loop
      v_ws := t_ws[i];
      v_quota := (p_limit * t_weight[i] + t_total - 1) / t_total;
      select coalesce(array_agg(h.id), '{}'), coalesce(array_agg(h.priority), '{}'),
          coalesce(array_agg(h.run_at), '{}')
        into a_id, a_prio, a_run
        from (select j.id, j.priority, j.run_at from jobs j
          where j.status = 'queued' and j.type = v_type and j.workspace_id = v_ws
            and j.concurrency_key = '' and j.run_at <= v_now
            -- A job past its startBefore never starts, even before the deadline sweep ends it.
            and (j.start_before is null or j.start_before > v_now)
          order by j.priority desc, j.run_at, j.id
          limit v_quota
          for update skip locked) as h;
      h_id := h_id || a_id;
      h_prio := h_prio || a_prio;
      h_run := h_run || a_run;
      h_ws := h_ws || array_fill(v_ws, array[cardinality(a_id)]);
      h_part := h_part || array_fill(t_part[i], array[cardinality(a_id)]);
      h_weight := h_weight || array_fill(t_weight[i], array[cardinality(a_id)]);
      continue when not v_keyed;

      -- Its keys that may start a job now, oldest turn first, off job_keys_ready_idx (a blocked
      -- key is never visited); locked, so two claimers never fill one key's slots at once.
      select coalesce(array_agg(k.key order by k.next_at, k.key), '{}'),
          coalesce(array_agg(k.slots order by k.next_at, k.key), '{}')
        into k_key, k_slots
        from (select key, next_at, least(max_running - running, case when rate_max is null then max_running
              when v_now >= window_started_at + rate_window_ms then rate_max
              else rate_max - window_starts end) as slots
          from job_keys
          where job_keys.type = v_type and job_keys.workspace_id = v_ws
            and queued > 0 and running < max_running and next_at <= v_now
          order by next_at
          limit v_quota
          for update skip locked) as k;
      continue when cardinality(k_key) = 0;
      -- Each key takes at most its free slots, the queue's keys together at most its quota.
      k_take := '{}';
      v_left := v_quota;
      for n in 1..cardinality(k_key) loop
        k_take := k_take || greatest(least(k_slots[n], v_left), 0);
        v_left := v_left - k_slots[n];
      end loop;
      select coalesce(array_agg(h.id), '{}'), coalesce(array_agg(h.priority), '{}'),
          coalesce(array_agg(h.run_at), '{}'), coalesce(array_agg(distinct h.concurrency_key), '{}')
        into a_id, a_prio, a_run, a_key
        from unnest(k_key, k_take) as r(key, take)
        cross join lateral (select j.id, j.priority, j.run_at, j.concurrency_key from jobs j
          where j.status = 'queued' and j.type = v_type and j.workspace_id = v_ws
            and j.concurrency_key = r.key and j.run_at <= v_now
            and (j.start_before is null or j.start_before > v_now)
          order by j.priority desc, j.run_at, j.id
          limit r.take
          for update skip locked) as h
        where r.take > 0;
      h_id := h_id || a_id;
      h_prio := h_prio || a_prio;
      h_run := h_run || a_run;
      h_ws := h_ws || array_fill(v_ws, array[cardinality(a_id)]);
      h_part := h_part || array_fill(t_part[i], array[cardinality(a_id)]);
      h_weight := h_weight || array_fill(t_weight[i], array[cardinality(a_id)]);

      -- A key given its turn with none of its jobs due (all delayed, or past startBefore) waits
      -- until the first one is, instead of taking the front of every claim.
      select coalesce(array_agg(r.key), '{}') into v_idle
        from unnest(k_key, k_take) as r(key, take)
        where r.take > 0 and not r.key = any(a_key);
      if cardinality(v_idle) > 0 then
        update job_keys set next_at = coalesce((select min(j.run_at) from jobs j
            where j.status = 'queued' and j.type = v_type and j.workspace_id = v_ws
              and j.concurrency_key = job_keys.key and j.run_at > v_now), v_now + 1000)
          where job_keys.type = v_type and job_keys.workspace_id = v_ws and job_keys.key = any(v_idle);
      end if;
    end loop;
  end loop;
  if cardinality(h_id) = 0 then return; end if;

  -- Step 3: rounds across workspaces, each taking claim_weight jobs of every workspace in
  -- rotation order, until p_limit. Step 4: start them.
  return query
    with picked as (
      select id from (
        select h.id, h.workspace_id, h.part, h.weight, h.priority, h.run_at,
          row_number() over (partition by h.workspace_id order by h.priority desc, h.run_at, h.id) as rank
        from unnest(h_id, h_ws, h_prio, h_run, h_part, h_weight)
          as h(id, workspace_id, priority, run_at, part, weight)
      ) as ranked
      order by (rank - 1) / weight, part, workspace_id, priority desc, run_at, id
      limit p_limit
    )
    update jobs set status = 'running', attempt = attempt + 1, lease_owner = p_owner,
      lease_expires_at = v_now + p_lease_ms, started_at = coalesce(started_at, v_now),
      attempt_started_at = v_now, updated_at = v_now, abort_requested = 0
    from picked where jobs.id = picked.id
    returning jobs.*;
end
$claim$`;

export async function addClaimFunction(db: Kysely<unknown>): Promise<void> {
  await sql.raw(CLAIM_FUNCTION).execute(db);
}

export async function dropClaimFunction(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists batchyard_claim_jobs(text[], text, text, integer, text, bigint)`.execute(
    db,
  );
}
