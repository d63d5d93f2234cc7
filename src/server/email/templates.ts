import { z } from "zod";
import { statusPaths, workspaceIdeaPath, workspacePaths } from "../../config/navigation.ts";
import { referencePattern, statusTokenPattern } from "../../domain/idea/formats.ts";
import { ideaStateLabels, ideaStates } from "../../domain/idea/states.ts";
import { locales, type Locale } from "../../domain/locale.ts";

/** An e-mail ready to send. Only the subject is a header, and it holds no text a person typed. */
export interface RenderedEmail {
  subject: string;
  text: string;
}

const reference = z.string().regex(referencePattern);
/** The bearer's language, added to every e-mail's payload by the database (Swedish when unknown). */
const locale = z.enum(locales).default("sv");

/** What each outbox template carries, as the SQL functions write it (docs/data-model.md). */
export const outboxPayloadSchemas = {
  submission_receipt: z.object({
    reference,
    locale,
    title: z.string().min(1).max(300),
    received_at: z.iso.datetime({ offset: true }),
    status_token: z.string().regex(statusTokenPattern),
  }),
  question_to_bearer: z.object({ reference, locale }),
  decision_released: z.object({
    reference,
    locale,
    state_label: z.string().min(1).max(100),
    message: z.string().min(1).max(10_000),
  }),
  // api.unlink_duplicate: the idea the bearer was told was a duplicate is assessed on its own.
  duplicate_unlinked: z.object({
    reference,
    locale,
    state_label: z.string().min(1).max(100),
    message: z.string().min(1).max(10_000),
  }),
  // To reviewers (api.assign_reviewer, api.add_internal_note). E-mail is not a safe channel: the
  // payloads hold who, which idea and when – never the idea's text, a note or a score.
  assignment: z.object({
    reference,
    locale,
    due_on: z.iso.date(),
    assigned_by: z.string().min(1).max(150),
  }),
  mention: z.object({
    reference,
    locale,
    mentioned_by: z.string().min(1).max(150),
  }),
  /**
   * To a person a coordinator invited (api.invite_reviewer): who invited them, the role and scope,
   * and the one-time token's hash for the welcome page. The token is removed once sent.
   */
  reviewer_invitation: z.object({
    locale,
    name: z.string().min(1).max(150),
    invited_by: z.string().min(1).max(150),
    role: z.enum(["reviewer", "coordinator"]),
    municipality: z.string().min(1).max(100).nullable(),
    invitation_token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/),
  }),
  /** To a coordinator, Mondays: what waits on them (api.queue_weekly_digest). */
  weekly_digest: z.object({
    locale,
    week: z.string().regex(/^\d{4}-W\d{2}$/),
    today: z.iso.date(),
    name: z.string().min(1).max(150),
    overdue_count: z.number().int().min(0),
    overdue: z
      .array(z.object({ reference, reviewer: z.string().max(150), due_on: z.iso.date() }))
      .max(50),
    unreleased_count: z.number().int().min(0),
    unreleased: z
      .array(
        z.object({
          reference,
          state: z.enum(ideaStates),
          decided_at: z.iso.datetime({ offset: true }),
        }),
      )
      .max(50),
    follow_up_count: z.number().int().min(0),
    follow_ups: z
      .array(
        z.object({
          reference,
          forwarded_to: z.string().max(200).nullable(),
          follow_up_on: z.iso.date(),
        }),
      )
      .max(50),
  }),
} as const;

/** The templates the sender knows. */
export type OutboxTemplate = keyof typeof outboxPayloadSchemas;

type Payload<T extends OutboxTemplate> = z.infer<(typeof outboxPayloadSchemas)[T]>;

function isTemplate(name: string): name is OutboxTemplate {
  return Object.hasOwn(outboxPayloadSchemas, name);
}

/** A row that can never be sent as it stands: an unknown template or a payload of the wrong shape. */
export class UnrenderableEmail extends Error {
  override name = "UnrenderableEmail";
}

/** "30 november 2026", a date as a day in Sweden. */
const swedishDay = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long", timeZone: "UTC" });
const dayOf = (date: string) => swedishDay.format(new Date(`${date}T12:00:00Z`));
const swedishDayOfInstant = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeZone: "Europe/Stockholm",
});

/** "… och 3 till", when a list in the digest shows fewer than there are. */
const andMore = (shown: number, total: number) =>
  total > shown ? [`- … och ${total - shown} till`] : [];

/**
 * The weekly digest, in Swedish: the coordinators' workspace is Swedish only (SPEC "Users"), so
 * both languages get these words.
 */
function weeklyDigest(data: Payload<"weekly_digest">, site: string): RenderedEmail {
  const week = Number(data.week.slice(-2));
  return {
    subject: `Veckans läge i idéslussen, vecka ${week}`,
    text: [
      `Hej ${data.name}!`,
      "",
      `Så här ser det ut i idéslussen i början av vecka ${week} (${dayOf(data.today)}).`,
      "",
      `Bedömningar som är försenade: ${data.overdue_count}`,
      ...data.overdue.map(
        (item) => `- ${item.reference}: ${item.reviewer}, skulle vara klar ${dayOf(item.due_on)}`,
      ),
      ...andMore(data.overdue.length, data.overdue_count),
      "",
      `Beslut som inte har skickats till idébäraren: ${data.unreleased_count}`,
      ...data.unreleased.map(
        (item) =>
          `- ${item.reference}: ${ideaStateLabels[item.state].toLocaleLowerCase("sv")}, beslutat ${swedishDayOfInstant.format(new Date(item.decided_at))}`,
      ),
      ...andMore(data.unreleased.length, data.unreleased_count),
      "",
      `Vidareförmedlade idéer att följa upp senast om en vecka: ${data.follow_up_count}`,
      ...data.follow_ups.map(
        (item) =>
          `- ${item.reference}${item.forwarded_to ? `: ${item.forwarded_to}` : ""}, följ upp ${dayOf(item.follow_up_on)}`,
      ),
      ...andMore(data.follow_ups.length, data.follow_up_count),
      "",
      `Öppna granskningen: ${site}/granska/`,
      "",
      "Vänliga hälsningar",
      "Innovationsslussen",
      "",
      "Det här mejlet skickas automatiskt varje måndag till idéslussens samordnare.",
    ].join("\n"),
  };
}

const timeFormats: Record<Locale, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat("sv-SE", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  }),
};

/** Each template's words in each language. `site` has no trailing slash. */
const templates: {
  [T in OutboxTemplate]: Record<Locale, (data: Payload<T>, site: string) => RenderedEmail>;
} = {
  submission_receipt: {
    sv: (data, site) => ({
      subject: `Vi har tagit emot din idé ${data.reference}`,
      text: [
        "Hej!",
        "",
        `Tack för din idé ”${data.title}”. Vi tog emot den ${timeFormats.sv.format(new Date(data.received_at))}. Den har fått diarienumret ${data.reference}.`,
        "",
        "Här följer du idén och svarar på frågor från granskarna:",
        `${site}${statusPaths.sv}#${data.status_token}`,
        "",
        "Spara länken. Den är personlig, så dela den inte med andra. Den som har länken kan se din idé och svara i ditt namn.",
        "",
        "Det här händer nu:",
        "1. Din idé är en allmän handling hos kommunen. Den sparas som du skrev den.",
        "2. Idécoachen i din kommun och idéslussens granskare läser idén. Vi siktar på att börja bedöma den inom två veckor.",
        "3. Om vi behöver veta mer ställer vi frågor till dig, och du får ett mejl om det.",
        "4. När idén är bedömd får du ett beslut med en förklaring.",
        ...closing("sv", site),
      ].join("\n"),
    }),
    en: (data, site) => ({
      subject: `We have received your idea ${data.reference}`,
      text: [
        "Hello,",
        "",
        `Thank you for your idea "${data.title}". We received it on ${timeFormats.en.format(new Date(data.received_at))} (Swedish time). Its reference number is ${data.reference}.`,
        "",
        "Follow your idea and answer the reviewers' questions here:",
        `${site}${statusPaths.en}#${data.status_token}`,
        "",
        "Keep the link. It is personal, so do not share it. Anyone with the link can see your idea and answer in your name.",
        "",
        "What happens now:",
        "1. Your idea is an official document (allmän handling) of the municipality. It is kept as you wrote it.",
        "2. The idea coach in your municipality and the sluice's reviewers read it. We aim to start assessing it within two weeks.",
        "3. If we need to know more, we ask you questions, and you get an e-mail about it.",
        "4. When the idea has been assessed, you get a decision with an explanation.",
        ...closing("en", site),
      ].join("\n"),
    }),
  },
  question_to_bearer: {
    sv: (data, site) => ({
      subject: `Vi har en fråga om din idé ${data.reference}`,
      text: [
        "Hej!",
        "",
        `Granskarna har en fråga om din idé ${data.reference}.`,
        "Öppna din statuslänk från kvittomejlet för att läsa frågan och svara. Vi fortsätter bedöma idén när du har svarat.",
        "",
        `Hittar du inte länken? Skriv till oss och ange diarienumret: ${site}/kontakt/`,
        ...closing("sv", site),
      ].join("\n"),
    }),
    en: (data, site) => ({
      subject: `We have a question about your idea ${data.reference}`,
      text: [
        "Hello,",
        "",
        `The reviewers have a question about your idea ${data.reference}.`,
        "Open your status link from the receipt e-mail to read the question and answer it. We continue the assessment when you have answered.",
        "",
        `Cannot find the link? Write to us and give the reference number: ${site}/en/contact/`,
        ...closing("en", site),
      ].join("\n"),
    }),
  },
  decision_released: {
    sv: (data, site) => ({
      subject: `Beslut om din idé ${data.reference}`,
      text: [
        "Hej!",
        "",
        `Nu finns ett beslut om din idé ${data.reference}: ${data.state_label}.`,
        "",
        "Granskarnas förklaring:",
        data.message,
        "",
        "Du ser beslutet och hela historiken via din statuslänk från kvittomejlet.",
        `Har du frågor om beslutet? Skriv till oss och ange diarienumret: ${site}/kontakt/`,
        ...closing("sv", site),
      ].join("\n"),
    }),
    en: (data, site) => ({
      subject: `Decision on your idea ${data.reference}`,
      text: [
        "Hello,",
        "",
        // The state's label and the reviewers' explanation are written in Swedish.
        `There is now a decision on your idea ${data.reference}: ${data.state_label}.`,
        "",
        "The reviewers' explanation (in Swedish):",
        data.message,
        "",
        "You can see the decision and the whole history through your status link from the receipt e-mail.",
        `Questions about the decision? Write to us and give the reference number: ${site}/en/contact/`,
        ...closing("en", site),
      ].join("\n"),
    }),
  },
  duplicate_unlinked: {
    sv: (data, site) => ({
      subject: `Din idé ${data.reference} bedöms igen`,
      text: [
        "Hej!",
        "",
        `Din idé ${data.reference} är inte längre markerad som en dubblett. Den är nu ${data.state_label}.`,
        "",
        "Meddelande från idéslussen:",
        data.message,
        "",
        "Du följer idén via din statuslänk från kvittomejlet.",
        `Har du frågor? Skriv till oss och ange diarienumret: ${site}/kontakt/`,
        ...closing("sv", site),
      ].join("\n"),
    }),
    en: (data, site) => ({
      subject: `Your idea ${data.reference} is being assessed again`,
      text: [
        "Hello,",
        "",
        // The state's label and the message are written in Swedish.
        `Your idea ${data.reference} is no longer marked as a duplicate. It is now: ${data.state_label}.`,
        "",
        "Message from the idea sluice (in Swedish):",
        data.message,
        "",
        "You can follow the idea through your status link from the receipt e-mail.",
        `Questions? Write to us and give the reference number: ${site}/en/contact/`,
        ...closing("en", site),
      ].join("\n"),
    }),
  },
  assignment: inSwedishOnly<Payload<"assignment">>((data, site) => ({
    subject: `Du har fått en idé att bedöma: ${data.reference}`,
    text: [
      "Hej!",
      "",
      `${data.assigned_by} har bett dig bedöma idén ${data.reference}.`,
      `Bedömningen ska vara klar senast ${formatDueDate(data.due_on)}.`,
      "",
      "Öppna idén i granskningsverktyget:",
      `${site}${workspaceIdeaPath(data.reference)}`,
      "",
      "Du loggar in med ditt granskarkonto. Om du har jäv, svara ja på frågan om jäv innan du bedömer idén.",
      ...reviewerClosing(),
    ].join("\n"),
  })),
  mention: inSwedishOnly<Payload<"mention">>((data, site) => ({
    subject: `Du har nämnts i en anteckning om idén ${data.reference}`,
    text: [
      "Hej!",
      "",
      `${data.mentioned_by} nämnde dig i en intern anteckning om idén ${data.reference}.`,
      "Anteckningen står inte i mejlet. Läs den i granskningsverktyget:",
      `${site}${workspaceIdeaPath(data.reference)}`,
      ...reviewerClosing(),
    ].join("\n"),
  })),
  weekly_digest: { sv: weeklyDigest, en: weeklyDigest },
  reviewer_invitation: inSwedishOnly<Payload<"reviewer_invitation">>((data, site) => ({
    subject: "Du är inbjuden att granska idéer i Innovationsslussen",
    text: [
      `Hej ${data.name}!`,
      "",
      `${data.invited_by} har bjudit in dig till Innovationsslussen som ${
        data.role === "coordinator" ? "samordnare" : "granskare"
      }. Du kommer att se idéer från ${data.municipality ?? "alla kommuner i regionen"}.`,
      "",
      "Så här kommer du igång:",
      "1. Öppna länken nedan.",
      "2. Välj ett lösenord med minst 12 tecken.",
      "3. Sedan är du inloggad. Nästa gång loggar du in med din e-postadress och lösenordet.",
      "",
      `${site}${workspacePaths.welcome}?token=${encodeURIComponent(data.invitation_token)}`,
      "",
      "Länken gäller i en timme och kan bara användas en gång. Om den har slutat gälla kan du be samordnaren skicka en ny inbjudan.",
      "Om du inte väntade dig det här mejlet kan du strunta i det.",
      ...reviewerClosing(),
    ].join("\n"),
  })),
};

const dueDate = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeZone: "Europe/Stockholm",
});

/** A due date (`2026-12-10`) as Swedish text: 10 december 2026. */
function formatDueDate(date: string): string {
  // Noon UTC is the same calendar day in Stockholm whatever the season.
  return dueDate.format(new Date(`${date}T12:00:00Z`));
}

/**
 * E-mails to reviewers are Swedish, the workspace's language, whatever the bearer used; the
 * database writes `locale: "sv"` into their payloads, and both entries render the same text.
 */
function inSwedishOnly<T>(render: (data: T, site: string) => RenderedEmail) {
  return { sv: render, en: render };
}

function reviewerClosing(): string[] {
  return [
    "",
    "Vänliga hälsningar",
    "Innovationsslussen",
    "",
    "Det här mejlet skickades automatiskt. Svara inte på det.",
  ];
}

function closing(language: Locale, site: string): string[] {
  return language === "sv"
    ? [
        "",
        "Vänliga hälsningar",
        "Innovationsslussen",
        "",
        "Det här mejlet skickades automatiskt. Svara inte på det.",
        `Så hanterar vi dina personuppgifter: ${site}/personuppgifter/`,
      ]
    : [
        "",
        "Kind regards",
        "Innovationsslussen",
        "",
        "This e-mail was sent automatically. Please do not reply to it.",
        `How we handle your personal data: ${site}/en/privacy/`,
      ];
}

/**
 * Writes the e-mail for one outbox row in the bearer's language (plain Swedish unless they used the
 * English form; e-mails to reviewers are always Swedish). Text only: it reads the same in every mail program and screen reader. The payload
 * is parsed first; a row that does not fit its template throws {@link UnrenderableEmail}.
 */
export function renderOutboxEmail(
  template: string,
  payload: unknown,
  siteUrl: string,
): RenderedEmail {
  if (!isTemplate(template)) throw new UnrenderableEmail(`Okänd mall: ${template}`);
  return render(template, payload, siteUrl.replace(/\/+$/, ""));
}

function render<T extends OutboxTemplate>(
  template: T,
  payload: unknown,
  site: string,
): RenderedEmail {
  const result = outboxPayloadSchemas[template].safeParse(payload);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
    throw new UnrenderableEmail(`Fel innehåll för mallen ${template}: ${fields.join(", ")}`);
  }
  const data = result.data as Payload<T>;
  return templates[template][data.locale](data, site);
}
