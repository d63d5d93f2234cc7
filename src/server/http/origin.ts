import { readEnv } from "../env.ts";
import { HttpError } from "./errors.ts";

/**
 * Whether a state-changing request comes from the site's own pages (AS-08). A browser says where a
 * request comes from twice: `Sec-Fetch-Site` (every current browser, on every request) and `Origin`
 * (on every POST). Either one naming another site refuses the request. A client that sends neither
 * (curl, a server, a very old browser) is not a browser acting for a visitor on another site's page,
 * so it passes; the session cookie is SameSite=Lax and the workspace's bodies must be JSON, which a
 * cross-site form cannot send.
 *
 * `Sec-Fetch-Site`: `same-origin` passes, and so does `none` (the person typed or bookmarked the
 * address); `same-site` (a sibling subdomain) and `cross-site` are refused.
 */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  return allowedOrigins(request).has(origin);
}

/** The site's own origins: the address the request came to, and the configured public addresses. */
function allowedOrigins(request: Request): Set<string> {
  const allowed = new Set([new URL(request.url).origin]);
  const env = readEnv();
  if (env.URL) allowed.add(new URL(env.URL).origin);
  if (env.SITE_URL) allowed.add(new URL(env.SITE_URL).origin);
  return allowed;
}

/** Refuses, before any work, a state-changing request from another site (403 `forbidden_origin`). */
export function requireSameOrigin(request: Request): void {
  if (!isSameOrigin(request)) throw new HttpError(403, "forbidden_origin");
}
