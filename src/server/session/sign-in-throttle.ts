import { z } from "zod";
import { sessionMessages } from "../../domain/session/messages.ts";
import { callDatabase, DatabaseBug } from "../http/database-error.ts";
import { errorResponse } from "../http/responses.ts";
import { createServiceClient } from "../supabase.ts";
import { log } from "../log.ts";

/**
 * The sign-in throttle (AS-15), kept in the database (`api.claim_sign_in_attempt`,
 * `api.record_sign_in_success`, secret key only): at most 10 attempts per account and 30 per client
 * address in 15 minutes. Every password and every request for a link is claimed before Auth is
 * asked; a successful sign-in forgets the account's attempts.
 */
export type ClaimOutcome =
  | { ok: true }
  | { ok: false; kind: "throttled"; retryAt: Date; retryAfterSeconds: number }
  | { ok: false; kind: "unavailable" };

const throttleFactsSchema = z.object({
  retry_at: z.string(),
  retry_after_seconds: z.number().int().positive(),
});

/** Counts one attempt for the account and the client address, or says when to try again. */
export async function claimSignInAttempt(
  email: string,
  clientAddress: string | null,
): Promise<ClaimOutcome> {
  const result = await callDatabase(
    createServiceClient().rpc("claim_sign_in_attempt", {
      email,
      client_address: clientAddress ?? undefined,
    }),
  );
  if (result.ok) return { ok: true };
  const { failure } = result;
  if (failure.kind === "unavailable") return { ok: false, kind: "unavailable" };
  if (failure.kind === "throttled") {
    const facts = throttleFactsSchema.parse(failure.facts);
    return {
      ok: false,
      kind: "throttled",
      retryAt: new Date(facts.retry_at),
      retryAfterSeconds: facts.retry_after_seconds,
    };
  }
  throw new DatabaseBug("claim_sign_in_attempt", failure);
}

/** After a successful sign-in: the account starts afresh. Failure to record is logged, not shown. */
export async function recordSignInSuccess(
  email: string,
  clientAddress: string | null,
): Promise<void> {
  const result = await callDatabase(
    createServiceClient().rpc("record_sign_in_success", {
      email,
      client_address: clientAddress ?? undefined,
    }),
  );
  if (!result.ok) {
    log.warn("record_sign_in_success", { failure: result.failure.kind });
  }
}

/** 429 with the time to wait, in words and in `Retry-After`. */
export function throttledResponse(retryAt: Date, retryAfterSeconds: number): Response {
  return errorResponse(
    429,
    { error: "throttled", message: sessionMessages.throttled(retryAt), ...{ retryAfterSeconds } },
    { headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}
