import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChunks, stringFromBase64URL, stringToBase64URL } from "@supabase/ssr";
import { decodeJwt, importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sessionMessages, sessionRefusalMessages } from "../../src/domain/session/messages.ts";
import { sessionCookieName } from "../../src/server/session/cookies.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { findMail } from "../support/local-supabase.ts";
import {
  CookieJar,
  demoPassword,
  postJson,
  sameOriginHeaders,
  send,
  signIn,
  siteOrigin,
} from "../support/session.ts";

/*
 * The reviewer session through the functions, in-process (tests/support/functions.ts): sign-in,
 * the cookies, who-am-I, sign-out, deactivation, refresh of an expired access token, the idle
 * timeout and lifetime, and sign-in links. Time is moved in the database, never waited for. The
 * throttle and timing are in auth-throttle.test.ts: hosted Auth (and the local one) allows 30
 * password sign-ins per address in 5 minutes, and these tests all come from one address.
 */

let stack: FunctionsStack;
let keyDir: string;

beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), "session-keys-"));
  stack = await startFunctionsStack({ secretKey: true, signingKeyPath: join(keyDir, "keys.json") });
});

afterAll(async () => {
  await stack?.stop();
  await rm(keyDir, { recursive: true, force: true });
});

const skovde = "granskare.skovde@example.se";
const lidkoping = "granskare.lidkoping@example.se";
const coordinator = "samordnare@example.se";

const getSession = (jar: CookieJar) => send(stack.functions, "/api/auth/session", { jar });

async function countRows(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await stack.db.query<{ count: number }>(sql, params);
  return rows[0]!.count;
}

/** The Auth session id inside the jar's session cookie. */
function sessionIdOf(jar: CookieJar): string {
  return String(decodeJwt(readCookieSession(jar).access_token as string).session_id);
}

/** The session JSON @supabase/ssr keeps in the cookie (chunked, `base64-` prefixed). */
function readCookieSession(jar: CookieJar): Record<string, unknown> {
  let value = jar.cookies.get(sessionCookieName) ?? "";
  if (!jar.cookies.has(sessionCookieName)) {
    for (let index = 0; jar.cookies.has(`${sessionCookieName}.${index}`); index += 1) {
      value += jar.cookies.get(`${sessionCookieName}.${index}`);
    }
  }
  if (!value.startsWith("base64-")) throw new Error("no session cookie in the jar");
  return JSON.parse(stringFromBase64URL(value.slice("base64-".length))) as Record<string, unknown>;
}

/** Writes a session JSON back into the jar as @supabase/ssr would. */
function writeCookieSession(jar: CookieJar, session: Record<string, unknown>): void {
  for (const name of [...jar.cookies.keys()]) {
    if (name === sessionCookieName || name.startsWith(`${sessionCookieName}.`))
      jar.cookies.delete(name);
  }
  const encoded = `base64-${stringToBase64URL(JSON.stringify(session))}`;
  for (const chunk of createChunks(sessionCookieName, encoded))
    jar.cookies.set(chunk.name, chunk.value);
}

describe("signing in with a password", () => {
  test("the right password gives the reviewer and the session in __Host- cookies only", async () => {
    const jar = new CookieJar();
    const response = await signIn(stack.functions, jar, skovde);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      user: {
        name: "Greta Granskare",
        email: skovde,
        role: "reviewer",
        municipality: { code: "1496", name: "Skövde" },
      },
      idleExpiresAt: expect.any(String),
      expiresAt: expect.any(String),
      redirectTo: "/granska/",
    });
    // The browser never sees a token: not in the body, and the cookies are HttpOnly.
    expect(JSON.stringify(body)).not.toMatch(/access_token|refresh_token|eyJ/);

    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const line of cookies) {
      const [pair, ...attributes] = line.split(";").map((part) => part.trim());
      expect(pair).toMatch(/^__Host-sb-session[.\w-]*=/);
      const lower = attributes.map((a) => a.toLowerCase());
      expect(lower).toContain("httponly");
      expect(lower).toContain("secure");
      expect(lower).toContain("samesite=lax");
      expect(lower).toContain("path=/");
      expect(lower.some((a) => a.startsWith("domain"))).toBe(false);
      expect(lower).toContain(`max-age=${12 * 60 * 60}`);
    }
    expect(response.headers.get("Cache-Control")).toContain("no-store");
  });

  test("a wrong password and an unknown address get the same status and the same body", async () => {
    const wrongPassword = await signIn(
      stack.functions,
      new CookieJar(),
      coordinator,
      "fel-lösenord-123",
    );
    const unknownAddress = await signIn(stack.functions, new CookieJar(), "ingen.alls@example.se");
    expect(wrongPassword.status).toBe(401);
    expect(unknownAddress.status).toBe(401);
    const expected = { error: "wrong_credentials", message: sessionMessages.wrongCredentials };
    expect(await wrongPassword.json()).toEqual(expected);
    expect(await unknownAddress.json()).toEqual(expected);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  test("a missing password is named in Swedish before anything is asked", async () => {
    const response = await send(stack.functions, "/api/auth/login", postJson({ email: skovde }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "invalid",
      message: "Skriv ditt lösenord.",
      fields: { password: "Skriv ditt lösenord." },
    });
  });

  test("a cross-site or text/plain POST is refused before any work, and no attempt is counted", async () => {
    const before = await countRows("select count(*)::int as count from app.sign_in_attempts");
    const crossSite = await send(stack.functions, "/api/auth/login", {
      ...postJson({ email: skovde, password: demoPassword }),
      headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await send(stack.functions, "/api/auth/login", {
      ...postJson({ email: skovde, password: demoPassword }),
      headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
    });
    expect(otherOrigin.status).toBe(403);
    const plainText = await send(stack.functions, "/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email: skovde, password: demoPassword }),
      headers: { "Content-Type": "text/plain", ...sameOriginHeaders },
    });
    expect(plainText.status).toBe(415);
    const crossSiteForm = await send(stack.functions, "/api/auth/logout", {
      method: "POST",
      body: "",
      headers: { "Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site" },
    });
    expect(crossSiteForm.status).toBe(403);
    for (const response of [crossSite, otherOrigin, plainText]) {
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await countRows("select count(*)::int as count from app.sign_in_attempts")).toBe(before);
  });

  test("an account that is no reviewer is refused after the right password, and its session ends", async () => {
    const { data, error } = await fetch(`${stack.local.url}/auth/v1/admin/users`, {
      method: "POST",
      headers: {
        apikey: stack.local.secretKey,
        Authorization: `Bearer ${stack.local.secretKey}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        email: "utan.roll@example.se",
        password: demoPassword,
        email_confirm: true,
      }),
    }).then(async (r) => ({
      data: (await r.json()) as { id: string },
      error: r.ok ? null : r.status,
    }));
    expect(error).toBeNull();
    const jar = new CookieJar();
    const response = await signIn(stack.functions, jar, "utan.roll@example.se");
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "not_reviewer",
      message: sessionMessages.notReviewer,
    });
    expect(jar.cookies.size).toBe(0);
    expect(
      await countRows("select count(*)::int as count from auth.sessions where user_id = $1", [
        data.id,
      ]),
    ).toBe(0);
  });
});

describe("who is signed in", () => {
  test("GET /api/auth/session names the reviewer, their role and scope", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, coordinator);
    const response = await getSession(jar);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { idleExpiresAt: string };
    expect(body).toEqual({
      user: { name: "Sam Samordnare", email: coordinator, role: "coordinator", municipality: null },
      idleExpiresAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    const minutesLeft = (Date.parse(body.idleExpiresAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(29);
    expect(minutesLeft).toBeLessThanOrEqual(30);
    expect(response.headers.get("Cache-Control")).toContain("private");
  });

  test("without a cookie it is 401 with where to sign in", async () => {
    const response = await getSession(new CookieJar());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "unauthenticated",
      reason: "none",
      message: sessionRefusalMessages.none,
      signInUrl: "/granska/logga-in/",
    });
  });

  test("a forged cookie is 401 and is deleted", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, lidkoping);
    const session = readCookieSession(jar);
    const [header, payload] = String(session.access_token).split(".");
    writeCookieSession(jar, {
      ...session,
      access_token: `${header}.${payload}.forged`,
      refresh_token: "x",
    });
    const response = await getSession(jar);
    expect(response.status).toBe(401);
    expect(jar.cookies.size).toBe(0);
  });
});

describe("signing out", () => {
  test("POST /api/auth/logout (JSON) answers 204, deletes the cookies, and the old cookie is refused", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, lidkoping);
    const kept = jar.copy();
    const sessionId = sessionIdOf(jar);
    const { refresh_token } = readCookieSession(jar);
    const response = await send(stack.functions, "/api/auth/logout", { ...postJson({}), jar });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().every((line) => /max-age=0/i.test(line))).toBe(true);
    expect(jar.cookies.size).toBe(0);

    // The access token in the kept cookie is still a valid JWT; the session behind it is gone.
    const replay = await getSession(kept);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({
      reason: "signed_out",
      signInUrl: "/granska/logga-in/?meddelande=ended",
    });
    expect(
      await countRows("select count(*)::int as count from auth.sessions where id = $1", [
        sessionId,
      ]),
    ).toBe(0);
    // And its refresh token starts nothing.
    const refreshed = await fetch(`${stack.local.url}/auth/v1/token?grant_type=refresh_token`, {
      method: "POST",
      headers: { apikey: stack.local.publishableKey, "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token }),
    });
    expect(refreshed.status).toBe(400);
  });

  test("a form post (no JavaScript) is sent to the sign-in page, which says so", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, lidkoping);
    const response = await send(stack.functions, "/api/auth/logout", {
      method: "POST",
      body: "",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "text/html",
        ...sameOriginHeaders,
      },
      jar,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/granska/logga-in/?meddelande=signed_out");
    expect(jar.cookies.size).toBe(0);
  });
});

describe("deactivating a reviewer", () => {
  test("ends their sessions in Auth at once, and the old cookie is refused on the next request", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, skovde);
    expect((await getSession(jar)).status).toBe(200);
    const userId = "00000000-0000-4000-a000-000000000002";
    try {
      await stack.db.query("update app.reviewers set active = false where user_id = $1", [userId]);
      expect(
        await countRows("select count(*)::int as count from auth.sessions where user_id = $1", [
          userId,
        ]),
      ).toBe(0);
      expect(
        await countRows(
          "select count(*)::int as count from auth.refresh_tokens where user_id = $1",
          [userId],
        ),
      ).toBe(0);
      const response = await getSession(jar);
      expect(response.status).toBe(401);
      expect(jar.cookies.size).toBe(0);
      // Signing in again is refused too, with the password right.
      const again = await signIn(stack.functions, new CookieJar(), skovde);
      expect(again.status).toBe(403);
    } finally {
      await stack.db.query("update app.reviewers set active = true where user_id = $1", [userId]);
    }
    // Allow twin: active again, the same account signs in and is recognised.
    const twin = new CookieJar();
    expect((await signIn(stack.functions, twin, skovde)).status).toBe(200);
    expect((await getSession(twin)).status).toBe(200);
  });
});

describe("refresh and timeouts", () => {
  test("an expired access token is refreshed transparently and the new cookie is set", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, coordinator);
    const session = readCookieSession(jar);
    const claims = decodeJwt(String(session.access_token));
    const [stored] = JSON.parse(await readFile(join(keyDir, "keys.json"), "utf8")) as (JWK & {
      kid: string;
    })[];
    // The stored key lists both uses; WebCrypto imports a private key for signing only.
    const { key_ops: _uses, ...jwk } = stored!;
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 3700, exp: now - 100 })
      .setProtectedHeader({ alg: "ES256", kid: jwk.kid, typ: "JWT" })
      .sign(await importJWK(jwk, "ES256"));
    writeCookieSession(jar, { ...session, access_token: expired, expires_at: now - 100 });

    const response = await getSession(jar);
    expect(response.status).toBe(200);
    expect(
      response.headers.getSetCookie().some((line) => line.startsWith(`${sessionCookieName}`)),
    ).toBe(true);
    const renewed = readCookieSession(jar);
    expect(renewed.access_token).not.toBe(expired);
    expect(renewed.refresh_token).not.toBe(session.refresh_token);
    expect(decodeJwt(String(renewed.access_token)).exp).toBeGreaterThan(now);
    // The renewed cookie works on its own.
    expect((await getSession(jar)).status).toBe(200);
  });

  test("after the idle timeout the next request is 401, the cookies go and the session ends in Auth", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, lidkoping);
    const sessionId = sessionIdOf(jar);
    // 29 minutes idle: still signed in, and the request starts the timeout again.
    await stack.db.query(
      "update app.reviewer_sessions set last_active_at = now() - interval '29 minutes' where session_id = $1",
      [sessionId],
    );
    expect((await getSession(jar)).status).toBe(200);
    await stack.db.query(
      "update app.reviewer_sessions set last_active_at = now() - interval '31 minutes' where session_id = $1",
      [sessionId],
    );
    const response = await getSession(jar);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "unauthenticated",
      reason: "idle",
      message: sessionRefusalMessages.idle,
      signInUrl: "/granska/logga-in/?meddelande=idle",
    });
    expect(jar.cookies.size).toBe(0);
    expect(
      await countRows("select count(*)::int as count from auth.sessions where id = $1", [
        sessionId,
      ]),
    ).toBe(0);
  });

  test("SESSION_IDLE_MINUTES sets the timeout", async () => {
    process.env.SESSION_IDLE_MINUTES = "10";
    try {
      const jar = new CookieJar();
      await signIn(stack.functions, jar, lidkoping);
      const body = (await (await getSession(jar)).json()) as { idleExpiresAt: string };
      const minutesLeft = (Date.parse(body.idleExpiresAt) - Date.now()) / 60_000;
      expect(minutesLeft).toBeGreaterThan(9);
      expect(minutesLeft).toBeLessThanOrEqual(10);
      await stack.db.query(
        "update app.reviewer_sessions set last_active_at = now() - interval '11 minutes' where session_id = $1",
        [sessionIdOf(jar)],
      );
      expect((await getSession(jar)).status).toBe(401);
    } finally {
      delete process.env.SESSION_IDLE_MINUTES;
    }
  });

  test("after the session's lifetime it ends however active", async () => {
    const jar = new CookieJar();
    await signIn(stack.functions, jar, lidkoping);
    await stack.db.query(
      "update auth.sessions set created_at = now() - interval '12 hours 1 minute' where id = $1",
      [sessionIdOf(jar)],
    );
    const response = await getSession(jar);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: "lifetime" });
  });
});

describe("signing in with a link", () => {
  test("a link request gets the same answer for an unknown address and sends nothing there", async () => {
    const known = await send(stack.functions, "/api/auth/magic-link", {
      ...postJson({ email: "Granskare.Lidkoping@example.se " }),
      jar: new CookieJar(),
    });
    const unknown = await send(stack.functions, "/api/auth/magic-link", {
      ...postJson({ email: "ingen.granskare@example.se" }),
      jar: new CookieJar(),
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual({ message: sessionMessages.linkSent(lidkoping) });
    expect(await unknown.json()).toEqual({
      message: sessionMessages.linkSent("ingen.granskare@example.se"),
    });
    await expect(
      findMail(stack.local.mailUrl, "ingen.granskare@example.se", 500),
    ).rejects.toThrow();
  });

  test("the e-mailed link signs the reviewer in, in the browser that asked for it", async () => {
    const jar = new CookieJar();
    const asked = await send(stack.functions, "/api/auth/magic-link", {
      ...postJson({ email: coordinator }),
      jar,
    });
    expect(asked.status).toBe(202);
    // The code verifier waits in a __Host- cookie; no session yet.
    expect([...jar.cookies.keys()].every((name) => name.endsWith("-code-verifier"))).toBe(true);
    expect(jar.cookies.size).toBeGreaterThan(0);

    const mail = await findMail(stack.local.mailUrl, coordinator);
    expect(mail.Subject).toBe("Logga in på Innovationsslussen");
    const link = mail.Links.find((href) => href.includes("/auth/v1/verify"))!;
    const verified = await fetch(link, { redirect: "manual" });
    expect(verified.status).toBe(303);
    const callback = new URL(verified.headers.get("Location")!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${siteOrigin}/api/auth/callback`);

    // Another browser (no verifier) is told to ask for the link where it opens it.
    const elsewhere = await send(stack.functions, `${callback.pathname}${callback.search}`);
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get("Location")).toBe(
      "/granska/logga-in/?meddelande=link_other_browser",
    );

    const response = await send(stack.functions, `${callback.pathname}${callback.search}`, { jar });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/granska/");
    const session = await getSession(jar);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { email: coordinator } });
  });

  test("an expired or used link leads back to the sign-in page with a message", async () => {
    const expired = await send(
      stack.functions,
      "/api/auth/callback?error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired",
    );
    expect(expired.status).toBe(303);
    expect(expired.headers.get("Location")).toBe("/granska/logga-in/?meddelande=link_expired");
    const other = await send(stack.functions, "/api/auth/callback?error=server_error");
    expect(other.headers.get("Location")).toBe("/granska/logga-in/?meddelande=link_failed");
  });
});
