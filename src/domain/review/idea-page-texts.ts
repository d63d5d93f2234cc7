import { referencePattern } from "../idea/formats.ts";
import type { IdeaInterest, IdeaLink, TimelineEvent } from "./answers.ts";

/**
 * What the idea page (`/granska/ide/?ref=IS-2026-0042`) says, in Swedish (the workspace is Swedish
 * only). The page's script builds the page from these; the idea's own words come from the API and
 * are always set as text. Pure: no I/O.
 */

/**
 * An idea's reference from the page's address or the API's path: trimmed and in capitals
 * (`is-2026-0042` is `IS-2026-0042`), or what is wrong with it.
 */
export function parseIdeaReference(
  value: string | null | undefined,
): { ok: true; value: string } | { ok: false; missing: boolean; message: string } {
  const reference = (value ?? "").trim().toUpperCase();
  if (!reference) return { ok: false, missing: true, message: ideaPageTexts.referenceMissing };
  if (!referencePattern.test(reference))
    return { ok: false, missing: false, message: ideaPageTexts.referenceMalformed };
  return { ok: true, value: reference };
}

/**
 * How similar an idea is, in words rather than a percentage. The score (0.3–1) is a weighted share
 * of rare words in common, or of title trigrams (docs/data-model.md, "Similar ideas"), not a
 * probability or a share of identical text; "92 %" would promise a precision it does not have.
 * The bands follow what was measured on the demo ideas: ideas about the same thing worded
 * differently score 0.37–0.64, copies of one idea to several municipalities 0.9 and more.
 */
export function similarityInWords(similarity: number): string {
  if (similarity >= 0.75) return "Nästan likadan";
  if (similarity >= 0.5) return "Mycket lik";
  return "Lik";
}

/** Who did something on the timeline. */
function actorOf(event: TimelineEvent): string {
  if (event.actorName) return event.actorName;
  return event.actorKind === "bearer" ? "Idébäraren" : "Idéslussen";
}

export const ideaPageTexts = {
  /** The page's title while it loads, and the tab's title suffix. */
  title: "Idé",
  loading: "Hämtar idén …",
  backToQueue: "Tillbaka till listan med idéer",

  referenceMissing: "Adressen saknar idéns diarienummer. Gå tillbaka till listan och välj en idé.",
  referenceMalformed:
    "Det här är inget diarienummer. Ett diarienummer ser ut så här: IS-2026-0042.",
  referenceProblemHeading: "Idén kan inte visas",
  notFoundHeading: "Idén finns inte, eller så har du inte behörighet att se den",
  notFound: (reference: string) =>
    `Kontrollera diarienumret ${reference}. En idé från en annan kommun kan du bara öppna om den delas regionalt.`,
  errorHeading: "Idén kan inte visas just nu",
  unreachable: "Granskningen går inte att nå just nu. Försök igen om en liten stund.",
  retry: "Försök igen",

  /** The tab's title: the idea's title and reference. */
  documentTitle: (title: string, reference: string) => `${title} (${reference})`,

  facts: {
    heading: "Om idén",
    reference: "Diarienummer",
    state: "Läge",
    publicState: "Läge för idébäraren",
    municipality: "Kommun",
    area: "Verksamhetsområde",
    receivedAt: "Inkom",
    waiting: "Väntat i nuvarande läge",
    shared: "Delas regionalt",
    published: "Publicerad i idébanken",
    forwardedTo: "Vidareförmedlad till",
    followUpOn: "Följs upp",
    yes: "Ja",
    no: "Nej",
  },

  text: {
    heading: "Idén",
    title: "Rubrik",
    problem: "Problem eller behov",
    proposal: "Idén",
    beneficiaries: "Vem har nytta",
    expectedEffects: "Förväntade effekter",
    tried: "Har idén prövats?",
    resources: "Vad idén kan behöva",
    workplace: "Arbetsplats",
    empty: "Inte ifyllt",
    original: "Texten är originalet som kom in.",
    edited: (version: number, by: string | null, at: string) =>
      `Texten är version ${version}, ändrad${by ? ` av ${by}` : ""} ${at}.`,
  },

  versions: {
    heading: "Versioner",
    intro: (count: number) =>
      count === 1
        ? "Idén har en version: originalet som kom in. Originalet kan aldrig ändras; ändringar sparas som nya versioner."
        : `Idén har ${count} versioner. Den första är originalet som kom in och kan aldrig ändras.`,
    original: (at: string) => `Version 1 – originalet, inkom ${at}`,
    later: (version: number, by: string | null, at: string) =>
      `Version ${version} – ändrad${by ? ` av ${by}` : ""} ${at}`,
  },

  bearer: {
    heading: "Idébärare",
    name: "Namn",
    email: "E-post",
    phone: "Telefon",
    coBearers: "Fler som tagit fram idén",
    contactConsent: "Får kontaktas om idén",
    none: "Inte angivet",
    hidden:
      "Idébärarens kontaktuppgifter visas bara för idéns egen kommun och för regionens granskare och samordnare.",
    removed: "Idébärarens kontaktuppgifter har gallrats.",
  },

  assignments: {
    heading: "Granskare",
    progress: (done: number, expected: number) => `${done} av ${expected} bedömningar klara`,
    none: "Ingen granskare är utsedd ännu.",
    me: "du",
    done: (at: string) => `klar ${at}`,
    due: (at: string) => `senast ${at}`,
    overdue: "Försenad",
  },

  /** The place the assessment and the actions will have (next issues). */
  assessmentHeading: "Bedömning och åtgärder",

  timeline: {
    heading: "Händelser",
    none: "Inga händelser ännu.",
    actor: actorOf,
    received: "Idén kom in",
    move: (from: string, to: string) => `${from} → ${to}`,
    reason: "Motivering",
    decision: "Beslut och meddelande till idébäraren",
    released: (at: string) => `Skickat till idébäraren ${at}.`,
    unreleased: "Inte skickat till idébäraren ännu.",
    visibleToBearer: "Syns för idébäraren.",
  },

  messages: {
    heading: "Frågor och svar",
    none: "Inga frågor har ställts till idébäraren.",
    question: (author: string | null, at: string) =>
      `Fråga${author ? ` från ${author}` : ""}, ${at}`,
    answer: (at: string) => `Svar från idébäraren, ${at}`,
  },

  connections: {
    heading: "Kopplingar och intresse",
    links: "Kopplingar till andra idéer",
    interest: "Kommuners intresse",
    noLinks: "Idén är inte kopplad till någon annan idé.",
    noInterest: "Ingen kommun har anmält intresse ännu.",
    link: (link: IdeaLink) =>
      ({
        duplicate_of: { to: "Dubblett av", from: "Har en dubblett:" },
        related: { to: "Relaterad till", from: "Relaterad till" },
      })[link.kind][link.direction],
    interestKind: (interest: IdeaInterest) =>
      ({ join: "vill delta", co_fund: "vill medfinansiera", implemented: "har infört idén" })[
        interest.kind
      ],
  },

  similar: {
    heading: "Liknande idéer i alla kommuner",
    intro:
      "Idéer från alla kommuner som liknar den här, mest lik först. Likheten bygger på orden i rubrik och text.",
    none: "Inga liknande idéer hittades.",
    similarity: "Likhet",
    outOfScope: (municipality: string) =>
      `Du kan inte öppna idén: den hör till ${municipality} och delas inte regionalt.`,
  },
} as const;
