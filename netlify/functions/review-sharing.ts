import type { Config } from "@netlify/functions";
import { sharingBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/sharing – shares the idea with the whole region, so that every
 * idea coach sees it, or stops sharing it: `{ shared: true | false }`. A coordinator, or the coach
 * of the idea's own municipality (others 403). 200 `{ reference, shared_regionally, changed }`.
 */
export default defineIdeaAction({
  method: "POST",
  fn: "set_regional_sharing",
  schema: sharingBodySchema,
  maxBytes: 1024,
  call: ({ session, reference, body }) =>
    session.client.rpc("set_regional_sharing", { reference, shared: body.shared }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/sharing",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
