-- Why: the coordinators run the sluice and must see, without opening the workspace, what is
-- waiting on them: assessments past their due date, decisions taken but not yet released to the
-- bearer, and forwarded ideas whose follow-up date has come (SPEC "One sluice": forwarded ideas keep a
-- follow-up date). Once a week (Monday morning, netlify/functions/weekly-digest.ts) one Swedish
-- e-mail per active coordinator goes through the outbox, like every other e-mail (decision 0006):
-- counts and references, never an idea's text or a bearer's details.
--
-- A second run in the same week queues nothing new (one digest per coordinator and ISO week), so a
-- retried job never sends twice. A coordinator with a municipality gets their municipality's ideas;
-- a regional one all.

-- private.weekly_digest_recipients -------------------------------------------------------------------------
-- security definer, owned by the migration role: the addresses live in Supabase Auth's own table,
-- which api_owner may not read (decision 0003).
create function private.weekly_digest_recipients()
returns table (user_id uuid, name text, email text, municipality_code text)
language sql
stable
security definer
set search_path = ''
as $$
  select r.user_id, r.display_name, lower(u.email), r.municipality_code
  from app.reviewers r
  join auth.users u on u.id = r.user_id
  where r.active and r.role = 'coordinator' and coalesce(u.email, '') <> ''
  order by r.user_id
$$;
comment on function private.weekly_digest_recipients() is
  'The active coordinators with their e-mail address (from Auth) and scope, for the weekly digest. Owner-run; executable only by api_owner.';
revoke execute on function private.weekly_digest_recipients() from public;
grant execute on function private.weekly_digest_recipients() to api_owner;

-- private.weekly_digest_for ---------------------------------------------------------------------------------
-- security definer, owned by the migration role: the job runs with the secret key and is no
-- reviewer, so no policy lets it read ideas and assignments; this reads them for one recipient's
-- scope (null = every municipality) and returns references, names of reviewers and dates only.
create function private.weekly_digest_for(scope text, today date)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with overdue as (
    select i.reference, r.display_name as reviewer, a.due_on
    from app.assignments a
    join app.ideas i on i.id = a.idea_id
    join app.reviewers r on r.user_id = a.reviewer_id
    where a.done_at is null and a.due_on < today
      and (scope is null or i.municipality_code = scope)
  ),
  unreleased as (
    select i.reference, e.to_state as state, e.occurred_at as decided_at
    from app.decision_messages m
    join app.idea_events e on e.id = m.event_id
    join app.ideas i on i.id = m.idea_id
    where m.released_at is null
      and (scope is null or i.municipality_code = scope)
  ),
  follow_ups as (
    select i.reference, i.forwarded_to, i.follow_up_on
    from app.ideas i
    where i.state = 'forwarded' and i.follow_up_on is not null and i.follow_up_on <= today + 7
      and (scope is null or i.municipality_code = scope)
  )
  select jsonb_build_object(
    'overdue_count', (select count(*) from overdue),
    'overdue', coalesce((select jsonb_agg(jsonb_build_object('reference', o.reference, 'reviewer', o.reviewer,
      'due_on', o.due_on) order by o.due_on, o.reference) from (select * from overdue order by due_on, reference limit 20) o), '[]'::jsonb),
    'unreleased_count', (select count(*) from unreleased),
    'unreleased', coalesce((select jsonb_agg(jsonb_build_object('reference', u.reference, 'state', u.state,
      'decided_at', u.decided_at) order by u.decided_at, u.reference) from (select * from unreleased order by decided_at, reference limit 20) u), '[]'::jsonb),
    'follow_up_count', (select count(*) from follow_ups),
    'follow_ups', coalesce((select jsonb_agg(jsonb_build_object('reference', f.reference,
      'forwarded_to', f.forwarded_to, 'follow_up_on', f.follow_up_on) order by f.follow_up_on, f.reference)
      from (select * from follow_ups order by follow_up_on, reference limit 20) f), '[]'::jsonb)
  )
$$;
comment on function private.weekly_digest_for(text, date) is
  'The weekly digest''s facts for one scope (a municipality code, or null for all) on a day: overdue assignments (reference, reviewer, due date), unreleased decisions (reference, state, when), forwarded ideas due for follow-up within a week (reference, to whom, when) – at most 20 of each, with counts. Owner-run; executable only by api_owner.';
revoke execute on function private.weekly_digest_for(text, date) from public;
grant execute on function private.weekly_digest_for(text, date) to api_owner;

-- The digest is the one e-mail about no idea. One insert policy per role and action (Supabase's
-- advisor): the rule of 20261127100400 for e-mails about an idea, and the digest job's.
drop policy "e-mails are queued by the submission, in scope or token holder" on app.email_outbox;
create policy "e-mails are queued about an idea in scope, or as the digest" on app.email_outbox
  for insert to api_owner
  with check (
    status = 'pending' and (
      (
        idea_id is not null
        and (private.is_received_now(idea_id) or private.can_see_idea(idea_id) or private.holds_status_token(idea_id))
      )
      or (idea_id is null and template = 'weekly_digest' and (select private.is_server_with_secret_key()))
    )
  );

-- api.queue_weekly_digest -----------------------------------------------------------------------------------
create function api.queue_weekly_digest(now_at timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_today date;
  v_week text;
  v_recipient record;
  v_queued integer := 0;
  v_skipped integer := 0;
begin
  if not private.is_server_with_secret_key() then
    raise exception using errcode = '42501', message = 'secret_key_only';
  end if;
  if now_at is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'now_at';
  end if;
  v_today := (now_at at time zone 'Europe/Stockholm')::date;
  v_week := to_char(v_today, 'IYYY-"W"IW');

  for v_recipient in select * from private.weekly_digest_recipients() loop
    if exists (
      select 1 from app.email_outbox o
      where o.template = 'weekly_digest' and o.recipient = v_recipient.email and o.payload ->> 'week' = v_week
    ) then
      v_skipped := v_skipped + 1;
      continue;
    end if;
    insert into app.email_outbox (idea_id, template, recipient, payload)
    values (null, 'weekly_digest', v_recipient.email,
      jsonb_build_object('week', v_week, 'today', v_today, 'name', v_recipient.name)
        || private.weekly_digest_for(v_recipient.municipality_code, v_today));
    v_queued := v_queued + 1;
  end loop;

  return jsonb_build_object('week', v_week, 'queued', v_queued, 'skipped', v_skipped);
end;
$$;
comment on function api.queue_weekly_digest(timestamptz) is
  'The weekly digest job (secret key only): queues one e-mail (template weekly_digest) per active coordinator for the ISO week of now_at (Swedish time), unless one is already queued for that week. Returns {week, queued, skipped}. Errors: 42501 secret_key_only; IS002 missing (now_at).';
alter function api.queue_weekly_digest(timestamptz) owner to api_owner;
revoke execute on function api.queue_weekly_digest(timestamptz) from public, anon, authenticated;
grant execute on function api.queue_weekly_digest(timestamptz) to service_role;
