import type { Config } from "@netlify/functions";
import { criteriaVersionsSchema } from "../../src/domain/admin/answers.ts";
import { adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";

/**
 * GET /api/admin/criteria – every criterion with all its versions, newest first: 200 `{ criteria:
 * [{ slug, active, versions: [{ version, name, description, levels, weight, validFrom, scores }] }]
 * }`. 403 for anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withCoordinatorSession<undefined>(async ({ session, request }) => {
    const result = await callDatabase(session.client.rpc("list_criteria_versions"));
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "list_criteria_versions",
        messages: adminRefusalMessage,
      });
    }
    return jsonResponse({ criteria: criteriaVersionsSchema.parse(result.data) });
  }),
});

export const config: Config = {
  path: "/api/admin/criteria",
};
