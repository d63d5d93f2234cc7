import type { Config } from "@netlify/functions";
import {
  criterionRevisionSchema,
  fieldErrors,
} from "../../src/domain/admin/administration-schema.ts";
import { revisedCriterionSchema } from "../../src/domain/admin/answers.ts";
import { administrationTexts, adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import type { RequestBody } from "../../src/server/http/request-body.ts";
import { errorResponse, jsonResponse } from "../../src/server/http/responses.ts";
import { invalidFieldsResponse } from "../../src/server/session/sign-in.ts";

/**
 * POST /api/admin/criteria/:slug/versions `{ name, description, levels: [five texts], weight }` – a
 * coordinator revises a criterion as a new version (`api.revise_criterion`, audited). Scores already
 * given keep their version and weight; new scores are given against this one. 201 `{ criterion,
 * message }`; 409 `{ rule: "unchanged" }`; 422; 404; 403 for anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 16 * 1024 },
  handle: withCoordinatorSession<RequestBody>(async ({ session, body, request, context }) => {
    const slug = context.params?.slug ?? "";
    if (!/^[a-z0-9-]{1,60}$/.test(slug)) {
      return errorResponse(404, {
        error: "not_found",
        message: adminRefusalMessage({ code: "PT404", rule: "criterion_not_found" }),
      });
    }
    const parsed = criterionRevisionSchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) return invalidFieldsResponse(fieldErrors(parsed.error.issues));
    const result = await callDatabase(
      session.client.rpc("revise_criterion", {
        slug,
        ...parsed.data,
        levels: [...parsed.data.levels],
      }),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "revise_criterion",
        messages: (refusal) =>
          adminRefusalMessage(
            refusal.rule === "not_found" ? { ...refusal, rule: "criterion_not_found" } : refusal,
          ),
      });
    }
    const criterion = revisedCriterionSchema.parse(result.data);
    return jsonResponse(
      { criterion, message: administrationTexts.criterionSaved(criterion.name, criterion.version) },
      { status: 201 },
    );
  }),
});

export const config: Config = {
  path: "/api/admin/criteria/:slug/versions",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
