import type { Config } from "@netlify/functions";
import { gallringPreviewSchema, retentionRulesSchema } from "../../src/domain/admin/answers.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";

/**
 * GET /api/admin/gallring – the retention rules and what the next gallring run removes:
 * 200 `{ rules: [{ category, keepFor (ISO 8601), after, legalBasis, active, changedAt, changedBy }],
 * preview: { asOf, categories: [{ category, active, keepFor, after, rows, ideas, onRequest }] } }`.
 * Read only (`api.list_retention_rules`, `api.preview_gallring`). 403 for anyone but a
 * coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withCoordinatorSession<undefined>(async ({ session, request }) => {
    const [rules, preview] = await Promise.all([
      callDatabase(session.client.rpc("list_retention_rules")),
      callDatabase(session.client.rpc("preview_gallring")),
    ]);
    if (!rules.ok) {
      return refusalResponse(rules.failure, {
        request,
        fn: "list_retention_rules",
        messages: adminRefusalMessage,
      });
    }
    if (!preview.ok) {
      return refusalResponse(preview.failure, {
        request,
        fn: "preview_gallring",
        messages: adminRefusalMessage,
      });
    }
    return jsonResponse({
      rules: retentionRulesSchema.parse(rules.data),
      preview: gallringPreviewSchema.parse(preview.data),
    });
  }),
});

export const config: Config = {
  path: "/api/admin/gallring",
};
