-- Why: the point of one sluice for fifteen municipalities is that an idea is developed once and spread
-- to all (SPEC: "One sluice, fifteen municipalities"), so the idea page shows reviewers the ideas like
-- the one they are reading across ALL municipalities (issue 12). The ranking exists
-- (private.rank_similar_ideas, 20261202310100) and so does what a reviewer may see of an idea outside
-- their scope (private.review_summary_of, 20261202320200); this function joins the two.
--
-- * The idea being read must be in the caller's review scope: otherwise PT404 not_found, exactly as
--   api.get_review_idea answers, so this function tells nobody that an idea exists that they could
--   not open anyway.
-- * It is compared by its current title and its current text (problem and idea), over every idea
--   (published_only => false), itself left out.
-- * Each similar idea is shown through private.review_summary_of: reference, title, municipality,
--   state and in_scope (whether the caller may open it). Never its text, never its bearer: an idea
--   of another municipality that is not shared regionally is still named, so that its coach can be
--   asked, but not shown.
-- * rank_similar_ideas applies its limit before any scope is looked at (it returns ids only). Whatever
--   this function would leave out must not shorten the list, so it asks for 20 and keeps the best
--   max_results that it can show (today every idea can be summarised for an active reviewer, so
--   nothing is left out; the margin keeps the list full if that ever changes).
--
-- Errors (decision 0007): 42501 not_reviewer; IS002 missing (reference); IS002 out_of_range
-- (max_results, 1–20); PT404 not_found.

create function api.find_similar_ideas(reference text, max_results integer default 5)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_reference text := upper(btrim(find_similar_ideas.reference));
  -- How many the ranking is asked for before the list is cut to max_results (see the header).
  c_ranked constant integer := 20;
  v_idea record;
begin
  if coalesce(v_reference, '') = '' then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'reference';
  end if;
  if max_results is null or max_results not between 1 and c_ranked then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'max_results';
  end if;

  -- Read as api_owner under row-level security; a published idea of another municipality passes the
  -- policy but is not in a coach's review scope, so can_see_idea decides (as in get_review_idea).
  select i.id, i.title, i.problem, i.proposal into v_idea
  from app.ideas i
  where i.reference = v_reference;
  if v_idea.id is null or not private.can_see_idea(v_idea.id) then
    raise exception using errcode = 'PT404', message = 'not_found';
  end if;

  return coalesce((
    select jsonb_agg(shown.summary || jsonb_build_object('similarity', shown.similarity)
      order by shown.similarity desc, shown.summary ->> 'reference')
    from (
      select s.summary, round(r.similarity::numeric, 2) as similarity
      from private.rank_similar_ideas(
        search_title => v_idea.title,
        search_text => concat_ws(E'\n', v_idea.problem, v_idea.proposal),
        published_only => false,
        exclude_idea => v_idea.id,
        max_results => c_ranked
      ) r
      cross join lateral (select private.review_summary_of(r.idea_id) as summary) s
      where s.summary is not null
      order by r.similarity desc, r.idea_id
      limit find_similar_ideas.max_results
    ) shown
  ), '[]'::jsonb);
end;
$$;
comment on function api.find_similar_ideas(text, integer) is
  'Ideas like the one with this reference across all municipalities, best first: at most max_results (1–20, default 5), each as private.review_summary_of shows it (reference, title, municipality, state, in_scope) with its similarity (0.3–1, two decimals). Never the text or the bearer of another idea. The idea itself must be in the caller''s scope. Errors: 42501 not_reviewer; IS002 missing (reference), out_of_range (max_results); PT404 not_found (unknown or outside scope).';
alter function api.find_similar_ideas(text, integer) owner to api_owner;

revoke execute on function api.find_similar_ideas(text, integer) from public, anon;
grant execute on function api.find_similar_ideas(text, integer) to authenticated, service_role;
