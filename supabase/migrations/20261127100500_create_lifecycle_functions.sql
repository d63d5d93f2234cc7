-- Why: the lifecycle is enforced in one place. Every state change goes through
-- private.transition_idea, which locks the idea, checks the caller's expected state (optimistic
-- concurrency, RL-11), refuses any move not listed in app.idea_transitions or not allowed for the
-- actor, and writes the event – and for a decision, the message to the bearer – in the same
-- transaction. References are allocated here too.
--
-- Error codes (SQLSTATE) raised here and in the api functions, with the HTTP status PostgREST gives:
--   IS001 illegal transition (400)            IS002 invalid input (400, detail = the field)
--   IS003 record cannot change (400)          IS004 decision not yet released to the bearer (400)
--   PT404 not found or not in scope (404)     PT409 someone else changed it first (409)
--   PT422 idempotency key reused (422)        PT429 too many submissions (429)
--   42501 not allowed (401 for anon, 403 for a logged-in caller)

create function private.allocate_reference()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_year integer := extract(year from now() at time zone 'Europe/Stockholm')::integer;
  v_number integer;
begin
  -- The upsert locks the year's row until this transaction ends, so concurrent submissions queue
  -- here and each takes the next number; a rollback returns the number, so there are no gaps.
  insert into app.reference_counters as c (year, last_number)
  values (v_year, 1)
  on conflict (year) do update set last_number = c.last_number + 1
  returning c.last_number into v_number;
  return 'IS-' || v_year || '-' || lpad(v_number::text, greatest(4, length(v_number::text)), '0');
end;
$$;
comment on function private.allocate_reference() is
  'Hands out the next reference IS-YYYY-NNNN of the current year (Swedish time), gap-free under concurrency.';

create function private.state_label(state text)
returns text
language sql
stable
set search_path = ''
as $$
  select s.label from app.idea_states s where s.state = state_label.state
$$;
comment on function private.state_label(text) is 'The Swedish label of a lifecycle state, e.g. in_review → under bedömning.';

create function private.transition_idea(
  idea_id uuid,
  expected_state text,
  to_state text,
  actor_kind text,
  actor_user_id uuid,
  reason text,
  message_to_bearer text default null
)
returns bigint
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_current text;
  v_transition app.idea_transitions;
  v_is_decision boolean;
  v_event_id bigint;
begin
  if not exists (select 1 from app.idea_states s where s.state = transition_idea.to_state) then
    raise exception using errcode = 'IS002', detail = 'to_state',
      message = format('Det finns inget läge som heter ”%s”.', to_state);
  end if;

  select i.state into v_current from app.ideas i where i.id = transition_idea.idea_id for update;
  if not found then
    raise exception using errcode = 'PT404',
      message = 'Idén finns inte, eller så har du inte behörighet att se den.';
  end if;

  if expected_state is not null and v_current <> expected_state then
    raise exception using errcode = 'PT409', detail = v_current,
      message = format('Idén har redan ändrats av någon annan och är nu ”%s”. Ladda om sidan och försök igen.',
        private.state_label(v_current));
  end if;

  select t.* into v_transition
  from app.idea_transitions t
  where t.from_state = v_current and t.to_state = transition_idea.to_state;
  if not found then
    raise exception using errcode = 'IS001',
      message = format('Idén kan inte gå från ”%s” till ”%s”.', private.state_label(v_current),
        private.state_label(to_state));
  end if;

  if not actor_kind = any (v_transition.allowed_actors) then
    raise exception using errcode = '42501',
      message = case
        when v_transition.allowed_actors = array['coordinator'] then
          format('Bara en samordnare får flytta idén från ”%s” till ”%s”.', private.state_label(v_current),
            private.state_label(to_state))
        else format('Du får inte flytta idén från ”%s” till ”%s”.', private.state_label(v_current),
            private.state_label(to_state))
      end;
  end if;

  if exists (
    select 1 from app.decision_messages m where m.idea_id = transition_idea.idea_id and m.released_at is null
  ) then
    raise exception using errcode = 'IS004',
      message = 'Skicka först beslutet till idébäraren. Sedan kan idén gå vidare.';
  end if;

  if coalesce(btrim(reason), '') = '' then
    raise exception using errcode = 'IS002', detail = 'reason', message = 'Skriv en motivering till ändringen.';
  end if;

  select s.is_decision into v_is_decision from app.idea_states s where s.state = transition_idea.to_state;
  if v_is_decision and coalesce(btrim(message_to_bearer), '') = '' then
    raise exception using errcode = 'IS002', detail = 'message_to_bearer',
      message = 'Skriv ett meddelande till idébäraren. Ett beslut ska alltid ha ett meddelande.';
  end if;

  update app.ideas i
  set state = transition_idea.to_state,
      -- A decision stays internal until its message is released (api.release_decision).
      public_state = case when v_is_decision then i.public_state else transition_idea.to_state end,
      state_changed_at = now()
  where i.id = transition_idea.idea_id;

  insert into app.idea_events (idea_id, actor_kind, actor_user_id, from_state, to_state, reason, visible_to_bearer)
  values (transition_idea.idea_id, actor_kind, actor_user_id, v_current, transition_idea.to_state, btrim(reason),
    not v_is_decision)
  returning id into v_event_id;

  if v_is_decision then
    insert into app.decision_messages (event_id, idea_id, body)
    values (v_event_id, transition_idea.idea_id, btrim(message_to_bearer));
  end if;

  return v_event_id;
end;
$$;
comment on function private.transition_idea(uuid, text, text, text, uuid, text, text) is
  'The only way an idea changes state: checks expected state (PT409), allowed transition (IS001) and actor (42501), then writes the event and any decision message in the same transaction.';

revoke execute on function private.allocate_reference(), private.state_label(text),
  private.transition_idea(uuid, text, text, text, uuid, text, text)
  from public;
grant execute on function private.allocate_reference(), private.state_label(text),
  private.transition_idea(uuid, text, text, text, uuid, text, text)
  to api_owner;
