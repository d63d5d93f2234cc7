-- Why: the idea page and the queue show the assessment (issue 13), and the blind rule must hold in
-- what they return, not only in the page: a reviewer who fetches an idea straight from the API sees
-- other reviewers' scores, comments and recommendations only after submitting their own.
--
-- api.get_review_idea returns everything it returned before (20261202320200), unchanged, and adds:
--
-- * visible_assessments – the assessments the caller may see: always their own; everyone's for a
--   coordinator (those of reviewers who declared jäv marked as such); for a reviewer, everyone
--   else's (without jäv) once their own assessment is complete. The select policies on app.scores
--   and app.recommendations (20261202340000) hold the same rule, so this cannot show more.
-- * aggregates – per criterion the weighted mean (weights from each score's criteria version), the
--   count, lowest and highest score and the disagreement flag (two scores differing by 2 or more),
--   the overall weighted mean and the number of complete assessments, over the scores the caller
--   may see and without those of reviewers with jäv. A reviewer who has not submitted would learn
--   others' scores from them, so for them `visible` is false and only done/expected (the
--   assignments, "2 av 3 klara") are given (decision 0013).
-- * my_assessment_status, assessment_open, can_assess, my_conflict_of_interest – what the page
--   needs to ask the jäv question, show the form or explain why not.
-- * conflicts – declared jäv with its reason: every one for a coordinator, only their own for others
--   (the policy on app.conflicts_of_interest).
-- * notes – the internal notes with replies and mentions (never in any function for the bearer).
-- * assignments[].reviewer_id – so a coordinator can take someone off.
--
-- The existing key `assessments` ({done, expected}) is kept as it was; the list is
-- `visible_assessments`.
--
-- private.review_queue gives each row `mean`: the overall weighted mean where the caller may see it
-- (a coordinator; a reviewer whose assessment of that idea is complete), else null. It is one index
-- range of app.scores per row of the page (50 at most), through the unique index on (idea_id,
-- reviewer_id, criterion_id). Otherwise the function is unchanged.

-- api.get_review_idea ---------------------------------------------------------------------------------
create or replace function api.get_review_idea(reference text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_reference text := upper(btrim(get_review_idea.reference));
  v_idea_id uuid;
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
  v_result jsonb;
  v_is_coordinator boolean := v_reviewer.role = 'coordinator';
  v_declaration app.conflicts_of_interest;
  v_my_complete boolean;
  v_see_all boolean;
  v_my_status text;
  v_open boolean;
  v_assessment jsonb;
begin
  if coalesce(v_reference, '') = '' then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reference';
  end if;

  select i.id into v_idea_id from app.ideas i where i.reference = v_reference;
  if v_idea_id is null or not private.can_see_idea(v_idea_id) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;

  -- Where the caller stands: their jäv answer, their own assessment, and so what they may see.
  select c.* into v_declaration from app.conflicts_of_interest c
  where c.idea_id = v_idea_id and c.reviewer_id = v_reviewer.user_id;
  v_my_complete := private.assessment_complete(v_idea_id, v_reviewer.user_id);
  v_see_all := v_is_coordinator or v_my_complete;
  v_open := private.is_assessment_open(v_idea_id);
  v_my_status := case
    when v_declaration.has_conflict then 'conflict_of_interest'
    when v_my_complete then 'complete'
    when exists (select 1 from app.scores s where s.idea_id = v_idea_id and s.reviewer_id = v_reviewer.user_id)
      or exists (select 1 from app.recommendations r where r.idea_id = v_idea_id and r.reviewer_id = v_reviewer.user_id)
      then 'incomplete'
    when v_declaration.reviewer_id is null then 'not_declared'
    else 'not_started'
  end;

  -- The assessment part: visible assessments, aggregates, jäv.
  with visible_scores as (
    -- Under the policy on app.scores: the caller's own, and others' only under the blind rule.
    select s.reviewer_id, s.criterion_id, s.score, s.comment, s.submitted_at, s.updated_at, cv.version, cv.name,
      cv.weight, c.sort_order, private.has_conflict_of_interest(v_idea_id, s.reviewer_id) as has_conflict
    from app.scores s
    join app.criteria_versions cv on cv.id = s.criteria_version_id
    join app.criteria c on c.id = s.criterion_id
    where s.idea_id = v_idea_id
      and (s.reviewer_id = v_reviewer.user_id or v_see_all)
  ),
  visible_recommendations as (
    select r.reviewer_id, r.recommendation, r.comment, r.given_at, r.updated_at,
      private.has_conflict_of_interest(v_idea_id, r.reviewer_id) as has_conflict
    from app.recommendations r
    where r.idea_id = v_idea_id
      and (r.reviewer_id = v_reviewer.user_id or v_see_all)
  ),
  assessors as (
    select w.reviewer_id, bool_or(w.has_conflict) as has_conflict
    from (
      select vs.reviewer_id, vs.has_conflict from visible_scores vs
      union all
      select vr.reviewer_id, vr.has_conflict from visible_recommendations vr
    ) w
    group by w.reviewer_id
  ),
  -- Others with jäv are shown to a coordinator only; their scores never count in the aggregates.
  shown as (
    select a.* from assessors a
    where a.reviewer_id = v_reviewer.user_id or not a.has_conflict or v_is_coordinator
  ),
  counted as (
    select vs.* from visible_scores vs where v_see_all and not vs.has_conflict
  ),
  criteria_shown as (
    select f.criterion_id, f.name, f.weight, f.sort_order from private.criteria_in_force() f
    union
    select distinct on (cs.criterion_id) cs.criterion_id, cs.name, cs.weight, cs.sort_order
    from counted cs
    where cs.criterion_id not in (select f.criterion_id from private.criteria_in_force() f)
  )
  select jsonb_build_object(
    'visible_assessments', coalesce((
      select jsonb_agg(jsonb_build_object(
        'reviewer', jsonb_build_object('id', rv.user_id, 'name', rv.display_name),
        'is_me', sh.reviewer_id = v_reviewer.user_id,
        'conflict_of_interest', sh.has_conflict,
        'complete', private.assessment_complete(v_idea_id, sh.reviewer_id),
        'scores', coalesce((
          select jsonb_agg(jsonb_build_object(
            'criterion', vs.criterion_id, 'name', vs.name, 'version', vs.version, 'weight', vs.weight,
            'score', vs.score, 'comment', vs.comment, 'updated_at', vs.updated_at
          ) order by vs.sort_order, vs.criterion_id)
          from visible_scores vs where vs.reviewer_id = sh.reviewer_id
        ), '[]'::jsonb),
        'recommendation', vr.recommendation,
        'comment', vr.comment,
        'submitted_at', least(vr.given_at, (select min(vs.submitted_at) from visible_scores vs
          where vs.reviewer_id = sh.reviewer_id)),
        'updated_at', greatest(vr.updated_at, (select max(vs.updated_at) from visible_scores vs
          where vs.reviewer_id = sh.reviewer_id))
      ) order by (sh.reviewer_id = v_reviewer.user_id) desc, rv.display_name, rv.user_id)
      from shown sh
      join app.reviewers rv on rv.user_id = sh.reviewer_id
      left join visible_recommendations vr on vr.reviewer_id = sh.reviewer_id
    ), '[]'::jsonb),
    'aggregates', jsonb_build_object(
      'visible', v_see_all,
      'criteria', case when v_see_all then coalesce((
        select jsonb_agg(jsonb_build_object(
          'criterion', k.criterion_id,
          'name', k.name,
          'mean', (select round(sum(cs.score * cs.weight) / nullif(sum(cs.weight), 0), 2)
                   from counted cs where cs.criterion_id = k.criterion_id),
          'count', (select count(*) from counted cs where cs.criterion_id = k.criterion_id),
          'min', (select min(cs.score) from counted cs where cs.criterion_id = k.criterion_id),
          'max', (select max(cs.score) from counted cs where cs.criterion_id = k.criterion_id),
          'disagreement', coalesce((select max(cs.score) - min(cs.score) >= 2
                                    from counted cs where cs.criterion_id = k.criterion_id), false)
        ) order by k.sort_order, k.criterion_id)
        from criteria_shown k
      ), '[]'::jsonb) end,
      'overall', case when v_see_all then
        (select round(sum(cs.score * cs.weight) / nullif(sum(cs.weight), 0), 2) from counted cs) end,
      'complete_assessments', case when v_see_all then
        (select count(*) from shown sh
         where not sh.has_conflict and private.assessment_complete(v_idea_id, sh.reviewer_id)) end,
      'done', (select count(*) filter (where asg.done_at is not null) from app.assignments asg
               where asg.idea_id = v_idea_id),
      'expected', (select count(*) from app.assignments asg where asg.idea_id = v_idea_id)
    ),
    'conflicts', coalesce((
      -- Under the policy on app.conflicts_of_interest: all for a coordinator, one's own for others.
      select jsonb_agg(jsonb_build_object(
        'reviewer', jsonb_build_object('id', rv.user_id, 'name', rv.display_name),
        'is_me', c.reviewer_id = v_reviewer.user_id,
        'reason', c.reason,
        'declared_at', c.declared_at
      ) order by c.declared_at, rv.display_name)
      from app.conflicts_of_interest c
      join app.reviewers rv on rv.user_id = c.reviewer_id
      where c.idea_id = v_idea_id and c.has_conflict
    ), '[]'::jsonb)
  )
  into v_assessment;

  select jsonb_build_object(
    'reference', i.reference,
    'received_at', i.received_at,
    'state', i.state,
    'state_label', s.label,
    'public_state', i.public_state,
    'state_changed_at', i.state_changed_at,
    'days_waiting', floor(extract(epoch from now() - i.state_changed_at) / 86400)::integer,
    'municipality', jsonb_build_object('code', m.code, 'name', m.name),
    'area', jsonb_build_object('id', a.id, 'name', a.name),
    'shared_regionally', i.shared_regionally,
    'publish_consent', i.publish_consent,
    'public_summary', i.public_summary,
    'published_at', i.published_at,
    'forwarded_to', i.forwarded_to,
    'follow_up_on', i.follow_up_on,
    'current', versions.list -> -1,
    'versions', versions.list,
    -- Null both when the caller may not see the bearer and when gallring has removed them;
    -- bearer_visible tells the two apart.
    'bearer_visible', private.can_see_bearer(i.id),
    'bearer', (
      select jsonb_build_object('name', b.name, 'email', b.email, 'phone', b.phone, 'co_bearers', b.co_bearers,
        'contact_consent', i.contact_consent)
      from app.idea_bearers b where b.idea_id = i.id
    ),
    'timeline', coalesce((
      select jsonb_agg(jsonb_build_object(
        'occurred_at', e.occurred_at, 'actor_kind', e.actor_kind, 'actor_name', r.display_name,
        'from_state', e.from_state, 'to_state', e.to_state, 'reason', e.reason,
        'visible_to_bearer', e.visible_to_bearer,
        'decision', case when dm.event_id is not null then
          jsonb_build_object('message', dm.body, 'released_at', dm.released_at) end
      ) order by e.occurred_at, e.id)
      from app.idea_events e
      left join app.reviewers r on r.user_id = e.actor_user_id
      left join app.decision_messages dm on dm.event_id = e.id
      where e.idea_id = i.id
    ), '[]'::jsonb),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object(
        'direction', msg.direction, 'author_name', r.display_name, 'body', msg.body, 'created_at', msg.created_at
      ) order by msg.created_at, msg.id)
      from app.messages msg
      left join app.reviewers r on r.user_id = msg.author_id
      where msg.idea_id = i.id
    ), '[]'::jsonb),
    'assignments', coalesce((
      select jsonb_agg(jsonb_build_object(
        'reviewer_id', asg.reviewer_id,
        'reviewer_name', r.display_name, 'due_on', asg.due_on, 'done_at', asg.done_at,
        'overdue', asg.done_at is null and asg.due_on < v_today,
        'is_me', asg.reviewer_id = v_reviewer.user_id
      ) order by asg.assigned_at, asg.id)
      from app.assignments asg
      join app.reviewers r on r.user_id = asg.reviewer_id
      where asg.idea_id = i.id
    ), '[]'::jsonb),
    'assessments', (
      select jsonb_build_object('done', count(*) filter (where asg.done_at is not null), 'expected', count(*))
      from app.assignments asg where asg.idea_id = i.id
    ),
    -- Both directions: this idea is a duplicate of / related to another, or another is of this one.
    -- The other idea may be outside the caller's scope: it shows as its summary only.
    'links', coalesce((
      select jsonb_agg(jsonb_build_object(
        'kind', l.kind,
        'direction', case when l.idea_id = i.id then 'to' else 'from' end,
        'created_at', l.created_at,
        'idea', private.review_summary_of(case when l.idea_id = i.id then l.linked_idea_id else l.idea_id end)
      ) order by l.created_at, l.id)
      from app.idea_links l
      where (l.idea_id = i.id or l.linked_idea_id = i.id) and l.removed_at is null
    ), '[]'::jsonb),
    'interest', coalesce((
      select jsonb_agg(jsonb_build_object(
        'municipality', jsonb_build_object('code', im.code, 'name', im.name),
        'kind', mi.kind, 'registered_at', mi.registered_at
      ) order by im.name, mi.kind)
      from app.municipality_interest mi
      join app.municipalities im on im.code = mi.municipality_code
      where mi.idea_id = i.id
    ), '[]'::jsonb),
    -- The assessment (issue 13).
    'assessment_open', v_open,
    'my_assessment_status', v_my_status,
    'can_assess', v_open and v_declaration.reviewer_id is not null and not v_declaration.has_conflict,
    'my_conflict_of_interest', case when v_declaration.reviewer_id is not null then jsonb_build_object(
      'has_conflict', v_declaration.has_conflict, 'reason', v_declaration.reason,
      'declared_at', v_declaration.declared_at) end,
    'notes', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', n.id,
        'reply_to', n.reply_to_id,
        'author', jsonb_build_object('id', n.author_id, 'name', r.display_name),
        'is_mine', n.author_id = v_reviewer.user_id,
        'body', n.body,
        'created_at', n.created_at,
        'mentions', coalesce((
          select jsonb_agg(jsonb_build_object('id', nm.reviewer_id, 'name', mr.display_name)
            order by mr.display_name, nm.reviewer_id)
          from app.note_mentions nm
          join app.reviewers mr on mr.user_id = nm.reviewer_id
          where nm.note_id = n.id
        ), '[]'::jsonb)
      ) order by n.created_at, n.id)
      from app.internal_notes n
      join app.reviewers r on r.user_id = n.author_id
      where n.idea_id = i.id
    ), '[]'::jsonb)
  ) || v_assessment
  into v_result
  from app.ideas i
  join app.idea_states s on s.state = i.state
  join app.municipalities m on m.code = i.municipality_code
  join app.areas a on a.id = i.area_id
  cross join lateral (
    select coalesce(jsonb_agg(jsonb_build_object(
      'version', v.version, 'title', v.title, 'problem', v.problem, 'proposal', v.proposal,
      'beneficiaries', to_jsonb(v.beneficiaries), 'expected_effects', v.expected_effects, 'tried', v.tried,
      'resources', v.resources, 'workplace', v.workplace, 'created_at', v.created_at,
      -- null for the original: the bearer wrote it through the form.
      'created_by', vr.display_name
    ) order by v.version), '[]'::jsonb) as list
    from app.idea_versions v
    left join app.reviewers vr on vr.user_id = v.created_by
    where v.idea_id = i.id
  ) versions
  where i.id = v_idea_id;

  return v_result;
end;
$$;
comment on function api.get_review_idea(text) is
  'One idea in the caller''s scope by its reference: current text and every version, state, timeline with decision messages, questions and answers, assignments, links and interest; the bearer only for regional staff, coordinators and the idea''s own coach; the assessments the blind rule lets the caller see, their aggregates, jäv and internal notes. Errors: 42501 not_reviewer, IS002 missing (reference), PT404 not_found (unknown or outside scope).';

-- private.review_queue: `mean` on each row -------------------------------------------------------------
create or replace function private.review_queue(
  filter_state text,
  filter_municipality text,
  filter_area text,
  assigned_to_me boolean,
  awaiting_my_assessment boolean,
  overdue boolean,
  search text,
  sort text,
  after_key timestamptz,
  after_id uuid,
  page_size integer
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
-- Each statement here reads a few thousand index entries at most (100 000 for a regional
-- reviewer's counts): starting parallel workers costs more than it saves, and they compete with
-- the other requests for the same cores.
set max_parallel_workers_per_gather = 0
as $$
declare
  v_reviewer app.reviewers := private.current_reviewer();
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
  v_key text := case when sort = 'waiting' then 'state_changed_at' else 'received_at' end;
  v_order text := case when sort = 'waiting' then 'i.state_changed_at, i.id' else 'i.received_at desc, i.id desc' end;
  v_outer_order text := case when sort = 'waiting' then 'q.key, q.id' else 'q.key desc, q.id desc' end;
  v_filters text := '';
  v_mine_filter text := '';
  v_overdue_filter text := '';
  v_keyset text := '';
  v_from text := 'app.ideas i';
  v_count_from text;
  v_count_filters text;
  v_columns text := 'i.id, i.state, i.municipality_code, i.area_id, i.shared_regionally';
  v_branches text[];
  v_page_sql text;
  v_ids uuid[];
  v_keys timestamptz[];
  v_next text;
  v_counts jsonb;
  v_total bigint;
  v_items jsonb;
begin
  -- The caller's scope, read once. The api function has already refused anyone else (not_reviewer);
  -- this is the same check again, so the function is safe on its own.
  if v_reviewer.user_id is null then
    raise exception using errcode = '42501', message = 'not_reviewer';
  end if;

  -- Only the filters given are in the query; every value is a parameter:
  --   $1 the coach's municipality  $2 the caller  $3 state  $4 municipality  $5 area  $6 search
  --   $7 today (Swedish date)      $8 cursor key  $9 cursor id  $10 rows to read
  if filter_municipality is not null then
    v_filters := v_filters || ' and i.municipality_code = $4';
  end if;
  if filter_area is not null then
    v_filters := v_filters || ' and i.area_id = $5';
  end if;
  if search is not null then
    v_filters := v_filters || ' and i.search_vector @@ websearch_to_tsquery(''swedish''::regconfig, $6)';
    v_columns := v_columns || ', i.search_vector';
  end if;
  -- My assignments are few beside the ideas: the query starts from them (one row per idea, as
  -- (idea_id, reviewer_id) is unique) rather than probing every idea in order for one.
  if awaiting_my_assessment or assigned_to_me then
    v_from := 'app.assignments mine join app.ideas i on i.id = mine.idea_id';
    v_mine_filter := ' and mine.reviewer_id = $2'
      || case when awaiting_my_assessment then ' and mine.done_at is null' else '' end;
  end if;
  if overdue then
    v_overdue_filter := ' and exists (select 1 from app.assignments a'
      || ' where a.idea_id = i.id and a.done_at is null and a.due_on < $7)';
  end if;
  if after_id is not null then
    v_keyset := case when sort = 'waiting'
      then ' and (i.state_changed_at, i.id) > ($8, $9)'
      else ' and (i.received_at, i.id) < ($8, $9)' end;
  end if;

  -- Regional staff and coordinators: every idea. A coach: their municipality's ideas, and ideas of
  -- other municipalities shared regionally – two disjoint branches, each an ordered index range.
  -- Starting from my assignments, one branch with both halves of the scope is as cheap.
  if v_reviewer.municipality_code is null then
    v_branches := array['true'];
  elsif v_from <> 'app.ideas i' then
    v_branches := array['(i.municipality_code = $1 or i.shared_regionally)'];
  else
    v_branches := array['i.municipality_code = $1', 'i.shared_regionally and i.municipality_code <> $1'];
  end if;

  -- One page and one row more, to know whether there is a next page.
  select format(
    'select array_agg(q.id order by %s), array_agg(q.key order by %s) from (select q.* from (%s) q order by %s limit $10) q',
    v_outer_order, v_outer_order,
    string_agg(format('(select i.id, i.%s as key from %s where %s%s%s%s%s%s order by %s limit $10)',
      v_key, v_from, branch, v_filters, v_mine_filter, v_overdue_filter,
      case when filter_state is not null then ' and i.state = $3' else '' end, v_keyset, v_order), ' union all '),
    v_outer_order)
  into v_page_sql
  from unnest(v_branches) branch;

  execute v_page_sql into v_ids, v_keys
  using v_reviewer.municipality_code, v_reviewer.user_id, filter_state, filter_municipality, filter_area, search,
    v_today, after_key, after_id, page_size + 1;

  if coalesce(cardinality(v_ids), 0) > page_size then
    v_next := rtrim(translate(encode(convert_to(
      jsonb_build_array(sort, v_keys[page_size], v_ids[page_size])::text, 'UTF8'), 'base64'), E'+/\n', '-_'), '=');
    v_ids := v_ids[1:page_size];
  end if;

  -- The counts per state for the same filters without the state filter, on the first page only,
  -- branch by branch like the page:
  -- * filters on my assignments: from my assignments, each idea looked up by id (a nested loop by
  --   construction – `offset 0` keeps the lookup apart – so the cost follows my assignments, not
  --   the number of ideas); overdue alike from the open assignments past their due date;
  -- * otherwise without a search: every condition is on a column app.idea_counts has
  --   (municipality, area, sharing), so the same branches and filters add up its rows;
  -- * a search: the matching ideas are counted.
  if after_id is null then
    if v_mine_filter <> '' then
      v_count_from := format('app.assignments mine cross join lateral (select %s from app.ideas i'
        || ' where i.id = mine.idea_id offset 0) i', v_columns);
      v_count_filters := v_filters || v_mine_filter || v_overdue_filter;
    elsif overdue then
      v_count_from := format('(select distinct a.idea_id from app.assignments a where a.done_at is null'
        || ' and a.due_on < $7) late cross join lateral (select %s from app.ideas i where i.id = late.idea_id'
        || ' offset 0) i', v_columns);
      v_count_filters := v_filters;
    elsif search is null then
      v_count_from := 'app.idea_counts i';
      v_count_filters := v_filters;
    else
      v_count_from := 'app.ideas i';
      v_count_filters := v_filters;
    end if;
    select format('select jsonb_object_agg(c.state, c.n) from (select b.state, sum(b.n) as n from (%s) b'
      || ' group by b.state) c',
      string_agg(format('select i.state, %s as n from %s where %s%s group by i.state',
        case when v_count_from = 'app.idea_counts i' then 'sum(i.ideas)' else 'count(*)' end,
        v_count_from, branch, v_count_filters), ' union all '))
    into v_page_sql
    -- Starting from assignments, each idea is looked up once: one branch with the whole scope.
    from unnest(case when v_reviewer.municipality_code is not null and v_count_from like '%lateral%'
      then array['(i.municipality_code = $1 or i.shared_regionally)'] else v_branches end) branch;
    execute v_page_sql
    into v_counts
    using v_reviewer.municipality_code, v_reviewer.user_id, filter_state, filter_municipality, filter_area, search,
      v_today, after_key, after_id, page_size + 1;
    v_counts := coalesce(v_counts, '{}'::jsonb);
    select coalesce(sum((v_counts ->> s.state)::bigint) filter (where filter_state is null or s.state = filter_state), 0),
      jsonb_agg(jsonb_build_object('state', s.state, 'count', coalesce((v_counts ->> s.state)::bigint, 0))
        order by s.sort_order)
    into v_total, v_counts
    from app.idea_states s;
  end if;

  -- The page's rows, in page order, each with what the queue shows.
  select coalesce(jsonb_agg(jsonb_build_object(
      'reference', i.reference,
      'title', i.title,
      'state', i.state,
      'municipality', jsonb_build_object('code', m.code, 'name', m.name),
      'area', jsonb_build_object('id', ar.id, 'name', ar.name),
      'received_at', i.received_at,
      'state_changed_at', i.state_changed_at,
      'days_waiting', floor(extract(epoch from now() - i.state_changed_at) / 86400)::integer,
      'assignees', coalesce(work.assignees, '[]'::jsonb),
      'assessments', jsonb_build_object('done', coalesce(work.done, 0), 'expected', coalesce(work.expected, 0)),
      'due_on', work.due_on,
      'overdue', coalesce(work.due_on < v_today, false),
      'assigned_to_me', coalesce(work.mine, false),
      'shared_regionally', i.shared_regionally,
      -- The weighted mean of the scores the caller may see (the blind rule): a coordinator's always,
      -- a reviewer's once their own assessment is complete; null otherwise or without scores.
      'mean', scored.mean
    ) order by page.ord), '[]'::jsonb)
  into v_items
  from unnest(v_ids) with ordinality as page(id, ord)
  join app.ideas i on i.id = page.id
  join app.municipalities m on m.code = i.municipality_code
  join app.areas ar on ar.id = i.area_id
  left join lateral (
    select
      jsonb_agg(jsonb_build_object('name', r.display_name, 'done', a.done_at is not null)
        order by a.assigned_at, a.id) as assignees,
      count(*) filter (where a.done_at is not null) as done,
      count(*) as expected,
      min(a.due_on) filter (where a.done_at is null) as due_on,
      bool_or(a.reviewer_id = v_reviewer.user_id) as mine
    from app.assignments a
    join app.reviewers r on r.user_id = a.reviewer_id
    where a.idea_id = i.id
  ) work on true
  -- One idea's scores through the unique index (idea_id, reviewer_id, criterion_id), each with its
  -- version's weight; scores of reviewers who declared jäv do not count.
  left join lateral (
    select round(sum(s.score * cv.weight) / nullif(sum(cv.weight), 0), 2) as mean
    from app.scores s
    join app.criteria_versions cv on cv.id = s.criteria_version_id
    where s.idea_id = i.id
      and (v_reviewer.role = 'coordinator' or private.assessment_complete(i.id, v_reviewer.user_id))
      and not exists (
        select 1 from app.conflicts_of_interest c
        where c.idea_id = s.idea_id and c.reviewer_id = s.reviewer_id and c.has_conflict
      )
  ) scored on true;

  return jsonb_build_object('items', v_items, 'next', v_next, 'counts', v_counts, 'total', v_total);
end;
$$;
comment on function private.review_queue(text, text, text, boolean, boolean, boolean, text, text, timestamptz, uuid, integer) is
  'The work of api.list_review_queue: one page of the calling reviewer''s scope with only the given filters in the query, and on the first page the counts per state; each row with the weighted mean of the scores the caller may see (the blind rule). security definer (migration role): it reads the scope once instead of per row and lets the full-text index work; it takes the scope from the caller''s own reviewer row, never from a parameter. Callers validate the filters.';
