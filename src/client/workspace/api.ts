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

/** Set once the page is on its way elsewhere (signing out, or a 401 already sent it away). */
let leaving = false;

/**
 * Says the page is being left (the reviewer signs out): from now on a 401 is expected – the session
 * is ending – and must not send the page to another address than the one it is going to.
 */
export function markLeaving(): void {
  leaving = true;
}

/**
 * Sends a request to the site's API and reads its JSON. A failure of the network answers status 0.
 * With `redirectOn401` (the default), a 401 sends the page to the sign-in page (unless it is already
 * on its way elsewhere, see {@link markLeaving}) and never resolves.
 */
export async function callApi<T = unknown>(
  path: string,
  init: {
    method?: "GET" | "POST" | "PUT" | "DELETE";
    json?: unknown;
    redirectOn401?: boolean;
  } = {},
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
    // Several islands may get their 401 at once, or while the page signs out: the first decides.
    if (!leaving) {
      leaving = true;
      location.assign(
        typeof signInUrl === "string" && signInUrl.startsWith("/")
          ? signInUrl
          : workspacePaths.signIn,
      );
    }
    return new Promise<never>(() => {});
  }
  return { status: response.status, body, headers: response.headers };
}
