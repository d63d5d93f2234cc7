import { json } from "./http.ts";

/** The API version supabase-js sends in `X-Supabase-Api-Version`; from it on, errors carry a string code. */
export const apiVersion = "2024-01-01";

/**
 * An error the local Auth answers with, named by GoTrue's error codes (`invalid_credentials`,
 * `session_not_found`, …) so supabase-js raises the same `AuthApiError` subclasses it raises
 * against hosted Supabase.
 */
export class AuthError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/**
 * GoTrue's error body: `{code, message}` for clients that send API version 2024-01-01 or later
 * (supabase-js does), the older `{code: <status>, error_code, msg}` for everyone else. The version
 * is echoed in the response header, as GoTrue does.
 */
export function authErrorResponse(error: AuthError, request: Request): Response {
  const versioned = (request.headers.get("x-supabase-api-version") ?? "") >= apiVersion;
  const body = versioned
    ? { code: error.code, message: error.message, ...error.extra }
    : { code: error.status, error_code: error.code, msg: error.message, ...error.extra };
  return json(error.status, body, versioned ? { "X-Supabase-Api-Version": apiVersion } : {});
}
