-- Why: the municipalities must be able to show what the sluice did with personal data and under
-- which rule (GDPR Art. 5(2) accountability, Art. 30; AS-25; LG-10, LG-11, LG-15). Every removal
-- by the gallring job, every personal-data request and export, every dead e-mail sent again and
-- every change to a retention rule writes one row here. The admin screens to come (reviewers,
-- criteria, municipalities) will record their changes in the same table through the same helper,
-- so it is named for what it is – the audit trail – not for gallring.
--
-- What a row may hold: who (a reviewer's user id and role, or `system` for the scheduled jobs),
-- when, what (an action key), the data category, the idea's reference, the rule applied and a few
-- facts (counts, a format, the old and new period). Never the removed content, and never an
-- e-mail address in clear: when a request must be tied to a person, the row holds a keyed hash
-- (HMAC-SHA-256 with a key only the database's owner can read), so a later request about the same
-- address can be found without the trail itself naming anyone.
--
-- The trail is append-only for every role, the table's owner included (a trigger), like the idea
-- timeline. The one exception is gallring of the trail itself under its own retention rule
-- (20261202360100): only inside the gallring function, which sets a transaction-local flag.

-- The key for hashing e-mail addresses ------------------------------------------------------------
create table app.hash_keys (
  purpose text primary key check (purpose ~ '^[a-z][a-z_]*$'),
  key bytea not null check (length(key) = 32),
  created_at timestamptz not null default now()
);
comment on table app.hash_keys is
  'Secret keys for keyed hashes (HMAC-SHA-256), one per purpose, made by the migration. No grant and no policy: only owner-run helpers read them, so the hashes in the audit trail cannot be reversed by guessing addresses through the api.';
alter table app.hash_keys enable row level security;

insert into app.hash_keys (purpose, key) values ('person', extensions.gen_random_bytes(32))
on conflict (purpose) do nothing;

-- security definer, owned by the migration role: it reads the key, which no other role may.
create function private.person_hash(email text)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select encode(extensions.hmac(convert_to(lower(btrim(coalesce(person_hash.email, ''))), 'UTF8'), k.key, 'sha256'), 'hex')
  from app.hash_keys k
  where k.purpose = 'person'
$$;
comment on function private.person_hash(text) is
  'A keyed hash (HMAC-SHA-256, hex) of a lower-cased, trimmed e-mail address: ties audit rows and personal-data decisions to a person without storing the address.';
revoke execute on function private.person_hash(text) from public;
grant execute on function private.person_hash(text) to api_owner;

-- The audit trail -----------------------------------------------------------------------------------
create table app.audit_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('reviewer', 'coordinator', 'system')),
  actor_user_id uuid,
  action text not null check (action ~ '^[a-z][a-z_]*$' and length(action) <= 60),
  category text check (category ~ '^[a-z][a-z_]*$' and length(category) <= 60),
  idea_reference text check (idea_reference ~ '^IS-[0-9]{4}-[0-9]{4,}$'),
  subject_hash text check (subject_hash ~ '^[0-9a-f]{64}$'),
  rule jsonb check (rule is null or jsonb_typeof(rule) = 'object'),
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
  check ((actor_kind = 'system') = (actor_user_id is null))
);
comment on table app.audit_events is
  'Append-only audit trail: who did what, when, to which category and idea, under which rule. Never removed content or an e-mail address in clear. Only private.audit writes it; a trigger refuses update and delete (gallring of the trail itself excepted).';
comment on column app.audit_events.actor_kind is 'reviewer or coordinator (a person, actor_user_id set) or system (a scheduled job with the secret key).';
comment on column app.audit_events.actor_user_id is
  'The reviewer''s Auth user id. No foreign key on purpose: the trail outlives the account.';
comment on column app.audit_events.action is
  'What happened, as a stable key: gallring, personal_data_search, personal_data_export, personal_data_decision, email_retry, retention_rule_changed …';
comment on column app.audit_events.category is 'The data category concerned (a retention category for gallring, e.g. bearer_contact).';
comment on column app.audit_events.idea_reference is 'The idea concerned, by its reference (which never changes and is never gallrad).';
comment on column app.audit_events.subject_hash is
  'private.person_hash of the e-mail address the action concerned (personal-data requests), never the address itself.';
comment on column app.audit_events.rule is
  'The rule applied, as it stood: {category, keep_for, after} of a retention rule, or {decision_id, decision} of a personal-data decision.';
comment on column app.audit_events.details is 'Facts about the action: counts, formats, old and new values of a setting. Never content.';
create index audit_events_occurred_at_idx on app.audit_events (occurred_at);
create index audit_events_action_idx on app.audit_events (action, id);
create index audit_events_idea_reference_idx on app.audit_events (idea_reference, id) where idea_reference is not null;
create index audit_events_subject_hash_idx on app.audit_events (subject_hash) where subject_hash is not null;
alter table app.audit_events enable row level security;

create function private.keep_audit_trail()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- The gallring function (private.carry_out_gallring) removes audit rows past their retention date,
  -- and sets this flag for the statement that does it; nothing else ever does.
  if tg_op = 'DELETE' and current_setting('app.gallring', true) = 'audit_events' then
    return old;
  end if;
  raise exception using errcode = 'IS003', message = 'history_immutable';
end;
$$;
comment on function private.keep_audit_trail() is
  'Refuses update, delete and truncate on app.audit_events for every role; only the gallring function may delete rows past their retention date.';
revoke execute on function private.keep_audit_trail() from public;
create trigger audit_events_are_append_only
  before update or delete on app.audit_events
  for each row execute function private.keep_audit_trail();
create trigger audit_events_cannot_be_truncated
  before truncate on app.audit_events
  for each statement execute function private.keep_audit_trail();

-- private.audit: the one way to write the trail ----------------------------------------------------
-- security definer, owned by the migration role: the caller cannot choose who they are; the
-- function reads the actor from the verified JWT (an active reviewer, or the server with the secret
-- key, which is `system`). Anyone else is refused.
create function private.audit(
  action text,
  category text default null,
  idea_reference text default null,
  rule jsonb default null,
  details jsonb default '{}',
  subject_hash text default null,
  occurred_at timestamptz default null
)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.current_reviewer();
  v_id bigint;
begin
  if v_reviewer.user_id is null and not private.is_server_with_secret_key() then
    raise exception using errcode = '42501', message = 'not_reviewer';
  end if;
  -- A run "as of" a later time (the gallring job's now_at) is stamped with that time; nothing is
  -- ever stamped earlier than now.
  insert into app.audit_events (occurred_at, actor_kind, actor_user_id, action, category, idea_reference,
    subject_hash, rule, details)
  values (greatest(coalesce(audit.occurred_at, now()), now()),
    coalesce(v_reviewer.role, 'system'), v_reviewer.user_id, audit.action, audit.category, audit.idea_reference,
    audit.subject_hash, audit.rule, coalesce(audit.details, '{}'))
  returning id into v_id;
  return v_id;
end;
$$;
comment on function private.audit(text, text, text, jsonb, jsonb, text, timestamptz) is
  'Writes one audit event for the caller (an active reviewer, or system for the secret key; anyone else 42501 not_reviewer): action, category, idea reference, rule, facts, and a keyed hash of a person. Returns its id.';
revoke execute on function private.audit(text, text, text, jsonb, jsonb, text, timestamptz) from public;
grant execute on function private.audit(text, text, text, jsonb, jsonb, text, timestamptz) to api_owner;

-- private.require_coordinator ---------------------------------------------------------------------
create function private.require_coordinator(action text)
returns app.reviewers
language plpgsql
stable
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
begin
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', require_coordinator.action)::text;
  end if;
  return v_reviewer;
end;
$$;
comment on function private.require_coordinator(text) is
  'The caller''s active coordinator row; raises 42501 not_reviewer (no active reviewer) or coordinator_only {action}.';
revoke execute on function private.require_coordinator(text) from public;
grant execute on function private.require_coordinator(text) to api_owner;

grant select on app.audit_events to api_owner;
create policy "coordinators read the audit trail" on app.audit_events
  for select to api_owner
  using ((select private.is_coordinator()));

-- api.list_audit_events -----------------------------------------------------------------------------
create function api.list_audit_events(
  action text default null,
  idea_reference text default null,
  before_id bigint default null,
  page_size integer default 50
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('list_audit_events');
  v_action text := nullif(btrim(list_audit_events.action), '');
  v_reference text := nullif(upper(btrim(list_audit_events.idea_reference)), '');
  v_items jsonb;
begin
  if page_size is null or page_size not between 1 and 200 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'page_size';
  end if;

  select coalesce(jsonb_agg(jsonb_build_object(
      'id', e.id, 'occurred_at', e.occurred_at, 'actor_kind', e.actor_kind, 'actor_name', r.display_name,
      'action', e.action, 'category', e.category, 'idea_reference', e.idea_reference, 'rule', e.rule,
      'details', e.details
    ) order by e.id desc), '[]'::jsonb)
  into v_items
  from (
    select a.* from app.audit_events a
    where (v_action is null or a.action = v_action)
      and (v_reference is null or a.idea_reference = v_reference)
      and (before_id is null or a.id < before_id)
    order by a.id desc
    limit page_size
  ) e
  left join app.reviewers r on r.user_id = e.actor_user_id;

  return jsonb_build_object(
    'items', v_items,
    'next', case when jsonb_array_length(v_items) = page_size then (v_items -> -1 ->> 'id')::bigint end
  );
end;
$$;
comment on function api.list_audit_events(text, text, bigint, integer) is
  'Coordinators read the audit trail, newest first: {items: [{id, occurred_at, actor_kind, actor_name, action, category, idea_reference, rule, details}], next} (next = the before_id of the following page, null on the last). Filters: action, idea_reference. Errors: 42501 not_reviewer / coordinator_only; IS002 out_of_range (page_size, 1–200).';
alter function api.list_audit_events(text, text, bigint, integer) owner to api_owner;
revoke execute on function api.list_audit_events(text, text, bigint, integer) from public, anon;
grant execute on function api.list_audit_events(text, text, bigint, integer) to authenticated, service_role;
