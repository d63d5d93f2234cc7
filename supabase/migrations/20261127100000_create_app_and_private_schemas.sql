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

-- Roles are cluster-wide: a second database on the same server (tests) finds the role already there.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'api_owner') then
    create role api_owner nologin noinherit;
  end if;
end
$$;
comment on role api_owner is
  'Owns the functions in schema api; they run as this role (security definer). It holds explicit, minimal table privileges and is subject to row-level security. Nobody logs in as it.';

-- The migration role must be able to hand functions over to api_owner (alter function ... owner to).
grant api_owner to current_user;

grant usage on schema app, private to api_owner;
grant usage on schema extensions to api_owner;
grant usage on schema api to api_owner;
-- api_owner never calls auth.* itself: the private helpers (owned by the migration role) read the
-- caller's identity, so no grant on Supabase's own auth schema is needed.

-- New functions are not executable by PUBLIC; every execute grant is an explicit line.
alter default privileges in schema app, private revoke execute on functions from public;
