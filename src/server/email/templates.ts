import { z } from "zod";

/** An e-mail ready to send. Only the subject is a header, and it holds no text a person typed. */
export interface RenderedEmail {
  subject: string;
  text: string;
}

const reference = z.string().regex(/^IS-\d{4}-\d{4,}$/);

/** What each outbox template carries, as the SQL functions write it (docs/data-model.md). */
export const outboxPayloadSchemas = {
  submission_receipt: z.object({
    reference,
    title: z.string().min(1).max(300),
    received_at: z.iso.datetime({ offset: true }),
    status_token: z.string().regex(/^[A-Za-z0-9_-]{22,}$/),
  }),
  question_to_bearer: z.object({ reference }),
  decision_released: z.object({
    reference,
    state_label: z.string().min(1).max(100),
    message: z.string().min(1).max(10_000),
  }),
} as const;

/** The templates the sender knows. */
export type OutboxTemplate = keyof typeof outboxPayloadSchemas;

function isTemplate(name: string): name is OutboxTemplate {
  return Object.hasOwn(outboxPayloadSchemas, name);
}

/** A row that can never be sent as it stands: an unknown template or a payload of the wrong shape. */
export class UnrenderableEmail extends Error {
  override name = "UnrenderableEmail";
}

const receivedAtFormat = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

const signature = ["Vänliga hälsningar", "Innovationsslussen"].join("\n");

const footer = (siteUrl: string) =>
  [
    "Det här mejlet skickades automatiskt. Svara inte på det.",
    `Så hanterar vi dina personuppgifter: ${siteUrl}/personuppgifter/`,
  ].join("\n");

/**
 * Writes the e-mail for one outbox row in plain Swedish. Text only: it reads the same in every
 * mail program and screen reader. The payload is parsed first; a row that does not fit its
 * template throws {@link UnrenderableEmail}.
 */
export function renderOutboxEmail(
  template: string,
  payload: unknown,
  siteUrl: string,
): RenderedEmail {
  if (!isTemplate(template)) throw new UnrenderableEmail(`Okänd mall: ${template}`);
  const site = siteUrl.replace(/\/+$/, "");
  switch (template) {
    case "submission_receipt": {
      const data = parse(template, payload);
      const receivedAt = receivedAtFormat.format(new Date(data.received_at));
      return {
        subject: `Vi har tagit emot din idé ${data.reference}`,
        text: [
          "Hej!",
          "",
          `Tack för din idé ”${data.title}”. Vi tog emot den ${receivedAt}. Den har fått diarienumret ${data.reference}.`,
          "",
          "Här följer du idén och svarar på frågor från granskarna:",
          `${site}/status/#${data.status_token}`,
          "",
          "Spara länken. Den är personlig, så dela den inte med andra. Den som har länken kan se din idé och svara i ditt namn.",
          "",
          "Det här händer nu:",
          "1. Din idé är en allmän handling hos kommunen. Den sparas som du skrev den.",
          "2. Idécoachen i din kommun och idéslussens granskare läser idén. Vi siktar på att börja bedöma den inom två veckor.",
          "3. Om vi behöver veta mer ställer vi frågor till dig, och du får ett mejl om det.",
          "4. När idén är bedömd får du ett beslut med en förklaring.",
          "",
          signature,
          "",
          footer(site),
        ].join("\n"),
      };
    }
    case "question_to_bearer": {
      const data = parse(template, payload);
      return {
        subject: `Vi har en fråga om din idé ${data.reference}`,
        text: [
          "Hej!",
          "",
          `Granskarna har en fråga om din idé ${data.reference}.`,
          "Öppna din statuslänk från kvittomejlet för att läsa frågan och svara. Vi fortsätter bedöma idén när du har svarat.",
          "",
          `Hittar du inte länken? Skriv till oss och ange diarienumret: ${site}/kontakt/`,
          "",
          signature,
          "",
          footer(site),
        ].join("\n"),
      };
    }
    case "decision_released": {
      const data = parse(template, payload);
      return {
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
          "",
          signature,
          "",
          footer(site),
        ].join("\n"),
      };
    }
  }
}

function parse<T extends OutboxTemplate>(
  template: T,
  payload: unknown,
): z.infer<(typeof outboxPayloadSchemas)[T]> {
  const result = outboxPayloadSchemas[template].safeParse(payload);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
    throw new UnrenderableEmail(`Fel innehåll för mallen ${template}: ${fields.join(", ")}`);
  }
  return result.data as z.infer<(typeof outboxPayloadSchemas)[T]>;
}
