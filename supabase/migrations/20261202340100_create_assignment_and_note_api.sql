-- Why: the rest of the reviewers' work on an idea (issue 13). A coordinator assigns reviewers with a
-- due date and takes them off again; the assigned reviewer gets an e-mail. Reviewers write internal
-- notes, reply to them and mention colleagues, who get an e-mail. Both e-mails go through the
-- outbox in the same transaction as the change (RL-05, RL-07), to the reviewer's address in
-- Supabase Auth, which only the outbox ever holds (private.reviewer_recipient).
--
-- E-mail is not a safe channel: the e-mails carry the reference, who assigned or mentioned, the due
-- date and a link to the idea in the workspace – never the note's text, the idea's text or a score
-- (decision 0013). Reviewers' e-mails are written in Swedish, the workspace's language: the trigger
-- that gives every e-mail the bearer's language now keeps a language the payload already names.
--
-- Who may be assigned or mentioned: an active reviewer who has the idea in scope and has not
-- declared jäv for it (private.reviewer_can_see_idea; jäv means taking no part in the matter).
-- Internal notes are read by reviewers in scope only; no function for the bearer or the public reads
-- them (api.get_idea_status reads messages, never notes).

-- Reviewers' e-mails keep their own language ----------------------------------------------------------
create or replace function private.add_bearer_locale_to_email()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- An e-mail to a reviewer names its language (sv); one to the bearer gets the bearer's.
  if new.payload ? 'locale' then
    return new;
  end if;
  new.payload := new.payload || jsonb_build_object('locale', coalesce(
    (select b.locale from app.idea_bearers b where b.idea_id = new.idea_id), 'sv'));
  return new;
end;
$$;
comment on function private.add_bearer_locale_to_email() is
  'Before an e-mail is queued: adds the bearer''s language (sv or en) to its payload, unless the payload names one (e-mails to reviewers are Swedish).';

-- Privileges and policies -----------------------------------------------------------------------------
grant insert on app.assignments to api_owner;
grant update (due_on) on app.assignments to api_owner;
grant select, insert on app.internal_notes, app.note_mentions to api_owner;

create policy "coordinators assign reviewers who have the idea in scope" on app.assignments
  for insert to api_owner
  with check (
    (select private.is_coordinator())
    and assigned_by = (select auth.uid())
    and private.can_see_idea(idea_id)
    and private.reviewer_can_see_idea(reviewer_id, idea_id)
    and not private.has_conflict_of_interest(idea_id, reviewer_id)
  );

-- One policy per operation: the update and delete policies of 20261202340000 are widened to include
-- the coordinator's part.
drop policy "reviewers mark their own assignment done" on app.assignments;
create policy "coordinators reschedule in scope; reviewers finish their own" on app.assignments
  for update to api_owner
  using (
    ((select private.is_coordinator()) and private.can_see_idea(idea_id))
    or (reviewer_id = (select auth.uid()) and private.can_see_idea(idea_id))
  )
  with check (
    ((select private.is_coordinator()) and private.can_see_idea(idea_id))
    or reviewer_id = (select auth.uid())
  );
drop policy "a reviewer who declares jäv is taken off the idea" on app.assignments;
create policy "coordinators unassign in scope; jäv takes a reviewer off" on app.assignments
  for delete to api_owner
  using (
    ((select private.is_coordinator()) and private.can_see_idea(idea_id))
    or (reviewer_id = (select auth.uid()) and private.has_conflict_of_interest(idea_id, reviewer_id))
  );

-- Regional staff skip the per-row check, as on app.assignments (20261202320000).
create policy "reviewers in scope read the internal notes" on app.internal_notes
  for select to api_owner
  using ((select private.is_regional_reviewer()) or private.can_see_idea(idea_id));
create policy "reviewers write internal notes on ideas in their scope" on app.internal_notes
  for insert to api_owner
  with check (author_id = (select auth.uid()) and private.can_see_idea(idea_id));

create policy "reviewers read the mentions of notes they can read" on app.note_mentions
  for select to api_owner
  using (exists (select 1 from app.internal_notes n where n.id = note_id));
create policy "authors mention reviewers who have the idea in scope" on app.note_mentions
  for insert to api_owner
  with check (
    exists (
      select 1 from app.internal_notes n
      where n.id = note_id and n.author_id = (select auth.uid())
        and private.reviewer_can_see_idea(reviewer_id, n.idea_id)
    )
  );

-- Who can be assigned or mentioned --------------------------------------------------------------------
-- security definer (this and the functions below): the caller (authenticated) holds no table
-- privileges by design; they run as api_owner under the policies.
create function api.list_idea_reviewers(reference text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(list_idea_reviewers.reference);
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
begin
  return jsonb_build_object('reviewers', coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', r.user_id,
      'name', r.display_name,
      'role', r.role,
      'municipality', case when m.code is not null then jsonb_build_object('code', m.code, 'name', m.name) end,
      'is_me', r.user_id = v_reviewer.user_id,
      'assignment', case when a.id is not null then jsonb_build_object(
        'due_on', a.due_on, 'done_at', a.done_at, 'overdue', a.done_at is null and a.due_on < v_today) end
    ) order by r.display_name, r.user_id)
    from app.reviewers r
    left join app.municipalities m on m.code = r.municipality_code
    left join app.assignments a on a.idea_id = v_idea_id and a.reviewer_id = r.user_id
    where private.reviewer_can_see_idea(r.user_id, v_idea_id)
      and not private.has_conflict_of_interest(v_idea_id, r.user_id)
  ), '[]'::jsonb));
end;
$$;
comment on function api.list_idea_reviewers(text) is
  'The reviewers who can be assigned to or mentioned on an idea in the caller''s scope: active, with the idea in scope, without declared jäv; each {id, name, role, municipality, is_me, assignment: {due_on, done_at, overdue} | null}. No e-mail addresses. Errors: 42501 not_reviewer, IS002 missing (reference), PT404 not_found.';
alter function api.list_idea_reviewers(text) owner to api_owner;

-- api.assign_reviewer ---------------------------------------------------------------------------------
create function api.assign_reviewer(reference text, reviewer_id uuid, due_on date)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(assign_reviewer.reference);
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
  v_state text;
  v_reference text;
  v_existing app.assignments;
  v_assignment app.assignments;
  v_recipient text;
begin
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'assign_reviewer')::text;
  end if;
  if assign_reviewer.reviewer_id is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reviewer_id';
  end if;
  if assign_reviewer.due_on is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'due_on';
  end if;
  if assign_reviewer.due_on < v_today then
    raise exception using errcode = 'IS002', message = 'in_the_past', detail = 'due_on';
  end if;
  if assign_reviewer.due_on > v_today + 366 then
    raise exception using errcode = 'IS002', message = 'too_far_ahead', detail = 'due_on';
  end if;

  -- Assignments belong to the assessment: not after the decision. Locked for share like a score.
  select i.state, i.reference into v_state, v_reference from app.ideas i where i.id = v_idea_id for share;
  if v_state not in ('received', 'in_review', 'needs_info', 'assessed') then
    raise exception using errcode = 'IS001', message = 'decided', detail = jsonb_build_object('current', v_state)::text;
  end if;
  if not private.reviewer_can_see_idea(assign_reviewer.reviewer_id, v_idea_id) then
    raise exception using errcode = 'IS002', message = 'not_assignable', detail = 'reviewer_id';
  end if;
  if private.has_conflict_of_interest(v_idea_id, assign_reviewer.reviewer_id) then
    raise exception using errcode = 'IS005', message = 'reviewer_has_conflict';
  end if;

  select a.* into v_existing from app.assignments a
  where a.idea_id = v_idea_id and a.reviewer_id = assign_reviewer.reviewer_id;
  if v_existing.id is not null then
    -- Assigned already: a new due date, no new e-mail.
    update app.assignments a set due_on = assign_reviewer.due_on where a.id = v_existing.id
    returning a.* into v_assignment;
  else
    -- Someone who has already assessed the idea is done at once.
    insert into app.assignments (idea_id, reviewer_id, assigned_by, due_on, done_at)
    values (v_idea_id, assign_reviewer.reviewer_id, v_reviewer.user_id, assign_reviewer.due_on,
      case when private.assessment_complete(v_idea_id, assign_reviewer.reviewer_id) then now() end)
    returning * into v_assignment;

    v_recipient := private.reviewer_recipient(assign_reviewer.reviewer_id, v_idea_id);
    if v_recipient is not null then
      insert into app.email_outbox (idea_id, template, recipient, payload)
      values (v_idea_id, 'assignment', v_recipient, jsonb_build_object(
        'reference', v_reference, 'due_on', assign_reviewer.due_on, 'assigned_by', v_reviewer.display_name,
        'locale', 'sv'));
    end if;
  end if;

  return jsonb_build_object('reference', v_reference, 'reviewer_id', v_assignment.reviewer_id,
    'due_on', v_assignment.due_on, 'done_at', v_assignment.done_at, 'created', v_existing.id is null);
end;
$$;
comment on function api.assign_reviewer(text, uuid, date) is
  'Coordinator only: asks a reviewer (active, with the idea in scope, without jäv) to assess an idea by a due date (today to a year ahead), before the decision, and queues the assignment e-mail; for a reviewer already assigned, changes the due date (no e-mail). Returns {reference, reviewer_id, due_on, done_at, created}. Errors: 42501 not_reviewer / coordinator_only {action}; IS002 missing (reference, reviewer_id, due_on), in_the_past / too_far_ahead (due_on), not_assignable (reviewer_id); PT404 not_found; IS001 decided {current}; IS005 reviewer_has_conflict.';
alter function api.assign_reviewer(text, uuid, date) owner to api_owner;

-- api.unassign_reviewer -------------------------------------------------------------------------------
create function api.unassign_reviewer(reference text, reviewer_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(unassign_reviewer.reference);
  v_state text;
  v_reference text;
  v_removed integer;
begin
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'unassign_reviewer')::text;
  end if;
  if unassign_reviewer.reviewer_id is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reviewer_id';
  end if;
  select i.state, i.reference into v_state, v_reference from app.ideas i where i.id = v_idea_id for share;
  if v_state not in ('received', 'in_review', 'needs_info', 'assessed') then
    raise exception using errcode = 'IS001', message = 'decided', detail = jsonb_build_object('current', v_state)::text;
  end if;

  delete from app.assignments a where a.idea_id = v_idea_id and a.reviewer_id = unassign_reviewer.reviewer_id;
  get diagnostics v_removed = row_count;
  -- Removing what is not there is no error: the reviewer is not assigned either way.
  return jsonb_build_object('reference', v_reference, 'reviewer_id', unassign_reviewer.reviewer_id,
    'removed', v_removed > 0);
end;
$$;
comment on function api.unassign_reviewer(text, uuid) is
  'Coordinator only: takes a reviewer off an idea before the decision (their scores, if any, stay). Returns {reference, reviewer_id, removed}; removed is false when they were not assigned. Errors: 42501 not_reviewer / coordinator_only {action}; IS002 missing (reference, reviewer_id); PT404 not_found; IS001 decided {current}.';
alter function api.unassign_reviewer(text, uuid) owner to api_owner;

-- api.add_internal_note -------------------------------------------------------------------------------
create function api.add_internal_note(reference text, body text, reply_to bigint default null,
  mentions uuid[] default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(add_internal_note.reference);
  v_body text := nullif(btrim(add_internal_note.body), '');
  v_mentions uuid[];
  v_note app.internal_notes;
  v_reference text;
begin
  if v_body is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'body';
  end if;
  if length(v_body) > 4000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'body';
  end if;
  if reply_to is not null and not exists (
    select 1 from app.internal_notes n where n.id = add_internal_note.reply_to and n.idea_id = v_idea_id
  ) then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'reply_to';
  end if;

  select coalesce(array_agg(distinct m), '{}') into v_mentions
  from unnest(coalesce(add_internal_note.mentions, '{}')) m where m is not null;
  if cardinality(v_mentions) > 20 then
    raise exception using errcode = 'IS002', message = 'too_many', detail = 'mentions';
  end if;
  if exists (
    select 1 from unnest(v_mentions) m
    where not private.reviewer_can_see_idea(m, v_idea_id) or private.has_conflict_of_interest(v_idea_id, m)
  ) then
    raise exception using errcode = 'IS002', message = 'not_mentionable', detail = 'mentions';
  end if;

  insert into app.internal_notes (idea_id, author_id, reply_to_id, body)
  values (v_idea_id, v_reviewer.user_id, add_internal_note.reply_to, v_body)
  returning * into v_note;

  insert into app.note_mentions (note_id, reviewer_id)
  select v_note.id, m from unnest(v_mentions) m;

  -- Each mentioned colleague gets an e-mail with who and where, never the note itself; not the author.
  select i.reference into v_reference from app.ideas i where i.id = v_idea_id;
  insert into app.email_outbox (idea_id, template, recipient, payload)
  select v_idea_id, 'mention', recipient.email, jsonb_build_object(
    'reference', v_reference, 'mentioned_by', v_reviewer.display_name, 'locale', 'sv')
  from unnest(v_mentions) m
  cross join lateral (select private.reviewer_recipient(m, v_idea_id) as email) recipient
  where m <> v_reviewer.user_id and recipient.email is not null;

  return jsonb_build_object('id', v_note.id, 'reference', v_reference, 'reply_to', v_note.reply_to_id,
    'created_at', v_note.created_at, 'mentions', to_jsonb(v_mentions));
end;
$$;
comment on function api.add_internal_note(text, text, bigint, uuid[]) is
  'A reviewer in scope writes an internal note on an idea (≤ 4000 characters), optionally as a reply to another note of the same idea, mentioning up to 20 reviewers who have the idea in scope and no jäv; each mentioned reviewer but the author gets an e-mail (no note text). Never shown to the bearer. Returns {id, reference, reply_to, created_at, mentions}. Errors: 42501 not_reviewer; IS002 missing (reference, body), too_long (body), invalid (reply_to), too_many / not_mentionable (mentions); PT404 not_found.';
alter function api.add_internal_note(text, text, bigint, uuid[]) owner to api_owner;

revoke execute on function api.list_idea_reviewers(text), api.assign_reviewer(text, uuid, date),
  api.unassign_reviewer(text, uuid), api.add_internal_note(text, text, bigint, uuid[])
  from public, anon;
grant execute on function api.list_idea_reviewers(text), api.assign_reviewer(text, uuid, date),
  api.unassign_reviewer(text, uuid), api.add_internal_note(text, text, bigint, uuid[])
  to authenticated, service_role;
