-- Why: the workspace addresses ideas by their reference, as people do (api.get_review_idea,
-- 20261202320200), but the functions that change an idea's state and ask its bearer a question take
-- its id, which the workspace never sees. These two take the reference, check the caller's scope and
-- the state they saw, and hand over to the existing functions, so each move is still made in one
-- place (api.change_idea_state → private.transition_idea) and in one transaction:
--
-- * api.move_idea – the one state change of the workspace: start the review (received → in_review,
--   a reviewer in scope, recorded in the timeline), and the coordinator's moves and decisions.
-- * api.ask_bearer_about – a question to the bearer: the idea moves to needs_info and the bearer
--   gets the e-mail (api.ask_bearer).
--
-- When the idea is no longer in the state the caller saw, the answer is PT409 stale_state with the
-- current state and who changed it, and when (the idea's last event): "Rut Regiongranskare har
-- redan …". The bearer's own moves (an answer) name no one.

create function private.require_expected_state(idea_id uuid, expected_state text)
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_current text;
  v_last record;
begin
  if nullif(btrim(expected_state), '') is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'expected_state';
  end if;
  select i.state into v_current from app.ideas i where i.id = require_expected_state.idea_id for update;
  if v_current is distinct from btrim(expected_state) then
    select e.actor_kind, e.occurred_at, r.display_name into v_last
    from app.idea_events e
    left join app.reviewers r on r.user_id = e.actor_user_id
    where e.idea_id = require_expected_state.idea_id
    order by e.occurred_at desc, e.id desc
    limit 1;
    raise exception using errcode = 'PT409', message = 'stale_state',
      detail = jsonb_build_object('current', v_current, 'changed_by', v_last.display_name,
        'changed_by_kind', v_last.actor_kind, 'changed_at', v_last.occurred_at)::text;
  end if;
  return v_current;
end;
$$;
comment on function private.require_expected_state(uuid, text) is
  'Locks the idea for update and checks that it is in the state the caller saw; otherwise PT409 stale_state {current, changed_by (a reviewer''s name, or null), changed_by_kind (bearer, reviewer, coordinator, system), changed_at} from its last event. IS002 missing (expected_state).';
revoke execute on function private.require_expected_state(uuid, text) from public;
grant execute on function private.require_expected_state(uuid, text) to api_owner;

-- api.move_idea ---------------------------------------------------------------------------------------
-- security definer (both functions): the caller (authenticated) holds no table privileges by
-- design; they run as api_owner under the policies, and call the id-taking functions as api_owner.
create function api.move_idea(
  reference text,
  expected_state text,
  to_state text,
  reason text default null,
  message_to_bearer text default null,
  duplicate_of text default null,
  forwarded_to text default null,
  follow_up_on date default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(move_idea.reference);
  v_current text;
  v_reason text := nullif(btrim(move_idea.reason), '');
  v_duplicate_of uuid;
begin
  if nullif(btrim(to_state), '') is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'to_state';
  end if;
  v_current := private.require_expected_state(v_idea_id, expected_state);

  -- Starting the review is an action, not a judgement: it needs no reason of its own.
  if v_reason is null and v_current = 'received' and btrim(to_state) = 'in_review' then
    v_reason := 'Granskningen påbörjades.';
  end if;

  if nullif(btrim(duplicate_of), '') is not null then
    select i.id into v_duplicate_of from app.ideas i where i.reference = upper(btrim(move_idea.duplicate_of));
    if v_duplicate_of is null or not private.can_see_idea(v_duplicate_of) then
      raise exception using errcode = 'IS002', message = 'invalid', detail = 'duplicate_of';
    end if;
  end if;

  return api.change_idea_state(v_idea_id, v_current, btrim(to_state), v_reason, message_to_bearer, v_duplicate_of,
    forwarded_to, follow_up_on);
end;
$$;
comment on function api.move_idea(text, text, text, text, text, text, text, date) is
  'Moves an idea in the caller''s scope, by reference, from expected_state to to_state with a reason (starting the review, received → in_review, has a default one), as api.change_idea_state does; duplicate_of is the other idea''s reference. Returns {reference, state, event_id}. Errors: 42501 not_reviewer / coordinator_only / not_allowed {from, to}; IS002 missing (reference, to_state, expected_state, reason, message_to_bearer, duplicate_of, forwarded_to), unknown_state (to_state), invalid (duplicate_of); PT404 not_found; PT409 stale_state {current, changed_by, changed_by_kind, changed_at}; IS001 transition_not_allowed {from, to}; IS004 decision_not_released.';
alter function api.move_idea(text, text, text, text, text, text, text, date) owner to api_owner;

-- api.ask_bearer_about --------------------------------------------------------------------------------
create function api.ask_bearer_about(reference text, expected_state text, question text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(ask_bearer_about.reference);
  v_current text;
begin
  -- The question first, as api.ask_bearer checks it, so an empty question is named before a stale state.
  if nullif(btrim(question), '') is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'question';
  end if;
  v_current := private.require_expected_state(v_idea_id, expected_state);
  return api.ask_bearer(v_idea_id, v_current, question);
end;
$$;
comment on function api.ask_bearer_about(text, text, text) is
  'A reviewer in scope asks the bearer of an idea, by reference, a question, as api.ask_bearer does: the idea moves from in_review to needs_info (or stays there) and the bearer gets an e-mail pointing to the status page. Returns {reference, state}. Errors: 42501 not_reviewer; IS002 missing (reference, question, expected_state), too_long (question); PT404 not_found; PT409 stale_state {current, changed_by, changed_by_kind, changed_at}; IS001 questions_only_in_review {current}.';
alter function api.ask_bearer_about(text, text, text) owner to api_owner;

revoke execute on function api.move_idea(text, text, text, text, text, text, text, date),
  api.ask_bearer_about(text, text, text)
  from public, anon;
grant execute on function api.move_idea(text, text, text, text, text, text, text, date),
  api.ask_bearer_about(text, text, text)
  to authenticated, service_role;
