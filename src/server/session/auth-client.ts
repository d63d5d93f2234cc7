import { createServerClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { fetchWithTimeout, getSupabaseEnv } from "../supabase.ts";
import { readSessionCookies, serializeSessionCookie, sessionCookieName } from "./cookies.ts";
import { readSessionSettings } from "./settings.ts";

/**
 * Supabase Auth for one request, with the session in the request's `__Host-` cookies: signing in,
 * refreshing, exchanging a link's code and signing out all go through it. It is made per request
 * (@supabase/ssr hands over the cache headers only with the first cookie it writes), and whatever it
 * writes is collected in `headers`, which the function puts on its response.
 */
export interface SessionAuth {
  /** supabase-js for Auth only; database calls go through a client made from the access token. */
  supabase: SupabaseClient;
  /**
   * `Set-Cookie` lines (the new session after a sign-in or refresh, deletions after a sign-out) and
   * the `Cache-Control`, `Expires` and `Pragma` headers @supabase/ssr sends with them.
   */
  headers: Headers;
}

/** Creates the Auth client for this request. */
export function createSessionAuth(request: Request): SessionAuth {
  const { SUPABASE_URL, SUPABASE_PUBLISHABLE_KEY } = getSupabaseEnv();
  const maxAgeSeconds = readSessionSettings().lifetimeHours * 60 * 60;
  const headers = new Headers();
  const supabase = createServerClient(SUPABASE_URL, SUPABASE_PUBLISHABLE_KEY, {
    cookieOptions: {
      name: sessionCookieName,
      path: "/",
      sameSite: "lax",
      secure: true,
      httpOnly: true,
    },
    cookies: {
      getAll: () => readSessionCookies(request),
      setAll: (cookies, cacheHeaders) => {
        for (const { name, value } of cookies) {
          headers.append("Set-Cookie", serializeSessionCookie(name, value, maxAgeSeconds));
        }
        for (const [name, value] of Object.entries(cacheHeaders)) headers.set(name, value);
      },
    },
    global: { fetch: fetchWithTimeout },
  });
  return { supabase, headers };
}

/** Copies the session's headers onto a response: every `Set-Cookie`, and the cache headers. */
export function applySessionHeaders(response: Response, sessionHeaders: Headers): Response {
  for (const cookie of sessionHeaders.getSetCookie()) response.headers.append("Set-Cookie", cookie);
  for (const [name, value] of sessionHeaders) {
    if (name !== "set-cookie") response.headers.set(name, value);
  }
  // A signed-in answer is personal: never stored by a browser cache or a shared one.
  response.headers.set("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0");
  return response;
}
