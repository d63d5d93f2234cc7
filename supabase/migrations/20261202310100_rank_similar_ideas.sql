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
-- 2. Candidates: ideas that use ANY of the words, and ideas whose title is trigram-similar to the
--    search title (the new trigram index on title). The ranking needs the (idea, word) pairs, not
--    only the ideas. Over all ideas each word is a tsquery of its own, looked up in the GIN index on
--    search_vector, which gives the pairs without reading any idea's tsvector; one OR tsquery
--    ('w1' | 'w2' | …) finds the same ideas, but then every candidate's tsvector had to be read
--    (detoasted) and unnested to learn which words it shares: 2.5 s instead of 0.19 s for a
--    three-word query over 100 000 ideas. Over the idea bank (about 1 % of the ideas) the planner
--    tests every word against every published idea instead, reading each tsvector once per word;
--    unnesting each published idea's lexemes once is 4–5 times faster there (measured at 1 000
--    published ideas). So the two scopes find their pairs in two ways.
-- 3. A word counts by how rare it is among the ideas searched (idf = ln(1 + ideas / ideas using it)),
--    so words every municipal idea uses ("personal", "digital", "tid") weigh little. Every idea
--    that uses a query word is a candidate, so counting candidates per word gives that number exactly.
--    ts_rank_cd (normalisation 1|32) was tried first: it has no notion of rarity, and with the same
--    texts unrelated ones scored up to 0.45 on shared everyday words while true matches started at
--    0.50, too close for any threshold.
-- 4. Text similarity is the weighted overlap coefficient: the weight of the words both share, divided
--    by the weight of the shorter side (the query's words, or as many of its average-weight words as
--    the idea has lexemes). So a one-line title is compared by how many of its words an idea has, and
--    a long text by how much of a short idea it covers. At least two shared words are needed (one if
--    the query has only one), so a single common word never makes two ideas "similar".
-- 5. Title similarity is trigram similarity of the two titles (pg_trgm's similarity()).
-- 6. An idea's similarity is the larger of the two; only ideas at 0.3 or more are kept. With the
--    texts of the integration test on the demo data, four submissions worded differently from a
--    published idea about the same thing score 0.37–0.64 against it, and at most 0.21 against any
--    other published idea; four texts about something else score at most 0.20 against any of the 40
--    demo ideas. 0.3 lies in that gap, and is also pg_trgm's own default for "similar".
--
-- Row-level security: `@@` and `%` are not leakproof, so under a row policy the planner cannot use the
-- full-text or trigram index and scans every idea (measured 2026-12-01 at 1 000 000 ideas: a word in
-- 40 ideas took 81 s under the policy, 14 ms without it). The helper therefore runs as the tables'
-- owner, who is not subject to the policies, and returns only ids and scores; it is executable by
-- api_owner alone. The api functions read the ideas themselves, as api_owner under row-level
-- security, so whatever the helper finds, a caller still sees only the ideas the policies allow.

-- Titles compared with titles ---------------------------------------------------------------------
create index ideas_title_trigram_idx on app.ideas using gin (title extensions.gin_trgm_ops);
comment on index app.ideas_title_trigram_idx is
  'Trigram index on the title alone: finds ideas whose title is similar to a search title (private.rank_similar_ideas, operator %).';

-- The ranking, once -------------------------------------------------------------------------------
-- security definer, owned by the migration role (the tables' owner): so that the GIN indexes can be
-- used at all (see the header), and so that the reviewers' search can rank ideas a policy would hide
-- from the caller before the caller's own function applies its scope. plan_cache_mode: each call is
-- planned for its own words and scope (published_only folds to a constant), never a generic plan,
-- which for `(param or …)` filters was twice as slow at 100 000 ideas (measured 2026-12-01).
-- pg_trgm.similarity_threshold: the operator % keeps titles at 0.3 or more, the same threshold the
-- function applies to the final similarity; the two must stay equal.
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

  return query
  with
  -- The ideas searched: the idea bank only, or every idea; never the idea being compared.
  searched as (
    select count(*)::double precision as ideas
    from app.ideas i
    where (i.published_at is not null or not published_only) and i.id is distinct from exclude_idea
  ),
  -- 2. Each word as a tsquery of its own. The lexemes are already stemmed, so they are quoted as
  -- they are (backslashes and quotes doubled), not parsed again.
  query_words as (
    select w.lexeme, ('''' || replace(replace(w.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery as query
    from unnest(v_words) w (lexeme)
  ),
  -- Every searched idea that uses ANY of the words, once per word it uses (header, point 2). Only
  -- one of the two parts runs: published_only is a constant in each call's plan.
  shared_words as (
    -- The idea bank, about 1 % of the ideas: each published idea's lexemes are read once.
    select i.id, q.lexeme
    from app.ideas i
    cross join lateral unnest(i.search_vector) w
    join query_words q on q.lexeme = w.lexeme
    where published_only and i.published_at is not null and i.id is distinct from exclude_idea
    union all
    -- Every idea: one lookup per word in the GIN index on search_vector; no tsvector is read.
    select i.id, q.lexeme
    from query_words q
    join app.ideas i on i.search_vector @@ q.query
    where not published_only and i.id is distinct from exclude_idea
  ),
  -- 3. What each word says: ln(1 + ideas searched / ideas using it). A word no idea uses weighs most.
  word_weights as (
    select q.lexeme, ln(1 + s.ideas / greatest(count(m.id), 1)) as weight
    from query_words q
    cross join searched s
    left join shared_words m on m.lexeme = q.lexeme
    group by q.lexeme, s.ideas
  ),
  query_weight as (
    select sum(ww.weight) as total, count(*)::double precision as words from word_weights ww
  ),
  -- Ideas sharing at least two of the words (one if the query has a single word), and their weight.
  sharing as (
    select m.id, sum(ww.weight) as weight
    from shared_words m
    join word_weights ww on ww.lexeme = m.lexeme
    group by m.id
    having count(*) >= least(2, (select qw.words from query_weight qw))
  ),
  -- 4. Weighted overlap coefficient: the shared weight over the weight of the shorter side, the
  -- idea's side counted as its number of lexemes times the query's average word weight.
  text_similarity as (
    select i.id,
      least(1, sh.weight / (qw.total / qw.words * least(qw.words, length(i.search_vector)))) as score
    from sharing sh
    join app.ideas i on i.id = sh.id
    cross join query_weight qw
  ),
  -- 5. Titles compared with titles (the trigram index on title finds them).
  title_similarity as (
    select i.id, extensions.similarity(v_title, i.title) as score
    from app.ideas i
    where length(v_title) >= 3
      and i.title operator(extensions.%) v_title
      and (i.published_at is not null or not published_only)
      and i.id is distinct from exclude_idea
  ),
  -- 6. The larger of the two.
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
