-- Why: the work reviewers do on an idea – assignments, blind scores against versioned criteria with
-- every revision kept, recommendations, declared conflicts of interest (jäv), internal notes, questions
-- to the bearer, their municipality's interest, and links between similar ideas – each has its own
-- table so each can have its own access rule. Tables that no api function reads yet have row-level
-- security on and no policy or grant: nothing reaches them until the slice that needs them adds both.

-- Assignments ---------------------------------------------------------------------------------------
create table app.assignments (
  id bigint generated always as identity primary key,
  idea_id uuid not null references app.ideas (id),
  reviewer_id uuid not null references app.reviewers (user_id),
  assigned_by uuid not null references app.reviewers (user_id),
  assigned_at timestamptz not null default now(),
  due_on date not null,
  done_at timestamptz,
  unique (idea_id, reviewer_id)
);
comment on table app.assignments is 'A coordinator asks a reviewer to assess an idea by a due date.';
comment on column app.assignments.done_at is 'When the reviewer finished (all criteria scored and a recommendation given).';
create index assignments_reviewer_id_idx on app.assignments (reviewer_id, done_at);
create index assignments_assigned_by_idx on app.assignments (assigned_by);
alter table app.assignments enable row level security;

-- Scores and their history --------------------------------------------------------------------------
create table app.scores (
  id bigint generated always as identity primary key,
  idea_id uuid not null references app.ideas (id),
  reviewer_id uuid not null references app.reviewers (user_id),
  criterion_id text not null references app.criteria (id),
  criteria_version_id bigint not null references app.criteria_versions (id),
  score smallint not null check (score between 1 and 5),
  comment text not null default '' check (length(comment) <= 4000),
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (idea_id, reviewer_id, criterion_id)
);
comment on table app.scores is
  'A reviewer''s current score of one idea on one criterion (1–5). Blind: others see it only after scoring themselves; coordinators see all.';
comment on column app.scores.criteria_version_id is 'The wording and weight of the criterion the score was given against.';
create index scores_reviewer_id_idx on app.scores (reviewer_id);
create index scores_criterion_id_idx on app.scores (criterion_id);
create index scores_criteria_version_id_idx on app.scores (criteria_version_id);
alter table app.scores enable row level security;

create table app.score_history (
  id bigint generated always as identity primary key,
  score_id bigint not null references app.scores (id),
  score smallint not null check (score between 1 and 5),
  comment text not null default '',
  recorded_at timestamptz not null default now(),
  recorded_by uuid not null references app.reviewers (user_id)
);
comment on table app.score_history is 'Every value a score has had, append-only: revisions until the decision are all kept.';
create index score_history_score_id_idx on app.score_history (score_id);
create index score_history_recorded_by_idx on app.score_history (recorded_by);
create trigger score_history_is_append_only
  before update or delete on app.score_history
  for each row execute function private.refuse_change_to_timeline();
alter table app.score_history enable row level security;

-- Recommendations -----------------------------------------------------------------------------------
create table app.recommendations (
  idea_id uuid not null references app.ideas (id),
  reviewer_id uuid not null references app.reviewers (user_id),
  recommendation text not null check (recommendation in ('vidare', 'vilande', 'avsla', 'vidareformedla')),
  comment text not null default '' check (length(comment) <= 4000),
  given_at timestamptz not null default now(),
  primary key (idea_id, reviewer_id)
);
comment on table app.recommendations is 'A reviewer''s recommendation: vidare, vilande, avslå or vidareförmedla.';
create index recommendations_reviewer_id_idx on app.recommendations (reviewer_id);
alter table app.recommendations enable row level security;

-- Conflicts of interest (jäv) ----------------------------------------------------------------------
create table app.conflicts_of_interest (
  idea_id uuid not null references app.ideas (id),
  reviewer_id uuid not null references app.reviewers (user_id),
  reason text not null check (length(reason) between 1 and 1000),
  declared_at timestamptz not null default now(),
  primary key (idea_id, reviewer_id)
);
comment on table app.conflicts_of_interest is 'Jäv: a reviewer who declared a conflict of interest cannot score the idea.';
create index conflicts_of_interest_reviewer_id_idx on app.conflicts_of_interest (reviewer_id);
alter table app.conflicts_of_interest enable row level security;

-- Internal notes with replies and mentions -------------------------------------------------------------
create table app.internal_notes (
  id bigint generated always as identity primary key,
  idea_id uuid not null references app.ideas (id),
  author_id uuid not null references app.reviewers (user_id),
  reply_to_id bigint references app.internal_notes (id),
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now()
);
comment on table app.internal_notes is 'Reviewers'' internal notes on an idea; never shown to the bearer.';
comment on column app.internal_notes.reply_to_id is 'The note this one answers; null for a new thread.';
create index internal_notes_idea_id_idx on app.internal_notes (idea_id, created_at);
create index internal_notes_author_id_idx on app.internal_notes (author_id);
create index internal_notes_reply_to_id_idx on app.internal_notes (reply_to_id);
alter table app.internal_notes enable row level security;

create table app.note_mentions (
  note_id bigint not null references app.internal_notes (id),
  reviewer_id uuid not null references app.reviewers (user_id),
  primary key (note_id, reviewer_id)
);
comment on table app.note_mentions is 'Reviewers mentioned in a note (@name); they are notified.';
create index note_mentions_reviewer_id_idx on app.note_mentions (reviewer_id);
alter table app.note_mentions enable row level security;

-- Messages between reviewers and the bearer -----------------------------------------------------------
create table app.messages (
  id bigint generated always as identity primary key,
  idea_id uuid not null references app.ideas (id),
  direction text not null check (direction in ('to_bearer', 'from_bearer')),
  author_id uuid references app.reviewers (user_id),
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null default now(),
  check ((direction = 'to_bearer') = (author_id is not null))
);
comment on table app.messages is
  'Questions from reviewers to the bearer and the bearer''s answers through the status link.';
comment on column app.messages.author_id is 'The reviewer who wrote to the bearer; null for the bearer''s own messages.';
create index messages_idea_id_idx on app.messages (idea_id, created_at);
create index messages_author_id_idx on app.messages (author_id);
alter table app.messages enable row level security;

-- Municipality interest -----------------------------------------------------------------------------
create table app.municipality_interest (
  idea_id uuid not null references app.ideas (id),
  municipality_code text not null references app.municipalities (code),
  kind text not null check (kind in ('join', 'co_fund', 'implemented')),
  registered_by uuid references app.reviewers (user_id),
  registered_at timestamptz not null default now(),
  primary key (idea_id, municipality_code, kind)
);
comment on table app.municipality_interest is
  'A municipality wants to join or co-fund an idea, or has implemented it (shown in the idea bank).';
create index municipality_interest_municipality_code_idx on app.municipality_interest (municipality_code);
create index municipality_interest_registered_by_idx on app.municipality_interest (registered_by);
create index municipality_interest_kind_idx on app.municipality_interest (kind);
alter table app.municipality_interest enable row level security;

-- Links between ideas -------------------------------------------------------------------------------
create table app.idea_links (
  id bigint generated always as identity primary key,
  idea_id uuid not null references app.ideas (id),
  linked_idea_id uuid not null references app.ideas (id),
  kind text not null check (kind in ('duplicate_of', 'related')),
  created_by uuid not null references app.reviewers (user_id),
  created_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by uuid references app.reviewers (user_id),
  check (idea_id <> linked_idea_id),
  check ((removed_at is null) = (removed_by is null))
);
comment on table app.idea_links is
  'Links between ideas: idea_id is a duplicate of, or related to, linked_idea_id. Reversible: removing sets removed_at, the row stays.';
create unique index idea_links_one_active_link_idx on app.idea_links (idea_id, linked_idea_id, kind)
  where removed_at is null;
create index idea_links_idea_id_idx on app.idea_links (idea_id);
create index idea_links_linked_idea_id_idx on app.idea_links (linked_idea_id);
create index idea_links_created_by_idx on app.idea_links (created_by);
create index idea_links_removed_by_idx on app.idea_links (removed_by);
alter table app.idea_links enable row level security;

-- Privileges and policies for what the api reads today ------------------------------------------------
grant select on app.assignments, app.idea_links, app.municipality_interest to api_owner;
grant select, insert on app.messages to api_owner;

create policy "reviewers in scope read the assignments" on app.assignments
  for select to api_owner
  using (private.can_see_idea(idea_id));
create policy "reviewers in scope read the links" on app.idea_links
  for select to api_owner
  using (private.can_see_idea(idea_id));
create policy "interest is read in scope, or by anyone once published"
  on app.municipality_interest for select to api_owner
  using (private.can_see_idea(idea_id) or private.is_published(idea_id));
create policy "messages are read in scope or by the token holder" on app.messages
  for select to api_owner
  using (private.can_see_idea(idea_id) or private.holds_status_token(idea_id));
create policy "reviewers write to the bearer; the token holder answers" on app.messages
  for insert to api_owner
  with check (
    (direction = 'to_bearer' and private.can_see_idea(idea_id))
    or (direction = 'from_bearer' and private.holds_status_token(idea_id))
  );
