-- Local demo data only: run on a fresh local database after the migrations (`npm run db:reset`,
-- `supabase db reset`). Never run against a hosted project. Everything here is fictitious.

-- ===========================================================================================
-- 1. Demo Auth users (SPEC.md "Local contract"). Password for all three: Innovation-2026!
--    Written as hosted Supabase's own seeds write Auth users, so the file also works with
--    `supabase start`: bcrypt through pgcrypto, the token columns '' rather than null (GoTrue
--    cannot read null there), and an e-mail identity per user. Fixed ids, so later sections and
--    tests can refer to the accounts.
--      00000000-0000-4000-a000-000000000001  samordnare@example.se           (coordinator)
--      00000000-0000-4000-a000-000000000002  granskare.skovde@example.se     (reviewer, Skövde)
--      00000000-0000-4000-a000-000000000003  granskare.lidkoping@example.se  (reviewer, Lidköping)
--    Their reviewer roles and municipalities are given in the sections below.
-- ===========================================================================================

insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  email_change_token_current, phone_change, phone_change_token, reauthentication_token,
  is_sso_user, is_anonymous
)
select
  '00000000-0000-0000-0000-000000000000', demo.id, 'authenticated', 'authenticated', demo.email,
  extensions.crypt('Innovation-2026!', extensions.gen_salt('bf')), now(),
  '{"provider": "email", "providers": ["email"]}', jsonb_build_object('name', demo.name), now(), now(),
  '', '', '', '', '', '', '', '',
  false, false
from (
  values
    ('00000000-0000-4000-a000-000000000001'::uuid, 'samordnare@example.se', 'Sam Samordnare'),
    ('00000000-0000-4000-a000-000000000002'::uuid, 'granskare.skovde@example.se', 'Greta Granskare'),
    ('00000000-0000-4000-a000-000000000003'::uuid, 'granskare.lidkoping@example.se', 'Lars Granskare')
) as demo (id, email, name);

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select
  users.id, users.id::text, users.id,
  jsonb_build_object('sub', users.id::text, 'email', users.email, 'email_verified', true, 'phone_verified', false),
  'email', now(), now(), now()
from auth.users
where users.id in (
  '00000000-0000-4000-a000-000000000001',
  '00000000-0000-4000-a000-000000000002',
  '00000000-0000-4000-a000-000000000003'
);
