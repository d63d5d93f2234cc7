import { z } from "zod";

/**
 * What went wrong in a call to an `api` function, in the terms a function answers with (decision
 * 0007): the database raises a code (`errcode`), a rule key (`message`) and a field or facts
 * (`detail`); this turns that, or a network failure, into one of a few kinds.
 *
 * - `unavailable`: the database or the API cannot be reached or is overloaded → 503 + Retry-After.
 * - `not_found`: not there, or not in the caller's scope (the same answer on purpose) → 404.
 * - `conflict`: someone changed it first, or a retry key was reused → 409 / 422.
 * - `invalid`: the input breaks a rule (`field` says which) → 422.
 * - `forbidden`: the caller may not do this → 403 (401 when not signed in).
 * - `throttled`: too many requests → 429.
 * - `unauthenticated`: the caller's token is missing, expired or not accepted → 401.
 * - `bug`: anything else; the function answers 500 with a request id and logs the code.
 */
export type DatabaseFailure =
  | { kind: "unavailable" }
  | { kind: "unauthenticated"; code: string }
  | {
      kind: "not_found" | "conflict" | "invalid" | "forbidden" | "throttled";
      /** The SQLSTATE, e.g. IS002. */
      code: string;
      /** The rule key, e.g. `too_long`. */
      rule: string;
      /** For IS002: the field the rule is about. */
      field?: string;
      /** Facts for the message, e.g. `{ current: "in_review" }`. */
      facts: Record<string, unknown>;
    }
  | { kind: "bug"; code: string; message: string };

/** The error part of a supabase-js answer. */
export interface SupabaseErrorLike {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

const factsSchema = z.record(z.string(), z.unknown());

/** `detail` as facts: a JSON object, else nothing (a field name is not facts). */
function readFacts(details: string | null | undefined): Record<string, unknown> {
  if (!details?.startsWith("{")) return {};
  try {
    const parsed = factsSchema.safeParse(JSON.parse(details));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * Whether an answer means "the database is not there right now" rather than "your input is wrong":
 * no HTTP answer (status 0), a gateway or overload status, no code at all, a connection, resource or
 * shutdown class SQLSTATE (08, 53, 57P), or PostgREST's own connection errors (PGRST000–003).
 */
function isUnavailable(code: string, status: number): boolean {
  return (
    status === 0 ||
    status >= 502 ||
    code === "" ||
    /^(08|53|57P)/.test(code) ||
    /^PGRST00[0-3]$/.test(code)
  );
}

/** Classifies an error answer from supabase-js (`{ error, status }` of `.rpc()`). */
export function classifyDatabaseError(error: SupabaseErrorLike, status: number): DatabaseFailure {
  const code = error.code ?? "";
  if (isUnavailable(code, status)) return { kind: "unavailable" };
  // PostgREST's JWT errors (PGRST301–303): an expired or unreadable token.
  if (/^PGRST30[1-3]$/.test(code)) return { kind: "unauthenticated", code };
  const rule = error.message ?? "";
  const details = error.details ?? undefined;
  const facts = readFacts(details);
  const base = { code, rule, facts };
  switch (code) {
    case "PT404":
      return { kind: "not_found", ...base };
    case "PT409":
    case "PT422":
    case "23505":
      return { kind: "conflict", ...base };
    case "PT429":
      return { kind: "throttled", ...base };
    case "42501":
      return { kind: "forbidden", ...base };
    case "IS001":
    case "IS003":
    case "IS004":
    case "IS005":
      return { kind: "invalid", ...base };
    case "IS002":
      return {
        kind: "invalid",
        ...base,
        field: details && !details.startsWith("{") ? details : undefined,
      };
  }
  // A value the schema let through but PostgreSQL cannot take (class 22, data exception): the
  // caller's input, never a server fault.
  if (code.startsWith("22")) return { kind: "invalid", ...base, rule: "unstorable" };
  return { kind: "bug", code, message: error.message ?? "" };
}

/**
 * Classifies a call that threw instead of answering: a network failure or a timeout is the
 * database being unavailable; anything else is a bug and is thrown on.
 */
export function classifyThrown(error: unknown): DatabaseFailure {
  if (
    error instanceof TypeError ||
    (error instanceof DOMException &&
      (error.name === "TimeoutError" || error.name === "AbortError"))
  ) {
    return { kind: "unavailable" };
  }
  throw error;
}

/** The outcome of one `api` call: its data, or what went wrong. */
export type DatabaseResult<T> = { ok: true; data: T } | { ok: false; failure: DatabaseFailure };

/**
 * Awaits one supabase-js `.rpc()` call and classifies its failure, so every function decides
 * "unavailable", "not found" or "invalid" the same way. The data is returned as it came: parse it
 * with the function's zod schema.
 */
export async function callDatabase(
  call: PromiseLike<{ data: unknown; error: SupabaseErrorLike | null; status: number }>,
): Promise<DatabaseResult<unknown>> {
  let answer: { data: unknown; error: SupabaseErrorLike | null; status: number };
  try {
    answer = await call;
  } catch (error) {
    return { ok: false, failure: classifyThrown(error) };
  }
  if (answer.error)
    return { ok: false, failure: classifyDatabaseError(answer.error, answer.status) };
  return { ok: true, data: answer.data };
}

/** An unexpected database answer, thrown so that `defineEndpoint` answers 500 and logs the code. */
export class DatabaseBug extends Error {
  constructor(functionName: string, failure: DatabaseFailure) {
    const what =
      failure.kind === "bug"
        ? `${failure.code} ${failure.message}`
        : "code" in failure
          ? `${failure.kind} ${failure.code}`
          : failure.kind;
    super(`api.${functionName}: ${what}`);
    this.name = "DatabaseBug";
  }
}
