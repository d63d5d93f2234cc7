-- Why: at national size (issue 17; tests/bench/national.bench.ts) the similar ideas of one idea
-- (api.find_similar_ideas, over every idea) took 5.7 s at the median at 100 000 generated ideas,
-- and the hint on the form (api.find_similar_published_ideas) 88 ms with 509 published ideas. The
-- ranking (20261202310100) was exact by construction: every idea using any query word was a
-- candidate, and counting candidates per word gave each word's weight. With everyday words in a
-- sixth of all ideas that is 143 000 (idea, word) pairs for a text of nine words at 100 000 ideas,
-- sorted and grouped; at 1 000 000 ten times more. The cost grew with the ideas, not the text.
--
-- What changes (the formula of 20261202310100 stays: same words, same idf weights, same weighted
-- overlap, same threshold):
--
-- 1. A word's weight needs the number of ideas using it. A word the planner's statistics list among
--    the most common lexemes of search_vector (pg_stats.most_common_elems, kept by ANALYZE) and that
--    is in more than c_exact_limit ideas takes its number from there (share × ideas searched);
--    every other word is counted exactly in the GIN index – it is rarer than the statistics' cut-off,
--    so the count is small. Without statistics (a fresh database, the tests) every word is counted,
--    as before. Over the idea bank every word is counted in a partial GIN index of published ideas
--    (about 1 % of the ideas), so the hint no longer reads every published idea's lexemes.
-- 2. Candidates: an idea needs at least two shared words (one for a one-word query) to be similar by
--    text, so it shares at least one PAIR of query words. The candidates are the ideas sharing a pair
--    of the c_pair_words rarest query words – one GIN lookup of an OR of ANDed pairs – at most
--    c_candidates of them; then each candidate's lexemes are read once to weigh every word it shares.
--    For a query of up to c_pair_words words this is exact; for a longer text an idea sharing only
--    common words, none of the rarest eight, is no longer found (it would score low: the rare words
--    carry the weight). The bound c_candidates caps the work when even the rarest words are
--    everywhere (the generator's small vocabulary: ideas built from the same phrases).
-- 3. Above 50 000 ideas the number of ideas searched is the planner's estimate (pg_class.reltuples,
--    kept by VACUUM and ANALYZE, off by a few per cent at most, which moves a weight by less) instead
--    of a count of every idea.
--
-- 4. Titles: the 2 × max_results nearest titles by trigram distance (a GiST index on title, ordered
--    by <->) instead of every title within the threshold (the GIN index found 6 702 titles sharing
--    "i kommunens fastigheter" and read 3 765 of them, 0.9 s at 100 000 ideas). An idea that makes the
--    list by its title is among the nearest titles, so this is exact.
--
-- Decision 0018.

create index ideas_title_trigram_gist_idx on app.ideas using gist (title extensions.gist_trgm_ops);
comment on index app.ideas_title_trigram_gist_idx is
  'Trigram GiST index on the title: the nearest titles first (operator <->), so the similar-idea ranking reads a bounded number of titles (private.rank_similar_ideas).';

create index ideas_published_title_trigram_gist_idx on app.ideas using gist (title extensions.gist_trgm_ops)
  where published_at is not null;
comment on index app.ideas_published_title_trigram_gist_idx is
  'Trigram GiST index on the titles of the idea bank: the nearest published titles first for the form''s hint (private.rank_similar_ideas); through the index on every title, the published ones are one in a hundred.';

create index ideas_published_search_vector_idx on app.ideas using gin (search_vector) where published_at is not null;
comment on index app.ideas_published_search_vector_idx is
  'Full-text index of the idea bank alone: the form''s similar-idea hint counts and finds published ideas per word without reading every published idea (private.rank_similar_ideas).';

create or replace function private.rank_similar_ideas(
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
  -- Below this an idea is not shown as similar (20261202310100, point 6).
  c_threshold constant real := 0.3;
  -- A common word (per the statistics) in more ideas than this is not counted (header, point 1).
  c_exact_limit constant double precision := 2000;
  -- How many of the rarest words make the candidate pairs, and how many candidates at most.
  c_pair_words constant integer := 8;
  c_candidates constant integer := 500;
  -- Above this many ideas, the statistics' estimate of how many there are is used (header, point 3).
  c_estimate_above constant double precision := 50000;
  v_title text := left(btrim(coalesce(search_title, '')), 150);
  v_text text := left(btrim(coalesce(search_text, '')), 8000);
  v_words text[];
  v_searched double precision;
  v_rows double precision;
  v_lexemes text[];
  v_ideas double precision[];
  v_pairs tsquery;
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

  -- The ideas searched (header, point 3).
  if published_only then
    select count(*) into v_searched
    from app.ideas i where i.published_at is not null and i.id is distinct from exclude_idea;
  else
    select greatest(c.reltuples, 0) into v_searched from pg_catalog.pg_class c where c.oid = 'app.ideas'::regclass;
    if v_searched <= c_estimate_above then
      select count(*) into v_searched from app.ideas i where i.id is distinct from exclude_idea;
    end if;
  end if;

  -- 2. How many searched ideas use each word (header, point 1), rarest first.
  if coalesce(cardinality(v_words), 0) > 0 then
    select greatest(c.reltuples, 0) into v_rows from pg_catalog.pg_class c where c.oid = 'app.ideas'::regclass;
    select array_agg(n.lexeme order by n.ideas, n.lexeme), array_agg(n.ideas order by n.ideas, n.lexeme)
    into v_lexemes, v_ideas
    from (
      select w.lexeme,
        case
          when not published_only and coalesce(st.share, 0) * v_rows > c_exact_limit then st.share * v_searched
          when published_only then (
            select count(*) from app.ideas i
            where i.published_at is not null and i.search_vector @@ w.query and i.id is distinct from exclude_idea)
          else (
            select count(*) from app.ideas i
            where i.search_vector @@ w.query and i.id is distinct from exclude_idea)
        end::double precision as ideas
      from (
        select u.lexeme, ('''' || replace(replace(u.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery as query
        from unnest(v_words) u (lexeme)
      ) w
      left join (
        select e.lexeme, e.share
        from pg_catalog.pg_stats s
        cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e (lexeme, share)
        where s.schemaname = 'app' and s.tablename = 'ideas' and s.attname = 'search_vector' and not s.inherited
          and e.lexeme is not null
      ) st on st.lexeme = w.lexeme
    ) n;

    -- The candidate pairs: every pair of the rarest words that some idea uses (a word no idea uses
    -- cannot be shared); a one-word query is its word.
    with rare as (
      select row_number() over (order by l.ord) as k,
        '''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || '''' as query
      from unnest(v_lexemes, v_ideas) with ordinality l (lexeme, ideas, ord)
      where l.ideas > 0
      order by l.ord
      limit c_pair_words
    )
    select case
      when (select count(*) from rare) = 1 then (select r.query from rare r)::tsquery
      else (select string_agg('(' || a.query || ' & ' || b.query || ')', ' | ') from rare a join rare b on b.k > a.k)::tsquery
    end
    into v_pairs;
  end if;

  return query
  with
  word_weights as (
    select l.lexeme, ln(1 + v_searched / greatest(l.ideas, 1)) as weight
    from unnest(v_lexemes, v_ideas) l (lexeme, ideas)
  ),
  query_weight as (
    select sum(ww.weight) as total, count(*)::double precision as words from word_weights ww
  ),
  -- Candidates sharing a pair of the rarest words (header, point 2); only one part runs.
  candidates as (
    (select i.id, i.search_vector
    from app.ideas i
    where published_only and v_pairs is not null and i.published_at is not null
      and i.search_vector @@ v_pairs and i.id is distinct from exclude_idea
    limit c_candidates)
    union all
    (select i.id, i.search_vector
    from app.ideas i
    where not published_only and v_pairs is not null
      and i.search_vector @@ v_pairs and i.id is distinct from exclude_idea
    limit c_candidates)
  ),
  -- Each candidate's shared words, its lexemes read once.
  sharing as (
    select c.id, sum(ww.weight) as weight, length(c.search_vector) as lexemes
    from candidates c
    cross join lateral unnest(c.search_vector) l
    join word_weights ww on ww.lexeme = l.lexeme
    group by c.id, length(c.search_vector)
    having count(*) >= least(2, (select qw.words from query_weight qw))
  ),
  -- Weighted overlap coefficient (20261202310100, point 4).
  text_similarity as (
    select sh.id,
      least(1, sh.weight / (qw.total / qw.words * least(qw.words, sh.lexemes))) as score
    from sharing sh
    cross join query_weight qw
  ),
  -- Titles compared with titles: the nearest titles by trigram distance (header, point 4).
  title_similarity as (
    select t.id, extensions.similarity(v_title, t.title) as score
    from (
      select i.id, i.title
      from app.ideas i
      where length(v_title) >= 3
        and (i.published_at is not null or not published_only)
        and i.id is distinct from exclude_idea
      order by i.title operator(extensions.<->) v_title
      limit max_results * 2
    ) t
    where extensions.similarity(v_title, t.title) >= c_threshold
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
  'Ideas similar to a title and text, best first, at most max_results (1–100), each with a similarity in [0.3, 1]: the larger of the rarity-weighted share of significant Swedish words they share and the trigram similarity of the titles. published_only = true searches the idea bank only; exclude_idea leaves one idea out (the one being compared). Candidates by text are the ideas sharing a pair of the eight rarest query words, at most 500, and the 2 × max_results nearest titles (20261202400100). Runs as the tables'' owner, without row-level security, and returns ids only: the caller reads the ideas under its own policies.';
