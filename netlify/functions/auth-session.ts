import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { publicReviewer, withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/**
 * GET /api/auth/session – who is signed in: 200 `{ user: { name, email, role, municipality:
 * { code, name } | null }, idleExpiresAt, expiresAt }`, or 401 `{ error: "unauthenticated", reason,
 * message, signInUrl }` with the cookies deleted. Like every reviewer request it counts as activity
 * (the idle timeout starts again), so "Fortsätt vara inloggad" calls it.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(({ session }) =>
    jsonResponse({
      user: publicReviewer(session.reviewer),
      idleExpiresAt: session.idleExpiresAt,
      expiresAt: session.expiresAt,
    }),
  ),
});

export const config: Config = {
  path: "/api/auth/session",
};
