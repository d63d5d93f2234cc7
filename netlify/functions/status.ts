import type { Config, Context } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { isSameOrigin } from "../../src/server/http/origin.ts";
import { errorResponse } from "../../src/server/http/responses.ts";
import { UnreadableRequest } from "../../src/server/ideas/submission-request.ts";
import { createAnonClient } from "../../src/server/supabase.ts";
import { lookUpStatus, statusResponse } from "../../src/server/status/status-page.ts";
import { readStatusRequest, statusTokenSchema } from "../../src/server/status/status-request.ts";

/**
 * POST /api/status – the idea bearer's view of their idea. The token comes in the body (the status
 * page reads it from the URL fragment), so it never appears in a URL that a server logs.
 */
export default defineEndpoint<Context>({
  methods: ["POST"],
  handle: async (request) => {
    if (!isSameOrigin(request))
      return errorResponse(403, { error: "forbidden_origin", message: "Fel ursprung." });
    let body;
    try {
      body = await readStatusRequest(request);
    } catch (error) {
      if (error instanceof UnreadableRequest)
        return errorResponse(error.status, { error: error.code, message: error.message });
      throw error;
    }
    const token = statusTokenSchema.safeParse(body.fields.token);
    // A malformed token gets the same answer as an unknown one.
    if (!token.success) return statusResponse({ kind: "unknown" }, body.format, "");
    return statusResponse(
      await lookUpStatus(createAnonClient(), token.data),
      body.format,
      token.data,
    );
  },
});

export const config: Config = {
  path: "/api/status",
  // Guessing tokens is hopeless at 244 bits; the limit keeps it expensive anyway.
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
