-- Why: catching the same idea twice is why a shared sluice exists (SPEC: "One sluice, fifteen
-- municipalities"), but api.find_similar_published_ideas found nothing for the text the form actually
-- sends. websearch_to_tsquery joins every word with AND, so a title, problem and idea of a few
-- sentences matched only an idea that used every one of those words; and the trigram fallback compared
-- the first 150 characters of the whole text with a title. This migration ranks ideas on the words
-- they share instead, in one private helper that the reviewers' cross-municipality search (over all
-- ideas, not only the published ones) will reuse, and rebuilds the form's function on top of it.
--
-- How the ranking works (numbers from tests/integration/ideas-similar.test.ts and the measurements
-- in docs/performance.md, "Similar ideas"):
-- 1. The significant words: the lexemes of the Swedish to_tsvector of title and text (the swedish
--    configuration has already dropped stop words and reduced words to their stems), without words
--    shorter than three letters and bare numbers. At most 64 are used, the title's first and then the
--    longest (long Swedish words are compounds and rare), so a text of 8 000 characters costs no more
--    than one of 64 words. Realistic texts of a few sentences have 25–45 and keep them all; with only
--    the 30 longest, short telling words ("mat", "våg", "svinn") were lost and a true match fell to
--    the threshold.
-- 2. Candidates: ideas whose search_vector matches ANY of the words (an OR tsquery, through the GIN
--    index on search_vector), and ideas whose title is trigram-similar to the search title (the new
--    trigram index on title).
-- 3. A word counts by how rare it is among the ideas searched (idf = ln(1 + ideas / ideas using it)),
--    so words every municipal idea uses ("personal", "digital", "tid") weigh little. Every idea
--    that uses a query word is a candidate, so counting candidates per word gives that number exactly.
--    ts_rank_cd was tried first: it has no notion of rarity, and an unrelated text about contracts
--    outranked a true match on shared everyday words.
-- 4. Text similarity is the weighted overlap coefficient: the weight of the words both share, divided
--    by the weight of the shorter side (the query's words, or as many of its average-weight words as
--    the idea has lexemes). So a one-line title is compared by how many of its words an idea has, and
--    a long text by how much of a short idea it covers. At least two shared words are needed (one if
--    the query has only one), so a single common word never makes two ideas "similar".
-- 5. Title similarity is trigram similarity of the two titles (pg_trgm's similarity()).
-- 6. An idea's similarity is the larger of the two; only ideas at 0.3 or more are kept. In the tests,
--    realistic submissions about the same thing as a published idea score 0.37–0.64 against it, and
--    realistic texts about something else score at most 0.20 against any idea (details in the test).
--
-- Row-level security: `@@` and `%` are not leakproof, so under a row policy the planner cannot use the
-- full-text or trigram index and scans every idea (docs/performance.md, sql-at-scale point 3). The
-- helper therefore runs as the tables' owner, who is not subject to the policies, and returns only
-- ids and scores; it is executable by api_owner alone. The api functions read the ideas themselves,
-- as api_owner under row-level security, so whatever the helper finds, a caller still sees only the
-- ideas the policies allow.

-- Titles compared with titles ---------------------------------------------------------------------
create index ideas_title_trigram_idx on app.ideas using gin (title extensions.gin_trgm_ops);
comment on index app.ideas_title_trigram_idx is
  'Trigram index on the title alone: finds ideas whose title is similar to a search title (private.rank_similar_ideas, operator %).';

-- The ranking, once -------------------------------------------------------------------------------
-- security definer, owned by the migration role (the tables' owner): so that the GIN indexes can be
-- used at all (see the header), and so that the reviewers' search can rank ideas a policy would hide
-- from the caller before the caller's own function applies its scope. plan_cache_mode: each call is
-- planned for its own words and scope (published_only folds to a constant), never a generic plan
-- (sql-at-scale point 4). pg_trgm.similarity_threshold: the operator % keeps titles at 0.3 or more,
-- the same threshold the function applies to the final similarity; the two must stay equal.
create function private.rank_similar_ideas(
  search_title text,
  search_text text,
  published_only boolean,
  exclude_idea uuid,
  max_results integer
)
returns table (idea_id uuid, similarity real)
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set pg_trgm.similarity_threshold = 0.3
as $$
declare
  -- Below this an idea is not shown as similar; see the header, point 6.
  c_threshold constant real := 0.3;
  -- The form's limits: a title of 150 characters, title, problem and idea within 8 000.
  v_title text := left(btrim(coalesce(search_title, '')), 150);
  v_text text := left(btrim(coalesce(search_text, '')), 8000);
  v_words text[];
  v_query tsquery;
begin
  if published_only is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'published_only';
  end if;
  if max_results is null or max_results not between 1 and 100 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'max_results';
  end if;

  -- 1. The significant words: the title's first, then the longest, at most 64.
  select array_agg(w.lexeme order by w.rank)
  into v_words
  from (
    select l.lexeme,
      row_number() over (order by 'A' = any (l.weights) desc, length(l.lexeme) desc, l.lexeme) as rank
    from unnest(
      setweight(to_tsvector('swedish'::regconfig, v_title), 'A') || to_tsvector('swedish'::regconfig, v_text)
    ) l
    where length(l.lexeme) >= 3 and l.lexeme !~ '^[0-9]+$'
  ) w
  where w.rank <= 64;

  -- 2. Any of them: 'word1' | 'word2' | … . The lexemes are already stemmed, so they are quoted into
  -- the tsquery as they are (backslashes and quotes doubled), not parsed again.
  if v_words is not null then
    v_query := array_to_string(
      array(select '''' || replace(replace(w, '\', '\\'), '''', '''''') || '''' from unnest(v_words) w),
      ' | '
    )::tsquery;
  end if;

  return query
  with
  -- The ideas searched: the idea bank only, or every idea; never the idea being compared.
  searched as (
    select count(*)::double precision as ideas
    from app.ideas i
    where (i.published_at is not null or not published_only) and i.id is distinct from exclude_idea
  ),
  -- Each searched idea that uses a query word, once per word it uses (the GIN index finds them).
  shared_words as (
    select i.id, w.lexeme, length(i.search_vector) as idea_words
    from app.ideas i
    cross join lateral unnest(i.search_vector) w
    join unnest(v_words) q (lexeme) on q.lexeme = w.lexeme
    where i.search_vector @@ v_query
      and (i.published_at is not null or not published_only)
      and i.id is distinct from exclude_idea
  ),
  -- How much each query word says: ln(1 + ideas / ideas using it). A word no idea uses weighs most.
  word_weights as (
    select q.lexeme, ln(1 + s.ideas / greatest(count(m.id), 1)) as weight
    from unnest(v_words) q (lexeme)
    cross join searched s
    left join shared_words m on m.lexeme = q.lexeme
    group by q.lexeme, s.ideas
  ),
  query_weight as (
    select sum(ww.weight) as total, count(*) as words from word_weights ww
  ),
  -- Weighted overlap coefficient: shared weight over the weight of the shorter side.
  text_similarity as (
    select m.id,
      least(1, sum(ww.weight) / (qw.total / qw.words * least(qw.words, max(m.idea_words)))) as score
    from shared_words m
    join word_weights ww on ww.lexeme = m.lexeme
    cross join query_weight qw
    group by m.id, qw.total, qw.words
    having count(*) >= least(2, qw.words)
  ),
  -- Titles compared with titles (the trigram index on title finds them).
  title_similarity as (
    select i.id, extensions.similarity(v_title, i.title) as score
    from app.ideas i
    where length(v_title) >= 3
      and i.title operator(extensions.%) v_title
      and (i.published_at is not null or not published_only)
      and i.id is distinct from exclude_idea
  ),
  ranked as (
    select coalesce(t.id, h.id) as id, greatest(t.score, h.score)::real as score
    from text_similarity t
    full join title_similarity h on h.id = t.id
  )
  select r.id, r.score
  from ranked r
  where r.score >= c_threshold
  order by r.score desc, r.id
  limit max_results;
end;
$$;
comment on function private.rank_similar_ideas(text, text, boolean, uuid, integer) is
  'Ideas similar to a title and text, best first, at most max_results (1–100), each with a similarity in [0.3, 1]: the larger of the rarity-weighted share of significant Swedish words they share and the trigram similarity of the titles. published_only = true searches the idea bank only; exclude_idea leaves one idea out (the one being compared). Runs as the tables'' owner, without row-level security, and returns ids only: the caller reads the ideas under its own policies.';

revoke execute on function private.rank_similar_ideas(text, text, boolean, uuid, integer) from public;
grant execute on function private.rank_similar_ideas(text, text, boolean, uuid, integer) to api_owner;

-- api.find_similar_published_ideas, now with the title apart from the text -------------------------
-- PostgREST picks a function by its argument names, and the old one-argument version would sit next
-- to this one under the same name; it goes.
drop function api.find_similar_published_ideas(text);

-- security definer as api_owner, like the other public functions (anon holds no table privileges):
-- the ideas are read under row-level security, and both the helper (published_only) and the join
-- (published_at is not null) keep to the idea bank.
create function api.find_similar_published_ideas(search_title text default null, search_text text default null)
returns table (reference text, title text, rank real)
language sql
stable
security definer
set search_path = ''
as $$
  select i.reference, i.title, r.similarity
  from private.rank_similar_ideas(
    search_title => search_title,
    search_text => search_text,
    published_only => true,
    exclude_idea => null,
    max_results => 5
  ) r
  join app.ideas i on i.id = r.idea_id
  where i.published_at is not null
  order by r.similarity desc, i.reference
$$;
comment on function api.find_similar_published_ideas(text, text) is
  'The form''s hint: up to five published ideas like the given title and text (title, problem and idea), best first, with their similarity (0.3–1) as rank. Only the idea bank is searched.';
alter function api.find_similar_published_ideas(text, text) owner to api_owner;

revoke execute on function api.find_similar_published_ideas(text, text) from public;
grant execute on function api.find_similar_published_ideas(text, text) to anon, authenticated, service_role;
