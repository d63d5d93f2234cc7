import type { Recommendation } from "./assessment.ts";

/**
 * What the assessment part of the idea page says, in Swedish klarspråk (the workspace is Swedish
 * only): the jäv question, the score form, the blind rule, the other reviewers' assessments, the
 * means and the history of one's own saves. The refusals' texts are the review catalogue's
 * (messages.ts), so the page and the API say the same. Pure: no I/O.
 */

/** Count with the right word: "1 bedömning", "2 bedömningar". */
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const assessmentTexts = {
  heading: "Bedömning",
  loading: "Hämtar bedömningen …",
  unreachable: "Bedömningen går inte att hämta just nu. Försök igen om en liten stund.",
  retry: "Försök igen",

  /** Before the review has started, and after the decision. */
  notInReview:
    "Idén har inte börjat bedömas än. När någon har börjat bedömningen kan du svara på frågan om jäv och ge betyg.",
  decided: (stateLabel: string) =>
    `Idén är beslutad (${stateLabel.toLowerCase()}). Bedömningarna kan inte ändras längre, men du kan läsa dem här.`,
  closed: "Bedömningen är stängd för idén just nu. Bedömningarna kan inte ändras.",

  /** The jäv question, before the first score. */
  conflict: {
    heading: "Jäv",
    intro:
      "Innan du bedömer idén behöver du svara på om du har jäv. Du har jäv om något kan göra att andra tvivlar på att du bedömer idén opartiskt, till exempel om du är släkt med, nära vän med eller chef för idébäraren, eller om du själv kan vinna eller förlora på beslutet.",
    legend: "Har du jäv när det gäller den här idén?",
    no: "Nej, jag har inget jäv",
    yes: "Ja, jag har jäv",
    yesHint:
      "Om du har jäv kan du inte bedöma idén, och du tas bort som granskare för den. En samordnare ser ditt svar och varför. Du kan inte ta tillbaka ett jäv själv.",
    reason: "Beskriv varför du har jäv",
    reasonHint: "Till exempel att du känner idébäraren. Högst 1000 tecken.",
    submit: "Spara svaret",
    saving: "Sparar svaret …",
    answeredNo: "Du har svarat att du inte har jäv. Nu kan du bedöma idén.",
    answeredYes: "Ditt svar är sparat: du har jäv och bedömer inte idén.",
    declared: (reason: string | null) =>
      `Du har anmält jäv för den här idén${reason ? `: ”${reason}”` : ""}. Därför kan du inte bedöma den, och du är inte längre granskare för den. En samordnare ser att du har anmält jäv. Kontakta en samordnare om det blev fel.`,
  },

  /** The blind rule, in the reviewer's words. */
  blind:
    "Du ser de andra granskarnas betyg, kommentarer och rekommendationer när du har lämnat din egen bedömning. Det gör att alla bedömer idén på egen hand.",

  form: {
    heading: "Din bedömning",
    intro:
      "Ge ett betyg från 1 till 5 på varje kriterium och skriv en kommentar till varje betyg. Välj sedan en rekommendation. Du kan ändra din bedömning tills idén är beslutad. Varje sparad version finns kvar i historiken.",
    weight: (weight: number) => `Vikt ${weight}`,
    scoreLegend: (name: string) => `Betyg för ${name}`,
    level: (score: number, description: string) => `${score} – ${description}`,
    comment: (name: string) => `Kommentar till betyget för ${name}`,
    recommendation: "Din rekommendation",
    recommendationLabels: {
      vidare: "Gå vidare med idén",
      vilande: "Lägg idén vilande",
      avsla: "Avslå idén",
      vidareformedla: "Vidareförmedla idén till någon annan",
    } satisfies Record<Recommendation, string>,
    overallComment: "Sammanfattande kommentar (frivillig)",
    overallCommentHint: "Högst 4000 tecken.",
    submit: "Spara bedömningen",
    saving: "Sparar bedömningen …",
    saved: (at: string) =>
      `Din bedömning är sparad ${at}. Nu ser du de andra granskarnas bedömningar nedan. Du kan ändra din bedömning tills idén är beslutad.`,
    stale: "Idén har ändrats medan du bedömde den. Ladda om sidan och försök igen.",
  },

  errorSummary: { heading: "Något behöver rättas", errorPrefix: "Fel:" },

  /** One's own saved assessment, read-only (after the decision). */
  mine: {
    heading: "Din bedömning",
    none: "Du lämnade ingen bedömning av idén.",
  },

  others: {
    heading: "Alla bedömningar",
    means: "Viktade medelvärden",
    caption: "Medelvärde per kriterium, viktat efter kriteriernas vikt. Betyg från 1 till 5.",
    criterion: "Kriterium",
    mean: "Medelvärde",
    range: "Lägst–högst",
    count: "Antal betyg",
    agreement: "Samstämmighet",
    disagreement: "Olika bedömningar",
    disagreementHint: "Två betyg på samma kriterium skiljer sig med 2 eller mer.",
    agree: "Samstämmiga",
    overall: (mean: string) => `Viktat medelvärde för alla kriterier: ${mean}`,
    complete: (count: number) =>
      `${plural(count, "fullständig bedömning", "fullständiga bedömningar")} räknas.`,
    none: "Ingen annan granskare har bedömt idén ännu.",
    reviewer: (name: string, isMe: boolean) => (isMe ? `${name} (du)` : name),
    conflictMarked: "Har anmält jäv – räknas inte i medelvärdena.",
    incomplete: "Bedömningen är inte fullständig.",
    score: (name: string, score: number) => `${name}: ${score}`,
    recommendation: "Rekommendation",
    comment: "Sammanfattande kommentar",
    noComment: "Ingen sammanfattande kommentar.",
    updatedAt: (at: string) => `Senast ändrad ${at}`,
  },

  history: {
    heading: "Historik för din bedömning",
    intro: "Varje gång du sparar finns kvar här, den senaste först.",
    none: "Du har inte sparat någon bedömning ännu.",
    saved: "Sparad",
    current: "(gällande)",
    changed: "ändrad",
    score: (name: string, score: number) => `${name}: ${score}`,
    recommendation: (label: string) => `Rekommendation: ${label}`,
    unreachable: "Historiken går inte att hämta just nu.",
  },

  /** Assignments, internal notes and questions to the bearer (`<review-collaboration>`). */
  collaborationHeading: "Tilldelning, anteckningar och frågor",
  assign: {
    heading: "Tilldela granskare",
    intro:
      "Den du tilldelar förväntas bedöma idén före datumet och får ett e-postmeddelande om det. Granskare med jäv kan inte tilldelas.",
    reviewer: "Granskare",
    choose: "Välj granskare",
    option: (name: string, where: string | null, dueOn: string | null) =>
      `${name}${where ? `, ${where}` : ""}${dueOn ? ` (tilldelad, senast ${dueOn})` : ""}`,
    dueOn: "Senast klar",
    dueOnHint: "Till exempel 2026-12-18.",
    submit: "Tilldela",
    saving: "Tilldelar …",
    assigned: (name: string, dueOn: string) =>
      `${name} är tilldelad idén och ska bedöma den senast ${dueOn}. Hen får ett e-postmeddelande.`,
    expected: "Förväntas bedöma",
    none: "Ingen är tilldelad idén.",
    remove: (name: string) => `Ta bort ${name} från idén`,
    removed: (name: string) => `${name} är inte längre tilldelad idén. Hens betyg finns kvar.`,
  },

  notes: {
    heading: "Interna anteckningar",
    intro:
      "Anteckningarna syns bara för granskare och samordnare, aldrig för idébäraren eller i idébanken.",
    none: "Inga anteckningar ännu.",
    byline: (author: string, at: string) => `${author}, ${at}`,
    replyTo: (author: string) => `Svar på anteckningen från ${author}`,
    mentions: (names: string) => `Nämner ${names}`,
    body: "Ny anteckning",
    replyLabel: "Svar på",
    replyNone: "Ingen – en ny anteckning",
    replyOption: (author: string, at: string) => `Anteckningen från ${author}, ${at}`,
    mentionLegend: "Nämn granskare (frivilligt)",
    mentionHint:
      "De du nämner får ett e-postmeddelande om att de har nämnts i en anteckning om idén, utan anteckningens text.",
    submit: "Spara anteckningen",
    saving: "Sparar anteckningen …",
    saved: "Anteckningen är sparad.",
  },

  question: {
    heading: "Fråga idébäraren",
    intro:
      "Idén går till läget ”Behöver komplettering”, och idébäraren får ett e-postmeddelande med en länk till sin statussida, där hen svarar. När idébäraren har svarat går idén tillbaka till bedömning, och svaret syns under ”Frågor och svar”.",
    label: "Din fråga till idébäraren",
    submit: "Skicka frågan",
    saving: "Skickar frågan …",
    sent: "Frågan är skickad till idébäraren. Idén behöver nu komplettering.",
  },
} as const;
