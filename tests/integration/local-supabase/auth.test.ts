import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findMail, startLocalSupabase, type TestSupabase } from "../../support/local-supabase.ts";
import {
  countMails,
  createTestClient,
  decodeClaims,
  demoAccounts,
  demoPassword,
  signedInClient,
} from "./clients.ts";

/*
 * The Auth (GoTrue) contract, driven through the project's own supabase-js, asserting what hosted
 * Supabase Auth does: sign-in (and its refusal of unconfirmed addresses), getUser, getClaims
 * verified locally, sign-out, magic links (Swedish, through the mail catcher) and their refusal when
 * they would be a sign-up, PKCE links and their errors, password resets, invitations,
 * `generate_link`, and the admin API with the secret key only. Sessions over time (refresh-token
 * reuse, bans, password changes, cookies) are in auth-sessions.test.ts, with a server of its own
 * (Auth's per-IP sign-in limit is 30 per 5 minutes, and every test here comes from 127.0.0.1).
 */

let local: TestSupabase;
let db: pg.Client;

beforeAll(async () => {
  local = await startLocalSupabase();
  db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await local?.stop();
});

/** The path of every request a client made, as "METHOD /path". */
function paths(requests: { method: string; url: URL }[]): string[] {
  return requests.map((request) => `${request.method} ${request.url.pathname}`);
}

/** A user with a confirmed address and a password, made through the admin API. */
async function createConfirmedUser(email: string, password = "ett-långt-lösenord-1") {
  const { client } = createTestClient(local, "secret");
  const { data, error } = await client.auth.admin.createUser({
    email,
    password,
    email_confirm: true,
  });
  if (error) throw error;
  return data.user;
}

/** Follows an e-mail link as a browser would, without following Auth's redirect. */
async function followLink(link: string): Promise<URL> {
  const response = await fetch(link, { redirect: "manual" });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

describe("password sign-in", () => {
  test.each(demoAccounts)("$email signs in with the demo password", async ({ email, id }) => {
    const { client } = createTestClient(local);
    const { data, error } = await client.auth.signInWithPassword({ email, password: demoPassword });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id, email, aud: "authenticated", role: "authenticated" });
    expect(data.session).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    // Hosted's legacy format: 12 characters of lowercase base32.
    expect(data.session?.refresh_token).toMatch(/^[a-z2-7]{12}$/);
  });

  test("a wrong password is refused with invalid_credentials and no session", async () => {
    const { client } = createTestClient(local);
    const { data, error } = await client.auth.signInWithPassword({
      email: demoAccounts[0].email,
      password: "fel-lösenord-123",
    });
    expect(data.session).toBeNull();
    expect(error).toMatchObject({
      status: 400,
      code: "invalid_credentials",
      message: "Invalid login credentials",
    });
  });

  test("an unknown address gets the same answer as a wrong password", async () => {
    const { client } = createTestClient(local);
    const { error } = await client.auth.signInWithPassword({
      email: "ingen@example.se",
      password: demoPassword,
    });
    expect(error).toMatchObject({
      status: 400,
      code: "invalid_credentials",
      message: "Invalid login credentials",
    });
  });

  test("an address nobody has confirmed is refused with email_not_confirmed; once confirmed it signs in", async () => {
    const { client: admin } = createTestClient(local, "secret");
    const created = await admin.auth.admin.createUser({
      email: "obekraftad@example.se",
      password: "ett-långt-lösenord-1",
    });
    expect(created.error).toBeNull();
    expect(created.data.user?.email_confirmed_at).toBeUndefined();

    const refused = await createTestClient(local).client.auth.signInWithPassword({
      email: "obekraftad@example.se",
      password: "ett-långt-lösenord-1",
    });
    expect(refused.data.session).toBeNull();
    expect(refused.error).toMatchObject({
      status: 400,
      code: "email_not_confirmed",
      message: "Email not confirmed",
    });

    await admin.auth.admin.updateUserById(created.data.user!.id, { email_confirm: true });
    const allowed = await createTestClient(local).client.auth.signInWithPassword({
      email: "obekraftad@example.se",
      password: "ett-långt-lösenord-1",
    });
    expect(allowed.error).toBeNull();
    expect(allowed.data.session?.user.id).toBe(created.data.user!.id);
  });

  test("the access token carries GoTrue's claims", async () => {
    const { client } = await signedInClient(local, demoAccounts[0].email);
    const { data, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.header).toMatchObject({ alg: "ES256", typ: "JWT" });
    expect(data?.claims).toMatchObject({
      iss: `${local.url}/auth/v1`,
      sub: demoAccounts[0].id,
      aud: "authenticated",
      role: "authenticated",
      aal: "aal1",
      email: demoAccounts[0].email,
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { name: "Sam Samordnare" },
      is_anonymous: false,
    });
    const claims = data!.claims;
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.amr).toEqual([{ method: "password", timestamp: expect.any(Number) }]);
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("sessions", () => {
  test("getClaims verifies the token locally through the JWKS, without calling /auth/v1/user", async () => {
    const { client, requests } = await signedInClient(local, demoAccounts[1].email);
    requests.length = 0;
    const first = await client.auth.getClaims();
    const second = await client.auth.getClaims();
    expect(first.error).toBeNull();
    expect(second.data?.claims.sub).toBe(demoAccounts[1].id);
    expect(paths(requests)).toEqual(["GET /auth/v1/.well-known/jwks.json"]);
  });

  test("getUser asks Auth for the current user", async () => {
    const { client, requests } = await signedInClient(local, demoAccounts[2].email);
    requests.length = 0;
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: demoAccounts[2].id, email: demoAccounts[2].email });
    expect(data.user?.identities?.[0]).toMatchObject({
      provider: "email",
      user_id: demoAccounts[2].id,
    });
    expect(paths(requests)).toEqual(["GET /auth/v1/user"]);
  });

  test("refreshing gives a new access token and a new refresh token for the same session", async () => {
    const { client } = await signedInClient(local, demoAccounts[0].email);
    const before = (await client.auth.getSession()).data.session!;
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session?.refresh_token).not.toBe(before.refresh_token);
    expect(data.session?.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(decodeClaims(data.session!.access_token).session_id).toBe(
      decodeClaims(before.access_token).session_id,
    );
  });

  test.each([
    ["too short", "abc"],
    ["12 characters that are not lowercase letters and digits", "ABCDEFGHIJK!"],
    ["a longer string that is not a v2 token", "inte-en-riktig-token"],
  ])(
    "a malformed refresh token (%s) is refused with validation_failed before any lookup",
    async (_case, token) => {
      const { error } = await createTestClient(local).client.auth.refreshSession({
        refresh_token: token,
      });
      expect(error).toMatchObject({
        status: 400,
        code: "validation_failed",
        message: "Refresh token is not valid",
      });
    },
  );

  test.each([
    ["legacy format", "abcdefghijkl"],
    // A v2 token of hosted's format: version 0, a session id, counter 0, a signature, a checksum.
    ["v2 format", "AKTqcWjqa-kGduINKrYd-xgAbjMuQrWQg_boDexRjBLq6vdW6lw"],
  ])(
    "a well-formed refresh token Auth never issued (%s) is refused with refresh_token_not_found",
    async (_case, token) => {
      const { error } = await createTestClient(local).client.auth.refreshSession({
        refresh_token: token,
      });
      expect(error).toMatchObject({
        status: 400,
        code: "refresh_token_not_found",
        message: "Invalid Refresh Token: Refresh Token Not Found",
      });
    },
  );

  test("after sign-out the refresh token is refused and the access token no longer reaches Auth", async () => {
    const { client } = await signedInClient(local, demoAccounts[2].email);
    const session = (await client.auth.getSession()).data.session!;
    const { error } = await client.auth.signOut();
    expect(error).toBeNull();

    const refresh = await createTestClient(local).client.auth.refreshSession({
      refresh_token: session.refresh_token,
    });
    expect(refresh.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
    const user = await createTestClient(local).client.auth.getUser(session.access_token);
    expect(user.error?.name).toBe("AuthSessionMissingError");
    const response = await fetch(`${local.url}/auth/v1/user`, {
      headers: {
        apikey: local.publishableKey,
        Authorization: `Bearer ${session.access_token}`,
        "X-Supabase-Api-Version": "2024-01-01",
      },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      code: "session_not_found",
      message: "Session from session_id claim in JWT does not exist",
    });
  });

  test("sign-out with scope local ends only that session", async () => {
    const first = await signedInClient(local, demoAccounts[0].email);
    const second = await signedInClient(local, demoAccounts[0].email);
    await first.client.auth.signOut({ scope: "local" });
    expect((await second.client.auth.getUser()).error).toBeNull();
    const firstToken = (await first.client.auth.getSession()).data.session;
    expect(firstToken).toBeNull();
  });
});

describe("sign-up is off: a magic link that would be a sign-up is refused and sends nothing", () => {
  test("signUp is refused with signup_disabled and creates no user", async () => {
    const { client } = createTestClient(local);
    const { data, error } = await client.auth.signUp({
      email: "ny@example.se",
      password: "ett-långt-lösenord",
    });
    expect(data.user).toBeNull();
    expect(error).toMatchObject({
      status: 422,
      code: "signup_disabled",
      message: "Signups not allowed for this instance",
    });
    const { rows } = await db.query("select 1 from auth.users where email = 'ny@example.se'");
    expect(rows).toHaveLength(0);
  });

  test("a magic link to an unknown address is refused with signup_disabled", async () => {
    const { client } = createTestClient(local);
    const { error } = await client.auth.signInWithOtp({ email: "okand@example.se" });
    expect(error).toMatchObject({
      status: 422,
      code: "signup_disabled",
      message: "Signups not allowed for this instance",
    });
    expect(await countMails(local.mailUrl, "okand@example.se")).toBe(0);
    const { rows } = await db.query("select 1 from auth.users where email = 'okand@example.se'");
    expect(rows).toHaveLength(0);
  });

  test("with shouldCreateUser false, an unknown address is refused with otp_disabled", async () => {
    const { client } = createTestClient(local);
    const { error } = await client.auth.signInWithOtp({
      email: "okand2@example.se",
      options: { shouldCreateUser: false },
    });
    expect(error).toMatchObject({
      status: 422,
      code: "otp_disabled",
      message: "Signups not allowed for otp",
    });
    expect(await countMails(local.mailUrl, "okand2@example.se")).toBe(0);
  });

  test("an invited user who has not accepted yet gets no magic link (signup_disabled); the invitation is the only e-mail", async () => {
    const { client: admin } = createTestClient(local, "secret");
    expect((await admin.auth.admin.inviteUserByEmail("vantande@example.se")).error).toBeNull();
    expect(await countMails(local.mailUrl, "vantande@example.se")).toBe(1);

    for (const shouldCreateUser of [true, false]) {
      const { error } = await createTestClient(local).client.auth.signInWithOtp({
        email: "vantande@example.se",
        options: { shouldCreateUser },
      });
      expect(error).toMatchObject({ status: 422, code: "signup_disabled" });
    }
    expect(await countMails(local.mailUrl, "vantande@example.se")).toBe(1);
  });

  test("a user created without a confirmed address gets no magic link either; a confirmed one does", async () => {
    const { client: admin } = createTestClient(local, "secret");
    const created = await admin.auth.admin.createUser({ email: "utan.bekraftelse@example.se" });
    expect(created.error).toBeNull();
    const refused = await createTestClient(local).client.auth.signInWithOtp({
      email: "utan.bekraftelse@example.se",
    });
    expect(refused.error).toMatchObject({ status: 422, code: "signup_disabled" });
    expect(await countMails(local.mailUrl, "utan.bekraftelse@example.se")).toBe(0);

    await admin.auth.admin.updateUserById(created.data.user!.id, { email_confirm: true });
    const allowed = await createTestClient(local).client.auth.signInWithOtp({
      email: "utan.bekraftelse@example.se",
    });
    expect(allowed.error).toBeNull();
    expect(await countMails(local.mailUrl, "utan.bekraftelse@example.se")).toBe(1);
  });
});

describe("e-mail links through the mail catcher", () => {
  test("the magic-link e-mail is Swedish, and its link signs the user in (amr otp)", async () => {
    const user = await createConfirmedUser("svensk.lank@example.se");
    const { client } = createTestClient(local);
    const sent = await client.auth.signInWithOtp({
      email: "svensk.lank@example.se",
      options: { emailRedirectTo: "http://localhost:4321/granskning/" },
    });
    expect(sent.error).toBeNull();

    const mail = await findMail(local.mailUrl, "svensk.lank@example.se");
    expect(mail.Subject).toBe("Logga in på Innovationsslussen");
    expect(mail.From).toEqual({
      Name: "Innovationsslussen",
      Address: "noreply@innovationsslussen.example.se",
    });
    expect(mail.HTML).toContain('<html lang="sv">');
    expect(mail.HTML).toContain("Länken går att använda en gång och gäller i en timme.");
    expect(mail.HTML).toContain("svensk.lank@example.se");

    const link = mail.Links.find((href) => href.includes("/auth/v1/verify"))!;
    const location = await followLink(link);
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/granskning/");
    const fragment = new URLSearchParams(location.hash.slice(1));
    const accessToken = fragment.get("access_token")!;
    expect(decodeClaims(accessToken)).toMatchObject({
      sub: user.id,
      amr: [{ method: "otp", timestamp: expect.any(Number) }],
    });
    const signedIn = await createTestClient(local).client.auth.getUser(accessToken);
    expect(signedIn.data.user?.email).toBe("svensk.lank@example.se");
  });

  test("a magic link's code signs the user in, once", async () => {
    const email = demoAccounts[1].email;
    const { client } = createTestClient(local);
    const sent = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(sent.error).toBeNull();
    const mail = await findMail(local.mailUrl, email);
    const code = /koden\s+<strong>(\d{6})<\/strong>/.exec(mail.HTML)?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const verified = await client.auth.verifyOtp({ email, token: code!, type: "email" });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.id).toBe(demoAccounts[1].id);
    const claims = await client.auth.getClaims();
    expect(claims.data?.claims.amr).toEqual([{ method: "otp", timestamp: expect.any(Number) }]);

    const reused = await createTestClient(local).client.auth.verifyOtp({
      email,
      token: code!,
      type: "email",
    });
    expect(reused.error).toMatchObject({
      status: 403,
      code: "otp_expired",
      message: "Token has expired or is invalid",
    });
  });

  test("following the magic link redirects to the allowed address with the session in the fragment; a second time with the error", async () => {
    const email = demoAccounts[2].email;
    await db.query("update auth.users set recovery_sent_at = null where email = $1", [email]);
    const { client } = createTestClient(local);
    await client.auth.signInWithOtp({
      email,
      options: { emailRedirectTo: "http://localhost:4321/granskning/" },
    });
    const mail = await findMail(local.mailUrl, email);
    const link = mail.Links.find((href) => href.includes("/auth/v1/verify"));
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(url.origin).toBe(local.url);
    expect(url.searchParams.get("type")).toBe("magiclink");
    expect(url.searchParams.get("redirect_to")).toBe("http://localhost:4321/granskning/");

    const location = await followLink(link!);
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/granskning/");
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("type")).toBe("magiclink");
    expect(fragment.get("token_type")).toBe("bearer");
    expect(fragment.get("refresh_token")).toMatch(/^[a-z2-7]{12}$/);
    const user = await createTestClient(local).client.auth.getUser(fragment.get("access_token")!);
    expect(user.data.user?.email).toBe(email);

    // Without PKCE the error is in the fragment only, as on hosted.
    const again = await followLink(link!);
    expect(again.search).toBe("");
    const failed = new URLSearchParams(again.hash.slice(1));
    expect(Object.fromEntries(failed)).toEqual({
      error: "access_denied",
      error_code: "otp_expired",
      error_description: "Email link is invalid or has expired",
      sb: "",
    });
  });

  test("a PKCE magic link gives ?code= (amr magiclink); used again, its error is in the query string and the fragment", async () => {
    const user = await createConfirmedUser("pkce.lank@example.se");
    const stored = new Map<string, string>();
    const client = createClient(local.url, local.publishableKey, {
      auth: {
        flowType: "pkce",
        persistSession: true,
        autoRefreshToken: false,
        detectSessionInUrl: false,
        storageKey: `test-${crypto.randomUUID()}`,
        storage: {
          getItem: (key) => stored.get(key) ?? null,
          setItem: (key, value) => void stored.set(key, value),
          removeItem: (key) => void stored.delete(key),
        },
      },
    });
    const sent = await client.auth.signInWithOtp({
      email: "pkce.lank@example.se",
      options: { emailRedirectTo: "http://localhost:4321/auth/callback" },
    });
    expect(sent.error).toBeNull();
    const mail = await findMail(local.mailUrl, "pkce.lank@example.se");
    const link = mail.Links.find((href) => href.includes("/auth/v1/verify"))!;
    expect(new URL(link).searchParams.get("token")).toMatch(/^pkce_[0-9a-f]{56}$/);

    const location = await followLink(link);
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/auth/callback");
    const code = location.searchParams.get("code")!;
    const exchanged = await client.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(decodeClaims(exchanged.data.session!.access_token)).toMatchObject({
      sub: user.id,
      amr: [{ method: "magiclink", timestamp: expect.any(Number) }],
    });

    const again = await followLink(link);
    const expected = {
      error: "access_denied",
      error_code: "otp_expired",
      error_description: "Email link is invalid or has expired",
    };
    expect(`${again.origin}${again.pathname}`).toBe("http://localhost:4321/auth/callback");
    expect(Object.fromEntries(again.searchParams)).toEqual(expected);
    expect(Object.fromEntries(new URLSearchParams(again.hash.slice(1)))).toEqual({
      ...expected,
      sb: "",
    });
  });

  test("a link with a forged PKCE token redirects with the error in the query string", async () => {
    const forged = new URL(`${local.url}/auth/v1/verify`);
    forged.searchParams.set("token", `pkce_${"0".repeat(56)}`);
    forged.searchParams.set("type", "magiclink");
    forged.searchParams.set(
      "redirect_to",
      "http://localhost:4321/auth/callback?next=%2Fgranskning",
    );
    const location = await followLink(forged.toString());
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/auth/callback");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      next: "/granskning",
      error: "access_denied",
      error_code: "otp_expired",
      error_description: "Email link is invalid or has expired",
    });
  });

  test("a redirect address outside the allow-list falls back to the site URL", async () => {
    const email = demoAccounts[0].email;
    await db.query("update auth.users set recovery_sent_at = null where email = $1", [email]);
    await createTestClient(local).client.auth.signInWithOtp({
      email,
      options: { emailRedirectTo: "https://evil.example.com/" },
    });
    const mail = await findMail(local.mailUrl, email);
    const link = new URL(mail.Links.find((href) => href.includes("/auth/v1/verify"))!);
    expect(link.searchParams.get("redirect_to")).toBe("http://localhost:4321");
  });

  test("a second e-mail within max_frequency is refused with over_email_send_rate_limit", async () => {
    const email = demoAccounts[0].email;
    await db.query("update auth.users set recovery_sent_at = null where email = $1", [email]);
    const { client } = createTestClient(local);
    expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
    const second = await client.auth.signInWithOtp({ email });
    expect(second.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
  });

  test("a password reset e-mail (Swedish) lets the user set a new password; the old one stops working", async () => {
    await createConfirmedUser("aterstall@example.se", "första-lösenordet-1");
    const { client } = createTestClient(local);
    expect((await client.auth.resetPasswordForEmail("aterstall@example.se")).error).toBeNull();
    const mail = await findMail(local.mailUrl, "aterstall@example.se");
    expect(mail.Subject).toBe("Välj ett nytt lösenord till Innovationsslussen");
    const tokenHash = new URL(
      mail.Links.find((href) => href.includes("type=recovery"))!,
    ).searchParams.get("token")!;

    const verified = await client.auth.verifyOtp({ token_hash: tokenHash, type: "recovery" });
    expect(verified.error).toBeNull();
    const tooShort = await client.auth.updateUser({ password: "kort" });
    expect(tooShort.error).toMatchObject({
      status: 422,
      code: "weak_password",
      message: "Password should be at least 12 characters.",
    });
    const changed = await client.auth.updateUser({ password: "andra-lösenordet-2" });
    expect(changed.error).toBeNull();

    const old = await createTestClient(local).client.auth.signInWithPassword({
      email: "aterstall@example.se",
      password: "första-lösenordet-1",
    });
    expect(old.error?.code).toBe("invalid_credentials");
    const fresh = await createTestClient(local).client.auth.signInWithPassword({
      email: "aterstall@example.se",
      password: "andra-lösenordet-2",
    });
    expect(fresh.error).toBeNull();
  });

  test("resetting the password of an unknown address answers the same as for a known one", async () => {
    const { error } =
      await createTestClient(local).client.auth.resetPasswordForEmail("finns-inte@example.se");
    expect(error).toBeNull();
  });
});

describe("admin users API", () => {
  test("the secret key creates, gets, lists, updates, bans and deletes a user", async () => {
    const { client } = createTestClient(local, "secret");
    const created = await client.auth.admin.createUser({
      email: "Ny.Granskare@Example.se",
      password: "ett-långt-lösenord",
      email_confirm: true,
      user_metadata: { name: "Ny Granskare" },
    });
    expect(created.error).toBeNull();
    const user = created.data.user!;
    expect(user).toMatchObject({
      email: "ny.granskare@example.se",
      user_metadata: { name: "Ny Granskare" },
    });
    expect(user.email_confirmed_at).toEqual(expect.any(String));

    const duplicate = await client.auth.admin.createUser({
      email: "ny.granskare@example.se",
      password: "ett-långt-lösenord",
    });
    expect(duplicate.error).toMatchObject({ status: 422, code: "email_exists" });

    expect((await client.auth.admin.getUserById(user.id)).data.user?.email).toBe(
      "ny.granskare@example.se",
    );
    const listed = await client.auth.admin.listUsers({ page: 1, perPage: 100 });
    expect(listed.data.users.map((u) => u.email)).toEqual(
      expect.arrayContaining(["ny.granskare@example.se", demoAccounts[0].email]),
    );
    expect("total" in listed.data && listed.data.total).toBeGreaterThanOrEqual(4);

    const updated = await client.auth.admin.updateUserById(user.id, {
      user_metadata: { municipality: "1496" },
    });
    expect(updated.data.user?.user_metadata).toEqual({
      name: "Ny Granskare",
      municipality: "1496",
    });

    const banned = await client.auth.admin.updateUserById(user.id, { ban_duration: "876000h" });
    expect(banned.data.user?.banned_until).toEqual(expect.any(String));
    const refused = await createTestClient(local).client.auth.signInWithPassword({
      email: "ny.granskare@example.se",
      password: "ett-långt-lösenord",
    });
    expect(refused.error).toMatchObject({ status: 400, code: "user_banned" });
    const lifted = await client.auth.admin.updateUserById(user.id, { ban_duration: "none" });
    expect(lifted.data.user?.banned_until).toBeUndefined();

    expect((await client.auth.admin.deleteUser(user.id)).error).toBeNull();
    const gone = await client.auth.admin.getUserById(user.id);
    expect(gone.error).toMatchObject({ status: 404, code: "user_not_found" });
  });

  test("an invitation e-mail (Swedish) creates the user; following it confirms the address and signs in (amr otp)", async () => {
    const { client } = createTestClient(local, "secret");
    const invited = await client.auth.admin.inviteUserByEmail("inbjuden@example.se", {
      data: { name: "Inbjuden Granskare" },
      redirectTo: "http://localhost:4321/valkommen/",
    });
    expect(invited.error).toBeNull();
    expect(invited.data.user).toMatchObject({
      email: "inbjuden@example.se",
      invited_at: expect.any(String),
    });
    expect(invited.data.user?.email_confirmed_at).toBeUndefined();

    const mail = await findMail(local.mailUrl, "inbjuden@example.se");
    expect(mail.Subject).toBe("Du är inbjuden till Innovationsslussen");
    expect(mail.HTML).toContain("granskare");
    const link = mail.Links.find((href) => href.includes("type=invite"))!;
    const location = await followLink(link);
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/valkommen/");
    const accessToken = new URLSearchParams(location.hash.slice(1)).get("access_token")!;
    expect(decodeClaims(accessToken).amr).toEqual([
      { method: "otp", timestamp: expect.any(Number) },
    ]);
    const user = await createTestClient(local).client.auth.getUser(accessToken);
    expect(user.data.user?.email_confirmed_at).toEqual(expect.any(String));

    const again = await client.auth.admin.inviteUserByEmail("inbjuden@example.se");
    expect(again.error).toMatchObject({ status: 422, code: "email_exists" });
  });

  test("a second invitation to an address that has not accepted is sent at once (no per-address limit on invitations)", async () => {
    const { client } = createTestClient(local, "secret");
    const first = await client.auth.admin.inviteUserByEmail("tva.inbjudningar@example.se");
    expect(first.error).toBeNull();
    const second = await client.auth.admin.inviteUserByEmail("tva.inbjudningar@example.se");
    expect(second.error).toBeNull();
    expect(second.data.user?.id).toBe(first.data.user?.id);
    expect(await countMails(local.mailUrl, "tva.inbjudningar@example.se")).toBe(2);

    // Only the newest invitation's link works.
    const newest = await findMail(local.mailUrl, "tva.inbjudningar@example.se");
    const location = await followLink(newest.Links.find((href) => href.includes("type=invite"))!);
    expect(new URLSearchParams(location.hash.slice(1)).get("access_token")).toBeTruthy();
  });

  test("the publishable key is refused by the admin API with not_admin", async () => {
    const { client } = createTestClient(local);
    const created = await client.auth.admin.createUser({
      email: "smyg@example.se",
      password: "ett-långt-lösenord",
    });
    expect(created.error).toMatchObject({
      status: 403,
      code: "not_admin",
      message: "User not allowed",
    });
    const listed = await client.auth.admin.listUsers();
    expect(listed.error).toMatchObject({ status: 403, code: "not_admin" });
    const invite = await client.auth.admin.inviteUserByEmail("smyg@example.se");
    expect(invite.error).toMatchObject({ status: 403, code: "not_admin" });
    const link = await client.auth.admin.generateLink({ type: "invite", email: "smyg@example.se" });
    expect(link.error).toMatchObject({ status: 403, code: "not_admin" });
    const deleted = await client.auth.admin.deleteUser(demoAccounts[0].id);
    expect(deleted.error).toMatchObject({ status: 403, code: "not_admin" });
    const { rows } = await db.query("select 1 from auth.users where email = 'smyg@example.se'");
    expect(rows).toHaveLength(0);
  });

  test("a signed-in user's token is refused by the admin API too", async () => {
    const { client } = await signedInClient(local, demoAccounts[0].email);
    const token = (await client.auth.getSession()).data.session!.access_token;
    const response = await fetch(`${local.url}/auth/v1/admin/users`, {
      headers: {
        apikey: local.publishableKey,
        Authorization: `Bearer ${token}`,
        "X-Supabase-Api-Version": "2024-01-01",
      },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: "not_admin", message: "User not allowed" });
  });
});

describe("admin generate_link: the link an Auth e-mail would carry, and no e-mail", () => {
  test("an invitation link creates the user and sends nothing; following it signs the invitee in, who then chooses a password", async () => {
    const { client: admin } = createTestClient(local, "secret");
    const { data, error } = await admin.auth.admin.generateLink({
      type: "invite",
      email: "Egen.Inbjudan@Example.se",
      options: { data: { name: "Egen Inbjudan" }, redirectTo: "http://localhost:4321/valkommen/" },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email: "egen.inbjudan@example.se",
      invited_at: expect.any(String),
      user_metadata: { name: "Egen Inbjudan" },
    });
    expect(data.user?.email_confirmed_at).toBeUndefined();
    expect(data.properties).toEqual({
      action_link: expect.any(String),
      email_otp: expect.stringMatching(/^\d{6}$/),
      hashed_token: expect.stringMatching(/^[0-9a-f]{56}$/),
      redirect_to: "http://localhost:4321/valkommen/",
      verification_type: "invite",
    });
    const actionLink = new URL(data.properties!.action_link);
    expect(`${actionLink.origin}${actionLink.pathname}`).toBe(`${local.url}/auth/v1/verify`);
    expect(Object.fromEntries(actionLink.searchParams)).toEqual({
      token: data.properties!.hashed_token,
      type: "invite",
      redirect_to: "http://localhost:4321/valkommen/",
    });
    expect(await countMails(local.mailUrl, "egen.inbjudan@example.se")).toBe(0);

    const location = await followLink(actionLink.toString());
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/valkommen/");
    const fragment = new URLSearchParams(location.hash.slice(1));
    const { client } = createTestClient(local);
    const session = await client.auth.setSession({
      access_token: fragment.get("access_token")!,
      refresh_token: fragment.get("refresh_token")!,
    });
    expect(session.error).toBeNull();
    expect(session.data.user?.email_confirmed_at).toEqual(expect.any(String));
    const chosen = await client.auth.updateUser({ password: "mitt-eget-lösenord-1" });
    expect(chosen.error).toBeNull();

    const signedIn = await createTestClient(local).client.auth.signInWithPassword({
      email: "egen.inbjudan@example.se",
      password: "mitt-eget-lösenord-1",
    });
    expect(signedIn.error).toBeNull();
    expect(await countMails(local.mailUrl, "egen.inbjudan@example.se")).toBe(0);
  });

  test("an invitation link for a confirmed address is refused with email_exists", async () => {
    const { client: admin } = createTestClient(local, "secret");
    const { data, error } = await admin.auth.admin.generateLink({
      type: "invite",
      email: demoAccounts[1].email,
    });
    expect(data.properties).toBeNull();
    expect(error).toMatchObject({ status: 422, code: "email_exists" });
  });

  test("magic-link and recovery links for an existing user: no frequency limit, no e-mail, the newest link works, its code works too", async () => {
    const user = await createConfirmedUser("lankar@example.se");
    const { client: admin } = createTestClient(local, "secret");
    const first = await admin.auth.admin.generateLink({
      type: "magiclink",
      email: "lankar@example.se",
    });
    const second = await admin.auth.admin.generateLink({
      type: "magiclink",
      email: "lankar@example.se",
      options: { redirectTo: "https://evil.example.com/" },
    });
    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    expect(second.data.user?.id).toBe(user.id);
    expect(second.data.properties).toMatchObject({
      verification_type: "magiclink",
      redirect_to: "http://localhost:4321",
    });
    const stale = await followLink(first.data.properties!.action_link);
    expect(new URLSearchParams(stale.hash.slice(1)).get("error_code")).toBe("otp_expired");
    const fresh = await followLink(second.data.properties!.action_link);
    expect(decodeClaims(new URLSearchParams(fresh.hash.slice(1)).get("access_token")!).sub).toBe(
      user.id,
    );

    const recovery = await admin.auth.admin.generateLink({
      type: "recovery",
      email: "lankar@example.se",
    });
    expect(recovery.error).toBeNull();
    expect(recovery.data.properties?.verification_type).toBe("recovery");
    const verified = await createTestClient(local).client.auth.verifyOtp({
      email: "lankar@example.se",
      token: recovery.data.properties!.email_otp,
      type: "recovery",
    });
    expect(verified.error).toBeNull();
    expect(await countMails(local.mailUrl, "lankar@example.se")).toBe(0);
  });

  test("a recovery link for an unknown address is refused with user_not_found; a magic link for one becomes a sign-up link", async () => {
    const { client: admin } = createTestClient(local, "secret");
    const recovery = await admin.auth.admin.generateLink({
      type: "recovery",
      email: "ingen.sadan@example.se",
    });
    expect(recovery.error).toMatchObject({
      status: 404,
      code: "user_not_found",
      message: "User with this email not found",
    });

    const magic = await admin.auth.admin.generateLink({
      type: "magiclink",
      email: "ny.via.lank@example.se",
    });
    expect(magic.error).toBeNull();
    expect(magic.data.properties?.verification_type).toBe("signup");
    expect(magic.data.user?.email_confirmed_at).toBeUndefined();
    const location = await followLink(magic.data.properties!.action_link);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("type")).toBe("signup");
    const user = await createTestClient(local).client.auth.getUser(fragment.get("access_token")!);
    expect(user.data.user?.email_confirmed_at).toEqual(expect.any(String));
  });
});

describe("public Auth endpoints", () => {
  test("settings show sign-up off and e-mail on", async () => {
    const response = await fetch(`${local.url}/auth/v1/settings`, {
      headers: { apikey: local.publishableKey },
    });
    expect(await response.json()).toMatchObject({
      disable_signup: true,
      external: { email: true, phone: false },
    });
  });

  test("the JWKS publishes one ES256 public key and no private part", async () => {
    const response = await fetch(`${local.url}/auth/v1/.well-known/jwks.json`);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(keys[0]).not.toHaveProperty("d");
  });

  test("health answers without an API key", async () => {
    const response = await fetch(`${local.url}/auth/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: "GoTrue" });
  });
});
