import { z } from "zod";
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
