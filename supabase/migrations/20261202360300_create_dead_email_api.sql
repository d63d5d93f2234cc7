-- Why: an e-mail the sender gave up on (eight failed attempts, or a permanent refusal such as an
-- unknown mailbox) is marked dead in the outbox and never tried again (decision 0006, RL-05). A
-- coordinator must see those – the bearer never got their receipt, question or decision – with the
-- reason, and be able to send one again once the cause is fixed (the mail server is back, the
-- address was corrected in the mail system). Sending again is audited.
--
-- The list masks the recipient (a***@skovde.se) and any address inside the stored error, so the
-- page can be shown on a shared screen; the coordinator finds the person through the idea.
--
-- A dead receipt has lost its status link: the plain token is removed from every dead row, and only
-- its hash is kept. Sending a receipt again therefore issues a new status link for the idea (the
-- old one, if the bearer saw it on the thank-you page, keeps working) and puts it in the e-mail.

-- private.mask_email ---------------------------------------------------------------------------------------
create function private.mask_email(text text)
returns text
language sql
immutable
set search_path = ''
as $$
  -- Every address: its first character, three stars, the domain.
  select regexp_replace(mask_email.text, '([^[:space:]<>@"'',;:()]{1})[^[:space:]<>@"'',;:()]*@([^[:space:]<>@"'',;:()]+)',
    '\1***@\2', 'g')
$$;
comment on function private.mask_email(text) is
  'Masks every e-mail address in a text: anna.andersson@skovde.se → a***@skovde.se.';
revoke execute on function private.mask_email(text) from public;
grant execute on function private.mask_email(text) to api_owner;

-- private.issue_status_token -------------------------------------------------------------------------------
-- security definer, owned by the migration role: the policy on app.status_tokens lets only the
-- submitting transaction create a token. This is the one other way, used only when a coordinator
-- sends a dead receipt again; the token goes into the outbox row to the bearer's own address and is
-- removed from it once sent, like the first.
create function private.issue_status_token(idea_id uuid)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  -- 244 random bits from two version-4 UUIDs, base64url, as api.submit_idea makes them.
  v_token text := rtrim(translate(encode(decode(
    replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'),
    '+/', '-_'), '=');
begin
  insert into app.status_tokens (token_hash, idea_id)
  values (sha256(convert_to(v_token, 'UTF8')), issue_status_token.idea_id);
  return v_token;
end;
$$;
comment on function private.issue_status_token(uuid) is
  'A new status link token for the idea (only its SHA-256 is stored), for a receipt sent again. Owner-run; executable only by api_owner.';
revoke execute on function private.issue_status_token(uuid) from public;
grant execute on function private.issue_status_token(uuid) to api_owner;

-- Coordinators read dead e-mails ----------------------------------------------------------------------
-- In scope: a coordinator without a municipality (regional) sees every dead e-mail; one with a
-- municipality those about ideas they can see. Putting one back is done by the owner-run helper
-- below: PostgreSQL checks an updated row against the select policies too, and a pending row – a
-- receipt with its status link – is for the sender's eyes only.
-- One select policy per role and action (Supabase's advisor: several permissive policies are each
-- evaluated for every row): the sender's rule from 20261127130000 and the coordinators' together.
drop policy "the outbox sender reads the outbox" on app.email_outbox;
create policy "the outbox sender reads the outbox, coordinators dead e-mails" on app.email_outbox
  for select to api_owner
  using (
    private.is_outbox_sender()
    or (
      status = 'dead' and (select private.is_coordinator())
      and ((select private.is_regional_reviewer()) or private.can_see_idea(idea_id))
    )
  );

-- private.requeue_dead_email ----------------------------------------------------------------------------
-- security definer, owned by the migration role: see above. For an active coordinator only, in their
-- scope; a receipt gets a new status link.
create function private.requeue_dead_email(email_id bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_caller app.reviewers := private.current_reviewer();
  v_row app.email_outbox;
  v_reference text;
  v_payload jsonb;
begin
  if v_caller.user_id is null or v_caller.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only',
      detail = jsonb_build_object('action', 'retry_dead_email')::text;
  end if;
  select o.* into v_row
  from app.email_outbox o
  left join app.ideas i on i.id = o.idea_id
  where o.id = requeue_dead_email.email_id and o.status = 'dead'
    and (v_caller.municipality_code is null or i.municipality_code = v_caller.municipality_code
      or i.shared_regionally)
  for update of o;
  if not found then
    return null;
  end if;
  select i.reference into v_reference from app.ideas i where i.id = v_row.idea_id;
  -- No e-mail to a person whose processing is restricted (GDPR Art. 18; 20261202360200).
  if exists (
    select 1 from app.idea_bearers b
    where b.idea_id = v_row.idea_id and b.restricted_at is not null and lower(b.email) = lower(v_row.recipient)
  ) then
    raise exception using errcode = 'PT409', message = 'recipient_restricted';
  end if;

  v_payload := v_row.payload;
  if v_row.template = 'submission_receipt' and v_row.idea_id is not null and not (v_payload ? 'status_token') then
    v_payload := v_payload || jsonb_build_object('status_token', private.issue_status_token(v_row.idea_id));
  end if;

  update app.email_outbox o
  set status = 'pending', attempts = 0, send_after = now(), last_error = null, locked_until = null,
    payload = v_payload
  where o.id = v_row.id;

  return jsonb_build_object('id', v_row.id, 'status', 'pending', 'template', v_row.template,
    'reference', v_reference, 'attempts_before', v_row.attempts, 'new_status_link', v_payload ? 'status_token');
end;
$$;
comment on function private.requeue_dead_email(bigint) is
  'Puts a dead e-mail in the calling coordinator''s scope back as pending from now, attempts reset (a receipt with a new status link). Returns {id, status, template, reference, attempts_before, new_status_link}, or null when there is no such dead e-mail; PT409 recipient_restricted when it goes to a bearer whose processing is restricted. Owner-run; executable only by api_owner.';
revoke execute on function private.requeue_dead_email(bigint) from public;
grant execute on function private.requeue_dead_email(bigint) to api_owner;

-- api.list_dead_emails -------------------------------------------------------------------------------------
create function api.list_dead_emails()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('list_dead_emails');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', o.id,
      'recipient', private.mask_email(o.recipient),
      'template', o.template,
      'reference', i.reference,
      'attempts', o.attempts,
      'last_error', private.mask_email(o.last_error),
      'created_at', o.created_at
    ) order by o.created_at desc, o.id desc)
    from (
      select x.* from app.email_outbox x where x.status = 'dead' order by x.created_at desc, x.id desc limit 500
    ) o
    left join app.ideas i on i.id = o.idea_id
  ), '[]'::jsonb);
end;
$$;
comment on function api.list_dead_emails() is
  'Coordinators see the e-mails the sender gave up on, newest first (at most 500): [{id, recipient (masked, a***@skovde.se), template, reference, attempts, last_error (as stored, addresses masked), created_at}]. Errors: 42501 not_reviewer / coordinator_only.';
alter function api.list_dead_emails() owner to api_owner;
revoke execute on function api.list_dead_emails() from public, anon;
grant execute on function api.list_dead_emails() to authenticated, service_role;

-- api.retry_dead_email -------------------------------------------------------------------------------------
create function api.retry_dead_email(email_id bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('retry_dead_email');
  v_result jsonb := private.requeue_dead_email(retry_dead_email.email_id);
begin
  if v_result is null then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;
  perform private.audit('email_retry', null, v_result ->> 'reference', null,
    jsonb_build_object('email_id', (v_result ->> 'id')::bigint, 'template', v_result ->> 'template',
      'attempts', (v_result ->> 'attempts_before')::integer,
      'new_status_link', (v_result ->> 'new_status_link')::boolean));
  return jsonb_build_object('id', (v_result ->> 'id')::bigint, 'status', 'pending',
    'template', v_result ->> 'template', 'reference', v_result ->> 'reference');
end;
$$;
comment on function api.retry_dead_email(bigint) is
  'A coordinator sends a dead e-mail again: it is pending from now with its attempts reset (a receipt gets a new status link), and the sender takes it on its next run. Audited. Returns {id, status, template, reference}. Errors: 42501 not_reviewer / coordinator_only; PT404 not_found (no dead e-mail with that id in scope); PT409 recipient_restricted (the bearer''s processing is restricted).';
alter function api.retry_dead_email(bigint) owner to api_owner;
revoke execute on function api.retry_dead_email(bigint) from public, anon;
grant execute on function api.retry_dead_email(bigint) to authenticated, service_role;
