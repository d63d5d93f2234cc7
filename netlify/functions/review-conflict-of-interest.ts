import type { Config } from "@netlify/functions";
import { conflictOfInterestBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/conflict-of-interest – the caller's answer to "do you have jäv?":
 * `{ has_conflict: true, reason }` records the jäv, takes them off the idea and blocks their
 * scoring; `{ has_conflict: false }` records that they have none, which scoring needs first.
 * 200 `{ reference, has_conflict, reason, declared_at, assignment_removed }`; a declared jäv cannot
 * be withdrawn (422, rule `conflict_declared`).
 */
export default defineIdeaAction({
  method: "POST",
  fn: "declare_conflict_of_interest",
  schema: conflictOfInterestBodySchema,
  maxBytes: 8 * 1024,
  refusal: { scope: "conflict_of_interest" },
  call: ({ session, reference, body }) =>
    session.client.rpc("declare_conflict_of_interest", {
      reference,
      has_conflict: body.has_conflict,
      ...(body.has_conflict && body.reason ? { reason: body.reason } : {}),
    }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/conflict-of-interest",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
