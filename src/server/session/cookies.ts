import { parseCookieHeader, serializeCookieHeader } from "@supabase/ssr";

/**
 * The reviewer's Supabase session lives only in cookies the browser's scripts cannot read (AS-07):
 * `__Host-` prefixed (so only this exact host can set them, over HTTPS, for the whole site),
 * HttpOnly, Secure, SameSite=Lax, Path=/ and without Domain. @supabase/ssr names its cookies after
 * `cookieOptions.name`; a large session is split into `__Host-sb-session.0`, `.1` …, and a PKCE
 * sign-in link keeps its code verifier in `__Host-sb-session-code-verifier` (and, in @supabase/ssr
 * 0.12, `__Host-sb-session-flow-<id>-code-verifier`): every one starts with the prefix and gets the
 * same attributes, so each satisfies the prefix rules on its own.
 */
export const sessionCookieName = "__Host-sb-session";

/** Whether a cookie is one of the session's: the session itself, a chunk, or a code verifier. */
export function isSessionCookie(name: string): boolean {
  return (
    name === sessionCookieName ||
    name.startsWith(`${sessionCookieName}.`) ||
    name.startsWith(`${sessionCookieName}-`)
  );
}

/** Whether a cookie holds the session (not only a sign-in link's code verifier). */
export function isSessionTokenCookie(name: string): boolean {
  return name === sessionCookieName || /^__Host-sb-session\.\d+$/.test(name);
}

/** The session's cookies in a request, and no others (a visitor's other cookies are not read). */
export function readSessionCookies(request: Request): { name: string; value: string }[] {
  const header = request.headers.get("cookie");
  if (!header) return [];
  return parseCookieHeader(header).filter((cookie) => isSessionCookie(cookie.name));
}

/** Seconds a sign-in link's code verifier is kept: as long as the link is valid (otp_expiry). */
export const codeVerifierMaxAgeSeconds = 60 * 60;

/**
 * One `Set-Cookie` value for a session cookie, always with the `__Host-` attributes, whatever
 * @supabase/ssr asked for (its defaults are not HttpOnly and last 400 days). An empty value deletes
 * the cookie. Session cookies last `maxAgeSeconds` (the session's absolute lifetime: the server
 * ends it then anyway); a code verifier lasts as long as its link.
 */
export function serializeSessionCookie(name: string, value: string, maxAgeSeconds: number): string {
  if (!isSessionCookie(name)) throw new Error(`Not a session cookie: ${name}`);
  return serializeCookieHeader(name, value, {
    path: "/",
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    maxAge:
      value === ""
        ? 0
        : name.endsWith("-code-verifier")
          ? codeVerifierMaxAgeSeconds
          : maxAgeSeconds,
  });
}

/** `Set-Cookie` values that delete every session cookie the request carried. */
export function clearedSessionCookies(request: Request): string[] {
  return readSessionCookies(request).map((cookie) => serializeSessionCookie(cookie.name, "", 0));
}
