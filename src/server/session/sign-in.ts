import { isAuthRetryableFetchError, type AuthError } from "@supabase/supabase-js";
import { workspacePaths } from "../../config/navigation.ts";
import { sessionMessages } from "../../domain/session/messages.ts";
import { signInFieldErrors, signInSchema } from "../../domain/session/schema.ts";
import { errorResponse, jsonResponse } from "../http/responses.ts";
import { applySessionHeaders, createSessionAuth } from "./auth-client.ts";
import { serializeSessionCookie } from "./cookies.ts";
import {
  publicReviewer,
  sessionUnavailableResponse,
  touchReviewerSession,
} from "./reviewer-session.ts";
import { claimSignInAttempt, recordSignInSuccess, throttledResponse } from "./sign-in-throttle.ts";

/**
 * Milliseconds a refused sign-in takes at the least, counted from before Auth is asked. Auth answers
 * an unknown address at once but checks a known one's password with bcrypt first, so without this
 * floor the answer's timing would tell which addresses have accounts (AS-14). It is well above
 * hosted Auth's usual 100–400 ms for a password check, so both answers take the floor.
 */
export const refusedSignInFloorMs = 800;

/** Waits until `floorMs` have passed since `startedAt` (`performance.now()`). */
export async function waitUntilFloor(startedAt: number, floorMs: number): Promise<void> {
  const left = floorMs - (performance.now() - startedAt);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

/** Whether Auth could not be asked at all (network, timeout, 5xx): the service is unavailable. */
export function isAuthUnavailable(error: AuthError): boolean {
  return isAuthRetryableFetchError(error) || (error.status ?? 0) >= 500;
}

/** 422 with a message per field (the same texts the page's script shows before sending). */
export function invalidFieldsResponse(fields: Partial<Record<string, string>>): Response {
  return errorResponse(422, {
    error: "invalid",
    message: Object.values(fields).join(" "),
    ...{ fields },
  });
}

/** `Set-Cookie` lines that delete every cookie the given headers set. */
export function deletionsOf(headers: Headers): string[] {
  const names = new Set(headers.getSetCookie().map((line) => line.slice(0, line.indexOf("="))));
  return [...names].map((name) => serializeSessionCookie(name, "", 0));
}

/**
 * `POST /api/auth/login` with `{ email, password }`:
 *
 * - 422 `{ error: "invalid", message, fields }` when a field is missing or malformed;
 * - 429 `{ error: "throttled", message, retryAfterSeconds }` + `Retry-After` past the limit, before
 *   Auth is asked;
 * - 401 `{ error: "wrong_credentials", message }` for a wrong address or password: the same body
 *   and, through {@link refusedSignInFloorMs}, the same timing for both;
 * - 403 `{ error: "not_reviewer", message }` when the password was right but the account is no
 *   active reviewer (the new session is ended at once);
 * - 200 `{ user, idleExpiresAt, expiresAt, redirectTo }` with the session in `__Host-` cookies.
 */
export async function signInWithPassword(
  request: Request,
  json: Record<string, unknown>,
  clientAddress: string | null,
): Promise<Response> {
  const parsed = signInSchema.safeParse(json);
  if (!parsed.success) return invalidFieldsResponse(signInFieldErrors(parsed.error.issues));
  const { email, password } = parsed.data;

  const claim = await claimSignInAttempt(email, clientAddress);
  if (!claim.ok) {
    return claim.kind === "throttled"
      ? throttledResponse(claim.retryAt, claim.retryAfterSeconds)
      : sessionUnavailableResponse();
  }

  const startedAt = performance.now();
  const auth = createSessionAuth(request);
  const { data, error } = await auth.supabase.auth.signInWithPassword({ email, password });
  if (error || !data.session) {
    if (error && isAuthUnavailable(error)) return sessionUnavailableResponse();
    // Auth's own per-address limit (hosted: shared by every request from Netlify): try again soon.
    if (error?.status === 429) return throttledResponse(new Date(Date.now() + 60_000), 60);
    // Unknown address, wrong password, unconfirmed or banned: one answer, one timing.
    await waitUntilFloor(startedAt, refusedSignInFloorMs);
    return errorResponse(401, {
      error: "wrong_credentials",
      message: sessionMessages.wrongCredentials,
    });
  }

  await recordSignInSuccess(email, clientAddress);
  const touched = await touchReviewerSession(data.session.access_token);
  if (!touched.ok) {
    if (touched.reason === "unavailable") return sessionUnavailableResponse();
    // Not an active reviewer: the database has ended the new session; the cookies go too.
    const response = errorResponse(403, {
      error: "not_reviewer",
      message: sessionMessages.notReviewer,
    });
    for (const cookie of deletionsOf(auth.headers)) response.headers.append("Set-Cookie", cookie);
    return response;
  }
  return applySessionHeaders(
    jsonResponse({
      user: publicReviewer(touched.reviewer),
      idleExpiresAt: touched.idleExpiresAt,
      expiresAt: touched.expiresAt,
      redirectTo: workspacePaths.home,
    }),
    auth.headers,
  );
}
