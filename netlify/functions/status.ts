import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { lookUpStatus, statusResponse } from "../../src/server/status/status-page.ts";
import { readStatusPost, statusBodyRules } from "../../src/server/status/status-request.ts";
import { createAnonClient } from "../../src/server/supabase.ts";

/**
 * POST /api/status – the idea bearer's view of their idea. The token comes in the body (the status
 * page reads it from the URL fragment), so it never appears in a URL that a server logs.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: statusBodyRules,
  handle: async ({ body, locale: requestLocale }) => {
    const { format, locale, token } = readStatusPost(body, requestLocale);
    // A malformed token gets the same answer as an unknown one.
    if (!token) return statusResponse({ kind: "unknown" }, format, "", locale);
    return statusResponse(await lookUpStatus(createAnonClient(), token), format, token, locale);
  },
});

export const config: Config = {
  path: "/api/status",
  // Guessing tokens is hopeless at 244 bits; the limit keeps it expensive anyway.
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
