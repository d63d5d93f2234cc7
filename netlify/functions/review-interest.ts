import type { Config } from "@netlify/functions";
import { interestBodySchema, type InterestBody } from "../../src/domain/review/schema.ts";
import { buildIdeaBankInBackground } from "../../src/server/build-hook/idea-bank-build.ts";
import {
  defineIdeaAction,
  defineIdeaActions,
  type IdeaActionInput,
} from "../../src/server/review/idea-action.ts";

/** The arguments both functions take. */
const args = ({ reference, body }: IdeaActionInput<InterestBody>) => ({
  reference,
  kind: body.kind,
  ...(body.municipality ? { municipality_code: body.municipality } : {}),
});

const refusal = { scope: "interest" } as const;

/**
 * POST /api/review/ideas/:reference/interest – any reviewer registers that a municipality wants to
 * join (`join`) or co-fund (`co_fund`) the idea, or has implemented it (`implemented`): `{ kind,
 * municipality? }`. A coach acts for their own municipality and leaves `municipality` out (another
 * is 403 `not_own_municipality`); regional staff and coordinators name it (a code; 422 without).
 * 200 `{ reference, municipality: { code, name }, kind, added, interest: [...] }`.
 *
 * DELETE /api/review/ideas/:reference/interest – withdraws it, same body and rules. 200 `{ …,
 * removed, interest }`.
 *
 * A change to a published idea's interest asks for a new build of the idea bank, which shows it.
 */
export default defineIdeaActions({
  POST: defineIdeaAction({
    method: "POST",
    fn: "register_interest",
    schema: interestBodySchema,
    maxBytes: 4 * 1024,
    refusal,
    call: (input) => input.session.client.rpc("register_interest", args(input)),
    afterSuccess: (context) => context.waitUntil?.(buildIdeaBankInBackground("interest")),
  }),
  DELETE: defineIdeaAction({
    method: "DELETE",
    fn: "withdraw_interest",
    schema: interestBodySchema,
    maxBytes: 4 * 1024,
    refusal,
    call: (input) => input.session.client.rpc("withdraw_interest", args(input)),
    afterSuccess: (context) => context.waitUntil?.(buildIdeaBankInBackground("interest")),
  }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/interest",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
