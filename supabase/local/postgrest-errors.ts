import { z } from "zod";
import type { DatabaseError } from "./database.ts";

/** PostgREST's error body (stack-facts 3.4); supabase-js hands these four fields to the caller. */
export interface PostgrestErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

/** An error response PostgREST would send: status, body and any extra headers. */
export interface PostgrestError {
  status: number;
  body: PostgrestErrorBody;
  headers?: Record<string, string>;
}

/** Builds an error of PostgREST's own (the PGRSTxxx codes). */
export function postgrestError(
  status: number,
  code: string,
  message: string,
  details: string | null = null,
  hint: string | null = null,
  headers?: Record<string, string>,
): PostgrestError {
  return { status, body: { code, message, details, hint }, ...(headers ? { headers } : {}) };
}

/**
 * The HTTP status PostgREST gives a SQLSTATE (PostgREST's `mapSQLtoHTTP`, src/PostgREST/Error.hs).
 * `authenticated` is whether the request ran as a role other than anon: a missing privilege is 401
 * for anon ("sign in") and 403 for everyone else ("you may not").
 */
export function statusForSqlState(code: string, message: string, authenticated: boolean): number {
  if (code === "42501") return authenticated ? 403 : 401;
  if (code === "23503" || code === "23505") return 409;
  if (code === "25006") return 405;
  if (code === "21000") return message.endsWith("requires a WHERE clause") ? 400 : 500;
  if (code === "22023")
    return message.startsWith("role") && message.endsWith("does not exist") ? 401 : 400;
  if (code === "53400") return 500;
  if (code === "57P01") return 503;
  if (code === "P0001") return 400;
  if (code === "42883") return message.startsWith("function xmlagg(") ? 406 : 404;
  if (code === "42P01") return 404;
  if (code === "42P17") return 500;
  if (code.startsWith("PT")) {
    const status = Number(code.slice(2));
    return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }
  const byClass: Record<string, number> = {
    "08": 503,
    "09": 500,
    "0L": 403,
    "0P": 403,
    "25": 500,
    "28": 403,
    "2D": 500,
    "38": 500,
    "39": 500,
    "3B": 500,
    "40": 500,
    "53": 503,
    "54": 500,
    "55": 500,
    "57": 500,
    "58": 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return byClass[code.slice(0, 2)] ?? 400;
}

const raisedMessageSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.string().nullable().optional(),
  hint: z.string().nullable().optional(),
});

const raisedDetailSchema = z.object({
  status: z.number().int().min(100).max(599),
  status_text: z.string().optional(),
  headers: z.record(z.string(), z.string()),
});

/**
 * Turns an error PostgreSQL raised during a request into PostgREST's response, including
 * `raise sqlstate 'PGRST' using message = '{json}', detail = '{json}'` for full control of the
 * status, body and headers. A 401 carries `WWW-Authenticate: Bearer`, as PostgREST sends it.
 */
export function fromDatabaseError(error: DatabaseError, authenticated: boolean): PostgrestError {
  if (error.code === "PGRST") {
    try {
      const message = raisedMessageSchema.parse(JSON.parse(error.message));
      const detail = raisedDetailSchema.parse(JSON.parse(error.detail ?? ""));
      return {
        status: detail.status,
        body: {
          code: message.code,
          message: message.message,
          details: message.details ?? null,
          hint: message.hint ?? null,
        },
        headers: detail.headers,
      };
    } catch {
      return postgrestError(
        500,
        "PGRST121",
        `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
        "Invalid JSON value for MESSAGE or DETAIL",
        "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'. DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
      );
    }
  }
  const status = statusForSqlState(error.code, error.message, authenticated);
  return {
    status,
    body: {
      code: error.code,
      message: error.message,
      details: error.detail ?? null,
      hint: error.hint ?? null,
    },
    ...(status === 401 ? { headers: { "WWW-Authenticate": "Bearer" } } : {}),
  };
}
