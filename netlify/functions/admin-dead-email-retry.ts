import type { Config } from "@netlify/functions";
import { retriedEmailSchema } from "../../src/domain/admin/answers.ts";
import {
  adminRefusalMessage,
  deadEmailTexts,
  emailTemplateLabel,
} from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import type { RequestBody } from "../../src/server/http/request-body.ts";
import { errorResponse, jsonResponse } from "../../src/server/http/responses.ts";

/**
 * POST /api/admin/dead-emails/:id/retry (a JSON body, `{}`) – a coordinator sends a dead e-mail
 * again (`api.retry_dead_email`, audited): it is pending from now with its attempts reset, and the
 * sender takes it within a minute; a receipt gets a new status link. 200 `{ email: { id, status:
 * "pending", template, reference }, message }`; 404 `{ error: "not_found", message }` when there is
 * no such dead e-mail (any more); 403 for anyone but a coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 1024 },
  handle: withCoordinatorSession<RequestBody>(async ({ session, context, request }) => {
    const id = context.params?.id ?? "";
    if (!/^[1-9][0-9]{0,17}$/.test(id)) {
      return errorResponse(404, {
        error: "not_found",
        message: adminRefusalMessage({ code: "PT404", rule: "not_found" }),
      });
    }
    const result = await callDatabase(
      session.client.rpc("retry_dead_email", { email_id: Number(id) }),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "retry_dead_email",
        messages: adminRefusalMessage,
      });
    }
    const email = retriedEmailSchema.parse(result.data);
    return jsonResponse({
      email,
      message: deadEmailTexts.retried(emailTemplateLabel(email.template), email.reference),
    });
  }),
});

export const config: Config = {
  path: "/api/admin/dead-emails/:id/retry",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
