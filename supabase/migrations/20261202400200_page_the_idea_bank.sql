-- Why: the idea bank is built from api.list_published_ideas() in one call, and PostgREST returns at
-- most max_rows (1 000, as hosted Supabase) rows of a function's result: at national size (issue 17;
-- notes/sql-at-scale.md point 7, 10 092 published ideas at 1 000 000) the build silently got the
-- first 1 000 and the rest of the idea bank disappeared from the site. The function now pages by key:
-- the build asks for pages of at most 1 000, each after the last idea of the one before, in the same
-- order (newest publication first, then reference), until a page comes back short. Called without
-- arguments it returns the first page, as before. Decision 0018.
--
-- Errors (decision 0007): IS002 out_of_range (page_size, 1–1000); IS002 missing (after_reference,
-- when after_published_at is given without it).

drop function api.list_published_ideas();

create function api.list_published_ideas(
  after_published_at timestamptz default null,
  after_reference text default null,
  page_size integer default 1000
)
returns table (
  reference text,
  title text,
  summary text,
  area_id text,
  area_name text,
  municipality_code text,
  municipality_name text,
  state text,
  state_label text,
  published_at timestamptz,
  implemented_in jsonb,
  joined_by jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if page_size is null or page_size not between 1 and 1000 then
    raise exception using errcode = 'IS002', message = 'out_of_range', detail = 'page_size';
  end if;
  if after_published_at is not null and after_reference is null then
    raise exception using errcode = 'IS002', message = 'missing', detail = 'after_reference';
  end if;
  return query
  select i.reference, i.title, i.public_summary, a.id, a.name, m.code, m.name, i.public_state, s.label,
    i.published_at,
    coalesce((
      select jsonb_agg(jsonb_build_object('code', im.code, 'name', im.name) order by im.name)
      from app.municipality_interest mi
      join app.municipalities im on im.code = mi.municipality_code
      where mi.idea_id = i.id and mi.kind = 'implemented'
    ), '[]'::jsonb),
    coalesce((
      select jsonb_agg(distinct jsonb_build_object('code', jm.code, 'name', jm.name))
      from app.municipality_interest mi
      join app.municipalities jm on jm.code = mi.municipality_code
      where mi.idea_id = i.id and mi.kind in ('join', 'co_fund')
    ), '[]'::jsonb)
  from (
    -- The page's ideas first, through the partial index on published_at; then what each shows.
    select p.id
    from app.ideas p
    where p.published_at is not null
      and (after_published_at is null
        or p.published_at < after_published_at
        or (p.published_at = after_published_at and p.reference > after_reference))
    order by p.published_at desc, p.reference
    limit page_size
  ) page
  join app.ideas i on i.id = page.id
  join app.areas a on a.id = i.area_id
  join app.municipalities m on m.code = i.municipality_code
  join app.idea_states s on s.state = i.public_state
  order by i.published_at desc, i.reference;
end;
$$;
comment on function api.list_published_ideas(timestamptz, text, integer) is
  'The idea bank: published ideas with their public summary, the municipalities that have implemented them and those that want to join or co-fund, newest publication first, then by reference; at most page_size (1–1000, default 1000) after the idea (after_published_at, after_reference) that ended the previous page. No personal data. Errors: IS002 out_of_range (page_size), missing (after_reference).';
alter function api.list_published_ideas(timestamptz, text, integer) owner to api_owner;

revoke execute on function api.list_published_ideas(timestamptz, text, integer) from public;
grant execute on function api.list_published_ideas(timestamptz, text, integer) to anon, authenticated, service_role;
