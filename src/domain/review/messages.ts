import { ideaStateLabels, ideaStateLabelsEnglish, isIdeaState } from "../idea/states.ts";
import type { Locale } from "../locale.ts";

/**
 * What reviewers and coordinators read when the database refuses an action in the workspace, per
 * language. The database raises a code, a rule key and a field or facts (decision 0007); this turns
 * them into a sentence that says what happened and what to do. A rule this catalogue does not know
 * gets the code's general message, never an empty one; a unit test lists the rules the SQL raises.
 */

/** A refusal from the database, as the functions' classifier reads it. */
export interface ReviewRefusal {
  /** The SQLSTATE: IS001, IS002, IS003, IS004, IS005, PT404, PT409, 42501 … */
  code: string;
  /** The rule key, e.g. `stale_state`. */
  rule: string;
  /** For IS002: the field the rule is about. */
  field?: string | undefined;
  /** The facts the message names, e.g. `{ current: "in_review" }`. */
  facts?: Record<string, unknown>;
}

/** A state's label inside a sentence ("under bedömning"), or the raw value if it is no state. */
function stateInSentence(value: unknown, locale: Locale): string {
  const state = String(value ?? "");
  if (!isIdeaState(state)) return state;
  const label = (locale === "sv" ? ideaStateLabels : ideaStateLabelsEnglish)[state];
  return locale === "sv" ? label.toLocaleLowerCase("sv") : label.toLowerCase();
}

type Render = (facts: Record<string, unknown>, locale: Locale) => string;

interface Catalogue {
  /** Per SQLSTATE, per rule key. */
  rules: Record<string, Record<string, Render>>;
  /** IS002 per field, per rule key. */
  fields: Record<string, Record<string, string>>;
  /** The general message per SQLSTATE, for a rule this catalogue does not know. */
  general: Record<string, string>;
  /** For anything else. */
  fallback: string;
}

const sv: Catalogue = {
  rules: {
    IS001: {
      transition_not_allowed: (f, l) =>
        `Idén kan inte gå från ”${stateInSentence(f.from, l)}” till ”${stateInSentence(f.to, l)}”.`,
      questions_only_in_review: (f, l) =>
        `Du kan ställa frågor till idébäraren när idén är under bedömning, inte när den är ”${stateInSentence(f.current, l)}”.`,
    },
    IS003: {
      original_text_immutable: () =>
        "Originaltexten i en inkommen idé kan inte ändras eller tas bort. Spara ändringar som en ny version.",
      history_immutable: () => "Händelser i en idés historik kan inte ändras eller tas bort.",
      idea_cannot_be_deleted: () =>
        "En inkommen idé kan inte tas bort. Den gallras bara enligt beslutade gallringsregler.",
      reference_immutable: () => "Diarienumret och mottagningstiden för en idé kan inte ändras.",
    },
    IS002: {
      unknown_filter: () => "Det filtret finns inte. Ladda om sidan och välj igen.",
    },
    IS004: {
      decision_not_released: () =>
        "Skicka först beslutet till idébäraren. Sedan kan idén gå vidare.",
    },
    PT404: {
      not_found: () => "Idén finns inte, eller så har du inte behörighet att se den.",
    },
    PT409: {
      stale_state: (f, l) =>
        `Idén har redan ändrats av någon annan och är nu ”${stateInSentence(f.current, l)}”. Ladda om sidan och försök igen.`,
    },
    "42501": {
      not_reviewer: () => "Du behöver vara inloggad som aktiv granskare för att se det här.",
      coordinator_only: (f, l) => {
        if (f.action === "release_decision")
          return "Bara en samordnare får skicka ett beslut till idébäraren.";
        if (f.action === "publish_idea")
          return "Bara en samordnare får publicera idéer i idébanken.";
        if (f.from && f.to)
          return `Bara en samordnare får flytta idén från ”${stateInSentence(f.from, l)}” till ”${stateInSentence(f.to, l)}”.`;
        return "Bara en samordnare får göra det här.";
      },
      not_allowed: (f, l) =>
        f.from && f.to
          ? `Du får inte flytta idén från ”${stateInSentence(f.from, l)}” till ”${stateInSentence(f.to, l)}”.`
          : "Du får inte göra det här.",
    },
  },
  fields: {
    reason: { missing: "Skriv en motivering till ändringen." },
    message_to_bearer: {
      missing: "Skriv ett meddelande till idébäraren. Ett beslut ska alltid ha ett meddelande.",
    },
    expected_state: {
      missing: "Ange vilket läge idén har nu, så att ingen annans ändring skrivs över.",
    },
    to_state: { unknown_state: "Välj ett läge som finns i idéprocessen." },
    duplicate_of: {
      missing: "Välj vilken idé den här är en dubblett av.",
      invalid: "Välj en annan idé som finns.",
    },
    forwarded_to: { missing: "Skriv vem idén vidareförmedlas till." },
    question: {
      missing: "Skriv din fråga till idébäraren.",
      too_long: "Frågan får vara högst 4000 tecken.",
    },
    public_summary: {
      missing: "Skriv en sammanfattning för idébanken.",
      too_long: "Sammanfattningen får vara högst 2000 tecken.",
    },
    publish_consent: {
      not_given:
        "Idébäraren har inte gett sitt samtycke till publicering, så idén kan inte publiceras.",
    },
    idea_id: {
      no_pending_decision: "Det finns inget beslut som väntar på att skickas till idébäraren.",
    },
    // The queue (api.list_review_queue) and the idea page (api.get_review_idea, find_similar_ideas).
    filters: { not_an_object: "Filtren kunde inte läsas. Ladda om sidan och välj igen." },
    state: { unknown_value: "Välj ett läge i listan." },
    municipality: { unknown_value: "Välj en kommun i listan." },
    area: { unknown_value: "Välj ett verksamhetsområde i listan." },
    sort: { unknown_value: "Välj en sortering i listan." },
    assigned_to_me: { not_boolean: "Filtret kunde inte läsas. Ladda om sidan och välj igen." },
    awaiting_my_assessment: {
      not_boolean: "Filtret kunde inte läsas. Ladda om sidan och välj igen.",
    },
    overdue: { not_boolean: "Filtret kunde inte läsas. Ladda om sidan och välj igen." },
    search: {
      not_a_string: "Skriv det du söker efter som text.",
      too_long: "Sökningen får vara högst 200 tecken.",
    },
    page_size: { out_of_range: "Visa mellan 1 och 100 idéer per sida." },
    cursor: { invalid_cursor: "Sidan kunde inte visas. Börja om från första sidan." },
    reference: { missing: "Ange idéns diarienummer, till exempel IS-2026-0042." },
    max_results: { out_of_range: "Visa mellan 1 och 20 liknande idéer." },
  },
  general: {
    IS001: "Idén kan inte flyttas så. Ladda om sidan och se vilka steg som går.",
    IS002: "Kontrollera det du skrev och försök igen.",
    IS003: "Det här kan inte ändras.",
    IS004: "Skicka först beslutet till idébäraren.",
    IS005: "Du har anmält jäv för den här idén och kan inte bedöma den.",
    PT404: "Det du söker finns inte, eller så har du inte behörighet att se det.",
    PT409: "Någon annan har ändrat det här. Ladda om sidan och försök igen.",
    "42501": "Du har inte behörighet att göra det här.",
  },
  fallback: "Det gick inte. Ladda om sidan och försök igen.",
};

const en: Catalogue = {
  rules: {
    IS001: {
      transition_not_allowed: (f, l) =>
        `The idea cannot move from "${stateInSentence(f.from, l)}" to "${stateInSentence(f.to, l)}".`,
      questions_only_in_review: (f, l) =>
        `You can ask the idea bearer questions while the idea is under review, not while it is "${stateInSentence(f.current, l)}".`,
    },
    IS003: {
      original_text_immutable: () =>
        "The original text of a received idea cannot be changed or deleted. Save changes as a new version.",
      history_immutable: () => "Events in an idea's history cannot be changed or deleted.",
      idea_cannot_be_deleted: () =>
        "A received idea cannot be deleted. It is only removed under the decided retention rules.",
      reference_immutable: () =>
        "An idea's reference number and time of arrival cannot be changed.",
    },
    IS002: {
      unknown_filter: () => "There is no such filter. Reload the page and choose again.",
    },
    IS004: {
      decision_not_released: () =>
        "First send the decision to the idea bearer. Then the idea can move on.",
    },
    PT404: {
      not_found: () => "The idea does not exist, or you do not have permission to see it.",
    },
    PT409: {
      stale_state: (f, l) =>
        `Someone else has already changed the idea; it is now "${stateInSentence(f.current, l)}". Reload the page and try again.`,
    },
    "42501": {
      not_reviewer: () => "You need to be signed in as an active reviewer to see this.",
      coordinator_only: (f, l) => {
        if (f.action === "release_decision")
          return "Only a coordinator may send a decision to the idea bearer.";
        if (f.action === "publish_idea")
          return "Only a coordinator may publish ideas in the idea bank.";
        if (f.from && f.to)
          return `Only a coordinator may move the idea from "${stateInSentence(f.from, l)}" to "${stateInSentence(f.to, l)}".`;
        return "Only a coordinator may do this.";
      },
      not_allowed: (f, l) =>
        f.from && f.to
          ? `You may not move the idea from "${stateInSentence(f.from, l)}" to "${stateInSentence(f.to, l)}".`
          : "You may not do this.",
    },
  },
  fields: {
    reason: { missing: "Write a reason for the change." },
    message_to_bearer: {
      missing: "Write a message to the idea bearer. A decision always has a message.",
    },
    expected_state: {
      missing: "Give the idea's current state, so that nobody else's change is overwritten.",
    },
    to_state: { unknown_state: "Choose a state that exists in the idea process." },
    duplicate_of: {
      missing: "Choose which idea this one duplicates.",
      invalid: "Choose another idea that exists.",
    },
    forwarded_to: { missing: "Write who the idea is forwarded to." },
    question: {
      missing: "Write your question to the idea bearer.",
      too_long: "The question must be 4,000 characters or fewer.",
    },
    public_summary: {
      missing: "Write a summary for the idea bank.",
      too_long: "The summary must be 2,000 characters or fewer.",
    },
    publish_consent: {
      not_given:
        "The idea bearer has not consented to publication, so the idea cannot be published.",
    },
    idea_id: {
      no_pending_decision: "There is no decision waiting to be sent to the idea bearer.",
    },
    // The queue (api.list_review_queue) and the idea page (api.get_review_idea, find_similar_ideas).
    filters: { not_an_object: "The filters could not be read. Reload the page and choose again." },
    state: { unknown_value: "Choose a state from the list." },
    municipality: { unknown_value: "Choose a municipality from the list." },
    area: { unknown_value: "Choose an area from the list." },
    sort: { unknown_value: "Choose a sort order from the list." },
    assigned_to_me: {
      not_boolean: "The filter could not be read. Reload the page and choose again.",
    },
    awaiting_my_assessment: {
      not_boolean: "The filter could not be read. Reload the page and choose again.",
    },
    overdue: { not_boolean: "The filter could not be read. Reload the page and choose again." },
    search: {
      not_a_string: "Type what you are looking for as text.",
      too_long: "The search must be 200 characters or fewer.",
    },
    page_size: { out_of_range: "Show between 1 and 100 ideas per page." },
    cursor: { invalid_cursor: "The page could not be shown. Start again from the first page." },
    reference: { missing: "Give the idea's reference, for example IS-2026-0042." },
    max_results: { out_of_range: "Show between 1 and 20 similar ideas." },
  },
  general: {
    IS001: "The idea cannot move like that. Reload the page to see which steps are possible.",
    IS002: "Check what you wrote and try again.",
    IS003: "This cannot be changed.",
    IS004: "First send the decision to the idea bearer.",
    IS005: "You have declared a conflict of interest for this idea and cannot assess it.",
    PT404: "What you are looking for does not exist, or you do not have permission to see it.",
    PT409: "Someone else has changed this. Reload the page and try again.",
    "42501": "You do not have permission to do this.",
  },
  fallback: "That did not work. Reload the page and try again.",
};

const catalogues: Readonly<Record<Locale, Catalogue>> = { sv, en };

/** The rules this catalogue has a message for: `code:rule`, and `IS002:field:rule`. */
export function knownReviewRules(): string[] {
  const { rules, fields } = catalogues.sv;
  return [
    ...Object.entries(rules).flatMap(([code, byRule]) =>
      Object.keys(byRule).map((rule) => `${code}:${rule}`),
    ),
    ...Object.entries(fields).flatMap(([field, byRule]) =>
      Object.keys(byRule).map((rule) => `IS002:${field}:${rule}`),
    ),
  ];
}

/** The sentence for a refusal, in the reader's language. */
export function reviewRefusalMessage(refusal: ReviewRefusal, locale: Locale): string {
  const catalogue = catalogues[locale];
  const facts = refusal.facts ?? {};
  if (refusal.code === "IS002" && refusal.field) {
    const text = catalogue.fields[refusal.field]?.[refusal.rule];
    if (text) return text;
  }
  const render = catalogue.rules[refusal.code]?.[refusal.rule];
  if (render) return render(facts, locale);
  return catalogue.general[refusal.code] ?? catalogue.fallback;
}
