-- Why: personal data is kept no longer than needed (GDPR Art. 5(1)(e)), but a submitted idea and
-- what belongs to its ärende are allmänna handlingar, which may be removed (gallras) only under a
-- gallringsbeslut of the municipality's archive authority (arkivlagen 1990:782, 10 §; SPEC "Law that
-- shapes the data"; LG-11). So:
--
-- * app.retention_rules holds one rule per data category – how long, counted from when, the legal
--   basis in words, active or not – as data a region changes (through api.change_retention_rule,
--   audited), not code. The defaults below are a starting point for the region's archivist and data
--   protection officer; they must be checked against the municipalities' own dokumenthanteringsplan
--   before the first run (docs/operations.md).
-- * One SQL function removes what is past its date: private.carry_out_gallring, reached only through
--   api.run_gallring with the secret key (the daily job, netlify/functions/gallring.ts). It writes an
--   audit event per removal – category, idea reference, rule, number of rows, never the content – and
--   never touches an idea's reference, received_at, state, timeline (idea_events), decisions
--   (decision_messages), scores or the original text, except where the (inactive by default)
--   category unpublished_idea_text allows the text to be gallrad.
-- * private.gallring_plan computes what is due, once, for both the run and the coordinators'
--   preview (api.preview_gallring), so the preview shows exactly what a run would remove.
-- * A person's granted erasure request (app.personal_data_decisions, recorded by the personal-data
--   functions in 20261202360200) is carried out by the same run: their contact details go at the
--   next run, if the region's rule for contact details is active; the idea's text stays.
--
-- When a category's clock starts (`after`):
--   received       the idea's received_at;
--   decided        the idea's latest released decision;
--   last_activity  the idea's latest event in its timeline or released decision – rows that
--                  gallring never removes, so one category's removal never moves another's date and
--                  a second run removes nothing new;
--   created        the row's own time (audit events; e-mails: when sent, or created if never sent).
-- An idea still being handled – received, in review, waiting for information, assessed, or with a
-- decision not yet released to its bearer – keeps everything, whatever the rules say.
--
-- The gallring function and its plan are owned by the migration role (like private.review_queue):
-- they act on every idea, beyond any reviewer's scope, and delete from tables from which no api
-- function otherwise deletes. Giving api_owner delete privileges on those tables would widen what
-- every api function could do; instead only api_owner may execute the two, and only
-- api.run_gallring (secret key) and api.preview_gallring (coordinators, read only) call them.

-- Retention rules -------------------------------------------------------------------------------------
create table app.retention_rules (
  category text primary key check (category in (
    'bearer_contact', 'internal_notes', 'messages', 'unpublished_idea_text', 'audit_events', 'email_outbox'
  )),
  keep_for interval not null check (keep_for >= interval '0' and keep_for <= interval '50 years'),
  after text not null check (after in ('received', 'decided', 'last_activity', 'created')),
  legal_basis text not null check (length(legal_basis) between 1 and 1000),
  active boolean not null default true,
  changed_at timestamptz not null default now(),
  changed_by uuid references app.reviewers (user_id),
  -- Row categories count from the row's own time; idea categories from a moment of the idea.
  check ((category in ('audit_events', 'email_outbox')) = (after = 'created'))
);
comment on table app.retention_rules is
  'How long each category of data is kept, from when, and on what legal basis (the municipalities'' gallringsbeslut). The gallring job removes what is past its date under the active rules.';
comment on column app.retention_rules.category is
  'bearer_contact (idea_bearers: name, e-mail, phone, co-bearers), internal_notes (with their mentions), messages (questions and answers with the bearer), unpublished_idea_text (the text of ideas never published, every version), audit_events, email_outbox (sent and dead e-mails).';
comment on column app.retention_rules.keep_for is 'How long after `after` the data is kept (0–50 years).';
comment on column app.retention_rules.after is
  'When the clock starts: received, decided, last_activity (idea categories) or created (row categories).';
comment on column app.retention_rules.legal_basis is 'The legal basis in words: which gallringsbeslut, which provision. Shown to coordinators.';
comment on column app.retention_rules.active is 'Inactive rules remove nothing; an erasure decision waits while the bearer_contact rule is inactive.';
comment on column app.retention_rules.changed_by is 'The coordinator who last changed the rule; null for the migration''s default.';
create index retention_rules_changed_by_idx on app.retention_rules (changed_by);
alter table app.retention_rules enable row level security;

-- The defaults, each with its basis. on conflict do nothing: a region's own values stay.
insert into app.retention_rules (category, keep_for, after, active, legal_basis) values
  -- Contact details are needed while the idea is handled and followed up (questions, decisions,
  -- development together with the bearer); two years after the last step is a common period for
  -- contact details in case files of ringa betydelse. The data is part of an allmän handling, so it
  -- may be removed only because a gallringsbeslut says so (arkivlagen 10 §).
  ('bearer_contact', interval '2 years', 'last_activity', true,
   'Kommunernas gallringsbeslut (dokumenthanteringsplanen för idéslussen): idébärarens kontaktuppgifter gallras två år efter ärendets sista händelse. Arkivlagen (1990:782) 10 §; dataskyddsförordningen art. 5.1 e (lagringsminimering). Beviljad begäran om radering (art. 17) verkställs vid nästa körning.'),
  -- Reviewers' internal notes are working notes for preparing the matter; they are not kept as part
  -- of the ärende unless taken care of for archiving (tryckfrihetsförordningen 2 kap. 12 §).
  ('internal_notes', interval '1 year', 'last_activity', true,
   'Arbetsanteckningar för beredning som inte har tagits om hand för arkivering (tryckfrihetsförordningen 2 kap. 12 §) gallras ett år efter ärendets sista händelse enligt gallringsbeslutet. Dataskyddsförordningen art. 5.1 e.'),
  -- Questions to the bearer and their answers belong to the ärende (inkomna and expedierade
  -- handlingar): removed only under the gallringsbeslut, here with the contact details.
  ('messages', interval '2 years', 'last_activity', true,
   'Kommunernas gallringsbeslut: korrespondens med idébäraren (frågor och svar) gallras två år efter ärendets sista händelse. Arkivlagen (1990:782) 10 §; dataskyddsförordningen art. 5.1 e.'),
  -- The idea itself is an allmän handling from the moment it arrives. Its text is never removed
  -- unless the region's gallringsbeslut allows gallring of ideas that were never published: off
  -- until an archivist turns it on. Published ideas are never gallrad.
  ('unpublished_idea_text', interval '10 years', 'decided', false,
   'Inaktiv. Idén är en allmän handling från att den kommer in och får gallras bara om kommunernas gallringsbeslut medger det (arkivlagen 1990:782 10 §). Aktivera först när arkivmyndigheten har beslutat om gallring av opublicerade idéer. Diarienummer, inkomstdatum, beslut och tidslinje bevaras alltid.'),
  -- The audit trail must outlive what it documents long enough for supervision (IMY), audits and
  -- complaints; five years, then removed like other logs.
  ('audit_events', interval '5 years', 'created', true,
   'Loggar över behandling av personuppgifter och gallring sparas fem år för tillsyn och granskning (dataskyddsförordningen art. 5.2 och 30), därefter gallras de enligt gallringsbeslutet för loggar.'),
  -- The outbox keeps a transport copy of each e-mail (recipient, and for decisions the message).
  -- What was said is kept in the ärende (messages, decision_messages); the copy is not needed once
  -- sent or given up.
  ('email_outbox', interval '90 days', 'created', true,
   'Utskickskopior av e-post är av tillfällig betydelse: innehållet finns kvar i ärendet. De gallras 90 dagar efter att de skickades eller gavs upp. Dataskyddsförordningen art. 5.1 c och e.')
on conflict (category) do nothing;

-- Personal-data decisions (written by 20261202360200, carried out here) --------------------------------
create table app.personal_data_decisions (
  id bigint generated always as identity primary key,
  subject_hash text not null check (subject_hash ~ '^[0-9a-f]{64}$'),
  decision text not null check (decision in ('erasure', 'restriction')),
  reason text not null check (length(reason) between 1 and 2000),
  decided_by uuid not null references app.reviewers (user_id),
  decided_at timestamptz not null default now(),
  carried_out_at timestamptz
);
comment on table app.personal_data_decisions is
  'A coordinator''s decision on a person''s request (GDPR Art. 17 erasure, Art. 18 restriction) about the ideas they submitted. The person is named only by private.person_hash of their e-mail. Restriction takes effect at once; erasure of contact details is carried out by the next gallring run.';
comment on column app.personal_data_decisions.reason is 'Why the request was granted (and what the law leaves in place): the coordinator''s words.';
comment on column app.personal_data_decisions.carried_out_at is 'When the decision took effect: at once for restriction, at the gallring run for erasure; null while waiting.';
create index personal_data_decisions_subject_hash_idx on app.personal_data_decisions (subject_hash);
create index personal_data_decisions_decided_by_idx on app.personal_data_decisions (decided_by);
create index personal_data_decisions_waiting_idx on app.personal_data_decisions (decision) where carried_out_at is null;
alter table app.personal_data_decisions enable row level security;

create table app.personal_data_decision_ideas (
  decision_id bigint not null references app.personal_data_decisions (id),
  idea_id uuid not null references app.ideas (id),
  primary key (decision_id, idea_id)
);
comment on table app.personal_data_decision_ideas is
  'The ideas a personal-data decision covers: those the person had submitted when it was taken. A later submission is a new matter.';
create index personal_data_decision_ideas_idea_id_idx on app.personal_data_decision_ideas (idea_id);
alter table app.personal_data_decision_ideas enable row level security;
-- Neither table has a grant or a policy: only the owner-run helpers below and in 20261202360200
-- read and write them.

-- Gallring of an unpublished idea's text --------------------------------------------------------------
alter table app.idea_versions add column gallrad_at timestamptz;
comment on column app.idea_versions.gallrad_at is
  'When the gallring job replaced this version''s text with a placeholder (category unpublished_idea_text, inactive by default); null = as written.';

create function private.gallrad_title()
returns text
language sql
immutable
set search_path = ''
as $$ select 'Gallrad idé' $$;
comment on function private.gallrad_title() is 'The title a gallrad idea keeps.';

create function private.gallrad_text()
returns text
language sql
immutable
set search_path = ''
as $$ select 'Texten har gallrats enligt kommunernas gallringsbeslut. Diarienummer, inkomstdatum och beslut finns kvar.' $$;
comment on function private.gallrad_text() is 'The text a gallrad idea''s problem and proposal are replaced with.';

revoke execute on function private.gallrad_title(), private.gallrad_text() from public;

-- The original text stays append-only for every role. The one change it may undergo is gallring:
-- inside private.carry_out_gallring (which sets the transaction-local flag for that one statement),
-- an unpublished idea's version may be replaced, once, by the fixed placeholder – nothing else, and
-- never deleted. No app role holds update on idea_versions, so the flag opens nothing to them.
create or replace function private.refuse_change_to_original_text()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and current_setting('app.gallring', true) = 'unpublished_idea_text' then
    if old.gallrad_at is null and new.gallrad_at is not null
      and new.id = old.id and new.idea_id = old.idea_id and new.version = old.version
      and new.created_at = old.created_at and new.created_by is not distinct from old.created_by
      and new.title = private.gallrad_title() and new.problem = private.gallrad_text()
      and new.proposal = private.gallrad_text() and new.expected_effects = '' and new.resources = ''
      and new.workplace is null
      and not private.is_published(new.idea_id) then
      return new;
    end if;
  end if;
  raise exception using errcode = 'IS003', message = 'original_text_immutable';
end;
$$;
comment on function private.refuse_change_to_original_text() is
  'Refuses update, delete and truncate on app.idea_versions for every role (LG-14); the only exception is the gallring job replacing an unpublished idea''s text by the fixed placeholder under an active gallringsbeslut (category unpublished_idea_text).';

-- private.gallring_plan: what is due -------------------------------------------------------------------
create function private.gallring_plan(as_of timestamptz)
returns table (category text, idea_id uuid, idea_reference text, row_ids bigint[], rule jsonb)
language sql
stable
security definer
set search_path = ''
set intervalstyle = 'iso_8601'
as $$
  with rules as (
    select r.category, r.keep_for, r.after,
      jsonb_build_object('category', r.category, 'keep_for', r.keep_for::text, 'after', r.after) as rule
    from app.retention_rules r
    where r.active
  ),
  -- Ideas no longer being handled: past the assessment, every decision released to the bearer.
  closed as (
    select i.id, i.reference, i.received_at, i.published_at,
      (select max(m.released_at) from app.decision_messages m where m.idea_id = i.id) as decided_at,
      greatest(
        (select max(e.occurred_at) from app.idea_events e where e.idea_id = i.id),
        (select max(m.released_at) from app.decision_messages m where m.idea_id = i.id)
      ) as last_activity_at
    from app.ideas i
    where i.state not in ('received', 'in_review', 'needs_info', 'assessed')
      and not exists (select 1 from app.decision_messages m where m.idea_id = i.id and m.released_at is null)
  ),
  ideas_due as (
    select r.category, c.id as idea_id, c.reference, c.published_at, r.rule
    from rules r
    join closed c on (
      case r.after
        when 'received' then c.received_at
        when 'decided' then c.decided_at
        when 'last_activity' then c.last_activity_at
      end
    ) + r.keep_for <= as_of
    where r.after <> 'created'
  ),
  -- Granted erasure requests not yet carried out, while the rule for contact details is active.
  erasures as (
    select distinct on (b.id) b.id as bearer_id, b.idea_id, lower(b.email) as email, i.reference,
      jsonb_build_object('decision_id', d.id, 'decision', d.decision) as rule
    from app.personal_data_decisions d
    join app.personal_data_decision_ideas di on di.decision_id = d.id
    join app.idea_bearers b on b.idea_id = di.idea_id
    join app.ideas i on i.id = b.idea_id
    where d.decision = 'erasure' and d.carried_out_at is null
      and exists (select 1 from rules r where r.category = 'bearer_contact')
    order by b.id, d.id
  ),
  bearer_rows as (
    select distinct on (b.id) b.idea_id, x.reference, b.id, x.rule
    from (
      select e.idea_id, e.reference, e.bearer_id, e.rule, 0 as preference from erasures e
      union all
      select d.idea_id, d.reference, b.id, d.rule, 1 from ideas_due d
      join app.idea_bearers b on b.idea_id = d.idea_id
      where d.category = 'bearer_contact'
    ) x
    join app.idea_bearers b on b.id = x.bearer_id
    order by b.id, x.preference
  ),
  outbox_rows as (
    select distinct on (o.id) o.id, o.idea_id, x.rule
    from (
      -- A person's erasure takes the e-mails to them about those ideas too, whatever their status.
      select o.id, e.rule, 0 as preference
      from erasures e join app.email_outbox o on o.idea_id = e.idea_id and lower(o.recipient) = e.email
      union all
      select o.id, r.rule, 1
      from rules r join app.email_outbox o on o.status in ('sent', 'dead')
        and coalesce(o.sent_at, o.created_at) + r.keep_for <= as_of
      where r.category = 'email_outbox'
    ) x
    join app.email_outbox o on o.id = x.id
    order by o.id, x.preference
  )
  select 'bearer_contact', b.idea_id, b.reference, array_agg(b.id order by b.id), b.rule
  from bearer_rows b group by b.idea_id, b.reference, b.rule
  union all
  select 'internal_notes', d.idea_id, d.reference, array_agg(n.id order by n.id), d.rule
  from ideas_due d join app.internal_notes n on n.idea_id = d.idea_id
  where d.category = 'internal_notes'
  group by d.idea_id, d.reference, d.rule
  union all
  select 'messages', d.idea_id, d.reference, array_agg(x.id order by x.id), d.rule
  from ideas_due d join app.messages x on x.idea_id = d.idea_id
  where d.category = 'messages'
  group by d.idea_id, d.reference, d.rule
  union all
  select 'unpublished_idea_text', d.idea_id, d.reference, array_agg(v.id order by v.id), d.rule
  from ideas_due d join app.idea_versions v on v.idea_id = d.idea_id and v.gallrad_at is null
  where d.category = 'unpublished_idea_text' and d.published_at is null
  group by d.idea_id, d.reference, d.rule
  union all
  select 'email_outbox', o.idea_id, i.reference, array_agg(o.id order by o.id), o.rule
  from outbox_rows o left join app.ideas i on i.id = o.idea_id
  group by o.idea_id, i.reference, o.rule
  union all
  select 'audit_events', null, null, array_agg(a.id order by a.id), r.rule
  from rules r join app.audit_events a on a.occurred_at + r.keep_for <= as_of
  where r.category = 'audit_events'
  group by r.rule
$$;
comment on function private.gallring_plan(timestamptz) is
  'What a gallring run at as_of removes: one row per category and idea (row categories without an idea: one row per rule), with the ids of the rows and the rule (a retention rule''s {category, keep_for, after}, or an erasure decision''s {decision_id, decision}). Never content. Owner-run: it must see every idea; executable only by api_owner.';
revoke execute on function private.gallring_plan(timestamptz) from public;
grant execute on function private.gallring_plan(timestamptz) to api_owner;

-- private.carry_out_gallring: the one function that removes ---------------------------------------------
create function private.carry_out_gallring(as_of timestamptz, dry_run boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set intervalstyle = 'iso_8601'
as $$
declare
  v_plan jsonb;
  v_item record;
  v_carried_out integer := 0;
begin
  -- One run at a time: a second run waits here, then finds nothing left to remove.
  if not dry_run then
    perform pg_advisory_xact_lock(hashtext('app.gallring')::bigint);
  end if;

  select coalesce(jsonb_agg(jsonb_build_object('category', p.category, 'idea_id', p.idea_id,
      'idea_reference', p.idea_reference, 'row_ids', to_jsonb(p.row_ids), 'rule', p.rule)
      order by p.category, p.idea_reference nulls last), '[]'::jsonb)
  into v_plan
  from private.gallring_plan(as_of) p;

  if not dry_run then
    for v_item in
      select x.category, x.idea_id, x.idea_reference, x.rule,
        array(select jsonb_array_elements_text(x.row_ids)::bigint) as row_ids
      from jsonb_to_recordset(v_plan) as x(category text, idea_id uuid, idea_reference text, row_ids jsonb, rule jsonb)
    loop
      case v_item.category
        when 'bearer_contact' then
          delete from app.idea_bearers b where b.id = any (v_item.row_ids);
        when 'internal_notes' then
          delete from app.note_mentions m where m.note_id = any (v_item.row_ids);
          delete from app.internal_notes n where n.id = any (v_item.row_ids);
        when 'messages' then
          delete from app.messages m where m.id = any (v_item.row_ids);
        when 'email_outbox' then
          delete from app.email_outbox o where o.id = any (v_item.row_ids);
        when 'unpublished_idea_text' then
          perform set_config('app.gallring', 'unpublished_idea_text', true);
          update app.idea_versions v
          set title = private.gallrad_title(), problem = private.gallrad_text(), proposal = private.gallrad_text(),
            expected_effects = '', resources = '', workplace = null, gallrad_at = as_of
          where v.id = any (v_item.row_ids);
          perform set_config('app.gallring', '', true);
          update app.ideas i
          set title = private.gallrad_title(), problem = private.gallrad_text(), proposal = private.gallrad_text()
          where i.id = v_item.idea_id;
        when 'audit_events' then
          perform set_config('app.gallring', 'audit_events', true);
          delete from app.audit_events a where a.id = any (v_item.row_ids);
          perform set_config('app.gallring', '', true);
      end case;
      -- One audit event per removal: what, which idea, when, under which rule; never the content.
      perform private.audit('gallring', v_item.category, v_item.idea_reference, v_item.rule,
        jsonb_build_object('rows', cardinality(v_item.row_ids)), null, as_of);
    end loop;

    -- An erasure decision is carried out once none of its ideas has contact details left.
    update app.personal_data_decisions d
    set carried_out_at = as_of
    where d.decision = 'erasure' and d.carried_out_at is null
      and exists (select 1 from app.retention_rules r where r.category = 'bearer_contact' and r.active)
      and not exists (
        select 1 from app.personal_data_decision_ideas di
        join app.idea_bearers b on b.idea_id = di.idea_id
        where di.decision_id = d.id
      );
    get diagnostics v_carried_out = row_count;
  end if;

  return jsonb_build_object(
    'as_of', as_of,
    'dry_run', dry_run,
    'items', coalesce((
      select jsonb_agg(jsonb_build_object('category', x.category, 'idea_reference', x.idea_reference,
        'rows', jsonb_array_length(x.row_ids), 'rule', x.rule))
      from jsonb_to_recordset(v_plan) as x(category text, idea_reference text, row_ids jsonb, rule jsonb)
    ), '[]'::jsonb),
    'totals', (
      select jsonb_object_agg(r.category, coalesce((
        select sum(jsonb_array_length(x.row_ids))
        from jsonb_to_recordset(v_plan) as x(category text, row_ids jsonb)
        where x.category = r.category
      ), 0))
      from app.retention_rules r
    ),
    'erasures_carried_out', v_carried_out
  );
end;
$$;
comment on function private.carry_out_gallring(timestamptz, boolean) is
  'Removes (or, dry_run, only lists) what private.gallring_plan says is due at as_of, writing one audit event per category and idea, and marks erasure decisions carried out. Returns {as_of, dry_run, items: [{category, idea_reference, rows, rule}], totals: {category: rows}, erasures_carried_out}. Owner-run; executable only by api_owner.';
revoke execute on function private.carry_out_gallring(timestamptz, boolean) from public;
grant execute on function private.carry_out_gallring(timestamptz, boolean) to api_owner;

-- Who reads and changes the rules -----------------------------------------------------------------------
grant select, update (keep_for, after, legal_basis, active, changed_at, changed_by) on app.retention_rules to api_owner;
create policy "coordinators read the retention rules" on app.retention_rules
  for select to api_owner
  using ((select private.is_coordinator()));
create policy "coordinators change the retention rules" on app.retention_rules
  for update to api_owner
  using ((select private.is_coordinator()))
  with check ((select private.is_coordinator()));

-- api.run_gallring ----------------------------------------------------------------------------------------
create function api.run_gallring(dry_run boolean default true, now_at timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  -- Second line: only the service role has execute at all.
  if not private.is_server_with_secret_key() then
    raise exception using errcode = '42501', message = 'secret_key_only';
  end if;
  -- A run may look ahead (tests move the clock forward) but never back.
  if now_at is null or now_at < now() then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'now_at';
  end if;
  return private.carry_out_gallring(now_at, coalesce(dry_run, true));
end;
$$;
comment on function api.run_gallring(boolean, timestamptz) is
  'The gallring job (secret key only): removes what is past its retention date at now_at (default now(); never earlier) under the active rules and carries out erasure decisions, one audit event per removal; dry_run (the default) only lists. Returns {as_of, dry_run, items, totals, erasures_carried_out}. Errors: 42501 secret_key_only; IS002 invalid (now_at).';
alter function api.run_gallring(boolean, timestamptz) owner to api_owner;
revoke execute on function api.run_gallring(boolean, timestamptz) from public, anon, authenticated;
grant execute on function api.run_gallring(boolean, timestamptz) to service_role;

-- api.preview_gallring ------------------------------------------------------------------------------------
create function api.preview_gallring()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set intervalstyle = 'iso_8601'
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('preview_gallring');
  -- The job runs daily: what is due within a day is what its next run removes.
  v_as_of timestamptz := now() + interval '1 day';
begin
  return jsonb_build_object(
    'as_of', v_as_of,
    'categories', coalesce((
      select jsonb_agg(jsonb_build_object(
        'category', r.category, 'active', r.active, 'keep_for', r.keep_for::text, 'after', r.after,
        'rows', coalesce(p.rows, 0), 'ideas', coalesce(p.ideas, '[]'::jsonb),
        'on_request', coalesce(p.on_request, 0)
      ) order by array_position(array['bearer_contact', 'messages', 'internal_notes', 'unpublished_idea_text',
        'email_outbox', 'audit_events'], r.category))
      from app.retention_rules r
      left join lateral (
        select sum(cardinality(x.row_ids))::integer as rows,
          jsonb_agg(distinct x.idea_reference) filter (where x.idea_reference is not null) as ideas,
          (count(*) filter (where x.rule ? 'decision_id'))::integer as on_request
        from private.gallring_plan(v_as_of) x
        where x.category = r.category
      ) p on true
    ), '[]'::jsonb)
  );
end;
$$;
comment on function api.preview_gallring() is
  'Coordinators see what the next gallring run (within a day) removes: {as_of, categories: [{category, active, keep_for (ISO 8601), after, rows, ideas: [references], on_request (erasure decisions)}]}. Read only. Errors: 42501 not_reviewer / coordinator_only.';
alter function api.preview_gallring() owner to api_owner;
revoke execute on function api.preview_gallring() from public, anon;
grant execute on function api.preview_gallring() to authenticated, service_role;

-- api.list_retention_rules -------------------------------------------------------------------------------
create function api.list_retention_rules()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set intervalstyle = 'iso_8601'
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('list_retention_rules');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'category', r.category, 'keep_for', r.keep_for::text, 'after', r.after, 'legal_basis', r.legal_basis,
      'active', r.active, 'changed_at', r.changed_at, 'changed_by', rv.display_name
    ) order by array_position(array['bearer_contact', 'messages', 'internal_notes', 'unpublished_idea_text',
      'email_outbox', 'audit_events'], r.category))
    from app.retention_rules r
    left join app.reviewers rv on rv.user_id = r.changed_by
  ), '[]'::jsonb);
end;
$$;
comment on function api.list_retention_rules() is
  'Coordinators read the retention rules: [{category, keep_for (ISO 8601, e.g. P2Y), after, legal_basis, active, changed_at, changed_by (name or null)}]. Errors: 42501 not_reviewer / coordinator_only.';
alter function api.list_retention_rules() owner to api_owner;
revoke execute on function api.list_retention_rules() from public, anon;
grant execute on function api.list_retention_rules() to authenticated, service_role;

-- api.change_retention_rule ------------------------------------------------------------------------------
create function api.change_retention_rule(
  category text,
  keep_for text,
  after text,
  active boolean,
  legal_basis text
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set intervalstyle = 'iso_8601'
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('change_retention_rule');
  v_old app.retention_rules;
  v_keep_for interval;
  v_basis text := nullif(btrim(change_retention_rule.legal_basis), '');
begin
  select r.* into v_old from app.retention_rules r where r.category = change_retention_rule.category for update;
  if not found then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'category';
  end if;
  begin
    v_keep_for := nullif(btrim(change_retention_rule.keep_for), '')::interval;
  exception when others then
    raise exception using errcode = 'IS002', message = 'invalid', detail = 'keep_for';
  end;
  if v_keep_for is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'keep_for';
  end if;
  if v_keep_for < interval '0' or v_keep_for > interval '50 years' then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'keep_for';
  end if;
  if change_retention_rule.after is null
    or (v_old.after = 'created') <> (change_retention_rule.after = 'created')
    or change_retention_rule.after not in ('received', 'decided', 'last_activity', 'created') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'after';
  end if;
  if change_retention_rule.active is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'active';
  end if;
  if v_basis is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'legal_basis';
  end if;
  if length(v_basis) > 1000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'legal_basis';
  end if;

  update app.retention_rules r
  set keep_for = v_keep_for, after = change_retention_rule.after, active = change_retention_rule.active,
    legal_basis = v_basis, changed_at = now(), changed_by = v_reviewer.user_id
  where r.category = change_retention_rule.category;

  perform private.audit('retention_rule_changed', change_retention_rule.category, null, null,
    jsonb_build_object(
      'before', jsonb_build_object('keep_for', v_old.keep_for::text, 'after', v_old.after, 'active', v_old.active),
      'after', jsonb_build_object('keep_for', v_keep_for::text, 'after', change_retention_rule.after,
        'active', change_retention_rule.active),
      'legal_basis_changed', v_basis is distinct from v_old.legal_basis));

  return jsonb_build_object('category', change_retention_rule.category, 'keep_for', v_keep_for::text,
    'after', change_retention_rule.after, 'active', change_retention_rule.active, 'legal_basis', v_basis);
end;
$$;
comment on function api.change_retention_rule(text, text, text, boolean, text) is
  'A coordinator changes a retention rule (the region''s gallringsbeslut): keep_for (an interval, 0–50 years), after (received, decided or last_activity for idea categories; created for audit_events and email_outbox), active, legal_basis (≤ 1000 characters). Audited with the old and new values. Errors: 42501 not_reviewer / coordinator_only; IS002 unknown_value (category, after), missing (keep_for, active, legal_basis), invalid / out_of_range (keep_for), too_long (legal_basis).';
alter function api.change_retention_rule(text, text, text, boolean, text) owner to api_owner;
revoke execute on function api.change_retention_rule(text, text, text, boolean, text) from public, anon;
grant execute on function api.change_retention_rule(text, text, text, boolean, text) to authenticated, service_role;
