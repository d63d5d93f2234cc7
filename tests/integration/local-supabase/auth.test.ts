import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findMail, startLocalSupabase, type TestSupabase } from "../../support/local-supabase.ts";
import { createTestClient, demoAccounts, demoPassword, signedInClient } from "./clients.ts";

/*
 * The Auth (GoTrue) contract, driven through the project's own supabase-js: sign-in, refresh with
 * rotation and reuse detection, getUser, getClaims verified locally, sign-out, magic links and
 * password resets through the mail catcher, and the admin API with the secret key only.
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

describe("password sign-in", () => {
  test.each(demoAccounts)("$email signs in with the demo password", async ({ email, id }) => {
    const { client } = createTestClient(local);
    const { data, error } = await client.auth.signInWithPassword({ email, password: demoPassword });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id, email, aud: "authenticated", role: "authenticated" });
    expect(data.session).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(data.session?.refresh_token).toMatch(/^[\w-]{16,}$/);
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
    const claims = JSON.parse(
      Buffer.from(data.session!.access_token.split(".")[1]!, "base64url").toString(),
    ) as {
      session_id: string;
    };
    const beforeClaims = JSON.parse(
      Buffer.from(before.access_token.split(".")[1]!, "base64url").toString(),
    ) as {
      session_id: string;
    };
    expect(claims.session_id).toBe(beforeClaims.session_id);
  });

  test("a just-rotated refresh token presented again within the reuse interval returns the same new token", async () => {
    const { client } = await signedInClient(local, demoAccounts[0].email);
    const old = (await client.auth.getSession()).data.session!.refresh_token;
    const rotated = await client.auth.refreshSession({ refresh_token: old });
    const again = await createTestClient(local).client.auth.refreshSession({ refresh_token: old });
    expect(again.error).toBeNull();
    expect(again.data.session?.refresh_token).toBe(rotated.data.session?.refresh_token);
  });

  test("reusing an old refresh token after the interval is refused and ends the whole session (reuse detection)", async () => {
    const { client } = await signedInClient(local, demoAccounts[1].email);
    const old = (await client.auth.getSession()).data.session!.refresh_token;
    const rotated = (await client.auth.refreshSession({ refresh_token: old })).data.session!
      .refresh_token;
    // The reuse interval is 10 seconds (config.toml); move the rotation into the past.
    await db.query(
      "update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1",
      [old],
    );

    const reuse = await createTestClient(local).client.auth.refreshSession({ refresh_token: old });
    expect(reuse.error).toMatchObject({
      status: 400,
      code: "refresh_token_already_used",
      message: "Invalid Refresh Token: Already Used",
    });
    const current = await createTestClient(local).client.auth.refreshSession({
      refresh_token: rotated,
    });
    expect(current.error).toMatchObject({ status: 400, code: "refresh_token_already_used" });
  });

  test("an unknown refresh token is refused with refresh_token_not_found", async () => {
    const { error } = await createTestClient(local).client.auth.refreshSession({
      refresh_token: "inte-en-riktig-token",
    });
    expect(error).toMatchObject({
      status: 400,
      code: "refresh_token_not_found",
      message: "Invalid Refresh Token: Refresh Token Not Found",
    });
  });

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

describe("sign-up is off", () => {
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

  test("a magic link to an unknown address is refused with otp_disabled", async () => {
    const { client } = createTestClient(local);
    const { error } = await client.auth.signInWithOtp({ email: "okand@example.se" });
    expect(error).toMatchObject({
      status: 422,
      code: "otp_disabled",
      message: "Signups not allowed for otp",
    });
  });
});

describe("e-mail links through the mail catcher", () => {
  test("a magic link arrives in the mail catcher and its code signs the user in", async () => {
    const email = demoAccounts[1].email;
    const { client } = createTestClient(local);
    const sent = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(sent.error).toBeNull();
    const mail = await findMail(local.mailUrl, email);
    expect(mail.Subject).toBe("Logga in på Innovationsslussen");
    expect(mail.From).toEqual({
      Name: "Innovationsslussen",
      Address: "noreply@innovationsslussen.example.se",
    });
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

  test("following the magic link redirects to the allowed address with the session in the fragment", async () => {
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

    const response = await fetch(link!, { redirect: "manual" });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/granskning/");
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("type")).toBe("magiclink");
    expect(fragment.get("token_type")).toBe("bearer");
    const user = await createTestClient(local).client.auth.getUser(fragment.get("access_token")!);
    expect(user.data.user?.email).toBe(email);

    const again = await fetch(link!, { redirect: "manual" });
    const failed = new URLSearchParams(new URL(again.headers.get("location")!).hash.slice(1));
    expect(failed.get("error_code")).toBe("otp_expired");
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

  test("a password reset e-mail lets the user set a new password; the old one stops working", async () => {
    const { client: admin } = createTestClient(local, "secret");
    const created = await admin.auth.admin.createUser({
      email: "aterstall@example.se",
      password: "första-lösenordet-1",
      email_confirm: true,
    });
    expect(created.error).toBeNull();
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

    const signedIn = await createTestClient(local).client.auth.signInWithPassword({
      email: "ny.granskare@example.se",
      password: "ett-långt-lösenord",
    });
    expect(signedIn.error).toBeNull();
    const banned = await client.auth.admin.updateUserById(user.id, { ban_duration: "876000h" });
    expect(banned.data.user?.banned_until).toEqual(expect.any(String));
    const refused = await createTestClient(local).client.auth.signInWithPassword({
      email: "ny.granskare@example.se",
      password: "ett-långt-lösenord",
    });
    expect(refused.error).toMatchObject({ status: 400, code: "user_banned" });
    const refresh = await createTestClient(local).client.auth.refreshSession({
      refresh_token: signedIn.data.session!.refresh_token,
    });
    expect(refresh.error?.code).toBe("refresh_token_not_found");

    expect((await client.auth.admin.deleteUser(user.id)).error).toBeNull();
    const gone = await client.auth.admin.getUserById(user.id);
    expect(gone.error).toMatchObject({ status: 404, code: "user_not_found" });
  });

  test("an invitation e-mail creates the user; following it confirms the address and signs in", async () => {
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
    const link = mail.Links.find((href) => href.includes("type=invite"))!;
    const response = await fetch(link, { redirect: "manual" });
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:4321/valkommen/");
    const accessToken = new URLSearchParams(location.hash.slice(1)).get("access_token")!;
    const user = await createTestClient(local).client.auth.getUser(accessToken);
    expect(user.data.user?.email_confirmed_at).toEqual(expect.any(String));

    const again = await client.auth.admin.inviteUserByEmail("inbjuden@example.se");
    expect(again.error).toMatchObject({ status: 422, code: "email_exists" });
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
    const deleted = await client.auth.admin.deleteUser(demoAccounts[0].id);
    expect(deleted.error).toMatchObject({ status: 403, code: "not_admin" });
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
