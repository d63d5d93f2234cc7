import type { Config } from "@netlify/functions";
import { questionBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/questions – a question to the idea's bearer: `{ question,
 * expected }` (the state the page showed, `in_review` or `needs_info`). The idea moves to
 * `needs_info` and the bearer gets an e-mail pointing to their status page, where they answer; the
 * answer returns the idea to review. 200 `{ reference, state: "needs_info" }`; 409 when the idea's
 * state changed meanwhile.
 */
export default defineIdeaAction({
  method: "POST",
  fn: "ask_bearer_about",
  schema: questionBodySchema,
  refusal: { fieldNames: { expected_state: "expected" } },
  call: ({ session, reference, body }) =>
    session.client.rpc("ask_bearer_about", {
      reference,
      expected_state: body.expected,
      question: body.question,
    }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/questions",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
