import type { Config } from "@netlify/functions";
import { stateChangeBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/state – the workspace's one state change: `{ to, expected,
 * reason?, message?, duplicate_of?, forwarded_to?, follow_up_on?, municipalities? }`. Starting the
 * review (`received` → `in_review`, any reviewer in scope, no reason needed) is recorded in the
 * timeline; the coordinator's moves and decisions go the same way – a decision with `message` to
 * the bearer, kept internal until released (POST …/release), a duplicate with `duplicate_of`, a
 * forwarding with `forwarded_to` and `follow_up_on`, implemented and spread with the implementing
 * municipalities' codes. 200 `{ reference, state, event_id, awaiting_release }`; 409 `{ error:
 * "conflict", rule: "stale_state", current, changed_by? }` when the idea is no longer in `expected`.
 */
export default defineIdeaAction({
  method: "POST",
  fn: "move_idea",
  schema: stateChangeBodySchema,
  refusal: {
    fieldNames: { to_state: "to", expected_state: "expected", message_to_bearer: "message" },
  },
  call: ({ session, reference, body }) =>
    session.client.rpc("move_idea", {
      reference,
      expected_state: body.expected,
      to_state: body.to,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.message ? { message_to_bearer: body.message } : {}),
      ...(body.duplicate_of ? { duplicate_of: body.duplicate_of } : {}),
      ...(body.forwarded_to ? { forwarded_to: body.forwarded_to } : {}),
      ...(body.follow_up_on ? { follow_up_on: body.follow_up_on } : {}),
      ...(body.municipalities ? { municipalities: body.municipalities } : {}),
    }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/state",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
