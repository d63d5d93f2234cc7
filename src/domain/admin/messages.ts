/**
 * What coordinators read on the operations pages and endpoints (personal-data requests, gallring,
 * dead e-mails) and in the personal-data export. The workspace is Swedish only (SPEC "Users"), so
 * there is one language. The database raises codes and rule keys (decision 0007); this catalogue
 * turns them into sentences. Pure: no I/O.
 */

/** A refusal from the database, as the functions' classifier reads it. */
export interface AdminRefusal {
  /** The SQLSTATE: IS002, PT404, 42501 … */
  code: string;
  /** The rule key, e.g. `coordinator_only`. */
  rule: string;
  /** For IS002: the field the rule is about. */
  field?: string | undefined;
}

/** IS002 per field and rule. */
const fieldTexts: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  email: {
    missing: "Skriv personens e-postadress.",
    invalid: "Skriv e-postadressen i rätt format, till exempel namn@skovde.se.",
  },
  decision: { unknown_value: "Välj om begäran gäller radering eller begränsning." },
  reason: {
    missing: "Skriv varför begäran beviljas och vad som finns kvar.",
    too_long: "Motiveringen får vara högst 2000 tecken.",
  },
  purpose: { unknown_value: "Välj JSON eller HTML för exporten." },
  format: { unknown_value: "Välj JSON eller HTML för exporten." },
  category: { unknown_value: "Den gallringsregeln finns inte." },
  keep_for: {
    missing: "Skriv hur länge uppgifterna ska sparas, till exempel 2 years.",
    invalid: "Skriv tiden som ett intervall, till exempel 2 years eller 90 days.",
    out_of_range: "Tiden ska vara mellan 0 och 50 år.",
  },
  after: { unknown_value: "Välj en tidpunkt som passar kategorin." },
  active: { missing: "Välj om regeln ska gälla.", invalid: "Välj aktiv eller inaktiv." },
  legal_basis: {
    missing: "Skriv vilket gallringsbeslut eller vilken bestämmelse regeln bygger på.",
    too_long: "Den rättsliga grunden får vara högst 1000 tecken.",
  },
  page_size: { out_of_range: "Visa mellan 1 och 200 händelser per sida." },
  id: { invalid: "Det e-postmeddelandet finns inte. Ladda om sidan." },
  // The administration (reviewers, criteria, municipalities, areas).
  display_name: { invalid: "Skriv personens namn, högst 150 tecken." },
  role: { invalid: "Välj om personen är granskare eller samordnare." },
  municipality_code: { invalid: "Välj en kommun som är aktiv, eller hela regionen." },
  invitation_token: { invalid: "Inbjudan gick inte att skapa. Försök igen." },
  name: { invalid: "Skriv ett namn, högst 100 tecken." },
  description: { invalid: "Skriv en beskrivning, högst 2000 tecken." },
  levels: { invalid: "Skriv vad var och en av poängen 1 till 5 betyder." },
  weight: { invalid: "Skriv en vikt mellan 0,1 och 10, till exempel 1 eller 1,5." },
  code: { invalid: "Skriv kommunkoden med fyra siffror, till exempel 1494." },
  email_domains: { invalid: "Skriv minst en e-postdomän, till exempel lidkoping.se." },
  sort_order: { invalid: "Skriv ordningen som ett heltal mellan 0 och 10000." },
  // The queue's filter, as the export of ideas checks it again (api.start_idea_export).
  state: { unknown_value: "Välj ett läge i listan och exportera igen." },
  municipality: {
    unknown_value: "Den kommunen finns inte. Välj en kommun i listan och exportera igen.",
  },
  area: { unknown_value: "Det området finns inte. Välj ett område i listan och exportera igen." },
  search: { too_long: "Sökningen får vara högst 200 tecken." },
  sort: { unknown_value: "Välj att sortera på inkommen eller på väntetid." },
  filters: { not_an_object: "Filtret går inte att läsa. Börja om från listan och exportera igen." },
  cursor: { invalid_cursor: "Exporten avbröts. Börja om från listan och exportera igen." },
  before: { invalid: "Sidan i loggen finns inte. Börja om från den senaste händelsen." },
};

/** Per SQLSTATE and rule key. */
const ruleTexts: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "42501": {
    coordinator_only: "Det här är bara för samordnare.",
    not_reviewer: "Du behöver vara inloggad som aktiv samordnare för att se det här.",
  },
  PT409: {
    already_reviewer: "Personen har redan ett konto. Ändra kontot i listan i stället.",
    account_exists:
      "Det finns redan ett konto med den e-postadressen. Ändra det i listan, eller be personen logga in.",
    cannot_deactivate_self: "Du kan inte inaktivera ditt eget konto. Be en annan samordnare.",
    last_coordinator:
      "Det måste finnas minst en aktiv samordnare. Gör någon annan till samordnare först.",
    unchanged: "Du har inte ändrat något, så ingen ny version sparades.",
    name_taken: "Det namnet finns redan. Välj ett annat namn.",
    recipient_restricted:
      "Behandlingen av mottagarens personuppgifter är begränsad, så e-post skickas inte till hen.",
  },
  PT404: {
    reviewer_not_found: "Kontot finns inte. Ladda om sidan.",
    criterion_not_found: "Kriteriet finns inte. Ladda om sidan.",
    account_missing: "Kontot för inbjudan gick inte att skapa. Försök igen om en liten stund.",
    not_found:
      "E-postmeddelandet finns inte bland dem som inte gick att skicka. Någon kan redan ha skickat det igen. Ladda om sidan.",
    no_personal_data:
      "Det finns inga idéer från den e-postadressen som du har behörighet till, så det finns inget att besluta om.",
  },
};

const generalTexts: Readonly<Record<string, string>> = {
  IS002: "Kontrollera det du skrev och försök igen.",
  PT404: "Det du söker finns inte, eller så har du inte behörighet att se det.",
  "42501": "Du har inte behörighet att göra det här.",
};

const fallback = "Det gick inte. Ladda om sidan och försök igen.";

/** The rules this catalogue has a message for: `code:rule`, and `IS002:field:rule`. */
export function knownAdminRules(): string[] {
  return [
    ...Object.entries(ruleTexts).flatMap(([code, rules]) =>
      Object.keys(rules).map((rule) => `${code}:${rule}`),
    ),
    ...Object.entries(fieldTexts).flatMap(([field, rules]) =>
      Object.keys(rules).map((rule) => `IS002:${field}:${rule}`),
    ),
  ];
}

/** The sentence for a refusal. */
export function adminRefusalMessage(refusal: AdminRefusal): string {
  if (refusal.code === "IS002" && refusal.field) {
    const text = fieldTexts[refusal.field]?.[refusal.rule];
    if (text) return text;
  }
  return ruleTexts[refusal.code]?.[refusal.rule] ?? generalTexts[refusal.code] ?? fallback;
}

/** The e-mail templates by what a coordinator calls them; an unknown one shows its key. */
export const emailTemplateLabels: Readonly<Record<string, string>> = {
  submission_receipt: "Kvitto på inskickad idé",
  question_to_bearer: "Fråga till idébäraren",
  decision_released: "Beslut till idébäraren",
  weekly_digest: "Veckobrev till samordnarna",
  assignment_to_reviewer: "Uppdrag till granskare",
  note_mention: "Omnämnande i anteckning",
  reviewer_invitation: "Inbjudan till granskare",
};

/** A template's label, or its key when this code does not know it. */
export function emailTemplateLabel(template: string): string {
  return emailTemplateLabels[template] ?? template;
}

/** E-mail statuses in the outbox. */
export const emailStatusLabels: Readonly<Record<string, string>> = {
  pending: "väntar på att skickas",
  sent: "skickat",
  dead: "gick inte att skicka",
};

/** The texts of the personal-data page and its export. */
export const personalDataTexts = {
  coordinatorsOnly: "Den här sidan är bara för samordnare.",
  unavailable: "Tjänsten går inte att nå just nu. Försök igen om en liten stund.",
  searching: "Söker …",
  saving: "Sparar …",
  errorSummaryTitle: "Det finns ett problem",
  nothingFound: (email: string) =>
    `Det finns inga uppgifter om ${email} som du har behörighet till. Sökningen har loggats.`,
  foundSummary: (ideas: number, matches: number) =>
    `${ideas === 1 ? "1 idé" : `${ideas} idéer`} från adressen${
      matches > 0
        ? `, och ${matches === 1 ? "1 möjlig träff" : `${matches} möjliga träffar`} på namnet`
        : ""
    }. Sökningen har loggats.`,
  exportJson: "Ladda ner som JSON (maskinläsbar)",
  exportHtml: "Öppna som sida att skriva ut eller spara",
  exportNote:
    "Varje export loggas. Gör en sekretessprövning innan du lämnar ut något: anteckningar och meddelanden kan innehålla uppgifter om andra.",
  possibleMatch: "Möjlig träff på namnet – kontrollera att det gäller samma person.",
  decisionHeading: "Besluta om begäran",
  decisionIntro:
    "Beslutet gäller idéerna som personen har skickat in. Idéns text är en allmän handling och finns kvar; kontaktuppgifterna tas bort vid radering.",
  decisionLabels: {
    erasure: "Radering – kontaktuppgifterna och e-posten till personen tas bort vid nästa gallring",
    restriction:
      "Begränsning – kontaktuppgifterna döljs i granskningen och ingen e-post skickas till personen",
  },
  reasonLabel: "Motivering",
  reasonHint: "Varför begäran beviljas och vad som finns kvar. Högst 2000 tecken.",
  saveDecision: "Spara beslutet",
  decisionSaved: (decision: "erasure" | "restriction", ideas: number) =>
    decision === "erasure"
      ? `Beslutet om radering är sparat för ${ideas === 1 ? "1 idé" : `${ideas} idéer`}. Kontaktuppgifterna tas bort vid nästa gallring, senast i natt.`
      : `Beslutet om begränsning är sparat och gäller nu för ${ideas === 1 ? "1 idé" : `${ideas} idéer`}.`,
  decisionNames: { erasure: "Radering", restriction: "Begränsning" },
  waiting: "väntar på nästa gallring",
} as const;

/** The texts of the dead e-mails page. */
export const deadEmailTexts = {
  none: "Inga e-postmeddelanden har misslyckats. Allt har skickats eller väntar på att skickas.",
  retry: "Skicka igen",
  retrying: "Skickar …",
  retried: (label: string, reference: string | null) =>
    `${label}${reference ? ` för ${reference}` : ""} skickas igen inom en minut.`,
  attempts: (count: number) => (count === 1 ? "1 försök" : `${count} försök`),
  newStatusLink:
    "Ett kvitto som skickas igen får en ny statuslänk, eftersom den gamla inte sparas i klartext.",
} as const;

/** The texts of the gallring overview. */
export const gallringTexts = {
  inactive: "Gäller inte",
  active: "Gäller",
  nothingDue: "Nästa körning tar inte bort något.",
  rows: (count: number) => (count === 1 ? "1 uppgift" : `${count} uppgifter`),
  onRequest: (count: number) =>
    count === 1 ? "varav 1 efter beslut om radering" : `varav ${count} efter beslut om radering`,
} as const;

/** The texts of the administration pages (reviewers, criteria, municipalities and areas). */
export const administrationTexts = {
  loading: "Hämtar …",
  saving: "Sparar …",
  errorSummaryTitle: "Det finns ett problem",
  roleLabels: { reviewer: "Granskare", coordinator: "Samordnare" },
  regional: "Hela regionen",
  active: "Aktivt",
  inactive: "Inaktiverat",
  invitedNotSignedIn: "Inbjuden, har inte loggat in än",
  invited: (name: string, email: string) =>
    `${name} är inbjuden. En inbjudan har skickats till ${email}. Länken i den gäller i en timme.`,
  changed: (name: string) => `Ändringen för ${name} är sparad.`,
  deactivated: (name: string) =>
    `${name} är inaktiverad. Personen loggas ut direkt och kan inte logga in igen.`,
  reactivated: (name: string) => `${name} är aktiv igen och kan logga in.`,
  deactivate: "Inaktivera",
  reactivate: "Aktivera igen",
  save: "Spara",
  criterionSaved: (name: string, version: number) =>
    `Version ${version} av ${name} är sparad. Nya bedömningar görs mot den. Bedömningar som redan är gjorda behåller sin version.`,
  municipalitySaved: (name: string, created: boolean) =>
    created
      ? `${name} är tillagd. Kommunen finns nu att välja i idéformuläret.`
      : `Ändringen för ${name} är sparad.`,
  areaSaved: (name: string, created: boolean) =>
    created
      ? `${name} är tillagt. Området finns nu att välja i idéformuläret.`
      : `Ändringen för ${name} är sparad.`,
} as const;

/** The texts of the welcome page, where an invited person chooses a password. */
export const welcomeTexts = {
  linkExpired:
    "Länken i inbjudan fungerar inte längre. Den gäller i en timme och kan bara användas en gång. Be samordnaren skicka en ny inbjudan.",
  weakPassword: "Välj ett längre lösenord som är svårare att gissa, minst 12 tecken.",
  notReviewer: "Kontot är inte aktivt. Kontakta samordnaren.",
  saving: "Sparar lösenordet …",
  done: "Lösenordet är sparat. Du är inloggad.",
} as const;

/** What each audit action is called on the log page; an unknown key shows as itself. */
export const auditActionLabels: Readonly<Record<string, string>> = {
  ideas_export: "Export av idéer",
  gallring: "Gallring",
  personal_data_search: "Sökning efter personuppgifter",
  personal_data_export: "Utdrag av personuppgifter",
  personal_data_decision: "Beslut om personuppgifter",
  email_retry: "E-post skickades igen",
  retention_rule_changed: "Ändrad gallringsregel",
  reviewer_invited: "Inbjudan av granskare",
  reviewer_invited_again: "Ny inbjudan av granskare",
  reviewer_changed: "Ändrad roll eller kommun för granskare",
  reviewer_deactivated: "Inaktiverad granskare",
  reviewer_reactivated: "Granskare aktiv igen",
  criterion_revised: "Ny version av kriterium",
  municipality_added: "Ny kommun",
  municipality_changed: "Ändrad kommun",
  area_added: "Nytt område",
  area_changed: "Ändrat område",
};

/** Who did it: a role, or the system for the scheduled jobs. */
export const auditActorLabels: Readonly<Record<string, string>> = {
  coordinator: "samordnare",
  reviewer: "granskare",
  system: "systemet",
};

/** The queue filters' names as the log shows them. */
const filterLabels: Readonly<Record<string, string>> = {
  state: "läge",
  municipality: "kommunkod",
  area: "område",
  search: "sökning",
  assignedToMe: "tilldelade",
  awaitingMyAssessment: "väntar på bedömning",
  overdue: "försenade",
};

/** An action's label, or its key when this code does not know it. */
export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

/**
 * The facts of an audit event as one Swedish sentence for the log: an export's format, rows,
 * filter and whether it held personal data; for other actions their facts as "name: value". Never
 * more than the trail holds (no content, no addresses).
 */
export function describeAuditDetails(action: string, details: Record<string, unknown>): string {
  if (action === "ideas_export") {
    const rows = typeof details.rows === "number" ? details.rows : 0;
    const filters = Object.entries((details.filters as Record<string, unknown> | null) ?? {}).map(
      ([name, value]) =>
        value === true
          ? (filterLabels[name] ?? name)
          : `${filterLabels[name] ?? name} ${String(value)}`,
    );
    return [
      `${String(details.format ?? "").toUpperCase()}, ${rows === 1 ? "1 idé" : `${rows} idéer`}`,
      filters.length > 0 ? `filter: ${filters.join(", ")}` : "utan filter",
      details.personalData === true ? "med personuppgifter" : "utan personuppgifter",
    ].join("; ");
  }
  return Object.entries(details)
    .map(
      ([name, value]) =>
        `${name}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
    )
    .join("; ");
}

/** The texts of the log page. */
export const auditTexts = {
  loading: "Hämtar loggen …",
  none: "Inga händelser med det filtret.",
  caption: (count: number) => `Händelser i loggen (${count} visas)`,
  headings: ["Tid", "Vem", "Händelse", "Idé", "Uppgifter"],
  older: "Visa äldre händelser",
  shown: (count: number) => (count === 1 ? "1 händelse visas." : `${count} händelser visas.`),
  allShown: "Alla händelser visas.",
} as const;
