-- Why: the tables (schema app) and the helper functions (schema private) must live where the Data
-- API cannot reach them; only the functions in schema api are exposed. The api functions run as one
-- dedicated role, api_owner, that holds exactly the table privileges the functions need and is itself
-- subject to row-level security. anon and authenticated hold no table privileges at all, so a bug in
-- an api function is still bounded by the policies, and nothing but the api functions reaches a
-- table. See docs/decisions/0003-data-access-in-sql.md.

create extension if not exists pgcrypto with schema extensions;
create extension if not exists pg_trgm with schema extensions;

create schema app;
comment on schema app is
  'Tables of the idea sluice. Not exposed through the Data API; reached only through the functions in schema api.';

create schema private;
comment on schema private is
  'Helper functions for policies and api functions (access rules, lifecycle, references). Not exposed.';

revoke all on schema app, private from public;

-- Roles are cluster-wide: a second database on the same server (tests run several at once) finds the
-- role already there, or is creating it at the same moment; either way one role results.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'api_owner') then
    begin
      create role api_owner nologin noinherit;
      comment on role api_owner is
        'Owns the functions in schema api; they run as this role (security definer). It holds explicit, minimal table privileges and is subject to row-level security. Nobody logs in as it.';
    exception
      when duplicate_object or unique_violation then null;
    end;
  end if;
  -- The migration role must be able to hand functions over to api_owner (alter function … owner to).
  -- A superuser already can; hosted Supabase's postgres role gets the membership here.
  if not pg_catalog.pg_has_role(current_user, 'api_owner', 'member') then
    execute format('grant api_owner to %I', current_user);
  end if;
end
$$;

grant usage on schema app, private to api_owner;
grant usage on schema extensions to api_owner;
grant usage on schema api to api_owner;
-- api_owner never calls auth.* itself: the private helpers (owned by the migration role) read the
-- caller's identity, so no grant on Supabase's own auth schema is needed.

-- New functions are not executable by PUBLIC; every execute grant is an explicit line.
alter default privileges in schema app, private revoke execute on functions from public;
