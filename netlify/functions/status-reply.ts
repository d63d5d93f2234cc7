import type { Config, Context } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { isSameOrigin } from "../../src/server/http/origin.ts";
import { errorResponse } from "../../src/server/http/responses.ts";
import { UnreadableRequest } from "../../src/server/ideas/submission-request.ts";
import { createAnonClient } from "../../src/server/supabase.ts";
import { lookUpStatus, statusResponse } from "../../src/server/status/status-page.ts";
import {
  readStatusRequest,
  replyBodySchema,
  statusTokenSchema,
} from "../../src/server/status/status-request.ts";

/** POST /api/status/reply – the bearer answers the reviewers' question through the status link. */
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
    if (!token.success) return statusResponse({ kind: "unknown" }, body.format, "");
    const database = createAnonClient();
    const reply = replyBodySchema.safeParse(body.fields.body);
    if (!reply.success) {
      const message = reply.error.issues[0]?.message ?? "Skriv ditt svar.";
      if (body.format === "json") return errorResponse(422, { error: "validation", message });
      return statusResponse(await lookUpStatus(database, token.data), "form", token.data, {
        kind: "error",
        text: message,
      });
    }
    try {
      const { error, status } = await database.rpc("reply_as_bearer", {
        token: token.data,
        body: reply.data,
      });
      if (error?.code === "PT404") return statusResponse({ kind: "unknown" }, body.format, "");
      if (error && (status === 0 || status >= 500 || !error.code))
        return statusResponse({ kind: "unavailable" }, body.format, "");
      if (error) throw new Error(`api.reply_as_bearer: ${error.code} ${error.message}`);
    } catch (error) {
      if (error instanceof TypeError)
        return statusResponse({ kind: "unavailable" }, body.format, "");
      throw error;
    }
    return statusResponse(await lookUpStatus(database, token.data), body.format, token.data, {
      kind: "success",
      text: "Tack! Ditt svar är skickat till granskarna.",
    });
  },
});

export const config: Config = {
  path: "/api/status/reply",
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
