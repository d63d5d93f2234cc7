-- Why: the form refuses an idea without an active municipality and area, and reviewers score against
-- criteria versions, so a database with none of these rows cannot receive or assess a single idea.
-- Until now they came only from supabase/seed.sql, which runs locally but never on a hosted project
-- (`supabase db push` applies migrations only): in production every submission was refused. The
-- reference data a region starts with is therefore part of the schema's history (SPEC: "Reference data
-- … is created by a migration and edited through the admin screens; seed.sql holds only demo people
-- and demo ideas").
--
-- These are Skaraborg's rows: the 15 municipalities with their official codes (kommunkod, SCB) and
-- their staff's e-mail domains, the eight areas (verksamhetsområden) and version 1 of the three
-- criteria with their level descriptors and weights. A region changes them later through the admin
-- screens (a new criteria version, a deactivated municipality), never by editing this file; a region
-- deploying the sluice for other municipalities edits this file before its first `db push`.
--
-- Idempotent: every insert is `on conflict do nothing`, so running it on a database that already has
-- the rows (an older local database seeded by hand, or a project where a coordinator entered them)
-- changes nothing, and rows a region has since edited are left as they are.

-- The 15 municipalities of Skaraborg ---------------------------------------------------------------
insert into app.municipalities (code, name, email_domains) values
  ('1445', 'Essunga', array['essunga.se']),
  ('1499', 'Falköping', array['falkoping.se']),
  ('1444', 'Grästorp', array['grastorp.se']),
  ('1447', 'Gullspång', array['gullspang.se']),
  ('1471', 'Götene', array['gotene.se']),
  ('1497', 'Hjo', array['hjo.se']),
  ('1446', 'Karlsborg', array['karlsborg.se']),
  ('1494', 'Lidköping', array['lidkoping.se']),
  ('1493', 'Mariestad', array['mariestad.se']),
  ('1495', 'Skara', array['skara.se']),
  ('1496', 'Skövde', array['skovde.se']),
  ('1472', 'Tibro', array['tibro.se']),
  ('1498', 'Tidaholm', array['tidaholm.se']),
  ('1473', 'Töreboda', array['toreboda.se']),
  ('1470', 'Vara', array['vara.se'])
on conflict (code) do nothing;

-- The areas of activity (verksamhetsområden) the form offers, in the form's order -------------------
insert into app.areas (id, name, sort_order) values
  ('vard-och-omsorg', 'Vård och omsorg', 10),
  ('skola-och-forskola', 'Skola och förskola', 20),
  ('socialtjanst', 'Socialtjänst', 30),
  ('samhallsbyggnad', 'Samhällsbyggnad', 40),
  ('kultur-och-fritid', 'Kultur och fritid', 50),
  ('miljo-och-klimat', 'Miljö och klimat', 60),
  ('administration-och-digitalisering', 'Administration och digitalisering', 70),
  ('annat', 'Annat', 80)
on conflict (id) do nothing;

-- The project's three assessment criteria, version 1 (SPEC: Assessment) ------------------------------
insert into app.criteria (id, sort_order) values
  ('nytta', 10),
  ('effekter', 20),
  ('genomforbarhet', 30)
on conflict (id) do nothing;

insert into app.criteria_versions (criterion_id, version, name, description, level_descriptors, weight)
select c.criterion_id, 1, c.name, c.description, c.levels, c.weight
from (values
  ('nytta', 'Nytta',
   'Nyttan för invånare, brukare och den egna organisationen.',
   array[
     'Ingen tydlig nytta för någon målgrupp.',
     'Liten nytta för en mindre grupp.',
     'Tydlig nytta för en grupp invånare, brukare eller medarbetare.',
     'Stor nytta för flera grupper.',
     'Mycket stor nytta för många, både invånare och organisation.'
   ], 1.00),
  ('effekter', 'Effekter',
   'Hur stora och varaktiga effekterna blir och om idén kan spridas till andra kommuner.',
   array[
     'Effekterna är oklara eller mycket kortvariga.',
     'Små effekter i en verksamhet.',
     'Märkbara effekter som håller över tid i den egna kommunen.',
     'Stora, varaktiga effekter som kan spridas till några kommuner.',
     'Stora, varaktiga effekter som kan spridas till alla kommuner i Skaraborg och vidare.'
   ], 1.00),
  ('genomforbarhet', 'Genomförbarhet',
   'Om idén kan genomföras med rimliga resurser och en rimlig risk.',
   array[
     'Kan inte genomföras med de resurser som finns.',
     'Kräver stora resurser eller innebär hög risk.',
     'Går att genomföra med viss extra finansiering och hanterbar risk.',
     'Går att genomföra inom befintliga resurser med låg risk.',
     'Enkel att genomföra direkt, med liten kostnad och risk.'
   ], 1.00)
) as c (criterion_id, name, description, levels, weight)
on conflict (criterion_id, version) do nothing;
