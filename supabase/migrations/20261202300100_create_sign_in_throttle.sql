-- Why: repeated sign-in attempts must be slowed down per account and per client address (AS-15).
-- Hosted Auth's own limit is per IP address, and every call reaches it from Netlify's functions,
-- so it cannot tell one attacker from everybody else and cannot protect one account
-- (stack-facts 9). The functions run on many instances, so the count lives here.
--
-- Every attempt is claimed before Auth is asked (a password, or a request for a sign-in link), so
-- attempts made at the same moment are counted too; a successful sign-in then forgets the
-- account's attempts and the one attempt that succeeded from that address. Past the limit in the
-- window, the claim is refused with PT429 and the time to wait. Addresses and client addresses are
-- stored as SHA-256 hashes only.
--
-- The limits: 10 attempts per account and 30 per client address within 15 minutes. A municipality's
-- office shares one address, so its limit is higher than an account's.

create table app.sign_in_attempts (
  id bigint generated always as identity primary key,
  bucket text not null check (bucket ~ '^(account|client):[0-9a-f]{64}$'),
  attempted_at timestamptz not null default now()
);
comment on table app.sign_in_attempts is
  'Sign-in attempts not yet forgotten, one row per bucket and attempt, for the throttle. Rows older than the window are deleted by the next claim.';
comment on column app.sign_in_attempts.bucket is
  'account:<SHA-256 of the lower-case e-mail address> or client:<SHA-256 of the client''s IP address>; never the values themselves.';
create index sign_in_attempts_bucket_attempted_at_idx on app.sign_in_attempts (bucket, attempted_at);
create index sign_in_attempts_attempted_at_idx on app.sign_in_attempts (attempted_at);
alter table app.sign_in_attempts enable row level security;

-- private.is_server_with_secret_key ------------------------------------------------------------------
-- security definer, like the other caller helpers: it only reads the caller's verified JWT claims.
create function private.is_server_with_secret_key()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select auth.role()) = 'service_role', false)
$$;
comment on function private.is_server_with_secret_key() is
  'True when the caller is the server with the secret key (JWT role service_role): the sign-in function.';
revoke execute on function private.is_server_with_secret_key() from public;
grant execute on function private.is_server_with_secret_key() to api_owner;

-- The buckets of one attempt.
create function private.sign_in_buckets(email text, client_address text)
returns text[]
language sql
stable
set search_path = ''
as $$
  select array_remove(array[
    'account:' || encode(sha256(convert_to(lower(btrim(coalesce(email, ''))), 'UTF8')), 'hex'),
    case when nullif(btrim(client_address), '') is not null
      then 'client:' || encode(sha256(convert_to(btrim(client_address), 'UTF8')), 'hex')
    end
  ], null)
$$;
comment on function private.sign_in_buckets(text, text) is
  'The throttle buckets of an attempt: the account (lower-case, trimmed e-mail) and, when known, the client address, each as a SHA-256.';
revoke execute on function private.sign_in_buckets(text, text) from public;
grant execute on function private.sign_in_buckets(text, text) to api_owner;

grant select, insert, delete on app.sign_in_attempts to api_owner;

create policy "the sign-in function reads the attempts" on app.sign_in_attempts
  for select to api_owner
  using ((select private.is_server_with_secret_key()));
create policy "the sign-in function records attempts" on app.sign_in_attempts
  for insert to api_owner
  with check ((select private.is_server_with_secret_key()));
create policy "the sign-in function forgets attempts" on app.sign_in_attempts
  for delete to api_owner
  using ((select private.is_server_with_secret_key()));

-- api.claim_sign_in_attempt --------------------------------------------------------------------------
create function api.claim_sign_in_attempt(email text, client_address text default null)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  c_window constant interval := interval '15 minutes';
  v_buckets text[] := private.sign_in_buckets(email, client_address);
  v_bucket text;
  v_limit integer;
  v_count integer;
  v_free_at timestamptz;
  v_retry_at timestamptz;
begin
  if not private.is_server_with_secret_key() then
    raise exception using errcode = '42501', message = 'not_allowed';
  end if;

  delete from app.sign_in_attempts a where a.attempted_at < now() - c_window;

  foreach v_bucket in array v_buckets loop
    -- Attempts on the same bucket at the same moment wait for each other, so none is uncounted.
    perform pg_advisory_xact_lock(hashtextextended(v_bucket, 0));
    v_limit := case when v_bucket like 'account:%' then 10 else 30 end;
    select count(*) into v_count from app.sign_in_attempts a where a.bucket = v_bucket;
    if v_count >= v_limit then
      -- Free again when enough of the oldest attempts have left the window.
      select a.attempted_at + c_window into v_free_at
      from app.sign_in_attempts a
      where a.bucket = v_bucket
      order by a.attempted_at, a.id
      offset v_count - v_limit
      limit 1;
      v_retry_at := greatest(v_retry_at, v_free_at);
    end if;
  end loop;

  if v_retry_at is not null then
    raise exception using errcode = 'PT429', message = 'too_many_sign_in_attempts',
      detail = jsonb_build_object(
        'retry_at', v_retry_at,
        'retry_after_seconds', greatest(1, ceil(extract(epoch from v_retry_at - now())))::integer
      )::text;
  end if;

  insert into app.sign_in_attempts (bucket)
  select b from unnest(v_buckets) as b;
end;
$$;
comment on function api.claim_sign_in_attempt(text, text) is
  'Counts one sign-in attempt (a password or a link request) for the account and the client address, or refuses it with PT429 and retry_after_seconds when either has 10 (account) or 30 (address) in the last 15 minutes. Secret key only.';
alter function api.claim_sign_in_attempt(text, text) owner to api_owner;

-- api.record_sign_in_success -------------------------------------------------------------------------
create function api.record_sign_in_success(email text, client_address text default null)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_buckets text[] := private.sign_in_buckets(email, client_address);
begin
  if not private.is_server_with_secret_key() then
    raise exception using errcode = '42501', message = 'not_allowed';
  end if;
  -- The account starts afresh; the address keeps its other attempts (one valid account must not
  -- clear an address that is guessing at others).
  delete from app.sign_in_attempts a where a.bucket = v_buckets[1];
  delete from app.sign_in_attempts a
  where a.id = (
    select b.id from app.sign_in_attempts b
    where b.bucket = v_buckets[2]
    order by b.attempted_at desc, b.id desc
    limit 1
  );
end;
$$;
comment on function api.record_sign_in_success(text, text) is
  'After a successful sign-in: forgets the account''s attempts and the client address''s latest one. Secret key only.';
alter function api.record_sign_in_success(text, text) owner to api_owner;

revoke execute on function api.claim_sign_in_attempt(text, text), api.record_sign_in_success(text, text)
  from public;
grant execute on function api.claim_sign_in_attempt(text, text), api.record_sign_in_success(text, text)
  to service_role;
