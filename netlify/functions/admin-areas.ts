import type { Config } from "@netlify/functions";
import { areaSchema, fieldErrors } from "../../src/domain/admin/administration-schema.ts";
import { savedAreaSchema } from "../../src/domain/admin/answers.ts";
import { administrationTexts, adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import type { RequestBody } from "../../src/server/http/request-body.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { invalidFieldsResponse } from "../../src/server/session/sign-in.ts";

/**
 * POST /api/admin/areas `{ id?: "vard-och-omsorg" | null, name, sortOrder, active }` – a coordinator
 * adds an area (no id: it is made from the name) or changes one (`api.save_area`, audited); the idea
 * form's choices follow at once. 200 `{ area, message }` (201 when added); 409 `{ rule: "name_taken"
 * }`; 422; 404; 403 for anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 2 * 1024 },
  handle: withCoordinatorSession<RequestBody>(async ({ session, body, request }) => {
    const parsed = areaSchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) return invalidFieldsResponse(fieldErrors(parsed.error.issues));
    const result = await callDatabase(
      session.client.rpc("save_area", {
        id: (parsed.data.id ?? null) as string,
        name: parsed.data.name,
        sort_order: parsed.data.sortOrder,
        active: parsed.data.active,
      }),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "save_area",
        messages: adminRefusalMessage,
        fieldNames: { sort_order: "sortOrder" },
      });
    }
    const { created, ...area } = savedAreaSchema.parse(result.data);
    return jsonResponse(
      { area, message: administrationTexts.areaSaved(area.name, created) },
      { status: created ? 201 : 200 },
    );
  }),
});

export const config: Config = {
  path: "/api/admin/areas",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
