import type { Config } from "@netlify/functions";
import { parseIdeaReference } from "../../src/domain/review/idea-page-texts.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { errorResponse, jsonResponse } from "../../src/server/http/responses.ts";
import { refusalResponse } from "../../src/server/review/refusal-response.ts";
import { toIdeaPageAnswer } from "../../src/server/review/review-answers.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/** How many similar ideas the idea page shows. */
const similarIdeasShown = 5;

/**
 * GET /api/review/ideas/:reference – one idea for the idea page (`/granska/ide/?ref=…`):
 * 200 `{ idea, similar }`, where `idea` is everything `api.get_review_idea` returns, in camelCase
 * (src/domain/review/answers.ts), and `similar` the five ideas most like it across all
 * municipalities (`api.find_similar_ideas`): `[{ reference, title, municipality, state, stateLabel,
 * inScope, similarity }]`, those outside the caller's scope without any text or bearer.
 *
 * 404 `{ error: "not_found", message }` for an idea outside the caller's scope, exactly as for a
 * reference that does not exist; 422 `{ error: "invalid", field: "reference", message }` for one
 * that is not a reference at all; 401 without a session; 503 when the database cannot be reached.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session, context, request }) => {
    const reference = parseIdeaReference(context.params?.reference);
    if (!reference.ok) {
      return errorResponse(422, {
        error: "invalid",
        message: reference.message,
        ...{ field: "reference" },
      });
    }
    // The two calls are independent; the page waits for the slower one only.
    const [idea, similar] = await Promise.all([
      callDatabase(session.client.rpc("get_review_idea", { reference: reference.value })),
      callDatabase(
        session.client.rpc("find_similar_ideas", {
          reference: reference.value,
          max_results: similarIdeasShown,
        }),
      ),
    ]);
    if (!idea.ok)
      return refusalResponse(idea.failure, { request, functionName: "get_review_idea" });
    if (!similar.ok)
      return refusalResponse(similar.failure, { request, functionName: "find_similar_ideas" });
    return jsonResponse(toIdeaPageAnswer(idea.data, similar.data));
  }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference",
};
