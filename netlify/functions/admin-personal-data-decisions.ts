import type { Config } from "@netlify/functions";
import { recordedDecisionSchema } from "../../src/domain/admin/answers.ts";
import { personalDataTexts } from "../../src/domain/admin/messages.ts";
import { decisionFieldErrors, personalDataDecisionSchema } from "../../src/domain/admin/schema.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import type { RequestBody } from "../../src/server/http/request-body.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { invalidFieldsResponse } from "../../src/server/session/sign-in.ts";

/**
 * POST /api/admin/personal-data/decisions `{ email, decision: "erasure" | "restriction", reason }` –
 * a coordinator records a granted request about the ideas an address has submitted
 * (`api.record_personal_data_decision`, audited). Restriction takes effect at once; erasure of the
 * contact details at the next gallring run. The idea's text, an allmän handling, stays.
 *
 * 201 `{ decision: { id, decision, ideas, carriedOutAt }, message }`; 422 `{ error: "invalid",
 * message, fields }`; 404 `{ error: "not_found", message }` when the address has submitted nothing
 * in the coordinator's scope; 403 for anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 16 * 1024 },
  handle: withCoordinatorSession<RequestBody>(async ({ session, body, request }) => {
    const parsed = personalDataDecisionSchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) return invalidFieldsResponse(decisionFieldErrors(parsed.error.issues));
    const result = await callDatabase(
      session.client.rpc("record_personal_data_decision", parsed.data),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "record_personal_data_decision",
        messages: adminRefusalMessage,
      });
    }
    const decision = recordedDecisionSchema.parse(result.data);
    return jsonResponse(
      {
        decision,
        message: personalDataTexts.decisionSaved(decision.decision, decision.ideas.length),
      },
      { status: 201 },
    );
  }),
});

export const config: Config = {
  path: "/api/admin/personal-data/decisions",
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
