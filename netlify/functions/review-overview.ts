import type { Config } from "@netlify/functions";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/**
 * GET /api/review/overview – the coordinator's overview of the sluice (the page
 * /granska/oversikt/): ideas per state, municipality and area, the median days to the first
 * assessment and to the decision over the last twelve months, overdue assessments per reviewer,
 * forwarded ideas due for follow-up and decisions not yet released. The shape is
 * `api.get_review_overview`'s (docs/data-model.md). 403 for anyone but a coordinator.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session }) => {
    const result = await callDatabase(session.client.rpc("get_review_overview"));
    if (!result.ok) return refusalResponse(result.failure, { fn: "get_review_overview" });
    return jsonResponse(result.data);
  }),
});

export const config: Config = {
  path: "/api/review/overview",
};
