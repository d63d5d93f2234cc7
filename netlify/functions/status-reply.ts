import type { Config, Context } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { errorResponse } from "../../src/server/http/responses.ts";
import { lookUpStatus, statusResponse } from "../../src/server/status/status-page.ts";
import { readStatusPost, replyBodySchema } from "../../src/server/status/status-request.ts";
import { createAnonClient } from "../../src/server/supabase.ts";

/** POST /api/status/reply – the bearer answers the reviewers' question through the status link. */
export default defineEndpoint<Context>({
  methods: ["POST"],
  handle: async (request) => {
    const post = await readStatusPost(request);
    if (post instanceof Response) return post;
    const { format, fields, token } = post;
    if (!token) return statusResponse({ kind: "unknown" }, format, "");
    const database = createAnonClient();
    const reply = replyBodySchema.safeParse(fields.body);
    if (!reply.success) {
      const message = reply.error.issues[0]?.message ?? "Skriv ditt svar.";
      if (format === "json") return errorResponse(422, { error: "validation", message });
      return statusResponse(await lookUpStatus(database, token), format, token, {
        kind: "error",
        text: message,
      });
    }
    try {
      const { error, status } = await database.rpc("reply_as_bearer", { token, body: reply.data });
      if (error?.code === "PT404") return statusResponse({ kind: "unknown" }, format, "");
      if (error && (status === 0 || status >= 500 || !error.code)) {
        return statusResponse({ kind: "unavailable" }, format, "");
      }
      if (error) throw new Error(`api.reply_as_bearer: ${error.code} ${error.message}`);
    } catch (error) {
      if (error instanceof TypeError) return statusResponse({ kind: "unavailable" }, format, "");
      throw error;
    }
    return statusResponse(await lookUpStatus(database, token), format, token, {
      kind: "success",
      text: "Tack! Ditt svar är skickat till granskarna.",
    });
  },
});

export const config: Config = {
  path: "/api/status/reply",
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
