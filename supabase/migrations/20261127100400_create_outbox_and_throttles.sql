-- Why: an e-mail is written in the same transaction as the change it reports (transactional outbox,
-- RL-05, RL-07), so a crash never loses or invents one; a scheduled job sends them later. Throttles
-- count submissions per e-mail address in the database, because the submit function runs on many
-- instances (AS-18).

create table app.email_outbox (
  id bigint generated always as identity primary key,
  idea_id uuid references app.ideas (id),
  template text not null check (template ~ '^[a-z_]+$'),
  recipient text not null check (length(recipient) between 3 and 254),
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  send_after timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'sent', 'dead')),
  attempts integer not null default 0 check (attempts >= 0),
  sent_at timestamptz,
  last_error text
);
comment on table app.email_outbox is
  'E-mails to send, written in the same transaction as the change they report. The sender job claims rows with for update skip locked.';
comment on column app.email_outbox.template is 'Which e-mail: submission_receipt, decision_released, question_to_bearer …';
comment on column app.email_outbox.payload is
  'Values for the template. A receipt carries the status token until it is sent; the sender job must remove it when it marks the row sent.';
comment on column app.email_outbox.send_after is 'Not before this time (back-off after a failed attempt).';
create index email_outbox_idea_id_idx on app.email_outbox (idea_id);
create index email_outbox_pending_idx on app.email_outbox (send_after) where status = 'pending';
alter table app.email_outbox enable row level security;

create table app.throttles (
  bucket text not null check (bucket ~ '^[a-z_]+:[0-9a-f]{64}$'),
  window_start timestamptz not null,
  hits integer not null check (hits >= 0),
  primary key (bucket, window_start)
);
comment on table app.throttles is
  'Counts per bucket and hour. The bucket is a purpose and a SHA-256 (e.g. submit:<hash of the e-mail>), never the address itself.';
alter table app.throttles enable row level security;

grant insert on app.email_outbox to api_owner;
grant select, insert, update on app.throttles to api_owner;

create policy "e-mails are queued by the submission, in scope or token holder" on app.email_outbox
  for insert to api_owner
  with check (
    status = 'pending' and idea_id is not null
    and (private.is_received_now(idea_id) or private.can_see_idea(idea_id) or private.holds_status_token(idea_id))
  );
create policy "submissions read the submission throttle" on app.throttles
  for select to api_owner
  using (bucket like 'submit:%');
create policy "submissions start the submission throttle" on app.throttles
  for insert to api_owner
  with check (bucket like 'submit:%');
create policy "submissions count in the submission throttle" on app.throttles
  for update to api_owner
  using (bucket like 'submit:%')
  with check (bucket like 'submit:%');
