import type { FunctionRouter } from "./functions.ts";

/** The site's origin in the in-process tests; listed in config.toml's redirect URLs. */
export const siteOrigin = "http://localhost:8888";

/** The password of the demo accounts in supabase/seed.sql (local only). */
export const demoPassword = "Innovation-2026!";

/** What a same-origin `fetch` from the workspace's pages sends. */
export const sameOriginHeaders = { Origin: siteOrigin, "Sec-Fetch-Site": "same-origin" };

/**
 * A browser's cookie jar for one site: keeps what `Set-Cookie` sets (deletions remove) and sends it
 * back, as the workspace's pages would.
 */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Takes the response's `Set-Cookie` lines into the jar. */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const deleted = attributes.some((a) => /^max-age=0$/i.test(a)) || value === "";
      if (deleted) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The `Cookie` header the browser would send. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** A copy, as a cookie stolen or kept from this moment. */
  copy(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }
}

/** Sends a request to the in-process functions with the jar's cookies and takes what they set. */
export async function send(
  functions: FunctionRouter,
  path: string,
  init: RequestInit & { jar?: CookieJar; ip?: string } = {},
): Promise<Response> {
  const { jar, ip, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (jar && jar.cookies.size > 0) headers.set("Cookie", jar.header());
  const response = await functions.handle(
    new Request(`${siteOrigin}${path}`, { ...rest, headers }),
    ip === undefined ? {} : { ip },
  );
  if (!response) throw new Error(`${path} matched no function`);
  jar?.take(response);
  return response;
}

/** A JSON POST from the workspace's own pages. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...sameOriginHeaders, ...headers },
  };
}

/** Signs in through POST /api/auth/login and returns the response; the jar gets the cookies. */
export function signIn(
  functions: FunctionRouter,
  jar: CookieJar,
  email: string,
  password = demoPassword,
  ip?: string,
): Promise<Response> {
  return send(functions, "/api/auth/login", {
    ...postJson({ email, password }),
    jar,
    ...(ip === undefined ? {} : { ip }),
  });
}
