import { adminRefusalMessage } from "../../domain/admin/messages.ts";
import type { EndpointInput } from "../http/endpoint.ts";
import { errorResponse } from "../http/responses.ts";
import { withReviewerSession, type ReviewerSession } from "../session/reviewer-session.ts";

/**
 * Wraps an `/api/admin/*` handler so it runs only for a signed-in, active coordinator: the reviewer
 * session as `withReviewerSession` checks it (401 without one, 503 when Auth or the database cannot
 * be reached), then the role from the session – a reviewer gets 403 `{ error: "forbidden", message }`
 * before any call is made. The SQL functions check the role again (`private.require_coordinator`),
 * so a mistake here still cannot open them.
 */
export function withCoordinatorSession<B>(
  handler: (input: EndpointInput<B> & { session: ReviewerSession }) => Promise<Response> | Response,
): (input: EndpointInput<B>) => Promise<Response> {
  return withReviewerSession<B>((input) => {
    if (input.session.reviewer.role !== "coordinator") {
      return errorResponse(403, {
        error: "forbidden",
        message: adminRefusalMessage({ code: "42501", rule: "coordinator_only" }),
      });
    }
    return handler(input);
  });
}
