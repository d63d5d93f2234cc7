import type { Config } from "@netlify/functions";
import { reviewFieldMessage } from "../../src/domain/review/messages.ts";
import { parseWithinDays } from "../../src/domain/review/schema.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/**
 * GET /api/review/follow-ups?within_days=7 – a coordinator's list of forwarded ideas to follow up:
 * those whose follow-up date falls within the next `within_days` days (0–365, default 7) or has
 * passed, and any without a date, overdue first. 200 `{ today, within_days, items: [{ reference,
 * title, municipality, forwarded_to, follow_up_on, overdue, days_overdue, forwarded_at,
 * forwarded_by, decision_released }] }`; 403 for anyone but a coordinator; 422 for another
 * `within_days`.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session, url }) => {
    const withinDays = parseWithinDays(url.searchParams.get("within_days"));
    if (withinDays === null) {
      const message = reviewFieldMessage("within_days", "out_of_range");
      return jsonResponse(
        {
          error: "invalid",
          rule: "out_of_range",
          message,
          field: "within_days",
          fields: { within_days: message },
        },
        { status: 422 },
      );
    }
    const result = await callDatabase(
      session.client.rpc("list_follow_ups", { within_days: withinDays }),
    );
    if (!result.ok) return refusalResponse(result.failure, { fn: "list_follow_ups" });
    return jsonResponse(result.data);
  }),
});

export const config: Config = {
  path: "/api/review/follow-ups",
};
