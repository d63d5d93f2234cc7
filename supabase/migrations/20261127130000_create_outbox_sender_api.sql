-- Why: the e-mails that submissions, questions and decisions write to app.email_outbox must reach
-- the idea bearer. A scheduled function (and the submission itself, right after it commits) sends
-- them through these three functions. Only the server, with the secret key, may call them.
--
-- Sending is idempotent (NF-08, RL-05): a row is claimed with a lease under `for update skip locked`,
-- so two senders running at once never take the same row, and a row marked sent is never claimed
-- again. A sender that crashes after sending but before marking leaves the lease to expire, and the
-- row is sent again: at least once rather than lost; the Message-ID is derived from the row id so a
-- receiving server can recognise the repeat.
--
-- The receipt's payload holds the only plain copy of the status token. Marking a row sent or dead
-- removes it.

alter table app.email_outbox add column locked_until timestamptz;
comment on column app.email_outbox.locked_until is
  'Claimed by a sender until this time. A row whose lease has run out is pending again.';

-- private.is_outbox_sender --------------------------------------------------------------------------
-- security definer, like the other caller helpers: it only reads the caller's verified JWT claims.
create function private.is_outbox_sender()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select auth.role()) = 'service_role', false)
$$;
comment on function private.is_outbox_sender() is
  'True when the caller is the server with the secret key (JWT role service_role), which sends the e-mail outbox.';
revoke execute on function private.is_outbox_sender() from public;
grant execute on function private.is_outbox_sender() to api_owner;

grant select, update (status, attempts, send_after, sent_at, last_error, payload, locked_until)
  on app.email_outbox to api_owner;

create policy "the outbox sender reads the outbox" on app.email_outbox
  for select to api_owner
  using (private.is_outbox_sender());
create policy "the outbox sender records what it sent" on app.email_outbox
  for update to api_owner
  using (private.is_outbox_sender())
  with check (private.is_outbox_sender());

-- api.claim_outbox_emails ---------------------------------------------------------------------------
create function api.claim_outbox_emails(batch_size integer default 20, lease_seconds integer default 120)
returns table (id bigint, template text, recipient text, payload jsonb, attempts integer)
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if batch_size is null or batch_size not between 1 and 100 then
    raise exception using errcode = '22023', message = 'batch_size ska vara mellan 1 och 100.';
  end if;
  if lease_seconds is null or lease_seconds not between 10 and 900 then
    raise exception using errcode = '22023', message = 'lease_seconds ska vara mellan 10 och 900.';
  end if;

  return query
  with claimable as (
    select o.id
    from app.email_outbox o
    where o.status = 'pending'
      and o.send_after <= now()
      and (o.locked_until is null or o.locked_until <= now())
    order by o.send_after, o.id
    limit batch_size
    for update skip locked
  )
  update app.email_outbox o
  set locked_until = now() + make_interval(secs => lease_seconds), attempts = o.attempts + 1
  from claimable c
  where o.id = c.id
  returning o.id, o.template, o.recipient, o.payload, o.attempts;
end;
$$;
comment on function api.claim_outbox_emails(integer, integer) is
  'The e-mail sender claims up to batch_size due e-mails for lease_seconds; rows another sender holds are skipped. Secret key only.';
alter function api.claim_outbox_emails(integer, integer) owner to api_owner;

-- api.mark_outbox_email_sent ------------------------------------------------------------------------
create function api.mark_outbox_email_sent(email_id bigint)
returns boolean
language sql
volatile
security definer
set search_path = ''
as $$
  with sent as (
    update app.email_outbox o
    set status = 'sent', sent_at = now(), locked_until = null, last_error = null,
      payload = o.payload - 'status_token'
    where o.id = email_id and o.status = 'pending'
    returning o.id
  )
  select exists (select 1 from sent)
$$;
comment on function api.mark_outbox_email_sent(bigint) is
  'Records that an e-mail was handed to the mail server and removes the status token from its payload. False when it was not pending.';
alter function api.mark_outbox_email_sent(bigint) owner to api_owner;

-- api.mark_outbox_email_failed ----------------------------------------------------------------------
create function api.mark_outbox_email_failed(email_id bigint, error text, permanent boolean default false)
returns text
language sql
volatile
security definer
set search_path = ''
as $$
  -- Back-off 1, 2, 4 … minutes, at most six hours; after eight attempts, or a permanent error (a
  -- template that cannot be rendered, an address the mail server refuses), the row is dead and keeps
  -- no token. A coordinator sees dead e-mails and contacts the bearer another way.
  with failed as (
    update app.email_outbox o
    set status = case when permanent or o.attempts >= 8 then 'dead' else 'pending' end,
      locked_until = null,
      last_error = left(coalesce(error, 'okänt fel'), 500),
      send_after = now() + least(make_interval(mins => power(2, greatest(o.attempts - 1, 0))::integer),
        interval '6 hours'),
      payload = case when permanent or o.attempts >= 8 then o.payload - 'status_token' else o.payload end
    where o.id = email_id and o.status = 'pending'
    returning o.status
  )
  select status from failed
$$;
comment on function api.mark_outbox_email_failed(bigint, text, boolean) is
  'Records a failed attempt: pending again after a back-off, or dead after eight attempts or a permanent error. Returns the new status, null when the row was not pending.';
alter function api.mark_outbox_email_failed(bigint, text, boolean) owner to api_owner;

revoke execute on function api.claim_outbox_emails(integer, integer), api.mark_outbox_email_sent(bigint),
  api.mark_outbox_email_failed(bigint, text, boolean) from public;
grant execute on function api.claim_outbox_emails(integer, integer), api.mark_outbox_email_sent(bigint),
  api.mark_outbox_email_failed(bigint, text, boolean) to service_role;
