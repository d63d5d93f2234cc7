-- Why: the functions the public site and the idea bearer need, and the only ones anon may execute
-- (the allow-list in docs/data-model.md): submitting an idea, following it and answering questions
-- through the private status link, the idea bank and the public statistics. None of them returns
-- personal data or an unpublished idea to anyone but the holder of that idea's status token.
--
-- security definer (all five): anon holds no table privileges by design; the functions run as
-- api_owner under row-level security, where the status token, once presented, opens exactly one idea.
-- private.get_public_statistics is the exception that runs as the migration role: it must count every
-- idea, which no api_owner policy allows, and returns counts only.

-- Input checks --------------------------------------------------------------------------------------
create function private.submitted_text(
  submission jsonb,
  field text,
  max_length integer,
  missing_message text,
  too_long_message text
)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_value text;
begin
  if submission ? field and jsonb_typeof(submission -> field) not in ('string', 'null') then
    raise exception using errcode = 'IS002', detail = field, message = coalesce(missing_message, too_long_message);
  end if;
  v_value := nullif(btrim(submission ->> field), '');
  if v_value is null and missing_message is not null then
    raise exception using errcode = 'IS002', detail = field, message = missing_message;
  end if;
  if length(v_value) > max_length then
    raise exception using errcode = 'IS002', detail = field, message = too_long_message;
  end if;
  return v_value;
end;
$$;
comment on function private.submitted_text(jsonb, text, integer, text, text) is
  'One trimmed text field of a submission; raises IS002 with the Swedish message and the field name as detail when it is missing (if required) or too long.';

create function private.submitted_flag(submission jsonb, field text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(case when jsonb_typeof(submission -> field) = 'boolean' then (submission ->> field)::boolean end, false)
$$;
comment on function private.submitted_flag(jsonb, text) is 'A yes/no field of a submission; anything but JSON true is no.';

create function private.status_token_idea()
returns uuid
language sql
stable
set search_path = ''
as $$
  select t.idea_id from app.status_tokens t
  where t.token_hash = private.presented_token_hash() and t.revoked_at is null
$$;
comment on function private.status_token_idea() is
  'The idea whose status token was presented in this call (the policy on app.status_tokens shows only that row), or null.';

revoke execute on function private.submitted_text(jsonb, text, integer, text, text),
  private.submitted_flag(jsonb, text), private.status_token_idea()
  from public;
grant execute on function private.submitted_text(jsonb, text, integer, text, text),
  private.submitted_flag(jsonb, text), private.status_token_idea()
  to api_owner;

-- api.submit_idea -----------------------------------------------------------------------------------
create function api.submit_idea(idempotency_key uuid, submission jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
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
begin
  if idempotency_key is null then
    raise exception using errcode = 'IS002', detail = 'idempotency_key',
      message = 'Inskickningen saknar sin nyckel. Ladda om formuläret och skicka igen.';
  end if;
  if submission is null or jsonb_typeof(submission) <> 'object' then
    raise exception using errcode = 'IS002', detail = 'submission', message = 'Formuläret kom inte fram. Skicka igen.';
  end if;

  -- 1. Validate every field (the zod schema on the server checks the same limits first).
  v_title := private.submitted_text(submission, 'title', 150, 'Skriv en rubrik.', 'Rubriken får vara högst 150 tecken.');
  v_problem := private.submitted_text(submission, 'problem', 4000, 'Beskriv problemet eller behovet.',
    'Beskrivningen av problemet får vara högst 4000 tecken.');
  v_proposal := private.submitted_text(submission, 'proposal', 4000, 'Beskriv idén.',
    'Beskrivningen av idén får vara högst 4000 tecken.');
  v_effects := coalesce(private.submitted_text(submission, 'expected_effects', 4000, null,
    'Beskrivningen av effekterna får vara högst 4000 tecken.'), '');
  v_resources := coalesce(private.submitted_text(submission, 'resources', 2000, null,
    'Beskrivningen av resurser får vara högst 2000 tecken.'), '');
  v_workplace := private.submitted_text(submission, 'workplace', 200, null, 'Arbetsplatsen får vara högst 200 tecken.');
  v_municipality := private.submitted_text(submission, 'municipality_code', 4, 'Välj kommun.', 'Välj kommun.');
  v_area := private.submitted_text(submission, 'area_id', 100, 'Välj verksamhetsområde.', 'Välj verksamhetsområde.');
  v_tried := coalesce(private.submitted_text(submission, 'tried', 10, null, 'Välj om idén har prövats.'), 'nej');
  v_name := private.submitted_text(submission, 'bearer_name', 150, 'Skriv ditt namn.', 'Namnet får vara högst 150 tecken.');
  v_email := lower(private.submitted_text(submission, 'bearer_email', 254,
    'Skriv din e-postadress i jobbet, till exempel namn@skovde.se.', 'E-postadressen får vara högst 254 tecken.'));
  v_phone := private.submitted_text(submission, 'bearer_phone', 40, null, 'Telefonnumret får vara högst 40 tecken.');
  v_co_bearers := private.submitted_text(submission, 'co_bearers', 500, null,
    'Namnen på medidébärarna får vara högst 500 tecken.');

  if not exists (select 1 from app.municipalities m where m.code = v_municipality and m.active) then
    raise exception using errcode = 'IS002', detail = 'municipality_code', message = 'Välj kommun.';
  end if;
  if not exists (select 1 from app.areas a where a.id = v_area and a.active) then
    raise exception using errcode = 'IS002', detail = 'area_id', message = 'Välj verksamhetsområde.';
  end if;
  if v_tried not in ('nej', 'delvis', 'ja') then
    raise exception using errcode = 'IS002', detail = 'tried', message = 'Välj om idén har prövats.';
  end if;
  if submission ? 'beneficiaries' and jsonb_typeof(submission -> 'beneficiaries') <> 'array' then
    raise exception using errcode = 'IS002', detail = 'beneficiaries', message = 'Välj vilka som har nytta av idén.';
  end if;
  select coalesce(array_agg(distinct b), '{}') into v_beneficiaries
  from jsonb_array_elements_text(coalesce(submission -> 'beneficiaries', '[]'::jsonb)) b;
  if not v_beneficiaries <@ array['invanare', 'brukare_patienter', 'elever', 'medarbetare', 'foretag',
    'andra_kommuner', 'annan'] then
    raise exception using errcode = 'IS002', detail = 'beneficiaries', message = 'Välj vilka som har nytta av idén.';
  end if;
  if v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[a-z]{2,}$' then
    raise exception using errcode = 'IS002', detail = 'bearer_email',
      message = 'Skriv din e-postadress i jobbet, till exempel namn@skovde.se.';
  end if;
  v_domain := split_part(v_email, '@', 2);
  if not exists (
    select 1 from app.municipalities m, unnest(m.email_domains) d(domain)
    where m.active and (v_domain = d.domain or v_domain like '%.' || d.domain)
  ) then
    raise exception using errcode = 'IS002', detail = 'bearer_email',
      message = 'Använd din e-postadress i jobbet i någon av kommunerna, till exempel namn@skovde.se.';
  end if;
  if not private.submitted_flag(submission, 'privacy_notice_read') then
    raise exception using errcode = 'IS002', detail = 'privacy_notice_read',
      message = 'Bekräfta att du har läst hur vi behandlar dina personuppgifter.';
  end if;

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
        message = 'Den här inskickningen har redan använts för en annan idé. Ladda om formuläret och skicka igen.';
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
      message = 'Du har skickat många idéer på kort tid. Vänta en stund och försök sedan igen.';
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

  insert into app.idea_bearers (idea_id, name, email, phone, co_bearers, privacy_notice_read_at)
  values (v_idea_id, v_name, v_email, v_phone, v_co_bearers, now());

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
$$;
comment on function api.submit_idea(uuid, jsonb) is
  'Receives an idea in one transaction: validates, claims the idempotency key, throttles per e-mail, allocates the reference, stores idea, original text, bearer, event, hashed status token and receipt e-mail. Returns the status token once.';
alter function api.submit_idea(uuid, jsonb) owner to api_owner;

-- api.get_idea_status -------------------------------------------------------------------------------
create function api.get_idea_status(token text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_idea_id uuid;
  v_result jsonb;
begin
  perform private.present_status_token(token);
  v_idea_id := private.status_token_idea();
  if v_idea_id is null then
    raise exception using errcode = 'PT404',
      message = 'Vi hittar ingen idé för den här länken. Kontrollera att du har kopierat hela länken.';
  end if;

  select jsonb_build_object(
    'reference', i.reference,
    'title', i.title,
    'received_at', i.received_at,
    'state', i.public_state,
    'state_label', s.label,
    'municipality_name', m.name,
    'area_name', a.name,
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
  where i.id = v_idea_id;

  return v_result;
end;
$$;
comment on function api.get_idea_status(text) is
  'The bearer''s status page: the idea''s public state, the steps and released decisions, and the messages; never reviewers'' names or internal reasons.';
alter function api.get_idea_status(text) owner to api_owner;

-- api.reply_as_bearer -------------------------------------------------------------------------------
create function api.reply_as_bearer(token text, body text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_idea_id uuid;
  v_body text := nullif(btrim(reply_as_bearer.body), '');
  v_state text;
begin
  perform private.present_status_token(token);
  v_idea_id := private.status_token_idea();
  if v_idea_id is null then
    raise exception using errcode = 'PT404',
      message = 'Vi hittar ingen idé för den här länken. Kontrollera att du har kopierat hela länken.';
  end if;
  if v_body is null then
    raise exception using errcode = 'IS002', detail = 'body', message = 'Skriv ditt svar.';
  end if;
  if length(v_body) > 4000 then
    raise exception using errcode = 'IS002', detail = 'body', message = 'Svaret får vara högst 4000 tecken.';
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
$$;
comment on function api.reply_as_bearer(text, text) is
  'The bearer answers through the status link; an idea waiting for more information goes back to review.';
alter function api.reply_as_bearer(text, text) owner to api_owner;

-- api.list_published_ideas --------------------------------------------------------------------------
create function api.list_published_ideas()
returns table (
  reference text,
  title text,
  summary text,
  area_id text,
  area_name text,
  municipality_code text,
  municipality_name text,
  state text,
  state_label text,
  published_at timestamptz,
  implemented_in jsonb,
  joined_by jsonb
)
language sql
stable
security definer
set search_path = ''
as $$
  select i.reference, i.title, i.public_summary, a.id, a.name, m.code, m.name, i.public_state, s.label,
    i.published_at,
    coalesce((
      select jsonb_agg(jsonb_build_object('code', im.code, 'name', im.name) order by im.name)
      from app.municipality_interest mi
      join app.municipalities im on im.code = mi.municipality_code
      where mi.idea_id = i.id and mi.kind = 'implemented'
    ), '[]'::jsonb),
    coalesce((
      select jsonb_agg(distinct jsonb_build_object('code', jm.code, 'name', jm.name))
      from app.municipality_interest mi
      join app.municipalities jm on jm.code = mi.municipality_code
      where mi.idea_id = i.id and mi.kind in ('join', 'co_fund')
    ), '[]'::jsonb)
  from app.ideas i
  join app.areas a on a.id = i.area_id
  join app.municipalities m on m.code = i.municipality_code
  join app.idea_states s on s.state = i.public_state
  where i.published_at is not null
  order by i.published_at desc, i.reference
$$;
comment on function api.list_published_ideas() is
  'The idea bank: published ideas with their public summary, the municipalities that have implemented them and those that want to join or co-fund. No personal data.';
alter function api.list_published_ideas() owner to api_owner;

-- api.get_public_statistics -------------------------------------------------------------------------
create function private.get_public_statistics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'ideas_total', (select count(*) from app.ideas),
    'per_municipality', (
      select coalesce(jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name, 'count', n) order by m.name), '[]')
      from (select m.code, m.name, (select count(*) from app.ideas i where i.municipality_code = m.code) n
            from app.municipalities m where m.active) m
    ),
    'per_state', (
      select coalesce(jsonb_agg(jsonb_build_object('state', s.state, 'label', s.label, 'count', n) order by s.sort_order), '[]')
      from (select s.state, s.label, s.sort_order, (select count(*) from app.ideas i where i.public_state = s.state) n
            from app.idea_states s) s
    ),
    'per_area', (
      select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'count', n) order by a.sort_order), '[]')
      from (select a.id, a.name, a.sort_order, (select count(*) from app.ideas i where i.area_id = a.id) n
            from app.areas a where a.active) a
    ),
    'median_days_to_first_assessment', (
      select round((percentile_cont(0.5) within group (order by days))::numeric, 1)
      from (
        select extract(epoch from (min(e.occurred_at) - i.received_at)) / 86400 as days
        from app.ideas i
        join app.idea_events e on e.idea_id = i.id and e.to_state = 'assessed'
        group by i.id, i.received_at
      ) first_assessments
    )
  )
$$;
comment on function private.get_public_statistics() is
  'Counts over every idea for the public statistics page. security definer: it must count ideas that no public policy lets api_owner read; it returns counts only, and states as the public sees them (public_state).';
revoke execute on function private.get_public_statistics() from public;
grant execute on function private.get_public_statistics() to api_owner;

create function api.get_public_statistics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select private.get_public_statistics()
$$;
comment on function api.get_public_statistics() is
  'Public statistics: ideas per municipality, per state (as the public sees it) and per area, and the median days from arrival to first assessment.';
alter function api.get_public_statistics() owner to api_owner;

revoke execute on function api.submit_idea(uuid, jsonb), api.get_idea_status(text), api.reply_as_bearer(text, text),
  api.list_published_ideas(), api.get_public_statistics()
  from public;
grant execute on function api.submit_idea(uuid, jsonb), api.get_idea_status(text), api.reply_as_bearer(text, text),
  api.list_published_ideas(), api.get_public_statistics()
  to anon, service_role;
grant execute on function api.list_published_ideas(), api.get_public_statistics() to authenticated;
