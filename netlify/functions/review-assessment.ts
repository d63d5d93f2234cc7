import type { Config } from "@netlify/functions";
import { assessmentBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * PUT /api/review/ideas/:reference/assessment – saves the caller's whole assessment of the idea:
 * `{ scores: [{ criterion, score 1–5, comment }], recommendation, comment? }` on every criterion in
 * force (`GET /api/review/criteria`). 200 `{ reference, status: "complete", saved_at,
 * assignment_done }`. Revisable until the decision; every save is kept. Refused (422) without a
 * "no" to the jäv question, with declared jäv, before the review has started and after the decision.
 */
export default defineIdeaAction({
  method: "PUT",
  fn: "save_assessment",
  schema: assessmentBodySchema,
  call: ({ session, reference, body }) =>
    session.client.rpc("save_assessment", {
      reference,
      scores: body.scores,
      recommendation: body.recommendation,
      ...(body.comment ? { comment: body.comment } : {}),
    }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/assessment",
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
