-- Why: the reviewer's queue (issue 12). api.list_ideas returned the caller's whole scope, sorted and
-- turned into JSON on every call, and PostgREST then kept 1 000 rows: 8.2 s for the coordinator at
-- 100 000 ideas, 6.4 s with a search word (notes/sql-at-scale.md). api.list_review_queue replaces it:
--
-- * It pages inside SQL with a keyset cursor, 50 rows a page (at most 100), so a page costs the same
--   on page 1 and page 200, and PostgREST's max_rows never cuts anything off.
-- * The scope is worked out once per call, not per row (sql-at-scale points 1 and 3): the api
--   function checks the caller (private.require_reviewer), then private.review_queue, owned by the
--   migration role, reads the caller's reviewer row once and runs a set-based query on the tables
--   directly – no row policy in the way, so the full-text index can be used (`@@` is not leakproof,
--   so under a policy the planner may not push it into an index scan). It takes no scope
--   parameters: no caller can ask it for a wider scope than their own.
-- * The query is built with only the filters given, values passed as parameters (`execute … using`),
--   so every call is planned for its own values (sql-at-scale point 4: no generic plan with
--   `(param is null or col = param)`). For a coach the scope "my municipality or shared regionally"
--   is two index range scans merged in order (union all of two ordered, limited branches), not an OR
--   that would have to sort the whole scope.
-- * Counts per state for the current filter (without its state) come with the first page only; the
--   page keeps them while the reviewer pages on. For the views without a filter on assignments or a
--   search – the queue as it opens, by state, municipality or area – they are read from
--   app.idea_counts, a few thousand rows kept up to date by a trigger, instead of counting every
--   idea in scope on every call.

-- Indexes for the queue's filters and sorts -----------------------------------------------------------
-- Each replaces a narrower index that it covers as its leading column(s), so the foreign keys stay
-- indexed and nothing is indexed twice. Those that carry `state` (as a key or INCLUDE column) let a
-- filter on state, and counting by state, be answered without visiting the wide idea rows.
create index ideas_queue_received_idx on app.ideas (received_at desc, id desc);
comment on index app.ideas_queue_received_idx is
  'Queue, newest first: the keyset (received_at, id) of regional staff without a filter on municipality or state.';
drop index app.ideas_received_at_idx;

create index ideas_queue_municipality_received_idx on app.ideas (municipality_code, received_at desc, id desc)
  include (state);
comment on index app.ideas_queue_municipality_received_idx is
  'Queue, newest first, within one municipality: a coach''s own ideas and the municipality filter; with state for their counts. Also the foreign key''s index.';
drop index app.ideas_municipality_code_idx;

create index ideas_queue_state_received_idx on app.ideas (state, received_at desc, id desc);
comment on index app.ideas_queue_state_received_idx is
  'Queue, newest first, in one state (the state filter), and the counts per state of regional staff. Also the foreign key''s index.';
drop index app.ideas_state_idx;

create index ideas_queue_shared_received_idx on app.ideas (received_at desc, id desc)
  include (municipality_code, state) where shared_regionally;
comment on index app.ideas_queue_shared_received_idx is
  'Queue, newest first, of regionally shared ideas: the second half of a coach''s scope; with municipality and state for its filter and counts.';
drop index app.ideas_shared_regionally_idx;

create index ideas_area_state_idx on app.ideas (area_id, state);
comment on index app.ideas_area_state_idx is
  'Ideas of one area, by state: the area filter where app.idea_counts does not answer (with a search or an assignment filter). Also the foreign key''s index.';
drop index app.ideas_area_id_idx;

create index ideas_queue_waiting_idx on app.ideas (state_changed_at, id);
comment on index app.ideas_queue_waiting_idx is
  'Queue sorted by waiting (longest in its current state first): the keyset (state_changed_at, id).';

create index ideas_queue_municipality_waiting_idx on app.ideas (municipality_code, state_changed_at, id);
comment on index app.ideas_queue_municipality_waiting_idx is
  'Queue sorted by waiting within one municipality: a coach''s own ideas and the municipality filter.';

create index ideas_queue_state_waiting_idx on app.ideas (state, state_changed_at, id);
comment on index app.ideas_queue_state_waiting_idx is 'Queue sorted by waiting, in one state.';

create index ideas_queue_shared_waiting_idx on app.ideas (state_changed_at, id)
  include (municipality_code) where shared_regionally;
comment on index app.ideas_queue_shared_waiting_idx is
  'Queue sorted by waiting, of regionally shared ideas (a coach''s scope).';

create index ideas_queue_lookup_idx on app.ideas (id)
  include (state, received_at, state_changed_at, municipality_code, area_id, shared_regionally);
comment on index app.ideas_queue_lookup_idx is
  'An idea''s queue facts by id, without visiting the wide idea row: the filters that start from assignments (assigned to me, awaiting my assessment, overdue) look each idea up here, for the page and for the counts (at 100 000 ideas 4 ms instead of 19 ms for 1 800 assignments).';

create index assignments_open_due_idx on app.assignments (due_on, idea_id) where done_at is null;
comment on index app.assignments_open_due_idx is
  'Open assignments by due date: the overdue filter (due_on before today).';

create index assignments_reviewer_queue_idx on app.assignments (reviewer_id, done_at) include (idea_id);
comment on index app.assignments_reviewer_queue_idx is
  'A reviewer''s assignments, open ones first (done_at is null): the filters "assigned to me" and "awaiting my assessment" read the idea ids from the index alone. Also the foreign key''s index.';
drop index app.assignments_reviewer_id_idx;

-- Ideas per municipality, area, sharing and state -------------------------------------------------------
create table app.idea_counts (
  municipality_code text not null references app.municipalities (code),
  area_id text not null references app.areas (id),
  shared_regionally boolean not null,
  state text not null references app.idea_states (state),
  ideas bigint not null check (ideas >= 0),
  primary key (municipality_code, area_id, shared_regionally, state)
);
comment on table app.idea_counts is
  'How many ideas there are per municipality, area, regional sharing and state, kept by a trigger on app.ideas: the queue''s counts per state without counting every idea. At most municipalities × areas × 2 × states rows, however many ideas there are. Read only by security-definer functions (no policy, no grant).';
create index idea_counts_area_id_idx on app.idea_counts (area_id);
create index idea_counts_state_idx on app.idea_counts (state);
create index idea_counts_shared_idx on app.idea_counts (municipality_code) where shared_regionally;
alter table app.idea_counts enable row level security;

create function private.count_idea_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old text;
  v_new text;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    v_old := concat_ws('/', old.municipality_code, old.area_id, old.shared_regionally, old.state);
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    v_new := concat_ws('/', new.municipality_code, new.area_id, new.shared_regionally, new.state);
  end if;
  if v_old is not distinct from v_new then
    return null;
  end if;
  -- Two groups change: lock them in one order (by key), so that two ideas moving in opposite
  -- directions at once wait for each other instead of deadlocking.
  if v_old is not null and (v_new is null or v_old < v_new) then
    update app.idea_counts c set ideas = c.ideas - 1
    where (c.municipality_code, c.area_id, c.shared_regionally, c.state)
      = (old.municipality_code, old.area_id, old.shared_regionally, old.state);
  end if;
  if v_new is not null then
    insert into app.idea_counts as c (municipality_code, area_id, shared_regionally, state, ideas)
    values (new.municipality_code, new.area_id, new.shared_regionally, new.state, 1)
    on conflict (municipality_code, area_id, shared_regionally, state) do update set ideas = c.ideas + 1;
  end if;
  if v_old is not null and v_new is not null and v_old > v_new then
    update app.idea_counts c set ideas = c.ideas - 1
    where (c.municipality_code, c.area_id, c.shared_regionally, c.state)
      = (old.municipality_code, old.area_id, old.shared_regionally, old.state);
  end if;
  return null;
end;
$$;
comment on function private.count_idea_change() is
  'After an idea is added, moved, re-shared or removed: keeps app.idea_counts in step. security definer: the api''s role has no privilege on the counts.';
revoke execute on function private.count_idea_change() from public;

create trigger ideas_keep_counts
  after insert or delete or update of municipality_code, area_id, shared_regionally, state on app.ideas
  for each row execute function private.count_idea_change();

create function private.recount_ideas()
returns void
language sql
volatile
set search_path = ''
as $$
  delete from app.idea_counts;
  insert into app.idea_counts (municipality_code, area_id, shared_regionally, state, ideas)
  select i.municipality_code, i.area_id, i.shared_regionally, i.state, count(*)
  from app.ideas i
  group by 1, 2, 3, 4;
$$;
comment on function private.recount_ideas() is
  'Counts app.idea_counts afresh from the ideas: here, and after a bulk load that bypassed the trigger (tests/bench/generate-ideas.ts). For the migration role only.';
revoke execute on function private.recount_ideas() from public;

-- No idea may arrive while the counts are taken (the trigger above already counts every later
-- one). One statement, so the lock holds to its end also where the migration does not run in a
-- transaction of its own: `supabase db push` sends a file's statements without one.
do $$
begin
  lock table app.ideas in share row exclusive mode;
  perform private.recount_ideas();
end
$$;

-- private.review_queue --------------------------------------------------------------------------------
create function private.review_queue(
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
  -- * a search: the matching ideas are counted.
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
    select format('select jsonb_object_agg(c.state, c.n) from (select b.state, sum(b.n) as n from (%s) b'
      || ' group by b.state) c',
      string_agg(format('select i.state, %s as n from %s where %s%s group by i.state',
        case when v_count_from = 'app.idea_counts i' then 'sum(i.ideas)' else 'count(*)' end,
        v_count_from, branch, v_count_filters), ' union all '))
    into v_page_sql
    -- Starting from assignments, each idea is looked up once: one branch with the whole scope.
    from unnest(case when v_reviewer.municipality_code is not null and v_count_from like '%lateral%'
      then array['(i.municipality_code = $1 or i.shared_regionally)'] else v_branches end) branch;
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
      'shared_regionally', i.shared_regionally
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
  ) work on true;

  return jsonb_build_object('items', v_items, 'next', v_next, 'counts', v_counts, 'total', v_total);
end;
$$;
comment on function private.review_queue(text, text, text, boolean, boolean, boolean, text, text, timestamptz, uuid, integer) is
  'The work of api.list_review_queue: one page of the calling reviewer''s scope with only the given filters in the query, and on the first page the counts per state. security definer (migration role): it reads the scope once instead of per row and lets the full-text index work; it takes the scope from the caller''s own reviewer row, never from a parameter. Callers validate the filters.';
revoke execute on function private.review_queue(text, text, text, boolean, boolean, boolean, text, text, timestamptz, uuid, integer)
  from public;
grant execute on function private.review_queue(text, text, text, boolean, boolean, boolean, text, text, timestamptz, uuid, integer)
  to api_owner;

-- api.list_review_queue -------------------------------------------------------------------------------
create function api.list_review_queue(
  filters jsonb default '{}',
  sort text default 'received',
  cursor text default null,
  page_size integer default 50
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_reviewer();
  v_filters jsonb := coalesce(list_review_queue.filters, '{}'::jsonb);
  v_sort text := coalesce(nullif(btrim(list_review_queue.sort), ''), 'received');
  v_page_size integer := coalesce(list_review_queue.page_size, 50);
  v_field text;
  v_state text;
  v_municipality text;
  v_area text;
  v_search text;
  v_flags jsonb := '{}'::jsonb;
  v_cursor jsonb;
  v_after_key timestamptz;
  v_after_id uuid;
begin
  if jsonb_typeof(v_filters) <> 'object' then
    raise exception using errcode = 'IS002', message = 'not_an_object', detail = 'filters';
  end if;
  select k into v_field from jsonb_object_keys(v_filters) k
  where k not in ('state', 'municipality', 'area', 'assigned_to_me', 'awaiting_my_assessment', 'overdue', 'search')
  order by k limit 1;
  if v_field is not null then
    raise exception using errcode = 'IS002', message = 'unknown_filter', detail = v_field;
  end if;

  -- Text filters: a string, or null / "" for "all".
  foreach v_field in array array['state', 'municipality', 'area', 'search'] loop
    if jsonb_typeof(v_filters -> v_field) not in ('string', 'null') then
      raise exception using errcode = 'IS002',
        message = case when v_field = 'search' then 'not_a_string' else 'unknown_value' end, detail = v_field;
    end if;
  end loop;
  v_state := nullif(btrim(v_filters ->> 'state'), '');
  v_municipality := nullif(btrim(v_filters ->> 'municipality'), '');
  v_area := nullif(btrim(v_filters ->> 'area'), '');
  v_search := nullif(btrim(v_filters ->> 'search'), '');
  if v_state is not null and not exists (select 1 from app.idea_states s where s.state = v_state) then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'state';
  end if;
  if v_municipality is not null and not exists (select 1 from app.municipalities m where m.code = v_municipality) then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'municipality';
  end if;
  if v_area is not null and not exists (select 1 from app.areas a where a.id = v_area) then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'area';
  end if;
  if length(v_search) > 200 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'search';
  end if;

  -- Yes/no filters: JSON true or false (null = false).
  foreach v_field in array array['assigned_to_me', 'awaiting_my_assessment', 'overdue'] loop
    if jsonb_typeof(v_filters -> v_field) not in ('boolean', 'null') then
      raise exception using errcode = 'IS002', message = 'not_boolean', detail = v_field;
    end if;
    v_flags := v_flags || jsonb_build_object(v_field, coalesce((v_filters ->> v_field)::boolean, false));
  end loop;

  if v_sort not in ('received', 'waiting') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'sort';
  end if;
  if v_page_size not between 1 and 100 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'page_size';
  end if;

  -- The cursor is what this function handed out as `next`: base64url of ["<sort>", "<key>", "<id>"].
  if nullif(btrim(list_review_queue.cursor), '') is not null then
    begin
      v_cursor := convert_from(decode(
        rpad(translate(btrim(list_review_queue.cursor), '-_', '+/'),
          (length(btrim(list_review_queue.cursor)) + 3) / 4 * 4, '='),
        'base64'), 'UTF8')::jsonb;
      if jsonb_typeof(v_cursor) <> 'array' or jsonb_array_length(v_cursor) <> 3 or v_cursor ->> 0 <> v_sort then
        raise exception using errcode = 'IS002';
      end if;
      v_after_key := (v_cursor ->> 1)::timestamptz;
      v_after_id := (v_cursor ->> 2)::uuid;
      if v_after_key is null or v_after_id is null then
        raise exception using errcode = 'IS002';
      end if;
    exception
      when others then
        raise exception using errcode = 'IS002', message = 'invalid_cursor', detail = 'cursor';
    end;
  end if;

  return private.review_queue(v_state, v_municipality, v_area, (v_flags ->> 'assigned_to_me')::boolean,
    (v_flags ->> 'awaiting_my_assessment')::boolean, (v_flags ->> 'overdue')::boolean, v_search, v_sort,
    v_after_key, v_after_id, v_page_size);
end;
$$;
comment on function api.list_review_queue(jsonb, text, text, integer) is
  'The reviewer''s queue, one page at a time. filters: {state, municipality, area, assigned_to_me, awaiting_my_assessment, overdue, search}; sort: received (newest first) or waiting (longest in its current state first); cursor: the previous page''s next; page_size 1–100 (50). Returns {items, next, counts, total}; counts (per state, without the state filter) and total only on the first page. Errors: 42501 not_reviewer; IS002 with the field as detail.';
alter function api.list_review_queue(jsonb, text, text, integer) owner to api_owner;

revoke execute on function api.list_review_queue(jsonb, text, text, integer) from public, anon;
grant execute on function api.list_review_queue(jsonb, text, text, integer) to authenticated, service_role;

-- The old queue goes: it read the whole scope on every call.
drop function api.list_ideas(text, text, text);
