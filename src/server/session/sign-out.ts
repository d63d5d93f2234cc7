import { workspacePaths } from "../../config/navigation.ts";
import { signInPageWithNotice } from "../../domain/session/messages.ts";
import { redirectResponse } from "../http/responses.ts";
import { withSecurityHeaders } from "../http/security-headers.ts";
import { createSessionAuth } from "./auth-client.ts";
import { clearedSessionCookies, isSessionTokenCookie, readSessionCookies } from "./cookies.ts";
import { deletionsOf, isAuthUnavailable } from "./sign-in.ts";
import { log } from "../log.ts";

/**
 * `POST /api/auth/logout`: ends the session in Auth (`signOut({ scope: "local" })`: this session's
 * refresh token is revoked and its row deleted, so neither the cookie nor the refresh token works
 * again, AS-10) and deletes every session cookie. A JSON request gets 204; a form post (the sign-out
 * button without JavaScript) gets 303 to the sign-in page, which says "Du är utloggad". Signing out
 * without a session is the same answer. When Auth cannot be reached the cookies are deleted anyway
 * and the session ends at its idle timeout; the outage is logged.
 */
export async function signOut(request: Request, format: "json" | "form"): Promise<Response> {
  const deletions = new Set(clearedSessionCookies(request));
  if (readSessionCookies(request).some((cookie) => isSessionTokenCookie(cookie.name))) {
    const auth = createSessionAuth(request);
    const { error } = await auth.supabase.auth.signOut({ scope: "local" });
    if (error && isAuthUnavailable(error)) {
      log.error("sign_out", { failure: "auth_unavailable" });
    }
    for (const cookie of deletionsOf(auth.headers)) deletions.add(cookie);
  }
  const response =
    format === "form"
      ? redirectResponse(signInPageWithNotice(workspacePaths.signIn, "signed_out"))
      : withSecurityHeaders(
          new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } }),
        );
  for (const cookie of deletions) response.headers.append("Set-Cookie", cookie);
  return response;
}
