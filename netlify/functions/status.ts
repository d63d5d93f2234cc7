import type { Config, Context } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { lookUpStatus, statusResponse } from "../../src/server/status/status-page.ts";
import { readStatusPost } from "../../src/server/status/status-request.ts";
import { createAnonClient } from "../../src/server/supabase.ts";

/**
 * POST /api/status – the idea bearer's view of their idea. The token comes in the body (the status
 * page reads it from the URL fragment), so it never appears in a URL that a server logs.
 */
export default defineEndpoint<Context>({
  methods: ["POST"],
  handle: async (request) => {
    const post = await readStatusPost(request);
    if (post instanceof Response) return post;
    // A malformed token gets the same answer as an unknown one.
    if (!post.token) return statusResponse({ kind: "unknown" }, post.format, "");
    return statusResponse(
      await lookUpStatus(createAnonClient(), post.token),
      post.format,
      post.token,
    );
  },
});

export const config: Config = {
  path: "/api/status",
  // Guessing tokens is hopeless at 244 bits; the limit keeps it expensive anyway.
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
