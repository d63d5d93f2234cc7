import { z } from "zod";
import type { IdeaFormValues } from "../../views/idea-form.ts";
import { formToInput } from "../../domain/idea/form-input.ts";
import { defaultLocale, locales, type Locale } from "../../domain/locale.ts";
import { HttpError } from "../http/errors.ts";
import type { BodyRules, RequestBody } from "../http/request-body.ts";

/**
 * What POST /api/ideas accepts: the enhanced form's JSON and the plain form post, at most 64 KB
 * (the longest valid idea is about 20 KB).
 */
export const submissionBodyRules: BodyRules = { formats: ["json", "form"], maxBytes: 64 * 1024 };

/** The submission as the client sent it, with the anti-spam fields and key kept apart. */
export interface SubmissionRequest {
  /** How the client wants the answer: JSON for the enhanced form and API clients, HTML for a plain form post. */
  format: "json" | "form";
  /** The language to answer in: the form's hidden `locale` field or the JSON body's `locale`. */
  locale: Locale;
  /** The submission's fields, ready for the idea schema. */
  input: Record<string, unknown>;
  /** The answers as typed, to fill the form again after an error. */
  values: IdeaFormValues;
  /** The client's idempotency key, if it sent one. */
  idempotencyKey: string | undefined;
  /** The honeypot field, which people never see and bots fill in. */
  honeypot: string;
  /**
   * How long the form was open before it was sent, in milliseconds, measured by the form's script
   * on the browser's own clock (so a device whose clock is wrong is not mistaken for a bot).
   * Undefined without JavaScript.
   */
  fillMilliseconds: number | undefined;
}

/**
 * The `locale` field, in a form post and in a JSON body alike: `sv` (the default when it is absent)
 * or `en`. The answer's language follows the page the person used, not the browser's
 * Accept-Language, which is not read.
 */
const localeSchema = z.enum(locales).optional().default(defaultLocale);

function readLocale(value: unknown): Locale {
  const parsed = localeSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, "unsupported_locale");
  return parsed.data;
}

/** The form's fill time, as a number or numeric text; anything else counts as not measured. */
const fillMillisecondsSchema = z.coerce.number().int().nonnegative();

function readFillMilliseconds(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const parsed = fillMillisecondsSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Turns the body of a POST to /api/ideas (read by the HTTP toolkit) into a submission: the idea's
 * fields apart from the language, the retry key, the fill time and the honeypot. A language the
 * site does not have is an {@link HttpError} (400 `unsupported_locale`).
 */
export function readSubmission(body: RequestBody, request: Request): SubmissionRequest {
  const headerKey = request.headers.get("idempotency-key") ?? undefined;
  if (body.format === "form") {
    const { form } = body;
    const { input, values } = formToInput(form);
    return {
      format: "form",
      locale: readLocale(form.get("locale") ?? undefined),
      input,
      values,
      idempotencyKey: headerKey ?? (form.get("idempotency_key") || undefined),
      honeypot: form.get("contact_fax") ?? "",
      fillMilliseconds: readFillMilliseconds(form.get("fill_ms") || undefined),
    };
  }
  const {
    locale,
    idempotency_key: bodyKey,
    fill_ms: fillMilliseconds,
    contact_fax: honeypot,
    ...input
  } = body.json;
  return {
    format: "json",
    locale: readLocale(locale),
    input,
    values: {},
    idempotencyKey: headerKey ?? (typeof bodyKey === "string" ? bodyKey : undefined),
    honeypot: typeof honeypot === "string" ? honeypot : "",
    fillMilliseconds: readFillMilliseconds(fillMilliseconds),
  };
}
