import type { Config } from "@netlify/functions";
import { auditPageSchema } from "../../src/domain/admin/answers.ts";
import { parseAuditQuery } from "../../src/domain/admin/audit-query.ts";
import { adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { invalidBodyResponse, refusalResponse } from "../../src/server/http/refusal-response.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";

/**
 * GET /api/admin/audit – the audit trail, newest first, one page at a time (`api.list_audit_events`):
 * who (name and role, or the system), when, what (an action key, the idea, the data category, the
 * rule and the facts). Query parameters, all optional: `action`, `reference`, `before` (the previous
 * page's `next`), `limit` (1–200, 50). 200 `{ items: [{ id, occurredAt, actorKind, actorName,
 * action, category, ideaReference, rule, details }], next }`; 422 naming the parameter; 403 for
 * anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withCoordinatorSession<undefined>(async ({ session, url, request }) => {
    const parsed = parseAuditQuery(url.searchParams);
    if (!parsed.ok) return invalidBodyResponse([parsed.problem]);
    const { action, reference, before, limit } = parsed.query;
    const result = await callDatabase(
      session.client.rpc("list_audit_events", {
        ...(action ? { action } : {}),
        ...(reference ? { idea_reference: reference } : {}),
        ...(before ? { before_id: before } : {}),
        page_size: limit ?? 50,
      }),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "list_audit_events",
        messages: adminRefusalMessage,
        fieldNames: { page_size: "limit" },
      });
    }
    return jsonResponse(auditPageSchema.parse(result.data));
  }),
});

export const config: Config = {
  path: "/api/admin/audit",
};
