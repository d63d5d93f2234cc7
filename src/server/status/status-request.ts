import { z } from "zod";
import { removeControlCharacters } from "../../domain/text.ts";
import { isSameOrigin } from "../http/origin.ts";
import { errorResponse } from "../http/responses.ts";
import { UnreadableRequest, maxBodyBytes } from "../ideas/submission-request.ts";

/** A status token as `api.submit_idea` makes them: base64url, at least 128 bits. */
export const statusTokenSchema = z
  .string({ error: "Skriv koden från din statuslänk." })
  .trim()
  .regex(/^[A-Za-z0-9_-]{22,100}$/, {
    error: "Koden ser inte ut som koden i en statuslänk. Kopiera hela länken.",
  });

/** The bearer's answer to the reviewers. */
export const replyBodySchema = z
  .string({ error: "Skriv ditt svar." })
  .overwrite(removeControlCharacters)
  .trim()
  .normalize("NFC")
  .min(1, { error: "Skriv ditt svar." })
  .max(4000, { error: "Svaret får vara högst 4000 tecken." });

/** A POST to the status endpoints, JSON or form-encoded, as plain fields. */
export async function readStatusRequest(
  request: Request,
): Promise<{ format: "json" | "form"; fields: Record<string, unknown> }> {
  const contentType =
    request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (contentType !== "application/json" && contentType !== "application/x-www-form-urlencoded") {
    throw new UnreadableRequest(415, "unsupported_media_type", "Skicka JSON eller formuläret.");
  }
  const text = await request.text();
  if (text.length > maxBodyBytes)
    throw new UnreadableRequest(413, "too_large", "Texten är för lång.");
  if (contentType === "application/x-www-form-urlencoded") {
    return { format: "form", fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return { format: "json", fields: parsed as Record<string, unknown> };
  } catch {
    // Falls through to the same answer as any other body that is not an object.
  }
  throw new UnreadableRequest(400, "bad_json", "Skicka ett JSON-objekt.");
}

/** A POST to a status endpoint, read: its format, its fields and its token when the token is well formed. */
export interface StatusPost {
  format: "json" | "form";
  fields: Record<string, unknown>;
  /** The status token, or null when it is missing or malformed (answered like an unknown one). */
  token: string | null;
}

/**
 * Reads a POST to /api/status or /api/status/reply: refuses other sites' pages (403) and bodies
 * that are neither JSON nor a form (4xx), and parses the token. Returns the response to send when
 * the request cannot be read.
 */
export async function readStatusPost(request: Request): Promise<StatusPost | Response> {
  if (!isSameOrigin(request))
    return errorResponse(403, { error: "forbidden_origin", message: "Fel ursprung." });
  try {
    const { format, fields } = await readStatusRequest(request);
    const token = statusTokenSchema.safeParse(fields.token);
    return { format, fields, token: token.success ? token.data : null };
  } catch (error) {
    if (error instanceof UnreadableRequest)
      return errorResponse(error.status, { error: error.code, message: error.message });
    throw error;
  }
}
