-- Why: the ideas export (issue 15) must stream 100 000 ideas at 50 000 rows a second, and at
-- national size (issue 17) every figure it shows besides the idea's own columns was worked out row
-- by row: the assessments done and expected (assignments), the weighted mean (scores, their
-- versions' weights, the jäv declarations) and the latest decision (the timeline and the decision
-- messages). tests/bench/export.bench.ts measured those three lookups at 50–150 µs per idea on a
-- quiet machine – 13 000 rows/s at best, whatever the stream did – and a page of ideas read from the
-- heap in the queue's order costs a random heap page per idea on top.
--
-- These figures change only when a reviewer is assigned or finishes, a score or a jäv declaration
-- is saved, or a decision is made, released or withdrawn – a few times in an idea's life – while a
-- report reads them for every idea. So:
--
-- * they are kept on the idea itself (app.ideas.assessments_done … latest_decision_released),
--   refreshed in the same transaction as the change by triggers on the five tables they come from;
-- * the queue's index in arrival order (ideas_queue_received_idx, same key) now includes every
--   column an export row shows, so a page of the export in the queue's default order is one
--   index-only range scan: no heap page, no lookup per row (measured: 9 µs a row instead of 30);
-- * private.idea_summary_of(idea) computes one idea's figures from the tables – the definition the
--   triggers use; private.recount_idea_summaries() computes them for every idea at once (hash
--   joins), here and after a bulk load that bypassed the triggers (tests/bench/generate-ideas.ts);
--   tests/support/idea-summaries.ts checks that the two agree and that the kept values are current;
-- * private.refresh_idea_summary(idea) first locks the idea's row, then computes: two transactions
--   changing the same idea one after the other never leave the earlier one's figures behind (the
--   second waits for the first's lock, then reads what it committed). FOR NO KEY UPDATE, so that
--   rows referring to the idea (scores, events) can still be added meanwhile.
--
-- The queue keeps computing its own figures (a page of 50, and a reviewer's mean depends on the
-- blind rule). Decision 0017 (the export) records the change.

alter table app.ideas
  add column assessments_done integer not null default 0,
  add column assessments_expected integer not null default 0,
  add column weighted_mean numeric,
  add column latest_decision text,
  add column latest_decision_at timestamptz,
  add column latest_decision_released boolean;
comment on column app.ideas.assessments_done is
  'Assignments of the idea that are done (app.assignments.done_at set). Kept by triggers (private.refresh_idea_summary).';
comment on column app.ideas.assessments_expected is
  'Assignments of the idea in all. Kept by triggers (private.refresh_idea_summary).';
comment on column app.ideas.weighted_mean is
  'The weighted mean of the idea''s scores as a coordinator sees it (each score with its criteria version''s weight, without reviewers who declared jäv), two decimals; null without scores. Kept by triggers.';
comment on column app.ideas.latest_decision is
  'The state of the latest decision event whose message was not withdrawn; null without one. Kept by triggers.';
comment on column app.ideas.latest_decision_at is 'When that decision was made. Kept by triggers.';
comment on column app.ideas.latest_decision_released is
  'Whether the bearer has been told of that decision (its message released). Kept by triggers.';

drop index app.ideas_queue_received_idx;
create index ideas_queue_received_idx on app.ideas (received_at desc, id desc)
  include (reference, title, state, state_changed_at, municipality_code, area_id, shared_regionally,
    assessments_done, assessments_expected, weighted_mean, latest_decision, latest_decision_at,
    latest_decision_released);
comment on index app.ideas_queue_received_idx is
  'Newest first, for regional staff''s queue; includes every column of an export row, so that a page of the export in arrival order is read from the index alone.';

-- private.idea_summary_of -------------------------------------------------------------------------------
create function private.idea_summary_of(idea uuid)
returns table (
  assessments_done integer,
  assessments_expected integer,
  mean numeric,
  decision_state text,
  decided_at timestamptz,
  decision_released boolean
)
language sql
stable
set search_path = ''
as $$
  select work.done, work.expected, scored.mean, decided.to_state, decided.occurred_at, decided.released
  from (
    select count(*) filter (where a.done_at is not null)::integer as done, count(*)::integer as expected
    from app.assignments a
    where a.idea_id = idea_summary_of.idea
  ) work
  cross join (
    select round(sum(s.score * cv.weight) / nullif(sum(cv.weight), 0), 2) as mean
    from app.scores s
    join app.criteria_versions cv on cv.id = s.criteria_version_id
    where s.idea_id = idea_summary_of.idea
      and not exists (
        select 1 from app.conflicts_of_interest c
        where c.idea_id = s.idea_id and c.reviewer_id = s.reviewer_id and c.has_conflict
      )
  ) scored
  left join lateral (
    select e.to_state, e.occurred_at, m.released_at is not null as released
    from app.idea_events e
    join app.idea_states st on st.state = e.to_state and st.is_decision
    left join app.decision_messages m on m.event_id = e.id
    where e.idea_id = idea_summary_of.idea and m.withdrawn_at is null
    order by e.occurred_at desc, e.id desc
    limit 1
  ) decided on true
$$;
comment on function private.idea_summary_of(uuid) is
  'One idea''s summary (the columns assessments_done … latest_decision_released of app.ideas) computed from its assignments, scores, jäv declarations and decisions.';
revoke execute on function private.idea_summary_of(uuid) from public;

-- private.refresh_idea_summary --------------------------------------------------------------------------
create function private.refresh_idea_summary(idea uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  -- Wait here for another transaction refreshing the same idea; the next statement then sees what
  -- it committed (read committed takes a new snapshot per statement).
  perform from app.ideas i where i.id = refresh_idea_summary.idea for no key update;
  update app.ideas i
  set assessments_done = f.assessments_done, assessments_expected = f.assessments_expected,
    weighted_mean = f.mean, latest_decision = f.decision_state, latest_decision_at = f.decided_at,
    latest_decision_released = f.decision_released
  from private.idea_summary_of(refresh_idea_summary.idea) f
  where i.id = refresh_idea_summary.idea
    and (i.assessments_done, i.assessments_expected, i.weighted_mean, i.latest_decision, i.latest_decision_at,
         i.latest_decision_released)
      is distinct from (f.assessments_done, f.assessments_expected, f.mean, f.decision_state, f.decided_at,
         f.decision_released);
end;
$$;
comment on function private.refresh_idea_summary(uuid) is
  'Computes one idea''s summary columns afresh (only written when they change), under a row lock so that concurrent changes to the same idea are summed up in the order they commit. Called by the triggers; security definer: the change may come from a role that may not update the idea.';
revoke execute on function private.refresh_idea_summary(uuid) from public;

create function private.refresh_idea_summary_after_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op <> 'INSERT' then
    perform private.refresh_idea_summary(old.idea_id);
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.idea_id is distinct from old.idea_id) then
    perform private.refresh_idea_summary(new.idea_id);
  end if;
  return null;
end;
$$;
comment on function private.refresh_idea_summary_after_change() is
  'Trigger: after a change to a row with an idea_id that an idea''s summary is made of, refreshes that idea''s summary columns (both ideas if the row moved).';
revoke execute on function private.refresh_idea_summary_after_change() from public;

create trigger assignments_refresh_idea_summary
  after insert or delete or update of idea_id, done_at on app.assignments
  for each row execute function private.refresh_idea_summary_after_change();
create trigger scores_refresh_idea_summary
  after insert or delete or update of idea_id, reviewer_id, score, criteria_version_id on app.scores
  for each row execute function private.refresh_idea_summary_after_change();
create trigger conflicts_of_interest_refresh_idea_summary
  after insert or delete or update of idea_id, reviewer_id, has_conflict on app.conflicts_of_interest
  for each row execute function private.refresh_idea_summary_after_change();
-- The timeline is append-only (a trigger refuses update and delete).
create trigger idea_events_refresh_idea_summary
  after insert on app.idea_events
  for each row execute function private.refresh_idea_summary_after_change();
create trigger decision_messages_refresh_idea_summary
  after insert or delete or update of idea_id, released_at, withdrawn_at on app.decision_messages
  for each row execute function private.refresh_idea_summary_after_change();

-- private.recount_idea_summaries ------------------------------------------------------------------------
-- The same figures as private.idea_summary_of, for every idea at once: one pass over each table.
create function private.recount_idea_summaries()
returns void
language sql
volatile
set search_path = ''
as $$
  update app.ideas i
  set assessments_done = coalesce(f.done, 0), assessments_expected = coalesce(f.expected, 0),
    weighted_mean = f.mean, latest_decision = f.decision_state, latest_decision_at = f.decided_at,
    latest_decision_released = f.decision_released
  from (
    select x.id, work.done, work.expected, scored.mean, decided.to_state as decision_state,
      decided.occurred_at as decided_at, decided.released as decision_released
    from app.ideas x
    left join (
      select a.idea_id, count(*) filter (where a.done_at is not null)::integer as done, count(*)::integer as expected
      from app.assignments a
      group by a.idea_id
    ) work on work.idea_id = x.id
    left join (
      select s.idea_id, round(sum(s.score * cv.weight) / nullif(sum(cv.weight), 0), 2) as mean
      from app.scores s
      join app.criteria_versions cv on cv.id = s.criteria_version_id
      where not exists (
        select 1 from app.conflicts_of_interest c
        where c.idea_id = s.idea_id and c.reviewer_id = s.reviewer_id and c.has_conflict
      )
      group by s.idea_id
    ) scored on scored.idea_id = x.id
    left join (
      select distinct on (e.idea_id) e.idea_id, e.to_state, e.occurred_at, m.released_at is not null as released
      from app.idea_events e
      join app.idea_states st on st.state = e.to_state and st.is_decision
      left join app.decision_messages m on m.event_id = e.id
      where m.withdrawn_at is null
      order by e.idea_id, e.occurred_at desc, e.id desc
    ) decided on decided.idea_id = x.id
  ) f
  where f.id = i.id
    and (i.assessments_done, i.assessments_expected, i.weighted_mean, i.latest_decision, i.latest_decision_at,
         i.latest_decision_released)
      is distinct from (coalesce(f.done, 0), coalesce(f.expected, 0), f.mean, f.decision_state, f.decided_at,
         f.decision_released);
$$;
comment on function private.recount_idea_summaries() is
  'Computes every idea''s summary columns afresh, as private.idea_summary_of does for one: here, and after a bulk load that bypassed the triggers (tests/bench/generate-ideas.ts). For the migration role only.';
revoke execute on function private.recount_idea_summaries() from public;

-- Nothing a summary is made of may change while they are computed (the triggers above already
-- follow every later change). One statement, as in 20261202320100: `supabase db push` sends a
-- file's statements without a transaction of its own.
do $$
begin
  lock table app.assignments, app.scores, app.conflicts_of_interest, app.idea_events, app.decision_messages
    in share row exclusive mode;
  perform private.recount_idea_summaries();
end
$$;

-- private.idea_export_rows: the idea's own summary columns instead of three lookups per row -------------
-- As 20261202380500 left it but for the summary columns.
create or replace function private.idea_export_rows(
  checked jsonb,
  include_contact boolean,
  after_key timestamptz,
  after_id uuid,
  page_size integer
)
returns table (
  "position" text,
  reference text,
  title text,
  state text,
  state_label text,
  received_at text,
  state_changed_at text,
  municipality_code text,
  municipality text,
  area text,
  shared_regionally boolean,
  assessments_done integer,
  assessments_expected integer,
  mean double precision,
  decision text,
  decided_at text,
  decision_released boolean,
  bearer_name text,
  bearer_email text,
  bearer_phone text,
  co_bearers text
)
language plpgsql
stable
security definer
set search_path = ''
set max_parallel_workers_per_gather = 0
as $$
declare
  v_reviewer app.reviewers := private.current_reviewer();
  v_waiting boolean := checked ->> 'sort' = 'waiting';
  v_sql text;
begin
  if v_reviewer.user_id is null or v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only';
  end if;
  v_sql := format($q$
    with page as materialized (
      select i.id, i.%1$s as key, i.reference, i.title, i.state, i.received_at, i.state_changed_at,
        i.municipality_code, i.area_id, i.shared_regionally, i.assessments_done, i.assessments_expected,
        i.weighted_mean, i.latest_decision, i.latest_decision_at, i.latest_decision_released
      from app.ideas i
      where %2$s%3$s
      order by %4$s
      limit $9
    )
    select p.key::text || '|' || p.id::text,
      p.reference, p.title, p.state, st.label,
      to_char(p.received_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI'),
      to_char(p.state_changed_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI'),
      m.code, m.name, ar.name, p.shared_regionally,
      p.assessments_done, p.assessments_expected,
      p.weighted_mean::double precision,
      dst.label,
      to_char(p.latest_decision_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD'),
      p.latest_decision_released,
      case when $10 and b.restricted_at is null then b.name end,
      case when $10 and b.restricted_at is null then b.email end,
      case when $10 and b.restricted_at is null then b.phone end,
      case when $10 and b.restricted_at is null then b.co_bearers end
    from page p
    join app.idea_states st on st.state = p.state
    join app.municipalities m on m.code = p.municipality_code
    join app.areas ar on ar.id = p.area_id
    left join app.idea_bearers b on $10 and b.idea_id = p.id
    left join app.idea_states dst on dst.state = p.latest_decision
    order by %5$s
    $q$,
    case when v_waiting then 'state_changed_at' else 'received_at' end,
    private.idea_export_where(checked -> 'filters'),
    case when idea_export_rows.after_id is null then ''
      when v_waiting then ' and (i.state_changed_at, i.id) > ($7, $8)'
      else ' and (i.received_at, i.id) < ($7, $8)' end,
    case when v_waiting then 'i.state_changed_at, i.id' else 'i.received_at desc, i.id desc' end,
    case when v_waiting then 'p.key, p.id' else 'p.key desc, p.id desc' end);

  return query execute v_sql
  using v_reviewer.user_id, checked #>> '{filters,state}', checked #>> '{filters,municipality}',
    checked #>> '{filters,area}', checked #>> '{filters,search}',
    (now() at time zone 'Europe/Stockholm')::date, idea_export_rows.after_key, idea_export_rows.after_id,
    idea_export_rows.page_size, coalesce(idea_export_rows.include_contact, false);
end;
$$;
