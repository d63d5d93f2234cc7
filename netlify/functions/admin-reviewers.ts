import type { Config } from "@netlify/functions";
import { reviewerAccountsSchema } from "../../src/domain/admin/answers.ts";
import { adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";

/**
 * GET /api/admin/reviewers – every reviewer account, active first, by name: 200 `{ reviewers: [{
 * userId, name, email, role, municipality: { code, name } | null (regional), active, signedIn,
 * createdAt }] }`. 403 for anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withCoordinatorSession<undefined>(async ({ session, request }) => {
    const result = await callDatabase(session.client.rpc("list_reviewers"));
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "list_reviewers",
        messages: adminRefusalMessage,
      });
    }
    return jsonResponse({ reviewers: reviewerAccountsSchema.parse(result.data) });
  }),
});

export const config: Config = {
  path: "/api/admin/reviewers",
};
