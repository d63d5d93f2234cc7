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
      not_in_review: () =>
        "Idén har inte börjat bedömas än. Börja bedömningen först, sedan kan du ge betyg.",
      decided: (f, l) =>
        `Idén är redan beslutad (”${stateInSentence(f.current, l)}”), så bedömningen kan inte ändras längre.`,
      unlink_required: () =>
        "Idén är markerad som dubblett. Ta bort dubblettkopplingen, så går idén tillbaka till bedömning.",
      not_duplicate: (f, l) =>
        `Idén är inte markerad som dubblett (den är ”${stateInSentence(f.current, l)}”), så det finns ingen koppling att ta bort.`,
    },
    IS005: {
      conflict_of_interest: () => "Du har anmält jäv för den här idén och kan inte bedöma den.",
      not_declared: () => "Svara först på frågan om jäv. Sedan kan du bedöma idén.",
      conflict_declared: () =>
        "Du har redan anmält jäv för den här idén. Jävet står kvar; kontakta en samordnare om det blev fel.",
      reviewer_has_conflict: () =>
        "Granskaren har anmält jäv för den här idén och kan inte tilldelas den. Välj en annan granskare.",
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
      stale_state: (f, l) => {
        const now = stateInSentence(f.current, l);
        if (typeof f.changed_by === "string" && f.changed_by)
          return `${f.changed_by} har redan ändrat idén, och den är nu ”${now}”. Ladda om sidan och försök igen.`;
        if (f.changed_by_kind === "bearer")
          return `Idébäraren har svarat under tiden, och idén är nu ”${now}”. Ladda om sidan och försök igen.`;
        return `Idén har redan ändrats av någon annan och är nu ”${now}”. Ladda om sidan och försök igen.`;
      },
    },
    "42501": {
      not_reviewer: () => "Du behöver vara inloggad som aktiv granskare för att se det här.",
      coordinator_only: (f, l) => {
        if (f.action === "release_decision")
          return "Bara en samordnare får skicka ett beslut till idébäraren.";
        if (f.action === "publish_idea")
          return "Bara en samordnare får publicera idéer i idébanken.";
        if (f.action === "assign_reviewer") return "Bara en samordnare får tilldela granskare.";
        if (f.action === "unassign_reviewer")
          return "Bara en samordnare får ta bort en granskare från en idé.";
        if (f.action === "unpublish_idea")
          return "Bara en samordnare får ta bort idéer från idébanken.";
        if (f.action === "unlink_duplicate")
          return "Bara en samordnare får ta bort en dubblettkoppling.";
        if (f.action === "list_follow_ups")
          return "Bara en samordnare ser listan över vidareförmedlade idéer att följa upp.";
        if (f.action === "get_review_overview") return "Bara en samordnare ser översikten.";
        if (f.from && f.to)
          return `Bara en samordnare får flytta idén från ”${stateInSentence(f.from, l)}” till ”${stateInSentence(f.to, l)}”.`;
        return "Bara en samordnare får göra det här.";
      },
      not_allowed: (f, l) => {
        if (f.action === "set_regional_sharing")
          return "Bara en samordnare eller idécoachen i idéns egen kommun får ändra om idén delas regionalt.";
        return f.from && f.to
          ? `Du får inte flytta idén från ”${stateInSentence(f.from, l)}” till ”${stateInSentence(f.to, l)}”.`
          : "Du får inte göra det här.";
      },
      not_own_municipality: () =>
        "Du kan bara anmäla eller ta tillbaka intresse för din egen kommun.",
    },
  },
  fields: {
    reason: {
      missing: "Skriv en motivering till ändringen.",
      too_long: "Motiveringen får vara högst 2000 tecken.",
    },
    message_to_bearer: {
      missing: "Skriv ett meddelande till idébäraren. Ett beslut ska alltid ha ett meddelande.",
      too_long: "Meddelandet till idébäraren får vara högst 4000 tecken.",
    },
    expected_state: {
      missing: "Ange vilket läge idén har nu, så att ingen annans ändring skrivs över.",
      unknown_state: "Ladda om sidan, så att vi vet vilket läge idén har nu.",
    },
    duplicate_of: {
      missing: "Välj vilken idé den här är en dubblett av.",
      invalid: "Välj en annan idé som finns.",
    },
    forwarded_to: {
      missing: "Skriv vem idén vidareförmedlas till.",
      too_long: "Mottagaren får vara högst 200 tecken.",
    },
    follow_up_on: {
      invalid: "Skriv datumet för uppföljningen som ÅÅÅÅ-MM-DD.",
      missing: "Välj ett datum då idén ska följas upp.",
      in_the_past: "Välj ett uppföljningsdatum från och med i dag.",
      too_far_ahead: "Välj ett uppföljningsdatum inom två år från i dag.",
    },
    question: {
      missing: "Skriv din fråga till idébäraren.",
      too_long: "Frågan får vara högst 4000 tecken.",
    },
    public_summary: {
      missing: "Skriv en sammanfattning för idébanken.",
      too_long: "Sammanfattningen får vara högst 2000 tecken.",
      personnummer: "Ta bort personnumret ur sammanfattningen. Idébanken är offentlig.",
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
    // The assessment (api.save_assessment, api.declare_conflict_of_interest). A criterion's own
    // fields are scores.<slug>.score and scores.<slug>.comment; they are looked up as scores.*.…
    has_conflict: { missing: "Svara ja eller nej på frågan om jäv." },
    // `reason` is the reason for a state change; in the jäv answer it is why one has jäv.
    "conflict_of_interest.reason": {
      missing: "Skriv varför du har jäv, till exempel att du känner idébäraren.",
      too_long: "Beskrivningen av jävet får vara högst 1000 tecken.",
    },
    scores: {
      missing: "Ge ett betyg från 1 till 5 på varje kriterium.",
      not_an_array: "Betygen kunde inte läsas. Ladda om sidan och försök igen.",
      invalid: "Betygen kunde inte läsas. Ladda om sidan och försök igen.",
      unknown_criterion: "Ett av kriterierna finns inte längre. Ladda om sidan och bedöm igen.",
      duplicate_criterion: "Ge bara ett betyg per kriterium.",
      missing_criteria: "Ge ett betyg från 1 till 5 på varje kriterium.",
    },
    "scores.*.score": {
      missing: "Välj ett betyg från 1 till 5.",
      out_of_range: "Välj ett betyg från 1 till 5.",
    },
    "scores.*.comment": {
      missing: "Skriv en kommentar till betyget.",
      invalid: "Skriv kommentaren som text.",
      too_long: "Kommentaren får vara högst 4000 tecken.",
    },
    recommendation: {
      missing: "Välj en rekommendation.",
      unknown_value: "Välj en av rekommendationerna i listan.",
    },
    comment: { too_long: "Den sammanfattande kommentaren får vara högst 4000 tecken." },
    // Assignments (api.assign_reviewer, api.unassign_reviewer).
    reviewer_id: {
      missing: "Välj en granskare.",
      not_assignable:
        "Den granskaren kan inte tilldelas idén. Välj en aktiv granskare som har idén i sitt område.",
    },
    due_on: {
      missing: "Välj ett datum då bedömningen senast ska vara klar.",
      in_the_past: "Välj ett datum från och med i dag.",
      too_far_ahead: "Välj ett datum inom ett år från i dag.",
    },
    // Internal notes (api.add_internal_note).
    body: {
      missing: "Skriv en anteckning.",
      too_long: "Anteckningen får vara högst 4000 tecken.",
    },
    reply_to: { invalid: "Anteckningen du svarar på finns inte. Ladda om sidan och försök igen." },
    mentions: {
      too_many: "Nämn högst 20 granskare i en anteckning.",
      not_mentionable:
        "Någon du nämnde kan inte se idén eller har anmält jäv. Välj bland granskarna i listan.",
    },
    to_state: {
      missing: "Välj vilket läge idén ska få.",
      unknown_state: "Välj ett läge som finns i idéprocessen.",
    },
    // Decisions, duplicates, spread, interest and sharing (issue 14).
    municipalities: {
      missing: "Välj minst en kommun som har infört idén.",
      unknown_value: "Välj kommunerna i listan.",
      not_new:
        "Välj minst en kommun som inte redan har infört idén. Spridd betyder att fler kommuner har tagit upp den.",
      not_applicable: "Kommuner anges bara när idén blir införd eller spridd.",
    },
    "unlink_duplicate.message_to_bearer": {
      missing:
        "Idébäraren har fått veta att idén är en dubblett. Skriv ett meddelande om att den inte längre är det.",
      too_long: "Meddelandet till idébäraren får vara högst 4000 tecken.",
    },
    "interest.municipality": {
      missing: "Välj vilken kommun intresset gäller.",
      unknown_value: "Välj en kommun i listan.",
    },
    kind: {
      missing: "Välj om kommunen vill vara med, vill medfinansiera eller har infört idén.",
      unknown_value: "Välj vara med, medfinansiera eller har infört idén.",
    },
    shared: { missing: "Välj om idén ska delas med hela regionen eller inte." },
    within_days: { out_of_range: "Välj mellan 0 och 365 dagar framåt." },
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
      not_in_review: () =>
        "The assessment of this idea has not started yet. Start the review first, then you can score it.",
      decided: (f, l) =>
        `The idea has already been decided ("${stateInSentence(f.current, l)}"), so its assessment can no longer change.`,
      unlink_required: () =>
        "The idea is marked as a duplicate. Remove the duplicate link, and it goes back to review.",
      not_duplicate: (f, l) =>
        `The idea is not marked as a duplicate (it is "${stateInSentence(f.current, l)}"), so there is no link to remove.`,
    },
    IS005: {
      conflict_of_interest: () =>
        "You have declared a conflict of interest for this idea and cannot assess it.",
      not_declared: () =>
        "First answer the question about conflicts of interest. Then you can assess the idea.",
      conflict_declared: () =>
        "You have already declared a conflict of interest for this idea. It stays declared; contact a coordinator if it was a mistake.",
      reviewer_has_conflict: () =>
        "The reviewer has declared a conflict of interest for this idea and cannot be assigned to it. Choose another reviewer.",
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
      stale_state: (f, l) => {
        const now = stateInSentence(f.current, l);
        if (typeof f.changed_by === "string" && f.changed_by)
          return `${f.changed_by} has already changed the idea; it is now "${now}". Reload the page and try again.`;
        if (f.changed_by_kind === "bearer")
          return `The idea bearer has answered in the meantime; the idea is now "${now}". Reload the page and try again.`;
        return `Someone else has already changed the idea; it is now "${now}". Reload the page and try again.`;
      },
    },
    "42501": {
      not_reviewer: () => "You need to be signed in as an active reviewer to see this.",
      coordinator_only: (f, l) => {
        if (f.action === "release_decision")
          return "Only a coordinator may send a decision to the idea bearer.";
        if (f.action === "publish_idea")
          return "Only a coordinator may publish ideas in the idea bank.";
        if (f.action === "assign_reviewer") return "Only a coordinator may assign reviewers.";
        if (f.action === "unassign_reviewer")
          return "Only a coordinator may take a reviewer off an idea.";
        if (f.action === "unpublish_idea")
          return "Only a coordinator may take ideas out of the idea bank.";
        if (f.action === "unlink_duplicate")
          return "Only a coordinator may remove a duplicate link.";
        if (f.action === "list_follow_ups")
          return "Only a coordinator sees the list of forwarded ideas to follow up.";
        if (f.action === "get_review_overview") return "Only a coordinator sees the overview.";
        if (f.from && f.to)
          return `Only a coordinator may move the idea from "${stateInSentence(f.from, l)}" to "${stateInSentence(f.to, l)}".`;
        return "Only a coordinator may do this.";
      },
      not_allowed: (f, l) => {
        if (f.action === "set_regional_sharing")
          return "Only a coordinator or the idea coach of the idea's own municipality may change whether it is shared with the region.";
        return f.from && f.to
          ? `You may not move the idea from "${stateInSentence(f.from, l)}" to "${stateInSentence(f.to, l)}".`
          : "You may not do this.";
      },
      not_own_municipality: () =>
        "You can only register or withdraw interest for your own municipality.",
    },
  },
  fields: {
    reason: {
      missing: "Write a reason for the change.",
      too_long: "The reason must be 2,000 characters or fewer.",
    },
    message_to_bearer: {
      missing: "Write a message to the idea bearer. A decision always has a message.",
      too_long: "The message to the idea bearer must be 4,000 characters or fewer.",
    },
    expected_state: {
      missing: "Give the idea's current state, so that nobody else's change is overwritten.",
      unknown_state: "Reload the page, so that we know which state the idea is in now.",
    },
    duplicate_of: {
      missing: "Choose which idea this one duplicates.",
      invalid: "Choose another idea that exists.",
    },
    forwarded_to: {
      missing: "Write who the idea is forwarded to.",
      too_long: "The recipient must be 200 characters or fewer.",
    },
    follow_up_on: {
      invalid: "Write the follow-up date as YYYY-MM-DD.",
      missing: "Choose a date to follow the idea up.",
      in_the_past: "Choose a follow-up date from today on.",
      too_far_ahead: "Choose a follow-up date within two years from today.",
    },
    question: {
      missing: "Write your question to the idea bearer.",
      too_long: "The question must be 4,000 characters or fewer.",
    },
    public_summary: {
      missing: "Write a summary for the idea bank.",
      too_long: "The summary must be 2,000 characters or fewer.",
      personnummer:
        "Remove the personal identity number from the summary. The idea bank is public.",
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
    has_conflict: { missing: "Answer yes or no to the question about conflicts of interest." },
    "conflict_of_interest.reason": {
      missing:
        "Write why you have a conflict of interest, for example that you know the idea bearer.",
      too_long: "The description of the conflict of interest must be 1,000 characters or fewer.",
    },
    scores: {
      missing: "Give every criterion a score from 1 to 5.",
      not_an_array: "The scores could not be read. Reload the page and try again.",
      invalid: "The scores could not be read. Reload the page and try again.",
      unknown_criterion: "One of the criteria no longer exists. Reload the page and assess again.",
      duplicate_criterion: "Give only one score per criterion.",
      missing_criteria: "Give every criterion a score from 1 to 5.",
    },
    "scores.*.score": {
      missing: "Choose a score from 1 to 5.",
      out_of_range: "Choose a whole-number score from 1 to 5.",
    },
    "scores.*.comment": {
      missing: "Write a comment on the score.",
      invalid: "Write the comment as text.",
      too_long: "The comment must be 4,000 characters or fewer.",
    },
    recommendation: {
      missing: "Choose a recommendation.",
      unknown_value: "Choose one of the recommendations in the list.",
    },
    comment: { too_long: "The overall comment must be 4,000 characters or fewer." },
    reviewer_id: {
      missing: "Choose a reviewer.",
      not_assignable:
        "That reviewer cannot be assigned to the idea. Choose an active reviewer who has the idea in their scope.",
    },
    due_on: {
      missing: "Choose the date by which the assessment must be done.",
      in_the_past: "Choose today or a later date.",
      too_far_ahead: "Choose a date within a year from today.",
    },
    body: {
      missing: "Write a note.",
      too_long: "The note must be 4,000 characters or fewer.",
    },
    reply_to: {
      invalid: "The note you are replying to does not exist. Reload the page and try again.",
    },
    mentions: {
      too_many: "Mention at most 20 reviewers in a note.",
      not_mentionable:
        "Someone you mentioned cannot see the idea or has declared a conflict of interest. Choose from the reviewers in the list.",
    },
    to_state: {
      missing: "Choose the state the idea should get.",
      unknown_state: "Choose a state that exists in the idea process.",
    },
    municipalities: {
      missing: "Choose at least one municipality that has implemented the idea.",
      unknown_value: "Choose the municipalities from the list.",
      not_new:
        "Choose at least one municipality that has not implemented the idea yet. Spread means that more municipalities have taken it up.",
      not_applicable: "Municipalities are only given when the idea is implemented or spread.",
    },
    "unlink_duplicate.message_to_bearer": {
      missing:
        "The idea bearer was told the idea is a duplicate. Write a message telling them it no longer is.",
      too_long: "The message to the idea bearer must be 4,000 characters or fewer.",
    },
    "interest.municipality": {
      missing: "Choose the municipality the interest is for.",
      unknown_value: "Choose a municipality from the list.",
    },
    kind: {
      missing:
        "Choose whether the municipality wants to join, wants to co-fund or has implemented the idea.",
      unknown_value: "Choose join, co-fund or has implemented the idea.",
    },
    shared: { missing: "Choose whether the idea is shared with the whole region or not." },
    within_days: { out_of_range: "Choose between 0 and 365 days ahead." },
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

/**
 * The catalogue's key for a field: a criterion's own fields (`scores.nytta.score`) share one text
 * (`scores.*.score`), since criteria are data.
 */
function fieldKey(field: string): string {
  return field.replace(/^scores\.[^.]+\.(score|comment)$/, "scores.*.$1");
}

/**
 * The sentence for a refusal, in the reader's language. `scope` names the action when a field means
 * something of its own there (`conflict_of_interest`: its `reason` is why one has jäv); its texts
 * are tried first.
 */
export function reviewRefusalMessage(
  refusal: ReviewRefusal,
  locale: Locale,
  scope?: string,
): string {
  const catalogue = catalogues[locale];
  const facts = refusal.facts ?? {};
  if (refusal.code === "IS002" && refusal.field) {
    const key = fieldKey(refusal.field);
    const text =
      (scope ? catalogue.fields[`${scope}.${key}`]?.[refusal.rule] : undefined) ??
      catalogue.fields[key]?.[refusal.rule];
    if (text) return text;
  }
  const render = catalogue.rules[refusal.code]?.[refusal.rule];
  if (render) return render(facts, locale);
  return catalogue.general[refusal.code] ?? catalogue.fallback;
}

/**
 * The text for one field's rule (the same the database's refusal gets), for the schemas that check
 * a request before the database does: `reviewFieldMessage("recommendation", "missing")`.
 */
export function reviewFieldMessage(
  field: string,
  rule: string,
  locale: Locale = "sv",
  scope?: string,
): string {
  return reviewRefusalMessage({ code: "IS002", rule, field }, locale, scope);
}
