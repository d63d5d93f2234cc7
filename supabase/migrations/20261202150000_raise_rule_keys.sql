-- Why: the database raises stable codes and rule keys, never display text (decision 0007). Until now
-- these functions raised Swedish sentences; the English answer looked them up in reverse, and each
-- new refusal of the reviewer workspace would have been written twice. Each function below is the
-- same as before – the same checks in the same order, the same SQLSTATEs – except that `message` is
-- now a rule key (`missing`, `too_long`, `not_found`, `stale_state` …) and `detail` the field (for
-- IS002) or a JSON object with the facts a message needs (`{"current":"in_review"}`,
-- `{"from":"received","to":"accepted"}`). src/domain/*/messages.ts writes the texts.
--
-- private.submitted_text takes `required` instead of two messages; the old signature is dropped
-- once api.submit_idea no longer calls it. api.get_idea_status also returns the rest of what the
-- bearer wrote (who benefits, expected effects, whether it was tried, resources, workplace), so
-- the status page can show all of it.

create or replace function private.refuse_change_to_original_text()
 returns trigger
 language plpgsql
 set search_path to ''
as $function$
begin
  raise exception using
    errcode = 'IS003',
    message = 'original_text_immutable';
end;
$function$;

create or replace function private.refuse_change_to_timeline()
 returns trigger
 language plpgsql
 set search_path to ''
as $function$
begin
  raise exception using
    errcode = 'IS003',
    message = 'history_immutable';
end;
$function$;

create or replace function private.protect_idea_record()
 returns trigger
 language plpgsql
 set search_path to ''
as $function$
begin
  if tg_op = 'INSERT' then
    -- The server sets the time of arrival; whatever the caller sent is ignored.
    new.received_at := now();
    new.state_changed_at := now();
    return new;
  elsif tg_op = 'DELETE' then
    raise exception using
      errcode = 'IS003',
      message = 'idea_cannot_be_deleted';
  elsif new.reference is distinct from old.reference or new.received_at is distinct from old.received_at
    or new.id is distinct from old.id then
    raise exception using
      errcode = 'IS003',
      message = 'reference_immutable';
  end if;
  return new;
end;
$function$;

create or replace function private.transition_idea(idea_id uuid, expected_state text, to_state text, actor_kind text, actor_user_id uuid, reason text, message_to_bearer text default null)
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
    select 1 from app.decision_messages m where m.idea_id = transition_idea.idea_id and m.released_at is null
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

create or replace function private.require_reviewer()
 returns app.reviewers
 language plpgsql
 stable
 set search_path to ''
as $function$
declare
  v_reviewer app.reviewers := private.current_reviewer();
begin
  if v_reviewer.user_id is null then
    raise exception using errcode = '42501',
      message = 'not_reviewer';
  end if;
  return v_reviewer;
end;
$function$;

create or replace function api.get_idea(idea_id uuid)
 returns jsonb
 language plpgsql
 stable security definer
 set search_path to ''
as $function$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_result jsonb;
begin
  if not private.can_see_idea(get_idea.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'not_found';
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
$function$;

create or replace function api.change_idea_state(idea_id uuid, expected_state text, to_state text, reason text, message_to_bearer text default null, duplicate_of uuid default null, forwarded_to text default null, follow_up_on date default null)
 returns jsonb
 language plpgsql
 security definer
 set search_path to ''
as $function$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_event_id bigint;
  v_reference text;
begin
  if not private.can_see_idea(change_idea_state.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'not_found';
  end if;
  if expected_state is null then
    raise exception using errcode = 'IS002', detail = 'expected_state',
      message = 'missing';
  end if;
  if to_state = 'duplicate' and duplicate_of is null then
    raise exception using errcode = 'IS002', detail = 'duplicate_of', message = 'missing';
  end if;
  if to_state = 'forwarded' and coalesce(btrim(forwarded_to), '') = '' then
    raise exception using errcode = 'IS002', detail = 'forwarded_to', message = 'missing';
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
  end if;

  select i.reference into v_reference from app.ideas i where i.id = change_idea_state.idea_id;
  return jsonb_build_object('reference', v_reference, 'state', to_state, 'event_id', v_event_id);
end;
$function$;

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
  where m.idea_id = release_decision.idea_id and m.released_at is null
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

-- The old signature took the two Swedish messages; the new one only whether the field is required.
create function private.submitted_text(submission jsonb, field text, max_length integer, required boolean)
 returns text
 language plpgsql
 immutable
 set search_path to ''
as $function$
declare
  v_value text;
begin
  if submission ? field and jsonb_typeof(submission -> field) not in ('string', 'null') then
    raise exception using errcode = 'IS002', detail = field, message = 'invalid';
  end if;
  v_value := nullif(btrim(submission ->> field), '');
  if v_value is null and required then
    raise exception using errcode = 'IS002', detail = field, message = 'missing';
  end if;
  if length(v_value) > max_length then
    raise exception using errcode = 'IS002', detail = field, message = 'too_long';
  end if;
  return v_value;
end;
$function$;

create or replace function api.submit_idea(idempotency_key uuid, submission jsonb)
 returns jsonb
 language plpgsql
 security definer
 set search_path to ''
as $function$
declare
  v_fingerprint bytea;
  v_claimed integer;
  v_previous app.idempotency_keys;
  v_title text;
  v_problem text;
  v_proposal text;
  v_effects text;
  v_resources text;
  v_workplace text;
  v_municipality text;
  v_area text;
  v_tried text;
  v_beneficiaries text[];
  v_name text;
  v_email text;
  v_phone text;
  v_co_bearers text;
  v_domain text;
  v_hits integer;
  v_idea_id uuid;
  v_reference text;
  v_received_at timestamptz;
  v_token text;
  v_locale text;
begin
  if idempotency_key is null then
    raise exception using errcode = 'IS002', detail = 'idempotency_key',
      message = 'missing';
  end if;
  if submission is null or jsonb_typeof(submission) <> 'object' then
    raise exception using errcode = 'IS002', detail = 'submission', message = 'missing';
  end if;

  -- 1. Validate every field (the zod schema on the server checks the same limits first).
  v_title := private.submitted_text(submission, 'title', 150, true);
  v_problem := private.submitted_text(submission, 'problem', 4000, true);
  v_proposal := private.submitted_text(submission, 'proposal', 4000, true);
  v_effects := coalesce(private.submitted_text(submission, 'expected_effects', 4000, false), '');
  v_resources := coalesce(private.submitted_text(submission, 'resources', 2000, false), '');
  v_workplace := private.submitted_text(submission, 'workplace', 200, false);
  v_municipality := private.submitted_text(submission, 'municipality_code', 4, true);
  v_area := private.submitted_text(submission, 'area_id', 100, true);
  v_tried := coalesce(private.submitted_text(submission, 'tried', 10, false), 'nej');
  v_name := private.submitted_text(submission, 'bearer_name', 150, true);
  v_email := lower(private.submitted_text(submission, 'bearer_email', 254, true));
  v_phone := private.submitted_text(submission, 'bearer_phone', 40, false);
  v_co_bearers := private.submitted_text(submission, 'co_bearers', 500, false);

  if not exists (select 1 from app.municipalities m where m.code = v_municipality and m.active) then
    raise exception using errcode = 'IS002', detail = 'municipality_code', message = 'invalid';
  end if;
  if not exists (select 1 from app.areas a where a.id = v_area and a.active) then
    raise exception using errcode = 'IS002', detail = 'area_id', message = 'invalid';
  end if;
  if v_tried not in ('nej', 'delvis', 'ja') then
    raise exception using errcode = 'IS002', detail = 'tried', message = 'invalid';
  end if;
  if submission ? 'beneficiaries' and jsonb_typeof(submission -> 'beneficiaries') <> 'array' then
    raise exception using errcode = 'IS002', detail = 'beneficiaries', message = 'invalid';
  end if;
  select coalesce(array_agg(distinct b), '{}') into v_beneficiaries
  from jsonb_array_elements_text(coalesce(submission -> 'beneficiaries', '[]'::jsonb)) b;
  if not v_beneficiaries <@ array['invanare', 'brukare_patienter', 'elever', 'medarbetare', 'foretag',
    'andra_kommuner', 'annan'] then
    raise exception using errcode = 'IS002', detail = 'beneficiaries', message = 'invalid';
  end if;
  if v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[a-z]{2,}$' then
    raise exception using errcode = 'IS002', detail = 'bearer_email',
      message = 'invalid';
  end if;
  v_domain := split_part(v_email, '@', 2);
  if not exists (
    select 1 from app.municipalities m, unnest(m.email_domains) d(domain)
    where m.active and (v_domain = d.domain or v_domain like '%.' || d.domain)
  ) then
    raise exception using errcode = 'IS002', detail = 'bearer_email',
      message = 'not_municipal_domain';
  end if;
  if not private.submitted_flag(submission, 'privacy_notice_read') then
    raise exception using errcode = 'IS002', detail = 'privacy_notice_read',
      message = 'missing';
  end if;

  -- The language of the form the idea came from; e-mails to the bearer are written in it.
  v_locale := case when submission ->> 'locale' = 'en' then 'en' else 'sv' end;

  -- 2. Idempotency: claim the key. A concurrent request with the same key waits here until the first
  --    commits, then finds the key taken.
  v_fingerprint := sha256(convert_to(submission::text, 'UTF8'));
  insert into app.idempotency_keys (key, fingerprint) values (submit_idea.idempotency_key, v_fingerprint)
  on conflict (key) do nothing;
  get diagnostics v_claimed = row_count;
  if v_claimed = 0 then
    select k.* into v_previous from app.idempotency_keys k where k.key = submit_idea.idempotency_key;
    if v_previous.fingerprint <> v_fingerprint then
      raise exception using errcode = 'PT422',
        message = 'idempotency_key_reused';
    end if;
    -- Same key, same body: the idea was received already. Answer as the first time, without a new
    -- status link (the link went out in the receipt e-mail).
    return jsonb_build_object('reference', v_previous.reference, 'received_at', v_previous.received_at,
      'status_token', null, 'replayed', true);
  end if;

  -- 3. Throttle per e-mail address and hour.
  insert into app.throttles as t (bucket, window_start, hits)
  values ('submit:' || encode(sha256(convert_to(v_email, 'UTF8')), 'hex'), date_trunc('hour', now()), 1)
  on conflict (bucket, window_start) do update set hits = t.hits + 1
  returning t.hits into v_hits;
  if v_hits > 5 then
    raise exception using errcode = 'PT429',
      message = 'too_many_submissions';
  end if;

  -- 4. The idea, its original text, its bearer, its first event, its status link and its receipt.
  -- No "returning" here: returned rows must also pass the select policy, which the new idea does not
  -- (it is neither published nor yet reachable by a status token). received_at is now() by trigger.
  v_reference := private.allocate_reference();
  v_idea_id := gen_random_uuid();
  v_received_at := now();
  insert into app.ideas (id, reference, municipality_code, area_id, title, problem, proposal, contact_consent,
    publish_consent)
  values (v_idea_id, v_reference, v_municipality, v_area, v_title, v_problem, v_proposal,
    private.submitted_flag(submission, 'contact_consent'), private.submitted_flag(submission, 'publish_consent'));

  insert into app.idea_versions (idea_id, version, title, problem, proposal, beneficiaries, expected_effects, tried,
    resources, workplace)
  values (v_idea_id, 1, v_title, v_problem, v_proposal, v_beneficiaries, v_effects, v_tried, v_resources, v_workplace);

  insert into app.idea_bearers (idea_id, name, email, phone, co_bearers, privacy_notice_read_at, locale)
  values (v_idea_id, v_name, v_email, v_phone, v_co_bearers, now(), v_locale);

  insert into app.idea_events (idea_id, actor_kind, from_state, to_state, reason, visible_to_bearer)
  values (v_idea_id, 'bearer', null, 'received', 'Idén kom in via formuläret.', true);

  update app.idempotency_keys k
  set idea_id = v_idea_id, reference = v_reference, received_at = v_received_at
  where k.key = submit_idea.idempotency_key;

  -- 244 random bits from two version-4 UUIDs (core PostgreSQL, no extension needed), base64url.
  v_token := rtrim(translate(encode(decode(
    replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'),
    '+/', '-_'), '=');
  insert into app.status_tokens (token_hash, idea_id) values (sha256(convert_to(v_token, 'UTF8')), v_idea_id);

  insert into app.email_outbox (idea_id, template, recipient, payload)
  values (v_idea_id, 'submission_receipt', v_email,
    jsonb_build_object('reference', v_reference, 'title', v_title, 'received_at', v_received_at,
      'status_token', v_token));

  return jsonb_build_object('reference', v_reference, 'received_at', v_received_at, 'status_token', v_token,
    'replayed', false);
end;
$function$;

create or replace function api.get_idea_status(token text)
 returns jsonb
 language plpgsql
 security definer
 set search_path to ''
as $function$
declare
  v_idea_id uuid;
  v_result jsonb;
begin
  perform private.present_status_token(token);
  v_idea_id := private.status_token_idea();
  if v_idea_id is null then
    raise exception using errcode = 'PT404',
      message = 'not_found';
  end if;

  select jsonb_build_object(
    'reference', i.reference,
    'title', i.title,
    'received_at', i.received_at,
    'state', i.public_state,
    'state_label', s.label,
    'municipality_name', m.name,
    'area_name', a.name,
    'problem', i.problem,
    'proposal', i.proposal,
    'beneficiaries', to_jsonb(v.beneficiaries),
    'expected_effects', v.expected_effects,
    'tried', v.tried,
    'resources', v.resources,
    'workplace', v.workplace,
    'timeline', coalesce((
      select jsonb_agg(jsonb_build_object(
        'occurred_at', coalesce(dm.released_at, e.occurred_at), 'state', e.to_state,
        'state_label', private.state_label(e.to_state), 'message', dm.body
      ) order by coalesce(dm.released_at, e.occurred_at), e.id)
      from app.idea_events e
      left join app.decision_messages dm on dm.event_id = e.id
      where e.idea_id = i.id and (e.visible_to_bearer or dm.released_at is not null)
    ), '[]'::jsonb),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object('direction', msg.direction, 'body', msg.body, 'created_at', msg.created_at)
        order by msg.created_at, msg.id)
      from app.messages msg where msg.idea_id = i.id
    ), '[]'::jsonb)
  )
  into v_result
  from app.ideas i
  join app.idea_states s on s.state = i.public_state
  join app.municipalities m on m.code = i.municipality_code
  join app.areas a on a.id = i.area_id
  -- Everything else the bearer wrote, from the current version of the text.
  cross join lateral (
    select iv.* from app.idea_versions iv where iv.idea_id = i.id order by iv.version desc limit 1
  ) v
  where i.id = v_idea_id;

  return v_result;
end;
$function$;

create or replace function api.reply_as_bearer(token text, body text)
 returns jsonb
 language plpgsql
 security definer
 set search_path to ''
as $function$
declare
  v_idea_id uuid;
  v_body text := nullif(btrim(reply_as_bearer.body), '');
  v_state text;
begin
  perform private.present_status_token(token);
  v_idea_id := private.status_token_idea();
  if v_idea_id is null then
    raise exception using errcode = 'PT404',
      message = 'not_found';
  end if;
  if v_body is null then
    raise exception using errcode = 'IS002', detail = 'body', message = 'missing';
  end if;
  if length(v_body) > 4000 then
    raise exception using errcode = 'IS002', detail = 'body', message = 'too_long';
  end if;

  insert into app.messages (idea_id, direction, body) values (v_idea_id, 'from_bearer', v_body);

  select i.state into v_state from app.ideas i where i.id = v_idea_id;
  if v_state = 'needs_info' then
    perform private.transition_idea(v_idea_id, 'needs_info', 'in_review', 'bearer', null,
      'Idébäraren svarade på frågan.', null);
  end if;

  select i.public_state into v_state from app.ideas i where i.id = v_idea_id;
  return jsonb_build_object('state', v_state, 'state_label', private.state_label(v_state));
end;
$function$;

create or replace function api.ask_bearer(idea_id uuid, expected_state text, question text)
 returns jsonb
 language plpgsql
 security definer
 set search_path to ''
as $function$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_question text := nullif(btrim(ask_bearer.question), '');
  v_current text;
  v_reference text;
begin
  if not private.can_see_idea(ask_bearer.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'not_found';
  end if;
  if v_question is null then
    raise exception using errcode = 'IS002', detail = 'question', message = 'missing';
  end if;
  if length(v_question) > 4000 then
    raise exception using errcode = 'IS002', detail = 'question', message = 'too_long';
  end if;

  select i.state, i.reference into v_current, v_reference from app.ideas i where i.id = ask_bearer.idea_id for update;
  if v_current is distinct from expected_state then
    raise exception using errcode = 'PT409', message = 'stale_state',
      detail = jsonb_build_object('current', v_current)::text;
  end if;
  if v_current = 'in_review' then
    perform private.transition_idea(ask_bearer.idea_id, 'in_review', 'needs_info', v_reviewer.role,
      v_reviewer.user_id, 'Granskaren ställde en fråga till idébäraren.', null);
  elsif v_current <> 'needs_info' then
    raise exception using errcode = 'IS001', message = 'questions_only_in_review',
      detail = jsonb_build_object('current', v_current)::text;
  end if;

  insert into app.messages (idea_id, direction, author_id, body)
  values (ask_bearer.idea_id, 'to_bearer', v_reviewer.user_id, v_question);

  insert into app.email_outbox (idea_id, template, recipient, payload)
  select ask_bearer.idea_id, 'question_to_bearer', b.email, jsonb_build_object('reference', v_reference)
  from app.idea_bearers b where b.idea_id = ask_bearer.idea_id;

  return jsonb_build_object('reference', v_reference, 'state', 'needs_info');
end;
$function$;

create or replace function api.publish_idea(idea_id uuid, public_summary text)
 returns jsonb
 language plpgsql
 security definer
 set search_path to ''
as $function$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_summary text := nullif(btrim(publish_idea.public_summary), '');
  v_idea app.ideas;
begin
  if not private.can_see_idea(publish_idea.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'not_found';
  end if;
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'publish_idea')::text;
  end if;

  select i.* into v_idea from app.ideas i where i.id = publish_idea.idea_id for update;
  if not v_idea.publish_consent then
    raise exception using errcode = 'IS002', detail = 'publish_consent',
      message = 'not_given';
  end if;
  if v_summary is null then
    raise exception using errcode = 'IS002', detail = 'public_summary', message = 'missing';
  end if;
  if length(v_summary) > 2000 then
    raise exception using errcode = 'IS002', detail = 'public_summary',
      message = 'too_long';
  end if;

  update app.ideas i
  set public_summary = v_summary, published_at = coalesce(i.published_at, now())
  where i.id = publish_idea.idea_id;

  return jsonb_build_object('reference', v_idea.reference, 'published_at', coalesce(v_idea.published_at, now()));
end;
$function$;

create or replace function api.claim_outbox_emails(batch_size integer default 20, lease_seconds integer default 120)
 returns TABLE(id bigint, template text, recipient text, payload jsonb, attempts integer)
 language plpgsql
 security definer
 set search_path to ''
as $function$
begin
  if batch_size is null or batch_size not between 1 and 100 then
    raise exception using errcode = '22023', detail = 'batch_size', message = 'out_of_range';
  end if;
  if lease_seconds is null or lease_seconds not between 10 and 900 then
    raise exception using errcode = '22023', detail = 'lease_seconds', message = 'out_of_range';
  end if;

  return query
  with claimable as (
    select o.id
    from app.email_outbox o
    where o.status = 'pending'
      and o.send_after <= now()
      and (o.locked_until is null or o.locked_until <= now())
    order by o.send_after, o.id
    limit batch_size
    for update skip locked
  )
  update app.email_outbox o
  set locked_until = now() + make_interval(secs => lease_seconds), attempts = o.attempts + 1
  from claimable c
  where o.id = c.id
  returning o.id, o.template, o.recipient, o.payload, o.attempts;
end;
$function$;

comment on function private.submitted_text(jsonb, text, integer, boolean) is
  'One trimmed text field of a submission; raises IS002 with rule missing, invalid or too_long and the field as detail.';
revoke execute on function private.submitted_text(jsonb, text, integer, boolean) from public;
grant execute on function private.submitted_text(jsonb, text, integer, boolean) to api_owner;
drop function private.submitted_text(jsonb, text, integer, text, text);

comment on function api.get_idea_status(text) is
  'The bearer''s status page: the idea''s public state, the steps and released decisions, the messages and everything the bearer wrote; never reviewers'' names or internal reasons.';
