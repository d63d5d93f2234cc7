-- Why: a person may ask what the sluice holds about them (GDPR Art. 15, within a month, Art. 12(3)),
-- and ask for erasure (Art. 17) or restriction (Art. 18). A coordinator answers (SPEC "Users"; LG-10):
--
-- * api.find_personal_data(email, purpose) finds everything held about one e-mail address in the
--   coordinator's scope: the ideas the address submitted (contact details, consents, the text as
--   they wrote it, the questions and answers, the e-mails sent to them), other ideas that name them
--   among the co-bearers and internal notes that mention them by name (both found by a text search
--   for the names recorded with their ideas, so flagged as possible matches for a person to check),
--   other e-mails to the address, their reviewer account if they have one, earlier decisions about
--   them and the audit events about their requests. Every search and export is audited, with a
--   keyed hash of the address, never the address.
-- * api.record_personal_data_decision(email, decision, reason) records a granted request for the
--   ideas the address has submitted. Restriction takes effect at once: the contact details are
--   hidden from the workspace (private.can_see_bearer) and no e-mail is sent to the person while it
--   holds. Erasure is carried out by the next gallring run (20261202360100) where the law allows:
--   the contact details and the e-mails to the person go; the idea's text, an allmän handling,
--   stays (arkivlagen 10 §: GDPR erasure does not reach data in allmänna handlingar unless a
--   gallringsbeslut allows it – here the rule for contact details).
--
-- The search and the decision are owner-run helpers (the scope comes from the caller's own reviewer
-- row, never from a parameter): they read notes, messages and e-mails across the coordinator's
-- scope, which no reviewer policy opens as a whole; the api functions check the caller and audit.

alter table app.idea_bearers add column restricted_at timestamptz;
comment on column app.idea_bearers.restricted_at is
  'When processing was restricted on the person''s request (GDPR Art. 18): the contact details are hidden from the workspace and no e-mail is sent to them. Null = not restricted.';

-- Restricted contact details are not shown in the workspace ---------------------------------------------
-- As 20261202320000 defined it, plus: not while the bearer's processing is restricted. The policy on
-- app.idea_bearers and api.get_review_idea's bearer_visible both ask this helper.
create or replace function private.can_see_bearer(idea_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from app.ideas i
    join app.reviewers r on r.user_id = (select auth.uid()) and r.active
    where i.id = can_see_bearer.idea_id
      and (r.municipality_code is null or r.municipality_code = i.municipality_code)
  )
  and not exists (
    select 1 from app.idea_bearers b where b.idea_id = can_see_bearer.idea_id and b.restricted_at is not null
  )
$$;
comment on function private.can_see_bearer(uuid) is
  'Whether the caller may read the idea''s bearer (name, e-mail, phone, co-bearers): regional staff and coordinators (no municipality) and the coach of the idea''s own municipality – not a coach who sees the idea only because it is shared regionally (GDPR Art. 5(1)(c)), and nobody while the bearer''s processing is restricted (Art. 18).';

-- No e-mail to a person whose processing is restricted ----------------------------------------------------
-- security definer: the function queuing the e-mail runs as its caller, who may not read the bearer.
create function private.hold_back_email_to_restricted_person()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.idea_id is not null and exists (
    select 1 from app.idea_bearers b
    where b.idea_id = new.idea_id and b.restricted_at is not null and lower(b.email) = lower(new.recipient)
  ) then
    return null;
  end if;
  return new;
end;
$$;
comment on function private.hold_back_email_to_restricted_person() is
  'Before an e-mail is queued: drops it when it goes to the bearer of the idea and their processing is restricted (GDPR Art. 18).';
revoke execute on function private.hold_back_email_to_restricted_person() from public;
create trigger hold_back_email_to_restricted_person before insert on app.email_outbox
  for each row execute function private.hold_back_email_to_restricted_person();

-- private.personal_data_of ----------------------------------------------------------------------------------
-- security definer, owned by the migration role: see the header. Only for an active coordinator; the
-- scope is theirs (a coordinator with a municipality sees that municipality's ideas only).
create function private.personal_data_of(email text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_email text := lower(btrim(personal_data_of.email));
  v_caller app.reviewers := private.current_reviewer();
  v_scope text := v_caller.municipality_code;
  v_idea_ids uuid[];
  v_names text[];
  v_reviewer_id uuid;
begin
  if v_caller.user_id is null or v_caller.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'find_personal_data')::text;
  end if;

  select coalesce(array_agg(b.idea_id), '{}'), coalesce(array_agg(distinct b.name), '{}')
  into v_idea_ids, v_names
  from app.idea_bearers b
  join app.ideas i on i.id = b.idea_id
  where lower(b.email) = v_email and (v_scope is null or i.municipality_code = v_scope);

  select r.user_id into v_reviewer_id
  from auth.users u join app.reviewers r on r.user_id = u.id
  where lower(u.email) = v_email;
  if v_reviewer_id is not null then
    v_names := array(select distinct n from unnest(v_names || (
      select r.display_name from app.reviewers r where r.user_id = v_reviewer_id)) n);
  end if;
  -- Names of three letters or fewer would match almost anything.
  v_names := array(select n from unnest(v_names) n where length(btrim(n)) > 3);

  return jsonb_build_object(
    'email', v_email,
    'generated_at', now(),
    'scope', (select jsonb_build_object('code', m.code, 'name', m.name) from app.municipalities m where m.code = v_scope),
    'names', to_jsonb(v_names),
    'ideas', coalesce((
      select jsonb_agg(jsonb_build_object(
        'reference', i.reference,
        'title', i.title,
        'received_at', i.received_at,
        'state', i.state,
        'state_label', s.label,
        'municipality', jsonb_build_object('code', m.code, 'name', m.name),
        'published', i.published_at is not null,
        'bearer', jsonb_build_object('name', b.name, 'email', b.email, 'phone', b.phone,
          'co_bearers', b.co_bearers, 'locale', b.locale, 'privacy_notice_read_at', b.privacy_notice_read_at,
          'restricted_at', b.restricted_at),
        'consents', jsonb_build_object('contact', i.contact_consent, 'publish', i.publish_consent),
        'original', (
          select jsonb_build_object('title', v.title, 'problem', v.problem, 'proposal', v.proposal,
            'expected_effects', v.expected_effects, 'resources', v.resources, 'workplace', v.workplace,
            'gallrad_at', v.gallrad_at)
          from app.idea_versions v where v.idea_id = i.id and v.version = 1
        ),
        'messages', coalesce((
          select jsonb_agg(jsonb_build_object('direction', x.direction, 'body', x.body, 'created_at', x.created_at)
            order by x.created_at, x.id)
          from app.messages x where x.idea_id = i.id
        ), '[]'::jsonb),
        'emails', coalesce((
          select jsonb_agg(jsonb_build_object('template', o.template, 'status', o.status,
            'created_at', o.created_at, 'sent_at', o.sent_at) order by o.id)
          from app.email_outbox o where o.idea_id = i.id and lower(o.recipient) = v_email
        ), '[]'::jsonb)
      ) order by i.received_at, i.reference)
      from app.idea_bearers b
      join app.ideas i on i.id = b.idea_id
      join app.idea_states s on s.state = i.state
      join app.municipalities m on m.code = i.municipality_code
      where b.idea_id = any (v_idea_ids)
    ), '[]'::jsonb),
    -- Possible matches: other ideas whose co-bearers include one of the names.
    'co_bearer_on', coalesce((
      select jsonb_agg(jsonb_build_object('reference', i.reference, 'title', i.title, 'co_bearers', b.co_bearers,
        'matched_name', n.name, 'possible_match', true) order by i.received_at, i.reference)
      from app.idea_bearers b
      join app.ideas i on i.id = b.idea_id
      cross join lateral (
        select x as name from unnest(v_names) x where strpos(lower(b.co_bearers), lower(x)) > 0 limit 1
      ) n
      where not (b.idea_id = any (v_idea_ids)) and (v_scope is null or i.municipality_code = v_scope)
    ), '[]'::jsonb),
    -- Possible matches: internal notes that mention one of the names.
    'note_mentions', coalesce((
      select jsonb_agg(jsonb_build_object('reference', i.reference, 'created_at', nt.created_at, 'body', nt.body,
        'matched_name', n.name, 'possible_match', true) order by nt.created_at, nt.id)
      from app.internal_notes nt
      join app.ideas i on i.id = nt.idea_id
      cross join lateral (
        select x as name from unnest(v_names) x where strpos(lower(nt.body), lower(x)) > 0 limit 1
      ) n
      where v_scope is null or i.municipality_code = v_scope
    ), '[]'::jsonb),
    -- E-mails to the address that are not about their own ideas (e.g. to a reviewer).
    'other_emails', coalesce((
      select jsonb_agg(jsonb_build_object('template', o.template, 'status', o.status, 'created_at', o.created_at,
        'sent_at', o.sent_at, 'reference', i.reference) order by o.id)
      from app.email_outbox o
      left join app.ideas i on i.id = o.idea_id
      where lower(o.recipient) = v_email
        and (o.idea_id is null or not (o.idea_id = any (v_idea_ids)))
        and (v_scope is null or i.municipality_code = v_scope)
    ), '[]'::jsonb),
    'reviewer', (
      select jsonb_build_object(
        'name', r.display_name, 'role', r.role, 'active', r.active, 'created_at', r.created_at,
        'municipality', (select jsonb_build_object('code', m.code, 'name', m.name)
          from app.municipalities m where m.code = r.municipality_code),
        'activity', jsonb_build_object(
          'events', (select count(*) from app.idea_events e where e.actor_user_id = r.user_id),
          'notes', (select count(*) from app.internal_notes nt where nt.author_id = r.user_id),
          'mentioned_in_notes', (select count(*) from app.note_mentions nm where nm.reviewer_id = r.user_id),
          'messages', (select count(*) from app.messages x where x.author_id = r.user_id),
          'scores', (select count(*) from app.scores sc where sc.reviewer_id = r.user_id),
          'assignments', (select count(*) from app.assignments a where a.reviewer_id = r.user_id)
        ))
      from app.reviewers r where r.user_id = v_reviewer_id
    ),
    'decisions', coalesce((
      select jsonb_agg(jsonb_build_object('id', d.id, 'decision', d.decision, 'reason', d.reason,
        'decided_at', d.decided_at, 'decided_by', rv.display_name, 'carried_out_at', d.carried_out_at,
        'ideas', (select coalesce(jsonb_agg(i.reference order by i.reference), '[]'::jsonb)
          from app.personal_data_decision_ideas di join app.ideas i on i.id = di.idea_id
          where di.decision_id = d.id)
      ) order by d.id)
      from app.personal_data_decisions d
      left join app.reviewers rv on rv.user_id = d.decided_by
      where d.subject_hash = private.person_hash(v_email)
    ), '[]'::jsonb),
    'audit_events', coalesce((
      select jsonb_agg(jsonb_build_object('occurred_at', a.occurred_at, 'action', a.action, 'details', a.details)
        order by a.id)
      from app.audit_events a
      where a.subject_hash = private.person_hash(v_email)
    ), '[]'::jsonb)
  );
end;
$$;
comment on function private.personal_data_of(text) is
  'Everything held about one e-mail address in the calling coordinator''s scope (see the header of 20261202360200); co-bearer and note matches by name are flagged possible_match. Owner-run; executable only by api_owner.';
revoke execute on function private.personal_data_of(text) from public;
grant execute on function private.personal_data_of(text) to api_owner;

-- private.record_personal_data_decision ------------------------------------------------------------------
create function private.record_personal_data_decision(email text, decision text, reason text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_email text := lower(btrim(record_personal_data_decision.email));
  v_caller app.reviewers := private.current_reviewer();
  v_scope text := v_caller.municipality_code;
  v_idea_ids uuid[];
  v_id bigint;
  v_carried_out timestamptz;
begin
  if v_caller.user_id is null or v_caller.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'record_personal_data_decision')::text;
  end if;

  select coalesce(array_agg(b.idea_id order by i.received_at), '{}') into v_idea_ids
  from app.idea_bearers b join app.ideas i on i.id = b.idea_id
  where lower(b.email) = v_email and (v_scope is null or i.municipality_code = v_scope);
  if cardinality(v_idea_ids) = 0 then
    return null;
  end if;

  v_carried_out := case when record_personal_data_decision.decision = 'restriction' then now() end;
  insert into app.personal_data_decisions (subject_hash, decision, reason, decided_by, carried_out_at)
  values (private.person_hash(v_email), record_personal_data_decision.decision, record_personal_data_decision.reason,
    v_caller.user_id, v_carried_out)
  returning id into v_id;
  insert into app.personal_data_decision_ideas (decision_id, idea_id)
  select v_id, x from unnest(v_idea_ids) x;

  if record_personal_data_decision.decision = 'restriction' then
    update app.idea_bearers b set restricted_at = now()
    where b.idea_id = any (v_idea_ids) and b.restricted_at is null;
  end if;

  return jsonb_build_object(
    'id', v_id,
    'decision', record_personal_data_decision.decision,
    'ideas', (select jsonb_agg(i.reference order by i.received_at, i.reference) from app.ideas i where i.id = any (v_idea_ids)),
    'carried_out_at', v_carried_out
  );
end;
$$;
comment on function private.record_personal_data_decision(text, text, text) is
  'Records a coordinator''s decision on a request about the ideas the address submitted (in their scope); restriction takes effect at once, erasure waits for the gallring run. Returns {id, decision, ideas, carried_out_at}, or null when the address has submitted nothing. Owner-run; executable only by api_owner.';
revoke execute on function private.record_personal_data_decision(text, text, text) from public;
grant execute on function private.record_personal_data_decision(text, text, text) to api_owner;

-- The address as the api functions accept it.
create function private.requested_email(email text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_email text := lower(btrim(requested_email.email));
begin
  if coalesce(v_email, '') = '' then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'email';
  end if;
  if length(v_email) > 254 or v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'email';
  end if;
  return v_email;
end;
$$;
comment on function private.requested_email(text) is
  'The e-mail address of a personal-data request, lower-cased and trimmed; IS002 missing or invalid (email).';
revoke execute on function private.requested_email(text) from public;
grant execute on function private.requested_email(text) to api_owner;

-- api.find_personal_data -------------------------------------------------------------------------------------
create function api.find_personal_data(email text, purpose text default 'search')
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('find_personal_data');
  v_email text := private.requested_email(find_personal_data.email);
  v_result jsonb;
begin
  if purpose is null or purpose not in ('search', 'export_json', 'export_html') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'purpose';
  end if;
  v_result := private.personal_data_of(v_email);
  perform private.audit(
    case when purpose = 'search' then 'personal_data_search' else 'personal_data_export' end,
    null, null, null,
    jsonb_build_object('format', case purpose when 'export_json' then 'json' when 'export_html' then 'html' end,
      'ideas', jsonb_array_length(v_result -> 'ideas')),
    private.person_hash(v_email));
  return v_result;
end;
$$;
comment on function api.find_personal_data(text, text) is
  'A coordinator finds everything held about one e-mail address (GDPR Art. 15; LG-10), for purpose search, export_json or export_html, each audited with a keyed hash of the address: {email, generated_at, scope, names, ideas: [{reference, title, received_at, state, state_label, municipality, published, bearer, consents, original, messages, emails}], co_bearer_on, note_mentions (possible matches by name), other_emails, reviewer, decisions, audit_events}. Errors: 42501 not_reviewer / coordinator_only; IS002 missing / invalid (email), unknown_value (purpose).';
alter function api.find_personal_data(text, text) owner to api_owner;
revoke execute on function api.find_personal_data(text, text) from public, anon;
grant execute on function api.find_personal_data(text, text) to authenticated, service_role;

-- api.record_personal_data_decision ------------------------------------------------------------------------
create function api.record_personal_data_decision(email text, decision text, reason text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('record_personal_data_decision');
  v_email text := private.requested_email(record_personal_data_decision.email);
  v_reason text := nullif(btrim(record_personal_data_decision.reason), '');
  v_result jsonb;
begin
  if decision is null or decision not in ('erasure', 'restriction') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'decision';
  end if;
  if v_reason is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reason';
  end if;
  if length(v_reason) > 2000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'reason';
  end if;

  v_result := private.record_personal_data_decision(v_email, decision, v_reason);
  if v_result is null then
    raise exception using errcode = 'PT404', message = 'no_personal_data';
  end if;

  perform private.audit('personal_data_decision', 'bearer_contact', null,
    jsonb_build_object('decision_id', (v_result ->> 'id')::bigint, 'decision', decision),
    jsonb_build_object('ideas', jsonb_array_length(v_result -> 'ideas')),
    private.person_hash(v_email));
  return v_result;
end;
$$;
comment on function api.record_personal_data_decision(text, text, text) is
  'A coordinator records a granted request (decision erasure or restriction, with a reason ≤ 2000 characters) about the ideas an address has submitted; audited. Restriction takes effect at once; erasure of the contact details at the next gallring run, where the rule for contact details is active. Returns {id, decision, ideas: [references], carried_out_at}. Errors: 42501 not_reviewer / coordinator_only; IS002 missing / invalid (email), unknown_value (decision), missing / too_long (reason); PT404 no_personal_data.';
alter function api.record_personal_data_decision(text, text, text) owner to api_owner;
revoke execute on function api.record_personal_data_decision(text, text, text) from public, anon;
grant execute on function api.record_personal_data_decision(text, text, text) to authenticated, service_role;
