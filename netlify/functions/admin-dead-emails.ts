import type { Config } from "@netlify/functions";
import { deadEmailsSchema } from "../../src/domain/admin/answers.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";

/**
 * GET /api/admin/dead-emails – the e-mails the outbox sender gave up on (eight failed attempts, or
 * a permanent refusal), newest first: 200 `{ emails: [{ id, recipient (masked, a***@skovde.se),
 * template, reference, attempts, lastError (as stored, addresses masked), createdAt }] }`. 403 for
 * anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withCoordinatorSession<undefined>(async ({ session, request }) => {
    const result = await callDatabase(session.client.rpc("list_dead_emails"));
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "list_dead_emails",
        messages: adminRefusalMessage,
      });
    }
    return jsonResponse({ emails: deadEmailsSchema.parse(result.data) });
  }),
});

export const config: Config = {
  path: "/api/admin/dead-emails",
};
