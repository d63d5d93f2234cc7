-- Why: the idea form needs its choices (municipalities and areas are data, not code) and a hint of
-- similar published ideas while the person writes; the bearer's status page shows the bearer's own
-- text. All three are for the public site, so anon may execute them (docs/data-model.md).
--
-- security definer: anon holds no table privileges by design; like the other public functions these
-- run as api_owner under row-level security and return only public data (or, for the status, the one
-- idea whose token was presented).

-- api.list_form_options -----------------------------------------------------------------------------
create function api.list_form_options()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'municipalities', coalesce((
      select jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name) order by m.name)
      from app.municipalities m where m.active
    ), '[]'::jsonb),
    'areas', coalesce((
      select jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name) order by a.sort_order, a.name)
      from app.areas a where a.active
    ), '[]'::jsonb)
  )
$$;
comment on function api.list_form_options() is
  'The idea form''s choices: active municipalities (by name) and active areas (in their set order).';
alter function api.list_form_options() owner to api_owner;

-- api.find_similar_published_ideas ------------------------------------------------------------------
create function api.find_similar_published_ideas(search_text text)
returns table (reference text, title text, rank real)
language sql
stable
security definer
set search_path = ''
as $$
  with query as (
    select left(btrim(coalesce(search_text, '')), 8000) as text,
      websearch_to_tsquery('swedish'::regconfig, left(btrim(coalesce(search_text, '')), 8000)) as ts
  )
  select i.reference, i.title,
    greatest(ts_rank(i.search_vector, q.ts), extensions.similarity(left(q.text, 150), i.title))::real as rank
  from app.ideas i, query q
  where i.published_at is not null
    and length(q.text) >= 3
    and (i.search_vector @@ q.ts or extensions.similarity(left(q.text, 150), i.title) > 0.3)
  order by rank desc, i.reference
  limit 5
$$;
comment on function api.find_similar_published_ideas(text) is
  'Up to five published ideas like the given text (Swedish full-text rank or trigram word similarity); only the idea bank is searched.';
alter function api.find_similar_published_ideas(text) owner to api_owner;

-- api.get_idea_status, now with the bearer's own text ---------------------------------------------
create or replace function api.get_idea_status(token text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_idea_id uuid;
  v_result jsonb;
begin
  perform private.present_status_token(token);
  v_idea_id := private.status_token_idea();
  if v_idea_id is null then
    raise exception using errcode = 'PT404',
      message = 'Vi hittar ingen idé för den här länken. Kontrollera att du har kopierat hela länken.';
  end if;

  select jsonb_build_object(
    'reference', i.reference,
    'title', i.title,
    'received_at', i.received_at,
    'state', i.public_state,
    'state_label', s.label,
    'municipality_name', m.name,
    'area_name', a.name,
    'problem', i.problem,
    'proposal', i.proposal,
    'timeline', coalesce((
      select jsonb_agg(jsonb_build_object(
        'occurred_at', coalesce(dm.released_at, e.occurred_at), 'state', e.to_state,
        'state_label', private.state_label(e.to_state), 'message', dm.body
      ) order by coalesce(dm.released_at, e.occurred_at), e.id)
      from app.idea_events e
      left join app.decision_messages dm on dm.event_id = e.id
      where e.idea_id = i.id and (e.visible_to_bearer or dm.released_at is not null)
    ), '[]'::jsonb),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object('direction', msg.direction, 'body', msg.body, 'created_at', msg.created_at)
        order by msg.created_at, msg.id)
      from app.messages msg where msg.idea_id = i.id
    ), '[]'::jsonb)
  )
  into v_result
  from app.ideas i
  join app.idea_states s on s.state = i.public_state
  join app.municipalities m on m.code = i.municipality_code
  join app.areas a on a.id = i.area_id
  where i.id = v_idea_id;

  return v_result;
end;
$$;
comment on function api.get_idea_status(text) is
  'The bearer''s status page: the idea''s public state, the steps and released decisions, and the messages; never reviewers'' names or internal reasons.';
alter function api.get_idea_status(text) owner to api_owner;
comment on function api.get_idea_status(text) is
  'The bearer''s status page: the idea''s public state, the steps and released decisions, the messages and the bearer''s own text; never reviewers'' names or internal reasons.';

revoke execute on function api.list_form_options(), api.find_similar_published_ideas(text) from public;
grant execute on function api.list_form_options(), api.find_similar_published_ideas(text)
  to anon, authenticated, service_role;
