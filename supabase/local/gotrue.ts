import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { RequestIdentity } from "./api-keys.ts";
import { AuthError, authErrorResponse, apiVersion } from "./auth-errors.ts";
import type { AuthMailer, AuthMailKind } from "./auth-mail.ts";
import {
  changePassword,
  checkPassword,
  consumeOneTimeToken,
  consumeReauthenticationNonce,
  createFlowState,
  createSession,
  deleteUser,
  endSessions,
  findSession,
  findUserByEmail,
  findUserById,
  generateOtp,
  insertUser,
  isBanned,
  issueAuthCode,
  listIdentities,
  listUsers,
  markInvited,
  rotateRefreshToken,
  storeOneTimeToken,
  takeFlowState,
  tokenHash,
  updateUser,
  type SessionRow,
  type TokenColumn,
  type UserRow,
} from "./auth-store.ts";
import { parseGoDuration, type LocalConfig } from "./config.ts";
import type { Database, Queryable } from "./database.ts";
import { json } from "./http.ts";
import type { AccessTokenClaims, SigningKey } from "./jwt.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { chooseRedirect } from "./redirect-urls.ts";
import { isWellFormedRefreshToken } from "./refresh-tokens.ts";

/** What the GoTrue emulation needs from the server. */
export interface GotrueContext {
  db: Database;
  config: LocalConfig;
  signingKey: SigningKey;
  mailer: AuthMailer;
  limiter: RateLimiter;
  /** The API's own address (`http://127.0.0.1:54321`); Auth lives under `/auth/v1`. */
  externalUrl: string;
}

/** One Auth request after the gateway: who sent it (null on the open routes), from where. */
interface AuthRequest {
  request: Request;
  url: URL;
  identity: RequestIdentity | null;
  clientIp: string;
  context: GotrueContext;
}

const fiveMinutes = 300;
const oneHour = 3600;

// ---------------------------------------------------------------------------------------------
// Request bodies (GoTrue's parameter structs, the fields supabase-js sends)

const emailSchema = z
  .string()
  .trim()
  .pipe(z.email({ error: "Unable to validate email address: invalid format" }));
const metadataSchema = z.record(z.string(), z.unknown());
const securitySchema = z.object({ captcha_token: z.string().nullish() }).optional();
const pkceSchema = {
  code_challenge: z.string().optional(),
  code_challenge_method: z.enum(["s256", "plain", "S256"]).optional(),
};

const passwordGrantSchema = z.object({
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string(),
  gotrue_meta_security: securitySchema,
});
const refreshGrantSchema = z.object({ refresh_token: z.string().optional() });
const pkceGrantSchema = z.object({ auth_code: z.string(), code_verifier: z.string() });
const otpSchema = z.object({
  email: emailSchema.optional(),
  phone: z.string().optional(),
  data: metadataSchema.optional(),
  create_user: z.boolean().optional(),
  gotrue_meta_security: securitySchema,
  ...pkceSchema,
});
const recoverSchema = z.object({
  email: emailSchema,
  gotrue_meta_security: securitySchema,
  ...pkceSchema,
});
const verifyTypes = ["signup", "invite", "magiclink", "recovery", "email_change", "email"] as const;
const verifySchema = z.object({
  type: z.enum(verifyTypes),
  token: z.string().optional(),
  token_hash: z.string().optional(),
  email: z.string().optional(),
  redirect_to: z.string().optional(),
});
const updateUserSchema = z.object({
  email: z.string().optional(),
  password: z.string().optional(),
  data: metadataSchema.optional(),
  nonce: z.string().optional(),
});
const adminCreateSchema = z.object({
  id: z.uuid().optional(),
  email: emailSchema,
  password: z.string().optional(),
  email_confirm: z.boolean().optional(),
  user_metadata: metadataSchema.optional(),
  app_metadata: metadataSchema.optional(),
  role: z.string().optional(),
  ban_duration: z.string().optional(),
});
const adminUpdateSchema = adminCreateSchema.partial();
const inviteSchema = z.object({ email: emailSchema, data: metadataSchema.optional() });
/**
 * `POST /admin/generate_link`, GoTrue's GenerateLinkParams. supabase-js's `generateLink` also sends
 * `options.redirectTo` as `?redirect_to=` (read from the URL, as GoTrue does) and as a body field
 * `redirectTo`, which GoTrue ignores and zod strips.
 */
const generateLinkSchema = z.object({
  type: z.string(),
  email: emailSchema,
  new_email: z.string().optional(),
  password: z.string().optional(),
  data: metadataSchema.optional(),
  redirect_to: z.string().optional(),
});
const logoutScopeSchema = z.enum(["global", "local", "others"]);

/** Parses the JSON body with `schema`; GoTrue's `bad_json` / `validation_failed` errors otherwise. */
async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  let value: unknown = {};
  if (text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new AuthError(
        400,
        "bad_json",
        `Could not parse request body as JSON: ${(error as Error).message}`,
      );
    }
  }
  // Go's JSON decoding reads a null field as absent; supabase-js sends null for unset options.
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    value = Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null));
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AuthError(400, "validation_failed", issue ? issue.message : "Invalid request body");
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// Responses

async function userJson(tx: Queryable, user: UserRow): Promise<Record<string, unknown>> {
  const iso = (date: Date | null) => date?.toISOString();
  const identities = await listIdentities(tx, user.id);
  return {
    id: user.id,
    aud: user.aud ?? "authenticated",
    role: user.role ?? "authenticated",
    email: user.email ?? "",
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? "",
    confirmation_sent_at: iso(user.confirmation_sent_at),
    confirmed_at: iso(user.confirmed_at),
    recovery_sent_at: iso(user.recovery_sent_at),
    invited_at: iso(user.invited_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map((identity) => ({
      identity_id: identity.identity_id,
      id: identity.provider_id,
      user_id: identity.user_id,
      identity_data: identity.identity_data,
      provider: identity.provider,
      last_sign_in_at: iso(identity.last_sign_in_at),
      created_at: iso(identity.created_at),
      updated_at: iso(identity.updated_at),
      email: identity.email ?? undefined,
    })),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    is_anonymous: user.is_anonymous,
    ...(user.banned_until ? { banned_until: iso(user.banned_until) } : {}),
  };
}

/** The session response of every sign-in: a fresh access token, the refresh token, the user. */
async function sessionJson(
  tx: Queryable,
  context: GotrueContext,
  userId: string,
  session: SessionRow,
  refreshToken: string,
): Promise<Record<string, unknown>> {
  const user = await findUserById(tx, userId);
  if (!user)
    throw new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist");
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = context.config.auth.jwt_expiry;
  const claims: AccessTokenClaims = {
    iss: `${context.externalUrl}/auth/v1`,
    sub: user.id,
    aud: user.aud ?? "authenticated",
    exp: now + expiresIn,
    iat: now,
    email: user.email ?? "",
    phone: user.phone ?? "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? "authenticated",
    aal: "aal1",
    amr: session.amr,
    session_id: session.id,
    is_anonymous: user.is_anonymous,
  };
  return {
    access_token: await context.signingKey.sign(claims),
    token_type: "bearer",
    expires_in: expiresIn,
    expires_at: now + expiresIn,
    refresh_token: refreshToken,
    user: await userJson(tx, user),
  };
}

function ok(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return json(status, body, { "X-Supabase-Api-Version": apiVersion, ...headers });
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the endpoints

function rateLimit(
  auth: AuthRequest,
  bucket: string,
  limit: number,
  windowSeconds: number,
  key = auth.clientIp,
): void {
  if (!auth.context.limiter.take(`${bucket}:${key}`, limit, windowSeconds)) {
    throw new AuthError(429, "over_request_rate_limit", "Request rate limit reached");
  }
}

function checkPasswordStrength(config: LocalConfig, password: string): void {
  const minimum = config.auth.minimum_password_length;
  if (password.length < minimum) {
    throw new AuthError(
      422,
      "weak_password",
      `Password should be at least ${minimum} characters.`,
      {
        weak_password: { reasons: ["length"] },
      },
    );
  }
}

/** GoTrue's `requireAuthentication`: a valid access token whose session and user still exist. */
async function requireUser(
  auth: AuthRequest,
  tx: Queryable,
): Promise<{ user: UserRow; session: SessionRow }> {
  if (!auth.identity || auth.identity.kind === "key") {
    if (!auth.request.headers.get("authorization")) {
      throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
    }
    throw new AuthError(403, "bad_jwt", "invalid claim: missing sub claim");
  }
  const verdict = await auth.context.signingKey.verify(auth.identity.token);
  if (!verdict.ok) {
    const detail =
      verdict.problem === "expired" ? "token has invalid claims: token is expired" : verdict.detail;
    throw new AuthError(
      403,
      "bad_jwt",
      `invalid JWT: unable to parse or verify signature, ${detail}`,
    );
  }
  const { sub, session_id: sessionId } = verdict.claims as { sub?: unknown; session_id?: unknown };
  if (typeof sub !== "string" || sub === "")
    throw new AuthError(403, "bad_jwt", "invalid claim: missing sub claim");
  const user = await findUserById(tx, sub);
  if (!user)
    throw new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist");
  const session = typeof sessionId === "string" ? await findSession(tx, sessionId) : null;
  if (!session || session.userId !== user.id) {
    throw new AuthError(
      403,
      "session_not_found",
      "Session from session_id claim in JWT does not exist",
    );
  }
  // A ban keeps the sessions (hosted only sets banned_until), so the check is on every request.
  if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
  return { user, session };
}

/** GoTrue's `requireAdmin`: the secret key (service_role), or a token whose role is service_role. */
async function requireAdmin(auth: AuthRequest): Promise<void> {
  const identity = auth.identity;
  if (identity?.kind === "key" && identity.role === "service_role") return;
  if (identity?.kind === "token") {
    const verdict = await auth.context.signingKey.verify(identity.token);
    if (!verdict.ok)
      throw new AuthError(
        403,
        "bad_jwt",
        `invalid JWT: unable to parse or verify signature, ${verdict.detail}`,
      );
    if (verdict.claims.role === "service_role" || verdict.claims.role === "supabase_admin") return;
  }
  throw new AuthError(403, "not_admin", "User not allowed");
}

/**
 * `ban_duration` as GoTrue reads it: a Go duration from now, "none" to lift the ban, absent or empty
 * to leave it as it is. Only `banned_until` changes; sessions are kept and revive when it is lifted.
 */
function banUntil(duration: string | undefined): Date | null | undefined {
  if (duration === undefined || duration === "") return undefined;
  if (duration === "none") return null;
  try {
    return new Date(Date.now() + parseGoDuration(duration) * 1000);
  } catch {
    throw new AuthError(400, "validation_failed", `invalid format for ban duration: ${duration}`);
  }
}

// ---------------------------------------------------------------------------------------------
// E-mails with one-time links

/** A one-time link GoTrue makes for an e-mail or for `generate_link`. */
interface LinkRequest {
  /** The type in the link (`/verify?type=…`) and in supabase-js's verifyOtp. */
  type: "magiclink" | "recovery" | "invite" | "signup";
  column: "confirmation_token" | "recovery_token";
  user: UserRow;
  /** The address after verification, already checked against the allow-list. */
  redirectTo: string;
  pkce: { codeChallenge: string; method: "s256" | "plain" } | null;
}

/** The parts of a one-time link: the code for the user, its hash, and the `/verify` link. */
interface IssuedLink {
  otp: string;
  hash: string;
  actionLink: string;
}

/**
 * Makes a one-time link as GoTrue does: a code of `otp_length` digits, its hash (SHA-224 of the
 * address and the code) stored in the user's row, and a link to `/auth/v1/verify` carrying the hash
 * (`pkce_`-prefixed for a PKCE client, whose flow state is recorded for the code exchange).
 */
async function issueLink(auth: AuthRequest, tx: Queryable, link: LinkRequest): Promise<IssuedLink> {
  const email = link.user.email ?? "";
  const otp = generateOtp(auth.context.config.auth.email.otp_length);
  const hash = tokenHash(email, otp);
  await storeOneTimeToken(tx, link.user.id, link.column, hash);
  if (link.type === "invite") await markInvited(tx, link.user.id);
  let linkToken = hash;
  if (link.pkce) {
    await createFlowState(tx, {
      userId: link.user.id,
      codeChallenge: link.pkce.codeChallenge,
      codeChallengeMethod: link.pkce.method,
      authenticationMethod: link.type,
    });
    linkToken = `pkce_${hash}`;
  }
  const actionLink = new URL(`${auth.context.externalUrl}/auth/v1/verify`);
  actionLink.searchParams.set("token", linkToken);
  actionLink.searchParams.set("type", link.type);
  actionLink.searchParams.set("redirect_to", link.redirectTo);
  return { otp, hash, actionLink: actionLink.toString() };
}

/** The redirect a request asks for (`?redirect_to=`), or the site URL when it is not allowed. */
function requestedRedirect(auth: AuthRequest): string {
  const { config } = auth.context;
  return chooseRedirect(
    auth.url.searchParams.get("redirect_to"),
    config.auth.site_url,
    config.auth.additional_redirect_urls,
  );
}

/**
 * Refuses a second e-mail of the same kind within `max_frequency` (429
 * `over_email_send_rate_limit`), as GoTrue's `validateSentWithinFrequencyLimit`. GoTrue applies it
 * to magic links, recovery, confirmation and reauthentication e-mails, not to invitations.
 */
function checkSendFrequency(config: LocalConfig, sentAt: Date | null): void {
  const frequency = config.auth.email.max_frequency;
  if (sentAt && Date.now() - sentAt.getTime() < frequency * 1000) {
    const wait = Math.ceil(frequency - (Date.now() - sentAt.getTime()) / 1000);
    throw new AuthError(
      429,
      "over_email_send_rate_limit",
      `For security purposes, you can only request this after ${wait} seconds.`,
    );
  }
}

/** Counts one Auth e-mail against `[auth.rate_limit] email_sent` per hour for the project. */
function takeEmailSendQuota(auth: AuthRequest): void {
  const { config } = auth.context;
  if (!auth.context.limiter.take("email_sent", config.auth.rate_limit.email_sent, oneHour)) {
    throw new AuthError(429, "over_email_send_rate_limit", "Email rate limit exceeded");
  }
}

/**
 * Sends a link e-mail the way GoTrue does: the frequency limit (except for invitations), the
 * project's e-mail quota, a fresh one-time link, and the template of `kind`.
 */
async function sendLinkMail(
  auth: AuthRequest,
  tx: Queryable,
  kind: Exclude<AuthMailKind, "reauthentication">,
  link: LinkRequest,
): Promise<void> {
  const { config } = auth.context;
  if (kind !== "invite") {
    checkSendFrequency(
      config,
      link.column === "confirmation_token"
        ? link.user.confirmation_sent_at
        : link.user.recovery_sent_at,
    );
  }
  takeEmailSendQuota(auth);
  const issued = await issueLink(auth, tx, link);
  const email = link.user.email ?? "";
  await auth.context.mailer.send(kind, email, {
    ConfirmationURL: issued.actionLink,
    Token: issued.otp,
    TokenHash: issued.hash,
    SiteURL: config.auth.site_url,
    RedirectTo: link.redirectTo,
    Email: email,
  });
}

function pkceOf(body: {
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
}) {
  if (!body.code_challenge) return null;
  return {
    codeChallenge: body.code_challenge,
    method:
      body.code_challenge_method?.toLowerCase() === "plain"
        ? ("plain" as const)
        : ("s256" as const),
  };
}

/** Finds and consumes the one-time token of a verification; null when it is wrong or expired. */
async function consumeVerification(
  auth: AuthRequest,
  tx: Queryable,
  type: (typeof verifyTypes)[number],
  hash: string,
): Promise<UserRow | null> {
  const expiry = auth.context.config.auth.email.otp_expiry;
  const columns: Exclude<TokenColumn, "reauthentication_token">[] =
    type === "invite" || type === "signup"
      ? ["confirmation_token"]
      : type === "email"
        ? ["recovery_token", "confirmation_token"]
        : ["recovery_token"];
  for (const column of columns) {
    const user = await consumeOneTimeToken(tx, column, hash, expiry);
    if (user) return user;
  }
  return null;
}

/**
 * After a successful verification without PKCE (the link's implicit flow, or `POST /verify`): the
 * address is confirmed and a session starts. Its `amr` method is `otp` whatever the link was
 * (magic link, invitation, recovery, sign-up), as GoTrue records it; only a PKCE code exchange
 * keeps the link's own name (`magiclink`, `recovery`, …), from its flow state.
 */
async function signInVerified(
  auth: AuthRequest,
  tx: Queryable,
  user: UserRow,
): Promise<{ session: SessionRow; refreshToken: string }> {
  if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
  if (!user.email_confirmed_at) await updateUser(tx, user.id, { emailConfirmed: true });
  return createSession(tx, user.id, "otp", {
    userAgent: auth.request.headers.get("user-agent"),
    ip: auth.clientIp,
  });
}

// ---------------------------------------------------------------------------------------------
// Endpoints

async function token(auth: AuthRequest): Promise<Response> {
  const { config } = auth.context;
  const grantType = auth.url.searchParams.get("grant_type");
  const client = { userAgent: auth.request.headers.get("user-agent"), ip: auth.clientIp };

  if (grantType === "password") {
    rateLimit(auth, "sign_in_sign_ups", config.auth.rate_limit.sign_in_sign_ups, fiveMinutes);
    const body = await readBody(auth.request, passwordGrantSchema);
    if (body.phone)
      throw new AuthError(422, "phone_provider_disabled", "Phone logins are disabled");
    if (!body.email) throw new AuthError(400, "validation_failed", "missing email or phone");
    if (!config.auth.email.enabled)
      throw new AuthError(422, "email_provider_disabled", "Email logins are disabled");
    const email = body.email;
    return auth.context.db.transaction(async (tx) => {
      // GoTrue's order: unknown or password-less, banned, wrong password, unconfirmed address.
      const user = await findUserByEmail(tx, email);
      if (!user?.has_password)
        throw new AuthError(400, "invalid_credentials", "Invalid login credentials");
      if (isBanned(user)) throw new AuthError(400, "user_banned", "User is banned");
      if (!(await checkPassword(tx, user.id, body.password))) {
        throw new AuthError(400, "invalid_credentials", "Invalid login credentials");
      }
      // Always, whatever enable_confirmations says: an address nobody has confirmed (an admin-created
      // user without email_confirm, an invitation not yet accepted) cannot sign in with a password.
      if (!user.email_confirmed_at) {
        throw new AuthError(400, "email_not_confirmed", "Email not confirmed");
      }
      const { session, refreshToken } = await createSession(tx, user.id, "password", client);
      return ok(await sessionJson(tx, auth.context, user.id, session, refreshToken));
    });
  }

  if (grantType === "refresh_token") {
    rateLimit(auth, "token_refresh", config.auth.rate_limit.token_refresh, fiveMinutes);
    const body = await readBody(auth.request, refreshGrantSchema);
    const presented = body.refresh_token ?? "";
    if (!isWellFormedRefreshToken(presented)) {
      throw new AuthError(400, "validation_failed", "Refresh token is not valid");
    }
    // The reuse verdict must survive the error response, so it is committed before throwing.
    const outcome = await auth.context.db.transaction(async (tx) => {
      const result = await rotateRefreshToken(tx, presented, {
        rotation: config.auth.enable_refresh_token_rotation,
        reuseIntervalSeconds: config.auth.refresh_token_reuse_interval,
      });
      if (result.kind !== "rotated") return result.kind;
      return ok(
        await sessionJson(tx, auth.context, result.userId, result.session, result.refreshToken),
      );
    });
    if (outcome instanceof Response) return outcome;
    if (outcome === "banned") {
      throw new AuthError(400, "user_banned", "Invalid Refresh Token: User Banned");
    }
    if (outcome === "reused") {
      throw new AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
    }
    throw new AuthError(
      400,
      "refresh_token_not_found",
      "Invalid Refresh Token: Refresh Token Not Found",
    );
  }

  if (grantType === "pkce") {
    const body = await readBody(auth.request, pkceGrantSchema);
    return auth.context.db.transaction(async (tx) => {
      const flow = await takeFlowState(tx, body.auth_code);
      if (!flow || !flow.userId)
        throw new AuthError(
          404,
          "flow_state_not_found",
          "invalid flow state, no valid flow state found",
        );
      const challenge =
        flow.codeChallengeMethod === "plain"
          ? body.code_verifier
          : createHash("sha256").update(body.code_verifier).digest("base64url");
      if (challenge !== flow.codeChallenge) {
        throw new AuthError(
          400,
          "bad_code_verifier",
          "code challenge does not match previously saved code verifier",
        );
      }
      const user = await findUserById(tx, flow.userId);
      if (!user) throw new AuthError(404, "user_not_found", "User not found");
      if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
      const { session, refreshToken } = await createSession(
        tx,
        user.id,
        flow.authenticationMethod,
        client,
      );
      return ok(await sessionJson(tx, auth.context, user.id, session, refreshToken));
    });
  }

  throw new AuthError(400, "invalid_credentials", "unsupported_grant_type");
}

async function getUser(auth: AuthRequest): Promise<Response> {
  return auth.context.db.transaction(async (tx) => {
    const { user } = await requireUser(auth, tx);
    return ok(await userJson(tx, user));
  });
}

async function putUser(auth: AuthRequest): Promise<Response> {
  const { config } = auth.context;
  const body = await readBody(auth.request, updateUserSchema);
  return auth.context.db.transaction(async (tx) => {
    const { user, session } = await requireUser(auth, tx);
    if (body.email !== undefined && body.email.toLowerCase() !== user.email) {
      throw new AuthError(
        422,
        "validation_failed",
        "The local Supabase does not change e-mail addresses through PUT /user; use the admin API.",
      );
    }
    if (body.password !== undefined) {
      checkPasswordStrength(config, body.password);
      // secure_password_change: a session older than 24 hours needs the nonce that
      // GET /reauthenticate e-mailed, as GoTrue's UpdatePasswordRequireReauthentication asks.
      const recent = Date.now() - session.createdAt.getTime() < 24 * oneHour * 1000;
      if (config.auth.email.secure_password_change && !recent) {
        if (!body.nonce) {
          throw new AuthError(
            400,
            "reauthentication_needed",
            "Password update requires reauthentication",
          );
        }
        const nonceHash = tokenHash(user.email ?? "", body.nonce);
        const expiry = config.auth.email.otp_expiry;
        if (!(await consumeReauthenticationNonce(tx, user.id, nonceHash, expiry))) {
          throw new AuthError(422, "reauthentication_not_valid", "Nonce has expired or is invalid");
        }
      }
      if (await checkPassword(tx, user.id, body.password)) {
        throw new AuthError(
          422,
          "same_password",
          "New password should be different from the old password.",
        );
      }
      // Ends every other session of the user and clears pending links, as GoTrue's UpdatePassword.
      await changePassword(tx, user.id, body.password, session.id);
    }
    if (body.data) await updateUser(tx, user.id, { userMetadata: body.data });
    const updated = await findUserById(tx, user.id);
    return ok(await userJson(tx, updated ?? user));
  });
}

async function logout(auth: AuthRequest): Promise<Response> {
  const scope = logoutScopeSchema.safeParse(auth.url.searchParams.get("scope") ?? "global");
  if (!scope.success) {
    throw new AuthError(
      400,
      "validation_failed",
      `Unsupported logout scope "${auth.url.searchParams.get("scope")}"`,
    );
  }
  return auth.context.db.transaction(async (tx) => {
    const { session } = await requireUser(auth, tx);
    await endSessions(tx, session, scope.data);
    return new Response(null, { status: 204, headers: { "X-Supabase-Api-Version": apiVersion } });
  });
}

/**
 * `POST /otp` (magic link), as GoTrue's `Otp` and `MagicLink`: with `create_user: false` an unknown
 * address is 422 `otp_disabled`. Otherwise an unknown address, or one nobody has confirmed yet (an
 * invitation not accepted, an admin-created user without `email_confirm`), is a sign-up, which with
 * sign-ups off is 422 `signup_disabled`; nothing is sent.
 */
async function otp(auth: AuthRequest): Promise<Response> {
  const body = await readBody(auth.request, otpSchema);
  if (body.phone !== undefined)
    throw new AuthError(400, "phone_provider_disabled", "Unsupported phone provider");
  if (!body.email)
    throw new AuthError(400, "validation_failed", "An email address or phone number is required");
  const email = body.email;
  await auth.context.db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user && body.create_user === false) {
      throw new AuthError(422, "otp_disabled", "Signups not allowed for otp");
    }
    if (!user?.email_confirmed_at) {
      if (!auth.context.config.auth.enable_signup) {
        throw new AuthError(422, "signup_disabled", "Signups not allowed for this instance");
      }
      throw new AuthError(
        501,
        "not_implemented",
        "The local Supabase does not sign users up through /otp",
      );
    }
    await sendLinkMail(auth, tx, "magic_link", {
      type: "magiclink",
      column: "recovery_token",
      user,
      redirectTo: requestedRedirect(auth),
      pkce: pkceOf(body),
    });
  });
  return ok({});
}

async function recover(auth: AuthRequest): Promise<Response> {
  const body = await readBody(auth.request, recoverSchema);
  await auth.context.db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, body.email);
    // An unknown address gets the same answer, so the endpoint does not reveal who has an account.
    if (!user) return;
    await sendLinkMail(auth, tx, "recovery", {
      type: "recovery",
      column: "recovery_token",
      user,
      redirectTo: requestedRedirect(auth),
      pkce: pkceOf(body),
    });
  });
  return ok({});
}

/** POST /verify: a one-time code (with e-mail) or token hash in, a session out. */
async function verifyPost(auth: AuthRequest): Promise<Response> {
  const { config } = auth.context;
  rateLimit(auth, "token_verifications", config.auth.rate_limit.token_verifications, fiveMinutes);
  const body = await readBody(auth.request, verifySchema);
  let hash: string;
  if (body.token_hash) hash = body.token_hash.replace(/^pkce_/, "");
  else if (body.token && body.email) hash = tokenHash(body.email.trim().toLowerCase(), body.token);
  else
    throw new AuthError(400, "validation_failed", "Verify requires either a token or a token hash");
  return auth.context.db.transaction(async (tx) => {
    const user = await consumeVerification(auth, tx, body.type, hash);
    if (!user) throw new AuthError(403, "otp_expired", "Token has expired or is invalid");
    const { session, refreshToken } = await signInVerified(auth, tx, user);
    return ok(await sessionJson(tx, auth.context, user.id, session, refreshToken));
  });
}

/** The OAuth error name GoTrue puts in `error` for an HTTP status (its `oauthErrorMap`). */
const oauthErrorByStatus: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized_client",
  403: "access_denied",
  500: "server_error",
  503: "temporarily_unavailable",
};

/**
 * Where a failed link sends the user, as GoTrue's `prepErrorRedirectURL`: `error`, `error_code` and
 * `error_description` in the fragment (with `sb`, the marker supabase-js looks for), and for a PKCE
 * link in the query string too, so a server function, which never sees a fragment, can read them.
 */
function errorRedirectUrl(redirectTo: string, error: AuthError, pkce: boolean): string {
  const target = new URL(redirectTo);
  const oauthError = oauthErrorByStatus[error.status];
  const fragment = new URLSearchParams();
  if (oauthError) fragment.set("error", oauthError);
  fragment.set("error_code", error.code);
  fragment.set("error_description", error.message);
  if (pkce) {
    if (oauthError) target.searchParams.set("error", oauthError);
    target.searchParams.set("error_code", error.code);
    target.searchParams.set("error_description", error.message);
  }
  fragment.set("sb", "");
  target.hash = fragment.toString();
  return target.toString();
}

/**
 * GET /verify: the link in the e-mail. Redirects (303) to the allowed `redirect_to` with the session
 * in the URL fragment (implicit flow) or with `?code=` for a PKCE client, as GoTrue does. A wrong or
 * expired link redirects with the error (see {@link errorRedirectUrl}); a request without token or
 * type, or over the verification rate limit, gets a JSON error, as GoTrue answers before it looks
 * at the link.
 */
async function verifyGet(auth: AuthRequest): Promise<Response> {
  const { config } = auth.context;
  rateLimit(auth, "token_verifications", config.auth.rate_limit.token_verifications, fiveMinutes);
  const params = auth.url.searchParams;
  const tokenParam = params.get("token") ?? "";
  if (!params.get("type")) {
    throw new AuthError(400, "validation_failed", "Verify requires a verification type");
  }
  if (tokenParam === "") {
    throw new AuthError(400, "validation_failed", "Verify requires a token or a token hash");
  }
  const redirectTo = requestedRedirect(auth);
  const isPkce = tokenParam.startsWith("pkce_");
  const redirect = (location: string) =>
    new Response(null, { status: 303, headers: { Location: location } });
  const type = z.enum(verifyTypes).safeParse(params.get("type"));
  if (!type.success) {
    const error = new AuthError(400, "validation_failed", "Invalid email verification type");
    return redirect(errorRedirectUrl(redirectTo, error, isPkce));
  }
  const hash = tokenParam.replace(/^pkce_/, "");
  try {
    return await auth.context.db.transaction(async (tx) => {
      const user = await consumeVerification(auth, tx, type.data, hash);
      if (!user) throw new AuthError(403, "otp_expired", "Email link is invalid or has expired");
      if (isPkce) {
        if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
        if (!user.email_confirmed_at) await updateUser(tx, user.id, { emailConfirmed: true });
        const code = await issueAuthCode(tx, user.id, type.data);
        if (!code) {
          throw new AuthError(
            400,
            "flow_state_not_found",
            "No associated flow state found. no valid flow state found for this link",
          );
        }
        const target = new URL(redirectTo);
        target.searchParams.set("code", code);
        return redirect(target.toString());
      }
      const { session, refreshToken } = await signInVerified(auth, tx, user);
      const body = await sessionJson(tx, auth.context, user.id, session, refreshToken);
      const fragment = new URLSearchParams({
        type: type.data,
        access_token: String(body.access_token),
        token_type: "bearer",
        expires_in: String(body.expires_in),
        expires_at: String(body.expires_at),
        refresh_token: refreshToken,
        sb: "",
      });
      return redirect(`${redirectTo}#${fragment}`);
    });
  } catch (error) {
    if (error instanceof AuthError) return redirect(errorRedirectUrl(redirectTo, error, isPkce));
    throw error;
  }
}

async function adminUsers(auth: AuthRequest, userId: string | null): Promise<Response> {
  await requireAdmin(auth);
  const { config } = auth.context;
  const method = auth.request.method;
  if (userId === null && method === "GET") {
    const page = Math.max(1, Number(auth.url.searchParams.get("page") ?? "1") || 1);
    const perPage = Math.min(
      1000,
      Math.max(1, Number(auth.url.searchParams.get("per_page") ?? "50") || 50),
    );
    return auth.context.db.transaction(async (tx) => {
      const { users, total } = await listUsers(tx, page, perPage);
      const links: string[] = [];
      const lastPage = Math.max(1, Math.ceil(total / perPage));
      const pageUrl = (n: number) => `</admin/users?page=${n}&per_page=${perPage}>`;
      if (page < lastPage) links.push(`${pageUrl(page + 1)}; rel="next"`);
      links.push(`${pageUrl(lastPage)}; rel="last"`);
      return ok(
        { users: await Promise.all(users.map((user) => userJson(tx, user))), aud: "authenticated" },
        200,
        {
          "X-Total-Count": String(total),
          Link: links.join(", "),
        },
      );
    });
  }
  if (userId === null && method === "POST") {
    const body = await readBody(auth.request, adminCreateSchema);
    if (body.password !== undefined) checkPasswordStrength(config, body.password);
    return auth.context.db.transaction(async (tx) => {
      if (await findUserByEmail(tx, body.email)) {
        throw new AuthError(
          422,
          "email_exists",
          "A user with this email address has already been registered",
        );
      }
      const user = await insertUser(tx, {
        id: body.id,
        email: body.email,
        password: body.password,
        emailConfirmed: body.email_confirm ?? false,
        userMetadata: body.user_metadata ?? {},
        appMetadata: body.app_metadata ?? {},
        role: body.role,
        bannedUntil: banUntil(body.ban_duration),
      });
      return ok(await userJson(tx, user));
    });
  }
  if (userId === null) throw new AuthError(405, "method_not_allowed", "Method not allowed");
  if (method === "GET") {
    return auth.context.db.transaction(async (tx) => {
      const user = await findUserById(tx, userId);
      if (!user) throw new AuthError(404, "user_not_found", "User not found");
      return ok(await userJson(tx, user));
    });
  }
  if (method === "PUT") {
    const body = await readBody(auth.request, adminUpdateSchema);
    if (body.password !== undefined) checkPasswordStrength(config, body.password);
    return auth.context.db.transaction(async (tx) => {
      const user = await findUserById(tx, userId);
      if (!user) throw new AuthError(404, "user_not_found", "User not found");
      if (body.email && body.email.toLowerCase() !== user.email) {
        const other = await findUserByEmail(tx, body.email);
        if (other)
          throw new AuthError(
            422,
            "email_exists",
            "A user with this email address has already been registered",
          );
      }
      await updateUser(tx, user.id, {
        email: body.email,
        emailConfirmed: body.email_confirm === true ? true : undefined,
        userMetadata: body.user_metadata,
        appMetadata: body.app_metadata,
        role: body.role,
        bannedUntil: banUntil(body.ban_duration),
      });
      // An admin's new password ends all the user's sessions (GoTrue's UpdatePassword without a
      // session). A ban only sets banned_until: the sessions stay, refused while it lasts.
      if (body.password !== undefined) await changePassword(tx, user.id, body.password, null);
      const updated = await findUserById(tx, user.id);
      return ok(await userJson(tx, updated ?? user));
    });
  }
  if (method === "DELETE") {
    return auth.context.db.transaction(async (tx) => {
      const user = await findUserById(tx, userId);
      if (!user) throw new AuthError(404, "user_not_found", "User not found");
      await deleteUser(tx, user.id);
      return ok({});
    });
  }
  throw new AuthError(405, "method_not_allowed", "Method not allowed");
}

/**
 * `POST /invite`: creates the user (or reuses one who has not confirmed yet) and e-mails the
 * invitation. As on hosted there is no per-address frequency limit; the project's e-mail quota
 * applies.
 */
async function invite(auth: AuthRequest): Promise<Response> {
  await requireAdmin(auth);
  const body = await readBody(auth.request, inviteSchema);
  return auth.context.db.transaction(async (tx) => {
    const user = await findOrCreateInvitee(tx, body.email, body.data);
    await sendLinkMail(auth, tx, "invite", {
      type: "invite",
      column: "confirmation_token",
      user,
      redirectTo: requestedRedirect(auth),
      pkce: null,
    });
    const invited = await findUserById(tx, user.id);
    return ok(await userJson(tx, invited ?? user));
  });
}

/** The user an invitation is for: 422 `email_exists` when the address is already confirmed. */
async function findOrCreateInvitee(
  tx: Queryable,
  email: string,
  data: Record<string, unknown> | undefined,
): Promise<UserRow> {
  const user = await findUserByEmail(tx, email);
  if (user?.email_confirmed_at) {
    throw new AuthError(
      422,
      "email_exists",
      "A user with this email address has already been registered",
    );
  }
  return (
    user ??
    insertUser(tx, {
      email,
      emailConfirmed: false,
      invited: true,
      userMetadata: data ?? {},
      appMetadata: {},
    })
  );
}

/** The link types `generate_link` makes, and the one-time token column each uses. */
const generatedLinkColumns = {
  signup: "confirmation_token",
  invite: "confirmation_token",
  magiclink: "recovery_token",
  recovery: "recovery_token",
} as const;

/**
 * `POST /admin/generate_link` (secret key only), as GoTrue's `adminGenerateLink`: makes the same
 * one-time link an Auth e-mail would carry and returns it with the user, but sends nothing, so the
 * caller can send its own e-mail. Types `signup`, `invite`, `magiclink` and `recovery`; a magic link
 * for an unknown address becomes a sign-up link for a new, unconfirmed user, as on hosted (the admin
 * API is not bound by `enable_signup`). No frequency limit, no e-mail quota.
 */
async function generateLink(auth: AuthRequest): Promise<Response> {
  await requireAdmin(auth);
  const { config } = auth.context;
  const body = await readBody(auth.request, generateLinkSchema);
  const email = body.email.toLowerCase();
  // The body's redirect_to wins when allowed; else ?redirect_to= (supabase-js), else the site URL.
  const fromBody = body.redirect_to
    ? chooseRedirect(body.redirect_to, config.auth.site_url, config.auth.additional_redirect_urls)
    : null;
  const redirectTo =
    fromBody !== null && fromBody === body.redirect_to ? fromBody : requestedRedirect(auth);
  if (body.type === "email_change_current" || body.type === "email_change_new") {
    throw new AuthError(
      501,
      "not_implemented",
      "The local Supabase does not generate e-mail change links",
    );
  }
  if (!Object.hasOwn(generatedLinkColumns, body.type)) {
    throw new AuthError(
      400,
      "validation_failed",
      `Invalid email action link type requested: ${body.type}`,
    );
  }
  let type = body.type as keyof typeof generatedLinkColumns;
  return auth.context.db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, email);
    let password = body.password;
    if (!user && type === "magiclink") {
      type = "signup";
      password = randomBytes(48).toString("base64url");
    }
    if (!user && type === "recovery") {
      throw new AuthError(404, "user_not_found", "User with this email not found");
    }
    if (type === "invite") {
      user = await findOrCreateInvitee(tx, email, body.data);
    } else if (type === "signup") {
      if (user?.email_confirmed_at) {
        throw new AuthError(
          422,
          "email_exists",
          "A user with this email address has already been registered",
        );
      }
      if (user) {
        if (body.data) await updateUser(tx, user.id, { userMetadata: body.data });
      } else {
        if (!password)
          throw new AuthError(400, "validation_failed", "Signup requires a valid password");
        checkPasswordStrength(config, password);
        user = await insertUser(tx, {
          email,
          password,
          emailConfirmed: false,
          userMetadata: body.data ?? {},
          appMetadata: {},
        });
      }
    }
    if (!user) throw new AuthError(404, "user_not_found", "User with this email not found");
    const issued = await issueLink(auth, tx, {
      type,
      column: generatedLinkColumns[type],
      user,
      redirectTo,
      pkce: null,
    });
    const current = await findUserById(tx, user.id);
    return ok({
      ...(await userJson(tx, current ?? user)),
      action_link: issued.actionLink,
      email_otp: issued.otp,
      hashed_token: issued.hash,
      verification_type: type,
      redirect_to: redirectTo,
    });
  });
}

/**
 * `GET /reauthenticate`: e-mails the signed-in user a one-time code (the `reauthentication`
 * template), which `PUT /user` asks for as `nonce` when `secure_password_change` is on and the
 * session is older than 24 hours. Same frequency limit and e-mail quota as other Auth e-mails.
 */
async function reauthenticate(auth: AuthRequest): Promise<Response> {
  const { config } = auth.context;
  return auth.context.db.transaction(async (tx) => {
    const { user } = await requireUser(auth, tx);
    const email = user.email ?? "";
    if (email === "") {
      throw new AuthError(
        400,
        "validation_failed",
        "Reauthentication requires the user to have an email or a phone number",
      );
    }
    if (!user.email_confirmed_at) {
      throw new AuthError(422, "email_not_confirmed", "Please verify your email first.");
    }
    checkSendFrequency(config, user.reauthentication_sent_at);
    takeEmailSendQuota(auth);
    const nonce = generateOtp(config.auth.email.otp_length);
    const hash = tokenHash(email, nonce);
    await storeOneTimeToken(tx, user.id, "reauthentication_token", hash);
    await auth.context.mailer.send("reauthentication", email, {
      ConfirmationURL: "",
      Token: nonce,
      TokenHash: hash,
      SiteURL: config.auth.site_url,
      RedirectTo: "",
      Email: email,
    });
    return ok({});
  });
}

function settings(config: LocalConfig): Response {
  return ok({
    external: {
      anonymous_users: config.auth.enable_anonymous_sign_ins,
      email: config.auth.email.enabled,
      phone: false,
    },
    disable_signup: !config.auth.enable_signup,
    mailer_autoconfirm: !config.auth.email.enable_confirmations,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
  });
}

/**
 * `/auth/v1/*`: the part of GoTrue (Supabase Auth) that supabase-js and the project's functions
 * use. `path` is the part after `/auth/v1`; `identity` is null on the routes the gateway leaves
 * open (the e-mail link, the JWKS, health).
 */
export async function handleAuth(
  request: Request,
  path: string,
  identity: RequestIdentity | null,
  clientIp: string,
  context: GotrueContext,
): Promise<Response> {
  const auth: AuthRequest = { request, url: new URL(request.url), identity, clientIp, context };
  const route = `${request.method} ${path}`;
  try {
    if (route === "GET /.well-known/jwks.json") {
      return json(200, context.signingKey.jwks, { "Cache-Control": "public, max-age=600" });
    }
    if (route === "GET /health") {
      return json(200, {
        version: "local",
        name: "GoTrue",
        description: "GoTrue is a user registration and authentication API",
      });
    }
    if (route === "GET /settings") return settings(context.config);
    if (route === "POST /token") return await token(auth);
    if (route === "GET /user") return await getUser(auth);
    if (route === "PUT /user") return await putUser(auth);
    if (route === "POST /logout") return await logout(auth);
    if (route === "POST /otp" || route === "POST /magiclink") return await otp(auth);
    if (route === "POST /recover") return await recover(auth);
    if (route === "GET /verify") return await verifyGet(auth);
    if (route === "POST /verify") return await verifyPost(auth);
    if (route === "POST /invite") return await invite(auth);
    if (route === "POST /admin/generate_link") return await generateLink(auth);
    if (route === "GET /reauthenticate") return await reauthenticate(auth);
    if (route === "POST /signup") {
      if (!context.config.auth.enable_signup) {
        throw new AuthError(422, "signup_disabled", "Signups not allowed for this instance");
      }
      throw new AuthError(501, "not_implemented", "The local Supabase does not implement sign-up");
    }
    const admin = /^\/admin\/users(?:\/([^/]+))?$/.exec(path);
    if (admin) return await adminUsers(auth, admin[1] ? decodeURIComponent(admin[1]) : null);
    throw new AuthError(404, "not_found", `The local Supabase does not implement ${route} in Auth`);
  } catch (error) {
    if (error instanceof AuthError) return authErrorResponse(error, request);
    throw error;
  }
}
