-- Why: two more things reviewers and coordinators do that touch what the bearer or the public sees.
-- A reviewer asks the bearer a question: the question, the move to "komplettering begärd" and the
-- e-mail telling the bearer to look at the status page are one transaction. A coordinator publishes
-- an idea to the idea bank with a summary written for the public, only when the bearer consented.
--
-- security definer (both): the caller (authenticated) holds no table privileges by design; the
-- functions run as api_owner under the policies of the earlier migrations.

-- api.ask_bearer ------------------------------------------------------------------------------------
create function api.ask_bearer(idea_id uuid, expected_state text, question text)
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
    raise exception using errcode = 'PT404',
      message = 'Idén finns inte, eller så har du inte behörighet att se den.';
  end if;
  if v_question is null then
    raise exception using errcode = 'IS002', detail = 'question', message = 'Skriv din fråga till idébäraren.';
  end if;
  if length(v_question) > 4000 then
    raise exception using errcode = 'IS002', detail = 'question', message = 'Frågan får vara högst 4000 tecken.';
  end if;

  select i.state, i.reference into v_current, v_reference from app.ideas i where i.id = ask_bearer.idea_id for update;
  if v_current is distinct from expected_state then
    raise exception using errcode = 'PT409', detail = v_current,
      message = format('Idén har redan ändrats av någon annan och är nu ”%s”. Ladda om sidan och försök igen.',
        private.state_label(v_current));
  end if;
  if v_current = 'in_review' then
    perform private.transition_idea(ask_bearer.idea_id, 'in_review', 'needs_info', v_reviewer.role,
      v_reviewer.user_id, 'Granskaren ställde en fråga till idébäraren.', null);
  elsif v_current <> 'needs_info' then
    raise exception using errcode = 'IS001',
      message = format('Du kan ställa frågor till idébäraren när idén är under bedömning, inte när den är ”%s”.',
        private.state_label(v_current));
  end if;

  insert into app.messages (idea_id, direction, author_id, body)
  values (ask_bearer.idea_id, 'to_bearer', v_reviewer.user_id, v_question);

  insert into app.email_outbox (idea_id, template, recipient, payload)
  select ask_bearer.idea_id, 'question_to_bearer', b.email, jsonb_build_object('reference', v_reference)
  from app.idea_bearers b where b.idea_id = ask_bearer.idea_id;

  return jsonb_build_object('reference', v_reference, 'state', 'needs_info');
end;
$$;
comment on function api.ask_bearer(uuid, text, text) is
  'A reviewer in scope asks the bearer a question: stores it, moves an idea under review to needs_info and queues an e-mail pointing the bearer to the status page.';
alter function api.ask_bearer(uuid, text, text) owner to api_owner;

-- api.publish_idea ----------------------------------------------------------------------------------
create function api.publish_idea(idea_id uuid, public_summary text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_summary text := nullif(btrim(publish_idea.public_summary), '');
  v_idea app.ideas;
begin
  if not private.can_see_idea(publish_idea.idea_id) then
    raise exception using errcode = 'PT404',
      message = 'Idén finns inte, eller så har du inte behörighet att se den.';
  end if;
  if v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'Bara en samordnare får publicera idéer i idébanken.';
  end if;

  select i.* into v_idea from app.ideas i where i.id = publish_idea.idea_id for update;
  if not v_idea.publish_consent then
    raise exception using errcode = 'IS002', detail = 'publish_consent',
      message = 'Idébäraren har inte gett sitt samtycke till publicering, så idén kan inte publiceras.';
  end if;
  if v_summary is null then
    raise exception using errcode = 'IS002', detail = 'public_summary', message = 'Skriv en sammanfattning för idébanken.';
  end if;
  if length(v_summary) > 2000 then
    raise exception using errcode = 'IS002', detail = 'public_summary',
      message = 'Sammanfattningen får vara högst 2000 tecken.';
  end if;

  update app.ideas i
  set public_summary = v_summary, published_at = coalesce(i.published_at, now())
  where i.id = publish_idea.idea_id;

  return jsonb_build_object('reference', v_idea.reference, 'published_at', coalesce(v_idea.published_at, now()));
end;
$$;
comment on function api.publish_idea(uuid, text) is
  'Coordinator only: publishes an idea whose bearer consented to the idea bank with a summary for the public (or updates the summary). The site is rebuilt by the calling function.';
alter function api.publish_idea(uuid, text) owner to api_owner;

revoke execute on function api.ask_bearer(uuid, text, text), api.publish_idea(uuid, text) from public, anon;
grant execute on function api.ask_bearer(uuid, text, text), api.publish_idea(uuid, text)
  to authenticated, service_role;
