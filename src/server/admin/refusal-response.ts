import { adminRefusalMessage } from "../../domain/admin/messages.ts";
import { sessionRefusalMessages } from "../../domain/session/messages.ts";
import { DatabaseBug, type DatabaseFailure } from "../http/database-error.ts";
import { errorResponse, unavailableHeaders } from "../http/responses.ts";
import { unauthenticatedResponse } from "../session/reviewer-session.ts";

/**
 * The answer every `/api/admin/*` endpoint gives when the database refuses or cannot be reached
 * (decision 0007), with the text from the operations catalogue (src/domain/admin/messages.ts):
 * 404 `not_found`, 422 `invalid` (with `field`), 409 `conflict`, 403 `forbidden`, 429 `throttled`,
 * 503 `unavailable` (+ Retry-After), 401 as the session's. Anything else is a bug: thrown as
 * {@link DatabaseBug}, which `defineEndpoint` answers with a generic 500 and logs by its code.
 */
export function adminRefusalResponse(
  failure: DatabaseFailure,
  context: { request: Request; functionName: string },
): Response {
  switch (failure.kind) {
    case "unavailable":
      return errorResponse(
        503,
        { error: "unavailable", message: sessionRefusalMessages.unavailable },
        { headers: unavailableHeaders },
      );
    case "unauthenticated":
      return unauthenticatedResponse(context.request, "ended");
    case "bug":
      throw new DatabaseBug(context.functionName, failure);
  }
  const message = adminRefusalMessage(failure);
  switch (failure.kind) {
    case "not_found":
      return errorResponse(404, { error: "not_found", message });
    case "invalid":
      return errorResponse(422, {
        error: "invalid",
        message,
        ...(failure.field ? { field: failure.field } : {}),
      });
    case "conflict":
      return errorResponse(409, { error: "conflict", message });
    case "forbidden":
      return errorResponse(403, { error: "forbidden", message });
    case "throttled":
      return errorResponse(429, { error: "throttled", message });
  }
}
