-- Why: municipalities, areas, the lifecycle, reviewers and criteria are data, not code, so a region
-- can run the sluice for its own municipalities by changing rows. The lifecycle's states and allowed
-- transitions live here as rows because the database, not only the UI, must refuse illegal moves.
-- The access helpers that every later policy uses (who is the caller, are they a coordinator) are
-- defined here, next to the reviewers table they read.

-- Municipalities ------------------------------------------------------------------------------------
create table app.municipalities (
  code text primary key check (code ~ '^[0-9]{4}$'),
  name text not null unique check (length(name) between 1 and 100),
  email_domains text[] not null default '{}' check (cardinality(email_domains) > 0),
  active boolean not null default true
);
comment on table app.municipalities is 'The municipalities that take part in the sluice.';
comment on column app.municipalities.code is 'Official municipality code (kommunkod) from SCB, e.g. 1496 for Skövde.';
comment on column app.municipalities.email_domains is
  'Work e-mail domains of the municipality''s staff (e.g. skovde.se); a bearer''s e-mail must be on one of them or a subdomain.';
comment on column app.municipalities.active is 'Inactive municipalities keep their ideas but cannot be chosen for new ones.';
alter table app.municipalities enable row level security;

-- Areas (verksamhetsområden) ------------------------------------------------------------------------
create table app.areas (
  id text primary key check (id ~ '^[a-z0-9-]+$'),
  name text not null unique check (length(name) between 1 and 100),
  sort_order integer not null default 0,
  active boolean not null default true
);
comment on table app.areas is 'Areas of activity (verksamhetsområden) an idea belongs to; data, so a region can change them.';
comment on column app.areas.id is 'Stable slug used by the form and the idea bank filters, e.g. vard-och-omsorg.';
alter table app.areas enable row level security;

-- Lifecycle -----------------------------------------------------------------------------------------
create table app.idea_states (
  state text primary key check (state ~ '^[a-z_]+$'),
  label text not null unique,
  sort_order integer not null,
  is_decision boolean not null default false
);
comment on table app.idea_states is 'The states of an idea''s lifecycle with their Swedish labels (SPEC: Idea lifecycle).';
comment on column app.idea_states.is_decision is
  'A decision state: entering it needs a message to the idea bearer, kept apart until a coordinator releases it.';
alter table app.idea_states enable row level security;

create table app.idea_transitions (
  from_state text not null references app.idea_states (state),
  to_state text not null references app.idea_states (state),
  allowed_actors text[] not null check (allowed_actors <@ array['bearer', 'reviewer', 'coordinator']),
  primary key (from_state, to_state),
  check (from_state <> to_state)
);
comment on table app.idea_transitions is
  'The allowed moves between states. private.transition_idea refuses any move that has no row here.';
comment on column app.idea_transitions.allowed_actors is
  'Who may make the move: bearer (through the status link), reviewer (in scope) or coordinator.';
create index idea_transitions_to_state_idx on app.idea_transitions (to_state);
alter table app.idea_transitions enable row level security;

insert into app.idea_states (state, label, sort_order, is_decision) values
  ('received', 'inkommen', 10, false),
  ('in_review', 'under bedömning', 20, false),
  ('needs_info', 'komplettering begärd', 30, false),
  ('assessed', 'bedömd', 40, false),
  ('accepted', 'vidare till utveckling', 50, true),
  ('parked', 'vilande', 60, true),
  ('declined', 'avslagen', 70, true),
  ('forwarded', 'vidareförmedlad', 80, true),
  ('duplicate', 'dubblett', 90, true),
  ('in_development', 'under utveckling', 100, false),
  ('implemented', 'införd', 110, false),
  ('spread', 'spridd', 120, false);

insert into app.idea_transitions (from_state, to_state, allowed_actors) values
  ('received', 'in_review', array['reviewer', 'coordinator']),
  ('received', 'duplicate', array['coordinator']),
  ('in_review', 'needs_info', array['reviewer', 'coordinator']),
  ('needs_info', 'in_review', array['bearer', 'reviewer', 'coordinator']),
  ('in_review', 'assessed', array['coordinator']),
  ('in_review', 'duplicate', array['coordinator']),
  ('assessed', 'in_review', array['coordinator']),
  ('assessed', 'accepted', array['coordinator']),
  ('assessed', 'parked', array['coordinator']),
  ('assessed', 'declined', array['coordinator']),
  ('assessed', 'forwarded', array['coordinator']),
  ('assessed', 'duplicate', array['coordinator']),
  ('parked', 'in_review', array['coordinator']),
  ('duplicate', 'in_review', array['coordinator']),
  ('accepted', 'in_development', array['coordinator']),
  ('in_development', 'implemented', array['coordinator']),
  ('implemented', 'spread', array['coordinator']);

-- Reviewers -----------------------------------------------------------------------------------------
create table app.reviewers (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (length(display_name) between 1 and 150),
  role text not null check (role in ('reviewer', 'coordinator')),
  municipality_code text references app.municipalities (code),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table app.reviewers is
  'Staff who log in: idea coaches and regional reviewers (role reviewer) and the sluice''s coordinators.';
comment on column app.reviewers.user_id is 'The Supabase Auth user (auth.users.id).';
comment on column app.reviewers.municipality_code is
  'Scope: the coach''s municipality, or null for regional staff, who see every idea.';
comment on column app.reviewers.active is
  'Deactivation takes effect on the next call: every access helper checks it, not only the session.';
create index reviewers_municipality_code_idx on app.reviewers (municipality_code);
alter table app.reviewers enable row level security;

-- Criteria ------------------------------------------------------------------------------------------
create table app.criteria (
  id text primary key check (id ~ '^[a-z0-9-]+$'),
  sort_order integer not null default 0,
  active boolean not null default true
);
comment on table app.criteria is 'Assessment criteria (Nytta, Effekter, Genomförbarhet); their wording lives in criteria_versions.';
alter table app.criteria enable row level security;

create table app.criteria_versions (
  id bigint generated always as identity primary key,
  criterion_id text not null references app.criteria (id),
  version integer not null check (version > 0),
  name text not null check (length(name) between 1 and 100),
  description text not null,
  level_descriptors text[] not null check (cardinality(level_descriptors) = 5),
  weight numeric(4, 2) not null check (weight > 0),
  valid_from timestamptz not null default now(),
  unique (criterion_id, version)
);
comment on table app.criteria_versions is
  'Each wording and weight a criterion has had; a score points at the version it was given against.';
comment on column app.criteria_versions.level_descriptors is 'What scores 1 to 5 mean, in Swedish, index 1 = score 1.';
comment on column app.criteria_versions.weight is 'Relative weight in the overall weighted mean.';
alter table app.criteria_versions enable row level security;

-- Access helpers ------------------------------------------------------------------------------------
-- security definer: policies on app.reviewers call these, so reading app.reviewers as the caller
-- would recurse into the same policies; as their owner they read it directly. They return only facts
-- about the caller.
create function private.current_reviewer()
returns app.reviewers
language sql
stable
security definer
set search_path = ''
as $$
  select r.*
  from app.reviewers r
  where r.user_id = (select auth.uid())
    and r.active
$$;
comment on function private.current_reviewer() is
  'The active reviewer row of the logged-in caller, or null. Deactivated reviewers get null at once (AZ-08).';

create function private.is_active_reviewer()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from app.reviewers r where r.user_id = (select auth.uid()) and r.active
  )
$$;
comment on function private.is_active_reviewer() is 'True when the caller is an active reviewer or coordinator.';

create function private.is_coordinator()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from app.reviewers r
    where r.user_id = (select auth.uid()) and r.active and r.role = 'coordinator'
  )
$$;
comment on function private.is_coordinator() is 'True when the caller is an active coordinator.';

revoke execute on function private.current_reviewer(), private.is_active_reviewer(), private.is_coordinator()
  from public;
grant execute on function private.current_reviewer(), private.is_active_reviewer(), private.is_coordinator()
  to api_owner;

-- Privileges and policies ---------------------------------------------------------------------------
grant select on app.municipalities, app.areas, app.idea_states, app.idea_transitions to api_owner;
grant select on app.reviewers, app.criteria, app.criteria_versions to api_owner;

create policy "the api reads every municipality" on app.municipalities
  for select to api_owner using (true);
create policy "the api reads every area" on app.areas
  for select to api_owner using (true);
create policy "the api reads every lifecycle state" on app.idea_states
  for select to api_owner using (true);
create policy "the api reads every lifecycle transition" on app.idea_transitions
  for select to api_owner using (true);
create policy "active reviewers read the reviewer list" on app.reviewers
  for select to api_owner using ((select private.is_active_reviewer()));
create policy "active reviewers read the criteria" on app.criteria
  for select to api_owner using ((select private.is_active_reviewer()));
create policy "active reviewers read the criteria versions" on app.criteria_versions
  for select to api_owner using ((select private.is_active_reviewer()));
