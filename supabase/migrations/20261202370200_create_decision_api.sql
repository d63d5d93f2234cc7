-- Why: issue 14 – coordinators decide, link duplicates, forward, and follow an idea into
-- development and across the region. The lifecycle (private.transition_idea) and the id-taking
-- functions existed; this migration makes them complete and reachable by reference:
--
-- * A decision stays internal until released (api.release_idea_decision, by reference, hands over to
--   api.release_decision). A decision can now also be withdrawn before it is released – today only
--   by removing a duplicate link the bearer was never told about: decision_messages.withdrawn_at.
--   A withdrawn message is never shown to the bearer and no longer holds the idea back (IS004).
-- * Duplicates are linked through the state change (to duplicate, duplicate_of) as before, and
--   unlinked by api.unlink_duplicate: in one transaction the link gets removed_at/removed_by (the
--   row stays, so the history shows who linked and unlinked, and when), the idea moves back to
--   in_review, and the bearer is told – their released duplicate decision is followed by a released
--   message and an e-mail (duplicate_unlinked); a decision they never saw is withdrawn instead, and
--   they see only that their idea is under review again. Moving a duplicate back to review through
--   the state change is refused (IS001 unlink_required), so a link can never be left behind.
-- * Forwarding needs the actor and a follow-up date (from today, within two years): the follow-up
--   list (20261202370400) is what makes "forwarded" more than a dead end.
-- * implemented and spread name the municipalities that implemented the idea; they are written to
--   app.municipality_interest (kind implemented), which the idea bank shows. spread must name at
--   least one municipality that had not implemented it before ("taken up by further municipalities").
--
-- api.change_idea_state and api.move_idea get a new last argument (municipalities), so both are
-- dropped and created again, otherwise unchanged but for the checks above and `awaiting_release`
-- in their answer. Errors follow decision 0007: codes and rule keys, never display text.

-- Decision messages: withdrawn before release ---------------------------------------------------------
alter table app.decision_messages
  add column withdrawn_at timestamptz,
  add column withdrawn_by uuid references app.reviewers (user_id),
  add constraint decision_messages_withdrawn_by_check check ((withdrawn_at is null) = (withdrawn_by is null)),
  add constraint decision_messages_released_or_withdrawn_check check (released_at is null or withdrawn_at is null);
comment on table app.decision_messages is
  'The message to the bearer that every decision carries, internal until a coordinator releases it (then the bearer sees it and the decision), or withdrawn unreleased. Also the released message that tells the bearer a duplicate link was removed (on that in_review event).';
comment on column app.decision_messages.withdrawn_at is
  'When an unreleased decision was withdrawn (its duplicate link removed before the bearer was told); the bearer never sees it.';
create index decision_messages_withdrawn_by_idx on app.decision_messages (withdrawn_by);
create index decision_messages_unreleased_idx on app.decision_messages (idea_id, event_id)
  where released_at is null and withdrawn_at is null;
comment on index app.decision_messages_unreleased_idx is
  'Decisions waiting to be released: the lifecycle''s IS004 check, release, and the overview''s list.';

-- Links: removed, never deleted -------------------------------------------------------------------------
grant update (removed_at, removed_by) on app.idea_links to api_owner;
create policy "coordinators remove links of ideas they can see" on app.idea_links
  for update to api_owner
  using ((select private.is_coordinator()) and private.can_see_idea(idea_id))
  with check ((select private.is_coordinator()) and removed_by = (select auth.uid()));

-- private.transition_idea: a withdrawn decision no longer holds the idea back ------------------------------
-- As 20261202150000 left it but for `and m.withdrawn_at is null`.
create or replace function private.transition_idea(idea_id uuid, expected_state text, to_state text, actor_kind text, actor_user_id uuid, reason text, message_to_bearer text DEFAULT NULL::text)
 returns bigint
 language plpgsql
 set search_path to ''
as $function$
declare
  v_current text;
  v_transition app.idea_transitions;
  v_is_decision boolean;
  v_event_id bigint;
begin
  if not exists (select 1 from app.idea_states s where s.state = transition_idea.to_state) then
    raise exception using errcode = 'IS002', detail = 'to_state', message = 'unknown_state';
  end if;

  select i.state into v_current from app.ideas i where i.id = transition_idea.idea_id for update;
  if not found then
    raise exception using errcode = 'PT404',
      message = 'not_found';
  end if;

  if expected_state is not null and v_current <> expected_state then
    raise exception using errcode = 'PT409', message = 'stale_state',
      detail = jsonb_build_object('current', v_current)::text;
  end if;

  select t.* into v_transition
  from app.idea_transitions t
  where t.from_state = v_current and t.to_state = transition_idea.to_state;
  if not found then
    raise exception using errcode = 'IS001', message = 'transition_not_allowed',
      detail = jsonb_build_object('from', v_current, 'to', transition_idea.to_state)::text;
  end if;

  if not actor_kind = any (v_transition.allowed_actors) then
    raise exception using errcode = '42501',
      message = case when v_transition.allowed_actors = array['coordinator'] then 'coordinator_only' else 'not_allowed' end,
      detail = jsonb_build_object('from', v_current, 'to', transition_idea.to_state)::text;
  end if;

  if exists (
    select 1 from app.decision_messages m
    where m.idea_id = transition_idea.idea_id and m.released_at is null and m.withdrawn_at is null
  ) then
    raise exception using errcode = 'IS004',
      message = 'decision_not_released';
  end if;

  if coalesce(btrim(reason), '') = '' then
    raise exception using errcode = 'IS002', detail = 'reason', message = 'missing';
  end if;

  select s.is_decision into v_is_decision from app.idea_states s where s.state = transition_idea.to_state;
  if v_is_decision and coalesce(btrim(message_to_bearer), '') = '' then
    raise exception using errcode = 'IS002', detail = 'message_to_bearer', message = 'missing';
  end if;

  update app.ideas i
  set state = transition_idea.to_state,
      -- A decision stays internal until its message is released (api.release_decision).
      public_state = case when v_is_decision then i.public_state else transition_idea.to_state end,
      state_changed_at = now()
  where i.id = transition_idea.idea_id;

  insert into app.idea_events (idea_id, actor_kind, actor_user_id, from_state, to_state, reason, visible_to_bearer)
  values (transition_idea.idea_id, actor_kind, actor_user_id, v_current, transition_idea.to_state, btrim(reason),
    not v_is_decision)
  returning id into v_event_id;

  if v_is_decision then
    insert into app.decision_messages (event_id, idea_id, body)
    values (v_event_id, transition_idea.idea_id, btrim(message_to_bearer));
  end if;

  return v_event_id;
end;
$function$;

-- api.release_decision: never a withdrawn message -------------------------------------------------------
-- As 20261202150000 left it but for `and m.withdrawn_at is null`.
create or replace function api.release_decision(idea_id uuid)
 returns jsonb
 language plpgsql
 security definer
 set search_path to ''
as $function$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_message app.decision_messages;
  v_state text;
  v_reference text;
begin
  if not private.can_see_idea(release_decision.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'not_found';
  end if;
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'release_decision')::text;
  end if;

  select m.* into v_message
  from app.decision_messages m
  where m.idea_id = release_decision.idea_id and m.released_at is null and m.withdrawn_at is null
  for update;
  if not found then
    raise exception using errcode = 'IS002', detail = 'idea_id',
      message = 'no_pending_decision';
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
$function$;

-- api.change_idea_state: follow-up dates, implementing municipalities, no move out of duplicate ----------
drop function api.move_idea(text, text, text, text, text, text, text, date);
drop function api.change_idea_state(uuid, text, text, text, text, uuid, text, date);

create function api.change_idea_state(
  idea_id uuid,
  expected_state text,
  to_state text,
  reason text,
  message_to_bearer text default null,
  duplicate_of uuid default null,
  forwarded_to text default null,
  follow_up_on date default null,
  municipalities text[] default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
  v_codes text[];
  v_event_id bigint;
  v_reference text;
  v_is_decision boolean;
begin
  if not private.can_see_idea(change_idea_state.idea_id) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;
  if expected_state is null then
    raise exception using errcode = 'IS002', detail = 'expected_state', message = 'missing';
  end if;
  if to_state = 'duplicate' and duplicate_of is null then
    raise exception using errcode = 'IS002', detail = 'duplicate_of', message = 'missing';
  end if;
  if to_state = 'forwarded' then
    if coalesce(btrim(forwarded_to), '') = '' then
      raise exception using errcode = 'IS002', detail = 'forwarded_to', message = 'missing';
    end if;
    if length(btrim(forwarded_to)) > 200 then
      raise exception using errcode = 'IS002', detail = 'forwarded_to', message = 'too_long';
    end if;
    if follow_up_on is null then
      raise exception using errcode = 'IS002', detail = 'follow_up_on', message = 'missing';
    end if;
    if follow_up_on < v_today then
      raise exception using errcode = 'IS002', detail = 'follow_up_on', message = 'in_the_past';
    end if;
    if follow_up_on > v_today + 730 then
      raise exception using errcode = 'IS002', detail = 'follow_up_on', message = 'too_far_ahead';
    end if;
  end if;
  -- Back from duplicate only by removing the link (api.unlink_duplicate), which tells the bearer.
  if expected_state = 'duplicate' and to_state = 'in_review' then
    raise exception using errcode = 'IS001', message = 'unlink_required',
      detail = jsonb_build_object('current', expected_state)::text;
  end if;
  v_codes := array(
    select distinct btrim(c) from unnest(coalesce(municipalities, '{}'::text[])) c where nullif(btrim(c), '') is not null
  );
  if to_state in ('implemented', 'spread') then
    if cardinality(v_codes) = 0 then
      raise exception using errcode = 'IS002', detail = 'municipalities', message = 'missing';
    end if;
    if exists (select 1 from unnest(v_codes) c where not exists (
      select 1 from app.municipalities m where m.code = c and m.active)) then
      raise exception using errcode = 'IS002', detail = 'municipalities', message = 'unknown_value';
    end if;
    -- Spread: taken up by further municipalities, so at least one that had not implemented it.
    if to_state = 'spread' and not exists (
      select 1 from unnest(v_codes) c where not exists (
        select 1 from app.municipality_interest mi
        where mi.idea_id = change_idea_state.idea_id and mi.municipality_code = c and mi.kind = 'implemented')) then
      raise exception using errcode = 'IS002', detail = 'municipalities', message = 'not_new';
    end if;
  elsif cardinality(v_codes) > 0 then
    raise exception using errcode = 'IS002', detail = 'municipalities', message = 'not_applicable';
  end if;

  v_event_id := private.transition_idea(
    change_idea_state.idea_id, expected_state, to_state, v_reviewer.role, v_reviewer.user_id, reason,
    message_to_bearer
  );

  if to_state = 'duplicate' then
    if duplicate_of = change_idea_state.idea_id or not private.can_see_idea(duplicate_of) then
      raise exception using errcode = 'IS002', detail = 'duplicate_of', message = 'invalid';
    end if;
    insert into app.idea_links (idea_id, linked_idea_id, kind, created_by)
    values (change_idea_state.idea_id, duplicate_of, 'duplicate_of', v_reviewer.user_id);
  elsif to_state = 'forwarded' then
    update app.ideas i
    set forwarded_to = btrim(change_idea_state.forwarded_to), follow_up_on = change_idea_state.follow_up_on
    where i.id = change_idea_state.idea_id;
  elsif to_state in ('implemented', 'spread') then
    insert into app.municipality_interest (idea_id, municipality_code, kind, registered_by)
    select change_idea_state.idea_id, c, 'implemented', v_reviewer.user_id from unnest(v_codes) c
    on conflict on constraint municipality_interest_pkey do nothing;
  end if;

  select i.reference into v_reference from app.ideas i where i.id = change_idea_state.idea_id;
  select s.is_decision into v_is_decision from app.idea_states s where s.state = change_idea_state.to_state;
  return jsonb_build_object('reference', v_reference, 'state', to_state, 'event_id', v_event_id,
    'awaiting_release', v_is_decision);
end;
$$;
comment on function api.change_idea_state(uuid, text, text, text, text, uuid, text, date, text[]) is
  'Moves an idea in the caller''s scope to another state. expected_state is the state the caller saw: if it changed meanwhile the call fails with PT409. Decisions need a message to the bearer and stay internal until released (awaiting_release: true). Forwarding needs forwarded_to and follow_up_on (today to two years ahead); implemented and spread name the implementing municipalities (spread at least one new); duplicate → in_review is refused (IS001 unlink_required: api.unlink_duplicate).';
alter function api.change_idea_state(uuid, text, text, text, text, uuid, text, date, text[]) owner to api_owner;

-- api.move_idea: the same, by reference, with the municipalities --------------------------------------------
-- As 20261202340200 created it but for the new argument.
create function api.move_idea(
  reference text,
  expected_state text,
  to_state text,
  reason text default null,
  message_to_bearer text default null,
  duplicate_of text default null,
  forwarded_to text default null,
  follow_up_on date default null,
  municipalities text[] default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(move_idea.reference);
  v_current text;
  v_reason text := nullif(btrim(move_idea.reason), '');
  v_duplicate_of uuid;
begin
  if nullif(btrim(to_state), '') is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'to_state';
  end if;
  v_current := private.require_expected_state(v_idea_id, expected_state);

  -- Starting the review is an action, not a judgement: it needs no reason of its own.
  if v_reason is null and v_current = 'received' and btrim(to_state) = 'in_review' then
    v_reason := 'Granskningen påbörjades.';
  end if;

  if nullif(btrim(duplicate_of), '') is not null then
    select i.id into v_duplicate_of from app.ideas i where i.reference = upper(btrim(move_idea.duplicate_of));
    if v_duplicate_of is null or not private.can_see_idea(v_duplicate_of) then
      raise exception using errcode = 'IS002', message = 'invalid', detail = 'duplicate_of';
    end if;
  end if;

  return api.change_idea_state(v_idea_id, v_current, btrim(to_state), v_reason, message_to_bearer, v_duplicate_of,
    forwarded_to, follow_up_on, municipalities);
end;
$$;
comment on function api.move_idea(text, text, text, text, text, text, text, date, text[]) is
  'Moves an idea in the caller''s scope, by reference, from expected_state to to_state with a reason (starting the review, received → in_review, has a default one), as api.change_idea_state does; duplicate_of is the other idea''s reference; municipalities (codes) for implemented and spread. Returns {reference, state, event_id, awaiting_release}. Errors: 42501 not_reviewer / coordinator_only / not_allowed {from, to}; IS002 missing (reference, to_state, expected_state, reason, message_to_bearer, duplicate_of, forwarded_to, follow_up_on, municipalities), unknown_state (to_state), invalid (duplicate_of), too_long (forwarded_to), in_the_past / too_far_ahead (follow_up_on), unknown_value / not_new / not_applicable (municipalities); PT404 not_found; PT409 stale_state {current, changed_by, changed_by_kind, changed_at}; IS001 transition_not_allowed {from, to}, unlink_required {current}; IS004 decision_not_released.';
alter function api.move_idea(text, text, text, text, text, text, text, date, text[]) owner to api_owner;

-- api.release_idea_decision -----------------------------------------------------------------------------
-- security definer (this and api.unlink_duplicate): the caller (authenticated) holds no table
-- privileges by design; they run as api_owner under the policies.
create function api.release_idea_decision(reference text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(release_idea_decision.reference);
  v_message text;
  v_result jsonb;
begin
  select dm.body into v_message from app.decision_messages dm
  where dm.idea_id = v_idea_id and dm.released_at is null and dm.withdrawn_at is null;
  v_result := api.release_decision(v_idea_id);
  return v_result || jsonb_build_object(
    'state_label', private.state_label(v_result ->> 'public_state'),
    'message', v_message,
    -- False when gallring has removed the bearer: the status page still shows it.
    'email_queued', private.bearer_recipient(v_idea_id) is not null
  );
end;
$$;
comment on function api.release_idea_decision(text) is
  'Coordinator only: releases the idea''s pending decision, by reference, as api.release_decision does – the status page shows the decision and its message from now on, and the bearer gets the decision_released e-mail. Returns {reference, public_state, state_label, released_at, message, email_queued}. Errors: 42501 not_reviewer / coordinator_only {action: release_decision}; IS002 missing (reference), no_pending_decision (idea_id); PT404 not_found.';
alter function api.release_idea_decision(text) owner to api_owner;

-- api.unlink_duplicate ----------------------------------------------------------------------------------
create function api.unlink_duplicate(
  reference text,
  expected_state text,
  reason text,
  message_to_bearer text default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(unlink_duplicate.reference);
  v_current text;
  v_reason text := nullif(btrim(unlink_duplicate.reason), '');
  v_message text := nullif(btrim(unlink_duplicate.message_to_bearer), '');
  v_decision app.decision_messages;
  v_withdrawn boolean := false;
  v_link app.idea_links;
  v_event_id bigint;
  v_reference text;
begin
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'unlink_duplicate')::text;
  end if;
  v_current := private.require_expected_state(v_idea_id, expected_state);
  if v_current <> 'duplicate' then
    raise exception using errcode = 'IS001', message = 'not_duplicate',
      detail = jsonb_build_object('current', v_current)::text;
  end if;
  if v_reason is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reason';
  end if;
  if length(v_reason) > 2000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'reason';
  end if;
  if length(v_message) > 4000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'message_to_bearer';
  end if;

  -- The duplicate decision: told to the bearer already, or not yet.
  select dm.* into v_decision
  from app.decision_messages dm
  join app.idea_events e on e.id = dm.event_id
  where dm.idea_id = v_idea_id and e.to_state = 'duplicate'
  order by dm.event_id desc
  limit 1;
  if v_decision.event_id is not null and v_decision.released_at is null and v_decision.withdrawn_at is null then
    -- Never told: the decision is withdrawn, and the bearer sees only that the review goes on.
    update app.decision_messages dm set withdrawn_at = now(), withdrawn_by = v_reviewer.user_id
    where dm.event_id = v_decision.event_id;
    v_withdrawn := true;
  elsif v_message is null then
    -- Told it is a duplicate: they must be told it no longer is.
    raise exception using errcode = 'IS002', message = 'missing', detail = 'message_to_bearer';
  end if;

  -- Every active duplicate link goes (there is one; older data could hold more), the row stays.
  with removed as (
    update app.idea_links l set removed_at = now(), removed_by = v_reviewer.user_id
    where l.idea_id = v_idea_id and l.kind = 'duplicate_of' and l.removed_at is null
    returning l.*
  )
  select r.* into v_link from removed r order by r.created_at desc, r.id desc limit 1;

  v_event_id := private.transition_idea(v_idea_id, 'duplicate', 'in_review', 'coordinator', v_reviewer.user_id,
    v_reason, null);

  select i.reference into v_reference from app.ideas i where i.id = v_idea_id;
  if v_message is not null then
    -- Released at once, on the event that returns the idea to review: the status page shows it there.
    insert into app.decision_messages (event_id, idea_id, body) values (v_event_id, v_idea_id, v_message);
    update app.decision_messages dm set released_at = now(), released_by = v_reviewer.user_id
    where dm.event_id = v_event_id;
    insert into app.email_outbox (idea_id, template, recipient, payload)
    select v_idea_id, 'duplicate_unlinked', recipient.email,
      jsonb_build_object('reference', v_reference, 'state_label', private.state_label('in_review'),
        'message', v_message)
    from (select private.bearer_recipient(v_idea_id) as email) recipient
    where recipient.email is not null;
  end if;

  return jsonb_build_object(
    'reference', v_reference,
    'state', 'in_review',
    'event_id', v_event_id,
    'decision_withdrawn', v_withdrawn,
    'bearer_told', v_message is not null,
    'link', case when v_link.id is not null then jsonb_build_object(
      'idea', private.review_summary_of(v_link.linked_idea_id),
      'created_at', v_link.created_at,
      'created_by', (select r.display_name from app.reviewers r where r.user_id = v_link.created_by),
      'removed_at', v_link.removed_at,
      'removed_by', v_reviewer.display_name) end
  );
end;
$$;
comment on function api.unlink_duplicate(text, text, text, text) is
  'Coordinator only: removes the duplicate link of an idea marked as a duplicate and returns it to review, in one transaction. The link keeps removed_at/removed_by (history); a duplicate decision the bearer was told about needs message_to_bearer, released at once with an e-mail (duplicate_unlinked); one they never saw is withdrawn. Returns {reference, state: in_review, event_id, decision_withdrawn, bearer_told, link: {idea, created_at, created_by, removed_at, removed_by}}. Errors: 42501 not_reviewer / coordinator_only {action: unlink_duplicate}; IS002 missing (reference, expected_state, reason, message_to_bearer), too_long (reason, message_to_bearer); PT404 not_found; PT409 stale_state {current, changed_by, changed_by_kind, changed_at}; IS001 not_duplicate {current}.';
alter function api.unlink_duplicate(text, text, text, text) owner to api_owner;

revoke execute on function api.change_idea_state(uuid, text, text, text, text, uuid, text, date, text[]),
  api.move_idea(text, text, text, text, text, text, text, date, text[]),
  api.release_idea_decision(text), api.unlink_duplicate(text, text, text, text)
  from public, anon;
grant execute on function api.change_idea_state(uuid, text, text, text, text, uuid, text, date, text[]),
  api.move_idea(text, text, text, text, text, text, text, date, text[]),
  api.release_idea_decision(text), api.unlink_duplicate(text, text, text, text)
  to authenticated, service_role;
