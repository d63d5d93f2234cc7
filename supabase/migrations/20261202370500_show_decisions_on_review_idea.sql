-- Why: the idea page's decision, duplicate, forwarding, publishing, interest and sharing controls
-- (issue 14) need to know what is pending, what happened to the idea's links and what the caller
-- may do. api.get_review_idea is created again in full from its definition after 20261202340300
-- (pg_get_functiondef on a database built from the earlier migrations): every key it returned is
-- still there with the same meaning. What changes:
--
-- * timeline[].decision also has withdrawn_at (a decision withdrawn before release, decision 0015;
--   null otherwise). The released message that tells the bearer a duplicate link was removed sits
--   on that in_review event as a decision object with its released_at.
-- * links[] also names who made each active link (created_by).
-- * interest[] also names who registered it (registered_by), from private.interest_in.
-- * New keys:
--   - pending_decision – the decision waiting to be released: {state, label, message, reason,
--     decided_at, decided_by}, or null. Until it is released the bearer sees public_state.
--   - link_history – every link to or from the idea, removed ones included: {kind, direction, idea
--     (summary), created_at, created_by, removed_at, removed_by}.
--   - decision_templates – for a coordinator, the message templates with the idea's reference and
--     title filled in: {accepted, parked, declined, forwarded, duplicate, duplicate_removed}; {} for
--     others.
--   - interest_municipality – the municipality a coach's interest is registered for ({code, name});
--     null for regional staff and coordinators, who name one.
--   - can – what the caller may do here: {decide, release, unlink, publish, unpublish, share,
--     register_interest}. The functions check the same rules; this only saves the page a refusal.

create or replace function api.get_review_idea(reference text)
 returns jsonb
 language plpgsql
 stable security definer
 set search_path to ''
as $function$
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
  v_decisions jsonb;
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

  -- The decision part (issue 14): the decision waiting to be released, every link with who made
  -- and removed it, the message templates for the coordinator, and what the caller may do here.
  select jsonb_build_object(
    'pending_decision', (
      select jsonb_build_object('state', e.to_state, 'label', s.label, 'message', dm.body, 'reason', e.reason,
        'decided_at', e.occurred_at, 'decided_by', r.display_name)
      from app.decision_messages dm
      join app.idea_events e on e.id = dm.event_id
      join app.idea_states s on s.state = e.to_state
      left join app.reviewers r on r.user_id = e.actor_user_id
      where dm.idea_id = v_idea_id and dm.released_at is null and dm.withdrawn_at is null
      order by dm.event_id desc
      limit 1
    ),
    'link_history', coalesce((
      select jsonb_agg(jsonb_build_object(
        'kind', l.kind,
        'direction', case when l.idea_id = v_idea_id then 'to' else 'from' end,
        'idea', private.review_summary_of(case when l.idea_id = v_idea_id then l.linked_idea_id else l.idea_id end),
        'created_at', l.created_at,
        'created_by', cr.display_name,
        'removed_at', l.removed_at,
        'removed_by', rr.display_name
      ) order by l.created_at, l.id)
      from app.idea_links l
      left join app.reviewers cr on cr.user_id = l.created_by
      left join app.reviewers rr on rr.user_id = l.removed_by
      where l.idea_id = v_idea_id or l.linked_idea_id = v_idea_id
    ), '[]'::jsonb),
    'decision_templates', case when v_is_coordinator then private.decision_templates_for(v_idea_id)
      else '{}'::jsonb end,
    'interest_municipality', (
      select jsonb_build_object('code', m.code, 'name', m.name)
      from app.municipalities m where m.code = v_reviewer.municipality_code
    ),
    'can', (
      select jsonb_build_object(
        'decide', v_is_coordinator,
        'release', v_is_coordinator and exists (
          select 1 from app.decision_messages dm
          where dm.idea_id = v_idea_id and dm.released_at is null and dm.withdrawn_at is null),
        'unlink', v_is_coordinator and i.state = 'duplicate',
        'publish', v_is_coordinator and i.publish_consent,
        'unpublish', v_is_coordinator and i.published_at is not null,
        'share', v_is_coordinator or v_reviewer.municipality_code is not distinct from i.municipality_code,
        'register_interest', true
      )
      from app.ideas i where i.id = v_idea_id
    )
  )
  into v_decisions;

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
          jsonb_build_object('message', dm.body, 'released_at', dm.released_at,
            'withdrawn_at', dm.withdrawn_at) end
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
        'created_by', lr.display_name,
        'idea', private.review_summary_of(case when l.idea_id = i.id then l.linked_idea_id else l.idea_id end)
      ) order by l.created_at, l.id)
      from app.idea_links l
      left join app.reviewers lr on lr.user_id = l.created_by
      where (l.idea_id = i.id or l.linked_idea_id = i.id) and l.removed_at is null
    ), '[]'::jsonb),
    -- Each entry also names who registered it (registered_by).
    'interest', private.interest_in(i.id),
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
  ) || v_assessment || v_decisions
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
$function$;

comment on function api.get_review_idea(text) is
  'One idea in the caller''s scope by its reference: current text and every version, state, timeline with decision messages (released or withdrawn), questions and answers, assignments, links (active, and their history), interest, the assessment (visible assessments, aggregates, jäv, notes), the pending decision, the coordinator''s message templates and what the caller may do; the bearer only for regional staff, coordinators and the idea''s own coach. Errors: 42501 not_reviewer, IS002 missing (reference), PT404 not_found (unknown or outside scope).';
