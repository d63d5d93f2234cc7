import type { Config } from "@netlify/functions";
import { fieldErrors, municipalitySchema } from "../../src/domain/admin/administration-schema.ts";
import { savedMunicipalitySchema } from "../../src/domain/admin/answers.ts";
import { administrationTexts, adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import type { RequestBody } from "../../src/server/http/request-body.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { invalidFieldsResponse } from "../../src/server/session/sign-in.ts";

/**
 * POST /api/admin/municipalities `{ code, name, emailDomains: ["lidkoping.se"], active }` – a
 * coordinator adds a municipality (a new code) or changes one (`api.save_municipality`, audited); the
 * idea form's choices follow at once. 200 `{ municipality, message }` (201 when added); 409 `{ rule:
 * "name_taken" }`; 422; 403 for anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 4 * 1024 },
  handle: withCoordinatorSession<RequestBody>(async ({ session, body, request }) => {
    const parsed = municipalitySchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) return invalidFieldsResponse(fieldErrors(parsed.error.issues));
    const result = await callDatabase(
      session.client.rpc("save_municipality", {
        code: parsed.data.code,
        name: parsed.data.name,
        email_domains: parsed.data.emailDomains,
        active: parsed.data.active,
      }),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "save_municipality",
        messages: adminRefusalMessage,
        fieldNames: { email_domains: "emailDomains" },
      });
    }
    const { created, ...municipality } = savedMunicipalitySchema.parse(result.data);
    return jsonResponse(
      { municipality, message: administrationTexts.municipalitySaved(municipality.name, created) },
      { status: created ? 201 : 200 },
    );
  }),
});

export const config: Config = {
  path: "/api/admin/municipalities",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
