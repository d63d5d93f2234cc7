import { z } from "zod";
import type { IdeaFormValues } from "../../views/idea-form.ts";
import { formToInput } from "../../domain/idea/form-input.ts";
import { defaultLocale, locales, type Locale } from "../../domain/locale.ts";

/** Bodies larger than this are refused before parsing: the longest valid idea is about 20 KB. */
export const maxBodyBytes = 64 * 1024;

/** Why a request could not even be read as a submission; the endpoint answers with the status. */
export class UnreadableRequest extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

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
  /** When the browser showed the form (ms since epoch), if its script could say. */
  /**
   * How long the form was open before it was sent, in milliseconds, measured by the form's script
   * on the browser's own clock (so a device whose clock is wrong is not mistaken for a bot).
   * Undefined without JavaScript.
   */
  fillMilliseconds: number | undefined;
}

const jsonBodySchema = z.record(z.string(), z.unknown(), {
  error: "Skicka idén som ett JSON-objekt.",
});

/**
 * The `locale` field, in a form post and in a JSON body alike: `sv` (the default when it is absent)
 * or `en`. The answer's language follows the page the person used, not the browser's
 * Accept-Language, which is not read.
 */
const localeSchema = z.enum(locales).optional().default(defaultLocale);

function readLocale(value: unknown): Locale {
  const parsed = localeSchema.safeParse(value);
  if (!parsed.success)
    throw new UnreadableRequest(
      400,
      "unsupported_locale",
      "Okänt språk i locale: använd sv eller en. Unknown locale: use sv or en.",
    );
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
 * Reads a POST to /api/ideas: `application/json` or `application/x-www-form-urlencoded`, at most
 * {@link maxBodyBytes}. Anything else is an {@link UnreadableRequest} with its HTTP status.
 */
export async function readSubmissionRequest(request: Request): Promise<SubmissionRequest> {
  const contentType =
    request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  const format =
    contentType === "application/json"
      ? "json"
      : contentType === "application/x-www-form-urlencoded"
        ? "form"
        : undefined;
  if (!format) {
    throw new UnreadableRequest(
      415,
      "unsupported_media_type",
      "Skicka idén som JSON eller från formuläret.",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBodyBytes)
    throw new UnreadableRequest(
      413,
      "too_large",
      "Idén är för lång för att skickas. Korta texterna och försök igen.",
    );
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > maxBodyBytes)
    throw new UnreadableRequest(
      413,
      "too_large",
      "Idén är för lång för att skickas. Korta texterna och försök igen.",
    );
  let body: string;
  try {
    body = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableRequest(
      400,
      "bad_encoding",
      "Texten gick inte att läsa. Skicka den som UTF-8.",
    );
  }
  const headerKey = request.headers.get("idempotency-key") ?? undefined;

  if (format === "form") {
    const form = new URLSearchParams(body);
    const locale = readLocale(form.get("locale") ?? undefined);
    const { input, values } = formToInput(form);
    return {
      format,
      locale,
      input,
      values,
      idempotencyKey: headerKey ?? (form.get("idempotency_key") || undefined),
      honeypot: form.get("contact_fax") ?? "",
      fillMilliseconds: readFillMilliseconds(form.get("fill_ms") || undefined),
    };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new UnreadableRequest(
      400,
      "bad_json",
      "Idén kom inte fram som giltig JSON. Skicka igen.",
    );
  }
  const object = jsonBodySchema.safeParse(parsed);
  if (!object.success)
    throw new UnreadableRequest(400, "bad_json", "Skicka idén som ett JSON-objekt.");
  const {
    locale,
    idempotency_key: bodyKey,
    fill_ms: fillMilliseconds,
    contact_fax: honeypot,
    ...input
  } = object.data;
  return {
    format,
    locale: readLocale(locale),
    input,
    values: {},
    idempotencyKey: headerKey ?? (typeof bodyKey === "string" ? bodyKey : undefined),
    honeypot: typeof honeypot === "string" ? honeypot : "",
    fillMilliseconds: readFillMilliseconds(fillMilliseconds),
  };
}
