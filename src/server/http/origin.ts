/**
 * Whether a state-changing request comes from the site itself (AS-08). Browsers send `Origin` with
 * every POST; a request from another site's page is refused. Clients that send no `Origin` (curl,
 * server-to-server) are not browsers acting for a visitor, so they pass.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const allowed = new Set([new URL(request.url).origin]);
  if (process.env.URL) allowed.add(new URL(process.env.URL).origin);
  if (process.env.SITE_URL) allowed.add(new URL(process.env.SITE_URL).origin);
  return allowed.has(origin);
}
