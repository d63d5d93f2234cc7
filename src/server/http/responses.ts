import { withSecurityHeaders } from "./security-headers.ts";

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

/** The body every API error has: a stable machine code and a Swedish message for people. */
export interface ApiErrorBody {
  error: string;
  message: string;
  requestId?: string;
}

/** A JSON error response in the shape of {@link ApiErrorBody}. */
export function errorResponse(status: number, body: ApiErrorBody, init: ResponseInit = {}) {
  return jsonResponse(body, { ...init, status });
}
