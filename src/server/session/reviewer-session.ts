import { isAuthRetryableFetchError, type SupabaseClient } from "@supabase/supabase-js";
import { z } from "zod";
import { workspacePaths } from "../../config/navigation.ts";
import {
  sessionRefusalMessages,
  signInPageWithNotice,
  type SessionEndReason,
  type SignInNoticeCode,
} from "../../domain/session/messages.ts";

import { callDatabase, DatabaseBug } from "../http/database-error.ts";
import type { EndpointInput } from "../http/endpoint.ts";
import { errorResponse, unavailableHeaders } from "../http/responses.ts";
import { createUserClient, type ApiClient } from "../supabase.ts";
import { applySessionHeaders, createSessionAuth } from "./auth-client.ts";
import { clearedSessionCookies, isSessionTokenCookie, readSessionCookies } from "./cookies.ts";
import { readSessionSettings } from "./settings.ts";

/** The response header that carries the session's new idle expiry to the workspace's pages. */
export const idleExpiryHeader = "X-Session-Idle-Expires-At";

/** A signed-in reviewer as the workspace shows them. */
export interface SessionReviewer {
  userId: string;
  name: string;
  email: string;
  role: "reviewer" | "coordinator";
  /** The coach's municipality; null for regional reviewers and coordinators, who see every idea. */
  municipality: { code: string; name: string } | null;
}

/**
 * A reviewer's request, authenticated: everything a `/api/review/*` function needs to act as them.
 */
export interface ReviewerSession {
  /**
   * supabase-js as the reviewer, schema `api`: `.rpc()` runs with their access token, so the
   * database sees them through `auth.uid()` and row-level security applies. Keeps no session.
   */
  client: ApiClient;
  /** Who they are, read from the database on this request (an inactive reviewer never gets here). */
  reviewer: SessionReviewer;
  /** When the session ends if nothing else happens (ISO 8601); every request moves it on. */
  idleExpiresAt: string;
  /** When the session ends however active (ISO 8601). */
  expiresAt: string;
  /**
   * Headers the response must carry: refreshed session cookies when the access token was renewed,
   * and cache headers. `withReviewerSession` applies them; a function using `readSession` directly
   * must call `applySessionHeaders(response, responseHeaders)`.
   */
  responseHeaders: Headers;
}

/** Why a request has no session; the reasons of `api.touch_reviewer_session`, plus `none`. */
export type NoSessionReason = SessionEndReason | "none" | "ended";

/** The outcome of reading a request's session: the session, or the response to give instead. */
export type SessionOutcome =
  { ok: true; session: ReviewerSession } | { ok: false; response: Response };

const touchSchema = z.discriminatedUnion("active", [
  z.object({
    active: z.literal(true),
    reviewer: z.object({
      user_id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      role: z.enum(["reviewer", "coordinator"]),
      municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
    }),
    idle_expires_at: z.string(),
    expires_at: z.string(),
  }),
  z.object({
    active: z.literal(false),
    reason: z.enum(["signed_out", "idle", "lifetime", "not_reviewer"]),
  }),
]);

/** The sign-in page's notice for a reason the session ended. */
const noticeFor: Readonly<Record<NoSessionReason, SignInNoticeCode | null>> = {
  none: null,
  ended: "ended",
  signed_out: "ended",
  idle: "idle",
  lifetime: "lifetime",
  not_reviewer: "not_reviewer",
};

/** Where the workspace sends a person whose session ended, with the reason as a notice. */
export function signInUrlFor(reason: NoSessionReason): string {
  const notice = noticeFor[reason];
  return notice ? signInPageWithNotice(workspacePaths.signIn, notice) : workspacePaths.signIn;
}

/**
 * 401: no session, or not any more. Every session cookie the request carried is deleted, and the
 * body says why and where to sign in: `{ error: "unauthenticated", reason, message, signInUrl }`.
 */
export function unauthenticatedResponse(request: Request, reason: NoSessionReason): Response {
  const response = errorResponse(401, {
    error: "unauthenticated",
    message: sessionRefusalMessages[reason],
    ...{ reason, signInUrl: signInUrlFor(reason) },
  });
  for (const cookie of clearedSessionCookies(request))
    response.headers.append("Set-Cookie", cookie);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** 503: Auth or the database cannot be reached; the cookies stay, so nobody is signed out by an outage. */
export function sessionUnavailableResponse(): Response {
  return errorResponse(
    503,
    { error: "unavailable", message: sessionRefusalMessages.unavailable },
    { headers: unavailableHeaders },
  );
}

/**
 * Checks that the session behind `accessToken` is a live session of an active reviewer, records
 * the activity (the idle timeout starts again) and says who they are. Ends the session in the
 * database when it has run out. The login and link functions call it right after signing in.
 */
export async function touchReviewerSession(accessToken: string): Promise<
  | {
      ok: true;
      client: ApiClient;
      reviewer: SessionReviewer;
      idleExpiresAt: string;
      expiresAt: string;
    }
  | { ok: false; reason: NoSessionReason | "unavailable" }
> {
  const settings = readSessionSettings();
  const client = createUserClient(accessToken);
  const result = await callDatabase(
    client.rpc("touch_reviewer_session", {
      idle_minutes: settings.idleMinutes,
      lifetime_hours: settings.lifetimeHours,
    }),
  );
  if (!result.ok) {
    if (result.failure.kind === "unavailable") return { ok: false, reason: "unavailable" };
    // An access token PostgREST does not accept (expired, another key) is no session.
    if (result.failure.kind === "unauthenticated") return { ok: false, reason: "ended" };
    throw new DatabaseBug("touch_reviewer_session", result.failure);
  }
  const answer = touchSchema.parse(result.data);
  if (!answer.active) return { ok: false, reason: answer.reason };
  const { reviewer } = answer;
  return {
    ok: true,
    client,
    reviewer: {
      userId: reviewer.user_id,
      name: reviewer.name,
      email: reviewer.email ?? "",
      role: reviewer.role,
      municipality: reviewer.municipality,
    },
    idleExpiresAt: answer.idle_expires_at,
    expiresAt: answer.expires_at,
  };
}

/**
 * Reads and checks the reviewer session of a request, in this order:
 *
 * 1. No session cookie: 401 (`reason: "none"`), before any network call.
 * 2. Auth: `getClaims()` verifies the access token's signature against the project's signing keys
 *    (ES256, locally, no call to Auth) and, when it has expired, refreshes the session with the
 *    refresh token first; the new cookies are then in `responseHeaders`. A refresh token Auth
 *    refuses (signed out, ended, reused) is 401 and the cookies are deleted. Auth unreachable: 503,
 *    cookies kept.
 * 3. The database (`api.touch_reviewer_session`, as the reviewer): the session must still exist in
 *    Auth (so a cookie copied before sign-out is refused although its access token has not expired),
 *    the reviewer must be active (a deactivated reviewer is refused at once), and neither the idle
 *    timeout nor the lifetime may have run out; otherwise the session is ended there too and the
 *    answer is 401 with the reason (`signed_out`, `not_reviewer`, `idle`, `lifetime`). Otherwise the
 *    activity is recorded: every request moves the idle timeout on.
 */
export async function readSession(request: Request): Promise<SessionOutcome> {
  if (!readSessionCookies(request).some((cookie) => isSessionTokenCookie(cookie.name))) {
    return { ok: false, response: unauthenticatedResponse(request, "none") };
  }
  const auth = createSessionAuth(request);
  const accessToken = await verifiedAccessToken(auth.supabase);
  if (accessToken === "unavailable") return { ok: false, response: sessionUnavailableResponse() };
  if (!accessToken) return { ok: false, response: unauthenticatedResponse(request, "ended") };

  const touched = await touchReviewerSession(accessToken);
  if (!touched.ok) {
    if (touched.reason === "unavailable")
      return { ok: false, response: sessionUnavailableResponse() };
    return { ok: false, response: unauthenticatedResponse(request, touched.reason) };
  }
  const { client, reviewer, idleExpiresAt, expiresAt } = touched;
  return {
    ok: true,
    session: { client, reviewer, idleExpiresAt, expiresAt, responseHeaders: auth.headers },
  };
}

/**
 * The access token of the request's session, verified and, when it had expired, refreshed (the new
 * cookies are then in the SessionAuth's headers); null when there is no valid session;
 * "unavailable" when Auth could not be asked.
 */
async function verifiedAccessToken(
  supabase: SupabaseClient,
): Promise<string | null | "unavailable"> {
  const { data, error } = await supabase.auth.getClaims();
  if (error && (isAuthRetryableFetchError(error) || (error.status ?? 0) >= 500))
    return "unavailable";
  if (!data?.claims) return null;
  // Read after getClaims: the session it refreshed, if it had to.
  const { data: current } = await supabase.auth.getSession();
  return current.session?.access_token ?? null;
}

/** Thrown by {@link requireReviewer} when a request has no usable session; carries the answer. */
export class SessionRequired extends Error {
  readonly response: Response;
  constructor(response: Response) {
    super("session required");
    this.name = "SessionRequired";
    this.response = response;
  }
}

/**
 * The reviewer session of a request, or a thrown {@link SessionRequired} carrying the 401 or 503
 * to answer with (`withReviewerSession` answers it). For functions that need the session in the
 * middle of their own work; most use `withReviewerSession`.
 */
export async function requireReviewer(request: Request): Promise<ReviewerSession> {
  const outcome = await readSession(request);
  if (!outcome.ok) throw new SessionRequired(outcome.response);
  return outcome.session;
}

/**
 * Wraps an endpoint's handler so it runs only for a signed-in, active reviewer whose session has
 * not timed out – the one way every `/api/review/*` function gets its user client, its refreshed
 * cookies and its 401 handling:
 *
 * ```ts
 * export default defineEndpoint({
 *   methods: ["GET"],
 *   handle: withReviewerSession<undefined>(async ({ session }) => {
 *     const result = await callDatabase(session.client.rpc("list_review_queue", {}));
 *     if (!result.ok) return refusalResponse(result.failure); // to write: texts from src/domain/review/messages.ts
 *     return jsonResponse(result.data);
 *   }),
 * });
 * ```
 *
 * The type parameter is the body: `undefined` for an endpoint without body rules, `RequestBody`
 * (src/server/http/request-body.ts) for one with them – TypeScript cannot infer it through
 * `defineEndpoint`'s overloads.
 *
 * Without a usable session the handler is not called: 401 `{ error: "unauthenticated", reason,
 * message, signInUrl }` with the session cookies deleted, or 503 when Auth or the database cannot
 * be reached. Otherwise the handler's response gets the session's headers (refreshed cookies,
 * `Cache-Control: private, no-store`) and `X-Session-Idle-Expires-At`, which the page's idle
 * warning follows. The same-origin guard, body rules and 405 are
 * `defineEndpoint`'s, and run before this.
 */
export function withReviewerSession<B>(
  handler: (input: EndpointInput<B> & { session: ReviewerSession }) => Promise<Response> | Response,
): (input: EndpointInput<B>) => Promise<Response> {
  return async (input) => {
    let session: ReviewerSession;
    try {
      session = await requireReviewer(input.request);
    } catch (error) {
      if (error instanceof SessionRequired) return error.response;
      throw error;
    }
    const response = await handler({ ...input, session });
    // The page's idle clock (src/client/workspace/idle-clock.ts) learns that the timeout moved on.
    response.headers.set(idleExpiryHeader, session.idleExpiresAt);
    return applySessionHeaders(response, session.responseHeaders);
  };
}

/** The reviewer as the session endpoint and the sign-in answer show them. */
export function publicReviewer(reviewer: SessionReviewer) {
  return {
    name: reviewer.name,
    email: reviewer.email,
    role: reviewer.role,
    municipality: reviewer.municipality,
  };
}
