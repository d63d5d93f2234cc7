-- Local demo data only: run on a fresh local database after the migrations (`npm run db:reset`,
-- `supabase db reset`). Never run against a hosted project. Everything here is fictitious.
-- It holds demo people and demo ideas only: the reference data they use (the 15 municipalities,
-- the areas, the criteria) is created by the migrations, so a hosted project has it without this file.

-- ===========================================================================================
-- 1. Demo Auth users (SPEC.md "Local contract"). Password for all three: Innovation-2026!
--    Written as hosted Supabase's own seeds write Auth users, so the file also works with
--    `supabase start`: bcrypt through pgcrypto, the token columns '' rather than null (GoTrue
--    cannot read null there), and an e-mail identity per user. Fixed ids, so later sections and
--    tests can refer to the accounts.
--      00000000-0000-4000-a000-000000000001  samordnare@example.se           (coordinator)
--      00000000-0000-4000-a000-000000000002  granskare.skovde@example.se     (reviewer, Skövde)
--      00000000-0000-4000-a000-000000000003  granskare.lidkoping@example.se  (reviewer, Lidköping)
--    Their reviewer roles and municipalities are given in the sections below.
-- ===========================================================================================

insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  email_change_token_current, phone_change, phone_change_token, reauthentication_token,
  is_sso_user, is_anonymous
)
select
  '00000000-0000-0000-0000-000000000000', demo.id, 'authenticated', 'authenticated', demo.email,
  extensions.crypt('Innovation-2026!', extensions.gen_salt('bf')), now(),
  '{"provider": "email", "providers": ["email"]}', jsonb_build_object('name', demo.name), now(), now(),
  '', '', '', '', '', '', '', '',
  false, false
from (
  values
    ('00000000-0000-4000-a000-000000000001'::uuid, 'samordnare@example.se', 'Sam Samordnare'),
    ('00000000-0000-4000-a000-000000000002'::uuid, 'granskare.skovde@example.se', 'Greta Granskare'),
    ('00000000-0000-4000-a000-000000000003'::uuid, 'granskare.lidkoping@example.se', 'Lars Granskare')
) as demo (id, email, name);

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select
  users.id, users.id::text, users.id,
  jsonb_build_object('sub', users.id::text, 'email', users.email, 'email_verified', true, 'phone_verified', false),
  'email', now(), now(), now()
from auth.users
where users.id in (
  '00000000-0000-4000-a000-000000000001',
  '00000000-0000-4000-a000-000000000002',
  '00000000-0000-4000-a000-000000000003'
);

-- ===========================================================================================
-- 2. The demo accounts' reviewer rows. The municipalities, areas and criteria they refer to are
--    not demo data: migration 20261202310000_insert_reference_data.sql creates them, on hosted
--    projects too. Safe to run twice (on conflict do nothing).
-- ===========================================================================================

-- The demo accounts' reviewer rows: the coordinator is regional (no municipality), the two
-- reviewers are the idea coaches of Skövde and Lidköping. Looked up by e-mail in auth.users.
insert into app.reviewers (user_id, display_name, role, municipality_code)
select u.id, coalesce(u.raw_user_meta_data ->> 'name', r.email), r.role, r.municipality_code
from (values
  ('samordnare@example.se', 'coordinator', null),
  ('granskare.skovde@example.se', 'reviewer', '1496'),
  ('granskare.lidkoping@example.se', 'reviewer', '1494')
) as r(email, role, municipality_code)
join auth.users u on u.email = r.email
on conflict (user_id) do nothing;

-- ===========================================================================================
-- 3. Demo ideas: about 40 ideas across every state and several municipalities, with their
--    timelines, scores, messages and (for some) publication in the idea bank. Written straight
--    into the tables as the seed's owner; the trigger that stamps received_at with now() is
--    paused so the ideas can have a history. Skipped when ideas already exist.
-- ===========================================================================================
do $$
declare
  v_coordinator uuid := (select u.id from auth.users u where u.email = 'samordnare@example.se');
  v_skovde uuid := (select u.id from auth.users u where u.email = 'granskare.skovde@example.se');
  v_lidkoping uuid := (select u.id from auth.users u where u.email = 'granskare.lidkoping@example.se');
  v_idea record;
  v_idea_id uuid;
  v_received timestamptz;
  v_path text[];
  v_step integer;
  v_at timestamptz;
  v_event_id bigint;
  v_local uuid;
  v_reviewer uuid;
  v_number integer := 0;
  v_year integer;
  v_decision text;
  v_criterion record;
begin
  if exists (select 1 from app.ideas) or v_coordinator is null then
    return;
  end if;
  alter table app.ideas disable trigger ideas_keep_reference_and_arrival;

  for v_idea in
    select row_number() over () as n, d.*
    from (values
      ('1496', 'vard-och-omsorg', 'spread', 610, true, true, 'Digitala lås i hemtjänsten',
       'Hemtjänstpersonalen hanterar hundratals fysiska nycklar. Nycklar tappas bort och det tar tid att hämta och lämna dem.',
       'Byt till digitala lås som personalen öppnar med mobilen. Varje besök loggas och nycklar behöver inte längre hämtas på kontoret.',
       'Lena', 'Johansson'),
      ('1494', 'skola-och-forskola', 'implemented', 540, true, true, 'Läxhjälp via video för högstadiet',
       'Elever som inte får hjälp hemma halkar efter, och läxhjälpen på skolan når inte dem som bor långt bort.',
       'Erbjud läxhjälp via video tre kvällar i veckan med lärarstudenter, bokad via skolans lärplattform.',
       'Ahmed', 'Hassan'),
      ('1496', 'administration-och-digitalisering', 'implemented', 500, false, true, 'Gemensam e-tjänst för felanmälan',
       'Invånare vet inte vart de ska vända sig när en gatlykta är trasig eller en skylt har fallit. Ärenden kommer in via telefon, e-post och sociala medier.',
       'En enda e-tjänst för felanmälan med karta och foto, där ärendet går direkt till rätt förvaltning och anmälaren kan följa det.',
       'Karin', 'Nilsson'),
      ('1499', 'miljo-och-klimat', 'spread', 480, true, true, 'Matsvinnsvåg i skolmatsalen',
       'Skolmatsalarna slänger mycket mat och ingen vet hur mycket eller vilka dagar det är värst.',
       'Ställ en våg vid diskinlämningen som visar dagens svinn på en skärm, och låt eleverna tävla mellan klasserna om minst svinn.',
       'Peter', 'Andersson'),
      ('1494', 'vard-och-omsorg', 'in_development', 400, true, true, 'Sensorer för nattillsyn',
       'Nattliga tillsynsbesök väcker många brukare och stör deras sömn, samtidigt som personalen hinner med färre besök än planerat.',
       'Använd diskreta rörelsesensorer som larmar personalen vid behov, så att brukare som sover gott får vara ifred.',
       'Sofia', 'Lindberg'),
      ('1493', 'kultur-och-fritid', 'in_development', 380, false, false, 'Bibliotekets mobila lånestation',
       'Boende på landsbygden har långt till biblioteket, och bokbussen kommer bara varannan vecka.',
       'Placera självbetjänade lånestationer i bygdegårdar och matbutiker, som fylls på varje vecka.',
       'Erik', 'Svensson'),
      ('1496', 'socialtjanst', 'in_development', 360, false, false, 'Chatt med socialtjänsten för unga',
       'Unga som behöver stöd ringer sällan socialtjänsten. Tröskeln att ta kontakt är hög.',
       'Öppna en anonym chatt med socialsekreterare på kvällstid, marknadsförd i skolor och sociala medier.',
       'Fatima', 'Ali'),
      ('1470', 'samhallsbyggnad', 'implemented', 450, true, true, 'Digital bygglovsguide',
       'Många bygglovsansökningar är ofullständiga, och handläggarna lägger mycket tid på att begära kompletteringar.',
       'En steg-för-steg-guide på webben som frågar vad man ska bygga och visar exakt vilka handlingar som behövs.',
       'Mats', 'Gustafsson'),
      ('1495', 'vard-och-omsorg', 'implemented', 430, false, true, 'Digital tillsyn med kamera på natten',
       'Tillsyn på natten kräver att personal åker långa sträckor till brukare som oftast sover.',
       'Erbjud brukare som vill det tillsyn via kamera, där personalen tittar in utan att väcka någon.',
       'Helena', 'Persson'),
      ('1496', 'skola-och-forskola', 'accepted', 300, false, true, 'Utomhuspedagogik i förskolans skog',
       'Förskolebarnen är mycket inomhus, och pedagogerna saknar material för lärande utomhus.',
       'Ta fram lektionslådor för naturen som går att låna mellan förskolorna, med idéer kopplade till läroplanen.',
       'Maja', 'Eriksson'),
      ('1494', 'administration-och-digitalisering', 'accepted', 280, true, false, 'Automatisk fakturakontroll',
       'Ekonomienheten granskar varje leverantörsfaktura för hand, och felaktiga fakturor betalas ibland ändå.',
       'Låt ett program jämföra fakturor med avtal och beställningar och flagga avvikelser för manuell kontroll.',
       'Jonas', 'Olsson'),
      ('1471', 'miljo-och-klimat', 'accepted', 260, false, false, 'Lånecyklar för kommunens personal',
       'Personalen tar bilen till korta möten inne i tätorten, vilket kostar och ger utsläpp.',
       'Ställ elcyklar vid kommunhuset och de större arbetsplatserna som personalen bokar i kalendern.',
       'Sara', 'Larsson'),
      ('1496', 'kultur-och-fritid', 'parked', 250, false, false, 'Konstvandring med ljudguide',
       'Kommunens offentliga konst är okänd för de flesta invånare.',
       'Skapa en ljudguide i mobilen som leder en promenad förbi konstverken och berättar om dem.',
       'Oskar', 'Karlsson'),
      ('1494', 'samhallsbyggnad', 'parked', 240, false, false, 'Snöröjning som man kan följa på karta',
       'Invånare ringer och frågar när deras gata ska plogas.',
       'Visa plogbilarnas position och plogade gator på en karta i realtid.',
       'Linda', 'Berg'),
      ('1446', 'administration-och-digitalisering', 'parked', 230, false, false, 'Gemensam växel för små kommuner',
       'Små kommuner har svårt att bemanna växeln under semestrar.',
       'Samordna växeltjänsten mellan några kommuner så att de täcker upp för varandra.',
       'Anders', 'Holm'),
      ('1496', 'administration-och-digitalisering', 'declined', 220, false, false, 'Egen app för kommunens alla tjänster',
       'Invånarna hittar inte rätt på kommunens webbplats.',
       'Bygg en egen mobilapp med alla kommunens e-tjänster samlade.',
       'Niklas', 'Lund'),
      ('1494', 'kultur-och-fritid', 'declined', 210, false, false, 'Gratis bad för alla pensionärer',
       'Äldre rör sig för lite, och badhusets entré är dyr för många.',
       'Låt alla pensionärer bada gratis i kommunens badhus.',
       'Birgitta', 'Ek'),
      ('1497', 'vard-och-omsorg', 'declined', 200, false, false, 'Robotdammsugare hos brukare',
       'Städning tar en stor del av tiden i hemtjänsten.',
       'Köp in robotdammsugare till alla brukare som har städinsats.',
       'Göran', 'Sjöberg'),
      ('1496', 'vard-och-omsorg', 'forwarded', 190, true, false, 'AI-stöd för fallprevention',
       'Fallolyckor bland äldre är vanliga och kostsamma, och riskerna upptäcks ofta för sent.',
       'Analysera data från trygghetslarm och besök för att förutse vilka som löper risk att falla, och sätt in åtgärder tidigt.',
       'Emma', 'Lindgren'),
      ('1498', 'miljo-och-klimat', 'forwarded', 185, false, false, 'Solceller på kommunens förskolor',
       'Förskolornas tak står oanvända medan elkostnaderna ökar.',
       'Installera solceller på alla förskoletak och visa produktionen för barnen på en skärm.',
       'Ulf', 'Axelsson'),
      ('1494', 'skola-och-forskola', 'duplicate', 170, false, false, 'Läxhjälp på nätet',
       'Elever får ingen hjälp med läxorna hemma.',
       'Ordna läxhjälp via videosamtal.',
       'Nora', 'Ström'),
      ('1496', 'vard-och-omsorg', 'duplicate', 160, false, false, 'Nyckelfria dörrar i hemtjänsten',
       'Nyckelhanteringen i hemtjänsten tar mycket tid.',
       'Använd elektroniska lås i stället för nycklar.',
       'Kristina', 'Ahl'),
      ('1496', 'socialtjanst', 'assessed', 120, false, false, 'Familjecentral på nätet',
       'Föräldrar med små barn har svårt att hinna till familjecentralens öppettider.',
       'Erbjud rådgivning och föräldragrupper via video på kvällstid.',
       'Hanna', 'Wikström'),
      ('1494', 'vard-och-omsorg', 'assessed', 110, false, false, 'Gemensam vikariepool för äldreomsorgen',
       'Varje enhet letar vikarier på egen hand, ofta samma morgon.',
       'En gemensam pool och bokningstjänst för vikarier i hela äldreomsorgen.',
       'Ingrid', 'Sandberg'),
      ('1472', 'samhallsbyggnad', 'assessed', 100, false, false, 'Trygghetsvandringar med app',
       'Det är svårt att samla in synpunkter på otrygga platser i tätorten.',
       'Låt invånare markera otrygga platser i en app under trygghetsvandringar.',
       'Per', 'Hedlund'),
      ('1496', 'kultur-och-fritid', 'assessed', 95, true, false, 'Fritidsbank i varje kommundel',
       'Många barn saknar utrustning för idrott och friluftsliv.',
       'Starta fritidsbanker där man lånar sport- och fritidsutrustning gratis.',
       'Lisa', 'Forsberg'),
      ('1494', 'socialtjanst', 'needs_info', 70, false, false, 'Digitalt stöd för ekonomiskt bistånd',
       'Ansökan om ekonomiskt bistånd görs på papper och kompletteringar tar veckor.',
       'En e-tjänst där den sökande laddar upp underlag och ser vad som saknas.',
       'Mohammed', 'Yusuf'),
      ('1496', 'skola-och-forskola', 'needs_info', 60, false, false, 'Schemaläggning med elevernas önskemål',
       'Gymnasieelever har håltimmar och långa dagar.',
       'Låt eleverna lämna önskemål som schemaläggaren tar hänsyn till.',
       'Elin', 'Dahl'),
      ('1493', 'vard-och-omsorg', 'needs_info', 55, false, false, 'Måltidsvänner i äldreboendet',
       'Många boende äter ensamma och aptiten blir sämre.',
       'Bjud in volontärer som äter lunch tillsammans med de boende.',
       'Marianne', 'Holmberg'),
      ('1496', 'miljo-och-klimat', 'in_review', 40, false, false, 'Återbruk av kontorsmöbler',
       'Förvaltningarna köper nya möbler medan fullt användbara möbler står i förråd.',
       'Ett internt återbrukslager med en katalog där alla kan se och boka möbler.',
       'Viktor', 'Sundberg'),
      ('1494', 'miljo-och-klimat', 'in_review', 35, false, false, 'Laddstolpar vid kommunens arbetsplatser',
       'Personal med elbil kan inte ladda under arbetsdagen.',
       'Installera laddstolpar vid de största arbetsplatserna och ta betalt via en app.',
       'Camilla', 'Öberg'),
      ('1445', 'skola-och-forskola', 'in_review', 30, true, false, 'Gemensam fjärrundervisning i moderna språk',
       'Små skolor har svårt att rekrytera lärare i spanska, tyska och franska.',
       'Samarbeta mellan kommunerna om fjärrundervisning så att alla elever kan välja språk.',
       'Tobias', 'Björk'),
      ('1496', 'administration-och-digitalisering', 'in_review', 25, false, false, 'Mötesfria eftermiddagar',
       'Medarbetare har så många möten att de inte hinner med sitt eget arbete.',
       'Inför mötesfria onsdagseftermiddagar i hela förvaltningen och utvärdera efter ett halvår.',
       'Louise', 'Ekström'),
      ('1499', 'vard-och-omsorg', 'in_review', 22, false, false, 'Läkemedelsrobot i hemmet',
       'Brukare glömmer att ta sina läkemedel och hemtjänsten gör många besök bara för medicinering.',
       'En läkemedelsrobot som ger rätt dos vid rätt tid och larmar om dosen inte tas.',
       'Gunnar', 'Lindholm'),
      ('1496', 'vard-och-omsorg', 'received', 10, false, false, 'Språkstöd för nyanställda undersköterskor',
       'Nyanställda med annat modersmål har svårt med facktermer i dokumentationen.',
       'En ordlista med bilder och uttal i mobilen, kopplad till dokumentationssystemet.',
       'Amina', 'Said'),
      ('1494', 'kultur-och-fritid', 'received', 8, false, false, 'Sommarjobb som kulturguider',
       'Unga har svårt att få sommarjobb och turister hittar inte kulturarvet.',
       'Anställ ungdomar som kulturguider under sommaren.',
       'David', 'Åberg'),
      ('1447', 'samhallsbyggnad', 'received', 6, false, false, 'Digital anslagstavla i byarna',
       'Information från kommunen når inte ut till byarna.',
       'Sätt upp digitala anslagstavlor i byarnas samlingslokaler.',
       'Rolf', 'Engström'),
      ('1496', 'socialtjanst', 'received', 4, false, false, 'Stödgrupp för anhöriga på kvällstid',
       'Anhöriga som arbetar kan inte delta i stödgrupper på dagtid.',
       'Starta stödgrupper för anhöriga på kvällar och via video.',
       'Johanna', 'Falk'),
      ('1473', 'annat', 'received', 2, false, false, 'Idélåda i personalrummet',
       'Många idéer försvinner för att ingen vet vart man ska vända sig.',
       'Sätt upp en fysisk idélåda med QR-kod till idéslussens formulär i varje personalrum.',
       'Stina', 'Bergström'),
      ('1494', 'vard-och-omsorg', 'received', 1, false, false, 'Gemensam rehabplan i mobilen',
       'Brukare och personal har olika bilder av vilka övningar som ska göras.',
       'Låt brukaren se sin rehabplan med filmade övningar i mobilen.',
       'Pia', 'Hansson')
    ) as d(municipality_code, area_id, state, days_ago, shared_regionally, published, title, problem, proposal,
           first_name, last_name)
  loop
    v_received := date_trunc('minute', now()) - make_interval(days => v_idea.days_ago, hours => 9 + (v_idea.n % 7)::int);
    v_year := extract(year from v_received at time zone 'Europe/Stockholm')::integer;
    insert into app.reference_counters (year, last_number) values (v_year, 1)
    on conflict (year) do update set last_number = app.reference_counters.last_number + 1
    returning last_number into v_number;
    v_idea_id := gen_random_uuid();
    v_local := case v_idea.municipality_code when '1496' then v_skovde when '1494' then v_lidkoping else v_coordinator end;

    v_path := case
      when v_idea.state = 'received' then array['received']
      when v_idea.state = 'in_review' then array['received', 'in_review']
      when v_idea.state = 'needs_info' then array['received', 'in_review', 'needs_info']
      when v_idea.state = 'assessed' then array['received', 'in_review', 'assessed']
      when v_idea.state in ('accepted', 'parked', 'declined', 'forwarded', 'duplicate') then
        array['received', 'in_review', 'assessed', v_idea.state]
      when v_idea.state = 'in_development' then array['received', 'in_review', 'assessed', 'accepted', 'in_development']
      when v_idea.state = 'implemented' then
        array['received', 'in_review', 'assessed', 'accepted', 'in_development', 'implemented']
      else array['received', 'in_review', 'assessed', 'accepted', 'in_development', 'implemented', 'spread']
    end;

    insert into app.ideas (id, reference, received_at, state, public_state, state_changed_at, municipality_code, area_id,
      shared_regionally, title, problem, proposal, contact_consent, publish_consent, public_summary, published_at,
      forwarded_to, follow_up_on)
    values (v_idea_id, format('IS-%s-%s', v_year, lpad(v_number::text, 4, '0')), v_received, v_idea.state,
      v_idea.state, v_received, v_idea.municipality_code, v_idea.area_id, v_idea.shared_regionally, v_idea.title,
      v_idea.problem, v_idea.proposal, true, v_idea.published or v_idea.n % 3 = 0,
      case when v_idea.published then v_idea.proposal end,
      case when v_idea.published then now() - make_interval(days => greatest(v_idea.days_ago / 3, 1)) end,
      case when v_idea.state = 'forwarded' then 'Västra Götalandsregionens innovationsstöd' end,
      case when v_idea.state = 'forwarded' then (now() + interval '60 days')::date end);

    insert into app.idea_versions (idea_id, version, title, problem, proposal, beneficiaries, expected_effects, tried,
      resources, workplace, created_at)
    values (v_idea_id, 1, v_idea.title, v_idea.problem, v_idea.proposal,
      case v_idea.area_id when 'skola-och-forskola' then array['elever'] when 'vard-och-omsorg' then
        array['brukare_patienter', 'medarbetare'] else array['invanare'] end,
      'Mindre tidsspill och bättre service till dem vi är till för.', (array['nej', 'delvis', 'ja'])[1 + v_idea.n % 3],
      'Tid för en pilot under ett halvår.', null, v_received);

    insert into app.idea_bearers (idea_id, name, email, privacy_notice_read_at, created_at)
    select v_idea_id, v_idea.first_name || ' ' || v_idea.last_name,
      lower(translate(v_idea.first_name || '.' || v_idea.last_name, 'åäöÅÄÖé', 'aaoAAOe')) || '@' || m.email_domains[1],
      v_received, v_received
    from app.municipalities m where m.code = v_idea.municipality_code;

    insert into app.status_tokens (token_hash, idea_id, created_at)
    values (sha256(convert_to(gen_random_uuid()::text, 'UTF8')), v_idea_id, v_received);

    v_at := v_received;
    for v_step in 1 .. cardinality(v_path) loop
      v_reviewer := case when v_path[v_step] in ('in_review', 'needs_info') then v_local else v_coordinator end;
      v_decision := case when v_path[v_step] in ('accepted', 'parked', 'declined', 'forwarded', 'duplicate')
        then v_path[v_step] end;
      insert into app.idea_events (idea_id, occurred_at, actor_kind, actor_user_id, from_state, to_state, reason,
        visible_to_bearer)
      values (v_idea_id, v_at,
        case when v_step = 1 then 'bearer' when v_reviewer = v_coordinator then 'coordinator' else 'reviewer' end,
        case when v_step = 1 then null else v_reviewer end,
        case when v_step = 1 then null else v_path[v_step - 1] end,
        v_path[v_step],
        case v_path[v_step]
          when 'received' then 'Idén kom in via formuläret.'
          when 'in_review' then 'Idén är tilldelad för bedömning.'
          when 'needs_info' then 'Vi behöver veta mer om hur många som berörs.'
          when 'assessed' then 'Alla bedömningar är klara.'
          when 'accepted' then 'Hög nytta och god genomförbarhet enligt bedömningen.'
          when 'parked' then 'Bra idé men inte rätt tid; tas upp igen vid nästa budgetår.'
          when 'declined' then 'Låg genomförbarhet i förhållande till nyttan.'
          when 'forwarded' then 'Passar bättre i det regionala innovationsstödet.'
          when 'duplicate' then 'Samma idé finns redan och är under utveckling.'
          when 'in_development' then 'Piloten har startat.'
          when 'implemented' then 'Införd i ordinarie verksamhet.'
          else 'Fler kommuner har infört idén.'
        end,
        v_decision is null)
      returning id into v_event_id;
      if v_decision is not null then
        insert into app.decision_messages (event_id, idea_id, body, released_at, released_by)
        values (v_event_id, v_idea_id,
          case v_decision
            when 'accepted' then 'Tack för din idé! Den går vidare till utveckling och vi hör av oss om nästa steg.'
            when 'parked' then 'Tack för din idé! Vi lägger den vilande just nu och tar upp den igen nästa år.'
            when 'declined' then 'Tack för din idé! Vi går inte vidare med den, eftersom den skulle kräva mer resurser än den ger nytta.'
            when 'forwarded' then 'Tack för din idé! Vi har skickat den vidare till regionens innovationsstöd som hör av sig till dig.'
            else 'Tack för din idé! En liknande idé finns redan och utvecklas; vi har kopplat ihop dem.'
          end,
          -- The newest parked idea's decision is still internal, so the demo shows a pending release.
          case when v_idea.n = 15 then null else v_at + interval '1 day' end,
          case when v_idea.n = 15 then null else v_coordinator end);
      end if;
      v_at := v_at + make_interval(days => least(greatest(v_idea.days_ago / 10, 1), 12)::int);
    end loop;

    -- The bearer sees the decision only once released (idea 15 keeps the previous state in public).
    if v_idea.n = 15 then
      update app.ideas set public_state = 'assessed' where id = v_idea_id;
    end if;

    -- Assignments, scores and recommendations for ideas that have been assessed.
    if 'assessed' = any (v_path) or v_idea.state = 'in_review' then
      insert into app.assignments (idea_id, reviewer_id, assigned_by, assigned_at, due_on, done_at)
      select v_idea_id, r, v_coordinator, v_received + interval '1 day', (v_received + interval '15 days')::date,
        case when 'assessed' = any (v_path) then v_received + interval '10 days' end
      from unnest(array[v_coordinator, v_local]) r
      group by r;
    end if;
    if 'assessed' = any (v_path) then
      for v_criterion in
        select cv.criterion_id, cv.id from app.criteria_versions cv where cv.version = 1
      loop
        insert into app.scores (idea_id, reviewer_id, criterion_id, criteria_version_id, score, comment, submitted_at,
          updated_at)
        select v_idea_id, r, v_criterion.criterion_id, v_criterion.id,
          case when v_idea.state in ('declined', 'parked') then 2 + (v_idea.n + length(v_criterion.criterion_id)) % 2
            else 3 + (v_idea.n + length(v_criterion.criterion_id) + (r = v_coordinator)::int) % 3 end,
          'Bedömd utifrån nivåbeskrivningen.', v_received + interval '9 days', v_received + interval '9 days'
        from unnest(array[v_coordinator, v_local]) r
        group by r;
      end loop;
      insert into app.score_history (score_id, score, comment, recorded_at, recorded_by)
      select s.id, s.score, s.comment, s.submitted_at, s.reviewer_id from app.scores s where s.idea_id = v_idea_id;
      insert into app.recommendations (idea_id, reviewer_id, recommendation, comment, given_at)
      select v_idea_id, r,
        case when v_idea.state in ('declined') then 'avsla' when v_idea.state = 'parked' then 'vilande'
          when v_idea.state = 'forwarded' then 'vidareformedla' else 'vidare' end,
        'Se mina poäng.', v_received + interval '9 days'
      from unnest(array[v_coordinator, v_local]) r
      group by r;
    end if;

    -- A question and an answer for ideas that needed more information.
    if v_idea.state = 'needs_info' then
      insert into app.messages (idea_id, direction, author_id, body, created_at)
      values (v_idea_id, 'to_bearer', v_local,
        'Hej! Hur många medarbetare eller invånare skulle beröras av idén, ungefär?', v_at - interval '1 day');
    elsif 'needs_info' = any (v_path) is not true and 'assessed' = any (v_path) and v_idea.n % 4 = 0 then
      insert into app.messages (idea_id, direction, author_id, body, created_at)
      values (v_idea_id, 'to_bearer', v_local, 'Hej! Finns det någon verksamhet som redan har prövat detta?',
        v_received + interval '3 days');
      insert into app.messages (idea_id, direction, body, created_at)
      values (v_idea_id, 'from_bearer', 'Ja, en enhet hos oss prövade en enklare variant förra året.',
        v_received + interval '4 days');
    end if;

    -- Implemented and spread ideas show which municipalities have taken them up.
    if v_idea.state in ('implemented', 'spread') then
      insert into app.municipality_interest (idea_id, municipality_code, kind, registered_by, registered_at)
      select v_idea_id, m.code, 'implemented', v_coordinator, v_at
      from app.municipalities m
      where m.code = v_idea.municipality_code
         or (v_idea.state = 'spread' and m.code in ('1470', '1493', '1471', '1497'));
    elsif v_idea.state in ('accepted', 'in_development') then
      insert into app.municipality_interest (idea_id, municipality_code, kind, registered_by, registered_at)
      values (v_idea_id, '1494', case when v_idea.n % 2 = 0 then 'join' else 'co_fund' end, v_lidkoping, v_at),
             (v_idea_id, '1496', 'join', v_skovde, v_at)
      on conflict do nothing;
    end if;
  end loop;

  -- Link the duplicates to the ideas they repeat (läxhjälp → läxhjälp via video, nyckelfria dörrar → digitala lås).
  insert into app.idea_links (idea_id, linked_idea_id, kind, created_by)
  select d.id, o.id, 'duplicate_of', v_coordinator
  from app.ideas d
  join app.ideas o on o.title = case d.title when 'Läxhjälp på nätet' then 'Läxhjälp via video för högstadiet'
    when 'Nyckelfria dörrar i hemtjänsten' then 'Digitala lås i hemtjänsten' end
  where d.state = 'duplicate';

  alter table app.ideas enable trigger ideas_keep_reference_and_arrival;
end
$$;

-- ===========================================================================================
-- 4. The regional reviewer (issue 12), written like the demo accounts in section 1, with its
--    reviewer row: role reviewer, no municipality, so Rut sees every idea. Password as above.
--      00000000-0000-4000-a000-000000000004  granskare.region@example.se     (reviewer, regional)
-- ===========================================================================================

insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  email_change_token_current, phone_change, phone_change_token, reauthentication_token,
  is_sso_user, is_anonymous
)
select
  '00000000-0000-0000-0000-000000000000', demo.id, 'authenticated', 'authenticated', demo.email,
  extensions.crypt('Innovation-2026!', extensions.gen_salt('bf')), now(),
  '{"provider": "email", "providers": ["email"]}', jsonb_build_object('name', demo.name), now(), now(),
  '', '', '', '', '', '', '', '',
  false, false
from (
  values ('00000000-0000-4000-a000-000000000004'::uuid, 'granskare.region@example.se', 'Rut Regiongranskare')
) as demo (id, email, name)
on conflict (id) do nothing;

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select
  users.id, users.id::text, users.id,
  jsonb_build_object('sub', users.id::text, 'email', users.email, 'email_verified', true, 'phone_verified', false),
  'email', now(), now(), now()
from auth.users
where users.id = '00000000-0000-4000-a000-000000000004'
  and not exists (select 1 from auth.identities i where i.user_id = users.id);

insert into app.reviewers (user_id, display_name, role, municipality_code)
select u.id, coalesce(u.raw_user_meta_data ->> 'name', u.email), 'reviewer', null
from auth.users u
where u.email = 'granskare.region@example.se'
on conflict (user_id) do nothing;

-- ===========================================================================================
-- 5. A fuller queue (issue 12): 120 more demo ideas from the last half year, so the queue has
--    pages to turn – the coordinator's and the regional reviewer's over three pages of 50, the
--    Skövde coach's (Skövde's own ideas and those shared regionally) close to two. Half are
--    Skövde's; every ninth is shared regionally. Open ideas are assigned to the Skövde coach
--    and/or the regional reviewer with due dates, and some assignments are overdue. Deterministic
--    (no random()), so every fresh database has the same queue. Skipped when the regional
--    reviewer already has assignments.
--
--    Also: section 3 gives every idea state_changed_at = received_at; here it becomes the time of
--    the idea's last event, so "longest waiting" sorts as it would in real use.
-- ===========================================================================================
do $$
declare
  v_coordinator uuid := (select u.id from auth.users u where u.email = 'samordnare@example.se');
  v_skovde uuid := (select u.id from auth.users u where u.email = 'granskare.skovde@example.se');
  v_region uuid := (select u.id from auth.users u where u.email = 'granskare.region@example.se');
  -- Forty ideas as municipal staff write them: area, title, problem, proposal.
  v_seeds text[][] := array[
    ['vard-och-omsorg', 'Digital signering av genomförandeplaner',
     'Genomförandeplanerna skrivs ut, signeras och skannas in igen, och det tar veckor innan de är klara.',
     'Låt brukare och anhöriga signera genomförandeplanen digitalt med BankID direkt i verksamhetssystemet.'],
    ['vard-och-omsorg', 'Gemensam vikariebokning',
     'Enhetscheferna ringer runt till vikarier varje morgon och samma vikarie blir uppringd av flera enheter.',
     'En gemensam bokningstjänst där vikarier anger när de kan arbeta och enheterna bokar dem direkt.'],
    ['vard-och-omsorg', 'Utecykel för de boende',
     'Många boende kommer sällan ut, och personalen hinner inte ta med dem på promenader.',
     'Köp in en eldriven rikscha som volontärer och personal kan cykla de boende på, bokad via ett enkelt schema.'],
    ['vard-och-omsorg', 'Läkemedelsgenomgång med video',
     'Läkemedelsgenomgångar kräver att läkaren åker ut, och de blir därför ofta uppskjutna.',
     'Gör läkemedelsgenomgången via video med sjuksköterskan på plats hos brukaren.'],
    ['vard-och-omsorg', 'Mobil dokumentation vid besöket',
     'Personalen dokumenterar i slutet av passet på kontoret och mycket hinner glömmas bort.',
     'Dokumentera direkt i mobilen vid besöket med färdiga fraser och röstinmatning.'],
    ['vard-och-omsorg', 'Musik efter livshistoria',
     'Boende med demenssjukdom blir oroliga på eftermiddagarna och får ofta lugnande läkemedel.',
     'Ta fram personliga spellistor utifrån varje boendes livshistoria och använd dem vid oro.'],
    ['vard-och-omsorg', 'Planeringsverktyg för hemtjänstens körrutter',
     'Körrutterna planeras för hand och bilarna kör långa omvägar mellan besöken.',
     'Använd ett planeringsverktyg som föreslår rutter utifrån besökstider och restid.'],
    ['vard-och-omsorg', 'Introduktionsfilmer för nya medarbetare',
     'Nya medarbetare och sommarvikarier får introduktion av upptagna kollegor och mycket missas.',
     'Spela in korta filmer om rutiner, hygien och dokumentation som nya medarbetare ser innan första passet.'],
    ['skola-och-forskola', 'Digital närvaro på fritidshemmet',
     'Personalen bockar av barnen på papperslistor och vet inte alltid vem som har gått hem.',
     'En surfplatta vid entrén där barnen checkar in och ut och vårdnadshavare ser det i appen.'],
    ['skola-och-forskola', 'Läsfadrar från äldreboendet',
     'Många elever i lågstadiet läser för lite och har ingen vuxen som läser med dem.',
     'Låt pensionärer från äldreboendet läsa med eleverna en gång i veckan, på skolan eller via video.'],
    ['skola-och-forskola', 'Gemensam bank för provuppgifter',
     'Varje lärare gör egna prov och samma arbete görs om på alla skolor.',
     'En gemensam bank för prov och bedömningsstöd som alla lärare i kommunen kan använda och bidra till.'],
    ['skola-och-forskola', 'Tyst studierum på skolbiblioteket',
     'Elever som behöver lugn har ingenstans att ta vägen under håltimmar.',
     'Gör en del av skolbiblioteket till ett tyst studierum med bokningsbara platser.'],
    ['skola-och-forskola', 'Utomhusklassrum vid skolan',
     'Undervisningen sker nästan bara inomhus trots att skolgården har plats.',
     'Bygg ett enkelt utomhusklassrum med tak, bänkar och whiteboard som alla klasser kan boka.'],
    ['skola-och-forskola', 'Frånvarolarm till vårdnadshavare samma dag',
     'Vårdnadshavare får veta om ogiltig frånvaro först veckor senare.',
     'Skicka ett sms till vårdnadshavaren när en elev saknas på första lektionen utan anmälan.'],
    ['skola-och-forskola', 'Gemensam vikariepool för förskolorna',
     'Förskolorna letar vikarier var för sig och barngrupperna blir stora vid sjukdom.',
     'En gemensam pool av timvikarier som förskolorna bokar i samma system.'],
    ['socialtjanst', 'Digital ansökan om ekonomiskt bistånd',
     'Ansökningarna kommer på papper och handläggarna lägger mycket tid på att begära kompletteringar.',
     'En e-tjänst som visar vilka underlag som krävs och där den sökande laddar upp dem direkt.'],
    ['socialtjanst', 'Drop in för unga vuxna',
     'Unga vuxna som behöver stöd bokar sällan tid och faller mellan stolarna.',
     'Öppna en drop in-mottagning en eftermiddag i veckan tillsammans med arbetsförmedlingen.'],
    ['socialtjanst', 'Samordnad individuell plan via video',
     'Det tar veckor att samla alla aktörer till ett SIP-möte.',
     'Håll SIP-möten via video så att skola, vård och socialtjänst kan delta utan att resa.'],
    ['socialtjanst', 'Familjestöd på kvällstid',
     'Föräldrar som arbetar dagtid kan inte delta i föräldrastödsprogrammen.',
     'Erbjud föräldrastödsgrupper på kvällstid och via video.'],
    ['socialtjanst', 'Budget- och skuldrådgivning i chatt',
     'Många drar sig för att ringa om skulder och söker hjälp först när det är akut.',
     'En chatt med budget- och skuldrådgivningen där man kan vara anonym i början.'],
    ['samhallsbyggnad', 'Felanmälan med foto och karta',
     'Felanmälningar om gator och parker kommer in på många sätt och det är svårt att se var felet är.',
     'En e-tjänst där invånaren markerar platsen på en karta och bifogar ett foto.'],
    ['samhallsbyggnad', 'Digital bygglovsguide',
     'Många bygglovsansökningar är ofullständiga och handläggningstiden blir lång.',
     'En guide som frågar vad man vill bygga och visar exakt vilka handlingar som behövs.'],
    ['samhallsbyggnad', 'Sensorer i papperskorgarna',
     'Papperskorgarna töms efter schema, oavsett om de är fulla eller tomma.',
     'Sätt sensorer i papperskorgarna så att de töms när de är fulla.'],
    ['samhallsbyggnad', 'Belysning som tänds vid rörelse på gång- och cykelvägar',
     'Gatubelysningen lyser hela natten på vägar där ingen går.',
     'Byt till belysning som dämpas när ingen är där och tänds när någon närmar sig.'],
    ['samhallsbyggnad', 'Medborgardialog med digital karta',
     'Få invånare kommer till samrådsmötena om nya detaljplaner.',
     'Låt invånarna lämna synpunkter direkt på en digital karta över planområdet.'],
    ['kultur-och-fritid', 'Meröppet bibliotek i kommundelen',
     'Biblioteksfilialen har öppet få timmar och är stängd när folk slutar jobba.',
     'Inför meröppet med passerkort så att invånarna kan låna även när ingen personal är där.'],
    ['kultur-och-fritid', 'Fritidsbank för sportutrustning',
     'Många barn kan inte prova nya idrotter eftersom utrustningen är dyr.',
     'Starta en fritidsbank där barn och vuxna lånar sport- och friluftsutrustning gratis.'],
    ['kultur-och-fritid', 'Bokning av idrottshallar i en app',
     'Föreningarna bokar hallar via e-post och tiderna krockar ofta.',
     'Visa lediga tider i en app där föreningar och privatpersoner bokar direkt.'],
    ['kultur-och-fritid', 'Sommarlovsaktiviteter i en kalender',
     'Familjerna hittar inte alla aktiviteter som finns på sommarlovet.',
     'Samla kommunens och föreningarnas aktiviteter i en gemensam kalender med anmälan.'],
    ['kultur-och-fritid', 'Kulturväska till förskolan',
     'Förskolorna långt från centrum får sällan del av kulturutbudet.',
     'Packa kulturväskor med böcker, instrument och teaterrekvisita som cirkulerar mellan förskolorna.'],
    ['miljo-och-klimat', 'Återbruk av möbler mellan förvaltningarna',
     'Förvaltningarna köper nya möbler medan fullt användbara står i förråd.',
     'Ett internt återbrukslager med en katalog där alla kan se och boka möbler.'],
    ['miljo-och-klimat', 'Elcyklar för tjänsteresor',
     'Personalen tar bilen även till korta möten inne i tätorten.',
     'Ställ elcyklar vid de större arbetsplatserna som personalen bokar i kalendern.'],
    ['miljo-och-klimat', 'Mindre matsvinn i storköket',
     'Storköket lagar för mycket mat eftersom antalet ätande inte är känt i förväg.',
     'Låt enheterna anmäla antalet ätande dagen före i en enkel e-tjänst.'],
    ['miljo-och-klimat', 'Solceller på kommunens tak',
     'Många av kommunens tak står oanvända medan elkostnaderna ökar.',
     'Kartlägg taken och installera solceller där det lönar sig, med början på skolorna.'],
    ['miljo-och-klimat', 'Bilpool med elbilar',
     'Verksamheterna har egna bilar som står stilla större delen av dagen.',
     'Samla bilarna i en gemensam bilpool med elbilar och ett bokningssystem.'],
    ['administration-och-digitalisering', 'Robot för leverantörsfakturor',
     'Ekonomerna för över samma uppgifter från fakturor för hand varje månad.',
     'Låt en programvarurobot läsa av och kontera återkommande fakturor som sedan bara attesteras.'],
    ['administration-och-digitalisering', 'E-tjänst för intyg till medarbetare',
     'Löneenheten får många samtal om tjänstgöringsintyg som skrivs för hand.',
     'En e-tjänst där medarbetaren själv hämtar sitt intyg direkt ur lönesystemet.'],
    ['administration-och-digitalisering', 'Gemensam mall för politiska ärenden',
     'Tjänsteskrivelserna ser olika ut och nämndsekreterarna rättar formalia i varje ärende.',
     'En gemensam mall med inbyggd checklista i ärendehanteringssystemet.'],
    ['administration-och-digitalisering', 'Digital posthantering',
     'Inkommande post sorteras och delas ut för hand och blir liggande under semestrar.',
     'Skanna all inkommande post centralt och fördela den digitalt till rätt handläggare.'],
    ['annat', 'Idéfika på arbetsplatsen',
     'Medarbetarna har idéer men vet inte hur de ska ta dem vidare.',
     'Ordna en idéfika en gång i månaden där idéer lyfts och skickas in till idéslussen.']
  ];
  -- Where each idea comes from, three workplaces per area (same order as v_area_ids).
  v_area_ids text[] := array['vard-och-omsorg', 'skola-och-forskola', 'socialtjanst', 'samhallsbyggnad',
    'kultur-och-fritid', 'miljo-och-klimat', 'administration-och-digitalisering', 'annat'];
  v_places text[][] := array[
    ['Hemtjänsten Norr', 'Solgårdens äldreboende', 'Ekängens korttidsboende'],
    ['Centralskolan', 'Barn- och utbildningsförvaltningen', 'Västerskolan'],
    ['Individ- och familjeomsorgen', 'Försörjningsstödet', 'Familjecentralen'],
    ['Samhällsbyggnadsförvaltningen', 'Tekniska förvaltningen', 'Planenheten'],
    ['Stadsbiblioteket', 'Kulturskolan', 'Fritidsförvaltningen'],
    ['Serviceförvaltningen', 'Miljö- och klimatenheten', 'Fastighetsenheten'],
    ['Ekonomienheten', 'Löneenheten', 'Kommunledningskontoret'],
    ['Kontaktcenter', 'Medborgarkontoret', 'Kommunhuset']
  ];
  v_first text[] := array['Anna', 'Johan', 'Eva', 'Mikael', 'Maria', 'Lars', 'Karin', 'Andreas', 'Sara',
    'Per', 'Elin', 'Fredrik', 'Ida', 'Magnus', 'Emma', 'Nils', 'Linnea', 'Henrik', 'Amira', 'Omar'];
  v_last text[] := array['Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
    'Gustafsson', 'Pettersson', 'Jonsson', 'Lindqvist', 'Hedberg', 'Sandström', 'Jakobsson', 'Mohammadi'];
  v_others text[] := array['1494', '1499', '1493', '1495', '1470', '1471', '1497', '1446', '1445', '1444',
    '1447', '1472', '1498', '1473'];
  v_states text[] := array['received', 'in_review', 'received', 'needs_info', 'in_review', 'assessed', 'received',
    'in_review', 'accepted', 'parked', 'in_review', 'declined'];
  v_n integer;
  v_seed integer;
  v_idea_id uuid;
  v_received timestamptz;
  v_municipality text;
  v_state text;
  v_path text[];
  v_step integer;
  v_at timestamptz;
  v_event_id bigint;
  v_local uuid;
  v_year integer;
  v_number integer;
  v_assigned_at timestamptz;
  v_place text;
  v_title text;
  v_first_name text;
  v_last_name text;
  v_criterion record;
begin
  if v_region is null or v_coordinator is null
    or exists (select 1 from app.assignments a where a.reviewer_id = v_region) then
    return;
  end if;

  update app.ideas i
  set state_changed_at = (select max(e.occurred_at) from app.idea_events e where e.idea_id = i.id)
  where exists (select 1 from app.idea_events e where e.idea_id = i.id);

  alter table app.ideas disable trigger ideas_keep_reference_and_arrival;

  -- Oldest first, so references follow the order of arrival within each year.
  for v_n in reverse 120 .. 1 loop
    v_seed := 1 + (v_n * 7) % 40;
    v_municipality := case when v_n % 2 = 1 then '1496' else v_others[1 + (v_n / 2) % 14] end;
    v_state := v_states[1 + v_n % 12];
    -- Newer ideas are more often still open: the newest 30 are all received or in review.
    if v_n <= 30 then
      v_state := case when v_n % 3 = 0 then 'in_review' else 'received' end;
    end if;
    v_received := date_trunc('minute', now()) - make_interval(days => 1 + v_n * 3 / 2, hours => 7 + v_n % 9);
    v_year := extract(year from v_received at time zone 'Europe/Stockholm')::integer;
    insert into app.reference_counters (year, last_number) values (v_year, 1)
    on conflict (year) do update set last_number = app.reference_counters.last_number + 1
    returning last_number into v_number;
    v_idea_id := gen_random_uuid();
    v_local := case when v_municipality = '1496' then v_skovde else v_coordinator end;
    -- The three ideas of one seed come from its area's three workplaces.
    v_place := v_places[array_position(v_area_ids, v_seeds[v_seed][1])][1 + ((v_n - 1) / 40 + v_n) % 3];
    v_title := v_seeds[v_seed][2] || ' – ' || v_place;
    v_first_name := v_first[1 + v_n % 20];
    v_last_name := v_last[1 + (v_n * 3) % 15];

    v_path := case v_state
      when 'received' then array['received']
      when 'in_review' then array['received', 'in_review']
      when 'needs_info' then array['received', 'in_review', 'needs_info']
      when 'assessed' then array['received', 'in_review', 'assessed']
      else array['received', 'in_review', 'assessed', v_state]
    end;

    insert into app.ideas (id, reference, received_at, state, public_state, state_changed_at, municipality_code, area_id,
      shared_regionally, title, problem, proposal, contact_consent, publish_consent)
    values (v_idea_id, format('IS-%s-%s', v_year, lpad(v_number::text, 4, '0')), v_received, v_state, v_state,
      v_received, v_municipality, v_seeds[v_seed][1], v_n % 9 = 0, v_title,
      v_seeds[v_seed][3], v_seeds[v_seed][4], v_n % 4 <> 0, v_n % 3 = 0);

    insert into app.idea_versions (idea_id, version, title, problem, proposal, beneficiaries, expected_effects, tried,
      resources, workplace, created_at)
    values (v_idea_id, 1, v_title, v_seeds[v_seed][3], v_seeds[v_seed][4],
      case v_seeds[v_seed][1] when 'skola-och-forskola' then array['elever'] when 'vard-och-omsorg' then
        array['brukare_patienter', 'medarbetare'] when 'administration-och-digitalisering' then array['medarbetare']
        else array['invanare'] end,
      'Kortare väntetider, mindre dubbelarbete och mer tid för dem vi är till för.',
      (array['nej', 'delvis', 'ja'])[1 + v_n % 3], 'Arbetstid för en pilot och eventuellt en licens.',
      v_place, v_received);

    insert into app.idea_bearers (idea_id, name, email, phone, privacy_notice_read_at, created_at)
    select v_idea_id, v_first_name || ' ' || v_last_name,
      lower(translate(v_first_name || '.' || v_last_name, 'åäöÅÄÖé', 'aaoAAOe')) || v_n || '@' || m.email_domains[1],
      case when v_n % 5 = 0 then '0500-' || lpad((v_n * 97 % 1000000)::text, 6, '0') end, v_received, v_received
    from app.municipalities m where m.code = v_municipality;

    insert into app.status_tokens (token_hash, idea_id, created_at)
    values (sha256(convert_to(gen_random_uuid()::text, 'UTF8')), v_idea_id, v_received);

    v_at := v_received;
    for v_step in 1 .. cardinality(v_path) loop
      insert into app.idea_events (idea_id, occurred_at, actor_kind, actor_user_id, from_state, to_state, reason,
        visible_to_bearer)
      values (v_idea_id, v_at,
        case when v_step = 1 then 'bearer' when v_path[v_step] in ('in_review', 'needs_info') and v_local = v_skovde
          then 'reviewer' else 'coordinator' end,
        case when v_step = 1 then null when v_path[v_step] in ('in_review', 'needs_info') then v_local
          else v_coordinator end,
        case when v_step = 1 then null else v_path[v_step - 1] end,
        v_path[v_step],
        case v_path[v_step]
          when 'received' then 'Idén kom in via formuläret.'
          when 'in_review' then 'Idén är tilldelad för bedömning.'
          when 'needs_info' then 'Vi behöver veta hur många som berörs.'
          when 'assessed' then 'Alla bedömningar är klara.'
          when 'accepted' then 'Hög nytta och god genomförbarhet enligt bedömningen.'
          when 'parked' then 'Bra idé men inte rätt tid; tas upp igen nästa budgetår.'
          else 'Låg genomförbarhet i förhållande till nyttan.'
        end,
        v_path[v_step] not in ('accepted', 'parked', 'declined'))
      returning id into v_event_id;
      if v_path[v_step] in ('accepted', 'parked', 'declined') then
        insert into app.decision_messages (event_id, idea_id, body, released_at, released_by)
        values (v_event_id, v_idea_id,
          case v_path[v_step]
            when 'accepted' then 'Tack för din idé! Den går vidare till utveckling och vi hör av oss om nästa steg.'
            when 'parked' then 'Tack för din idé! Vi lägger den vilande just nu och tar upp den igen nästa år.'
            else 'Tack för din idé! Vi går inte vidare med den, eftersom den skulle kräva mer resurser än den ger nytta.'
          end,
          v_at + interval '1 day', v_coordinator);
      end if;
      if v_step < cardinality(v_path) then
        v_at := v_at + make_interval(days => least(2 + v_n % 5, greatest(v_n / 4, 1)), hours => 2);
      end if;
    end loop;
    update app.ideas set state_changed_at = v_at where id = v_idea_id;

    if v_state = 'needs_info' then
      insert into app.messages (idea_id, direction, author_id, body, created_at)
      values (v_idea_id, 'to_bearer', coalesce(case when v_local = v_skovde then v_skovde end, v_region),
        'Hej! Hur många medarbetare eller invånare skulle beröras av idén, ungefär?', v_at);
    end if;

    -- Assignments: the Skövde coach on Skövde's ideas, the regional reviewer on half of Skövde's and a
    -- quarter of the others, the coordinator on the rest. Finished ones were due two weeks after
    -- assignment; open ones are due between six days ago and two weeks ahead, so about a quarter of
    -- them are overdue.
    if v_state <> 'received' then
      v_assigned_at := v_received + interval '1 day';
      insert into app.assignments (idea_id, reviewer_id, assigned_by, assigned_at, due_on, done_at)
      select v_idea_id, r, v_coordinator, v_assigned_at,
        case when 'assessed' = any (v_path) or (r = v_region and v_n % 4 = 1)
          then (v_assigned_at + interval '14 days')::date
          else ((now() at time zone 'Europe/Stockholm')::date + (v_n % 21) - 6) end,
        case when 'assessed' = any (v_path) then v_assigned_at + interval '9 days'
          when r = v_region and v_n % 4 = 1 then v_assigned_at + interval '5 days' end
      from unnest(array[
        case when v_municipality = '1496' then v_skovde end,
        case when (v_municipality = '1496' and v_n % 4 in (1, 3)) or v_n % 4 = 2 then v_region end,
        case when v_municipality <> '1496' and v_n % 4 <> 2 then v_coordinator end
      ]) r
      where r is not null;

      for v_criterion in select cv.criterion_id, cv.id from app.criteria_versions cv where cv.version = 1 loop
        insert into app.scores (idea_id, reviewer_id, criterion_id, criteria_version_id, score, comment, submitted_at,
          updated_at)
        select v_idea_id, a.reviewer_id, v_criterion.criterion_id, v_criterion.id,
          case when v_state in ('declined', 'parked') then 2 + (v_n + length(v_criterion.criterion_id)) % 2
            else 3 + (v_n + length(v_criterion.criterion_id)) % 3 end,
          'Bedömd utifrån nivåbeskrivningen.', a.done_at, a.done_at
        from app.assignments a where a.idea_id = v_idea_id and a.done_at is not null;
      end loop;
      insert into app.score_history (score_id, score, comment, recorded_at, recorded_by)
      select s.id, s.score, s.comment, s.submitted_at, s.reviewer_id from app.scores s where s.idea_id = v_idea_id;
      insert into app.recommendations (idea_id, reviewer_id, recommendation, comment, given_at)
      select v_idea_id, a.reviewer_id,
        case v_state when 'declined' then 'avsla' when 'parked' then 'vilande' else 'vidare' end,
        'Se mina poäng.', a.done_at
      from app.assignments a where a.idea_id = v_idea_id and a.done_at is not null;
    end if;
  end loop;

  alter table app.ideas enable trigger ideas_keep_reference_and_arrival;
end
$$;

-- ===========================================================================================
-- 6. Assessments in progress (issue 13), so the idea page and the queue show aggregates, the blind
--    rule, jäv and notes:
--    * every demo score above had its jäv question answered "no" first, as scoring now requires;
--    * on the three newest Skövde ideas in review that the regional reviewer has assessed, the
--      Skövde coach has assessed too, two points apart on Nytta (the disagreement flag) and the
--      same on the rest, so "2 av 2 klara" where both were assigned;
--    * the Lidköping coach has declared jäv on the newest shared idea in review;
--    * the newest of those Skövde ideas has an internal note mentioning the regional reviewer, and
--      her reply.
--    Skipped when any internal note exists (run twice, it adds nothing).
-- ===========================================================================================
do $$
declare
  v_skovde constant uuid := '00000000-0000-4000-a000-000000000002';
  v_lidkoping constant uuid := '00000000-0000-4000-a000-000000000003';
  v_region constant uuid := '00000000-0000-4000-a000-000000000004';
  v_idea record;
  v_first_idea uuid;
  v_note bigint;
  v_shared uuid;
begin
  if exists (select 1 from app.internal_notes) then
    return;
  end if;

  for v_idea in
    select i.id, a.done_at
    from app.ideas i
    join app.assignments a on a.idea_id = i.id and a.reviewer_id = v_region and a.done_at is not null
    where i.state = 'in_review' and i.municipality_code = '1496'
    order by i.received_at desc
    limit 3
  loop
    v_first_idea := coalesce(v_first_idea, v_idea.id);
    insert into app.scores (idea_id, reviewer_id, criterion_id, criteria_version_id, score, comment, submitted_at,
      updated_at)
    select s.idea_id, v_skovde, s.criterion_id, s.criteria_version_id,
      case when s.criterion_id <> 'nytta' then s.score when s.score <= 3 then s.score + 2 else s.score - 2 end,
      case when s.criterion_id = 'nytta' then 'Jag ser nyttan annorlunda än nivåbeskrivningen antyder.'
        else 'Bedömd utifrån nivåbeskrivningen.' end,
      v_idea.done_at + interval '1 day', v_idea.done_at + interval '1 day'
    from app.scores s
    where s.idea_id = v_idea.id and s.reviewer_id = v_region
    on conflict (idea_id, reviewer_id, criterion_id) do nothing;
    insert into app.score_history (score_id, score, comment, recorded_at, recorded_by)
    select s.id, s.score, s.comment, s.submitted_at, s.reviewer_id
    from app.scores s where s.idea_id = v_idea.id and s.reviewer_id = v_skovde;
    insert into app.recommendations (idea_id, reviewer_id, recommendation, comment, given_at, updated_at)
    values (v_idea.id, v_skovde, 'vidare', 'Värd att pröva i liten skala först.', v_idea.done_at + interval '1 day',
      v_idea.done_at + interval '1 day')
    on conflict (idea_id, reviewer_id) do nothing;
    update app.assignments a set done_at = v_idea.done_at + interval '1 day'
    where a.idea_id = v_idea.id and a.reviewer_id = v_skovde and a.done_at is null;
  end loop;

  -- "No jäv" before every score, at the time of the reviewer's first score.
  insert into app.conflicts_of_interest (idea_id, reviewer_id, has_conflict, reason, declared_at)
  select s.idea_id, s.reviewer_id, false, null, min(s.submitted_at)
  from app.scores s
  group by s.idea_id, s.reviewer_id
  on conflict (idea_id, reviewer_id) do nothing;
  insert into app.recommendation_history (idea_id, reviewer_id, recommendation, comment, recorded_at)
  select r.idea_id, r.reviewer_id, r.recommendation, r.comment, r.given_at from app.recommendations r;

  select i.id into v_shared
  from app.ideas i
  where i.state = 'in_review' and i.shared_regionally and i.municipality_code <> '1494'
  order by i.received_at desc
  limit 1;
  if v_shared is not null then
    insert into app.conflicts_of_interest (idea_id, reviewer_id, has_conflict, reason, declared_at)
    values (v_shared, v_lidkoping, true, 'Idébäraren är min tidigare kollega och vi har arbetat med idén tillsammans.',
      now() - interval '2 days')
    on conflict (idea_id, reviewer_id) do nothing;
    delete from app.assignments a where a.idea_id = v_shared and a.reviewer_id = v_lidkoping;
  end if;

  if v_first_idea is not null then
    insert into app.internal_notes (idea_id, author_id, body, created_at)
    values (v_first_idea, v_skovde,
      'Vi är oeniga om nyttan. Kan vi ta det på nästa slussmöte? Rut, du kanske vet om Falköping har provat något liknande?',
      now() - interval '1 day')
    returning id into v_note;
    insert into app.note_mentions (note_id, reviewer_id) values (v_note, v_region);
    insert into app.internal_notes (idea_id, author_id, reply_to_id, body, created_at)
    values (v_first_idea, v_region, v_note, 'Falköping provade en enklare variant i fjol. Jag tar med det till mötet.',
      now() - interval '20 hours');
  end if;
end
$$;
