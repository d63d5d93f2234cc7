import { createServerClient } from "@supabase/ssr";
import { combineChunks, createChunks, stringFromBase64URL, stringToBase64URL } from "@supabase/ssr";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findMail, startLocalSupabase, type TestSupabase } from "../../support/local-supabase.ts";
import { createTestClient, decodeClaims } from "./clients.ts";

/*
 * Auth sessions over time, as hosted Supabase Auth keeps them, driven through supabase-js and
 * @supabase/ssr: refresh-token reuse (a lost Set-Cookie must not sign anyone out), bans that keep
 * sessions, password changes that end them, and the reauthentication nonce. Time is moved in the
 * database (a token's or session's timestamps), never waited for.
 */

let local: TestSupabase;
let db: pg.Client;
let admin: ReturnType<typeof createTestClient>["client"];

beforeAll(async () => {
  local = await startLocalSupabase();
  db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
  admin = createTestClient(local, "secret").client;
});

afterAll(async () => {
  await db?.end();
  await local?.stop();
});

const password = "ett-långt-lösenord-1";

/** A new confirmed user and a client signed in as them (a session of their own per test). */
async function signedInUser(email: string) {
  const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error) throw created.error;
  const { client } = createTestClient(local);
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return { user: created.data.user, client, session: data.session };
}

/** Presents a refresh token as a new client would: a browser, a function, another tab. */
function refresh(refreshToken: string) {
  return createTestClient(local).client.auth.refreshSession({ refresh_token: refreshToken });
}

/** Moves a refresh token's rotation (its updated_at) into the past, past the reuse interval. */
async function ageRefreshToken(token: string, interval = "1 hour"): Promise<void> {
  await db.query(
    "update auth.refresh_tokens set updated_at = updated_at - $2::interval where token = $1",
    [token, interval],
  );
}

/** Stamps a refresh token's rotation as just now, inside the reuse interval however slow the machine. */
async function freshenRefreshToken(token: string): Promise<void> {
  await db.query("update auth.refresh_tokens set updated_at = now() where token = $1", [token]);
}

/** GET /auth/v1/user with an access token, as a function checking a session would call it. */
async function getUserStatus(accessToken: string) {
  const response = await fetch(`${local.url}/auth/v1/user`, {
    headers: {
      apikey: local.publishableKey,
      Authorization: `Bearer ${accessToken}`,
      "X-Supabase-Api-Version": "2024-01-01",
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("refresh-token reuse, as hosted", () => {
  test("the token just before the current one returns the current token and a fresh access token, however late", async () => {
    const { session: first } = await signedInUser("forlorad.cookie@example.se");
    const rotated = await refresh(first.refresh_token);
    expect(rotated.error).toBeNull();
    const current = rotated.data.session!;
    await ageRefreshToken(first.refresh_token, "1 day");

    const replayed = await refresh(first.refresh_token);
    expect(replayed.error).toBeNull();
    expect(replayed.data.session?.refresh_token).toBe(current.refresh_token);
    const claims = decodeClaims(replayed.data.session!.access_token);
    expect(claims.session_id).toBe(decodeClaims(first.access_token).session_id);
    expect(replayed.data.session!.expires_at).toBeGreaterThanOrEqual(current.expires_at!);
    expect((await getUserStatus(replayed.data.session!.access_token)).status).toBe(200);

    // The current token still rotates normally afterwards.
    const next = await refresh(current.refresh_token);
    expect(next.error).toBeNull();
    expect(next.data.session?.refresh_token).not.toBe(current.refresh_token);
  });

  test("an older revoked token within the reuse interval gets a new token of the same session", async () => {
    const { session: first } = await signedInUser("samtidiga.flikar@example.se");
    const second = (await refresh(first.refresh_token)).data.session!;
    const third = (await refresh(second.refresh_token)).data.session!;
    await freshenRefreshToken(first.refresh_token);

    const replayed = await refresh(first.refresh_token);
    expect(replayed.error).toBeNull();
    const issued = replayed.data.session!.refresh_token;
    expect(issued).toMatch(/^[a-z2-7]{12}$/);
    expect([first.refresh_token, second.refresh_token, third.refresh_token]).not.toContain(issued);
    expect(decodeClaims(replayed.data.session!.access_token).session_id).toBe(
      decodeClaims(first.access_token).session_id,
    );
    // Both branches stay usable: the client that got `third` is not signed out.
    expect((await refresh(third.refresh_token)).error).toBeNull();
    expect((await refresh(issued)).error).toBeNull();
  });

  test("an older revoked token after the reuse interval is refused and revokes every refresh token of the session", async () => {
    const { session: first } = await signedInUser("stulen.token@example.se");
    const second = (await refresh(first.refresh_token)).data.session!;
    const third = (await refresh(second.refresh_token)).data.session!;
    await ageRefreshToken(first.refresh_token);

    const reuse = await refresh(first.refresh_token);
    expect(reuse.error).toMatchObject({
      status: 400,
      code: "refresh_token_already_used",
      message: "Invalid Refresh Token: Already Used",
    });
    const { rows } = await db.query<{ live: number }>(
      "select count(*)::int as live from auth.refresh_tokens where session_id = $1 and not revoked",
      [decodeClaims(first.access_token).session_id],
    );
    expect(rows[0]?.live).toBe(0);

    // Once the revocation is older than the reuse interval too, the current token is dead as well.
    await ageRefreshToken(third.refresh_token);
    await ageRefreshToken(second.refresh_token);
    const current = await refresh(third.refresh_token);
    expect(current.error).toMatchObject({ status: 400, code: "refresh_token_already_used" });
    expect((await refresh(second.refresh_token)).error).toMatchObject({
      code: "refresh_token_already_used",
    });
    // The session row stays (hosted's legacy tokens): its access token works until it expires.
    expect((await getUserStatus(third.access_token)).status).toBe(200);
  });
});

describe("cookie sessions (@supabase/ssr)", () => {
  /** A browser's cookies for the site, and server clients that read and (maybe) write them. */
  function browser() {
    const jar = new Map<string, string>();
    const storageKey = `sb-${new URL(local.url).hostname.split(".")[0]}-auth-token`;
    return {
      jar,
      /** A server client for one request; `lostResponse` drops its Set-Cookie headers. */
      request(options: { lostResponse?: boolean } = {}) {
        const written: { name: string; value: string }[] = [];
        const client = createServerClient(local.url, local.publishableKey, {
          cookies: {
            getAll: () => [...jar].map(([name, value]) => ({ name, value })),
            setAll: (cookies) => {
              for (const { name, value } of cookies) {
                written.push({ name, value });
                if (options.lostResponse) continue;
                if (value === "") jar.delete(name);
                else jar.set(name, value);
              }
            },
          },
        });
        return { client, written };
      },
      /** The session stored in the cookies. */
      async storedSession(cookies: Map<string, string> = jar) {
        const value = await combineChunks(storageKey, (name) => cookies.get(name));
        return JSON.parse(stringFromBase64URL(value!.slice("base64-".length))) as {
          access_token: string;
          refresh_token: string;
          expires_at: number;
        };
      },
      /** Makes the stored access token look expired, so the next request refreshes it. */
      async expireStoredSession() {
        const session = await this.storedSession();
        session.expires_at = Math.floor(Date.now() / 1000) - 60;
        for (const name of [...jar.keys()]) if (name.startsWith(storageKey)) jar.delete(name);
        const value = `base64-${stringToBase64URL(JSON.stringify(session))}`;
        for (const chunk of createChunks(storageKey, value)) jar.set(chunk.name, chunk.value);
      },
    };
  }

  test("a browser that lost the Set-Cookie of a refresh stays signed in, even after the reuse interval", async () => {
    await admin.auth.admin.createUser({
      email: "kakburk@example.se",
      password,
      email_confirm: true,
    });
    const site = browser();
    const signIn = site.request();
    const signedIn = await signIn.client.auth.signInWithPassword({
      email: "kakburk@example.se",
      password,
    });
    expect(signedIn.error).toBeNull();
    const original = await site.storedSession();

    // Request 1 refreshes the expired session, but its response never reaches the browser.
    await site.expireStoredSession();
    const lost = site.request({ lostResponse: true });
    const firstClaims = await lost.client.auth.getClaims();
    expect(firstClaims.error).toBeNull();
    expect(lost.written.length).toBeGreaterThan(0);
    const rotated = await site.storedSession(
      new Map(lost.written.map(({ name, value }) => [name, value])),
    );
    expect(rotated.refresh_token).not.toBe(original.refresh_token);

    // The browser comes back much later with the old cookie: it gets the current token.
    await ageRefreshToken(original.refresh_token, "1 day");
    const later = site.request();
    const claims = await later.client.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(firstClaims.data?.claims.sub);
    expect((await site.storedSession()).refresh_token).toBe(rotated.refresh_token);
    expect((await later.client.auth.getUser()).data.user?.email).toBe("kakburk@example.se");
  });
});

describe("bans keep the sessions", () => {
  test("a banned user's live session is refused (403 user_banned at /user, 400 at refresh, no sign-in); lifting the ban revives the same session", async () => {
    const { user, session } = await signedInUser("avstangd@example.se");
    expect((await getUserStatus(session.access_token)).status).toBe(200);

    const banned = await admin.auth.admin.updateUserById(user.id, { ban_duration: "24h" });
    expect(banned.error).toBeNull();
    expect(await getUserStatus(session.access_token)).toEqual({
      status: 403,
      body: { code: "user_banned", message: "User is banned" },
    });
    expect((await refresh(session.refresh_token)).error).toMatchObject({
      status: 400,
      code: "user_banned",
      message: "Invalid Refresh Token: User Banned",
    });
    const signIn = await createTestClient(local).client.auth.signInWithPassword({
      email: "avstangd@example.se",
      password,
    });
    expect(signIn.error).toMatchObject({ status: 400, code: "user_banned" });
    const { rows } = await db.query("select 1 from auth.sessions where user_id = $1", [user.id]);
    expect(rows).toHaveLength(1);

    const lifted = await admin.auth.admin.updateUserById(user.id, { ban_duration: "none" });
    expect(lifted.error).toBeNull();
    expect((await getUserStatus(session.access_token)).status).toBe(200);
    const revived = await refresh(session.refresh_token);
    expect(revived.error).toBeNull();
    expect(decodeClaims(revived.data.session!.access_token).session_id).toBe(
      decodeClaims(session.access_token).session_id,
    );
  });
});

describe("password changes end sessions", () => {
  test("an admin's new password ends every session of the user; the new password signs in", async () => {
    const { user, session } = await signedInUser("nytt.av.admin@example.se");
    const other = await createTestClient(local).client.auth.signInWithPassword({
      email: "nytt.av.admin@example.se",
      password,
    });
    expect(other.error).toBeNull();

    const changed = await admin.auth.admin.updateUserById(user.id, {
      password: "ett-nytt-lösenord-2",
    });
    expect(changed.error).toBeNull();
    for (const ended of [session, other.data.session!]) {
      expect((await refresh(ended.refresh_token)).error).toMatchObject({
        status: 400,
        code: "refresh_token_not_found",
      });
      expect((await getUserStatus(ended.access_token)).body).toMatchObject({
        code: "session_not_found",
      });
    }
    const old = await createTestClient(local).client.auth.signInWithPassword({
      email: "nytt.av.admin@example.se",
      password,
    });
    expect(old.error).toMatchObject({ code: "invalid_credentials" });
    const fresh = await createTestClient(local).client.auth.signInWithPassword({
      email: "nytt.av.admin@example.se",
      password: "ett-nytt-lösenord-2",
    });
    expect(fresh.error).toBeNull();
  });

  test("a session older than 24 hours needs the nonce GET /reauthenticate e-mails (Swedish) to change the password", async () => {
    const { client, session } = await signedInUser("bekrafta.igen@example.se");
    await db.query(
      "update auth.sessions set created_at = created_at - interval '25 hours' where id = $1",
      [decodeClaims(session.access_token).session_id],
    );

    const withoutNonce = await client.auth.updateUser({ password: "ett-nytt-lösenord-3" });
    expect(withoutNonce.error).toMatchObject({
      status: 400,
      code: "reauthentication_needed",
      message: "Password update requires reauthentication",
    });
    const guessed = await client.auth.updateUser({
      password: "ett-nytt-lösenord-3",
      nonce: "123456",
    });
    expect(guessed.error).toMatchObject({
      status: 422,
      code: "reauthentication_not_valid",
      message: "Nonce has expired or is invalid",
    });

    expect((await client.auth.reauthenticate()).error).toBeNull();
    const mail = await findMail(local.mailUrl, "bekrafta.igen@example.se");
    expect(mail.Subject).toBe("Din kod till Innovationsslussen");
    const nonce = /<strong>(\d{6})<\/strong>/.exec(mail.HTML)?.[1];
    expect(nonce).toMatch(/^\d{6}$/);
    const changed = await client.auth.updateUser({ password: "ett-nytt-lösenord-3", nonce });
    expect(changed.error).toBeNull();

    const reused = await client.auth.updateUser({ password: "ett-nytt-lösenord-4", nonce });
    expect(reused.error).toMatchObject({ status: 422, code: "reauthentication_not_valid" });
  });
});
