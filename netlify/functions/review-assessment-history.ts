import type { Config } from "@netlify/functions";
import { parseReference } from "../../src/domain/review/schema.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { camelCaseKeys } from "../../src/server/review/camel-case.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/**
 * GET /api/review/ideas/:reference/assessment/history – the caller's own saves of their assessment
 * of the idea, newest first (`api.list_assessment_history`), in camelCase like the other read
 * endpoints: 200 `{ reference, saves: [{ savedAt, recommendation, comment, scores: [{ criterion,
 * name, score, comment }] }] }`. Only one's own: no reviewer sees another's revisions. 404 for an
 * idea outside the caller's scope, as for one that does not exist; 401 without a session.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session, context }) => {
    const reference = parseReference(context.params?.reference);
    if (!reference) {
      return refusalResponse(
        { kind: "not_found", code: "PT404", rule: "not_found", facts: {} },
        { fn: "list_assessment_history" },
      );
    }
    const result = await callDatabase(session.client.rpc("list_assessment_history", { reference }));
    if (!result.ok) return refusalResponse(result.failure, { fn: "list_assessment_history" });
    return jsonResponse(camelCaseKeys(result.data));
  }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/assessment/history",
};
