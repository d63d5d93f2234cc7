import type { Config } from "@netlify/functions";
import { workspacePaths } from "../../src/config/navigation.ts";
import { fieldErrors, welcomeSchema } from "../../src/domain/admin/administration-schema.ts";
import { welcomeTexts } from "../../src/domain/admin/messages.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { errorResponse, jsonResponse } from "../../src/server/http/responses.ts";
import { applySessionHeaders, createSessionAuth } from "../../src/server/session/auth-client.ts";
import {
  publicReviewer,
  sessionUnavailableResponse,
  touchReviewerSession,
} from "../../src/server/session/reviewer-session.ts";
import {
  deletionsOf,
  invalidFieldsResponse,
  isAuthUnavailable,
} from "../../src/server/session/sign-in.ts";

/**
 * POST /api/auth/welcome `{ token, password, repeatPassword }` – the invited person's first sign-in,
 * from /granska/valkommen/: the invitation's one-time token (its hash, from `generate_link`) is
 * exchanged for a session (`verifyOtp` with `token_hash`, type `invite`, which hosted and local Auth
 * both take), the chosen password is set on the account, and the session is checked as an active
 * reviewer's. The link itself only opens the page – a mail scanner that follows it uses up nothing.
 *
 * 200 `{ user, redirectTo, message }` with the session cookies; 422 `{ error: "invalid", fields }`
 * (also Auth's `weak_password`); 410 `{ error: "link_expired", message }` for a used or expired
 * token; 403 `{ error: "not_reviewer" }` when the account was deactivated meanwhile; 503.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 2 * 1024 },
  handle: async ({ body, request }) => {
    const parsed = welcomeSchema.safeParse(body.format === "json" ? body.json : {});
    if (!parsed.success) return invalidFieldsResponse(fieldErrors(parsed.error.issues));
    const auth = createSessionAuth(request);
    const verified = await auth.supabase.auth.verifyOtp({
      token_hash: parsed.data.token,
      type: "invite",
    });
    if (verified.error || !verified.data.session) {
      if (verified.error && isAuthUnavailable(verified.error)) return sessionUnavailableResponse();
      return errorResponse(410, { error: "link_expired", message: welcomeTexts.linkExpired });
    }
    const updated = await auth.supabase.auth.updateUser({ password: parsed.data.password });
    if (updated.error) {
      if (isAuthUnavailable(updated.error)) return sessionUnavailableResponse();
      await auth.supabase.auth.signOut({ scope: "local" });
      const response = invalidFieldsResponse({ password: welcomeTexts.weakPassword });
      for (const cookie of deletionsOf(auth.headers)) response.headers.append("Set-Cookie", cookie);
      return response;
    }
    const touched = await touchReviewerSession(verified.data.session.access_token);
    if (!touched.ok) {
      if (touched.reason === "unavailable") return sessionUnavailableResponse();
      await auth.supabase.auth.signOut({ scope: "local" });
      const response = errorResponse(403, {
        error: "not_reviewer",
        message: welcomeTexts.notReviewer,
      });
      for (const cookie of deletionsOf(auth.headers)) response.headers.append("Set-Cookie", cookie);
      return response;
    }
    return applySessionHeaders(
      jsonResponse({
        user: publicReviewer(touched.reviewer),
        redirectTo: workspacePaths.home,
        message: welcomeTexts.done,
      }),
      auth.headers,
    );
  },
});

export const config: Config = {
  path: "/api/auth/welcome",
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
