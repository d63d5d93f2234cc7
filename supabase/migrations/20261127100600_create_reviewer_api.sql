-- Why: reviewers and coordinators work through these functions only (the queue, an idea's detail,
-- state changes and decisions, releasing a decision to the bearer). Each checks on every call that
-- the caller is an active reviewer (AZ-08) and runs as api_owner, so row-level security bounds what
-- it can read or write to the caller's scope.
--
-- security definer (all four): the caller (authenticated) holds no table privileges by design; the
-- functions run as api_owner, which holds just the privileges below and is subject to the policies.

create function private.require_reviewer()
returns app.reviewers
language plpgsql
stable
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.current_reviewer();
begin
  if v_reviewer.user_id is null then
    raise exception using errcode = '42501',
      message = 'Du behöver vara inloggad som aktiv granskare för att se det här.';
  end if;
  return v_reviewer;
end;
$$;
comment on function private.require_reviewer() is 'The caller''s active reviewer row; raises 42501 when there is none.';
revoke execute on function private.require_reviewer() from public;
grant execute on function private.require_reviewer() to api_owner;

-- Coordinators mark duplicates through api.change_idea_state, which records the link.
grant insert on app.idea_links to api_owner;
create policy "coordinators link ideas they can see" on app.idea_links
  for insert to api_owner
  with check (
    (select private.is_coordinator()) and private.can_see_idea(idea_id) and private.can_see_idea(linked_idea_id)
  );

-- api.list_ideas ------------------------------------------------------------------------------------
create function api.list_ideas(
  filter_state text default null,
  filter_municipality_code text default null,
  search text default null
)
returns table (
  id uuid,
  reference text,
  title text,
  state text,
  state_label text,
  municipality_code text,
  municipality_name text,
  area_id text,
  area_name text,
  received_at timestamptz,
  shared_regionally boolean,
  published boolean,
  assigned_to_me boolean,
  due_on date
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_search text := nullif(btrim(list_ideas.search), '');
begin
  return query
  select i.id, i.reference, i.title, i.state, s.label, i.municipality_code, m.name, i.area_id, a.name,
    i.received_at, i.shared_regionally, i.published_at is not null,
    asg.id is not null, asg.due_on
  from app.ideas i
  join app.idea_states s on s.state = i.state
  join app.municipalities m on m.code = i.municipality_code
  join app.areas a on a.id = i.area_id
  left join app.assignments asg on asg.idea_id = i.id and asg.reviewer_id = v_reviewer.user_id
  where private.can_see_idea(i.id)
    and (filter_state is null or i.state = filter_state)
    and (filter_municipality_code is null or i.municipality_code = filter_municipality_code)
    and (
      v_search is null
      or i.search_vector @@ websearch_to_tsquery('swedish'::regconfig, v_search)
      or v_search operator(extensions.<%) (i.title || ' ' || i.problem || ' ' || i.proposal)
    )
  order by i.received_at desc;
end;
$$;
comment on function api.list_ideas(text, text, text) is
  'The reviewer''s queue: the ideas in the caller''s scope, newest first, filtered by state, municipality and a Swedish full-text or similarity search.';
alter function api.list_ideas(text, text, text) owner to api_owner;

-- api.get_idea --------------------------------------------------------------------------------------
create function api.get_idea(idea_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_result jsonb;
begin
  if not private.can_see_idea(get_idea.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'Idén finns inte, eller så har du inte behörighet att se den.';
  end if;

  select jsonb_build_object(
    'id', i.id,
    'reference', i.reference,
    'received_at', i.received_at,
    'state', i.state,
    'state_label', s.label,
    'public_state', i.public_state,
    'municipality', jsonb_build_object('code', m.code, 'name', m.name),
    'area', jsonb_build_object('id', a.id, 'name', a.name),
    'shared_regionally', i.shared_regionally,
    'contact_consent', i.contact_consent,
    'publish_consent', i.publish_consent,
    'public_summary', i.public_summary,
    'published_at', i.published_at,
    'forwarded_to', i.forwarded_to,
    'follow_up_on', i.follow_up_on,
    'current_version', (
      select to_jsonb(v) - 'idea_id' from app.idea_versions v
      where v.idea_id = i.id order by v.version desc limit 1
    ),
    'version_count', (select count(*) from app.idea_versions v where v.idea_id = i.id),
    'bearer', (
      select jsonb_build_object('name', b.name, 'email', b.email, 'phone', b.phone, 'co_bearers', b.co_bearers)
      from app.idea_bearers b where b.idea_id = i.id
    ),
    'events', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', e.id, 'occurred_at', e.occurred_at, 'actor_kind', e.actor_kind,
        'actor_name', r.display_name, 'from_state', e.from_state, 'to_state', e.to_state,
        'reason', e.reason, 'visible_to_bearer', e.visible_to_bearer,
        'message_to_bearer', dm.body, 'released_at', dm.released_at
      ) order by e.occurred_at, e.id)
      from app.idea_events e
      left join app.reviewers r on r.user_id = e.actor_user_id
      left join app.decision_messages dm on dm.event_id = e.id
      where e.idea_id = i.id
    ), '[]'::jsonb),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', msg.id, 'direction', msg.direction, 'author_name', r.display_name,
        'body', msg.body, 'created_at', msg.created_at
      ) order by msg.created_at, msg.id)
      from app.messages msg
      left join app.reviewers r on r.user_id = msg.author_id
      where msg.idea_id = i.id
    ), '[]'::jsonb),
    'assignments', coalesce((
      select jsonb_agg(jsonb_build_object(
        'reviewer_name', r.display_name, 'due_on', asg.due_on, 'done_at', asg.done_at
      ) order by asg.assigned_at)
      from app.assignments asg
      join app.reviewers r on r.user_id = asg.reviewer_id
      where asg.idea_id = i.id
    ), '[]'::jsonb),
    'links', coalesce((
      select jsonb_agg(jsonb_build_object(
        'kind', l.kind, 'reference', li.reference, 'title', li.title, 'created_at', l.created_at
      ) order by l.created_at)
      from app.idea_links l
      join app.ideas li on li.id = l.linked_idea_id
      where l.idea_id = i.id and l.removed_at is null
    ), '[]'::jsonb),
    'interest', coalesce((
      select jsonb_agg(jsonb_build_object('municipality_code', mi.municipality_code, 'kind', mi.kind)
        order by mi.municipality_code, mi.kind)
      from app.municipality_interest mi
      where mi.idea_id = i.id
    ), '[]'::jsonb)
  )
  into v_result
  from app.ideas i
  join app.idea_states s on s.state = i.state
  join app.municipalities m on m.code = i.municipality_code
  join app.areas a on a.id = i.area_id
  where i.id = get_idea.idea_id;

  return v_result;
end;
$$;
comment on function api.get_idea(uuid) is
  'One idea in the caller''s scope with its current text, bearer, timeline, messages, assignments, links and interest; PT404 outside scope.';
alter function api.get_idea(uuid) owner to api_owner;

-- api.change_idea_state -----------------------------------------------------------------------------
create function api.change_idea_state(
  idea_id uuid,
  expected_state text,
  to_state text,
  reason text,
  message_to_bearer text default null,
  duplicate_of uuid default null,
  forwarded_to text default null,
  follow_up_on date default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_event_id bigint;
  v_reference text;
begin
  if not private.can_see_idea(change_idea_state.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'Idén finns inte, eller så har du inte behörighet att se den.';
  end if;
  if expected_state is null then
    raise exception using errcode = 'IS002', detail = 'expected_state',
      message = 'Ange vilket läge idén har nu, så att ingen annans ändring skrivs över.';
  end if;
  if to_state = 'duplicate' and duplicate_of is null then
    raise exception using errcode = 'IS002', detail = 'duplicate_of', message = 'Välj vilken idé den här är en dubblett av.';
  end if;
  if to_state = 'forwarded' and coalesce(btrim(forwarded_to), '') = '' then
    raise exception using errcode = 'IS002', detail = 'forwarded_to', message = 'Skriv vem idén vidareförmedlas till.';
  end if;

  v_event_id := private.transition_idea(
    change_idea_state.idea_id, expected_state, to_state, v_reviewer.role, v_reviewer.user_id, reason,
    message_to_bearer
  );

  if to_state = 'duplicate' then
    if duplicate_of = change_idea_state.idea_id or not private.can_see_idea(duplicate_of) then
      raise exception using errcode = 'IS002', detail = 'duplicate_of', message = 'Välj en annan idé som finns.';
    end if;
    insert into app.idea_links (idea_id, linked_idea_id, kind, created_by)
    values (change_idea_state.idea_id, duplicate_of, 'duplicate_of', v_reviewer.user_id);
  elsif to_state = 'forwarded' then
    update app.ideas i
    set forwarded_to = btrim(change_idea_state.forwarded_to), follow_up_on = change_idea_state.follow_up_on
    where i.id = change_idea_state.idea_id;
  end if;

  select i.reference into v_reference from app.ideas i where i.id = change_idea_state.idea_id;
  return jsonb_build_object('reference', v_reference, 'state', to_state, 'event_id', v_event_id);
end;
$$;
comment on function api.change_idea_state(uuid, text, text, text, text, uuid, text, date) is
  'Moves an idea in the caller''s scope to another state. expected_state is the state the caller saw: if it changed meanwhile the call fails with PT409. Decisions need a message to the bearer.';
alter function api.change_idea_state(uuid, text, text, text, text, uuid, text, date) owner to api_owner;

-- api.release_decision ------------------------------------------------------------------------------
create function api.release_decision(idea_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_message app.decision_messages;
  v_state text;
  v_reference text;
begin
  if not private.can_see_idea(release_decision.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'Idén finns inte, eller så har du inte behörighet att se den.';
  end if;
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'Bara en samordnare får skicka ett beslut till idébäraren.';
  end if;

  select m.* into v_message
  from app.decision_messages m
  where m.idea_id = release_decision.idea_id and m.released_at is null
  for update;
  if not found then
    raise exception using errcode = 'IS002', detail = 'idea_id',
      message = 'Det finns inget beslut som väntar på att skickas till idébäraren.';
  end if;

  update app.decision_messages m set released_at = now(), released_by = v_reviewer.user_id
  where m.event_id = v_message.event_id;

  select e.to_state into v_state from app.idea_events e where e.id = v_message.event_id;
  update app.ideas i set public_state = v_state where i.id = release_decision.idea_id
  returning i.reference into v_reference;

  insert into app.email_outbox (idea_id, template, recipient, payload)
  select release_decision.idea_id, 'decision_released', b.email,
    jsonb_build_object('reference', v_reference, 'state', v_state, 'state_label', private.state_label(v_state),
      'message', v_message.body)
  from app.idea_bearers b where b.idea_id = release_decision.idea_id;

  return jsonb_build_object('reference', v_reference, 'public_state', v_state, 'released_at', now());
end;
$$;
comment on function api.release_decision(uuid) is
  'Coordinator only: releases the pending decision''s message to the bearer, shows the decision on the status page and statistics, and queues the e-mail.';
alter function api.release_decision(uuid) owner to api_owner;

revoke execute on function api.list_ideas(text, text, text), api.get_idea(uuid),
  api.change_idea_state(uuid, text, text, text, text, uuid, text, date), api.release_decision(uuid)
  from public, anon;
grant execute on function api.list_ideas(text, text, text), api.get_idea(uuid),
  api.change_idea_state(uuid, text, text, text, text, uuid, text, date), api.release_decision(uuid)
  to authenticated, service_role;
