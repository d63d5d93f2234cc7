import type { Config } from "@netlify/functions";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/release – a coordinator releases the idea's pending decision to
 * its bearer. No body. From now on the status page shows the decision and its message, and the
 * bearer gets the decision e-mail. 200 `{ reference, public_state, state_label, released_at,
 * message, email_queued }`; 422 `no_pending_decision` when nothing waits; 403 for anyone but a
 * coordinator.
 */
export default defineIdeaAction({
  method: "POST",
  fn: "release_idea_decision",
  call: ({ session, reference }) => session.client.rpc("release_idea_decision", { reference }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/release",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
