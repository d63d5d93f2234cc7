import type { Config } from "@netlify/functions";
import { replyRuleMessage, statusMessages } from "../../src/domain/status/messages.ts";
import { callDatabase, DatabaseBug } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { errorResponse } from "../../src/server/http/responses.ts";
import { lookUpStatus, statusResponse } from "../../src/server/status/status-page.ts";
import {
  readStatusPost,
  replyBodySchema,
  statusBodyRules,
} from "../../src/server/status/status-request.ts";
import { createAnonClient } from "../../src/server/supabase.ts";

/** POST /api/status/reply – the bearer answers the reviewers' question through the status link. */
export default defineEndpoint({
  methods: ["POST"],
  body: statusBodyRules,
  handle: async ({ body, locale: requestLocale }) => {
    const { format, locale, fields, token } = readStatusPost(body, requestLocale);
    if (!token) return statusResponse({ kind: "unknown" }, format, "", locale);
    const database = createAnonClient();
    const refuse = async (message: string) => {
      if (format === "json") return errorResponse(422, { error: "validation", message });
      return statusResponse(await lookUpStatus(database, token), format, token, locale, {
        kind: "error",
        text: message,
      });
    };
    const reply = replyBodySchema(locale).safeParse(fields.body);
    if (!reply.success)
      return refuse(reply.error.issues[0]?.message ?? statusMessages[locale].replyMissing);
    const result = await callDatabase(database.rpc("reply_as_bearer", { token, body: reply.data }));
    if (!result.ok) {
      const { failure } = result;
      if (failure.kind === "not_found")
        return statusResponse({ kind: "unknown" }, format, "", locale);
      if (failure.kind === "unavailable")
        return statusResponse({ kind: "unavailable" }, format, "", locale);
      if (failure.kind === "invalid" && failure.field === "body")
        return refuse(replyRuleMessage(failure.rule, locale));
      throw new DatabaseBug("reply_as_bearer", failure);
    }
    return statusResponse(await lookUpStatus(database, token), format, token, locale, {
      kind: "success",
      text: statusMessages[locale].replySent,
    });
  },
});

export const config: Config = {
  path: "/api/status/reply",
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
