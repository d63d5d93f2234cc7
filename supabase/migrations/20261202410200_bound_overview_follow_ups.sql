-- Why: at national size (issue 17; tests/bench/national.bench.ts at 1 000 000 ideas on a quiet
-- machine) the coordinator's overview took 1.1 s, a third of it the follow-ups: every forwarded idea
-- due within a week or overdue (40 000 in the benchmark) was numbered with a window function to
-- keep the first 20. Now each of the three counts is one range of ideas_forwarded_follow_up_idx, read
-- from the index alone, and the first 20 come from the same index in order (those without a date
-- first, as before). The answer is the same.
--
-- private.review_overview is as 20261202400000 left it but for the follow-ups.

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
    -- Each count one range of ideas_forwarded_follow_up_idx (index only), the first 20 in order
    -- from the same index: nothing here reads every forwarded idea.
    'follow_ups', jsonb_build_object(
      'due', (select count(*) from app.ideas i
              where i.state = 'forwarded' and i.follow_up_on between v_today and v_today + 7),
      'overdue', (select count(*) from app.ideas i where i.state = 'forwarded' and i.follow_up_on < v_today),
      'without_date', (select count(*) from app.ideas i where i.state = 'forwarded' and i.follow_up_on is null),
      'items', (
        select coalesce(jsonb_agg(jsonb_build_object(
          'reference', f.reference, 'title', f.title, 'forwarded_to', f.forwarded_to,
          'follow_up_on', f.follow_up_on, 'overdue', f.follow_up_on < v_today
        ) order by f.follow_up_on nulls first, f.reference), '[]'::jsonb)
        from (
          select u.* from (
            -- `offset 0`: found through the partial index, then sorted (never a walk of every
            -- idea in reference order looking for forwarded ones).
            (select n.* from (
               select i.reference, i.title, i.forwarded_to, i.follow_up_on
               from app.ideas i where i.state = 'forwarded' and i.follow_up_on is null
               offset 0) n
             order by n.reference limit 20)
            union all
            (select i.reference, i.title, i.forwarded_to, i.follow_up_on
             from app.ideas i where i.state = 'forwarded' and i.follow_up_on <= v_today + 7
             order by i.follow_up_on, i.reference limit 20)
          ) u
          order by u.follow_up_on nulls first, u.reference
          limit 20
        ) f
      )
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

