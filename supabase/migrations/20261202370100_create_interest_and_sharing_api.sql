-- Why: the point of a shared sluice is that an idea is developed once and spread to all (SPEC "One
-- sluice, fifteen municipalities"). Issue 14 opens the two things that make that visible:
--
-- * Interest. Any reviewer registers that their municipality wants to join an idea, co-fund it, or
--   has implemented it, and withdraws it again. app.municipality_interest has existed since the
--   first migrations without a way to write it. A coach acts for their own municipality only;
--   regional staff and coordinators, who have no municipality, name the one they act for (after a
--   meeting with it, say). The idea bank shows who has implemented an idea and who wants to join.
-- * Regional sharing. A coordinator, or the coach of the idea's own municipality, shares an idea
--   with the region so that every coach sees it (the queue and the policies already follow
--   app.ideas.shared_regionally), or stops sharing it.
--
-- Errors follow decision 0007: codes and rule keys; src/domain/review/messages.ts writes the texts.

-- Who may act for a municipality ----------------------------------------------------------------------
-- security definer, like the other caller helpers: policies call it, and it reads app.reviewers,
-- whose own policy calls a helper. It answers one yes/no question about the caller.
create function private.may_act_for_municipality(municipality_code text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from app.reviewers r
    where r.user_id = (select auth.uid()) and r.active
      and (r.municipality_code is null or r.municipality_code = may_act_for_municipality.municipality_code)
  )
$$;
comment on function private.may_act_for_municipality(text) is
  'Whether the caller may register or withdraw interest on behalf of the municipality: a coach for their own, regional staff and coordinators (no municipality) for any.';
revoke execute on function private.may_act_for_municipality(text) from public;
grant execute on function private.may_act_for_municipality(text) to api_owner;

-- Privileges and policies -----------------------------------------------------------------------------
grant insert, delete on app.municipality_interest to api_owner;

create policy "reviewers register interest for a municipality they act for" on app.municipality_interest
  for insert to api_owner
  with check (
    registered_by = (select auth.uid())
    and private.can_see_idea(idea_id)
    and private.may_act_for_municipality(municipality_code)
  );
create policy "reviewers withdraw interest of a municipality they act for" on app.municipality_interest
  for delete to api_owner
  using (private.can_see_idea(idea_id) and private.may_act_for_municipality(municipality_code));

-- The interest in one idea, as the workspace shows it ---------------------------------------------------
-- Not security definer: runs as api_owner under the select policy (in scope, or published).
create function private.interest_in(idea_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'municipality', jsonb_build_object('code', m.code, 'name', m.name),
    'kind', mi.kind,
    'registered_at', mi.registered_at,
    'registered_by', r.display_name
  ) order by m.name, mi.kind), '[]'::jsonb)
  from app.municipality_interest mi
  join app.municipalities m on m.code = mi.municipality_code
  left join app.reviewers r on r.user_id = mi.registered_by
  where mi.idea_id = interest_in.idea_id
$$;
comment on function private.interest_in(uuid) is
  'The municipalities'' interest in an idea: [{municipality: {code, name}, kind (join, co_fund, implemented), registered_at, registered_by (a name, or null)}], by municipality name.';
revoke execute on function private.interest_in(uuid) from public;
grant execute on function private.interest_in(uuid) to api_owner;

-- The municipality a call acts for ----------------------------------------------------------------------
create function private.interest_municipality(reviewer app.reviewers, given text)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_code text := coalesce(nullif(btrim(given), ''), reviewer.municipality_code);
begin
  if v_code is null then
    -- Regional staff and coordinators have no municipality of their own: they name one.
    raise exception using errcode = 'IS002', message = 'missing', detail = 'municipality';
  end if;
  if not exists (select 1 from app.municipalities m where m.code = v_code and m.active) then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'municipality';
  end if;
  if reviewer.municipality_code is not null and v_code <> reviewer.municipality_code then
    raise exception using errcode = '42501', message = 'not_own_municipality',
      detail = jsonb_build_object('municipality', v_code)::text;
  end if;
  return v_code;
end;
$$;
comment on function private.interest_municipality(app.reviewers, text) is
  'The municipality an interest call acts for: the one given, else the coach''s own. IS002 missing (municipality: regional staff must name one), unknown_value (not an active municipality); 42501 not_own_municipality {municipality} for a coach naming another.';
revoke execute on function private.interest_municipality(app.reviewers, text) from public;
grant execute on function private.interest_municipality(app.reviewers, text) to api_owner;

create function private.interest_kind(kind text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if nullif(btrim(kind), '') is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'kind';
  end if;
  if btrim(kind) not in ('join', 'co_fund', 'implemented') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'kind';
  end if;
  return btrim(kind);
end;
$$;
comment on function private.interest_kind(text) is
  'A kind of interest, checked: join, co_fund or implemented; IS002 missing / unknown_value (kind) otherwise.';
revoke execute on function private.interest_kind(text) from public;
grant execute on function private.interest_kind(text) to api_owner;

-- api.register_interest -------------------------------------------------------------------------------
-- security definer (this and the functions below): the caller (authenticated) holds no table
-- privileges by design; they run as api_owner under the policies.
create function api.register_interest(reference text, kind text, municipality_code text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(register_interest.reference);
  v_kind text := private.interest_kind(register_interest.kind);
  v_code text := private.interest_municipality(v_reviewer, register_interest.municipality_code);
  v_added integer;
begin
  insert into app.municipality_interest (idea_id, municipality_code, kind, registered_by)
  values (v_idea_id, v_code, v_kind, v_reviewer.user_id)
  on conflict on constraint municipality_interest_pkey do nothing;
  get diagnostics v_added = row_count;
  return jsonb_build_object(
    'reference', (select i.reference from app.ideas i where i.id = v_idea_id),
    'municipality', (select jsonb_build_object('code', m.code, 'name', m.name) from app.municipalities m where m.code = v_code),
    'kind', v_kind,
    'added', v_added > 0,
    'interest', private.interest_in(v_idea_id)
  );
end;
$$;
comment on function api.register_interest(text, text, text) is
  'Registers that a municipality wants to join (join) or co-fund (co_fund) an idea in the caller''s scope, or has implemented it (implemented). A coach acts for their own municipality (municipality_code may be left out); regional staff and coordinators name one. Registering it again changes nothing (added: false). Returns {reference, municipality: {code, name}, kind, added, interest: [...]}. Errors: 42501 not_reviewer / not_own_municipality {municipality}; IS002 missing (reference, kind, municipality), unknown_value (kind, municipality); PT404 not_found.';
alter function api.register_interest(text, text, text) owner to api_owner;

-- api.withdraw_interest -------------------------------------------------------------------------------
create function api.withdraw_interest(reference text, kind text, municipality_code text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(withdraw_interest.reference);
  v_kind text := private.interest_kind(withdraw_interest.kind);
  v_code text := private.interest_municipality(v_reviewer, withdraw_interest.municipality_code);
  v_removed integer;
begin
  delete from app.municipality_interest mi
  where mi.idea_id = v_idea_id and mi.municipality_code = v_code and mi.kind = v_kind;
  get diagnostics v_removed = row_count;
  return jsonb_build_object(
    'reference', (select i.reference from app.ideas i where i.id = v_idea_id),
    'municipality', (select jsonb_build_object('code', m.code, 'name', m.name) from app.municipalities m where m.code = v_code),
    'kind', v_kind,
    'removed', v_removed > 0,
    'interest', private.interest_in(v_idea_id)
  );
end;
$$;
comment on function api.withdraw_interest(text, text, text) is
  'Withdraws a municipality''s interest of one kind in an idea in the caller''s scope, with the same rules as api.register_interest. Withdrawing what is not there changes nothing (removed: false). Returns {reference, municipality, kind, removed, interest: [...]}. Errors as api.register_interest.';
alter function api.withdraw_interest(text, text, text) owner to api_owner;

-- api.set_regional_sharing ----------------------------------------------------------------------------
create function api.set_regional_sharing(reference text, shared boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(set_regional_sharing.reference);
  v_idea app.ideas;
begin
  if shared is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'shared';
  end if;
  select i.* into v_idea from app.ideas i where i.id = v_idea_id for update;
  -- A coordinator, or the coach of the idea's own municipality: the one who answers for it locally.
  if not (v_reviewer.role = 'coordinator' or v_reviewer.municipality_code is not distinct from v_idea.municipality_code) then
    raise exception using errcode = '42501', message = 'not_allowed',
      detail = jsonb_build_object('action', 'set_regional_sharing')::text;
  end if;
  if v_idea.shared_regionally is distinct from shared then
    update app.ideas i set shared_regionally = set_regional_sharing.shared where i.id = v_idea_id;
  end if;
  return jsonb_build_object('reference', v_idea.reference, 'shared_regionally', shared,
    'changed', v_idea.shared_regionally is distinct from shared);
end;
$$;
comment on function api.set_regional_sharing(text, boolean) is
  'Shares an idea with the whole region (every coach sees it) or stops sharing it. A coordinator, or the coach of the idea''s own municipality. Returns {reference, shared_regionally, changed}. Errors: 42501 not_reviewer / not_allowed {action: set_regional_sharing}; IS002 missing (reference, shared); PT404 not_found.';
alter function api.set_regional_sharing(text, boolean) owner to api_owner;

revoke execute on function api.register_interest(text, text, text), api.withdraw_interest(text, text, text),
  api.set_regional_sharing(text, boolean)
  from public, anon;
grant execute on function api.register_interest(text, text, text), api.withdraw_interest(text, text, text),
  api.set_regional_sharing(text, boolean)
  to authenticated, service_role;
