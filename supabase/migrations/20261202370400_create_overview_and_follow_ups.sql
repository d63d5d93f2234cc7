-- Why: the coordinator runs the sluice (issue 14): where ideas are in the process, where they come
-- from, how long they wait, who is behind with assessments, which forwarded ideas are due for a
-- follow-up and which decisions still wait to be released. Two functions, coordinators only:
--
-- * api.list_follow_ups(within_days) – forwarded ideas whose follow-up date falls within the next
--   days or has passed (and any forwarded without a date), overdue first.
-- * api.get_review_overview() – everything the overview page (/granska/oversikt/) shows, in one call.
--
-- At 100 000 and 1 000 000 ideas (notes/sql-at-scale.md) nothing here may count every idea or read
-- the whole event history on each call:
-- * the counts per state, municipality and area add up app.idea_counts (a few thousand rows,
--   decision 0012);
-- * the medians read the events of the last twelve months through an index on (to_state,
--   occurred_at) – the period is part of the answer, and it is also what a coordinator wants to
--   know ("how fast are we now");
-- * overdue assignments, follow-ups and unreleased decisions read partial indexes of what is open,
--   which stays small however many ideas there are.
-- private.review_overview is owned by the migration role like private.review_queue: it reads
-- app.idea_counts, which has no policy, and checks that the caller is a coordinator itself.

-- Indexes -------------------------------------------------------------------------------------------
create index idea_events_to_state_occurred_idx on app.idea_events (to_state, occurred_at) include (idea_id);
comment on index app.idea_events_to_state_occurred_idx is
  'Events into one state in a period: the overview''s medians (first assessment, first decision in the last twelve months). Also the foreign key''s index.';
drop index app.idea_events_to_state_idx;

create index ideas_forwarded_follow_up_idx on app.ideas (follow_up_on, id) where state = 'forwarded';
comment on index app.ideas_forwarded_follow_up_idx is
  'Forwarded ideas by follow-up date: the follow-up list and the overview.';

-- api.list_follow_ups ---------------------------------------------------------------------------------
-- security definer: the caller (authenticated) holds no table privileges by design; it runs as
-- api_owner under the policies (a coordinator sees every idea).
create function api.list_follow_ups(within_days integer default 7)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
begin
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'list_follow_ups')::text;
  end if;
  if within_days is null or within_days not between 0 and 365 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'within_days';
  end if;
  return jsonb_build_object(
    'today', v_today,
    'within_days', within_days,
    'items', coalesce((
      select jsonb_agg(jsonb_build_object(
        'reference', f.reference,
        'title', f.title,
        'municipality', jsonb_build_object('code', m.code, 'name', m.name),
        'forwarded_to', f.forwarded_to,
        'follow_up_on', f.follow_up_on,
        'overdue', f.follow_up_on < v_today,
        'days_overdue', case when f.follow_up_on < v_today then v_today - f.follow_up_on end,
        'forwarded_at', f.state_changed_at,
        'forwarded_by', (
          select r.display_name from app.idea_events e join app.reviewers r on r.user_id = e.actor_user_id
          where e.idea_id = f.id and e.to_state = 'forwarded' order by e.occurred_at desc, e.id desc limit 1),
        'decision_released', f.public_state = 'forwarded'
      ) order by f.follow_up_on nulls first, f.reference)
      from (
        select i.* from app.ideas i
        where i.state = 'forwarded' and (i.follow_up_on is null or i.follow_up_on <= v_today + within_days)
        order by i.follow_up_on nulls first, i.reference
        limit 200
      ) f
      join app.municipalities m on m.code = f.municipality_code
    ), '[]'::jsonb)
  );
end;
$$;
comment on function api.list_follow_ups(integer) is
  'Coordinator only: forwarded ideas due for a follow-up within within_days (0–365, default 7) or overdue, and any forwarded without a date, those without a date and the most overdue first, at most 200. Returns {today, within_days, items: [{reference, title, municipality, forwarded_to, follow_up_on, overdue, days_overdue, forwarded_at, forwarded_by, decision_released}]}. Errors: 42501 not_reviewer / coordinator_only {action: list_follow_ups}; IS002 out_of_range (within_days).';
alter function api.list_follow_ups(integer) owner to api_owner;

-- private.review_overview -----------------------------------------------------------------------------
-- security definer, owned by the migration role: it reads app.idea_counts (no policy, no grant) and
-- counts across every idea; it refuses anyone but an active coordinator, who may see all of it anyway.
create function private.review_overview()
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
  -- them in the last twelve months (not earlier: an idea reopened and assessed again counts once).
  with first_assessed as (
    select e.idea_id, min(e.occurred_at) as at
    from app.idea_events e
    where e.to_state = 'assessed' and e.occurred_at >= v_since
    group by e.idea_id
  ),
  first_decided as (
    select e.idea_id, min(e.occurred_at) as at
    from app.idea_events e
    where e.to_state in (select s.state from app.idea_states s where s.is_decision) and e.occurred_at >= v_since
    group by e.idea_id
  ),
  assessed_days as (
    select extract(epoch from (f.at - i.received_at)) / 86400 as days
    from first_assessed f
    join app.ideas i on i.id = f.idea_id
    where not exists (
      select 1 from app.idea_events p where p.idea_id = f.idea_id and p.to_state = 'assessed' and p.occurred_at < v_since)
  ),
  decided_days as (
    select extract(epoch from (f.at - i.received_at)) / 86400 as days
    from first_decided f
    join app.ideas i on i.id = f.idea_id
    where not exists (
      select 1 from app.idea_events p join app.idea_states s on s.state = p.to_state and s.is_decision
      where p.idea_id = f.idea_id and p.occurred_at < v_since)
  )
  select jsonb_build_object(
    'since', v_since,
    'to_first_assessment', (select round((percentile_cont(0.5) within group (order by a.days))::numeric, 1) from assessed_days a),
    'assessed_ideas', (select count(*) from assessed_days),
    'to_decision', (select round((percentile_cont(0.5) within group (order by d.days))::numeric, 1) from decided_days d),
    'decided_ideas', (select count(*) from decided_days)
  ) into v_medians;

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
comment on function private.review_overview() is
  'The coordinator''s overview (see api.get_review_overview). security definer owned by the migration role: it reads app.idea_counts and counts over every idea; it refuses anyone but an active coordinator (42501 coordinator_only).';
revoke execute on function private.review_overview() from public;
grant execute on function private.review_overview() to api_owner;

-- api.get_review_overview -----------------------------------------------------------------------------
-- security definer: the caller (authenticated) holds no privileges by design; it runs as api_owner,
-- which may execute private.review_overview.
create function api.get_review_overview()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
begin
  return private.review_overview();
end;
$$;
comment on function api.get_review_overview() is
  'Coordinator only: the sluice at a glance. Returns {generated_at, today, ideas_total, funnel: [{state, label, count}] (every state, lifecycle order, internal state), per_municipality: [{code, name, count, open}], per_area: [{id, name, count, open}], median_days: {since, to_first_assessment, assessed_ideas, to_decision, decided_ideas} (days from arrival, one decimal, null without ideas, over the last twelve months), overdue_assessments: [{reviewer: {id, name}, count, oldest_due_on}], follow_ups: {due, overdue, without_date, items (≤ 20): [{reference, title, forwarded_to, follow_up_on, overdue}]} (due within 7 days), unreleased_decisions: {count, items (≤ 50): [{reference, title, state, label, decided_at, decided_by, days_waiting}]}}. Errors: 42501 not_reviewer / coordinator_only {action: get_review_overview}.';
alter function api.get_review_overview() owner to api_owner;

revoke execute on function api.list_follow_ups(integer), api.get_review_overview() from public, anon;
grant execute on function api.list_follow_ups(integer), api.get_review_overview() to authenticated, service_role;
