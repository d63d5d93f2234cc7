import type { Config } from "@netlify/functions";
import { publicationBodySchema } from "../../src/domain/review/schema.ts";
import { buildIdeaBankInBackground } from "../../src/server/build-hook/idea-bank-build.ts";
import { defineIdeaAction, defineIdeaActions } from "../../src/server/review/idea-action.ts";
import type { EndpointContext } from "../../src/server/http/endpoint.ts";

/** After a change to the idea bank: the build, debounced in the database, once the answer is out. */
const requestBuild = (context: EndpointContext) =>
  context.waitUntil?.(buildIdeaBankInBackground("publication"));

/**
 * PUT /api/review/ideas/:reference/publication – a coordinator publishes the idea in the idea bank
 * with a summary for the public, `{ public_summary }`, or changes the summary; only with the
 * bearer's consent. 200 `{ reference, published_at, public_summary, state }`; 422 `not_given`
 * (field `publish_consent`) without consent.
 *
 * DELETE /api/review/ideas/:reference/publication – takes it out again (the summary is kept). No
 * body. 200 `{ reference, published_at: null, was_published }`.
 *
 * Both: 403 for anyone but a coordinator; a change asks for a new build of the site (the Netlify
 * build hook, at most one per minute however many changes come in).
 */
export default defineIdeaActions({
  PUT: defineIdeaAction({
    method: "PUT",
    fn: "publish_to_idea_bank",
    schema: publicationBodySchema,
    maxBytes: 16 * 1024,
    call: ({ session, reference, body }) =>
      session.client.rpc("publish_to_idea_bank", {
        reference,
        public_summary: body.public_summary,
      }),
    afterSuccess: requestBuild,
  }),
  DELETE: defineIdeaAction({
    method: "DELETE",
    fn: "unpublish_from_idea_bank",
    call: ({ session, reference }) => session.client.rpc("unpublish_from_idea_bank", { reference }),
    afterSuccess: requestBuild,
  }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/publication",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
