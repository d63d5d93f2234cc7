import { z } from "zod";
import { statusTokenSchema } from "../../domain/idea/format-schemas.ts";
import { locales, type Locale } from "../../domain/locale.ts";
import { statusMessages } from "../../domain/status/messages.ts";
import { removeControlCharacters } from "../../domain/text.ts";
import { bodyFields, type BodyRules, type RequestBody } from "../http/request-body.ts";

/** What the status endpoints accept: the status page's forms and the script's JSON; a reply is at most 4 000 characters. */
export const statusBodyRules: BodyRules = { formats: ["json", "form"], maxBytes: 32 * 1024 };

/** The bearer's answer to the reviewers, with messages in the page's language. */
export function replyBodySchema(locale: Locale) {
  const messages = statusMessages[locale];
  return z
    .string({ error: messages.replyMissing })
    .overwrite(removeControlCharacters)
    .trim()
    .normalize("NFC")
    .min(1, { error: messages.replyMissing })
    .max(4000, { error: messages.replyTooLong });
}

/** A POST to a status endpoint, read: its format, language, fields and its token when well formed. */
export interface StatusPost {
  format: "json" | "form";
  /** The status page's language: its forms' hidden `locale` field, else the request's. */
  locale: Locale;
  fields: Record<string, unknown>;
  /** The status token, or null when it is missing or malformed (answered like an unknown one). */
  token: string | null;
}

const localeSchema = z.enum(locales);

/** Reads a POST to /api/status or /api/status/reply, whose body the HTTP toolkit has read. */
export function readStatusPost(body: RequestBody, requestLocale: Locale): StatusPost {
  const fields = bodyFields(body);
  const token = statusTokenSchema.safeParse(fields.token);
  return {
    format: body.format,
    locale: localeSchema.catch(requestLocale).parse(fields.locale ?? requestLocale),
    fields,
    token: token.success ? token.data : null,
  };
}
