// Generates a database full of realistic ideas for benchmarks of the reviewer's SQL functions.
//
//   node tests/bench/generate-ideas.ts --ideas 100000 [--database bench_queue] [--server postgresql://…]
//
// Creates the database on a real PostgreSQL server (DATABASE_URL, or the machine's at
// 127.0.0.1:5432), builds it exactly as the local Supabase does (bootstrap, every migration, the seed
// with the demo accounts and demo ideas), then adds, in SQL on the server (`insert … select
// generate_series`, no rows through Node):
//
// * 275 more municipalities (codes 0001…0275) beside Skaraborg's 15, so 290 in all;
// * an idea coach for every municipality without one, and 30 more regional reviewers;
// * N ideas over five years, 30 % from the 15 real municipalities (2 % each, Skövde ≈ 2 000 at
//   100 000) and 70 % from the others; 5 % shared regionally; states as a mature sluice has them
//   (open ones recent, decided ones older); titles, problems and proposals put together from a
//   vocabulary of municipal Swedish, so no two texts need be alike and a word like "tid" is common
//   while "drönare" is in about 1 idea in 2 500;
// * for each idea its bearer, original version (10 % also a second version), status token, the
//   timeline with released decision messages, assignments (the coach and one or two regional
//   reviewers; the coordinator on one idea in fifty; open ones due from ten days ago to twenty days
//   ahead, so about a third of them overdue), scores, score history and recommendations for
//   finished assignments, questions to the bearer, internal notes, interest, duplicate links, and about 1 % of the
//   decided ideas published.
//
// The load runs with session_replication_role = replica (no foreign-key or trigger work per row;
// the data is consistent by construction) and with the secondary indexes dropped and built again
// afterwards; then app.idea_counts and the ideas' summary columns are counted afresh (their triggers did not fire) and VACUUM ANALYZE. random() is seeded, so the same N gives the same ideas.
// Reusable for 1 000 000 ideas (expect minutes, and several GB).
import { parseArgs } from "node:util";
import pg from "pg";
import { openPostgresDatabase } from "../../supabase/local/database.ts";
import { loadLocalConfig } from "../../supabase/local/config.ts";
import { findSchemaSources, migrateDatabase } from "../../supabase/local/migrations.ts";
import { projectRoot } from "../../supabase/local/server.ts";

/** The machine's PostgreSQL, unless DATABASE_URL names another. */
export const defaultServerUrl =
  process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Options for {@link generateIdeas}. */
export interface GenerateOptions {
  /** A superuser URL on the server; the database is created beside it. */
  serverUrl: string;
  /** The database to (re)create. */
  database: string;
  /** How many ideas to add to the seed's. */
  ideas: number;
  /** Progress lines go here. */
  log?: (line: string) => void;
}

/** What the vocabulary is made of: complete Swedish phrases, so combinations stay grammatical. */
const vocabulary = {
  solutions: [
    "digital signering",
    "gemensam vikariebokning",
    "mobil dokumentation",
    "automatisk fakturakontroll",
    "digitala lås",
    "en gemensam e-tjänst",
    "sensorer för nattillsyn",
    "läxhjälp via video",
    "felanmälan med foto och karta",
    "samordnad schemaläggning",
    "en chatt med handläggare",
    "en gemensam kunskapsbank",
    "digital tillsyn",
    "självincheckning",
    "återbruk av möbler",
    "elcyklar för tjänsteresor",
    "en bokningstjänst",
    "digitala anslagstavlor",
    "robotstöd för administrationen",
    "bildstöd och ordlistor",
    "ruttplanering med karttjänst",
    "videosamtal med anhöriga",
    "läkemedelsrobotar",
    "en mentorsmodell",
    "introduktionsfilmer",
    "meröppna lokaler",
    "en fritidsbank",
    "solceller på taken",
    "en bilpool med elbilar",
    "mätning av matsvinn",
    "digital ansökan",
    "en drop in-mottagning",
    "kvällsöppen rådgivning",
    "en interaktiv karta",
    "digital posthantering",
    "gemensamma mallar",
    "sms-påminnelser",
    "en utlåningstjänst",
    "en trygghetsapp",
    "förenklad beställning",
    "gemensam upphandling",
    "digitala möten",
    "en gemensam växel",
    "tyst studierum",
    "utomhusundervisning",
    "kvällsaktiviteter",
    "språkcaféer",
    "en väntelista på webben",
    "träffpunkter för seniorer",
    "e-legitimation vid besök",
    "en app för avvikelser",
    "sensorer i papperskorgarna",
    "smart belysning",
    "digitala närvarolistor",
    "en gemensam vikariepool",
    "provbank för lärare",
    "stöd via chatt på kvällstid",
    "hemleverans av böcker",
    "återkoppling med enkät i mobilen",
    "förenklade blanketter",
  ],
  contexts: [
    "i hemtjänsten",
    "för nattpersonalen",
    "på äldreboendet",
    "i förskolan",
    "på fritidshemmet",
    "för gymnasieeleverna",
    "i skolmatsalen",
    "på biblioteket",
    "för föreningslivet",
    "inom försörjningsstödet",
    "för unga vuxna",
    "i ekonomiadministrationen",
    "på löneenheten",
    "för nyanlända",
    "i bygglovsprocessen",
    "på gatuenheten",
    "i kommunens fastigheter",
    "för personer med funktionsnedsättning",
    "inom LSS",
    "i korttidsboendet",
    "för anhörigvårdare",
    "i kontaktcenter",
    "på medborgarkontoret",
    "för landsbygdens invånare",
    "i kostenheten",
    "i parkförvaltningen",
    "för företagare",
    "inom räddningstjänsten",
    "i elevhälsan",
    "på ungdomsmottagningen",
    "i familjecentralen",
    "inom socialpsykiatrin",
    "på kulturskolan",
    "i idrottshallarna",
    "vid återvinningscentralen",
    "i vuxenutbildningen",
    "för kommunens chefer",
    "i färdtjänsten",
    "på simhallen",
    "i överförmyndarverksamheten",
  ],
  actors: [
    "Personalen",
    "Medarbetarna",
    "Handläggarna",
    "Lärarna",
    "Undersköterskorna",
    "Enhetscheferna",
    "Invånarna",
    "Vårdnadshavarna",
    "Föreningarna",
    "Brukarna",
    "Sjuksköterskorna",
    "Fritidsledarna",
  ],
  pains: [
    "lägger mycket tid på",
    "har svårt att hinna med",
    "gör dubbelarbete med",
    "får vänta länge på",
    "saknar ett enkelt sätt att hantera",
    "ringer ofta och frågar om",
    "tappar bort information om",
    "upplever stress kring",
  ],
  tasks: [
    "dokumentationen",
    "schemaläggningen",
    "nyckelhanteringen",
    "fakturorna",
    "bokningarna",
    "felanmälningarna",
    "kompletteringarna",
    "intygen",
    "besöksplaneringen",
    "läkemedelshanteringen",
    "beställningarna",
    "informationen till vårdnadshavare",
    "ansökningarna",
    "uppföljningen",
    "transporterna",
    "inventeringen",
    "vikarieanskaffningen",
    "lokalbokningen",
  ],
  consequences: [
    "Det leder till stress och att viktiga uppgifter blir liggande.",
    "Det tar tid från kärnuppdraget.",
    "Det kostar pengar och skapar irritation hos invånarna.",
    "Felen upptäcks ofta för sent.",
    "Samma uppgifter skrivs in flera gånger i olika system.",
    "Väntetiderna blir långa och många hör av sig flera gånger.",
    "Många ger upp innan de får hjälp.",
    "Det är svårt att veta vem som ansvarar för vad.",
    "Kunskapen finns hos några få och försvinner när de slutar.",
    "Resultatet skiljer sig mycket mellan enheterna.",
  ],
  verbs: ["Inför", "Testa", "Ta fram", "Bygg upp", "Pröva", "Upphandla gemensamt", "Samordna"],
  benefits: [
    "Då frigörs tid för dem vi är till för.",
    "Det ger bättre service och färre fel.",
    "Idén kan spridas till fler kommuner i Skaraborg.",
    "En pilot under sex månader visar om det fungerar.",
    "Lösningen finns redan på marknaden och kan köpas in gemensamt.",
    "Medarbetarna har själva föreslagit arbetssättet.",
    "Kostnaden betalar sig på ett par år genom sparad arbetstid.",
    "Invånarna slipper ringa och kan följa sitt ärende själva.",
  ],
  // Words that should be rare: each sentence lands in about 1 idea in 2 500.
  rare: [
    "Vi har också tittat på drönare för leveranser mellan enheterna.",
    "En lösning med blockkedja har diskuterats men bedömts som onödig.",
    "Tanken kommer från en studieresa till Tammerfors.",
    "Hembygdsföreningen har erbjudit sig att hjälpa till.",
  ],
  firstNames: [
    "Anna",
    "Johan",
    "Eva",
    "Mikael",
    "Maria",
    "Lars",
    "Karin",
    "Andreas",
    "Sara",
    "Per",
    "Elin",
    "Fredrik",
    "Ida",
    "Magnus",
    "Emma",
    "Nils",
    "Linnea",
    "Henrik",
    "Amira",
    "Omar",
    "Sofia",
    "Erik",
    "Fatima",
    "Jonas",
  ],
  lastNames: [
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Lindqvist",
    "Hedberg",
    "Sandström",
    "Jakobsson",
    "Mohammadi",
    "Ali",
    "Berg",
    "Lund",
  ],
};

/** Tables whose secondary indexes are dropped during the load and built again afterwards. */
const loadedTables = [
  "ideas",
  "idea_versions",
  "idea_bearers",
  "idea_events",
  "decision_messages",
  "status_tokens",
  "assignments",
  "scores",
  "score_history",
  "recommendations",
  "messages",
  "municipality_interest",
  "idea_links",
  "internal_notes",
];

/** The generation, step by step; each step one statement (or a few) on the server. */
function generationSteps(ideas: number): { label: string; sql: string }[] {
  const ref = (name: keyof typeof vocabulary) => `(select v.${name} from vocab v)`;
  const pick = (name: keyof typeof vocabulary, r = "random()") =>
    `${ref(name)}[1 + floor(${r} * cardinality(${ref(name)}))::int]`;
  return [
    {
      label: "kommuner och granskare",
      sql: `
        insert into app.municipalities (code, name, email_domains)
        select lpad(n::text, 4, '0'), 'Testkommun ' || lpad(n::text, 4, '0'), array['k' || lpad(n::text, 4, '0') || '.example.se']
        from generate_series(1, 275) n
        on conflict (code) do nothing;

        -- A coach for every municipality that has none, and thirty regional reviewers: Auth users first.
        create temp table new_reviewers as
        select gen_random_uuid() as user_id, 'Coach ' || m.name as display_name, m.code as municipality_code,
          'coach.' || m.code || '@example.se' as email
        from app.municipalities m
        where not exists (select 1 from app.reviewers r where r.municipality_code = m.code)
        union all
        select gen_random_uuid(), 'Regiongranskare ' || n, null, 'region.' || n || '@example.se'
        from generate_series(1, 30) n;
        insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data,
          raw_user_meta_data, created_at, updated_at)
        select '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated', email, '',
          '{"provider": "email", "providers": ["email"]}', jsonb_build_object('name', display_name), now(), now()
        from new_reviewers;
        insert into app.reviewers (user_id, display_name, role, municipality_code)
        select user_id, display_name, 'reviewer', municipality_code from new_reviewers;`,
    },
    {
      label: "idéer",
      sql: `
        create temp table g as
        with base as (
          select n, gen_random_uuid() as id, random() as r_municipality, random() as r_state, random() as r_age,
            random() as r_changed, random() as r_misc
          from generate_series(1, ${ideas}) n
        ),
        placed as (
          select b.*,
            case when b.r_municipality < 0.30
              then (array['1445','1499','1444','1447','1471','1497','1446','1494','1493','1495','1496','1472','1498','1473','1470'])[1 + floor(b.r_municipality / 0.30 * 15)::int]
              else lpad((1 + floor((b.r_municipality - 0.30) / 0.70 * 275))::int::text, 4, '0') end as municipality_code,
            case
              when b.r_state < 0.08 then 'received' when b.r_state < 0.18 then 'in_review'
              when b.r_state < 0.22 then 'needs_info' when b.r_state < 0.27 then 'assessed'
              when b.r_state < 0.35 then 'accepted' when b.r_state < 0.47 then 'parked'
              when b.r_state < 0.72 then 'declined' when b.r_state < 0.77 then 'forwarded'
              when b.r_state < 0.82 then 'duplicate' when b.r_state < 0.88 then 'in_development'
              when b.r_state < 0.96 then 'implemented' else 'spread' end as state
          from base b
        ),
        timed as (
          select p.*,
            -- Open ideas arrived within four months; decided ones within five years.
            date_trunc('second', now() - case when p.state in ('received', 'in_review', 'needs_info', 'assessed')
              then make_interval(secs => p.r_age * 120 * 86400)
              else make_interval(secs => (30 + p.r_age * 1795) * 86400) end) as received_at
          from placed p
        )
        select t.*,
          case when t.state = 'received' then t.received_at
            else t.received_at + (now() - t.received_at) * (0.2 + 0.8 * t.r_changed) end as state_changed_at,
          (select array_agg(a.id order by a.sort_order) from app.areas a)[1 + floor(random() * (select count(*) from app.areas))::int] as area_id,
          random() < 0.05 as shared_regionally,
          case t.state
            when 'received' then array['received']
            when 'in_review' then array['received', 'in_review']
            when 'needs_info' then array['received', 'in_review', 'needs_info']
            when 'assessed' then array['received', 'in_review', 'assessed']
            when 'in_development' then array['received', 'in_review', 'assessed', 'accepted', 'in_development']
            when 'implemented' then array['received', 'in_review', 'assessed', 'accepted', 'in_development', 'implemented']
            when 'spread' then array['received', 'in_review', 'assessed', 'accepted', 'in_development', 'implemented', 'spread']
            else array['received', 'in_review', 'assessed', t.state]
          end as path,
          ${pick("firstNames")} || ' ' || ${pick("lastNames")} as bearer_name,
          ${pick("solutions")} || ' ' || ${pick("contexts")} as raw_title,
          ${pick("actors")} || ' ' || ${pick("pains")} || ' ' || ${pick("tasks")} || ' ' || ${pick("contexts")} || '. '
            || ${pick("consequences")} || case when random() < 0.5 then ' ' || ${pick("consequences")} else '' end
            || case when random() < 0.0004 then ' ' || ${pick("rare")} else '' end as problem,
          ${pick("verbs")} || ' ' || ${pick("solutions")} || ' ' || ${pick("contexts")} || '. ' || ${pick("benefits")}
            || case when random() < 0.6 then ' ' || ${pick("benefits")} else '' end
            || case when random() < 0.0004 then ' ' || ${pick("rare")} else '' end as proposal
        from timed t;
        -- Titles start with a capital letter.
        update g set raw_title = upper(left(raw_title, 1)) || substr(raw_title, 2);
        alter table g rename column raw_title to title;
        alter table g add primary key (n);
        create index on g (id);
        analyze g;

        insert into app.ideas (id, reference, received_at, state, public_state, state_changed_at, municipality_code,
          area_id, shared_regionally, title, problem, proposal, contact_consent, publish_consent, public_summary,
          published_at, forwarded_to, follow_up_on)
        select g.id,
          'IS-' || g.year || '-' || lpad(g.number::text, greatest(4, length(g.number::text)), '0'),
          g.received_at, g.state, g.state, g.state_changed_at, g.municipality_code, g.area_id, g.shared_regionally,
          left(g.title, 150), g.problem, g.proposal, g.r_misc < 0.8, g.r_misc < 0.5,
          case when g.r_misc < 0.02 and g.state in ('accepted', 'in_development', 'implemented', 'spread') then g.proposal end,
          case when g.r_misc < 0.02 and g.state in ('accepted', 'in_development', 'implemented', 'spread') then g.state_changed_at end,
          case when g.state = 'forwarded' then 'Västra Götalandsregionens innovationsstöd' end,
          case when g.state = 'forwarded' then (g.state_changed_at + interval '90 days')::date end
        from (
          select g.*, y.year,
            coalesce(c.last_number, 0) + row_number() over (partition by y.year order by g.received_at, g.n) as number
          from g
          cross join lateral (select extract(year from g.received_at at time zone 'Europe/Stockholm')::int as year) y
          left join app.reference_counters c on c.year = y.year
        ) g;

        insert into app.reference_counters (year, last_number)
        select split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
        from app.ideas group by 1
        on conflict (year) do update set last_number = excluded.last_number;`,
    },
    {
      label: "idébärare, versioner och statuslänkar",
      sql: `
        insert into app.idea_bearers (idea_id, name, email, phone, co_bearers, privacy_notice_read_at, created_at)
        select g.id, g.bearer_name,
          lower(translate(replace(g.bearer_name, ' ', '.'), 'åäöÅÄÖé', 'aaoAAOe')) || '.' || g.n || '@' || m.email_domains[1],
          case when g.r_misc > 0.7 then '0500-' || lpad((g.n % 1000000)::text, 6, '0') end,
          case when g.r_misc > 0.9 then 'En kollega på samma enhet' end,
          g.received_at, g.received_at
        from g join app.municipalities m on m.code = g.municipality_code;

        insert into app.idea_versions (idea_id, version, title, problem, proposal, beneficiaries, expected_effects,
          tried, resources, workplace, created_at)
        select g.id, 1, left(g.title, 150), g.problem, g.proposal,
          case g.n % 6 when 0 then array['invanare'] when 1 then array['medarbetare']
            when 2 then array['brukare_patienter', 'medarbetare'] when 3 then array['elever']
            when 4 then array['invanare', 'foretag'] else array['andra_kommuner', 'medarbetare'] end,
          'Mindre tidsspill, färre fel och bättre service.', (array['nej', 'delvis', 'ja'])[1 + g.n % 3],
          'Arbetstid för en pilot och eventuellt en licens.', null, g.received_at
        from g;
        -- One idea in ten has been edited by a reviewer: a second version.
        insert into app.idea_versions (idea_id, version, title, problem, proposal, beneficiaries, expected_effects,
          tried, resources, workplace, created_at, created_by)
        select g.id, 2, left(g.title, 150), g.problem, g.proposal, array['invanare', 'medarbetare'],
          'Mindre tidsspill, färre fel och bättre service. Förtydligat efter samtal med idébäraren.',
          (array['nej', 'delvis', 'ja'])[1 + g.n % 3], 'Arbetstid för en pilot.', null,
          g.received_at + (g.state_changed_at - g.received_at) / 2,
          (select r.user_id from app.reviewers r where r.municipality_code is null order by r.user_id limit 1)
        from g where g.n % 10 = 0 and g.state <> 'received';

        insert into app.status_tokens (token_hash, idea_id, created_at)
        select sha256(convert_to(g.id::text || g.n, 'UTF8')), g.id, g.received_at from g;`,
    },
    {
      label: "tidslinjer och beslut",
      sql: `
        insert into app.idea_events (idea_id, occurred_at, actor_kind, actor_user_id, from_state, to_state, reason,
          visible_to_bearer)
        select g.id,
          case when cardinality(g.path) = 1 then g.received_at
            else g.received_at + (g.state_changed_at - g.received_at) * (step.ord - 1) / (cardinality(g.path) - 1) end,
          case when step.ord = 1 then 'bearer' else 'coordinator' end,
          case when step.ord = 1 then null else '00000000-0000-4000-a000-000000000001'::uuid end,
          case when step.ord = 1 then null else g.path[step.ord - 1] end,
          step.state,
          case step.state
            when 'received' then 'Idén kom in via formuläret.'
            when 'in_review' then 'Idén är tilldelad för bedömning.'
            when 'needs_info' then 'Vi behöver veta mer om hur många som berörs.'
            when 'assessed' then 'Alla bedömningar är klara.'
            when 'accepted' then 'Hög nytta och god genomförbarhet enligt bedömningen.'
            when 'parked' then 'Bra idé men inte rätt tid.'
            when 'declined' then 'Låg genomförbarhet i förhållande till nyttan.'
            when 'forwarded' then 'Passar bättre i det regionala innovationsstödet.'
            when 'duplicate' then 'Samma idé finns redan.'
            when 'in_development' then 'Piloten har startat.'
            when 'implemented' then 'Införd i ordinarie verksamhet.'
            else 'Fler kommuner har infört idén.'
          end,
          step.state not in ('accepted', 'parked', 'declined', 'forwarded', 'duplicate')
        from g cross join lateral unnest(g.path) with ordinality as step(state, ord);

        -- What the trigger on idea_events keeps (it does not fire during the load).
        update app.ideas i
        set first_assessed_at = f.assessed_at, first_decided_at = f.decided_at
        from (
          select e.idea_id,
            min(e.occurred_at) filter (where e.to_state = 'assessed') as assessed_at,
            min(e.occurred_at) filter (where s.is_decision) as decided_at
          from app.idea_events e join g on g.id = e.idea_id
          join app.idea_states s on s.state = e.to_state
          group by e.idea_id
        ) f
        where f.idea_id = i.id and (f.assessed_at is not null or f.decided_at is not null);

        insert into app.decision_messages (event_id, idea_id, body, released_at, released_by)
        select e.id, e.idea_id, 'Tack för din idé! Här är vårt beslut och skälen till det.', e.occurred_at + interval '1 day',
          '00000000-0000-4000-a000-000000000001'
        from app.idea_events e join g on g.id = e.idea_id
        where e.to_state in ('accepted', 'parked', 'declined', 'forwarded', 'duplicate');

        insert into app.messages (idea_id, direction, author_id, body, created_at)
        select g.id, 'to_bearer', '00000000-0000-4000-a000-000000000001',
          'Hej! Hur många medarbetare eller invånare skulle beröras av idén, ungefär?', g.state_changed_at
        from g where g.state = 'needs_info' or (g.n % 7 = 0 and g.state <> 'received');
        insert into app.messages (idea_id, direction, body, created_at)
        select g.id, 'from_bearer', 'Ungefär fyrtio personer på två enheter.', g.state_changed_at + interval '1 hour'
        from g where g.n % 7 = 0 and g.state not in ('received', 'needs_info');`,
    },
    {
      label: "tilldelningar, poäng och rekommendationer",
      sql: `
        -- Regional reviewers share the assessments; the coordinator assesses one idea in fifty.
        create temp table regional as
        select row_number() over (order by r.user_id) as i, r.user_id from app.reviewers r
        where r.municipality_code is null and r.role = 'reviewer';
        create temp table coaches as
        select distinct on (r.municipality_code) r.municipality_code, r.user_id from app.reviewers r
        where r.municipality_code is not null order by r.municipality_code, r.created_at, r.user_id;

        -- The municipality's coach and one or two regional reviewers per idea under or past review.
        insert into app.assignments (idea_id, reviewer_id, assigned_by, assigned_at, due_on, done_at)
        select g.id, who.reviewer_id, '00000000-0000-4000-a000-000000000001', g.received_at + interval '1 day',
          case when open.is_open then (now() at time zone 'Europe/Stockholm')::date - 10 + (g.n + who.slot) % 31
            else (g.received_at + interval '15 days')::date end,
          case when not open.is_open then least(g.received_at + interval '10 days', g.state_changed_at) end
        from g
        cross join lateral (select (select count(*) from regional) as n_regional) k
        cross join lateral (
          select c.user_id as reviewer_id, 1 as slot from coaches c where c.municipality_code = g.municipality_code
          union all
          select r.user_id, 2 from regional r where r.i = 1 + g.n % k.n_regional
          union all
          select r.user_id, 3 from regional r where r.i = 1 + (g.n % k.n_regional + 1 + (g.n / k.n_regional) % (k.n_regional - 1)) % k.n_regional
            and g.n % 3 = 0
          union all
          select '00000000-0000-4000-a000-000000000001'::uuid, 4 where g.n % 50 = 0
        ) who
        cross join lateral (
          select g.state in ('in_review', 'needs_info') and (g.n + who.slot) % 5 <> 0 as is_open
        ) open
        where g.state not in ('received', 'duplicate');

        insert into app.scores (idea_id, reviewer_id, criterion_id, criteria_version_id, score, comment, submitted_at,
          updated_at)
        select a.idea_id, a.reviewer_id, cv.criterion_id, cv.id, 1 + (hashtext(a.idea_id::text || cv.criterion_id) & 4095) % 5,
          'Bedömd utifrån nivåbeskrivningen.', a.done_at, a.done_at
        from app.assignments a join g on g.id = a.idea_id
        cross join app.criteria_versions cv
        where a.done_at is not null and cv.version = 1;
        insert into app.score_history (score_id, score, comment, recorded_at, recorded_by)
        select s.id, s.score, s.comment, s.submitted_at, s.reviewer_id
        from app.scores s join g on g.id = s.idea_id;
        insert into app.recommendations (idea_id, reviewer_id, recommendation, comment, given_at)
        select a.idea_id, a.reviewer_id,
          case g.state when 'declined' then 'avsla' when 'parked' then 'vilande' when 'forwarded' then 'vidareformedla'
            else 'vidare' end,
          'Se mina poäng.', a.done_at
        from app.assignments a join g on g.id = a.idea_id
        where a.done_at is not null;`,
    },
    {
      label: "interna anteckningar",
      sql: `
        -- One idea in three past arrival has a note from its coach; one in twelve a reply from the
        -- coordinator in the same thread.
        insert into app.internal_notes (idea_id, author_id, body, created_at)
        select g.id, c.user_id,
          (array['Har pratat med enhetschefen, de är positiva till en pilot.',
                 'Liknar en idé från förra året, se dubblettlänken.',
                 'Behöver kostnadsberäkning innan vi tar beslut.',
                 'IT-avdelningen säger att lösningen går att integrera med verksamhetssystemet.',
                 'Idébäraren vill gärna vara med och testa.'])[1 + g.n % 5],
          g.received_at + (g.state_changed_at - g.received_at) / 3
        from g join coaches c on c.municipality_code = g.municipality_code
        where g.n % 3 = 0 and g.state <> 'received';
        insert into app.internal_notes (idea_id, author_id, reply_to_id, body, created_at)
        select n.idea_id, '00000000-0000-4000-a000-000000000001', n.id, 'Bra, ta upp det på nästa möte.',
          n.created_at + interval '1 day'
        from app.internal_notes n join g on g.id = n.idea_id
        where g.n % 12 = 0 and n.reply_to_id is null;`,
    },
    {
      label: "intresse och dubblettlänkar",
      sql: `
        insert into app.municipality_interest (idea_id, municipality_code, kind, registered_by, registered_at)
        select distinct on (g.id, m.code, kind.kind) g.id, m.code, kind.kind, null::uuid, g.state_changed_at
        from g
        cross join lateral (select (array['1445','1499','1444','1447','1471','1497','1446','1494','1493','1495','1496','1472','1498','1473','1470'])[1 + (g.n * s.k) % 15] as code
          from generate_series(1, 1 + g.n % 3) s(k)) m
        cross join lateral (select case when g.state in ('implemented', 'spread') then 'implemented'
          when g.n % 2 = 0 then 'join' else 'co_fund' end as kind) kind
        where g.state in ('accepted', 'in_development', 'implemented', 'spread');

        insert into app.idea_links (idea_id, linked_idea_id, kind, created_by, created_at)
        select g.id, o.id, 'duplicate_of', '00000000-0000-4000-a000-000000000001', g.state_changed_at
        from g join g o on o.n = greatest(1, g.n - 1 - g.n % 997) and o.n <> g.n
        where g.state = 'duplicate';`,
    },
  ];
}

/** (Re)creates `database` on the server and fills it; returns the seconds each step took. */
export async function generateIdeas(options: GenerateOptions): Promise<Record<string, number>> {
  const log = options.log ?? ((line: string) => console.error(line));
  const timings: Record<string, number> = {};
  const timed = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    timings[label] = Math.round((performance.now() - started) / 100) / 10;
    log(`  ${label}: ${timings[label]} s`);
  };
  const databaseUrl = new URL(options.serverUrl);
  databaseUrl.pathname = `/${options.database}`;

  await timed("ny databas med migreringar och seed", async () => {
    const admin = new pg.Client({ connectionString: options.serverUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists "${options.database}" with (force)`);
      await admin.query(`create database "${options.database}"`);
    } finally {
      await admin.end();
    }
    const db = await openPostgresDatabase(databaseUrl.toString());
    try {
      const config = await loadLocalConfig(`${projectRoot}/supabase/config.toml`);
      await migrateDatabase(db, await findSchemaSources(projectRoot, config), projectRoot);
    } finally {
      await db.close();
    }
  });

  const client = new pg.Client({ connectionString: databaseUrl.toString() });
  await client.connect();
  try {
    await client.query("set session_replication_role = replica");
    await client.query("set maintenance_work_mem = '512MB'");
    await client.query("set work_mem = '64MB'");
    await client.query("select setseed(0.2026)");
    await client.query(
      `create temp table vocab (${Object.keys(vocabulary)
        .map((name) => `${name} text[]`)
        .join(", ")})`,
    );
    await client.query(
      `insert into vocab values (${Object.keys(vocabulary)
        .map((_, index) => `$${index + 1}`)
        .join(", ")})`,
      Object.values(vocabulary),
    );

    // The seed updated some of its ideas. Their dead row versions must go before the indexes are
    // built again: an index built over "recently dead" HOT chains is marked indcheckxmin and is not
    // used by any query until every transaction older than it has ended – on a shared server that
    // can be a long load in another database (a snapshot's xmin counts every database). VACUUM's
    // own horizon is per database, so it can remove them.
    for (const table of loadedTables) await client.query(`vacuum app."${table}"`);

    // Secondary indexes are built once after the load, not maintained row by row.
    const { rows: indexes } = await client.query<{
      name: string;
      definition: string;
      comment: string | null;
    }>(
      `select c.relname as name, pg_get_indexdef(c.oid) as definition, obj_description(c.oid, 'pg_class') as comment
       from pg_index x
       join pg_class c on c.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
       where n.nspname = 'app' and t.relname = any($1)
         and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`,
      [loadedTables],
    );
    await client.query(indexes.map((index) => `drop index app."${index.name}";`).join("\n"));

    for (const step of generationSteps(options.ideas)) {
      await timed(step.label, () => client.query(step.sql));
    }

    // The load bypassed the triggers that keep each idea's summary columns for the export; counted
    // here, before the indexes are built, so that the update of every idea writes no index entries.
    await timed("idéernas sammanfattning", () =>
      client.query("select private.recount_idea_summaries()"),
    );

    await timed("index", async () => {
      for (const index of indexes) {
        await client.query(index.definition);
        if (index.comment !== null) {
          await client.query(
            `comment on index app."${index.name}" is ${client.escapeLiteral(index.comment)}`,
          );
        }
      }
    });
    const { rows: unusable } = await client.query<{ index: string }>(
      `select x.indexrelid::regclass::text as index from pg_index x join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'app' and x.indcheckxmin`,
    );
    if (unusable.length > 0) {
      log(
        `  VARNING: ${unusable.map((row) => row.index).join(", ")} används inte förrän äldre transaktioner på servern är klara.`,
      );
    }
    await client.query("set session_replication_role = origin");
    // The load bypassed the trigger that keeps the queue's counts per state.
    await timed("räkna om app.idea_counts", () => client.query("select private.recount_ideas()"));
    await timed("vacuum analyze", () => client.query("vacuum analyze"));
  } finally {
    await client.end();
  }
  return timings;
}

/** The CLI: `--ideas N [--database name] [--server url]`. */
async function main() {
  const { values } = parseArgs({
    options: {
      ideas: { type: "string", default: "100000" },
      database: { type: "string", default: "bench_queue" },
      server: { type: "string", default: defaultServerUrl },
    },
  });
  const ideas = Number(values.ideas);
  if (!Number.isInteger(ideas) || ideas < 1)
    throw new Error("--ideas ska vara ett positivt heltal");
  const started = performance.now();
  console.error(`Genererar ${ideas} idéer i databasen ${values.database} …`);
  await generateIdeas({ serverUrl: values.server, database: values.database, ideas });
  console.error(`Klart på ${Math.round((performance.now() - started) / 1000)} s.`);
}

if (import.meta.main) await main();
