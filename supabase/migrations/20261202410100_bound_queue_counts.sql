-- Why: at national size (issue 17; tests/bench/national.bench.ts at 1 000 000 ideas on a quiet
-- machine) a search in the queue cost what its matches cost, not what its page cost:
--
-- * a rare word (188 ideas) took 340 ms for a coordinator: the planner, estimating 5 038 matches
--   from the default statistics, walked the queue's index in order for the first 50 and read
--   212 000 ideas to find them. With statistics kept for 1 000 lexemes instead of 100 it estimates
--   177 and takes the 188 from the full-text index (9 ms);
-- * a common word (395 000 ideas) took 0.9 s, and the overdue filter (49 000 ideas) 0.3 s: the
--   page was found in milliseconds, but the counts per state read every match. What is counted
--   idea by idea – a search, the caller's assignments, the overdue ones – is now counted only up
--   to 1 000; beyond that the answer says `more_than: 1000` and has no counts and no total, and the
--   queue says that more than 1 000 ideas match and asks for another word or a filter. The probe
--   stops at 1 001 per branch. The counts without those filters add up app.idea_counts as before.
--
-- private.review_queue is as 20261202340300 left it but for the bounded counts.

alter table app.ideas alter column search_vector set statistics 1000;
analyze app.ideas (search_vector);

create or replace function private.review_queue(
  filter_state text,
  filter_municipality text,
  filter_area text,
  assigned_to_me boolean,
  awaiting_my_assessment boolean,
  overdue boolean,
  search text,
  sort text,
  after_key timestamptz,
  after_id uuid,
  page_size integer
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
-- Each statement here reads a few thousand index entries at most (100 000 for a regional
-- reviewer's counts): starting parallel workers costs more than it saves, and they compete with
-- the other requests for the same cores.
set max_parallel_workers_per_gather = 0
as $$
declare
  v_reviewer app.reviewers := private.current_reviewer();
  v_today date := (now() at time zone 'Europe/Stockholm')::date;
  v_key text := case when sort = 'waiting' then 'state_changed_at' else 'received_at' end;
  v_order text := case when sort = 'waiting' then 'i.state_changed_at, i.id' else 'i.received_at desc, i.id desc' end;
  v_outer_order text := case when sort = 'waiting' then 'q.key, q.id' else 'q.key desc, q.id desc' end;
  v_filters text := '';
  v_mine_filter text := '';
  v_overdue_filter text := '';
  v_keyset text := '';
  v_from text := 'app.ideas i';
  v_count_from text;
  v_count_filters text;
  v_columns text := 'i.id, i.state, i.municipality_code, i.area_id, i.shared_regionally';
  v_branches text[];
  v_page_sql text;
  v_ids uuid[];
  v_keys timestamptz[];
  v_next text;
  v_counts jsonb;
  v_total bigint;
  v_count_branches text[];
  v_more_than integer;
  count_limit constant integer := 1000;
  v_matches bigint;
  v_items jsonb;
begin
  -- The caller's scope, read once. The api function has already refused anyone else (not_reviewer);
  -- this is the same check again, so the function is safe on its own.
  if v_reviewer.user_id is null then
    raise exception using errcode = '42501', message = 'not_reviewer';
  end if;

  -- Only the filters given are in the query; every value is a parameter:
  --   $1 the coach's municipality  $2 the caller  $3 state  $4 municipality  $5 area  $6 search
  --   $7 today (Swedish date)      $8 cursor key  $9 cursor id  $10 rows to read
  if filter_municipality is not null then
    v_filters := v_filters || ' and i.municipality_code = $4';
  end if;
  if filter_area is not null then
    v_filters := v_filters || ' and i.area_id = $5';
  end if;
  if search is not null then
    v_filters := v_filters || ' and i.search_vector @@ websearch_to_tsquery(''swedish''::regconfig, $6)';
    v_columns := v_columns || ', i.search_vector';
  end if;
  -- My assignments are few beside the ideas: the query starts from them (one row per idea, as
  -- (idea_id, reviewer_id) is unique) rather than probing every idea in order for one.
  if awaiting_my_assessment or assigned_to_me then
    v_from := 'app.assignments mine join app.ideas i on i.id = mine.idea_id';
    v_mine_filter := ' and mine.reviewer_id = $2'
      || case when awaiting_my_assessment then ' and mine.done_at is null' else '' end;
  end if;
  if overdue then
    v_overdue_filter := ' and exists (select 1 from app.assignments a'
      || ' where a.idea_id = i.id and a.done_at is null and a.due_on < $7)';
  end if;
  if after_id is not null then
    v_keyset := case when sort = 'waiting'
      then ' and (i.state_changed_at, i.id) > ($8, $9)'
      else ' and (i.received_at, i.id) < ($8, $9)' end;
  end if;

  -- Regional staff and coordinators: every idea. A coach: their municipality's ideas, and ideas of
  -- other municipalities shared regionally – two disjoint branches, each an ordered index range.
  -- Starting from my assignments, one branch with both halves of the scope is as cheap.
  if v_reviewer.municipality_code is null then
    v_branches := array['true'];
  elsif v_from <> 'app.ideas i' then
    v_branches := array['(i.municipality_code = $1 or i.shared_regionally)'];
  else
    v_branches := array['i.municipality_code = $1', 'i.shared_regionally and i.municipality_code <> $1'];
  end if;

  -- One page and one row more, to know whether there is a next page.
  select format(
    'select array_agg(q.id order by %s), array_agg(q.key order by %s) from (select q.* from (%s) q order by %s limit $10) q',
    v_outer_order, v_outer_order,
    string_agg(format('(select i.id, i.%s as key from %s where %s%s%s%s%s%s order by %s limit $10)',
      v_key, v_from, branch, v_filters, v_mine_filter, v_overdue_filter,
      case when filter_state is not null then ' and i.state = $3' else '' end, v_keyset, v_order), ' union all '),
    v_outer_order)
  into v_page_sql
  from unnest(v_branches) branch;

  execute v_page_sql into v_ids, v_keys
  using v_reviewer.municipality_code, v_reviewer.user_id, filter_state, filter_municipality, filter_area, search,
    v_today, after_key, after_id, page_size + 1;

  if coalesce(cardinality(v_ids), 0) > page_size then
    v_next := rtrim(translate(encode(convert_to(
      jsonb_build_array(sort, v_keys[page_size], v_ids[page_size])::text, 'UTF8'), 'base64'), E'+/\n', '-_'), '=');
    v_ids := v_ids[1:page_size];
  end if;

  -- The counts per state for the same filters without the state filter, on the first page only,
  -- branch by branch like the page:
  -- * filters on my assignments: from my assignments, each idea looked up by id (a nested loop by
  --   construction – `offset 0` keeps the lookup apart – so the cost follows my assignments, not
  --   the number of ideas); overdue alike from the open assignments past their due date;
  -- * otherwise without a search: every condition is on a column app.idea_counts has
  --   (municipality, area, sharing), so the same branches and filters add up its rows;
  -- * a search: the matching ideas are counted;
  -- * but never more than count_limit ideas one by one (below).
  if after_id is null then
    if v_mine_filter <> '' then
      v_count_from := format('app.assignments mine cross join lateral (select %s from app.ideas i'
        || ' where i.id = mine.idea_id offset 0) i', v_columns);
      v_count_filters := v_filters || v_mine_filter || v_overdue_filter;
    elsif overdue then
      v_count_from := format('(select distinct a.idea_id from app.assignments a where a.done_at is null'
        || ' and a.due_on < $7) late cross join lateral (select %s from app.ideas i where i.id = late.idea_id'
        || ' offset 0) i', v_columns);
      v_count_filters := v_filters;
    elsif search is null then
      v_count_from := 'app.idea_counts i';
      v_count_filters := v_filters;
    else
      v_count_from := 'app.ideas i';
      v_count_filters := v_filters;
    end if;
    v_count_branches := case when v_reviewer.municipality_code is not null and v_count_from like '%lateral%'
      then array['(i.municipality_code = $1 or i.shared_regionally)'] else v_branches end;
    -- What is counted idea by idea (a search, my assignments, the overdue ones) is counted only up
    -- to count_limit: beyond that, reading every match to count it by state grows with the data
    -- (a common word: 395 000 ideas at national size, 0.9 s; the overdue: 49 000, 0.3 s). The
    -- probe stops at the first count_limit + 1 of each branch.
    if v_count_from <> 'app.idea_counts i' then
      select format('select sum(n) from (%s) b', string_agg(format(
          '(select count(*) as n from (select 1 from %s where %s%s limit %s) m)',
          v_count_from, branch, v_count_filters, count_limit + 1), ' union all '))
      into v_page_sql
      from unnest(v_count_branches) branch;
      execute v_page_sql
      into v_matches
      using v_reviewer.municipality_code, v_reviewer.user_id, filter_state, filter_municipality, filter_area, search,
        v_today, after_key, after_id, page_size + 1;
      if v_matches > count_limit then
        v_more_than := count_limit;
      end if;
    end if;
    select format('select jsonb_object_agg(c.state, c.n) from (select b.state, sum(b.n) as n from (%s) b'
      || ' group by b.state) c',
      string_agg(format('select i.state, %s as n from %s where %s%s group by i.state',
        case when v_count_from = 'app.idea_counts i' then 'sum(i.ideas)' else 'count(*)' end,
        v_count_from, branch, v_count_filters), ' union all '))
    into v_page_sql
    -- Starting from assignments, each idea is looked up once: one branch with the whole scope.
    from unnest(v_count_branches) branch;
    if v_more_than is null then
      execute v_page_sql
      into v_counts
      using v_reviewer.municipality_code, v_reviewer.user_id, filter_state, filter_municipality, filter_area, search,
        v_today, after_key, after_id, page_size + 1;
      v_counts := coalesce(v_counts, '{}'::jsonb);
      select coalesce(sum((v_counts ->> s.state)::bigint) filter (where filter_state is null or s.state = filter_state), 0),
        jsonb_agg(jsonb_build_object('state', s.state, 'count', coalesce((v_counts ->> s.state)::bigint, 0))
          order by s.sort_order)
      into v_total, v_counts
      from app.idea_states s;
    end if;
  end if;

  -- The page's rows, in page order, each with what the queue shows.
  select coalesce(jsonb_agg(jsonb_build_object(
      'reference', i.reference,
      'title', i.title,
      'state', i.state,
      'municipality', jsonb_build_object('code', m.code, 'name', m.name),
      'area', jsonb_build_object('id', ar.id, 'name', ar.name),
      'received_at', i.received_at,
      'state_changed_at', i.state_changed_at,
      'days_waiting', floor(extract(epoch from now() - i.state_changed_at) / 86400)::integer,
      'assignees', coalesce(work.assignees, '[]'::jsonb),
      'assessments', jsonb_build_object('done', coalesce(work.done, 0), 'expected', coalesce(work.expected, 0)),
      'due_on', work.due_on,
      'overdue', coalesce(work.due_on < v_today, false),
      'assigned_to_me', coalesce(work.mine, false),
      'shared_regionally', i.shared_regionally,
      -- The weighted mean of the scores the caller may see (the blind rule): a coordinator's always,
      -- a reviewer's once their own assessment is complete; null otherwise or without scores.
      'mean', scored.mean
    ) order by page.ord), '[]'::jsonb)
  into v_items
  from unnest(v_ids) with ordinality as page(id, ord)
  join app.ideas i on i.id = page.id
  join app.municipalities m on m.code = i.municipality_code
  join app.areas ar on ar.id = i.area_id
  left join lateral (
    select
      jsonb_agg(jsonb_build_object('name', r.display_name, 'done', a.done_at is not null)
        order by a.assigned_at, a.id) as assignees,
      count(*) filter (where a.done_at is not null) as done,
      count(*) as expected,
      min(a.due_on) filter (where a.done_at is null) as due_on,
      bool_or(a.reviewer_id = v_reviewer.user_id) as mine
    from app.assignments a
    join app.reviewers r on r.user_id = a.reviewer_id
    where a.idea_id = i.id
  ) work on true
  -- One idea's scores through the unique index (idea_id, reviewer_id, criterion_id), each with its
  -- version's weight; scores of reviewers who declared jäv do not count.
  left join lateral (
    select round(sum(s.score * cv.weight) / nullif(sum(cv.weight), 0), 2) as mean
    from app.scores s
    join app.criteria_versions cv on cv.id = s.criteria_version_id
    where s.idea_id = i.id
      and (v_reviewer.role = 'coordinator' or private.assessment_complete(i.id, v_reviewer.user_id))
      and not exists (
        select 1 from app.conflicts_of_interest c
        where c.idea_id = s.idea_id and c.reviewer_id = s.reviewer_id and c.has_conflict
      )
  ) scored on true;

  return jsonb_build_object('items', v_items, 'next', v_next, 'counts', v_counts, 'total', v_total,
    'more_than', v_more_than);
end;
$$;
comment on function private.review_queue(text, text, text, boolean, boolean, boolean, text, text, timestamptz, uuid, integer) is
  'The work of api.list_review_queue: one page of the calling reviewer''s scope with only the given filters in the query, and on the first page the counts per state – those counted idea by idea (a search, my assignments, overdue) only up to 1 000, beyond which more_than is 1000 and counts and total are null; each row with the weighted mean of the scores the caller may see (the blind rule). security definer (migration role): it reads the scope once instead of per row and lets the full-text index work; it takes the scope from the caller''s own reviewer row, never from a parameter. Callers validate the filters.';
