import type { Config } from "@netlify/functions";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/**
 * GET /api/review/criteria – the criteria in force, in order, for the assessment form: 200
 * `{ criteria: [{ slug, name, description, weight, version, levels: [{ score, description }] }] }`.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session }) => {
    const result = await callDatabase(session.client.rpc("list_criteria"));
    if (!result.ok) return refusalResponse(result.failure, { fn: "list_criteria" });
    return jsonResponse(result.data);
  }),
});

export const config: Config = {
  path: "/api/review/criteria",
};
