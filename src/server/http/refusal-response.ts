import { defaultLocale, type Locale } from "../../domain/locale.ts";
import { requestErrorMessages } from "../../domain/request/messages.ts";
import { reviewRefusalMessage, type ReviewRefusal } from "../../domain/review/messages.ts";
import { sessionRefusalMessages } from "../../domain/session/messages.ts";
import { unauthenticatedResponse } from "../session/reviewer-session.ts";
import { DatabaseBug, type DatabaseFailure } from "./database-error.ts";
import { errorResponse, jsonResponse, unavailableHeaders } from "./responses.ts";

/** How one endpoint's refusals are worded and named. */
export interface RefusalOptions {
  /** The api function, for the log line of an unexpected answer. */
  fn?: string;
  /** The language of the text; the workspace is Swedish. */
  locale?: Locale;
  /** The action, when a field means something of its own there (see `reviewRefusalMessage`). */
  scope?: string;
  /** The database's field names as the request's body names them, e.g. `{ to_state: "to" }`. */
  fieldNames?: Readonly<Record<string, string>>;
  /**
   * The catalogue that words the refusal: the reviewers' (src/domain/review/messages.ts) unless
   * the endpoint belongs to another part, e.g. the coordinators' operations
   * (src/domain/admin/messages.ts).
   */
  messages?: (refusal: ReviewRefusal, locale: Locale, scope?: string) => string;
  /** The request, so that a 401 also deletes the session's cookies. */
  request?: Request;
}

/**
 * The one answer of the workspace's functions (`/api/review/*`, `/api/admin/*`) when the database
 * refuses (decision 0007: a code, a rule key and a field or facts), with the reader's sentence
 * from the endpoint's catalogue (src/domain/review/messages.ts unless `messages` says otherwise):
 *
 * | kind              | status | body                                                            |
 * | ----------------- | ------ | --------------------------------------------------------------- |
 * | `not_found`       | 404    | `{ error: "not_found", rule, message }`                         |
 * | `invalid`         | 422    | `{ error: "invalid", rule, message, field?, fields? }`          |
 * | `conflict`        | 409    | `{ error: "conflict", rule, message, current?, changed_by? }`   |
 * | `forbidden`       | 403    | `{ error: "forbidden", rule, message }`                         |
 * | `throttled`       | 429    | `{ error: "throttled", rule, message }`                         |
 * | `unavailable`     | 503    | `{ error: "unavailable", message }` with `Retry-After`          |
 * | `unauthenticated` | 401    | `{ error: "unauthenticated", message }`                         |
 *
 * `rule` is the database's stable rule key (`conflict_of_interest`, `decided`, `stale_state` …), for
 * a page that reacts to one; `field` and `fields` name the body's field (`scores.nytta.comment`)
 * so a form can link its error summary to it. A `bug` (anything the classifier does not know) is
 * thrown as {@link DatabaseBug}: `defineEndpoint` answers 500 with a request id and logs it.
 */
export function refusalResponse(failure: DatabaseFailure, options: RefusalOptions = {}): Response {
  const locale = options.locale ?? defaultLocale;
  switch (failure.kind) {
    case "unavailable":
      return errorResponse(
        503,
        { error: "unavailable", message: requestErrorMessages[locale].unavailable({}) },
        { headers: unavailableHeaders },
      );
    case "unauthenticated":
      // The token was refused after the session was read: the session has ended.
      if (options.request) return unauthenticatedResponse(options.request, "ended");
      return errorResponse(401, {
        error: "unauthenticated",
        message: sessionRefusalMessages.ended,
      });
    case "bug":
      throw new DatabaseBug(options.fn ?? "review", failure);
  }
  const message = (options.messages ?? reviewRefusalMessage)(failure, locale, options.scope);
  const base = { error: failure.kind, rule: failure.rule, message };
  switch (failure.kind) {
    case "not_found":
      return jsonResponse(base, { status: 404 });
    case "invalid": {
      const field = failure.field
        ? (options.fieldNames?.[failure.field] ?? failure.field)
        : undefined;
      return jsonResponse(field ? { ...base, field, fields: { [field]: message } } : base, {
        status: 422,
      });
    }
    case "conflict": {
      const { current, changed_by: changedBy } = failure.facts;
      return jsonResponse(
        {
          ...base,
          ...(typeof current === "string" ? { current } : {}),
          ...(typeof changedBy === "string" ? { changed_by: changedBy } : {}),
        },
        { status: 409 },
      );
    }
    case "forbidden":
      return jsonResponse(base, { status: 403 });
    case "throttled":
      return jsonResponse(base, { status: 429 });
  }
}

/**
 * 422 for a body the endpoint's schema refused, in the shape of a database refusal: the first
 * problem as `field` and `message`, and every field's first message in `fields`.
 */
export function invalidBodyResponse(
  problems: readonly { field: string; message: string }[],
): Response {
  const fields: Record<string, string> = {};
  for (const problem of problems) fields[problem.field] ??= problem.message;
  const [first] = problems;
  return jsonResponse(
    { error: "invalid", message: first?.message ?? "", field: first?.field, fields },
    { status: 422 },
  );
}
