import { HttpError } from "./errors.ts";

/** The body formats an endpoint may accept. */
export type BodyFormat = "json" | "form";

/** What an endpoint accepts: which formats, and how many bytes at most. */
export interface BodyRules {
  /** `json` (`application/json`) and, for pages that must work without JavaScript, `form`. */
  formats: readonly BodyFormat[];
  /** Bodies larger than this are refused with 413 before they are read to the end. */
  maxBytes: number;
}

/** A body, read: a JSON object, or a form post's fields (repeated names kept, as checkboxes need). */
export type RequestBody =
  { format: "json"; json: Record<string, unknown> } | { format: "form"; form: URLSearchParams };

const mediaTypes: Readonly<Record<string, BodyFormat>> = {
  "application/json": "json",
  "application/x-www-form-urlencoded": "form",
};

/** The format the request says its body has, if it is one the toolkit knows. */
export function bodyFormatOf(request: Request): BodyFormat | undefined {
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaTypes[mediaType];
}

/**
 * Checks what can be checked before reading: the content type (415 `unsupported_media_type`) and
 * the declared length (413 `too_large`). Called before any other work, so a refused request costs
 * nothing.
 */
export function checkBodyHeaders(request: Request, rules: BodyRules): BodyFormat {
  const format = bodyFormatOf(request);
  if (!format || !rules.formats.includes(format))
    throw new HttpError(415, "unsupported_media_type");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > rules.maxBytes) throw new HttpError(413, "too_large");
  return format;
}

/**
 * Reads the body: at most `maxBytes` (413, even when the length was not declared), strict UTF-8 (400
 * `bad_encoding`), a JSON object (400 `bad_json` for anything else) or form fields.
 */
export async function readRequestBody(request: Request, rules: BodyRules): Promise<RequestBody> {
  const format = checkBodyHeaders(request, rules);
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let body: string;
  try {
    body = text.decode(await readAtMost(request, rules.maxBytes));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, "bad_encoding");
  }
  if (format === "form") return { format, form: new URLSearchParams(body) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, "bad_json");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new HttpError(400, "bad_json");
  }
  return { format, json: parsed as Record<string, unknown> };
}

/** The body's bytes, stopping with 413 as soon as there are more than `maxBytes`. */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new HttpError(413, "too_large");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A form post's or JSON body's fields as plain values: each form field's last value (forms whose
 * fields repeat, like checkboxes, read `form` themselves).
 */
export function bodyFields(body: RequestBody): Record<string, unknown> {
  return body.format === "json" ? body.json : Object.fromEntries(body.form);
}
