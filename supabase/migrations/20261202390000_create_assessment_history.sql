-- Why: the idea page shows a reviewer the history of their own assessment (issue 13: "revising a
-- score keeps the old one in the history"). api.save_assessment appends every save to
-- app.score_history and app.recommendation_history, but nothing could read them: api_owner held
-- only insert on both. This adds the read, for the caller's own saves only:
--
-- * select on both history tables for api_owner, under a policy each: a reviewer reads the rows
--   they recorded themselves. Others' history is not shown to anyone – not even after the blind
--   rule lets a reviewer see the others' current scores, since a revision is the reviewer's own
--   work in progress; a coordinator who must reconstruct one reads the database.
-- * api.list_assessment_history(reference): the caller's saves of one idea in their scope, newest
--   first, one entry per save (the rows one save writes share its transaction's now()).

grant select on app.score_history, app.recommendation_history to api_owner;

create policy "reviewers read the history of their own scores" on app.score_history
  for select to api_owner
  using (recorded_by = (select auth.uid()) and (select private.is_active_reviewer()));

create policy "reviewers read the history of their own recommendation" on app.recommendation_history
  for select to api_owner
  using (reviewer_id = (select auth.uid()) and (select private.is_active_reviewer()));

-- security definer: the caller (authenticated) holds no table privileges by design; it runs as
-- api_owner under the policies above and on app.scores.
create function api.list_assessment_history(reference text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_idea_id uuid := private.review_idea_id(list_assessment_history.reference);
  v_reference text;
begin
  select i.reference into v_reference from app.ideas i where i.id = v_idea_id;
  return jsonb_build_object(
    'reference', v_reference,
    'saves', coalesce((
      select jsonb_agg(jsonb_build_object(
        'saved_at', saves.recorded_at,
        'recommendation', rh.recommendation,
        'comment', rh.comment,
        'scores', saves.scores
      ) order by saves.recorded_at desc)
      from (
        select h.recorded_at,
          jsonb_agg(jsonb_build_object(
            'criterion', s.criterion_id, 'name', cv.name, 'score', h.score, 'comment', h.comment
          ) order by c.sort_order, s.criterion_id) as scores
        from app.score_history h
        join app.scores s on s.id = h.score_id
        join app.criteria c on c.id = s.criterion_id
        -- The criterion's name as the reviewer last scored it (a history row keeps no version).
        join app.criteria_versions cv on cv.id = s.criteria_version_id
        where s.idea_id = v_idea_id and s.reviewer_id = v_reviewer.user_id
          and h.recorded_by = v_reviewer.user_id
        group by h.recorded_at
      ) saves
      left join app.recommendation_history rh
        on rh.idea_id = v_idea_id and rh.reviewer_id = v_reviewer.user_id
        and rh.recorded_at = saves.recorded_at
    ), '[]'::jsonb)
  );
end;
$$;
comment on function api.list_assessment_history(text) is
  'The caller''s own saves of their assessment of an idea in scope, newest first: {reference, saves: [{saved_at, recommendation, comment, scores: [{criterion, name, score, comment}]}]}; recommendation and comment are null for a save recorded without them. Errors: 42501 not_reviewer, IS002 missing (reference), PT404 not_found.';
alter function api.list_assessment_history(text) owner to api_owner;

revoke execute on function api.list_assessment_history(text) from public, anon;
grant execute on function api.list_assessment_history(text) to authenticated, service_role;
