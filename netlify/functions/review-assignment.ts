import type { Config } from "@netlify/functions";
import { z } from "zod";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

const reviewerIdSchema = z.uuid();

/**
 * DELETE /api/review/ideas/:reference/assignments/:reviewer – a coordinator takes a reviewer off the
 * idea (their scores stay). No body. 200 `{ reference, reviewer_id, removed }`; `removed: false`
 * when they were not assigned. 403 for anyone but a coordinator.
 */
export default defineIdeaAction({
  method: "DELETE",
  fn: "unassign_reviewer",
  call: ({ session, reference, params }) => {
    const reviewer = reviewerIdSchema.safeParse(params.reviewer);
    return session.client.rpc("unassign_reviewer", {
      reference,
      // Not a reviewer's id: the database refuses it as missing (422), after checking the caller.
      reviewer_id: (reviewer.success ? reviewer.data : null) as string,
    });
  },
});

export const config: Config = {
  path: "/api/review/ideas/:reference/assignments/:reviewer",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
