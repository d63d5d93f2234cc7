-- Why: the ideas export (issue 15) must stream 100 000 ideas at 50 000 rows a second, and at
-- national size (issue 17) every figure it shows besides the idea's own columns was worked out row
-- by row: the assessments done and expected (assignments), the weighted mean (scores, their
-- versions' weights, the jäv declarations) and the latest decision (the timeline and the decision
-- messages). tests/bench/export.bench.ts measured those three lookups at 50–150 µs per idea on a
-- quiet machine – 13 000 rows/s at best, whatever the stream did.
--
-- These figures change only when a reviewer is assigned or finishes, a score or a jäv declaration
-- is saved, or a decision is made, released or withdrawn – a few times in an idea's life – while a
-- report reads them for every idea. So they are kept, per idea, in app.idea_summaries, refreshed in
-- the same transaction as the change by triggers on the five tables they come from, and the export
-- reads one row by primary key instead of three lookups. The queue keeps computing its own (a page
-- of 25 rows, and a reviewer's mean depends on the blind rule), so it does not depend on this table.
--
-- * private.idea_summary_of(idea): the figures of one idea, computed from the tables – the one
--   definition, used by the refresh and by the full recount;
-- * private.refresh_idea_summary(idea): locks the idea's summary row, then computes it afresh, so
--   two transactions changing the same idea one after the other never leave the earlier one's
--   figures behind (the second waits for the first's lock, then reads what it committed);
-- * private.recount_idea_summaries(): every summary afresh – here, and after a bulk load that
--   bypassed the triggers (tests/bench/generate-ideas.ts).
--
-- Decision 0017 (the export) records the change.

create table app.idea_summaries (
  idea_id uuid primary key references app.ideas (id),
  assessments_done integer not null default 0 check (assessments_done >= 0),
  assessments_expected integer not null default 0 check (assessments_expected >= assessments_done),
  mean numeric,
  decision_state text references app.idea_states (state),
  decided_at timestamptz,
  decision_released boolean,
  check ((decision_state is null) = (decided_at is null) and (decision_state is null) = (decision_released is null))
);
comment on table app.idea_summaries is
  'Per idea, what a report shows besides the idea''s own columns: assessments done and expected, the weighted mean of the scores (each with its version''s weight, without reviewers who declared jäv) and the latest decision not withdrawn. Kept by triggers on app.assignments, app.scores, app.conflicts_of_interest, app.idea_events and app.decision_messages in the same transaction; no row = nothing yet. Read only by security-definer functions (no policy, no grant).';
comment on column app.idea_summaries.mean is
  'The weighted mean of the idea''s scores as a coordinator sees it, rounded to two decimals; null without scores.';
comment on column app.idea_summaries.decision_state is
  'The state of the latest decision event whose message was not withdrawn; null without one.';
comment on column app.idea_summaries.decision_released is
  'Whether the bearer has been told of that decision (its message released).';
create index idea_summaries_decision_state_idx on app.idea_summaries (decision_state);
comment on index app.idea_summaries_decision_state_idx is 'The foreign key''s index.';
alter table app.idea_summaries enable row level security;

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
  'One idea''s summary (app.idea_summaries) computed from its assignments, scores, jäv declarations and decisions: the one definition of those figures.';
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
  insert into app.idea_summaries (idea_id) values (refresh_idea_summary.idea) on conflict (idea_id) do nothing;
  -- Wait here for another transaction refreshing the same idea; the next statement then sees what
  -- it committed (read committed takes a new snapshot per statement).
  perform from app.idea_summaries s where s.idea_id = refresh_idea_summary.idea for update;
  update app.idea_summaries s
  set (assessments_done, assessments_expected, mean, decision_state, decided_at, decision_released) = (
    select f.assessments_done, f.assessments_expected, f.mean, f.decision_state, f.decided_at, f.decision_released
    from private.idea_summary_of(refresh_idea_summary.idea) f
  )
  where s.idea_id = refresh_idea_summary.idea;
end;
$$;
comment on function private.refresh_idea_summary(uuid) is
  'Computes one idea''s row of app.idea_summaries afresh, under a row lock so that concurrent changes to the same idea are summed up in the order they commit. Called by the triggers; security definer: the change may come from a role that may not write the summaries.';
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
  'Trigger: after a change to a row with an idea_id that a summary is made of, refreshes that idea''s app.idea_summaries row (both ideas if the row moved).';
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
create function private.recount_idea_summaries()
returns void
language sql
volatile
set search_path = ''
as $$
  delete from app.idea_summaries;
  insert into app.idea_summaries
    (idea_id, assessments_done, assessments_expected, mean, decision_state, decided_at, decision_released)
  select i.id, f.assessments_done, f.assessments_expected, f.mean, f.decision_state, f.decided_at, f.decision_released
  from app.ideas i
  cross join lateral private.idea_summary_of(i.id) f
  where f.assessments_expected > 0 or f.mean is not null or f.decision_state is not null;
$$;
comment on function private.recount_idea_summaries() is
  'Computes app.idea_summaries afresh for every idea: here, and after a bulk load that bypassed the triggers (tests/bench/generate-ideas.ts). For the migration role only.';
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

-- private.idea_export_rows: the summary instead of three lookups per row ---------------------------------
-- As 20261202380500 left it but for the summary join.
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
        i.municipality_code, i.area_id, i.shared_regionally
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
      coalesce(sm.assessments_done, 0), coalesce(sm.assessments_expected, 0),
      sm.mean::double precision,
      dst.label,
      to_char(sm.decided_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD'),
      sm.decision_released,
      case when $10 and b.restricted_at is null then b.name end,
      case when $10 and b.restricted_at is null then b.email end,
      case when $10 and b.restricted_at is null then b.phone end,
      case when $10 and b.restricted_at is null then b.co_bearers end
    from page p
    join app.idea_states st on st.state = p.state
    join app.municipalities m on m.code = p.municipality_code
    join app.areas ar on ar.id = p.area_id
    left join app.idea_bearers b on $10 and b.idea_id = p.id
    left join app.idea_summaries sm on sm.idea_id = p.id
    left join app.idea_states dst on dst.state = sm.decision_state
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
