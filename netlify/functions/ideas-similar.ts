import type { Config, Context } from "@netlify/functions";
import { z } from "zod";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { isSameOrigin } from "../../src/server/http/origin.ts";
import { errorResponse, jsonResponse } from "../../src/server/http/responses.ts";
import { createAnonClient } from "../../src/server/supabase.ts";

const similarRequestSchema = z.object({
  text: z
    .string({ error: "Skicka texten att jämföra i fältet text." })
    .trim()
    .min(3, { error: "Skriv minst tre tecken." })
    .max(8000, { error: "Texten får vara högst 8000 tecken." }),
});

const similarIdeasSchema = z.array(z.object({ reference: z.string(), title: z.string() }));

/**
 * POST /api/ideas/similar – the form's hint: up to five published ideas that resemble what the
 * person is writing (Swedish full-text search and trigram similarity in the database). Never
 * unpublished content; the database function only searches the idea bank.
 */
export default defineEndpoint<Context>({
  methods: ["POST"],
  handle: async (request) => {
    if (!isSameOrigin(request))
      return errorResponse(403, { error: "forbidden_origin", message: "Fel ursprung." });
    if (!request.headers.get("content-type")?.startsWith("application/json")) {
      return errorResponse(415, { error: "unsupported_media_type", message: "Skicka JSON." });
    }
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return errorResponse(400, {
        error: "bad_json",
        message: "Skicka ett JSON-objekt med fältet text.",
      });
    }
    const parsed = similarRequestSchema.safeParse(body);
    if (!parsed.success) {
      return errorResponse(422, {
        error: "validation",
        message: parsed.error.issues[0]?.message ?? "Ogiltig text.",
      });
    }
    // A hint is never worth an error page: when the search fails the form simply shows no hints,
    // and the cause is logged (without the text, which may hold personal data) so it is not hidden.
    try {
      const { data, error } = await createAnonClient().rpc("find_similar_published_ideas", {
        search_text: parsed.data.text,
      });
      if (!error) return jsonResponse({ ideas: similarIdeasSchema.parse(data).slice(0, 5) });
      logSearchFailure(error.code || "unknown");
    } catch (error) {
      logSearchFailure(error instanceof Error ? error.name : "unknown");
    }
    return jsonResponse({ ideas: [] });
  },
});

function logSearchFailure(cause: string): void {
  console.warn(JSON.stringify({ level: "warn", event: "similar_ideas_failed", cause }));
}

export const config: Config = {
  path: "/api/ideas/similar",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
