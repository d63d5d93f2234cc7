-- Why: every decision carries a message to the idea bearer (SPEC "Idea lifecycle"), and issue 14
-- asks that the coordinator starts from a template per decision and edits it. The templates are
-- words a region will want to change – its tone, its contact details, its support system – so they
-- are data, like the municipalities, areas and criteria (decision 0015): a region edits these rows
-- (later through the admin screens) without a deploy, and a region setting up the sluice for its
-- own municipalities edits this migration before its first `db push`. The inserts are
-- `on conflict do nothing`, so rows a region has edited stay as edited.
--
-- A template may name the idea with two placeholders, filled in when the idea page asks for it
-- (api.get_review_idea): {referens} – the reference, IS-2026-0042 – and {rubrik} – the idea's title.
-- The texts are Swedish: the workspace is, and the bearer of an English idea gets the coordinator's
-- Swedish message, marked lang="sv" on the status page.

create table app.decision_templates (
  kind text primary key check (
    kind in ('accepted', 'parked', 'declined', 'forwarded', 'duplicate', 'duplicate_removed')
  ),
  body text not null check (length(body) between 1 and 4000),
  updated_at timestamptz not null default now(),
  updated_by uuid references app.reviewers (user_id)
);
comment on table app.decision_templates is
  'The message to the bearer a coordinator starts from, per decision (accepted, parked, declined, forwarded, duplicate) and for a duplicate link removed (duplicate_removed). Swedish; {referens} and {rubrik} are filled in with the idea''s reference and title.';
comment on column app.decision_templates.kind is
  'The decision state the template is for, or duplicate_removed: the message when a coordinator removes a duplicate link the bearer had been told about.';
comment on column app.decision_templates.updated_by is 'The coordinator who last edited the text; null for the text this migration wrote.';
create index decision_templates_updated_by_idx on app.decision_templates (updated_by);
alter table app.decision_templates enable row level security;

grant select on app.decision_templates to api_owner;
create policy "active reviewers read the decision templates" on app.decision_templates
  for select to api_owner using ((select private.is_active_reviewer()));

insert into app.decision_templates (kind, body) values
  ('accepted', $text$Hej!

Tack för din idé ”{rubrik}” ({referens}). Vi har bedömt den och beslutat att gå vidare med den till utveckling.

Det betyder att vi nu planerar hur idén kan prövas och genomföras, tillsammans med din verksamhet. Vi hör av oss till dig om nästa steg.

Tack för att du delar med dig av dina idéer!$text$),
  ('parked', $text$Hej!

Tack för din idé ”{rubrik}” ({referens}). Vi har bedömt den och beslutat att låta den vila tills vidare.

Det betyder inte att idén är dålig. Just nu saknas förutsättningar för att gå vidare med den, till exempel tid, pengar eller rätt tidpunkt. Vi tar upp idén igen om förutsättningarna ändras.

Tack för att du delar med dig av dina idéer!$text$),
  ('declined', $text$Hej!

Tack för din idé ”{rubrik}” ({referens}). Vi har bedömt den utifrån nyttan, effekterna och hur genomförbar den är, och beslutat att inte gå vidare med den.

Du är välkommen att höra av dig om du har frågor om beslutet, eller att skicka in idén igen om förutsättningarna ändras.

Tack för att du delar med dig av dina idéer!$text$),
  ('forwarded', $text$Hej!

Tack för din idé ”{rubrik}” ({referens}). Vi har bedömt den och beslutat att skicka den vidare till en annan aktör i innovationsstödsystemet, som har bättre möjligheter att ta den vidare.

Vi följer upp hur det går med idén och hör av oss om något händer.

Tack för att du delar med dig av dina idéer!$text$),
  ('duplicate', $text$Hej!

Tack för din idé ”{rubrik}” ({referens}). En likadan idé har redan kommit in till idéslussen, och vi arbetar vidare med den i stället. Din idé är därför markerad som en dubblett.

Det du har skrivit är inte bortglömt: vi tar med dina tankar i arbetet med den andra idén.

Tack för att du delar med dig av dina idéer!$text$),
  ('duplicate_removed', $text$Hej!

Vi har tittat på din idé ”{rubrik}” ({referens}) igen. Den är inte längre markerad som en dubblett, och vi bedömer den nu som en egen idé.

Du får ett nytt besked när bedömningen är klar.$text$)
on conflict (kind) do nothing;

-- The templates for one idea, filled in ------------------------------------------------------------
-- Not security definer: it runs as api_owner inside api.get_review_idea, under the policies above.
create function private.decision_templates_for(idea_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(t.kind,
    replace(replace(t.body, '{referens}', i.reference), '{rubrik}', i.title)), '{}'::jsonb)
  from app.decision_templates t
  cross join app.ideas i
  where i.id = decision_templates_for.idea_id
$$;
comment on function private.decision_templates_for(uuid) is
  'Every decision template with {referens} and {rubrik} filled in for the idea: {accepted: "Hej! …", …, duplicate_removed: "…"}.';
revoke execute on function private.decision_templates_for(uuid) from public;
grant execute on function private.decision_templates_for(uuid) to api_owner;
