import type { RequestErrorCode, RequestErrorFacts } from "../../domain/request/messages.ts";

/**
 * A request that is answered with an error before any of its content matters (403, 405, 413, 415,
 * 400 for a body that cannot be read). Thrown by the toolkit's readers and guards, answered by
 * `defineEndpoint` in the request's language, as JSON or as a page (see `respondWithRequestError`).
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: RequestErrorCode;
  readonly facts: RequestErrorFacts;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: RequestErrorCode,
    facts: RequestErrorFacts = {},
    headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.facts = facts;
    this.headers = headers;
  }
}
