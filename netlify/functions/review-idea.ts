import type { Config } from "@netlify/functions";
import { parseReference } from "../../src/domain/review/schema.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { toIdeaPageAnswer } from "../../src/server/review/review-answers.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/** How many similar ideas the idea page shows. */
const similarIdeasShown = 5;

/**
 * GET /api/review/ideas/:reference – one idea for the idea page (`/granska/ide/?ref=…`):
 * 200 `{ idea, similar }`, where `idea` is everything `api.get_review_idea` returns, every key in
 * camelCase (src/domain/review/answers.ts names the keys the page reads; the rest, such as the
 * assessment's, are passed on as they come), and `similar` the five ideas most like it across all
 * municipalities (`api.find_similar_ideas`): `[{ reference, title, municipality, state, stateLabel,
 * inScope, similarity }]`, never any text or bearer.
 *
 * 404 `{ error: "not_found", rule, message }` for an idea outside the caller's scope, exactly as for
 * a reference that does not exist or an address that is no reference (as every
 * `/api/review/ideas/:reference/…` endpoint answers); 401 without a session; 503 when the database
 * cannot be reached.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session, context }) => {
    const reference = parseReference(context.params?.reference);
    if (!reference) {
      return refusalResponse(
        { kind: "not_found", code: "PT404", rule: "not_found", facts: {} },
        { fn: "get_review_idea" },
      );
    }
    // The two calls are independent; the page waits for the slower one only.
    const [idea, similar] = await Promise.all([
      callDatabase(session.client.rpc("get_review_idea", { reference })),
      callDatabase(
        session.client.rpc("find_similar_ideas", { reference, max_results: similarIdeasShown }),
      ),
    ]);
    if (!idea.ok) return refusalResponse(idea.failure, { fn: "get_review_idea" });
    if (!similar.ok) return refusalResponse(similar.failure, { fn: "find_similar_ideas" });
    return jsonResponse(toIdeaPageAnswer(idea.data, similar.data));
  }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference",
};
