-- Why: at national size (issue 17; tests/bench/national.bench.ts) the public statistics and the
-- coordinator's overview read the whole event history on every call: at 100 000 ideas
-- api.get_public_statistics took 678 ms and api.get_review_overview 1.2 s at the median on the
-- shared machine (the median alone was 8 s of 9 s at 1 000 000 ideas, notes/sql-at-scale.md).
-- What both need is, per idea, when it was first assessed and first decided – two facts that never
-- change once set. So:
--
-- * app.ideas.first_assessed_at and first_decided_at, set in the same transaction as the event that
--   makes them true (a trigger after insert on app.idea_events; events are append-only), and filled
--   for the ideas there are;
-- * partial indexes on them that include received_at, so a period is one index range and the median
--   over all ideas is a walk to the middle of an index on the delay itself (no sort of every idea);
-- * the statistics' counts per municipality, area and in total add up app.idea_counts (a few
--   thousand rows, decision 0012) instead of counting ideas; the counts per public state take the
--   internal counts and correct them by the ideas whose decision is not yet released (public_state
--   differs from state: a partial index, as small as the coordinator's unreleased decisions).
--
-- The answers are the same as before (tests/security/catalog.test.ts, tests/integration/…); only how
-- they are found changes. Decision 0018.

alter table app.ideas
  add column first_assessed_at timestamptz,
  add column first_decided_at timestamptz;
comment on column app.ideas.first_assessed_at is
  'When the idea first reached the state assessed (the earliest such event); null until then. Set by a trigger on app.idea_events in the same transaction; never changes afterwards.';
comment on column app.ideas.first_decided_at is
  'When the idea first got a decision (the earliest event into a state with is_decision); null until then. Set by a trigger on app.idea_events in the same transaction; never changes afterwards.';

update app.ideas i
set first_assessed_at = f.assessed_at, first_decided_at = f.decided_at
from (
  select e.idea_id,
    min(e.occurred_at) filter (where e.to_state = 'assessed') as assessed_at,
    min(e.occurred_at) filter (where s.is_decision) as decided_at
  from app.idea_events e
  join app.idea_states s on s.state = e.to_state
  group by e.idea_id
) f
where f.idea_id = i.id and (f.assessed_at is not null or f.decided_at is not null);

create function private.note_first_assessment_and_decision()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.to_state = 'assessed' then
    update app.ideas i set first_assessed_at = new.occurred_at
    where i.id = new.idea_id and (i.first_assessed_at is null or i.first_assessed_at > new.occurred_at);
  elsif exists (select 1 from app.idea_states s where s.state = new.to_state and s.is_decision) then
    update app.ideas i set first_decided_at = new.occurred_at
    where i.id = new.idea_id and (i.first_decided_at is null or i.first_decided_at > new.occurred_at);
  end if;
  return null;
end;
$$;
comment on function private.note_first_assessment_and_decision() is
  'After an event is added to an idea''s timeline: sets app.ideas.first_assessed_at or first_decided_at if this is the first. security definer: the event may be added by a role that may not update the idea''s columns directly.';
revoke execute on function private.note_first_assessment_and_decision() from public;

create trigger idea_events_note_first_assessment_and_decision
  after insert on app.idea_events
  for each row
  when (new.to_state is not null)
  execute function private.note_first_assessment_and_decision();

create index ideas_first_assessed_idx on app.ideas (first_assessed_at) include (received_at)
  where first_assessed_at is not null;
comment on index app.ideas_first_assessed_idx is
  'Ideas first assessed in a period, with their arrival: the overview''s median days to first assessment (last twelve months).';
create index ideas_first_decided_idx on app.ideas (first_decided_at) include (received_at)
  where first_decided_at is not null;
comment on index app.ideas_first_decided_idx is
  'Ideas first decided in a period, with their arrival: the overview''s median days to decision (last twelve months).';
create index ideas_days_to_first_assessment_idx on app.ideas ((first_assessed_at - received_at))
  include (first_assessed_at, received_at) where first_assessed_at is not null;
comment on index app.ideas_days_to_first_assessment_idx is
  'Every assessed idea ordered by its days to first assessment: the public median is the middle entry (private.get_public_statistics), found by walking half the index instead of sorting every idea.';
create index ideas_public_state_lag_idx on app.ideas (state, public_state) where public_state <> state;
comment on index app.ideas_public_state_lag_idx is
  'Ideas whose public state lags their state (a decision not yet released): corrects app.idea_counts into counts per public state for the public statistics.';

-- private.get_public_statistics ------------------------------------------------------------------------
create or replace function private.get_public_statistics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with
  -- Ideas whose public state is not (yet) their state, by both.
  lagging as (
    select i.state, i.public_state, count(*) as ideas
    from app.ideas i
    where i.public_state <> i.state
    group by i.state, i.public_state
  ),
  assessed as (
    select count(*) as ideas from app.ideas i where i.first_assessed_at is not null
  ),
  -- The middle one or two delays (percentile_cont(0.5) over every assessed idea).
  middle as (
    select i.first_assessed_at - i.received_at as delay
    from app.ideas i
    where i.first_assessed_at is not null
    order by i.first_assessed_at - i.received_at
    offset (select (a.ideas - 1) / 2 from assessed a)
    limit (select case when a.ideas = 0 then 0 else 2 - a.ideas % 2 end from assessed a)
  )
  select jsonb_build_object(
    'ideas_total', (select coalesce(sum(c.ideas), 0)::bigint from app.idea_counts c),
    'per_municipality', (
      select coalesce(jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name, 'count', n) order by m.name), '[]')
      from (select m.code, m.name,
              (select coalesce(sum(c.ideas), 0)::bigint from app.idea_counts c where c.municipality_code = m.code) n
            from app.municipalities m where m.active) m
    ),
    'per_state', (
      select coalesce(jsonb_agg(jsonb_build_object('state', s.state, 'label', s.label, 'count', n) order by s.sort_order), '[]')
      from (select s.state, s.label, s.sort_order,
              (select coalesce(sum(c.ideas), 0)::bigint from app.idea_counts c where c.state = s.state)
              - (select coalesce(sum(l.ideas), 0)::bigint from lagging l where l.state = s.state)
              + (select coalesce(sum(l.ideas), 0)::bigint from lagging l where l.public_state = s.state) n
            from app.idea_states s) s
    ),
    'per_area', (
      select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'count', n) order by a.sort_order), '[]')
      from (select a.id, a.name, a.sort_order,
              (select coalesce(sum(c.ideas), 0)::bigint from app.idea_counts c where c.area_id = a.id) n
            from app.areas a where a.active) a
    ),
    'median_days_to_first_assessment', (
      select round((extract(epoch from avg(m.delay)) / 86400)::numeric, 1) from middle m
    )
  )
$$;
comment on function private.get_public_statistics() is
  'Counts over every idea for the public statistics page. security definer: it must count ideas that no public policy lets api_owner read; it returns counts only, and states as the public sees them (public_state). The counts add up app.idea_counts (corrected by the ideas whose decision is not released); the median days to first assessment is the middle of ideas_days_to_first_assessment_idx.';

-- private.review_overview: the medians read the new columns -------------------------------------------
create or replace function private.review_overview()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
  v_since timestamptz := now() - interval '365 days';
  v_medians jsonb;
begin
  if not private.is_coordinator() then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'get_review_overview')::text;
  end if;

  -- Days from arrival to the first assessment and to the first decision, for the ideas that got
  -- them in the last twelve months (not earlier: an idea reopened and assessed again counts once):
  -- one range of a partial index each (app.ideas.first_assessed_at, first_decided_at).
  -- percentile_cont over the intervals themselves (a numeric per idea, as extract returns, sorts
  -- several times slower), each period read once for its median and its count.
  with assessed as (
    select percentile_cont(0.5) within group (order by i.first_assessed_at - i.received_at) as median,
      count(*) as ideas
    from app.ideas i
    where i.first_assessed_at >= v_since
  ),
  decided as (
    select percentile_cont(0.5) within group (order by i.first_decided_at - i.received_at) as median,
      count(*) as ideas
    from app.ideas i
    where i.first_decided_at >= v_since
  )
  select jsonb_build_object(
    'since', v_since,
    'to_first_assessment', round((extract(epoch from a.median) / 86400)::numeric, 1),
    'assessed_ideas', a.ideas,
    'to_decision', round((extract(epoch from d.median) / 86400)::numeric, 1),
    'decided_ideas', d.ideas
  ) into v_medians
  from assessed a cross join decided d;

  return jsonb_build_object(
    'generated_at', now(),
    'today', v_today,
    'ideas_total', (select coalesce(sum(c.ideas), 0) from app.idea_counts c),
    -- Every state in lifecycle order, with the internal state (decisions before release too).
    'funnel', (
      select jsonb_agg(jsonb_build_object('state', s.state, 'label', s.label, 'count', coalesce(n.ideas, 0))
        order by s.sort_order)
      from app.idea_states s
      left join (select c.state, sum(c.ideas) as ideas from app.idea_counts c group by c.state) n on n.state = s.state
    ),
    'per_municipality', (
      select coalesce(jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name, 'count', coalesce(n.ideas, 0),
        'open', coalesce(n.open, 0)) order by m.name), '[]'::jsonb)
      from app.municipalities m
      left join (
        select c.municipality_code, sum(c.ideas) as ideas,
          sum(c.ideas) filter (where c.state in ('received', 'in_review', 'needs_info', 'assessed')) as open
        from app.idea_counts c group by c.municipality_code
      ) n on n.municipality_code = m.code
      where m.active or n.ideas > 0
    ),
    'per_area', (
      select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'count', coalesce(n.ideas, 0),
        'open', coalesce(n.open, 0)) order by a.sort_order, a.name), '[]'::jsonb)
      from app.areas a
      left join (
        select c.area_id, sum(c.ideas) as ideas,
          sum(c.ideas) filter (where c.state in ('received', 'in_review', 'needs_info', 'assessed')) as open
        from app.idea_counts c group by c.area_id
      ) n on n.area_id = a.id
      where a.active or n.ideas > 0
    ),
    'median_days', v_medians,
    -- Open assignments past their due date, on ideas still in the review phase.
    'overdue_assessments', (
      select coalesce(jsonb_agg(jsonb_build_object(
        'reviewer', jsonb_build_object('id', r.user_id, 'name', r.display_name),
        'count', o.overdue, 'oldest_due_on', o.oldest_due_on
      ) order by o.overdue desc, r.display_name), '[]'::jsonb)
      from (
        select asg.reviewer_id, count(*) as overdue, min(asg.due_on) as oldest_due_on
        from app.assignments asg
        join app.ideas i on i.id = asg.idea_id and i.state in ('in_review', 'needs_info', 'assessed')
        where asg.done_at is null and asg.due_on < v_today
        group by asg.reviewer_id
      ) o
      join app.reviewers r on r.user_id = o.reviewer_id
    ),
    'follow_ups', (
      select jsonb_build_object(
        'due', count(*) filter (where f.follow_up_on >= v_today),
        'overdue', count(*) filter (where f.follow_up_on < v_today),
        'without_date', count(*) filter (where f.follow_up_on is null),
        'items', coalesce(jsonb_agg(jsonb_build_object(
          'reference', f.reference, 'title', f.title, 'forwarded_to', f.forwarded_to,
          'follow_up_on', f.follow_up_on, 'overdue', f.follow_up_on < v_today
        ) order by f.follow_up_on nulls first, f.reference) filter (where f.rank <= 20), '[]'::jsonb)
      )
      from (
        select i.reference, i.title, i.forwarded_to, i.follow_up_on,
          row_number() over (order by i.follow_up_on nulls first, i.reference) as rank
        from app.ideas i
        where i.state = 'forwarded' and (i.follow_up_on is null or i.follow_up_on <= v_today + 7)
      ) f
    ),
    -- Decisions taken but not released: the bearer has not been told.
    'unreleased_decisions', (
      select jsonb_build_object(
        'count', count(*),
        'items', coalesce(jsonb_agg(jsonb_build_object(
          'reference', u.reference, 'title', u.title, 'state', u.state, 'label', u.label,
          'decided_at', u.occurred_at, 'decided_by', u.decided_by,
          'days_waiting', (v_today - (u.occurred_at at time zone 'Europe/Stockholm')::date)
        ) order by u.occurred_at, u.reference) filter (where u.rank <= 50), '[]'::jsonb)
      )
      from (
        select i.reference, i.title, e.to_state as state, s.label, e.occurred_at, r.display_name as decided_by,
          row_number() over (order by e.occurred_at, i.reference) as rank
        from app.decision_messages dm
        join app.idea_events e on e.id = dm.event_id
        join app.ideas i on i.id = dm.idea_id
        join app.idea_states s on s.state = e.to_state
        left join app.reviewers r on r.user_id = e.actor_user_id
        where dm.released_at is null and dm.withdrawn_at is null
      ) u
    )
  );
end;
$$;
