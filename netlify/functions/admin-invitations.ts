import type { Config } from "@netlify/functions";
import { fieldErrors, inviteReviewerSchema } from "../../src/domain/admin/administration-schema.ts";
import { administrationTexts, adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { inviteReviewer } from "../../src/server/admin/invite-reviewer.ts";
import { sendDueEmailsInBackground } from "../../src/server/email/sender.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import type { RequestBody } from "../../src/server/http/request-body.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { sessionUnavailableResponse } from "../../src/server/session/reviewer-session.ts";
import { invalidFieldsResponse } from "../../src/server/session/sign-in.ts";

/**
 * POST /api/admin/invitations `{ email, name, role: "reviewer" | "coordinator", municipalityCode:
 * "1494" | null }` – a coordinator invites a reviewer: Auth makes the account and a one-time token
 * (`generate_link`, secret key), `api.invite_reviewer` makes it a reviewer and queues the Swedish
 * invitation (audited), which is sent at once after the answer. The person follows the link to
 * /granska/valkommen/ and chooses a password there.
 *
 * 201 `{ reviewer, message }`; 422 `{ error: "invalid", message, fields }`; 409 `{ error:
 * "conflict", rule: "already_reviewer" | "account_exists", message }`; 403 for anyone but a
 * coordinator; 401; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 4 * 1024 },
  handle: withCoordinatorSession<RequestBody>(async ({ session, body, request, url, context }) => {
    const parsed = inviteReviewerSchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) return invalidFieldsResponse(fieldErrors(parsed.error.issues));
    const outcome = await inviteReviewer(session, parsed.data);
    if (!outcome.ok) {
      if (outcome.kind === "unavailable") return sessionUnavailableResponse();
      if (outcome.kind === "account_exists") {
        return jsonResponse(
          {
            error: "conflict",
            rule: "account_exists",
            message: adminRefusalMessage({ code: "PT409", rule: "account_exists" }),
          },
          { status: 409 },
        );
      }
      return refusalResponse(outcome.failure, {
        request,
        fn: "invite_reviewer",
        messages: adminRefusalMessage,
        fieldNames: { display_name: "name", municipality_code: "municipalityCode" },
      });
    }
    context.waitUntil?.(sendDueEmailsInBackground(url.origin));
    return jsonResponse(
      {
        reviewer: outcome.reviewer,
        message: administrationTexts.invited(outcome.reviewer.name, parsed.data.email),
      },
      { status: 201 },
    );
  }),
});

export const config: Config = {
  path: "/api/admin/invitations",
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
