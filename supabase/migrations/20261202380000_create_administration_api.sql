-- Why: a region that takes the sluice over must run it without a developer (issue 15): invite its
-- reviewers, change their role and scope, deactivate one who leaves, revise the criteria's texts and
-- weights, and add or change municipalities and areas. Until now all of that was seed data or SQL by
-- hand. Each change is one function here: one transaction, the caller checked in SQL (an active
-- coordinator, private.require_coordinator), row-level security on every table it writes, and one
-- row in the append-only audit trail (20261202360000) saying who changed what.
--
-- Reviewers. The Auth account is made first, by the function, with the Auth admin API's
-- generate_link (type invite; the secret key never leaves the server): Auth then holds the one-time
-- token and the user. api.invite_reviewer gives that user a reviewer row and queues a Swedish
-- invitation through the outbox with the token's hash, which the welcome page exchanges for a session
-- while the person chooses a password. The token is removed from the outbox row once it is sent (as
-- the status token of a receipt). Deactivation ends every session at once (the trigger of
-- 20261202300000) and every api function refuses an inactive reviewer on the next call
-- (private.current_reviewer checks `active`). A coordinator cannot deactivate themselves, and no
-- change may leave the sluice without an active coordinator: the coordinators' rows are locked first,
-- so two coordinators cannot deactivate each other at the same moment.
--
-- Criteria. A revision is a new row in app.criteria_versions; nothing is updated. A score points at
-- the version it was given against (app.scores.criteria_version_id), and the aggregates already
-- weigh each score by its own version's weight (20261202340300, 20261202370500), so an existing score
-- and its means do not move when a weight changes; new scores are given against the new version.
--
-- Municipalities and areas: added and changed in place (a code or an area's id never changes; ideas
-- reference them). Deactivating keeps their ideas and takes them off the form at once, since
-- api.list_form_options reads the active rows; the idea bank's filter pages follow at the next build.

-- Private helpers ---------------------------------------------------------------------------------------
-- security definer (both): the e-mail addresses and sign-in facts live in Supabase Auth's tables,
-- which api_owner may not read (decision 0003). Each answers only an active coordinator.

create function private.reviewer_accounts()
returns table (user_id uuid, email text, last_sign_in_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select u.id, u.email::text, u.last_sign_in_at
  from auth.users u
  join app.reviewers r on r.user_id = u.id
  where private.is_coordinator()
$$;
comment on function private.reviewer_accounts() is
  'The e-mail address and last sign-in of every reviewer account, for an active coordinator only (empty for anyone else). security definer: reads auth.users.';
revoke execute on function private.reviewer_accounts() from public;
grant execute on function private.reviewer_accounts() to api_owner;

create function private.auth_user_by_email(email text)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select u.id
  from auth.users u
  where lower(u.email) = lower(btrim(auth_user_by_email.email))
    and private.is_coordinator()
$$;
comment on function private.auth_user_by_email(text) is
  'The Auth user with the address, for an active coordinator only (null for anyone else): the account the invitation''s generate_link made. security definer: reads auth.users.';
revoke execute on function private.auth_user_by_email(text) from public;
grant execute on function private.auth_user_by_email(text) to api_owner;

-- One reviewer as the admin pages show them.
create function private.reviewer_json(user_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'user_id', r.user_id,
    'name', r.display_name,
    'email', a.email,
    'role', r.role,
    'municipality', case when m.code is null then null else jsonb_build_object('code', m.code, 'name', m.name) end,
    'active', r.active,
    'signed_in', a.last_sign_in_at is not null,
    'created_at', r.created_at
  )
  from app.reviewers r
  left join private.reviewer_accounts() a on a.user_id = r.user_id
  left join app.municipalities m on m.code = r.municipality_code
  where r.user_id = reviewer_json.user_id
$$;
comment on function private.reviewer_json(uuid) is
  'One reviewer for the admin pages: {user_id, name, email, role, municipality {code, name} | null, active, signed_in, created_at}.';
revoke execute on function private.reviewer_json(uuid) from public;
grant execute on function private.reviewer_json(uuid) to api_owner;

-- Checks a role and a scope: IS002 invalid {field} when wrong.
create function private.check_reviewer_role_and_scope(role text, municipality_code text)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if check_reviewer_role_and_scope.role is null or check_reviewer_role_and_scope.role not in ('reviewer', 'coordinator') then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'role';
  end if;
  if check_reviewer_role_and_scope.municipality_code is not null and not exists (
    select 1 from app.municipalities m where m.code = check_reviewer_role_and_scope.municipality_code and m.active
  ) then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'municipality_code';
  end if;
end;
$$;
comment on function private.check_reviewer_role_and_scope(text, text) is
  'Raises IS002 invalid (detail role or municipality_code) unless the role is reviewer or coordinator and the scope null (regional) or an active municipality.';
revoke execute on function private.check_reviewer_role_and_scope(text, text) from public;
grant execute on function private.check_reviewer_role_and_scope(text, text) to api_owner;

-- Privileges and policies ---------------------------------------------------------------------------------
grant insert (user_id, display_name, role, municipality_code) on app.reviewers to api_owner;
grant update (display_name, role, municipality_code, active) on app.reviewers to api_owner;
create policy "coordinators add reviewers" on app.reviewers
  for insert to api_owner
  with check ((select private.is_coordinator()));
create policy "coordinators change reviewers" on app.reviewers
  for update to api_owner
  using ((select private.is_coordinator()))
  with check ((select private.is_coordinator()));

grant insert (criterion_id, version, name, description, level_descriptors, weight) on app.criteria_versions to api_owner;
create policy "coordinators add criteria versions" on app.criteria_versions
  for insert to api_owner
  with check ((select private.is_coordinator()));

grant insert (code, name, email_domains, active) on app.municipalities to api_owner;
grant update (name, email_domains, active) on app.municipalities to api_owner;
create policy "coordinators add municipalities" on app.municipalities
  for insert to api_owner
  with check ((select private.is_coordinator()));
create policy "coordinators change municipalities" on app.municipalities
  for update to api_owner
  using ((select private.is_coordinator()))
  with check ((select private.is_coordinator()));

grant insert (id, name, sort_order, active) on app.areas to api_owner;
grant update (name, sort_order, active) on app.areas to api_owner;
create policy "coordinators add areas" on app.areas
  for insert to api_owner
  with check ((select private.is_coordinator()));
create policy "coordinators change areas" on app.areas
  for update to api_owner
  using ((select private.is_coordinator()))
  with check ((select private.is_coordinator()));

-- The invitation is the second e-mail about no idea. One insert policy per role and action.
drop policy "e-mails are queued about an idea in scope, or as the digest" on app.email_outbox;
create policy "e-mails are queued in scope, as the digest or an invitation" on app.email_outbox
  for insert to api_owner
  with check (
    status = 'pending' and (
      (
        idea_id is not null
        and (private.is_received_now(idea_id) or private.can_see_idea(idea_id) or private.holds_status_token(idea_id))
      )
      or (idea_id is null and template = 'weekly_digest' and (select private.is_server_with_secret_key()))
      or (idea_id is null and template = 'reviewer_invitation' and (select private.is_coordinator()))
    )
  );

-- The sender removes the invitation's token once sent, or when the e-mail dies, as it does a receipt's.
create or replace function api.mark_outbox_email_sent(email_id bigint)
returns boolean
language sql
volatile
security definer
set search_path = ''
as $$
  with sent as (
    update app.email_outbox o
    set status = 'sent', sent_at = now(), locked_until = null, last_error = null,
      payload = o.payload - 'status_token' - 'invitation_token'
    where o.id = email_id and o.status = 'pending'
    returning o.id
  )
  select exists (select 1 from sent)
$$;
comment on function api.mark_outbox_email_sent(bigint) is
  'Records that an e-mail was handed to the mail server and removes the status token (a receipt) or invitation token (an invitation) from its payload. False when it was not pending.';

create or replace function api.mark_outbox_email_failed(email_id bigint, error text, permanent boolean default false)
returns text
language sql
volatile
security definer
set search_path = ''
as $$
  -- Back-off 1, 2, 4 … minutes, at most six hours; after eight attempts, or a permanent error, the
  -- row is dead and keeps no token.
  with failed as (
    update app.email_outbox o
    set status = case when permanent or o.attempts >= 8 then 'dead' else 'pending' end,
      locked_until = null,
      last_error = left(coalesce(error, 'okänt fel'), 500),
      send_after = now() + least(make_interval(mins => power(2, greatest(o.attempts - 1, 0))::integer),
        interval '6 hours'),
      payload = case when permanent or o.attempts >= 8 then o.payload - 'status_token' - 'invitation_token'
        else o.payload end
    where o.id = email_id and o.status = 'pending'
    returning o.status
  )
  select status from failed
$$;
comment on function api.mark_outbox_email_failed(bigint, text, boolean) is
  'Records a failed attempt: pending again after a back-off, or dead after eight attempts or a permanent error (then without its token). Returns the new status, null when the row was not pending.';

-- api.list_reviewers ------------------------------------------------------------------------------------
create function api.list_reviewers()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('list_reviewers');
begin
  return coalesce((
    select jsonb_agg(private.reviewer_json(r.user_id) order by r.active desc, r.display_name, r.user_id)
    from app.reviewers r
  ), '[]'::jsonb);
end;
$$;
comment on function api.list_reviewers() is
  'Coordinators list every reviewer account, active first, by name: [{user_id, name, email, role, municipality {code, name} | null (regional), active, signed_in, created_at}]. Errors: 42501 not_reviewer / coordinator_only.';
alter function api.list_reviewers() owner to api_owner;
revoke execute on function api.list_reviewers() from public, anon;
grant execute on function api.list_reviewers() to authenticated, service_role;

-- api.invite_reviewer -----------------------------------------------------------------------------------
create function api.invite_reviewer(
  email text,
  display_name text,
  role text,
  municipality_code text,
  invitation_token text
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('invite_reviewer');
  v_email text := lower(btrim(coalesce(invite_reviewer.email, '')));
  v_name text := btrim(coalesce(invite_reviewer.display_name, ''));
  v_code text := nullif(btrim(invite_reviewer.municipality_code), '');
  v_user_id uuid;
  v_municipality text;
  v_again boolean;
begin
  if v_email !~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@]+$' or length(v_email) > 254 then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'email';
  end if;
  if length(v_name) not between 1 and 150 then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'display_name';
  end if;
  perform private.check_reviewer_role_and_scope(invite_reviewer.role, v_code);
  if invite_reviewer.invitation_token is null or invite_reviewer.invitation_token !~ '^[A-Za-z0-9_-]{20,200}$' then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'invitation_token';
  end if;

  v_user_id := private.auth_user_by_email(v_email);
  if v_user_id is null then
    raise exception using errcode = 'PT404', message = 'account_missing';
  end if;
  -- Invited before but never signed in (the link ran out, the e-mail was lost): invited again, with
  -- the name, role and scope given now; generate_link has already replaced the old token.
  v_again := exists (select 1 from app.reviewers r where r.user_id = v_user_id);
  if v_again then
    if exists (select 1 from private.reviewer_accounts() a where a.user_id = v_user_id and a.last_sign_in_at is not null) then
      raise exception using errcode = 'PT409', message = 'already_reviewer';
    end if;
    update app.reviewers r
    set display_name = v_name, role = invite_reviewer.role, municipality_code = v_code, active = true
    where r.user_id = v_user_id;
  else
    insert into app.reviewers (user_id, display_name, role, municipality_code)
    values (v_user_id, v_name, invite_reviewer.role, v_code);
  end if;

  select m.name into v_municipality from app.municipalities m where m.code = v_code;
  insert into app.email_outbox (idea_id, template, recipient, payload)
  values (null, 'reviewer_invitation', v_email, jsonb_build_object(
    'locale', 'sv', 'name', v_name, 'invited_by', v_caller.display_name, 'role', invite_reviewer.role,
    'municipality', v_municipality, 'invitation_token', invite_reviewer.invitation_token));

  perform private.audit(case when v_again then 'reviewer_invited_again' else 'reviewer_invited' end,
    'reviewer_account', null, null,
    jsonb_build_object('user_id', v_user_id, 'role', invite_reviewer.role, 'municipality_code', v_code),
    private.person_hash(v_email));
  return private.reviewer_json(v_user_id);
end;
$$;
comment on function api.invite_reviewer(text, text, text, text, text) is
  'A coordinator makes the Auth account made by generate_link (type invite) a reviewer with a name, a role (reviewer or coordinator) and a scope (a municipality code, or null for regional), and queues the Swedish invitation with the one-time token''s hash. Audited (reviewer_invited, the address as a keyed hash). Returns the reviewer as api.list_reviewers does. Errors: 42501 not_reviewer / coordinator_only; IS002 invalid (detail: email, display_name, role, municipality_code, invitation_token); PT404 account_missing (no Auth user with the address); PT409 already_reviewer (a reviewer who has signed in). A reviewer invited before who never signed in is invited again (reviewer_invited_again), with the name, role and scope given now.';
alter function api.invite_reviewer(text, text, text, text, text) owner to api_owner;
revoke execute on function api.invite_reviewer(text, text, text, text, text) from public, anon;
grant execute on function api.invite_reviewer(text, text, text, text, text) to authenticated, service_role;

-- api.update_reviewer -----------------------------------------------------------------------------------
create function api.update_reviewer(user_id uuid, role text, municipality_code text, active boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('update_reviewer');
  v_code text := nullif(btrim(update_reviewer.municipality_code), '');
  v_old app.reviewers;
  v_coordinators_left integer;
begin
  if update_reviewer.active is null then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'active';
  end if;
  -- The active coordinators first, always in the same order: two coordinators changing each other at
  -- the same moment wait for one another, and the count below is the count after the other's change.
  perform 1 from app.reviewers r where r.role = 'coordinator' and r.active order by r.user_id for update;
  select r.* into v_old from app.reviewers r where r.user_id = update_reviewer.user_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;
  -- An old scope that is no longer active may stay as it is.
  if v_code is distinct from v_old.municipality_code or update_reviewer.role is distinct from v_old.role then
    perform private.check_reviewer_role_and_scope(update_reviewer.role, v_code);
  end if;
  if v_old.user_id = v_caller.user_id and not update_reviewer.active then
    raise exception using errcode = 'PT409', message = 'cannot_deactivate_self';
  end if;
  if v_old.role = 'coordinator' and v_old.active and (update_reviewer.role <> 'coordinator' or not update_reviewer.active) then
    select count(*) into v_coordinators_left
    from app.reviewers r
    where r.role = 'coordinator' and r.active and r.user_id <> v_old.user_id;
    if v_coordinators_left = 0 then
      raise exception using errcode = 'PT409', message = 'last_coordinator';
    end if;
  end if;

  if v_old.role is distinct from update_reviewer.role or v_old.municipality_code is distinct from v_code
    or v_old.active is distinct from update_reviewer.active then
    -- Deactivation ends every session of the reviewer (trigger reviewers_end_sessions_when_deactivated).
    update app.reviewers r
    set role = update_reviewer.role, municipality_code = v_code, active = update_reviewer.active
    where r.user_id = v_old.user_id;
    perform private.audit(
      case
        when v_old.active and not update_reviewer.active then 'reviewer_deactivated'
        when not v_old.active and update_reviewer.active then 'reviewer_reactivated'
        else 'reviewer_changed'
      end,
      'reviewer_account', null, null,
      jsonb_build_object('user_id', v_old.user_id,
        'old', jsonb_build_object('role', v_old.role, 'municipality_code', v_old.municipality_code, 'active', v_old.active),
        'new', jsonb_build_object('role', update_reviewer.role, 'municipality_code', v_code, 'active', update_reviewer.active)));
  end if;
  return private.reviewer_json(v_old.user_id);
end;
$$;
comment on function api.update_reviewer(uuid, text, text, boolean) is
  'A coordinator sets a reviewer''s role, scope (municipality code, null = regional) and whether active. Deactivating ends every session at once; the reviewer is refused on the next request. Audited (reviewer_changed, reviewer_deactivated, reviewer_reactivated with old and new values) when anything changed. Returns the reviewer as api.list_reviewers does. Errors: 42501 not_reviewer / coordinator_only; PT404 not_found; IS002 invalid (role, municipality_code, active); PT409 cannot_deactivate_self, last_coordinator (no active coordinator would be left).';
alter function api.update_reviewer(uuid, text, text, boolean) owner to api_owner;
revoke execute on function api.update_reviewer(uuid, text, text, boolean) from public, anon;
grant execute on function api.update_reviewer(uuid, text, text, boolean) to authenticated, service_role;

-- api.list_criteria_versions ------------------------------------------------------------------------------
create function api.list_criteria_versions()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('list_criteria_versions');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'slug', c.id,
      'active', c.active,
      'versions', (
        select jsonb_agg(jsonb_build_object(
          'version', cv.version, 'name', cv.name, 'description', cv.description,
          'levels', to_jsonb(cv.level_descriptors), 'weight', cv.weight, 'valid_from', cv.valid_from,
          'scores', (select count(*) from app.scores s where s.criteria_version_id = cv.id)
        ) order by cv.version desc)
        from app.criteria_versions cv where cv.criterion_id = c.id
      )
    ) order by c.sort_order, c.id)
    from app.criteria c
  ), '[]'::jsonb);
end;
$$;
comment on function api.list_criteria_versions() is
  'Coordinators see every criterion with all its versions, newest first: [{slug, active, versions: [{version, name, description, levels (five texts, score 1–5), weight, valid_from, scores (how many scores were given against it)}]}]. Errors: 42501 not_reviewer / coordinator_only.';
alter function api.list_criteria_versions() owner to api_owner;
revoke execute on function api.list_criteria_versions() from public, anon;
grant execute on function api.list_criteria_versions() to authenticated, service_role;

-- api.revise_criterion ----------------------------------------------------------------------------------
create function api.revise_criterion(
  slug text,
  name text,
  description text,
  levels text[],
  weight numeric
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('revise_criterion');
  v_name text := btrim(coalesce(revise_criterion.name, ''));
  v_description text := btrim(coalesce(revise_criterion.description, ''));
  v_levels text[];
  v_current app.criteria_versions;
  v_version integer;
begin
  if not exists (select 1 from app.criteria c where c.id = revise_criterion.slug) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;
  if length(v_name) not between 1 and 100 then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'name';
  end if;
  if length(v_description) not between 1 and 2000 then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'description';
  end if;
  select array_agg(btrim(l) order by o) into v_levels from unnest(revise_criterion.levels) with ordinality as x(l, o);
  if coalesce(cardinality(v_levels), 0) <> 5
    or exists (select 1 from unnest(v_levels) l where l is null or length(l) not between 1 and 500) then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'levels';
  end if;
  if revise_criterion.weight is null or revise_criterion.weight not between 0.1 and 10
    or revise_criterion.weight <> round(revise_criterion.weight, 2) then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'weight';
  end if;

  -- Two revisions at the same moment: the second fails on unique (criterion_id, version).
  select cv.* into v_current from app.criteria_versions cv
  where cv.criterion_id = revise_criterion.slug order by cv.version desc limit 1;
  if v_current.name = v_name and v_current.description = v_description
    and v_current.level_descriptors = v_levels and v_current.weight = revise_criterion.weight then
    raise exception using errcode = 'PT409', message = 'unchanged';
  end if;
  v_version := coalesce(v_current.version, 0) + 1;

  insert into app.criteria_versions (criterion_id, version, name, description, level_descriptors, weight)
  values (revise_criterion.slug, v_version, v_name, v_description, v_levels, revise_criterion.weight);

  perform private.audit('criterion_revised', 'criteria', null, null,
    jsonb_build_object('slug', revise_criterion.slug, 'version', v_version,
      'old', jsonb_build_object('version', v_current.version, 'name', v_current.name, 'weight', v_current.weight),
      'new', jsonb_build_object('name', v_name, 'weight', revise_criterion.weight),
      'texts_changed', v_current.description is distinct from v_description
        or v_current.level_descriptors is distinct from v_levels));
  return jsonb_build_object('slug', revise_criterion.slug, 'version', v_version, 'name', v_name,
    'description', v_description, 'levels', to_jsonb(v_levels), 'weight', revise_criterion.weight);
end;
$$;
comment on function api.revise_criterion(text, text, text, text[], numeric) is
  'A coordinator revises a criterion as a new version (name, description, five level texts, weight 0.1–10 with two decimals); existing scores keep the version they were given against, new scores use the new one. Audited (criterion_revised). Returns {slug, version, name, description, levels, weight}. Errors: 42501 not_reviewer / coordinator_only; PT404 not_found; IS002 invalid (name, description, levels, weight); PT409 unchanged.';
alter function api.revise_criterion(text, text, text, text[], numeric) owner to api_owner;
revoke execute on function api.revise_criterion(text, text, text, text[], numeric) from public, anon;
grant execute on function api.revise_criterion(text, text, text, text[], numeric) to authenticated, service_role;

-- api.list_places ------------------------------------------------------------------------------------
create function api.list_places()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('list_places');
begin
  return jsonb_build_object(
    'municipalities', coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name,
        'email_domains', to_jsonb(m.email_domains), 'active', m.active) order by m.name)
      from app.municipalities m
    ), '[]'::jsonb),
    'areas', coalesce((
      select jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'sort_order', a.sort_order,
        'active', a.active) order by a.sort_order, a.name)
      from app.areas a
    ), '[]'::jsonb)
  );
end;
$$;
comment on function api.list_places() is
  'Coordinators see every municipality and area, inactive ones too: {municipalities: [{code, name, email_domains, active}] by name, areas: [{id, name, sort_order, active}] in their order}. Errors: 42501 not_reviewer / coordinator_only.';
alter function api.list_places() owner to api_owner;
revoke execute on function api.list_places() from public, anon;
grant execute on function api.list_places() to authenticated, service_role;

-- api.save_municipality ---------------------------------------------------------------------------------
create function api.save_municipality(code text, name text, email_domains text[], active boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('save_municipality');
  v_code text := btrim(coalesce(save_municipality.code, ''));
  v_name text := btrim(coalesce(save_municipality.name, ''));
  v_domains text[];
  v_old app.municipalities;
begin
  if v_code !~ '^[0-9]{4}$' then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'code';
  end if;
  if length(v_name) not between 1 and 100 then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'name';
  end if;
  select array_agg(distinct lower(btrim(d))) into v_domains
  from unnest(save_municipality.email_domains) d where btrim(coalesce(d, '')) <> '';
  if coalesce(cardinality(v_domains), 0) not between 1 and 20
    or exists (select 1 from unnest(v_domains) d
      where d !~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' or length(d) > 253) then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'email_domains';
  end if;
  if save_municipality.active is null then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'active';
  end if;
  if exists (select 1 from app.municipalities m where lower(m.name) = lower(v_name) and m.code <> v_code) then
    raise exception using errcode = 'PT409', message = 'name_taken';
  end if;

  select m.* into v_old from app.municipalities m where m.code = v_code for update;
  if found then
    update app.municipalities m
    set name = v_name, email_domains = v_domains, active = save_municipality.active
    where m.code = v_code;
  else
    insert into app.municipalities (code, name, email_domains, active)
    values (v_code, v_name, v_domains, save_municipality.active);
  end if;
  perform private.audit(case when v_old.code is null then 'municipality_added' else 'municipality_changed' end,
    'reference_data', null, null,
    jsonb_build_object('code', v_code,
      'old', case when v_old.code is null then null else jsonb_build_object('name', v_old.name,
        'email_domains', to_jsonb(v_old.email_domains), 'active', v_old.active) end,
      'new', jsonb_build_object('name', v_name, 'email_domains', to_jsonb(v_domains), 'active', save_municipality.active)));
  return jsonb_build_object('code', v_code, 'name', v_name, 'email_domains', to_jsonb(v_domains),
    'active', save_municipality.active, 'created', v_old.code is null);
end;
$$;
comment on function api.save_municipality(text, text, text[], boolean) is
  'A coordinator adds a municipality (a new official code) or changes one (name, staff e-mail domains, active). The idea form''s choices follow at once (api.list_form_options). Audited (municipality_added / municipality_changed). Returns {code, name, email_domains, active, created}. Errors: 42501 not_reviewer / coordinator_only; IS002 invalid (code, name, email_domains, active); PT409 name_taken.';
alter function api.save_municipality(text, text, text[], boolean) owner to api_owner;
revoke execute on function api.save_municipality(text, text, text[], boolean) from public, anon;
grant execute on function api.save_municipality(text, text, text[], boolean) to authenticated, service_role;

-- api.save_area -------------------------------------------------------------------------------------------
create function api.save_area(id text, name text, sort_order integer, active boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.require_coordinator('save_area');
  v_name text := btrim(coalesce(save_area.name, ''));
  v_id text := nullif(btrim(save_area.id), '');
  v_old app.areas;
begin
  if length(v_name) not between 1 and 100 then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'name';
  end if;
  if save_area.sort_order is null or save_area.sort_order not between 0 and 10000 then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'sort_order';
  end if;
  if save_area.active is null then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'active';
  end if;
  if v_id is null then
    -- A new area's id is its name as a slug (vård och omsorg → vard-och-omsorg); it never changes.
    v_id := btrim(regexp_replace(translate(lower(v_name), 'åäöéü', 'aaoeu'), '[^a-z0-9]+', '-', 'g'), '-');
    if v_id = '' or exists (select 1 from app.areas a where a.id = v_id) then
      raise exception using errcode = 'PT409', message = 'name_taken';
    end if;
  elsif not exists (select 1 from app.areas a where a.id = v_id) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;
  if exists (select 1 from app.areas a where lower(a.name) = lower(v_name) and a.id <> v_id) then
    raise exception using errcode = 'PT409', message = 'name_taken';
  end if;

  select a.* into v_old from app.areas a where a.id = v_id for update;
  if found then
    update app.areas a set name = v_name, sort_order = save_area.sort_order, active = save_area.active
    where a.id = v_id;
  else
    insert into app.areas (id, name, sort_order, active) values (v_id, v_name, save_area.sort_order, save_area.active);
  end if;
  perform private.audit(case when v_old.id is null then 'area_added' else 'area_changed' end,
    'reference_data', null, null,
    jsonb_build_object('id', v_id,
      'old', case when v_old.id is null then null else jsonb_build_object('name', v_old.name,
        'sort_order', v_old.sort_order, 'active', v_old.active) end,
      'new', jsonb_build_object('name', v_name, 'sort_order', save_area.sort_order, 'active', save_area.active)));
  return jsonb_build_object('id', v_id, 'name', v_name, 'sort_order', save_area.sort_order,
    'active', save_area.active, 'created', v_old.id is null);
end;
$$;
comment on function api.save_area(text, text, integer, boolean) is
  'A coordinator adds an area (id null: its id is made from the name) or changes one (name, order 0–10000, active). The idea form''s choices follow at once. Audited (area_added / area_changed). Returns {id, name, sort_order, active, created}. Errors: 42501 not_reviewer / coordinator_only; IS002 invalid (name, sort_order, active); PT404 not_found (no area with the id); PT409 name_taken.';
alter function api.save_area(text, text, integer, boolean) owner to api_owner;
revoke execute on function api.save_area(text, text, integer, boolean) from public, anon;
grant execute on function api.save_area(text, text, integer, boolean) to authenticated, service_role;
