import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from "jose";
import { z } from "zod";

/** The claims GoTrue puts in an access token (stack-facts 3.6); `getClaims()` returns these. */
export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  email: string;
  phone: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  role: string;
  aal: "aal1" | "aal2";
  amr: { method: string; timestamp: number }[];
  session_id: string;
  is_anonymous: boolean;
}

/** Why a presented token was not accepted; PostgREST and Auth word the refusal differently. */
export type TokenProblem = "malformed" | "bad_signature" | "expired";

/** The verdict on a bearer token: its claims, or why it was refused. */
export type TokenVerdict =
  { ok: true; claims: JWTPayload } | { ok: false; problem: TokenProblem; detail: string };

const privateJwkSchema = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
  d: z.string(),
  kid: z.string(),
  alg: z.literal("ES256"),
});

/**
 * The local Auth's ES256 signing key. Access tokens are signed with it and verified through the
 * public JWKS, exactly as hosted Supabase does with asymmetric signing keys (stack-facts 3.2), so
 * `supabase.auth.getClaims()` verifies locally without calling `/auth/v1/user`.
 */
export interface SigningKey {
  kid: string;
  /** The public JWKS served at `/auth/v1/.well-known/jwks.json`. */
  jwks: { keys: JWK[] };
  sign(claims: AccessTokenClaims): Promise<string>;
  verify(token: string): Promise<TokenVerdict>;
}

async function createSigningKey(privateJwk: z.infer<typeof privateJwkSchema>): Promise<SigningKey> {
  const privateKey = (await importJWK(privateJwk, "ES256")) as CryptoKey;
  const publicJwk: JWK = {
    kty: privateJwk.kty,
    crv: privateJwk.crv,
    x: privateJwk.x,
    y: privateJwk.y,
    kid: privateJwk.kid,
    alg: "ES256",
    use: "sig",
    key_ops: ["verify"],
  };
  const jwks = { keys: [publicJwk] };
  const keySet = createLocalJWKSet(jwks);
  return {
    kid: privateJwk.kid,
    jwks,
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: privateJwk.kid, typ: "JWT" })
        .sign(privateKey),
    async verify(token) {
      if (token.split(".").length !== 3) {
        return {
          ok: false,
          problem: "malformed",
          detail: `Expected 3 parts in JWT; got ${token.split(".").length}`,
        };
      }
      try {
        const { payload } = await jwtVerify(token, keySet, { algorithms: ["ES256"] });
        return { ok: true, claims: payload };
      } catch (error) {
        if (error instanceof errors.JWTExpired)
          return { ok: false, problem: "expired", detail: "token is expired" };
        if (error instanceof errors.JOSEError && error.code !== "ERR_JWS_INVALID") {
          return { ok: false, problem: "bad_signature", detail: error.message };
        }
        return { ok: false, problem: "malformed", detail: (error as Error).message };
      }
    },
  };
}

async function generatePrivateJwk(): Promise<z.infer<typeof privateJwkSchema>> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return privateJwkSchema.parse({ ...jwk, kid, alg: "ES256" });
}

/**
 * Loads the signing key from `path`, or generates one and writes it there (mode 0600) for the next
 * start, so sessions survive a restart. The file has the shape of the Supabase CLI's
 * `signing_keys.json` (an array of private JWKs); it lives under `.data/` and is never committed.
 * Without a path the key lives in memory only (tests).
 */
export async function loadSigningKey(path: string | null): Promise<SigningKey> {
  if (path === null) return createSigningKey(await generatePrivateJwk());
  try {
    const stored = z
      .array(privateJwkSchema)
      .min(1)
      .parse(JSON.parse(await readFile(path, "utf8")));
    return createSigningKey(stored[0]!);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(
        `The local signing key ${path} is unreadable; delete it to generate a new one.`,
        {
          cause: error,
        },
      );
    }
  }
  const jwk = await generatePrivateJwk();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(
    `${path}.tmp`,
    `${JSON.stringify([{ ...jwk, use: "sig", key_ops: ["sign", "verify"] }], null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
  await rename(`${path}.tmp`, path);
  return createSigningKey(jwk);
}
