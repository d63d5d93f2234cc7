import { workspacePaths } from "../../config/navigation.ts";
import { announceIdleExpiry } from "./idle-clock.ts";

/**
 * How the workspace's islands talk to `/api/*`: JSON both ways, same origin (the session cookie is
 * sent by the browser; no token is ever in reach of a script). Every reviewer answer moves the idle
 * timeout on, so each one tells the idle clock (`X-Session-Idle-Expires-At`). A 401 means the
 * session has ended: the page goes to the sign-in page the answer names.
 */

/** An answer from a workspace endpoint: its status and its JSON body (or null). */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** The header reviewer endpoints put the session's new idle expiry in. */
export const idleExpiryHeader = "X-Session-Idle-Expires-At";

/**
 * Sends a request to the site's API and reads its JSON. A failure of the network answers status 0.
 * With `redirectOn401` (the default), a 401 sends the page to the sign-in page and never resolves.
 */
export async function callApi<T = unknown>(
  path: string,
  init: { method?: "GET" | "POST"; json?: unknown; redirectOn401?: boolean } = {},
): Promise<ApiAnswer<T>> {
  const { method = init.json === undefined ? "GET" : "POST", json, redirectOn401 = true } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(json === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  } catch {
    return { status: 0, body: null as T, headers: new Headers() };
  }
  const body = (await response.json().catch(() => null)) as T;
  const idleExpiresAt = response.headers.get(idleExpiryHeader);
  if (idleExpiresAt) announceIdleExpiry(idleExpiresAt);
  if (response.status === 401 && redirectOn401) {
    const signInUrl = (body as { signInUrl?: unknown } | null)?.signInUrl;
    location.assign(
      typeof signInUrl === "string" && signInUrl.startsWith("/")
        ? signInUrl
        : workspacePaths.signIn,
    );
    return new Promise<never>(() => {});
  }
  return { status: response.status, body, headers: response.headers };
}
