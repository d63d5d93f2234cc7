-- Why: the reviewer opens an idea from the queue (issue 12). The workspace addresses ideas by their
-- reference (IS-2026-0042), as people do, so api.get_review_idea takes the reference and replaces
-- api.get_idea(uuid). It returns everything a reviewer works with: the current text and every
-- version (version 1 is the original as received, an allmän handling), the timeline with decision
-- messages, the questions and answers, assignments, links and interest.
--
-- It runs as api_owner under row-level security like the other reviewer functions, so the policies
-- bound what it reads. Two rules sit on top:
-- * Outside the caller's scope the answer is PT404 not_found, the same as for a reference that does
--   not exist (a published idea of another municipality is readable under the policy, but it is not
--   in a coach's review scope, so it is refused too).
-- * The bearer's contact details come only to those who may read them (private.can_see_bearer:
--   regional staff, coordinators and the coach of the idea's own municipality), never to a coach who
--   sees the idea only because it is shared regionally; the policy on app.idea_bearers enforces the
--   same rule (20261202320000).
--
-- private.review_summary_of is the minimal projection of any idea (reference, title, municipality,
-- state) for what a reviewer may be shown about an idea outside their scope: the other end of a
-- link, and similar ideas across all municipalities.

-- private.review_summary_of ---------------------------------------------------------------------------
create function private.review_summary_of(idea_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'reference', i.reference,
    'title', i.title,
    'municipality', jsonb_build_object('code', m.code, 'name', m.name),
    'state', i.state,
    'in_scope', private.can_see_idea(i.id)
  )
  from app.ideas i
  join app.municipalities m on m.code = i.municipality_code
  where i.id = review_summary_of.idea_id
    and private.is_active_reviewer()
$$;
comment on function private.review_summary_of(uuid) is
  'What any active reviewer may see of any idea, in or out of their scope: reference, title, municipality, state, and whether the caller may open it (in_scope). No text, no bearer. security definer: an idea outside the caller''s scope is not readable under the policies; null for a caller who is not an active reviewer.';
revoke execute on function private.review_summary_of(uuid) from public;
grant execute on function private.review_summary_of(uuid) to api_owner;

-- api.get_review_idea ---------------------------------------------------------------------------------
create function api.get_review_idea(reference text)
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
begin
  if coalesce(v_reference, '') = '' then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reference';
  end if;

  select i.id into v_idea_id from app.ideas i where i.reference = v_reference;
  if v_idea_id is null or not private.can_see_idea(v_idea_id) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;

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
    ), '[]'::jsonb)
  )
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
  'One idea in the caller''s scope by its reference: current text and every version, state, timeline with decision messages, questions and answers, assignments, links and interest; the bearer only for regional staff, coordinators and the idea''s own coach. Errors: 42501 not_reviewer, IS002 missing (reference), PT404 not_found (unknown or outside scope).';
alter function api.get_review_idea(text) owner to api_owner;

revoke execute on function api.get_review_idea(text) from public, anon;
grant execute on function api.get_review_idea(text) to authenticated, service_role;

-- The workspace opens ideas by reference; the uuid version goes.
drop function api.get_idea(uuid);
