import { reviewRefusalMessage } from "../../domain/review/messages.ts";
import { DatabaseBug, type DatabaseFailure } from "../http/database-error.ts";
import { errorResponse, unavailableHeaders } from "../http/responses.ts";
import { sessionRefusalMessages } from "../../domain/session/messages.ts";
import { unauthenticatedResponse } from "../session/reviewer-session.ts";

/** What a review endpoint needs to answer a refusal. */
export interface RefusalContext {
  /** The request (a 401 deletes the session cookies it carried). */
  request: Request;
  /** The `api` function that refused, for the log of an unexpected failure. */
  functionName: string;
  /**
   * The request's own name for each field the database names, e.g. `{ search: "q" }`, so a 422
   * names what the client sent. Fields not listed keep the database's name.
   */
  fields?: Readonly<Record<string, string>>;
}

/**
 * The one answer every `/api/review/*` endpoint gives when the database refuses or cannot be
 * reached (decision 0007), with the text from the review catalogue (src/domain/review/messages.ts):
 *
 * | failure           | status | body                                                        |
 * | ----------------- | ------ | ----------------------------------------------------------- |
 * | `not_found`       | 404    | `{ error: "not_found", message }` – unknown and out of scope alike |
 * | `invalid`         | 422    | `{ error: "invalid", message, field? }`                     |
 * | `conflict`        | 409    | `{ error: "conflict", message, current? }`                  |
 * | `forbidden`       | 403    | `{ error: "forbidden", message }`                           |
 * | `throttled`       | 429    | `{ error: "throttled", message }`                           |
 * | `unavailable`     | 503    | `{ error: "unavailable", message }` + `Retry-After`         |
 * | `unauthenticated` | 401    | as the session's 401: `{ error, reason, message, signInUrl }`, cookies deleted |
 *
 * Anything else is a bug: thrown as {@link DatabaseBug}, which `defineEndpoint` answers with a
 * generic 500 and a request id and logs with the code (AS-26).
 */
export function refusalResponse(failure: DatabaseFailure, context: RefusalContext): Response {
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
  const message = reviewRefusalMessage(failure, "sv");
  switch (failure.kind) {
    case "not_found":
      return errorResponse(404, { error: "not_found", message });
    case "invalid": {
      const field = failure.field && (context.fields?.[failure.field] ?? failure.field);
      return errorResponse(422, { error: "invalid", message, ...(field ? { field } : {}) });
    }
    case "conflict": {
      const current = typeof failure.facts.current === "string" ? failure.facts.current : null;
      return errorResponse(409, { error: "conflict", message, ...(current ? { current } : {}) });
    }
    case "forbidden":
      return errorResponse(403, { error: "forbidden", message });
    case "throttled":
      return errorResponse(429, { error: "throttled", message });
  }
}
