import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Queryable } from "./database.ts";
import { newRefreshToken } from "./refresh-tokens.ts";

/**
 * The local Auth's reads and writes on GoTrue's tables (bootstrap.sql), in SQL. Passwords are
 * bcrypt through pgcrypto (`crypt`/`gen_salt('bf')`), as GoTrue stores them, so a seed written
 * for hosted Supabase signs in here and the other way round.
 */

const timestamp = z.coerce.date().nullable();

const userRowSchema = z.object({
  id: z.string(),
  aud: z.string().nullable(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  has_password: z.boolean(),
  email_confirmed_at: timestamp,
  invited_at: timestamp,
  confirmation_sent_at: timestamp,
  recovery_sent_at: timestamp,
  reauthentication_sent_at: timestamp,
  last_sign_in_at: timestamp,
  raw_app_meta_data: z.record(z.string(), z.unknown()).nullable(),
  raw_user_meta_data: z.record(z.string(), z.unknown()).nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  phone: z.string().nullable(),
  phone_confirmed_at: timestamp,
  confirmed_at: timestamp,
  banned_until: timestamp,
  is_anonymous: z.boolean(),
});

/** A row of auth.users, without the password hash and tokens. */
export type UserRow = z.infer<typeof userRowSchema>;

const userColumns = `u.id::text, u.aud, u.role, u.email, coalesce(u.encrypted_password, '') <> '' as has_password,
  u.email_confirmed_at, u.invited_at, u.confirmation_sent_at, u.recovery_sent_at, u.reauthentication_sent_at, u.last_sign_in_at,
  u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at, u.phone, u.phone_confirmed_at,
  u.confirmed_at, u.banned_until, u.is_anonymous`;

function toUser(row: unknown): UserRow {
  return userRowSchema.parse(row);
}

/** The hash GoTrue puts in e-mail links: hex SHA-224 of the address followed by the one-time code. */
export function tokenHash(email: string, otp: string): string {
  return createHash("sha224")
    .update(email + otp)
    .digest("hex");
}

/** A one-time code of `length` digits. */
export function generateOtp(length: number): string {
  const digits = randomBytes(length);
  return [...digits].map((byte) => String(byte % 10)).join("");
}

/** Whether the user is banned right now. */
export function isBanned(user: UserRow): boolean {
  return user.banned_until !== null && user.banned_until.getTime() > Date.now();
}

/** Finds a live (not deleted) user by e-mail address, case-insensitively. */
export async function findUserByEmail(tx: Queryable, email: string): Promise<UserRow | null> {
  const [row] = await tx.query(
    `select ${userColumns} from auth.users u where lower(u.email) = lower($1::text) and u.deleted_at is null limit 1`,
    [email],
  );
  return row ? toUser(row) : null;
}

/** Finds a live user by id. */
export async function findUserById(tx: Queryable, id: string): Promise<UserRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await tx.query(
    `select ${userColumns} from auth.users u where u.id = $1::uuid and u.deleted_at is null`,
    [id],
  );
  return row ? toUser(row) : null;
}

/** Whether `password` is the user's password (bcrypt compare in the database). */
export async function checkPassword(
  tx: Queryable,
  userId: string,
  password: string,
): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>(
    `select coalesce(encrypted_password, '') <> '' and encrypted_password = extensions.crypt($2::text, encrypted_password) as ok
     from auth.users where id = $1::uuid`,
    [userId, password],
  );
  return row?.ok === true;
}

/**
 * Sets a new password (bcrypt cost 10, as GoTrue hashes) the way GoTrue's `UpdatePassword` does:
 * every pending one-time token (links, codes, reauthentication) is cleared, because a password
 * change means the user may no longer trust what was sent before, and sessions end. A change through
 * `PUT /user` keeps the session that made it (`keepSessionId`); an admin change ends them all.
 */
export async function changePassword(
  tx: Queryable,
  userId: string,
  password: string,
  keepSessionId: string | null,
): Promise<void> {
  await tx.query(
    `update auth.users set encrypted_password = extensions.crypt($2::text, extensions.gen_salt('bf', 10)),
       confirmation_token = '', confirmation_sent_at = null, recovery_token = '', recovery_sent_at = null,
       email_change_token_current = '', email_change_token_new = '', email_change_sent_at = null,
       phone_change_token = '', phone_change_sent_at = null,
       reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
     where id = $1::uuid`,
    [userId, password],
  );
  await tx.query(
    "delete from auth.sessions where user_id = $1::uuid and ($2::uuid is null or id <> $2::uuid)",
    [userId, keepSessionId],
  );
}

/** Lists the users, newest first, one page at a time, with the total (admin API). */
export async function listUsers(
  tx: Queryable,
  page: number,
  perPage: number,
): Promise<{ users: UserRow[]; total: number }> {
  const rows = await tx.query(
    `select ${userColumns} from auth.users u where u.deleted_at is null order by u.created_at desc, u.id limit $1::int offset $2::int`,
    [perPage, (page - 1) * perPage],
  );
  const [count] = await tx.query<{ total: number }>(
    "select count(*)::int as total from auth.users where deleted_at is null",
  );
  return { users: rows.map(toUser), total: count?.total ?? 0 };
}

/** A new Auth user with an e-mail identity. */
export interface NewUser {
  id?: string | undefined;
  email: string;
  password?: string | undefined;
  emailConfirmed: boolean;
  invited?: boolean;
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  role?: string | undefined;
  bannedUntil?: Date | null | undefined;
}

/** Inserts a user and its e-mail identity; the token columns are '' as GoTrue writes them. */
export async function insertUser(tx: Queryable, user: NewUser): Promise<UserRow> {
  const id = user.id ?? randomUUID();
  const appMetadata = { provider: "email", providers: ["email"], ...user.appMetadata };
  await tx.query(
    `insert into auth.users (
       instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at, banned_until,
       confirmation_token, recovery_token, email_change_token_new, email_change, email_change_token_current,
       phone_change, phone_change_token, reauthentication_token, is_sso_user, is_anonymous)
     values (
       '00000000-0000-0000-0000-000000000000', $1::uuid, 'authenticated', $2::text, lower($3::text),
       case when $4::text is null then '' else extensions.crypt($4::text, extensions.gen_salt('bf', 10)) end,
       case when $5::boolean then now() end, case when $6::boolean then now() end,
       $7::jsonb, $8::jsonb, now(), now(), $9::timestamptz,
       '', '', '', '', '', '', '', '', false, false)`,
    [
      id,
      user.role ?? "authenticated",
      user.email,
      user.password ?? null,
      user.emailConfirmed,
      user.invited ?? false,
      JSON.stringify(appMetadata),
      JSON.stringify(user.userMetadata),
      user.bannedUntil?.toISOString() ?? null,
    ],
  );
  await tx.query(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, created_at, updated_at)
     values (gen_random_uuid(), $1::text, $1::uuid,
             jsonb_build_object('sub', $1::text, 'email', lower($2::text), 'email_verified', $3::boolean, 'phone_verified', false),
             'email', now(), now())`,
    [id, user.email, user.emailConfirmed],
  );
  const created = await findUserById(tx, id);
  if (!created) throw new Error(`User ${id} vanished after insert`);
  return created;
}

/** Changes to a user through the admin API or `PUT /user`. Undefined fields stay as they are. */
export interface UserChanges {
  email?: string | undefined;
  emailConfirmed?: boolean | undefined;
  userMetadata?: Record<string, unknown> | undefined;
  appMetadata?: Record<string, unknown> | undefined;
  role?: string | undefined;
  bannedUntil?: Date | null | undefined;
}

/**
 * Applies changes. Metadata is merged key by key and a key set to null is removed, as GoTrue's
 * `UpdateUserMetaData` does.
 */
export async function updateUser(tx: Queryable, id: string, changes: UserChanges): Promise<void> {
  await tx.query(
    `update auth.users set
       email = coalesce(lower($2::text), email),
       email_confirmed_at = case when $3::boolean is true then coalesce(email_confirmed_at, now())
                                 when $3::boolean is false then null else email_confirmed_at end,
       raw_user_meta_data = case when $4::jsonb is null then raw_user_meta_data
                                 else jsonb_strip_nulls(coalesce(raw_user_meta_data, '{}'::jsonb) || $4::jsonb) end,
       raw_app_meta_data = case when $5::jsonb is null then raw_app_meta_data
                                else jsonb_strip_nulls(coalesce(raw_app_meta_data, '{}'::jsonb) || $5::jsonb) end,
       role = coalesce($6::text, role),
       banned_until = case when $7::boolean then $8::timestamptz else banned_until end,
       updated_at = now()
     where id = $1::uuid`,
    [
      id,
      changes.email ?? null,
      changes.emailConfirmed ?? null,
      changes.userMetadata ? JSON.stringify(changes.userMetadata) : null,
      changes.appMetadata ? JSON.stringify(changes.appMetadata) : null,
      changes.role ?? null,
      changes.bannedUntil !== undefined,
      changes.bannedUntil?.toISOString() ?? null,
    ],
  );
  if (changes.email) {
    await tx.query(
      "update auth.identities set identity_data = identity_data || jsonb_build_object('email', lower($2::text)), updated_at = now() where user_id = $1::uuid and provider = 'email'",
      [id, changes.email],
    );
  }
}

/** Deletes a user; sessions, refresh tokens and identities go with it (foreign keys cascade). */
export async function deleteUser(tx: Queryable, id: string): Promise<void> {
  await tx.query("delete from auth.users where id = $1::uuid", [id]);
}

const identityRowSchema = z.object({
  identity_id: z.string(),
  provider_id: z.string(),
  user_id: z.string(),
  identity_data: z.record(z.string(), z.unknown()),
  provider: z.string(),
  last_sign_in_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
  email: z.string().nullable(),
});

/** The user's identities (here: the e-mail identity), as GoTrue lists them on the user. */
export async function listIdentities(
  tx: Queryable,
  userId: string,
): Promise<z.infer<typeof identityRowSchema>[]> {
  const rows = await tx.query(
    `select id::text as identity_id, provider_id, user_id::text, identity_data, provider, last_sign_in_at, created_at, updated_at, email
     from auth.identities where user_id = $1::uuid order by created_at`,
    [userId],
  );
  return rows.map((row) => identityRowSchema.parse(row));
}

/** A session as the local Auth tracks it: who, since when, and how the user authenticated. */
export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  amr: { method: string; timestamp: number }[];
}

/**
 * Starts a session with its first refresh token, records how the user authenticated (GoTrue's
 * mfa_amr_claims) and the sign-in time.
 */
export async function createSession(
  tx: Queryable,
  userId: string,
  method: string,
  client: { userAgent: string | null; ip: string | null },
): Promise<{ session: SessionRow; refreshToken: string }> {
  const id = randomUUID();
  await tx.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1::uuid, $2::uuid, now(), now(), 'aal1', $3::text, $4::inet)`,
    [
      id,
      userId,
      client.userAgent,
      client.ip && /^[0-9a-f.:]+$/i.test(client.ip) ? client.ip : null,
    ],
  );
  await tx.query(
    `insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1::uuid, now(), now(), $2::text, gen_random_uuid())`,
    [id, method],
  );
  await tx.query(
    "update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1::uuid",
    [userId],
  );
  await tx.query("update auth.identities set last_sign_in_at = now() where user_id = $1::uuid", [
    userId,
  ]);
  const refreshToken = await insertRefreshToken(tx, userId, id, null);
  const session = await findSession(tx, id);
  if (!session) throw new Error(`Session ${id} vanished after insert`);
  return { session, refreshToken };
}

async function insertRefreshToken(
  tx: Queryable,
  userId: string,
  sessionId: string,
  parent: string | null,
): Promise<string> {
  const token = newRefreshToken();
  await tx.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1::text, $2::text, false, now(), now(), $3::text, $4::uuid)`,
    [token, userId, parent, sessionId],
  );
  return token;
}

/** Finds a session by id, with its authentication methods, newest first as GoTrue orders `amr`. */
export async function findSession(tx: Queryable, id: string): Promise<SessionRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await tx.query(
    `select s.id::text, s.user_id::text, s.created_at,
            coalesce((select json_agg(json_build_object('method', c.authentication_method,
                                                        'timestamp', extract(epoch from c.updated_at)::int)
                                      order by c.updated_at desc)
                      from auth.mfa_amr_claims c where c.session_id = s.id), '[]'::json) as amr
     from auth.sessions s where s.id = $1::uuid`,
    [id],
  );
  if (!row) return null;
  const parsed = z
    .object({
      id: z.string(),
      user_id: z.string(),
      created_at: z.coerce.date(),
      amr: z.array(z.object({ method: z.string(), timestamp: z.number() })),
    })
    .parse(row);
  return { id: parsed.id, userId: parsed.user_id, createdAt: parsed.created_at, amr: parsed.amr };
}

/** The outcome of presenting a (well-formed) refresh token. */
export type RefreshOutcome =
  | { kind: "rotated"; session: SessionRow; userId: string; refreshToken: string }
  | { kind: "not_found" }
  | { kind: "banned" }
  | { kind: "reused" };

/**
 * GoTrue's refresh-token grant for legacy tokens (supabase/auth internal/tokens/service.go), with
 * its reuse rules:
 *
 * - A live token is revoked and replaced by a child.
 * - The revoked parent of the session's current token returns that current token, at any time:
 *   the client refreshed but never stored the answer (a lost `Set-Cookie`).
 * - Any other revoked token within `reuseIntervalSeconds` of its revocation gets a new child
 *   (concurrent refreshes from several tabs or requests).
 * - Later than that it is taken as theft: with rotation on, every live token of the session is
 *   revoked (the session row stays, so access tokens work until they expire, as on hosted).
 *
 * A banned user's token is refused before any of this, and nothing changes.
 */
export async function rotateRefreshToken(
  tx: Queryable,
  token: string,
  options: { rotation: boolean; reuseIntervalSeconds: number },
): Promise<RefreshOutcome> {
  const [row] = await tx.query<{
    id: number;
    user_id: string;
    revoked: boolean;
    session_id: string | null;
    reusable: boolean;
    banned: boolean;
  }>(
    `select t.id::int, t.user_id, t.revoked, t.session_id::text,
            t.updated_at + make_interval(secs => $2::int) >= now() as reusable,
            coalesce(u.banned_until > now(), false) as banned
     from auth.refresh_tokens t join auth.users u on u.id::text = t.user_id
     where t.token = $1::text
     for update of t`,
    [token, options.reuseIntervalSeconds],
  );
  if (!row || row.session_id === null) return { kind: "not_found" };
  if (row.banned) return { kind: "banned" };
  const session = await findSession(tx, row.session_id);
  if (!session) return { kind: "not_found" };
  const refreshed = async () =>
    tx.query(
      "update auth.sessions set refreshed_at = now()::timestamp, updated_at = now() where id = $1::uuid",
      [session.id],
    );
  if (row.revoked) {
    const [current] = await tx.query<{ token: string; parent: string | null }>(
      `select token, parent from auth.refresh_tokens
       where session_id = $1::uuid and revoked = false order by id desc limit 1`,
      [session.id],
    );
    if (current?.parent === token) {
      await refreshed();
      return { kind: "rotated", session, userId: row.user_id, refreshToken: current.token };
    }
    if (!row.reusable) {
      if (options.rotation) {
        await tx.query(
          "update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1::uuid and revoked = false",
          [session.id],
        );
      }
      return { kind: "reused" };
    }
  }
  await tx.query(
    "update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1::int",
    [row.id],
  );
  await refreshed();
  const refreshToken = await insertRefreshToken(tx, row.user_id, session.id, token);
  return { kind: "rotated", session, userId: row.user_id, refreshToken };
}

/** Ends sessions: just this one (`local`), all but this one (`others`) or all the user's (`global`). */
export async function endSessions(
  tx: Queryable,
  session: SessionRow,
  scope: "global" | "local" | "others",
): Promise<void> {
  if (scope === "local") {
    await tx.query("delete from auth.sessions where id = $1::uuid", [session.id]);
  } else if (scope === "others") {
    await tx.query("delete from auth.sessions where user_id = $1::uuid and id <> $2::uuid", [
      session.userId,
      session.id,
    ]);
  } else {
    await tx.query("delete from auth.sessions where user_id = $1::uuid", [session.userId]);
  }
}

/**
 * The one-time token columns GoTrue uses, each with the column stamping when it was sent: magic
 * links and recovery share `recovery_token`; sign-up confirmations and invitations share
 * `confirmation_token`; `reauthentication_token` holds the nonce for a password change.
 */
const sentAtColumns = {
  confirmation_token: "confirmation_sent_at",
  recovery_token: "recovery_sent_at",
  reauthentication_token: "reauthentication_sent_at",
} as const;

/** A one-time token column of auth.users. */
export type TokenColumn = keyof typeof sentAtColumns;

/** Stores the hash of a one-time token in the user's row and stamps when it was sent. */
export async function storeOneTimeToken(
  tx: Queryable,
  userId: string,
  column: TokenColumn,
  hash: string,
): Promise<void> {
  await tx.query(
    `update auth.users set ${column} = $2::text, ${sentAtColumns[column]} = now(), updated_at = now() where id = $1::uuid`,
    [userId, hash],
  );
}

/** Stamps a (new or repeated) invitation, as GoTrue sets `invited_at` on every invite it sends. */
export async function markInvited(tx: Queryable, userId: string): Promise<void> {
  await tx.query("update auth.users set invited_at = now() where id = $1::uuid", [userId]);
}

/**
 * Consumes a one-time token: the user whose `column` holds `hash`, sent no longer than
 * `expirySeconds` ago. The token is cleared, so a link works once.
 */
export async function consumeOneTimeToken(
  tx: Queryable,
  column: "confirmation_token" | "recovery_token",
  hash: string,
  expirySeconds: number,
): Promise<UserRow | null> {
  const [row] = await tx.query<{ id: string }>(
    `update auth.users set ${column} = '', updated_at = now()
     where ${column} = $1::text and $1::text <> '' and deleted_at is null
       and ${sentAtColumns[column]} > now() - make_interval(secs => $2::int)
     returning id::text`,
    [hash, expirySeconds],
  );
  return row ? findUserById(tx, row.id) : null;
}

/**
 * Consumes the user's reauthentication nonce (`GET /reauthenticate` sent it) when `hash` is its
 * hash and it was sent no longer than `expirySeconds` ago; false otherwise. Used once, as GoTrue's
 * `ConfirmReauthentication` clears it.
 */
export async function consumeReauthenticationNonce(
  tx: Queryable,
  userId: string,
  hash: string,
  expirySeconds: number,
): Promise<boolean> {
  const rows = await tx.query(
    `update auth.users set reauthentication_token = '', updated_at = now()
     where id = $1::uuid and reauthentication_token = $2::text and $2::text <> ''
       and reauthentication_sent_at > now() - make_interval(secs => $3::int)
     returning id`,
    [userId, hash, expirySeconds],
  );
  return rows.length > 0;
}

/** A PKCE flow waiting for its code to be exchanged (`/token?grant_type=pkce`). */
export interface FlowState {
  id: string;
  userId: string | null;
  authCode: string;
  codeChallenge: string;
  codeChallengeMethod: "s256" | "plain";
  authenticationMethod: string;
}

/** Records the code challenge of a magic-link or recovery e-mail sent for a PKCE client. */
export async function createFlowState(
  tx: Queryable,
  flow: {
    userId: string;
    codeChallenge: string;
    codeChallengeMethod: "s256" | "plain";
    authenticationMethod: string;
  },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
                                  authentication_method, created_at, updated_at)
     values ($1::uuid, $2::uuid, $3::text, $4::auth.code_challenge_method, $5::text, 'email', $6::text, now(), now())`,
    [
      id,
      flow.userId,
      randomUUID(),
      flow.codeChallengeMethod,
      flow.codeChallenge,
      flow.authenticationMethod,
    ],
  );
  return id;
}

/**
 * Issues the auth code of the user's newest waiting flow for `method`, once the user followed the
 * e-mail link. GoTrue finds the flow the same way: by user and authentication method.
 */
export async function issueAuthCode(
  tx: Queryable,
  userId: string,
  method: string,
): Promise<string | null> {
  const [row] = await tx.query<{ auth_code: string }>(
    `update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
     where id = (select id from auth.flow_state
                 where user_id = $1::uuid and authentication_method = $2::text and auth_code_issued_at is null
                 order by created_at desc limit 1)
     returning auth_code`,
    [userId, method],
  );
  return row?.auth_code ?? null;
}

/** Takes (and deletes) the flow for an auth code issued at most five minutes ago. */
export async function takeFlowState(tx: Queryable, authCode: string): Promise<FlowState | null> {
  const [row] = await tx.query(
    `delete from auth.flow_state where auth_code = $1::text and auth_code_issued_at > now() - interval '5 minutes'
     returning id::text, user_id::text, auth_code, code_challenge, code_challenge_method::text, authentication_method`,
    [authCode],
  );
  if (!row) return null;
  const parsed = z
    .object({
      id: z.string(),
      user_id: z.string().nullable(),
      auth_code: z.string(),
      code_challenge: z.string(),
      code_challenge_method: z.enum(["s256", "plain"]),
      authentication_method: z.string(),
    })
    .parse(row);
  return {
    id: parsed.id,
    userId: parsed.user_id,
    authCode: parsed.auth_code,
    codeChallenge: parsed.code_challenge,
    codeChallengeMethod: parsed.code_challenge_method,
    authenticationMethod: parsed.authentication_method,
  };
}
