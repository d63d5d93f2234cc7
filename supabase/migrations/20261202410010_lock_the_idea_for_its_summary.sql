-- Why: since 20261202410000 a change to an idea's assignments, scores or jäv declarations also
-- updates the idea's summary columns, in the same transaction. The functions that make those
-- changes locked the idea *for share* first, so that several could run side by side while a
-- decision (for update) waited: two of them at once then each held a share lock and waited for the
-- other's to update the row – a deadlock, which the PostgreSQL run of tests/security/assessment.test.ts
-- showed (two reviewers saving at once; fifty saves by one reviewer). They now lock the idea
-- *for no key update*: a decision still waits for them and they for it, and changes to one idea
-- take turns (each a few milliseconds). Rows that only refer to the idea (key share, the foreign
-- keys) are not held up.
--
-- The three functions are as 20261202340000 and 20261202340100 left them but for the lock.

create or replace function private.require_assessment_open(idea_id uuid)
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_state text;
begin
  -- A decision (private.transition_idea locks the idea for update) waits for a save, and a save
  -- for it – so no score slips in after it. Not a share lock: the save also updates the idea's
  -- summary columns (20261202410000), and two savers holding share locks would each wait for the
  -- other's to update the row. Saves on one idea take turns instead (milliseconds).
  select i.state into v_state from app.ideas i where i.id = require_assessment_open.idea_id for no key update;
  if v_state = 'received' then
    raise exception using errcode = 'IS001', message = 'not_in_review',
      detail = jsonb_build_object('current', v_state)::text;
  elsif v_state not in ('in_review', 'needs_info', 'assessed') then
    raise exception using errcode = 'IS001', message = 'decided',
      detail = jsonb_build_object('current', v_state)::text;
  end if;
  return v_state;
end;
$$;
comment on function private.require_assessment_open(uuid) is
  'Locks the idea for no key update and raises IS001 not_in_review (received: start the review first) or decided (the decision closed the assessment) unless it is in the review phase.';

create or replace function api.assign_reviewer(reference text, reviewer_id uuid, due_on date)
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

  -- Assignments belong to the assessment: not after the decision. Locked like a score (no key update).
  select i.state, i.reference into v_state, v_reference from app.ideas i where i.id = v_idea_id for no key update;
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

create or replace function api.unassign_reviewer(reference text, reviewer_id uuid)
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
  select i.state, i.reference into v_state, v_reference from app.ideas i where i.id = v_idea_id for no key update;
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
