import type { Config } from "@netlify/functions";
import { unlinkBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/unlink – a coordinator removes the duplicate link of an idea
 * marked as a duplicate and returns it to review: `{ expected: "duplicate", reason, message? }`.
 * The link stays in the history with who removed it and when. A bearer who was told it was a
 * duplicate is told it no longer is (`message`, required then; released at once with an e-mail); a
 * duplicate decision never released is withdrawn instead. 200 `{ reference, state: "in_review",
 * event_id, decision_withdrawn, bearer_told, link }`; 409 when the idea is no longer a duplicate.
 */
export default defineIdeaAction({
  method: "POST",
  fn: "unlink_duplicate",
  schema: unlinkBodySchema,
  refusal: {
    scope: "unlink_duplicate",
    fieldNames: { expected_state: "expected", message_to_bearer: "message" },
  },
  call: ({ session, reference, body }) =>
    session.client.rpc("unlink_duplicate", {
      reference,
      expected_state: body.expected,
      reason: body.reason,
      ...(body.message ? { message_to_bearer: body.message } : {}),
    }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/unlink",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
