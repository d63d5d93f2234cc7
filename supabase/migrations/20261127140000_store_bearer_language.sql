-- Why: a person who used the English form should get their e-mails in English. The form's language
-- arrives as `locale` in the submission; it is stored with the bearer (it is about the person, and
-- goes with their other data at gallring), and every e-mail queued for the idea carries it in its
-- payload, so the sender writes receipts, questions and decisions in that language.

alter table app.idea_bearers add column locale text not null default 'sv' check (locale in ('sv', 'en'));
comment on column app.idea_bearers.locale is
  'The language of the form the bearer used (sv or en); e-mails to them are written in it.';

-- api.submit_idea, now storing the bearer's language --------------------------------------------
-- Unchanged but for v_locale: the same checks and messages, in the same order.
create or replace function api.submit_idea(idempotency_key uuid, submission jsonb)
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
  v_locale text;
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
$$;

-- The bearer's language on every e-mail to them ---------------------------------------------------
-- security definer: the outbox row is written by api_owner in the caller's transaction, and the
-- caller (a visitor submitting, a reviewer asking) may not read the bearer's row under row-level
-- security. The function reads one column of the one bearer the e-mail is about.
create function private.add_bearer_locale_to_email()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.payload := new.payload || jsonb_build_object('locale', coalesce(
    (select b.locale from app.idea_bearers b where b.idea_id = new.idea_id), 'sv'));
  return new;
end;
$$;
comment on function private.add_bearer_locale_to_email() is
  'Before an e-mail is queued: adds the bearer''s language (sv or en) to its payload.';
revoke execute on function private.add_bearer_locale_to_email() from public;

create trigger add_bearer_locale before insert on app.email_outbox
  for each row execute function private.add_bearer_locale_to_email();
