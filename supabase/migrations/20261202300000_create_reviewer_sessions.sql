-- Why: a reviewer's session must end when it should, on the server, whatever the browser does
-- (AS-09, AS-10, AZ-08):
--
-- * after SESSION_IDLE_MINUTES without a request (the idle timeout), and after
--   SESSION_LIFETIME_HOURS in all (the absolute lifetime). The functions call
--   api.touch_reviewer_session on every reviewer request; it records the activity and ends a session
--   that has run out. Kept here rather than in a cookie, so a copied cookie cannot outlive it.
-- * after sign-out. Auth deletes its session row, but the access token stays a valid JWT until it
--   expires (up to an hour, on hosted Supabase too), so the touch also checks that the token's
--   session still exists in auth.sessions.
-- * when a reviewer is deactivated or removed. A ban would not do: hosted Auth keeps a banned
--   user's sessions and revives them when the ban is lifted (docs/local-supabase.md). So a trigger on
--   app.reviewers deletes the reviewer's Auth sessions and refresh tokens, and every api function
--   already refuses an inactive reviewer (private.current_reviewer checks `active`).
--
-- A session that ends is ended in Auth too (its row in auth.sessions and its refresh tokens
-- deleted), so the refresh token in the cookie cannot start it again.

-- app.reviewer_sessions -------------------------------------------------------------------------------
create table app.reviewer_sessions (
  session_id uuid primary key,
  user_id uuid not null references app.reviewers (user_id) on delete cascade,
  last_active_at timestamptz not null default now()
);
comment on table app.reviewer_sessions is
  'When each reviewer session was last used, for the idle timeout. One row per Auth session; removed when the session ends.';
comment on column app.reviewer_sessions.session_id is
  'The Auth session (auth.sessions.id, the session_id claim of the access token). No foreign key: auth belongs to Supabase Auth.';
comment on column app.reviewer_sessions.last_active_at is
  'The last request the reviewer made with this session; the session ends SESSION_IDLE_MINUTES after it.';
create index reviewer_sessions_user_id_idx on app.reviewer_sessions (user_id);
alter table app.reviewer_sessions enable row level security;

-- Helpers about the caller's own Auth session ---------------------------------------------------------
-- security definer (all five): they read and delete rows in Supabase Auth's own tables, which
-- api_owner may not touch (decision 0003); as their owner (the migration role, which holds all
-- privileges on Auth's tables on hosted Supabase) they can. Each acts only on the caller's own
-- session, named by the verified JWT, or on the sessions of a user a trigger names.

create function private.current_session_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select nullif((select auth.jwt()) ->> 'session_id', '')::uuid
$$;
comment on function private.current_session_id() is
  'The Auth session of the caller''s access token (its session_id claim), or null.';

create function private.current_email()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select (select auth.email())
$$;
comment on function private.current_email() is 'The caller''s e-mail address, from the access token.';

create function private.current_session_started_at()
returns timestamptz
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(s.created_at, now())
  from auth.sessions s
  where s.id = (select private.current_session_id())
    and s.user_id = (select auth.uid())
$$;
comment on function private.current_session_started_at() is
  'When the caller''s Auth session began; null when it no longer exists (signed out, ended or revoked).';

create function private.end_current_session()
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  delete from app.reviewer_sessions where session_id = (select private.current_session_id());
  delete from auth.refresh_tokens
  where session_id = (select private.current_session_id())
    and user_id = (select auth.uid())::text;
  delete from auth.sessions
  where id = (select private.current_session_id())
    and user_id = (select auth.uid());
$$;
comment on function private.end_current_session() is
  'Ends the caller''s own Auth session: its refresh tokens cannot be used again and its access token is refused by api.touch_reviewer_session.';

-- Auth deletes its session row at sign-out; the activity row of that session is forgotten here, on
-- the reviewer's next request, so the table holds about one row per live session.
create function private.forget_ended_sessions()
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  delete from app.reviewer_sessions rs
  where rs.user_id = (select auth.uid())
    and not exists (select 1 from auth.sessions s where s.id = rs.session_id);
$$;
comment on function private.forget_ended_sessions() is
  'Deletes the activity rows of the caller''s sessions that Auth no longer has (signed out).';

revoke execute on function private.current_session_id(), private.current_email(),
  private.current_session_started_at(), private.end_current_session(),
  private.forget_ended_sessions() from public;
grant execute on function private.current_session_id(), private.current_email(),
  private.current_session_started_at(), private.end_current_session(),
  private.forget_ended_sessions() to api_owner;

-- Ending every session of a reviewer -------------------------------------------------------------------
-- security definer: deletes from Auth's tables (see above). Not callable by any API role: the trigger
-- below calls it, and so may a later admin function owned by the migration role.
create function private.end_reviewer_sessions(reviewer_user_id uuid)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_ended integer;
begin
  delete from app.reviewer_sessions where user_id = reviewer_user_id;
  delete from auth.refresh_tokens where user_id = reviewer_user_id::text;
  delete from auth.sessions where user_id = reviewer_user_id;
  get diagnostics v_ended = row_count;
  return v_ended;
end;
$$;
comment on function private.end_reviewer_sessions(uuid) is
  'Ends every Auth session of a user (deletes their sessions and refresh tokens) and returns how many there were. Not a ban: hosted Auth keeps a banned user''s sessions.';
revoke execute on function private.end_reviewer_sessions(uuid) from public;

create function private.end_sessions_of_deactivated_reviewer()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.end_reviewer_sessions(old.user_id);
  -- A BEFORE DELETE trigger must return the row, or the delete is skipped; AFTER ignores it.
  return old;
end;
$$;
comment on function private.end_sessions_of_deactivated_reviewer() is
  'Trigger: a reviewer who is deactivated or removed is signed out everywhere at once (AS-10).';
revoke execute on function private.end_sessions_of_deactivated_reviewer() from public;

create trigger reviewers_end_sessions_when_deactivated
after update of active on app.reviewers
for each row
when (old.active and not new.active)
execute function private.end_sessions_of_deactivated_reviewer();

-- Before the row goes: app.reviewer_sessions references it and would be gone by cascade first.
create trigger reviewers_end_sessions_when_removed
before delete on app.reviewers
for each row
execute function private.end_sessions_of_deactivated_reviewer();

-- Privileges and policies --------------------------------------------------------------------------------
-- No delete: sessions are forgotten by private.end_current_session and end_reviewer_sessions.
grant select, insert, update on app.reviewer_sessions to api_owner;

create policy "reviewers read the activity of their own session" on app.reviewer_sessions
  for select to api_owner
  using (user_id = (select auth.uid()) and session_id = (select private.current_session_id()));
create policy "reviewers record the activity of their own session" on app.reviewer_sessions
  for insert to api_owner
  with check (
    user_id = (select auth.uid()) and session_id = (select private.current_session_id())
    and (select private.is_active_reviewer())
  );
create policy "reviewers update the activity of their own session" on app.reviewer_sessions
  for update to api_owner
  using (user_id = (select auth.uid()) and session_id = (select private.current_session_id()))
  with check (user_id = (select auth.uid()) and session_id = (select private.current_session_id()));

-- api.touch_reviewer_session -----------------------------------------------------------------------------
create function api.touch_reviewer_session(idle_minutes integer, lifetime_hours integer)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_session_id uuid := private.current_session_id();
  v_started_at timestamptz;
  v_last_active_at timestamptz;
  v_reviewer app.reviewers;
  v_municipality jsonb;
begin
  if idle_minutes is null or idle_minutes not between 1 and 1440 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'idle_minutes';
  end if;
  if lifetime_hours is null or lifetime_hours not between 1 and 168 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'lifetime_hours';
  end if;

  -- Signed out, ended by a timeout or a deactivation, or revoked: Auth no longer has the session.
  v_started_at := private.current_session_started_at();
  if v_session_id is null or v_started_at is null then
    return jsonb_build_object('active', false, 'reason', 'signed_out');
  end if;

  -- Ending the session is the answer here, not an error: an exception would roll the end back.
  v_reviewer := private.current_reviewer();
  if v_reviewer.user_id is null then
    perform private.end_current_session();
    return jsonb_build_object('active', false, 'reason', 'not_reviewer');
  end if;

  if v_started_at < now() - make_interval(hours => lifetime_hours) then
    perform private.end_current_session();
    return jsonb_build_object('active', false, 'reason', 'lifetime');
  end if;

  select rs.last_active_at into v_last_active_at
  from app.reviewer_sessions rs
  where rs.session_id = v_session_id;
  if v_last_active_at < now() - make_interval(mins => idle_minutes) then
    perform private.end_current_session();
    return jsonb_build_object('active', false, 'reason', 'idle');
  end if;

  insert into app.reviewer_sessions as rs (session_id, user_id, last_active_at)
  values (v_session_id, v_reviewer.user_id, now())
  on conflict (session_id) do update set last_active_at = excluded.last_active_at;
  perform private.forget_ended_sessions();

  select jsonb_build_object('code', m.code, 'name', m.name) into v_municipality
  from app.municipalities m
  where m.code = v_reviewer.municipality_code;

  return jsonb_build_object(
    'active', true,
    'reviewer', jsonb_build_object(
      'user_id', v_reviewer.user_id,
      'name', v_reviewer.display_name,
      'email', private.current_email(),
      'role', v_reviewer.role,
      'municipality', v_municipality
    ),
    'idle_expires_at', now() + make_interval(mins => idle_minutes),
    'expires_at', v_started_at + make_interval(hours => lifetime_hours)
  );
end;
$$;
comment on function api.touch_reviewer_session(integer, integer) is
  'Called by the functions on every reviewer request: records the activity of the caller''s session and returns who they are, or ends the session (idle, past its lifetime, signed out, not an active reviewer) and says why.';
alter function api.touch_reviewer_session(integer, integer) owner to api_owner;
revoke execute on function api.touch_reviewer_session(integer, integer) from public;
grant execute on function api.touch_reviewer_session(integer, integer) to authenticated;
