import type { Config } from "@netlify/functions";
import { assignmentBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/assignments – a coordinator asks a reviewer to assess the idea:
 * `{ reviewer_id, due_on: "YYYY-MM-DD" }`. The reviewer gets an e-mail; assigning someone already
 * assigned changes the due date. 200 `{ reference, reviewer_id, due_on, done_at, created }`; 403
 * for anyone but a coordinator. Taking someone off: DELETE …/assignments/:reviewer.
 */
export default defineIdeaAction({
  method: "POST",
  fn: "assign_reviewer",
  schema: assignmentBodySchema,
  maxBytes: 4 * 1024,
  call: ({ session, reference, body }) =>
    session.client.rpc("assign_reviewer", {
      reference,
      reviewer_id: body.reviewer_id,
      due_on: body.due_on,
    }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/assignments",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
