-- Why: a submitted idea is an allmän handling from the moment it arrives (SPEC: Law that shapes the
-- data; LG-13, LG-14). So its reference and received_at are set by the server and can never change,
-- its original text sits in an append-only table that no role can update or delete (triggers fire for
-- every role, owner included), the bearer's personal data sits in its own table so gallring can remove
-- it without touching the idea, and the timeline of events is append-only. References IS-YYYY-NNNN are
-- allocated from one counter row per year that the allocating transaction locks, so they are unique
-- and without gaps even under concurrent submissions (a rolled-back submission rolls its number back).

-- Reference counter ---------------------------------------------------------------------------------
create table app.reference_counters (
  year integer primary key check (year between 2000 and 2999),
  last_number integer not null check (last_number >= 0)
);
comment on table app.reference_counters is
  'The last reference number handed out per year. The row lock taken by update serialises allocation: gap-free.';
alter table app.reference_counters enable row level security;

-- Ideas ---------------------------------------------------------------------------------------------
create table app.ideas (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^IS-[0-9]{4}-[0-9]{4,}$'),
  received_at timestamptz not null default now(),
  state text not null default 'received' references app.idea_states (state),
  public_state text not null default 'received' references app.idea_states (state),
  state_changed_at timestamptz not null default now(),
  municipality_code text not null references app.municipalities (code),
  area_id text not null references app.areas (id),
  shared_regionally boolean not null default false,
  title text not null check (length(title) between 1 and 150),
  problem text not null check (length(problem) between 1 and 4000),
  proposal text not null check (length(proposal) between 1 and 4000),
  contact_consent boolean not null default false,
  publish_consent boolean not null default false,
  public_summary text check (length(public_summary) <= 2000),
  published_at timestamptz,
  forwarded_to text check (length(forwarded_to) <= 200),
  follow_up_on date,
  search_vector tsvector generated always as (
    setweight(to_tsvector('swedish'::regconfig, title), 'A')
    || setweight(to_tsvector('swedish'::regconfig, problem), 'B')
    || setweight(to_tsvector('swedish'::regconfig, proposal), 'B')
  ) stored,
  check (published_at is null or (publish_consent and public_summary is not null))
);
comment on table app.ideas is
  'One row per submitted idea. The original text is in idea_versions (version 1); title, problem and proposal here mirror the current version for search and lists.';
comment on column app.ideas.reference is 'Diarienummer-like reference IS-YYYY-NNNN shown to the bearer; immutable.';
comment on column app.ideas.received_at is 'When the idea arrived (inkommen), set by the server, immutable.';
comment on column app.ideas.state is 'Internal lifecycle state; changed only by private.transition_idea.';
comment on column app.ideas.public_state is
  'The state the bearer and the public statistics see: a decision shows here only once a coordinator releases its message.';
comment on column app.ideas.shared_regionally is
  'Shared with the whole region: every idea coach sees it, not only the coach of its municipality.';
comment on column app.ideas.publish_consent is 'The bearer allowed a summary to be published in the idea bank.';
comment on column app.ideas.public_summary is 'The summary a coordinator wrote for the idea bank; personal data must not appear here.';
comment on column app.ideas.published_at is 'When the idea was published to the idea bank; null = not public.';
comment on column app.ideas.forwarded_to is 'The actor in the innovation support system a forwarded idea went to.';
comment on column app.ideas.follow_up_on is 'When to follow up a forwarded idea.';
comment on column app.ideas.search_vector is 'Swedish full-text search over title (weight A), problem and proposal (weight B).';
create index ideas_municipality_code_idx on app.ideas (municipality_code);
create index ideas_area_id_idx on app.ideas (area_id);
create index ideas_state_idx on app.ideas (state);
create index ideas_public_state_idx on app.ideas (public_state);
create index ideas_received_at_idx on app.ideas (received_at desc);
create index ideas_published_at_idx on app.ideas (published_at) where published_at is not null;
create index ideas_shared_regionally_idx on app.ideas (shared_regionally) where shared_regionally;
create index ideas_search_vector_idx on app.ideas using gin (search_vector);
create index ideas_search_trigram_idx on app.ideas
  using gin ((title || ' ' || problem || ' ' || proposal) extensions.gin_trgm_ops);
alter table app.ideas enable row level security;

-- Idea versions: the original text and every later edit ---------------------------------------------
create table app.idea_versions (
  id bigint generated always as identity primary key,
  idea_id uuid not null references app.ideas (id),
  version integer not null check (version > 0),
  title text not null check (length(title) between 1 and 150),
  problem text not null check (length(problem) between 1 and 4000),
  proposal text not null check (length(proposal) between 1 and 4000),
  beneficiaries text[] not null default '{}' check (
    beneficiaries <@ array['invanare', 'brukare_patienter', 'elever', 'medarbetare', 'foretag', 'andra_kommuner', 'annan']
  ),
  expected_effects text not null default '' check (length(expected_effects) <= 4000),
  tried text not null default 'nej' check (tried in ('nej', 'delvis', 'ja')),
  resources text not null default '' check (length(resources) <= 2000),
  workplace text check (length(workplace) <= 200),
  created_at timestamptz not null default now(),
  created_by uuid references app.reviewers (user_id),
  unique (idea_id, version)
);
comment on table app.idea_versions is
  'Append-only: version 1 is the original text as received (allmän handling); edits add versions. A trigger refuses update and delete for every role.';
comment on column app.idea_versions.created_by is 'The reviewer who wrote this version; null for the bearer''s original.';
comment on column app.idea_versions.tried is 'Whether the idea has been tried: nej, delvis or ja.';
create index idea_versions_created_by_idx on app.idea_versions (created_by);
alter table app.idea_versions enable row level security;

-- Idea bearers: personal data, apart from the idea ---------------------------------------------------
create table app.idea_bearers (
  id bigint generated always as identity primary key,
  idea_id uuid not null unique references app.ideas (id),
  name text not null check (length(name) between 1 and 150),
  email text not null check (length(email) between 3 and 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  phone text check (length(phone) <= 40),
  co_bearers text check (length(co_bearers) <= 500),
  privacy_notice_read_at timestamptz not null,
  created_at timestamptz not null default now()
);
comment on table app.idea_bearers is
  'Personal data about the person who submitted an idea. Kept apart so that gallring can remove it under the retention rules without touching the idea.';
comment on column app.idea_bearers.email is 'Work e-mail, used for receipts and status e-mails.';
comment on column app.idea_bearers.co_bearers is 'Names of co-bearers, as the bearer wrote them.';
comment on column app.idea_bearers.privacy_notice_read_at is 'When the bearer confirmed having read the privacy notice.';
create index idea_bearers_email_idx on app.idea_bearers (lower(email));
alter table app.idea_bearers enable row level security;

-- Idea events: the append-only timeline --------------------------------------------------------------
create table app.idea_events (
  id bigint generated always as identity primary key,
  idea_id uuid not null references app.ideas (id),
  occurred_at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('bearer', 'reviewer', 'coordinator', 'system')),
  actor_user_id uuid references app.reviewers (user_id),
  from_state text references app.idea_states (state),
  to_state text not null references app.idea_states (state),
  reason text not null check (length(reason) between 1 and 2000),
  visible_to_bearer boolean not null,
  check ((actor_kind in ('reviewer', 'coordinator')) = (actor_user_id is not null))
);
comment on table app.idea_events is
  'Append-only timeline of every state change: who, when, from, to and why. A trigger refuses update and delete.';
comment on column app.idea_events.reason is 'Internal reason for the change; the bearer never sees it.';
comment on column app.idea_events.visible_to_bearer is
  'Whether the bearer sees this step on the status page. Decisions are false; their released message shows instead.';
create index idea_events_idea_id_idx on app.idea_events (idea_id, occurred_at);
create index idea_events_actor_user_id_idx on app.idea_events (actor_user_id);
create index idea_events_from_state_idx on app.idea_events (from_state);
create index idea_events_to_state_idx on app.idea_events (to_state);
alter table app.idea_events enable row level security;

-- Decision messages: what the bearer is told, kept apart until released ------------------------------
create table app.decision_messages (
  event_id bigint primary key references app.idea_events (id),
  idea_id uuid not null references app.ideas (id),
  body text not null check (length(body) between 1 and 4000),
  released_at timestamptz,
  released_by uuid references app.reviewers (user_id)
);
comment on table app.decision_messages is
  'The message to the bearer that every decision carries. Internal until a coordinator releases it; then the bearer sees it and the decision.';
comment on column app.decision_messages.released_at is 'When a coordinator released the message to the bearer; null = still internal.';
create index decision_messages_idea_id_idx on app.decision_messages (idea_id);
create index decision_messages_released_by_idx on app.decision_messages (released_by);
alter table app.decision_messages enable row level security;

-- Status tokens: the bearer's private link -----------------------------------------------------------
create table app.status_tokens (
  token_hash bytea primary key check (length(token_hash) = 32),
  idea_id uuid not null references app.ideas (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
comment on table app.status_tokens is
  'The bearer''s status links. Only the SHA-256 of the token is stored; the token itself (256 random bits) is returned once.';
create index status_tokens_idea_id_idx on app.status_tokens (idea_id);
alter table app.status_tokens enable row level security;

-- Idempotency keys: a retried submission never creates a second idea -------------------------------------
create table app.idempotency_keys (
  key uuid primary key,
  fingerprint bytea not null,
  idea_id uuid references app.ideas (id),
  reference text,
  received_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table app.idempotency_keys is
  'The Idempotency-Key of each submission with a SHA-256 fingerprint of its body: same key and body replays, same key and other body is refused (RL-01..03).';
comment on column app.idempotency_keys.reference is
  'The reference the first request was answered with, so that a retry gets the same answer without reading the idea.';
create index idempotency_keys_idea_id_idx on app.idempotency_keys (idea_id);
alter table app.idempotency_keys enable row level security;

-- Helpers used by the policies below and by the api functions -----------------------------------------
-- security definer for all of them: they are called from policies on the very tables they read
-- (app.ideas, app.status_tokens), which would recurse as the caller; as owner they read directly and
-- answer only a yes/no question about one idea.
create function private.can_see_idea(idea_id uuid)
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
    where i.id = can_see_idea.idea_id
      and (r.municipality_code is null or r.municipality_code = i.municipality_code or i.shared_regionally)
  )
$$;
comment on function private.can_see_idea(uuid) is
  'Whether the caller, as an active reviewer, may see the idea: regional staff and coordinators see all; a coach sees their municipality''s ideas and those shared regionally.';

create function private.presented_token_hash()
returns bytea
language sql
stable
set search_path = ''
as $$
  select decode(nullif(current_setting('app.presented_token_hash', true), ''), 'hex')
$$;
comment on function private.presented_token_hash() is
  'The SHA-256 of the status token the current api call was given (set transaction-locally by private.present_status_token).';

create function private.present_status_token(token text)
returns void
language sql
volatile
set search_path = ''
as $$
  select set_config('app.presented_token_hash', encode(sha256(convert_to(coalesce(token, ''), 'UTF8')), 'hex'), true)
$$;
comment on function private.present_status_token(text) is
  'Records, for this transaction only, the hash of the status token presented to an api function, so that the policies let its holder read that one idea.';

create function private.holds_status_token(idea_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from app.status_tokens t
    where t.idea_id = holds_status_token.idea_id
      and t.token_hash = private.presented_token_hash()
      and t.revoked_at is null
  )
$$;
comment on function private.holds_status_token(uuid) is 'Whether the status token presented in this call belongs to the idea.';

create function private.is_received_now(idea_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from app.ideas i where i.id = is_received_now.idea_id and i.received_at = now())
$$;
comment on function private.is_received_now(uuid) is
  'Whether the idea was received in the current transaction (received_at = now() is the transaction start): only the submitting transaction may add its bearer, original version, token and receipt.';

create function private.is_published(idea_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from app.ideas i where i.id = is_published.idea_id and i.published_at is not null)
$$;
comment on function private.is_published(uuid) is 'Whether the idea is published in the idea bank.';

revoke execute on function private.can_see_idea(uuid), private.presented_token_hash(),
  private.present_status_token(text), private.holds_status_token(uuid), private.is_received_now(uuid),
  private.is_published(uuid)
  from public;
grant execute on function private.can_see_idea(uuid), private.presented_token_hash(),
  private.present_status_token(text), private.holds_status_token(uuid), private.is_received_now(uuid),
  private.is_published(uuid)
  to api_owner;

-- Immutability triggers (fire for every role, table owner and service role included) ------------------
create function private.refuse_change_to_original_text()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception using
    errcode = 'IS003',
    message = 'Originaltexten i en inkommen idé kan inte ändras eller tas bort. Spara ändringar som en ny version.';
end;
$$;
comment on function private.refuse_change_to_original_text() is
  'Refuses update and delete on app.idea_versions: the text as received is an allmän handling (LG-14).';
create trigger idea_versions_are_append_only
  before update or delete on app.idea_versions
  for each row execute function private.refuse_change_to_original_text();
create trigger idea_versions_cannot_be_truncated
  before truncate on app.idea_versions
  for each statement execute function private.refuse_change_to_original_text();

create function private.refuse_change_to_timeline()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception using
    errcode = 'IS003',
    message = 'Händelser i en idés tidslinje kan inte ändras eller tas bort.';
end;
$$;
comment on function private.refuse_change_to_timeline() is 'Refuses update and delete on append-only history tables.';
create trigger idea_events_are_append_only
  before update or delete on app.idea_events
  for each row execute function private.refuse_change_to_timeline();

create function private.protect_idea_record()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    -- The server sets the time of arrival; whatever the caller sent is ignored.
    new.received_at := now();
    new.state_changed_at := now();
    return new;
  elsif tg_op = 'DELETE' then
    raise exception using
      errcode = 'IS003',
      message = 'En inkommen idé kan inte tas bort. Den gallras bara enligt beslutade gallringsregler.';
  elsif new.reference is distinct from old.reference or new.received_at is distinct from old.received_at
    or new.id is distinct from old.id then
    raise exception using
      errcode = 'IS003',
      message = 'Diarienumret och mottagningstiden för en idé kan inte ändras.';
  end if;
  return new;
end;
$$;
comment on function private.protect_idea_record() is
  'Sets received_at on insert; refuses changes to id, reference and received_at, and refuses delete (LG-13).';
create trigger ideas_keep_reference_and_arrival
  before insert or update or delete on app.ideas
  for each row execute function private.protect_idea_record();

-- Privileges and policies ---------------------------------------------------------------------------
grant select, insert, update on app.reference_counters to api_owner;
grant select, insert, update on app.ideas to api_owner;
grant select, insert on app.idea_versions, app.idea_bearers, app.idea_events, app.status_tokens to api_owner;
grant select, insert, update on app.decision_messages, app.idempotency_keys to api_owner;

create policy "submissions read the reference counter of the current year" on app.reference_counters
  for select to api_owner
  using (year = extract(year from now() at time zone 'Europe/Stockholm'));
create policy "submissions start the reference counter of the current year" on app.reference_counters
  for insert to api_owner
  with check (year = extract(year from now() at time zone 'Europe/Stockholm'));
create policy "submissions advance the reference counter of the current year" on app.reference_counters
  for update to api_owner
  using (year = extract(year from now() at time zone 'Europe/Stockholm'))
  with check (year = extract(year from now() at time zone 'Europe/Stockholm'));

create policy "ideas are read in scope, by their token holder or if published"
  on app.ideas for select to api_owner
  using (published_at is not null or private.can_see_idea(id) or private.holds_status_token(id));
create policy "a submission creates an idea in state received" on app.ideas
  for insert to api_owner
  with check (state = 'received' and public_state = 'received' and published_at is null);
create policy "ideas are changed in scope or by their token holder" on app.ideas
  for update to api_owner
  using (private.can_see_idea(id) or private.holds_status_token(id))
  with check (private.can_see_idea(id) or private.holds_status_token(id));

create policy "versions are read in scope or by the token holder" on app.idea_versions
  for select to api_owner
  using (private.can_see_idea(idea_id) or private.holds_status_token(idea_id));
create policy "the submission adds the original; reviewers add versions" on app.idea_versions
  for insert to api_owner
  with check ((version = 1 and private.is_received_now(idea_id)) or (version > 1 and private.can_see_idea(idea_id)));

create policy "reviewers in scope read the bearer" on app.idea_bearers
  for select to api_owner
  using (private.can_see_idea(idea_id));
create policy "the submission records the bearer" on app.idea_bearers
  for insert to api_owner
  with check (private.is_received_now(idea_id));

create policy "the timeline is read in scope or by the token holder" on app.idea_events
  for select to api_owner
  using (private.can_see_idea(idea_id) or private.holds_status_token(idea_id));
create policy "events are added by the submission, in scope or by token holder" on app.idea_events
  for insert to api_owner
  with check (
    private.is_received_now(idea_id) or private.can_see_idea(idea_id) or private.holds_status_token(idea_id)
  );

create policy "decisions are read in scope, or by the token holder once out"
  on app.decision_messages for select to api_owner
  using (private.can_see_idea(idea_id) or (released_at is not null and private.holds_status_token(idea_id)));
create policy "coordinators write decision messages" on app.decision_messages
  for insert to api_owner
  with check ((select private.is_coordinator()) and released_at is null);
create policy "coordinators release decision messages" on app.decision_messages
  for update to api_owner
  using ((select private.is_coordinator()))
  with check ((select private.is_coordinator()));

create policy "the status token holder reads their token" on app.status_tokens
  for select to api_owner
  using (token_hash = (select private.presented_token_hash()));
create policy "the submission creates the status token" on app.status_tokens
  for insert to api_owner
  with check (private.is_received_now(idea_id));

-- The key is a random UUID that only the submitting client knows, and only api.submit_idea runs as
-- api_owner against this table; looking a key up is how a retry is recognised.
create policy "submissions look up idempotency keys" on app.idempotency_keys
  for select to api_owner
  using (true);
create policy "a submission claims its idempotency key before the idea exists" on app.idempotency_keys
  for insert to api_owner
  with check (idea_id is null);
create policy "a submission links its idempotency key to the idea it received" on app.idempotency_keys
  for update to api_owner
  using (idea_id is null)
  with check (private.is_received_now(idea_id));
