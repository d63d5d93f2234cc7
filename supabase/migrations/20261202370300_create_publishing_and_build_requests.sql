-- Why: the idea bank is static, built from api.list_published_ideas when the site is built (decision
-- 0010). A coordinator's publication must therefore start a new build (SPEC "Public site": "rebuilt
-- when a coordinator publishes (Netlify build hook)"), but ten publications in a minute should start
-- one build, not ten: a build takes minutes and Netlify queues them.
--
-- * The workspace publishes and unpublishes by reference: api.publish_to_idea_bank hands over to
--   api.publish_idea (coordinator only, only with the bearer's consent, with a summary for the
--   public); api.unpublish_from_idea_bank takes the idea out again (the summary is kept, so a
--   second publication starts from it).
-- * Whatever changes what the idea bank shows – a publication or unpublication, a published idea's
--   summary, title, area, municipality or public state, a municipality's interest in a published
--   idea – records a build request in app.build_requests, by trigger, in the same transaction. So
--   nothing that changes the bank can forget to ask for a build, and a rolled-back change asks for
--   nothing.
-- * The debounce is in the database: api.claim_build_requests takes every pending request at once
--   (`for update skip locked`, so two callers never take the same ones), but only when the oldest
--   has waited debounce_seconds (60 by default): the first request opens a window, everything that
--   arrives within it is built by the same call. The caller (src/server/build-hook/, right after a
--   publication and every minute) calls the Netlify build hook once per claim and reports back with
--   api.complete_build_requests: done, or pending again for the next run. A claim whose caller died
--   is taken again after its lease.
--
-- Only the server with the secret key claims and completes (the e-mail outbox's rule).

-- api.publish_to_idea_bank / api.unpublish_from_idea_bank ------------------------------------------------
-- security definer (both): the caller (authenticated) holds no table privileges by design; they run
-- as api_owner under the policies.
create function api.publish_to_idea_bank(reference text, public_summary text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(publish_to_idea_bank.reference);
  v_result jsonb;
begin
  v_result := api.publish_idea(v_idea_id, public_summary);
  return v_result || (
    select jsonb_build_object('public_summary', i.public_summary, 'state', i.public_state)
    from app.ideas i where i.id = v_idea_id
  );
end;
$$;
comment on function api.publish_to_idea_bank(text, text) is
  'Coordinator only: publishes an idea, by reference, in the idea bank with a summary for the public, or changes the summary of a published one (api.publish_idea), and so asks for a build. Only with the bearer''s consent. Returns {reference, published_at, public_summary, state (as the public sees it)}. Errors: 42501 not_reviewer / coordinator_only {action: publish_idea}; IS002 missing (reference, public_summary), too_long (public_summary), not_given (publish_consent); PT404 not_found.';
alter function api.publish_to_idea_bank(text, text) owner to api_owner;

create function api.unpublish_from_idea_bank(reference text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(unpublish_from_idea_bank.reference);
  v_removed integer;
begin
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'unpublish_idea')::text;
  end if;
  update app.ideas i set published_at = null where i.id = v_idea_id and i.published_at is not null;
  get diagnostics v_removed = row_count;
  return jsonb_build_object('reference', (select i.reference from app.ideas i where i.id = v_idea_id),
    'published_at', null, 'was_published', v_removed > 0);
end;
$$;
comment on function api.unpublish_from_idea_bank(text) is
  'Coordinator only: takes an idea out of the idea bank (its summary is kept for a later publication) and so asks for a build. Unpublishing an idea that is not published changes nothing (was_published: false). Returns {reference, published_at: null, was_published}. Errors: 42501 not_reviewer / coordinator_only {action: unpublish_idea}; IS002 missing (reference); PT404 not_found.';
alter function api.unpublish_from_idea_bank(text) owner to api_owner;

revoke execute on function api.publish_to_idea_bank(text, text), api.unpublish_from_idea_bank(text)
  from public, anon;
grant execute on function api.publish_to_idea_bank(text, text), api.unpublish_from_idea_bank(text)
  to authenticated, service_role;

-- Build requests ---------------------------------------------------------------------------------------
create table app.build_requests (
  id bigint generated always as identity primary key,
  requested_at timestamptz not null default now(),
  reason text not null check (reason in ('published', 'unpublished', 'changed', 'interest')),
  claim_id uuid,
  claimed_until timestamptz,
  built_at timestamptz,
  check ((claim_id is null) = (claimed_until is null))
);
comment on table app.build_requests is
  'A change to what the idea bank shows asks for a new build of the site, written by trigger with the change. The build hook caller claims pending requests together (debounce) and marks them built.';
comment on column app.build_requests.reason is
  'What changed: published, unpublished, changed (summary, title, area, municipality or public state of a published idea), interest (a municipality''s interest in a published idea).';
comment on column app.build_requests.claim_id is 'The claim that took this request; with claimed_until, the lease.';
comment on column app.build_requests.claimed_until is 'A claim not completed by then has failed: the request is pending again.';
comment on column app.build_requests.built_at is 'When the build hook accepted the build that includes this request; null = pending.';
create index build_requests_pending_idx on app.build_requests (requested_at) where built_at is null;
create index build_requests_claim_idx on app.build_requests (claim_id) where built_at is null;
alter table app.build_requests enable row level security;

-- The server with the secret key: the build hook caller (like the outbox sender) ------------------------
-- security definer, like the other caller helpers: it only reads the caller's verified JWT claims.
create function private.is_build_hook_caller()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select auth.role()) = 'service_role', false)
$$;
comment on function private.is_build_hook_caller() is
  'True when the caller is the server with the secret key (JWT role service_role), which calls the build hook.';
revoke execute on function private.is_build_hook_caller() from public;
grant execute on function private.is_build_hook_caller() to api_owner;

grant select, update (claim_id, claimed_until, built_at) on app.build_requests to api_owner;
create policy "the build hook caller reads the build requests" on app.build_requests
  for select to api_owner
  using ((select private.is_build_hook_caller()));
create policy "the build hook caller claims and completes build requests" on app.build_requests
  for update to api_owner
  using ((select private.is_build_hook_caller()))
  with check ((select private.is_build_hook_caller()));

-- What asks for a build --------------------------------------------------------------------------------
-- security definer: it writes app.build_requests, on which the api's role holds no insert privilege,
-- from the transaction of whoever changed the idea bank's content.
create function private.request_idea_bank_build()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_idea_id uuid;
begin
  if tg_table_name = 'ideas' then
    insert into app.build_requests (reason) values (case
      when old.published_at is null then 'published'
      when new.published_at is null then 'unpublished'
      else 'changed' end);
    return null;
  end if;
  v_idea_id := case when tg_op = 'DELETE' then old.idea_id else new.idea_id end;
  if exists (select 1 from app.ideas i where i.id = v_idea_id and i.published_at is not null) then
    insert into app.build_requests (reason) values ('interest');
  end if;
  return null;
end;
$$;
comment on function private.request_idea_bank_build() is
  'After a change to what the idea bank shows (a publication, a published idea''s public fields, interest in a published idea): records a build request.';
revoke execute on function private.request_idea_bank_build() from public;

create trigger ideas_request_idea_bank_build
  after update of published_at, public_summary, public_state, title, area_id, municipality_code on app.ideas
  for each row
  when (
    old.published_at is distinct from new.published_at
    or (new.published_at is not null and (
      old.public_summary is distinct from new.public_summary
      or old.public_state is distinct from new.public_state
      or old.title is distinct from new.title
      or old.area_id is distinct from new.area_id
      or old.municipality_code is distinct from new.municipality_code))
  )
  execute function private.request_idea_bank_build();

create trigger municipality_interest_request_idea_bank_build
  after insert or delete on app.municipality_interest
  for each row execute function private.request_idea_bank_build();

-- api.claim_build_requests ----------------------------------------------------------------------------
-- security definer (both): service_role holds no table privileges; they run as api_owner under the
-- policies above, which let only the secret key's role through.
create function api.claim_build_requests(debounce_seconds integer default 60, lease_seconds integer default 300)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_ids bigint[];
  v_oldest timestamptz;
  v_newest timestamptz;
  v_claim uuid := gen_random_uuid();
begin
  if debounce_seconds is null or debounce_seconds not between 0 and 3600 then
    raise exception using errcode = '22023', detail = 'debounce_seconds', message = 'out_of_range';
  end if;
  if lease_seconds is null or lease_seconds not between 10 and 3600 then
    raise exception using errcode = '22023', detail = 'lease_seconds', message = 'out_of_range';
  end if;

  -- Every pending request no other caller holds, locked until this transaction ends.
  select array_agg(p.id), min(p.requested_at), max(p.requested_at) into v_ids, v_oldest, v_newest
  from (
    select b.id, b.requested_at from app.build_requests b
    where b.built_at is null and (b.claimed_until is null or b.claimed_until <= now())
    for update skip locked
  ) p;

  -- Nothing pending, or the window the oldest opened is still open: later.
  if v_ids is null or v_oldest > now() - make_interval(secs => debounce_seconds) then
    return jsonb_build_object('claim_id', null, 'requests', 0, 'pending', coalesce(cardinality(v_ids), 0),
      'oldest_requested_at', v_oldest);
  end if;

  update app.build_requests b
  set claim_id = v_claim, claimed_until = now() + make_interval(secs => lease_seconds)
  where b.id = any (v_ids);
  return jsonb_build_object('claim_id', v_claim, 'requests', cardinality(v_ids), 'pending', 0,
    'oldest_requested_at', v_oldest, 'newest_requested_at', v_newest);
end;
$$;
comment on function api.claim_build_requests(integer, integer) is
  'The build hook caller takes every pending build request at once, when the oldest has waited debounce_seconds (0–3600, default 60), for lease_seconds (10–3600, default 300); requests another caller holds are skipped. Returns {claim_id, requests, pending, oldest_requested_at, newest_requested_at?}; claim_id null and requests 0 when there is nothing to build yet (pending says how many wait). Secret key only.';
alter function api.claim_build_requests(integer, integer) owner to api_owner;

create function api.complete_build_requests(claim_id uuid, succeeded boolean)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  if succeeded then
    update app.build_requests b set built_at = now()
    where b.claim_id = complete_build_requests.claim_id and b.built_at is null;
  else
    -- The hook failed: pending again, for the next run.
    update app.build_requests b set claim_id = null, claimed_until = null
    where b.claim_id = complete_build_requests.claim_id and b.built_at is null;
  end if;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;
comment on function api.complete_build_requests(uuid, boolean) is
  'The build hook caller reports a claim: succeeded marks its requests built; otherwise they are pending again. Returns how many requests it changed. Secret key only.';
alter function api.complete_build_requests(uuid, boolean) owner to api_owner;

revoke execute on function api.claim_build_requests(integer, integer), api.complete_build_requests(uuid, boolean)
  from public, anon, authenticated;
grant execute on function api.claim_build_requests(integer, integer), api.complete_build_requests(uuid, boolean)
  to service_role;
