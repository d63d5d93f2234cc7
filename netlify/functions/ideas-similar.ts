import type { Config } from "@netlify/functions";
import { z } from "zod";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { jsonResponse, errorResponse } from "../../src/server/http/responses.ts";
import { createAnonClient } from "../../src/server/supabase.ts";
import { log } from "../../src/server/log.ts";

const similarRequestSchema = z.object({
  /**
   * The title on its own (optional): it is compared with published ideas' titles by trigram
   * similarity, which catches a title worded like another even when few words are shared.
   */
  title: z
    .string({ error: "Skicka rubriken som text i fältet title." })
    .trim()
    .max(150, { error: "Rubriken får vara högst 150 tecken." })
    .optional(),
  /** What is written of the idea (problem and idea, or the title alone): its words are compared. */
  text: z
    .string({ error: "Skicka texten att jämföra i fältet text." })
    .trim()
    .min(3, { error: "Skriv minst tre tecken." })
    .max(8000, { error: "Texten får vara högst 8000 tecken." }),
});

const similarIdeasSchema = z.array(z.object({ reference: z.string(), title: z.string() }));

/**
 * POST /api/ideas/similar – the form's hint: up to five published ideas that resemble what the
 * person is writing, `{ title?, text }` (the significant Swedish words they share, and title against
 * title by trigram similarity, in the database). Never unpublished content; the database function
 * only searches the idea bank.
 */
export default defineEndpoint({
  methods: ["POST"],
  // The text of a whole idea is at most about 8 000 characters; 32 KB leaves room for JSON escapes.
  body: { formats: ["json"], maxBytes: 32 * 1024 },
  handle: async ({ body }) => {
    const parsed = similarRequestSchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) {
      return errorResponse(422, {
        error: "validation",
        message: parsed.error.issues[0]?.message ?? "Ogiltig text.",
      });
    }
    // A hint is never worth an error page: when the search fails the form simply shows no hints,
    // and the cause is logged (without the text, which may hold personal data) so it is not hidden.
    const result = await callDatabase(
      createAnonClient().rpc("find_similar_published_ideas", {
        // An empty title is no title; undefined leaves the argument out (its default is null).
        search_title: parsed.data.title || undefined,
        search_text: parsed.data.text,
      }),
    );
    if (result.ok)
      return jsonResponse({ ideas: similarIdeasSchema.parse(result.data).slice(0, 5) });
    log.warn("similar_ideas_failed", {
      cause: "code" in result.failure ? result.failure.code : result.failure.kind,
    });
    return jsonResponse({ ideas: [] });
  },
});

export const config: Config = {
  path: "/api/ideas/similar",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
