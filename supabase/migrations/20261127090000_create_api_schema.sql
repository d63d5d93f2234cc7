-- Why: the Data API exposes exactly one schema, api (config.toml [api] schemas). The browser never
-- talks to it; the Netlify Functions call the functions in it with supabase-js .rpc(). Tables live in
-- schemas the API does not expose (SPEC.md "Architecture"; security-compliance.md 1.4).

create schema api;
comment on schema api is
  'The Data API: the only schema PostgREST exposes. Holds functions only, never tables or views.';

-- PostgREST switches to these roles per request; they need to see the schema to call anything in it.
grant usage on schema api to anon, authenticated, service_role;

-- PostgreSQL lets PUBLIC execute every new function. From here on, no function the migration role
-- creates, in any schema, is callable until a migration grants it in a line of its own (SB-04,
-- SB-07). Hosted Supabase's extra default grants to anon and authenticated apply to schema public
-- only, which this project does not use.
alter default privileges revoke execute on functions from public;

-- Who is calling, as the database sees it. /api/health calls this to prove the database answers, and
-- tests use it to check which role and user a request runs as. It reveals only the caller's own
-- identity, so every API role may call it; security invoker, so it runs with the caller's rights.
create function api.whoami(out role text, out user_id uuid, out email text)
language sql
stable
security invoker
set search_path = ''
as $$
  select current_user::text, auth.uid(), auth.email()
$$;
comment on function api.whoami() is
  'The calling database role (anon, authenticated or service_role), and the signed-in user''s id and e-mail when there is one.';

grant execute on function api.whoami() to anon, authenticated, service_role;
