import type { Config } from "@netlify/functions";
import { fieldErrors, updateReviewerSchema } from "../../src/domain/admin/administration-schema.ts";
import { reviewerAccountSchema } from "../../src/domain/admin/answers.ts";
import { administrationTexts, adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import type { RequestBody } from "../../src/server/http/request-body.ts";
import { errorResponse, jsonResponse } from "../../src/server/http/responses.ts";
import { invalidFieldsResponse } from "../../src/server/session/sign-in.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * POST /api/admin/reviewers/:id `{ role, municipalityCode: "1494" | null, active }` – a coordinator
 * changes a reviewer's role and scope, deactivates them (every session ends at once; the next request
 * is refused) or reactivates them (`api.update_reviewer`, audited). 200 `{ reviewer, message }`; 409
 * `{ rule: "cannot_deactivate_self" | "last_coordinator", message }`; 422; 404; 403 for anyone but a
 * coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 1024 },
  handle: withCoordinatorSession<RequestBody>(async ({ session, body, request, context }) => {
    const id = context.params?.id ?? "";
    if (!uuidPattern.test(id)) {
      return errorResponse(404, {
        error: "not_found",
        message: adminRefusalMessage({ code: "PT404", rule: "reviewer_not_found" }),
      });
    }
    const parsed = updateReviewerSchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) return invalidFieldsResponse(fieldErrors(parsed.error.issues));
    const result = await callDatabase(
      session.client.rpc("update_reviewer", {
        user_id: id,
        role: parsed.data.role,
        municipality_code: parsed.data.municipalityCode as string,
        active: parsed.data.active,
      }),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "update_reviewer",
        messages: (refusal) =>
          adminRefusalMessage(
            refusal.rule === "not_found" ? { ...refusal, rule: "reviewer_not_found" } : refusal,
          ),
        fieldNames: { municipality_code: "municipalityCode" },
      });
    }
    const reviewer = reviewerAccountSchema.parse(result.data);
    const t = administrationTexts;
    return jsonResponse({
      reviewer,
      message: !reviewer.active ? t.deactivated(reviewer.name) : t.changed(reviewer.name),
    });
  }),
});

export const config: Config = {
  path: "/api/admin/reviewers/:id",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
