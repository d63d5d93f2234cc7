-- Why: scoring is the sluice's second job (issue 13). The tables have existed since the first
-- migrations (20261127100300) without grants or policies, so nothing reached them. This migration
-- opens them to the api functions that score an idea, under policies that hold the rules even if a
-- function had a bug:
--
-- * Jäv first. Before a reviewer's first score they answer whether they have a conflict of interest.
--   The answer is kept in app.conflicts_of_interest either way: `has_conflict = true` with a reason
--   blocks their scoring (the policies on app.scores and app.recommendations refuse it), and cannot
--   be withdrawn by the reviewer; `has_conflict = false` (no reason) records that they answered no,
--   so the page knows not to ask again and there is a record that they were asked
--   (docs/decisions/0013-assessment.md).
-- * One current assessment per reviewer and idea: a score per criterion (app.scores, unique per
--   idea, reviewer and criterion, written with `insert … on conflict do update`, so parallel saves
--   leave one row, RL-09) against the criteria version in force, and one recommendation. Every save
--   appends to app.score_history and the new app.recommendation_history: revisions until the
--   decision are all kept, with who and when.
-- * Scoring is open while the idea is in the review phase (in_review, needs_info, assessed) and
--   closes with the decision; the policies check that too.
-- * The blind rule: a reviewer reads other reviewers' scores and recommendations only after their
--   own assessment is complete; coordinators read all. The select policies on app.scores and
--   app.recommendations hold it, so no function can show more.
--
-- Errors follow decision 0007: codes and rule keys, never display text (src/domain/review/messages.ts
-- writes the sentences). IS005 is jäv.

-- Jäv: "answered no" is a row too ---------------------------------------------------------------------
alter table app.conflicts_of_interest add column has_conflict boolean not null default true;
alter table app.conflicts_of_interest alter column reason drop not null;
alter table app.conflicts_of_interest drop constraint conflicts_of_interest_reason_check;
alter table app.conflicts_of_interest add constraint conflicts_of_interest_reason_check check (
  (has_conflict and length(reason) between 1 and 1000) or (not has_conflict and reason is null)
);
comment on table app.conflicts_of_interest is
  'Each reviewer''s answer to "do you have a conflict of interest (jäv) with this idea?". has_conflict = true (with a reason) blocks their scoring and cannot be withdrawn by them; false records that they answered no.';
comment on column app.conflicts_of_interest.has_conflict is
  'true: jäv declared (reason required); false: the reviewer answered that they have none (no reason).';
comment on column app.conflicts_of_interest.declared_at is
  'When the reviewer answered; when a "no" later became "yes", the time of the "yes".';

-- Recommendations: when last changed, and every revision ----------------------------------------------
alter table app.recommendations add column updated_at timestamptz not null default now();
comment on column app.recommendations.given_at is 'When the reviewer first gave a recommendation.';
comment on column app.recommendations.updated_at is 'When the reviewer last saved their assessment.';

create table app.recommendation_history (
  id bigint generated always as identity primary key,
  idea_id uuid not null,
  reviewer_id uuid not null references app.reviewers (user_id),
  recommendation text not null check (recommendation in ('vidare', 'vilande', 'avsla', 'vidareformedla')),
  comment text not null default '' check (length(comment) <= 4000),
  recorded_at timestamptz not null default now(),
  foreign key (idea_id, reviewer_id) references app.recommendations (idea_id, reviewer_id)
);
comment on table app.recommendation_history is
  'Every recommendation and overall comment a reviewer has saved for an idea, append-only, like app.score_history.';
create index recommendation_history_recommendation_idx on app.recommendation_history (idea_id, reviewer_id);
create index recommendation_history_reviewer_id_idx on app.recommendation_history (reviewer_id);
create trigger recommendation_history_is_append_only
  before update or delete on app.recommendation_history
  for each row execute function private.refuse_change_to_timeline();
alter table app.recommendation_history enable row level security;

-- The criteria in force -------------------------------------------------------------------------------
create function private.criteria_in_force()
returns table (
  criterion_id text,
  criteria_version_id bigint,
  version integer,
  name text,
  description text,
  level_descriptors text[],
  weight numeric,
  sort_order integer
)
language sql
stable
set search_path = ''
as $$
  select distinct on (c.id) c.id, cv.id, cv.version, cv.name, cv.description, cv.level_descriptors, cv.weight,
    c.sort_order
  from app.criteria c
  join app.criteria_versions cv on cv.criterion_id = c.id and cv.valid_from <= now()
  where c.active
  order by c.id, cv.version desc
$$;
comment on function private.criteria_in_force() is
  'The active criteria, each with its newest version already valid: what a reviewer scores against now.';

-- Helpers for the rules -------------------------------------------------------------------------------
-- security definer (all below): they are called from the policies on the tables they read (scores,
-- recommendations, conflicts of interest), which would recurse as api_owner, or read what the
-- caller may not (another reviewer's scope, a reviewer's e-mail address). Each answers one question
-- about one idea and one reviewer.

create function private.is_assessment_open(idea_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from app.ideas i
    where i.id = is_assessment_open.idea_id and i.state in ('in_review', 'needs_info', 'assessed')
  )
$$;
comment on function private.is_assessment_open(uuid) is
  'Whether the idea is in the review phase (in_review, needs_info, assessed), when scores can be saved and revised; the decision closes it.';

create function private.has_conflict_of_interest(idea_id uuid, reviewer_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from app.conflicts_of_interest c
    where c.idea_id = has_conflict_of_interest.idea_id and c.reviewer_id = has_conflict_of_interest.reviewer_id
      and c.has_conflict
  )
$$;
comment on function private.has_conflict_of_interest(uuid, uuid) is
  'Whether the reviewer has declared jäv for the idea.';

create function private.assessment_complete(idea_id uuid, reviewer_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
      select 1 from app.recommendations r
      where r.idea_id = assessment_complete.idea_id and r.reviewer_id = assessment_complete.reviewer_id
    )
    and not exists (
      select 1 from private.criteria_in_force() c
      where not exists (
        select 1 from app.scores s
        where s.idea_id = assessment_complete.idea_id and s.reviewer_id = assessment_complete.reviewer_id
          and s.criterion_id = c.criterion_id
      )
    )
$$;
comment on function private.assessment_complete(uuid, uuid) is
  'Whether the reviewer''s assessment of the idea is complete: a recommendation and a score on every criterion in force.';

create function private.may_see_assessments_of(idea_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.can_see_idea(may_see_assessments_of.idea_id)
    and (private.is_coordinator() or private.assessment_complete(may_see_assessments_of.idea_id, (select auth.uid())))
$$;
comment on function private.may_see_assessments_of(uuid) is
  'The blind rule: whether the caller may read other reviewers'' scores and recommendations of the idea – a coordinator in scope always, a reviewer in scope once their own assessment is complete.';

create function private.reviewer_can_see_idea(reviewer_id uuid, idea_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from app.ideas i
    join app.reviewers r on r.user_id = reviewer_can_see_idea.reviewer_id and r.active
    where i.id = reviewer_can_see_idea.idea_id
      and (r.municipality_code is null or r.municipality_code = i.municipality_code or i.shared_regionally)
  )
$$;
comment on function private.reviewer_can_see_idea(uuid, uuid) is
  'Whether the given reviewer is active and has the idea in scope (the rule of private.can_see_idea, for someone other than the caller): who may be assigned or mentioned.';

create function private.reviewer_recipient(reviewer_id uuid, idea_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select u.email::text
  from auth.users u
  where u.id = reviewer_recipient.reviewer_id
    and private.can_see_idea(reviewer_recipient.idea_id)
    and private.reviewer_can_see_idea(reviewer_recipient.reviewer_id, reviewer_recipient.idea_id)
$$;
comment on function private.reviewer_recipient(uuid, uuid) is
  'A reviewer''s e-mail address as the recipient of an e-mail about an idea both the caller and that reviewer may see. security definer: the address lives in Supabase Auth, which api_owner may not read; it goes only into the outbox.';

create function private.review_idea_id(reference text)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_reference text := upper(btrim(review_idea_id.reference));
  v_idea_id uuid;
begin
  if coalesce(v_reference, '') = '' then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reference';
  end if;
  select i.id into v_idea_id from app.ideas i where i.reference = v_reference;
  -- A published idea is readable under the policy, but outside a coach's scope it is no idea to
  -- review: the same answer as for a reference that does not exist.
  if v_idea_id is null or not private.can_see_idea(v_idea_id) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;
  return v_idea_id;
end;
$$;
comment on function private.review_idea_id(text) is
  'The id of the idea with this reference (case and spaces do not matter) if the caller may review it; IS002 missing (reference) or PT404 not_found otherwise.';

create function private.require_assessment_open(idea_id uuid)
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_state text;
begin
  -- A share lock: scores may be saved side by side, but a decision (private.transition_idea locks
  -- the idea for update) waits for them, and they wait for it – so no score slips in after it.
  select i.state into v_state from app.ideas i where i.id = require_assessment_open.idea_id for share;
  if v_state = 'received' then
    raise exception using errcode = 'IS001', message = 'not_in_review',
      detail = jsonb_build_object('current', v_state)::text;
  elsif v_state not in ('in_review', 'needs_info', 'assessed') then
    raise exception using errcode = 'IS001', message = 'decided',
      detail = jsonb_build_object('current', v_state)::text;
  end if;
  return v_state;
end;
$$;
comment on function private.require_assessment_open(uuid) is
  'Locks the idea for share and raises IS001 not_in_review (received: start the review first) or decided (the decision closed the assessment) unless it is in the review phase.';

revoke execute on function private.criteria_in_force(), private.is_assessment_open(uuid),
  private.has_conflict_of_interest(uuid, uuid), private.assessment_complete(uuid, uuid),
  private.may_see_assessments_of(uuid), private.reviewer_can_see_idea(uuid, uuid),
  private.reviewer_recipient(uuid, uuid), private.review_idea_id(text), private.require_assessment_open(uuid)
  from public;
grant execute on function private.criteria_in_force(), private.is_assessment_open(uuid),
  private.has_conflict_of_interest(uuid, uuid), private.assessment_complete(uuid, uuid),
  private.may_see_assessments_of(uuid), private.reviewer_can_see_idea(uuid, uuid),
  private.reviewer_recipient(uuid, uuid), private.review_idea_id(text), private.require_assessment_open(uuid)
  to api_owner;

-- Privileges and policies -----------------------------------------------------------------------------
grant select, insert on app.scores to api_owner;
grant update (criteria_version_id, score, comment, updated_at) on app.scores to api_owner;
grant insert on app.score_history to api_owner;
grant select, insert on app.recommendations to api_owner;
grant update (recommendation, comment, updated_at) on app.recommendations to api_owner;
grant insert on app.recommendation_history to api_owner;
grant select, insert on app.conflicts_of_interest to api_owner;
grant update (has_conflict, reason, declared_at) on app.conflicts_of_interest to api_owner;
grant update (done_at) on app.assignments to api_owner;
grant delete on app.assignments to api_owner;

create policy "reviewers read their own scores, others' after theirs" on app.scores
  for select to api_owner
  using (
    (reviewer_id = (select auth.uid()) and (select private.is_active_reviewer()))
    or private.may_see_assessments_of(idea_id)
  );
create policy "reviewers without jäv score ideas in review in their scope" on app.scores
  for insert to api_owner
  with check (
    reviewer_id = (select auth.uid())
    and private.can_see_idea(idea_id)
    and private.is_assessment_open(idea_id)
    and not private.has_conflict_of_interest(idea_id, reviewer_id)
  );
create policy "reviewers without jäv amend their scores until the decision" on app.scores
  for update to api_owner
  using (reviewer_id = (select auth.uid()) and private.can_see_idea(idea_id))
  with check (
    reviewer_id = (select auth.uid())
    and private.is_assessment_open(idea_id)
    and not private.has_conflict_of_interest(idea_id, reviewer_id)
  );

create policy "reviewers record the history of their own scores" on app.score_history
  for insert to api_owner
  with check (
    recorded_by = (select auth.uid())
    and exists (select 1 from app.scores s where s.id = score_id and s.reviewer_id = (select auth.uid()))
  );

create policy "reviewers read their own recommendation, others' after theirs" on app.recommendations
  for select to api_owner
  using (
    (reviewer_id = (select auth.uid()) and (select private.is_active_reviewer()))
    or private.may_see_assessments_of(idea_id)
  );
create policy "reviewers without jäv recommend on ideas in review in scope" on app.recommendations
  for insert to api_owner
  with check (
    reviewer_id = (select auth.uid())
    and private.can_see_idea(idea_id)
    and private.is_assessment_open(idea_id)
    and not private.has_conflict_of_interest(idea_id, reviewer_id)
  );
create policy "reviewers without jäv amend their recommendation until decided" on app.recommendations
  for update to api_owner
  using (reviewer_id = (select auth.uid()) and private.can_see_idea(idea_id))
  with check (
    reviewer_id = (select auth.uid())
    and private.is_assessment_open(idea_id)
    and not private.has_conflict_of_interest(idea_id, reviewer_id)
  );

create policy "reviewers record the history of their own recommendation" on app.recommendation_history
  for insert to api_owner
  with check (reviewer_id = (select auth.uid()) and private.can_see_idea(idea_id));

create policy "coordinators read jäv answers in scope; reviewers their own" on app.conflicts_of_interest
  for select to api_owner
  using (
    (reviewer_id = (select auth.uid()) and (select private.is_active_reviewer()))
    or ((select private.is_coordinator()) and private.can_see_idea(idea_id))
  );
create policy "reviewers answer the jäv question for ideas in their scope" on app.conflicts_of_interest
  for insert to api_owner
  with check (reviewer_id = (select auth.uid()) and private.can_see_idea(idea_id));
-- Only ever from "no" to "yes": a declared jäv stays.
create policy "reviewers turn their own no into a declared jäv" on app.conflicts_of_interest
  for update to api_owner
  using (reviewer_id = (select auth.uid()) and private.can_see_idea(idea_id) and not has_conflict)
  with check (reviewer_id = (select auth.uid()) and has_conflict);

-- app.assignments: the reviewer marks their own assignment done; a reviewer who declares jäv is
-- taken off it. Coordinators' assigning and unassigning is added by the next migration.
create policy "reviewers mark their own assignment done" on app.assignments
  for update to api_owner
  using (reviewer_id = (select auth.uid()) and private.can_see_idea(idea_id))
  with check (reviewer_id = (select auth.uid()));
create policy "a reviewer who declares jäv is taken off the idea" on app.assignments
  for delete to api_owner
  using (reviewer_id = (select auth.uid()) and private.has_conflict_of_interest(idea_id, reviewer_id));

-- api.list_criteria -----------------------------------------------------------------------------------
-- security definer (this and the functions below): the caller (authenticated) holds no table
-- privileges by design; they run as api_owner under the policies above.
create function api.list_criteria()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
begin
  return jsonb_build_object('criteria', coalesce((
    select jsonb_agg(jsonb_build_object(
      'slug', c.criterion_id,
      'name', c.name,
      'description', c.description,
      'weight', c.weight,
      'version', c.version,
      'levels', (
        select jsonb_agg(jsonb_build_object('score', l.score, 'description', l.text) order by l.score)
        from unnest(c.level_descriptors) with ordinality as l(text, score)
      )
    ) order by c.sort_order, c.criterion_id)
    from private.criteria_in_force() c
  ), '[]'::jsonb));
end;
$$;
comment on function api.list_criteria() is
  'The criteria in force, in order: {criteria: [{slug, name, description, weight, version, levels: [{score 1–5, description}]}]}. Errors: 42501 not_reviewer.';
alter function api.list_criteria() owner to api_owner;

-- api.declare_conflict_of_interest --------------------------------------------------------------------
create function api.declare_conflict_of_interest(reference text, has_conflict boolean, reason text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(declare_conflict_of_interest.reference);
  v_reason text := nullif(btrim(declare_conflict_of_interest.reason), '');
  v_previous app.conflicts_of_interest;
  v_removed integer := 0;
  v_reference text;
begin
  if has_conflict is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'has_conflict';
  end if;
  if has_conflict and v_reason is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reason';
  end if;
  if has_conflict and length(v_reason) > 1000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'reason';
  end if;

  -- Not `for update`: under row-level security that would skip a declared jäv (the update policy
  -- lets only a "no" change). Two answers at once from the same person: the second insert fails on
  -- the primary key (23505, a conflict) and changes nothing.
  select c.* into v_previous from app.conflicts_of_interest c
  where c.idea_id = v_idea_id and c.reviewer_id = v_reviewer.user_id;

  if not has_conflict then
    -- A declared jäv stays (the policy refuses the update too); "no" again changes nothing.
    if v_previous.has_conflict then
      raise exception using errcode = 'IS005', message = 'conflict_declared';
    end if;
    if v_previous.reviewer_id is null then
      insert into app.conflicts_of_interest (idea_id, reviewer_id, has_conflict, reason)
      values (v_idea_id, v_reviewer.user_id, false, null)
      on conflict (idea_id, reviewer_id) do nothing;
    end if;
  elsif v_previous.reviewer_id is null then
    insert into app.conflicts_of_interest (idea_id, reviewer_id, has_conflict, reason)
    values (v_idea_id, v_reviewer.user_id, true, v_reason);
  elsif v_previous.has_conflict then
    raise exception using errcode = 'IS005', message = 'conflict_declared';
  else
    update app.conflicts_of_interest c
    set has_conflict = true, reason = v_reason, declared_at = now()
    where c.idea_id = v_idea_id and c.reviewer_id = v_reviewer.user_id;
  end if;

  -- Jäv takes the reviewer off the idea.
  if has_conflict then
    delete from app.assignments a where a.idea_id = v_idea_id and a.reviewer_id = v_reviewer.user_id;
    get diagnostics v_removed = row_count;
  end if;

  select i.reference into v_reference from app.ideas i where i.id = v_idea_id;
  return (
    select jsonb_build_object('reference', v_reference, 'has_conflict', c.has_conflict, 'reason', c.reason,
      'declared_at', c.declared_at, 'assignment_removed', v_removed > 0)
    from app.conflicts_of_interest c where c.idea_id = v_idea_id and c.reviewer_id = v_reviewer.user_id
  );
end;
$$;
comment on function api.declare_conflict_of_interest(text, boolean, text) is
  'The caller answers the jäv question for an idea in scope. has_conflict = true needs a reason (≤ 1000), records the jäv, removes the caller''s assignment and blocks their scoring; false records that they answered no. Returns {reference, has_conflict, reason, declared_at, assignment_removed}. Errors: 42501 not_reviewer, IS002 missing (reference, has_conflict, reason) / too_long (reason), PT404 not_found, IS005 conflict_declared (a declared jäv cannot be withdrawn or declared again).';
alter function api.declare_conflict_of_interest(text, boolean, text) owner to api_owner;

-- api.save_assessment ---------------------------------------------------------------------------------
create function api.save_assessment(reference text, scores jsonb, recommendation text, comment text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(save_assessment.reference);
  v_recommendation text := nullif(btrim(save_assessment.recommendation), '');
  v_comment text := coalesce(btrim(save_assessment.comment), '');
  v_element jsonb;
  v_criterion text;
  v_field text;
  v_seen text[] := '{}';
  v_score_ids bigint[];
  v_assignment_done boolean;
  v_reference text;
begin
  -- 1. The idea must be in the review phase (locked for share until the end), and the caller must
  --    have answered the jäv question with no.
  perform private.require_assessment_open(v_idea_id);
  if private.has_conflict_of_interest(v_idea_id, v_reviewer.user_id) then
    raise exception using errcode = 'IS005', message = 'conflict_of_interest';
  end if;
  if not exists (
    select 1 from app.conflicts_of_interest c where c.idea_id = v_idea_id and c.reviewer_id = v_reviewer.user_id
  ) then
    raise exception using errcode = 'IS005', message = 'not_declared';
  end if;

  -- 2. The input: a score 1–5 and a comment on every criterion in force, each once, nothing else.
  --    Fields of one criterion are named scores.<slug>.score and scores.<slug>.comment.
  if scores is null or jsonb_typeof(scores) = 'null' then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'scores';
  end if;
  if jsonb_typeof(scores) <> 'array' then
    raise exception using errcode = 'IS002', message = 'not_an_array', detail = 'scores';
  end if;
  for v_element in select e from jsonb_array_elements(scores) e loop
    if jsonb_typeof(v_element) <> 'object' or jsonb_typeof(v_element -> 'criterion') is distinct from 'string' then
      raise exception using errcode = 'IS002', message = 'invalid', detail = 'scores';
    end if;
    v_criterion := v_element ->> 'criterion';
    if not exists (select 1 from private.criteria_in_force() c where c.criterion_id = v_criterion) then
      raise exception using errcode = 'IS002', message = 'unknown_criterion', detail = 'scores';
    end if;
    if v_criterion = any (v_seen) then
      raise exception using errcode = 'IS002', message = 'duplicate_criterion', detail = 'scores';
    end if;
    v_seen := v_seen || v_criterion;
    v_field := 'scores.' || v_criterion || '.score';
    if jsonb_typeof(v_element -> 'score') is null or jsonb_typeof(v_element -> 'score') = 'null' then
      raise exception using errcode = 'IS002', message = 'missing', detail = v_field;
    end if;
    if jsonb_typeof(v_element -> 'score') <> 'number'
      or (v_element ->> 'score')::numeric not in (1, 2, 3, 4, 5) then
      raise exception using errcode = 'IS002', message = 'out_of_range', detail = v_field;
    end if;
    v_field := 'scores.' || v_criterion || '.comment';
    if jsonb_typeof(v_element -> 'comment') not in ('string', 'null') then
      raise exception using errcode = 'IS002', message = 'invalid', detail = v_field;
    end if;
    if coalesce(btrim(v_element ->> 'comment'), '') = '' then
      raise exception using errcode = 'IS002', message = 'missing', detail = v_field;
    end if;
    if length(btrim(v_element ->> 'comment')) > 4000 then
      raise exception using errcode = 'IS002', message = 'too_long', detail = v_field;
    end if;
  end loop;
  if exists (select 1 from private.criteria_in_force() c where not c.criterion_id = any (v_seen)) then
    raise exception using errcode = 'IS002', message = 'missing_criteria', detail = 'scores';
  end if;
  if v_recommendation is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'recommendation';
  end if;
  if v_recommendation not in ('vidare', 'vilande', 'avsla', 'vidareformedla') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'recommendation';
  end if;
  if length(v_comment) > 4000 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'comment';
  end if;

  -- 3. The current scores, in the criteria's order (parallel saves take the row locks in the same
  --    order), against the version in force; then one history row per score.
  with saved as (
    insert into app.scores as s (idea_id, reviewer_id, criterion_id, criteria_version_id, score, comment)
    select v_idea_id, v_reviewer.user_id, c.criterion_id, c.criteria_version_id, (e ->> 'score')::numeric::smallint,
      btrim(e ->> 'comment')
    from jsonb_array_elements(scores) e
    join private.criteria_in_force() c on c.criterion_id = e ->> 'criterion'
    order by c.sort_order, c.criterion_id
    on conflict (idea_id, reviewer_id, criterion_id) do update
      set criteria_version_id = excluded.criteria_version_id, score = excluded.score, comment = excluded.comment,
        updated_at = now()
    returning s.id
  )
  select array_agg(saved.id) into v_score_ids from saved;

  insert into app.score_history (score_id, score, comment, recorded_by)
  select s.id, s.score, s.comment, v_reviewer.user_id
  from app.scores s where s.id = any (v_score_ids);

  insert into app.recommendations as r (idea_id, reviewer_id, recommendation, comment)
  values (v_idea_id, v_reviewer.user_id, v_recommendation, v_comment)
  on conflict (idea_id, reviewer_id) do update
    set recommendation = excluded.recommendation, comment = excluded.comment, updated_at = now();

  insert into app.recommendation_history (idea_id, reviewer_id, recommendation, comment)
  values (v_idea_id, v_reviewer.user_id, v_recommendation, v_comment);

  -- 4. A complete assessment finishes the caller's assignment, if they have one.
  update app.assignments a set done_at = now()
  where a.idea_id = v_idea_id and a.reviewer_id = v_reviewer.user_id and a.done_at is null;
  select exists (
    select 1 from app.assignments a
    where a.idea_id = v_idea_id and a.reviewer_id = v_reviewer.user_id and a.done_at is not null
  ) into v_assignment_done;

  select i.reference into v_reference from app.ideas i where i.id = v_idea_id;
  return jsonb_build_object('reference', v_reference, 'status', 'complete', 'saved_at', now(),
    'assignment_done', v_assignment_done);
end;
$$;
comment on function api.save_assessment(text, jsonb, text, text) is
  'Saves the caller''s assessment of an idea in the review phase: scores [{criterion, score 1–5, comment}] on every criterion in force, a recommendation (vidare, vilande, avsla, vidareformedla) and an overall comment. Replaces the caller''s current assessment, keeps every save in the history, and finishes the caller''s assignment. Returns {reference, status, saved_at, assignment_done}. Errors: 42501 not_reviewer; IS002 missing (reference); PT404 not_found; IS001 not_in_review / decided {current}; IS005 conflict_of_interest / not_declared; IS002 with the field: scores (missing, not_an_array, invalid, unknown_criterion, duplicate_criterion, missing_criteria), scores.<slug>.score (missing, out_of_range), scores.<slug>.comment (missing, invalid, too_long), recommendation (missing, unknown_value), comment (too_long).';
alter function api.save_assessment(text, jsonb, text, text) owner to api_owner;

revoke execute on function api.list_criteria(), api.declare_conflict_of_interest(text, boolean, text),
  api.save_assessment(text, jsonb, text, text)
  from public, anon;
grant execute on function api.list_criteria(), api.declare_conflict_of_interest(text, boolean, text),
  api.save_assessment(text, jsonb, text, text)
  to authenticated, service_role;
