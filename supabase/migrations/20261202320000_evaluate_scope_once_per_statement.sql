-- Why: measured at 100 000 ideas (notes/sql-at-scale.md, point 1), the select policies on app.ideas
-- and app.assignments called private.can_see_idea(id) for every row: each call looks the idea and the
-- reviewer up again and parses the JWT. The same rule, written with the caller's facts as scalar
-- subqueries – `municipality_code = (select private.reviewer_municipality())` – is evaluated once
-- per statement (an initplan) and leaves a plain column comparison per row. The semantics are
-- unchanged: an active reviewer without a municipality (regional staff, coordinators) sees every
-- idea; a coach sees their municipality's ideas and those shared regionally; anyone sees a
-- published idea; the holder of a status token sees that one idea.
--
-- Also here, because it is the same kind of rule: who may read the bearer's contact details. Until
-- now every reviewer who could see an idea could read its bearer. A coach of another municipality
-- sees a regionally shared idea so that the region can develop it together – not to contact its
-- bearer – so the bearer's name, e-mail and phone are now read only by regional staff, coordinators
-- and the coach of the idea's own municipality (data minimisation, GDPR Art. 5(1)(c)).
-- api.ask_bearer still lets every reviewer in scope put a question to the bearer: the e-mail is
-- addressed through private.bearer_recipient, and the caller never sees the address.
--
-- Errors follow decision 0007: the message is a rule key, the detail a field or facts.

-- The caller's facts, once per statement -----------------------------------------------------------
-- security definer, like the other caller helpers (20261127100100): they read app.reviewers, whose
-- own policy calls a helper; as their owner they read it directly and say only something about the
-- caller.
create function private.reviewer_municipality()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select r.municipality_code from app.reviewers r where r.user_id = (select auth.uid()) and r.active
$$;
comment on function private.reviewer_municipality() is
  'The municipality of the calling active reviewer (a coach), or null for regional staff, coordinators and anyone who is not an active reviewer. Use as (select private.reviewer_municipality()) so it is evaluated once per statement.';

create function private.is_regional_reviewer()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from app.reviewers r
    where r.user_id = (select auth.uid()) and r.active and r.municipality_code is null
  )
$$;
comment on function private.is_regional_reviewer() is
  'True when the caller is an active reviewer or coordinator without a municipality: they see every idea.';

create function private.can_see_bearer(idea_id uuid)
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
    where i.id = can_see_bearer.idea_id
      and (r.municipality_code is null or r.municipality_code = i.municipality_code)
  )
$$;
comment on function private.can_see_bearer(uuid) is
  'Whether the caller may read the idea''s bearer (name, e-mail, phone, co-bearers): regional staff and coordinators (no municipality) and the coach of the idea''s own municipality. Not a coach who sees the idea only because it is shared regionally (GDPR Art. 5(1)(c)).';

create function private.bearer_recipient(idea_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select b.email from app.idea_bearers b
  where b.idea_id = bearer_recipient.idea_id and private.can_see_idea(bearer_recipient.idea_id)
$$;
comment on function private.bearer_recipient(uuid) is
  'The bearer''s e-mail address as the recipient of an e-mail queued for an idea the caller may see. security definer: a coach of another municipality may ask a shared idea''s bearer a question without being able to read the address (it goes only into the outbox, which no reviewer reads).';

revoke execute on function private.reviewer_municipality(), private.is_regional_reviewer(),
  private.can_see_bearer(uuid), private.bearer_recipient(uuid)
  from public;
grant execute on function private.reviewer_municipality(), private.is_regional_reviewer(),
  private.can_see_bearer(uuid), private.bearer_recipient(uuid)
  to api_owner;

-- Policies: the same rules, evaluated once per statement ---------------------------------------------
drop policy "ideas are read in scope, by their token holder or if published" on app.ideas;
create policy "ideas are read in scope, by their token holder or if published"
  on app.ideas for select to api_owner
  using (
    published_at is not null
    or municipality_code = (select private.reviewer_municipality())
    or (select private.is_regional_reviewer())
    or (shared_regionally and (select private.is_active_reviewer()))
    or id = (select private.status_token_idea())
  );

-- Regional staff skip the per-row check; for a coach it is the same per-row rule as before.
drop policy "reviewers in scope read the assignments" on app.assignments;
create policy "reviewers in scope read the assignments" on app.assignments
  for select to api_owner
  using ((select private.is_regional_reviewer()) or private.can_see_idea(idea_id));

drop policy "reviewers in scope read the bearer" on app.idea_bearers;
create policy "regional staff and the idea's own coach read the bearer" on app.idea_bearers
  for select to api_owner
  using (private.can_see_bearer(idea_id));

-- api.ask_bearer: the e-mail through private.bearer_recipient -----------------------------------------
-- Otherwise as 20261202150000_raise_rule_keys left it: the same checks, in the same order, with the
-- same rule keys.
create or replace function api.ask_bearer(idea_id uuid, expected_state text, question text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_question text := nullif(btrim(ask_bearer.question), '');
  v_current text;
  v_reference text;
begin
  if not private.can_see_idea(ask_bearer.idea_id) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;
  if v_question is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'question';
  end if;
  if length(v_question) > 4000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'question';
  end if;

  select i.state, i.reference into v_current, v_reference from app.ideas i where i.id = ask_bearer.idea_id for update;
  if v_current is distinct from expected_state then
    raise exception using errcode = 'PT409', message = 'stale_state',
      detail = jsonb_build_object('current', v_current)::text;
  end if;
  if v_current = 'in_review' then
    perform private.transition_idea(ask_bearer.idea_id, 'in_review', 'needs_info', v_reviewer.role,
      v_reviewer.user_id, 'Granskaren ställde en fråga till idébäraren.', null);
  elsif v_current <> 'needs_info' then
    raise exception using errcode = 'IS001', message = 'questions_only_in_review',
      detail = jsonb_build_object('current', v_current)::text;
  end if;

  insert into app.messages (idea_id, direction, author_id, body)
  values (ask_bearer.idea_id, 'to_bearer', v_reviewer.user_id, v_question);

  insert into app.email_outbox (idea_id, template, recipient, payload)
  select ask_bearer.idea_id, 'question_to_bearer', recipient.email, jsonb_build_object('reference', v_reference)
  from (select private.bearer_recipient(ask_bearer.idea_id) as email) recipient
  where recipient.email is not null;

  return jsonb_build_object('reference', v_reference, 'state', 'needs_info');
end;
$$;
comment on function api.ask_bearer(uuid, text, text) is
  'A reviewer in scope asks the bearer a question: stores it, moves an idea under review to needs_info and queues an e-mail pointing the bearer to the status page. Errors: PT404 not_found, IS002 missing/too_long (question), PT409 stale_state {current}, IS001 questions_only_in_review {current}.';
