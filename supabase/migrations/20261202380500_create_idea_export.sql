-- Why: a coordinator hands the steering group a report (issue 15): the ideas of the queue's current
-- filter as CSV or Excel, with state, dates, municipality, area, the weighted mean of the scores and
-- the decision – and the bearer's contact details only when the coordinator asks for them. 100 000
-- ideas must stream in constant memory (decision 0017), so the rows come in keyset pages, never as
-- one result, and each export is recorded in the audit trail with its filter and row count.
--
-- * private.idea_export_filters checks the filters exactly as api.list_review_queue does (the same
--   keys, values and error keys, so the functions reuse the queue's messages) and returns them
--   normalised.
-- * api.start_idea_export (coordinators only) counts the matching ideas and writes the audit event
--   (action ideas_export: format, filters, sort, rows, whether contact details are in it) before the
--   first row is read, so an export that is broken off is recorded too. Returns {audit_id, rows}.
-- * api.list_idea_export_page (coordinators only) returns one keyset page of rows, ordered as the
--   queue orders them; each row's `position` is the `after` of the next page. A bearer whose
--   processing is restricted (GDPR Art. 18) or whose details were gallrade has empty contact fields.

-- private.idea_export_filters ------------------------------------------------------------------------
create function private.idea_export_filters(filters jsonb, sort text)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_filters jsonb := coalesce(idea_export_filters.filters, '{}'::jsonb);
  v_sort text := coalesce(nullif(btrim(idea_export_filters.sort), ''), 'received');
  v_field text;
  v_result jsonb := '{}'::jsonb;
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
  foreach v_field in array array['state', 'municipality', 'area', 'search'] loop
    if jsonb_typeof(v_filters -> v_field) not in ('string', 'null') then
      raise exception using errcode = 'IS002',
        message = case when v_field = 'search' then 'not_a_string' else 'unknown_value' end, detail = v_field;
    end if;
    if nullif(btrim(v_filters ->> v_field), '') is not null then
      v_result := v_result || jsonb_build_object(v_field, btrim(v_filters ->> v_field));
    end if;
  end loop;
  if v_result ? 'state' and not exists (select 1 from app.idea_states s where s.state = v_result ->> 'state') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'state';
  end if;
  if v_result ? 'municipality'
    and not exists (select 1 from app.municipalities m where m.code = v_result ->> 'municipality') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'municipality';
  end if;
  if v_result ? 'area' and not exists (select 1 from app.areas a where a.id = v_result ->> 'area') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'area';
  end if;
  if length(v_result ->> 'search') > 200 then
    raise exception using errcode = 'IS002', message = 'too_long', detail = 'search';
  end if;
  foreach v_field in array array['assigned_to_me', 'awaiting_my_assessment', 'overdue'] loop
    if jsonb_typeof(v_filters -> v_field) not in ('boolean', 'null') then
      raise exception using errcode = 'IS002', message = 'not_boolean', detail = v_field;
    end if;
    if coalesce((v_filters ->> v_field)::boolean, false) then
      v_result := v_result || jsonb_build_object(v_field, true);
    end if;
  end loop;
  if v_sort not in ('received', 'waiting') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'sort';
  end if;
  return jsonb_build_object('filters', v_result, 'sort', v_sort);
end;
$$;
comment on function private.idea_export_filters(jsonb, text) is
  'Checks an export''s filters and sort as api.list_review_queue checks them (IS002 with the field as detail) and returns {filters (only those given, trimmed), sort}.';
revoke execute on function private.idea_export_filters(jsonb, text) from public;
grant execute on function private.idea_export_filters(jsonb, text) to api_owner;

-- private.idea_export_where: the filters as SQL over `app.ideas i` ---------------------------------------
-- Parameters of the statements that use it: $1 the caller  $2 state  $3 municipality  $4 area
-- $5 search  $6 today (Swedish date). Only the filters given are in the text (sql-at-scale 4).
create function private.idea_export_where(filters jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select 'true'
    || case when filters ? 'state' then ' and i.state = $2' else '' end
    || case when filters ? 'municipality' then ' and i.municipality_code = $3' else '' end
    || case when filters ? 'area' then ' and i.area_id = $4' else '' end
    || case when filters ? 'search'
         then ' and i.search_vector @@ websearch_to_tsquery(''swedish''::regconfig, $5)' else '' end
    || case when filters ? 'assigned_to_me' or filters ? 'awaiting_my_assessment'
         then ' and exists (select 1 from app.assignments mine where mine.idea_id = i.id and mine.reviewer_id = $1'
           || case when filters ? 'awaiting_my_assessment' then ' and mine.done_at is null' else '' end || ')'
         else '' end
    || case when filters ? 'overdue'
         then ' and exists (select 1 from app.assignments a where a.idea_id = i.id and a.done_at is null and a.due_on < $6)'
         else '' end
$$;
comment on function private.idea_export_where(jsonb) is
  'The WHERE condition over app.ideas i for normalised export filters, with only the given filters in it; values are parameters ($1 caller, $2 state, $3 municipality, $4 area, $5 search, $6 today).';
revoke execute on function private.idea_export_where(jsonb) from public;
grant execute on function private.idea_export_where(jsonb) to api_owner;

-- private.count_idea_export ----------------------------------------------------------------------------
-- security definer, owned by the migration role, like private.review_queue: a coordinator's scope
-- is the whole region, so the count needs no row policy evaluated per row, and the full-text index
-- stays usable (sql-at-scale 3). It checks the coordinator itself again, so it is safe on its own.
create function private.count_idea_export(checked jsonb)
returns bigint
language plpgsql
stable
security definer
set search_path = ''
set max_parallel_workers_per_gather = 0
as $$
declare
  v_reviewer app.reviewers := private.current_reviewer();
  v_rows bigint;
begin
  if v_reviewer.user_id is null or v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only';
  end if;
  execute 'select count(*) from app.ideas i where ' || private.idea_export_where(checked -> 'filters')
  into v_rows
  using v_reviewer.user_id, checked #>> '{filters,state}', checked #>> '{filters,municipality}',
    checked #>> '{filters,area}', checked #>> '{filters,search}',
    (now() at time zone 'Europe/Stockholm')::date;
  return v_rows;
end;
$$;
comment on function private.count_idea_export(jsonb) is
  'The number of ideas matching normalised export filters (private.idea_export_filters), for a coordinator only. security definer (migration role): no per-row policies over the whole region.';
revoke execute on function private.count_idea_export(jsonb) from public;
grant execute on function private.count_idea_export(jsonb) to api_owner;

-- api.start_idea_export ---------------------------------------------------------------------------------
create function api.start_idea_export(
  filters jsonb default '{}',
  sort text default 'received',
  format text default 'csv',
  include_contact boolean default false
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('export_ideas');
  v_checked jsonb;
  v_rows bigint;
  v_audit_id bigint;
begin
  if start_idea_export.format is null or start_idea_export.format not in ('csv', 'xlsx') then
    raise exception using errcode = 'IS002', message = 'unknown_value', detail = 'format';
  end if;
  v_checked := private.idea_export_filters(start_idea_export.filters, start_idea_export.sort);
  v_rows := private.count_idea_export(v_checked);
  v_audit_id := private.audit(
    action => 'ideas_export',
    category => case when coalesce(start_idea_export.include_contact, false) then 'bearer_contact' end,
    details => jsonb_build_object(
      'format', start_idea_export.format,
      'filters', v_checked -> 'filters',
      'sort', v_checked ->> 'sort',
      'rows', v_rows,
      'personal_data', coalesce(start_idea_export.include_contact, false)
    )
  );
  return jsonb_build_object('audit_id', v_audit_id, 'rows', v_rows);
end;
$$;
comment on function api.start_idea_export(jsonb, text, text, boolean) is
  'Coordinators start an export of the ideas matching the queue''s filters: counts them and records the export in the audit trail (action ideas_export; details {format, filters, sort, rows, personal_data}; category bearer_contact when contact details are included). Returns {audit_id, rows}. Errors: 42501 not_reviewer / coordinator_only; IS002 with the field (filters as api.list_review_queue, format csv|xlsx).';
alter function api.start_idea_export(jsonb, text, text, boolean) owner to api_owner;
revoke execute on function api.start_idea_export(jsonb, text, text, boolean) from public, anon;
grant execute on function api.start_idea_export(jsonb, text, text, boolean) to authenticated, service_role;

-- private.idea_export_rows -------------------------------------------------------------------------------
-- security definer, owned by the migration role, for the reasons of private.review_queue: one
-- ordered index range per page with only the given filters, the full-text index usable, the bearer
-- read for the coordinator without per-row policies. It checks the coordinator itself again.
create function private.idea_export_rows(
  checked jsonb,
  include_contact boolean,
  after_key timestamptz,
  after_id uuid,
  page_size integer
)
returns table (
  "position" text,
  reference text,
  title text,
  state text,
  state_label text,
  received_at text,
  state_changed_at text,
  municipality_code text,
  municipality text,
  area text,
  shared_regionally boolean,
  assessments_done integer,
  assessments_expected integer,
  mean double precision,
  decision text,
  decided_at text,
  decision_released boolean,
  bearer_name text,
  bearer_email text,
  bearer_phone text,
  co_bearers text
)
language plpgsql
stable
security definer
set search_path = ''
set max_parallel_workers_per_gather = 0
as $$
declare
  v_reviewer app.reviewers := private.current_reviewer();
  v_waiting boolean := checked ->> 'sort' = 'waiting';
  v_sql text;
begin
  if v_reviewer.user_id is null or v_reviewer.role <> 'coordinator' then
    raise exception using errcode = '42501', message = 'coordinator_only';
  end if;
  v_sql := format($q$
    with page as materialized (
      select i.id, i.%1$s as key, i.reference, i.title, i.state, i.received_at, i.state_changed_at,
        i.municipality_code, i.area_id, i.shared_regionally
      from app.ideas i
      where %2$s%3$s
      order by %4$s
      limit $9
    )
    select p.key::text || '|' || p.id::text,
      p.reference, p.title, p.state, st.label,
      to_char(p.received_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI'),
      to_char(p.state_changed_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI'),
      m.code, m.name, ar.name, p.shared_regionally,
      coalesce(work.done, 0)::integer, coalesce(work.expected, 0)::integer,
      scored.mean::double precision,
      dst.label,
      to_char(decided.occurred_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD'),
      decided.released,
      case when $10 and b.restricted_at is null then b.name end,
      case when $10 and b.restricted_at is null then b.email end,
      case when $10 and b.restricted_at is null then b.phone end,
      case when $10 and b.restricted_at is null then b.co_bearers end
    from page p
    join app.idea_states st on st.state = p.state
    join app.municipalities m on m.code = p.municipality_code
    join app.areas ar on ar.id = p.area_id
    left join app.idea_bearers b on $10 and b.idea_id = p.id
    left join lateral (
      select count(*) filter (where a.done_at is not null) as done, count(*) as expected
      from app.assignments a where a.idea_id = p.id
    ) work on true
    -- The weighted mean as the queue gives a coordinator: each score with its version's weight,
    -- without the scores of reviewers who declared jäv (a hashed set, built once per statement).
    left join lateral (
      select round(sum(s.score * cv.weight) / nullif(sum(cv.weight), 0), 2) as mean
      from app.scores s
      join app.criteria_versions cv on cv.id = s.criteria_version_id
      where s.idea_id = p.id
        and (s.idea_id, s.reviewer_id) not in (
          select c.idea_id, c.reviewer_id from app.conflicts_of_interest c where c.has_conflict
        )
    ) scored on true
    -- The latest decision that was not withdrawn, and whether the bearer has been told.
    left join lateral (
      select e.to_state, e.occurred_at, dm.released_at is not null as released
      from app.idea_events e
      left join app.decision_messages dm on dm.event_id = e.id
      where e.idea_id = p.id and e.to_state = any($11) and dm.withdrawn_at is null
      order by e.occurred_at desc, e.id desc
      limit 1
    ) decided on true
    left join app.idea_states dst on dst.state = decided.to_state
    order by %5$s
    $q$,
    case when v_waiting then 'state_changed_at' else 'received_at' end,
    private.idea_export_where(checked -> 'filters'),
    case when idea_export_rows.after_id is null then ''
      when v_waiting then ' and (i.state_changed_at, i.id) > ($7, $8)'
      else ' and (i.received_at, i.id) < ($7, $8)' end,
    case when v_waiting then 'i.state_changed_at, i.id' else 'i.received_at desc, i.id desc' end,
    case when v_waiting then 'p.key, p.id' else 'p.key desc, p.id desc' end);

  return query execute v_sql
  using v_reviewer.user_id, checked #>> '{filters,state}', checked #>> '{filters,municipality}',
    checked #>> '{filters,area}', checked #>> '{filters,search}',
    (now() at time zone 'Europe/Stockholm')::date, idea_export_rows.after_key, idea_export_rows.after_id,
    idea_export_rows.page_size, coalesce(idea_export_rows.include_contact, false),
    array(select s.state from app.idea_states s where s.is_decision);
end;
$$;
comment on function private.idea_export_rows(jsonb, boolean, timestamptz, uuid, integer) is
  'The work of api.list_idea_export_page: one keyset page of the ideas matching normalised filters, for a coordinator only. security definer (migration role): one ordered index range, no per-row policies.';
revoke execute on function private.idea_export_rows(jsonb, boolean, timestamptz, uuid, integer) from public;
grant execute on function private.idea_export_rows(jsonb, boolean, timestamptz, uuid, integer) to api_owner;

-- api.list_idea_export_page -------------------------------------------------------------------------------
create function api.list_idea_export_page(
  filters jsonb default '{}',
  sort text default 'received',
  include_contact boolean default false,
  after text default null,
  page_size integer default 1000
)
returns table (
  "position" text,
  reference text,
  title text,
  state text,
  state_label text,
  received_at text,
  state_changed_at text,
  municipality_code text,
  municipality text,
  area text,
  shared_regionally boolean,
  assessments_done integer,
  assessments_expected integer,
  mean double precision,
  decision text,
  decided_at text,
  decision_released boolean,
  bearer_name text,
  bearer_email text,
  bearer_phone text,
  co_bearers text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reviewer app.reviewers := private.require_coordinator('export_ideas');
  v_checked jsonb := private.idea_export_filters(list_idea_export_page.filters, list_idea_export_page.sort);
  v_after_key timestamptz;
  v_after_id uuid;
begin
  if list_idea_export_page.page_size is null or list_idea_export_page.page_size not between 1 and 5000 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'page_size';
  end if;
  -- `after` is a row's `position`: "<key as timestamptz text>|<id>".
  if nullif(btrim(list_idea_export_page.after), '') is not null then
    begin
      v_after_key := split_part(list_idea_export_page.after, '|', 1)::timestamptz;
      v_after_id := split_part(list_idea_export_page.after, '|', 2)::uuid;
    exception
      when others then
        raise exception using errcode = 'IS002', message = 'invalid_cursor', detail = 'cursor';
    end;
  end if;
  return query select * from private.idea_export_rows(v_checked, coalesce(list_idea_export_page.include_contact, false),
    v_after_key, v_after_id, list_idea_export_page.page_size);
end;
$$;
comment on function api.list_idea_export_page(jsonb, text, boolean, text, integer) is
  'Coordinators read one page (1–5000 rows) of an export of the ideas matching the queue''s filters, in the queue''s order: reference, title, state, dates (Swedish time), municipality, area, assessments done/expected, the weighted mean, the latest decision (label, date, released) and – only with include_contact, and never for a restricted bearer – the bearer''s name, e-mail, phone and co-bearers. position of the last row = after of the next page. Errors: 42501 not_reviewer / coordinator_only; IS002 with the field (filters as api.list_review_queue; cursor; page_size).';
alter function api.list_idea_export_page(jsonb, text, boolean, text, integer) owner to api_owner;
revoke execute on function api.list_idea_export_page(jsonb, text, boolean, text, integer) from public, anon;
grant execute on function api.list_idea_export_page(jsonb, text, boolean, text, integer) to authenticated, service_role;
