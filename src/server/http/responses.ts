import { withSecurityHeaders } from "./security-headers.ts";

/** Seconds a client should wait before retrying when the database is unavailable. */
export const retryAfterSeconds = 30;

/**
 * A JSON response with the security headers. API answers are personal or time-dependent, so they
 * are never stored by browsers or shared caches.
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return withSecurityHeaders(new Response(JSON.stringify(body), { ...init, headers }));
}

/** An HTML page from a function, never cached, with the security headers. */
export function htmlResponse(body: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return withSecurityHeaders(new Response(body, { ...init, headers }));
}

/** A 303 See Other to `location` (after a form post), never cached. */
export function redirectResponse(location: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Location", location);
  headers.set("Cache-Control", "no-store");
  return withSecurityHeaders(new Response(null, { status: 303, ...init, headers }));
}

/** The body every API error has: a stable machine code and a message for people. */
export interface ApiErrorBody {
  error: string;
  message: string;
  requestId?: string;
}

/** A JSON error response in the shape of {@link ApiErrorBody}. */
export function errorResponse(status: number, body: ApiErrorBody, init: ResponseInit = {}) {
  return jsonResponse(body, { ...init, status });
}

/** The headers of a 503: when to try again. */
export const unavailableHeaders = { "Retry-After": String(retryAfterSeconds) } as const;

/**
 * Whether the client wants a page rather than JSON: a browser navigating (a form post without
 * JavaScript) sends `Accept: text/html…`; `fetch` and API clients send `*\/*` or JSON.
 */
export function wantsHtml(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("text/html") && !accept.startsWith("application/json");
}
