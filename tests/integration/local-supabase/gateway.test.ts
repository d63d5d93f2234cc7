import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLocalSupabase, type TestSupabase } from "../../support/local-supabase.ts";
import { demoAccounts, signedInClient } from "./clients.ts";

/*
 * What Supabase's gateway and token checks refuse before a function runs: requests without a valid
 * API key, the secret key from a browser, and access tokens that are expired or not signed by Auth.
 */

let local: TestSupabase;
let keyDir: string;
let authKey: JWK;

beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), "local-supabase-keys-"));
  const signingKeyPath = join(keyDir, "signing_keys.json");
  local = await startLocalSupabase({ signingKeyPath });
  authKey = (JSON.parse(await readFile(signingKeyPath, "utf8")) as JWK[])[0]!;
});

afterAll(async () => {
  await local?.stop();
  await rm(keyDir, { recursive: true, force: true });
});

const browserUserAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

function whoami(headers: Record<string, string>): Promise<Response> {
  return fetch(`${local.url}/rest/v1/rpc/whoami`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: "{}",
  });
}

/** A token with a signed-in user's claims, changed by `change`, signed with `key` under `kid`. */
async function mintToken(
  change: (claims: Record<string, unknown>) => void,
  key: JWK,
  kid: string,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: `${local.url}/auth/v1`,
    sub: demoAccounts[0].id,
    aud: "authenticated",
    role: "authenticated",
    iat: now,
    exp: now + 3600,
    session_id: crypto.randomUUID(),
  };
  change(claims);
  // The stored key lists key_ops ["sign", "verify"] as the CLI writes it; WebCrypto wants "sign" only.
  const privateKey = await importJWK({ ...key, key_ops: ["sign"] }, "ES256");
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid, typ: "JWT" }).sign(privateKey);
}

describe("API keys", () => {
  test("a request without an apikey header is refused with 401", async () => {
    const response = await whoami({});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: "No API key found in request",
      hint: "No `apikey` request header or url param was found.",
    });
  });

  test("an unknown key is refused with 401", async () => {
    const response = await whoami({ apikey: "sb_publishable_not-the-local-key" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toBe("Invalid API key");
  });

  test("the publishable key works from a browser", async () => {
    const response = await whoami({ apikey: local.publishableKey, "User-Agent": browserUserAgent });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ role: "anon", user_id: null, email: null });
  });

  test("the secret key is refused from a browser, as Supabase refuses it", async () => {
    const response = await whoami({ apikey: local.secretKey, "User-Agent": browserUserAgent });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: "Forbidden use of secret API key in browser",
    });
  });

  test("the secret key works from a server", async () => {
    const response = await whoami({ apikey: local.secretKey, "User-Agent": "node" });
    expect(await response.json()).toEqual({ role: "service_role", user_id: null, email: null });
  });

  test("a new-format key in Authorization must be the same key as apikey", async () => {
    const response = await whoami({
      apikey: local.publishableKey,
      Authorization: `Bearer ${local.secretKey}`,
    });
    expect(response.status).toBe(401);
  });

  test("a path outside /rest/v1 and /auth/v1 is 404 as at the gateway", async () => {
    const response = await fetch(`${local.url}/storage/v1/bucket`, {
      headers: { apikey: local.publishableKey },
    });
    expect(response.status).toBe(404);
  });
});

describe("access tokens", () => {
  test("a token Auth signed is accepted", async () => {
    const token = await mintToken(() => {}, authKey, authKey.kid!);
    const response = await whoami({
      apikey: local.publishableKey,
      Authorization: `Bearer ${token}`,
    });
    expect(await response.json()).toEqual({
      role: "authenticated",
      user_id: demoAccounts[0].id,
      email: null,
    });
  });

  test("an expired token is refused by PostgREST with 401 PGRST303", async () => {
    const token = await mintToken(
      (claims) => {
        claims.exp = Math.floor(Date.now() / 1000) - 60;
      },
      authKey,
      authKey.kid!,
    );
    const response = await whoami({
      apikey: local.publishableKey,
      Authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(
      'Bearer error="invalid_token", error_description="JWT expired"',
    );
    expect(await response.json()).toEqual({
      code: "PGRST303",
      message: "JWT expired",
      details: null,
      hint: null,
    });
  });

  test("a forged token (signed with another key under Auth's key id) is refused with 401 PGRST301", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const forged = await mintToken(
      (claims) => {
        claims.role = "service_role";
      },
      await exportJWK(privateKey),
      authKey.kid!,
    );
    const response = await whoami({
      apikey: local.publishableKey,
      Authorization: `Bearer ${forged}`,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe("PGRST301");
  });

  test("a token that is not a JWT is refused with 401 PGRST301", async () => {
    const response = await whoami({
      apikey: local.publishableKey,
      Authorization: "Bearer not-a-token",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      code: "PGRST301",
      message: "Expected 3 parts in JWT; got 1",
    });
  });

  test("Auth refuses expired and forged tokens with 403 bad_jwt, as GoTrue does", async () => {
    const expired = await mintToken(
      (claims) => {
        claims.exp = Math.floor(Date.now() / 1000) - 60;
      },
      authKey,
      authKey.kid!,
    );
    const response = await fetch(`${local.url}/auth/v1/user`, {
      headers: {
        apikey: local.publishableKey,
        Authorization: `Bearer ${expired}`,
        "X-Supabase-Api-Version": "2024-01-01",
      },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      code: "bad_jwt",
      message:
        "invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired",
    });
  });

  test("a signed-in user's real token works end to end", async () => {
    const { client } = await signedInClient(local, demoAccounts[1].email);
    expect((await client.rpc("whoami")).data).toMatchObject({ user_id: demoAccounts[1].id });
  });
});
