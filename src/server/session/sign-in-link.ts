import { AuthPKCECodeVerifierMissingError } from "@supabase/supabase-js";
import { workspacePaths } from "../../config/navigation.ts";
import {
  sessionMessages,
  signInPageWithNotice,
  type SignInNoticeCode,
} from "../../domain/session/messages.ts";
import { magicLinkSchema, signInFieldErrors } from "../../domain/session/schema.ts";
import { siteOrigin } from "../env.ts";
import { jsonResponse, redirectResponse } from "../http/responses.ts";
import { applySessionHeaders, createSessionAuth } from "./auth-client.ts";
import { clearedSessionCookies } from "./cookies.ts";
import { sessionUnavailableResponse, touchReviewerSession } from "./reviewer-session.ts";
import {
  deletionsOf,
  invalidFieldsResponse,
  isAuthUnavailable,
  waitUntilFloor,
} from "./sign-in.ts";
import { claimSignInAttempt, recordSignInSuccess, throttledResponse } from "./sign-in-throttle.ts";

/** Where the link in the e-mail leads after Auth has checked it. */
export const callbackPath = "/api/auth/callback";

/**
 * Milliseconds a link request takes at the least: Auth sends the e-mail before it answers for a
 * known address and answers at once for an unknown one (AS-14).
 */
export const linkRequestFloorMs = 1500;

/**
 * `POST /api/auth/magic-link` with `{ email }`: asks Auth to e-mail a sign-in link (PKCE: the code
 * verifier is kept in a `__Host-` cookie of this browser, so only this browser can use the link).
 * The answer is the same whether the address has an account or not: 202 `{ message }`. 422 for a
 * malformed address, 429 past the throttle (links count as sign-in attempts), 503 when Auth is down.
 */
export async function sendSignInLink(
  request: Request,
  json: Record<string, unknown>,
  clientAddress: string | null,
): Promise<Response> {
  const parsed = magicLinkSchema.safeParse(json);
  if (!parsed.success) return invalidFieldsResponse(signInFieldErrors(parsed.error.issues));
  const { email } = parsed.data;

  const claim = await claimSignInAttempt(email, clientAddress);
  if (!claim.ok) {
    return claim.kind === "throttled"
      ? throttledResponse(claim.retryAt, claim.retryAfterSeconds)
      : sessionUnavailableResponse();
  }

  const startedAt = performance.now();
  const auth = createSessionAuth(request);
  const { error } = await auth.supabase.auth.signInWithOtp({
    email,
    options: {
      shouldCreateUser: false,
      emailRedirectTo: `${siteOrigin(request.url)}${callbackPath}`,
    },
  });
  // Unknown address (422), Auth's 60-second limit per address (429): the same answer as a sent link.
  if (error && isAuthUnavailable(error)) return sessionUnavailableResponse();
  await waitUntilFloor(startedAt, linkRequestFloorMs);
  return applySessionHeaders(
    jsonResponse({ message: sessionMessages.linkSent(email) }, { status: 202 }),
    auth.headers,
  );
}

/**
 * The sign-in page with a notice, deleting the session cookies the request carried and any the
 * failed exchange wrote.
 */
function backToSignIn(request: Request, notice: SignInNoticeCode, written?: Headers): Response {
  const response = redirectResponse(signInPageWithNotice(workspacePaths.signIn, notice));
  const deletions = new Set([
    ...clearedSessionCookies(request),
    ...(written ? deletionsOf(written) : []),
  ]);
  for (const cookie of deletions) response.headers.append("Set-Cookie", cookie);
  return response;
}

/**
 * `GET /api/auth/callback?code=…`: where the e-mailed link leads after Auth has checked it. The code
 * is exchanged for a session with this browser's code verifier, the reviewer is checked, and the
 * answer is 303 to /granska/ with the session cookies. A link that failed – Auth puts `error` and
 * `error_code` in the query string (`otp_expired` for an expired or used link) – or a code that
 * cannot be exchanged leads back to the sign-in page with a notice saying what to do:
 * `link_expired`, `link_other_browser` (no code verifier here), `link_failed`, `not_reviewer`.
 */
export async function completeSignInLink(
  request: Request,
  url: URL,
  clientAddress: string | null,
): Promise<Response> {
  const errorCode = url.searchParams.get("error_code");
  if (url.searchParams.get("error") || errorCode) {
    return backToSignIn(request, errorCode === "otp_expired" ? "link_expired" : "link_failed");
  }
  const code = url.searchParams.get("code");
  if (!code) return backToSignIn(request, "link_failed");

  const auth = createSessionAuth(request);
  const { data, error } = await auth.supabase.auth.exchangeCodeForSession(code);
  if (error || !data.session) {
    if (error && isAuthUnavailable(error)) return sessionUnavailableResponse();
    if (error instanceof AuthPKCECodeVerifierMissingError) {
      return backToSignIn(request, "link_other_browser", auth.headers);
    }
    // Auth: 404 flow_state_not_found (used), 403 flow_state_expired, 403 bad_code_verifier.
    const expired = error?.code === "flow_state_expired" || error?.code === "flow_state_not_found";
    return backToSignIn(request, expired ? "link_expired" : "link_failed", auth.headers);
  }

  const touched = await touchReviewerSession(data.session.access_token);
  if (!touched.ok) {
    if (touched.reason === "unavailable") return sessionUnavailableResponse();
    return backToSignIn(request, "not_reviewer", auth.headers);
  }
  await recordSignInSuccess(touched.reviewer.email, clientAddress);
  return applySessionHeaders(redirectResponse(workspacePaths.home), auth.headers);
}
