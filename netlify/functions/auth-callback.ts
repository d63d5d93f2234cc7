import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { completeSignInLink } from "../../src/server/session/sign-in-link.ts";

/**
 * GET /api/auth/callback – where the e-mailed sign-in link leads after Auth has checked it: the code
 * is exchanged for a session (PKCE, this browser's code verifier) and the reviewer goes on to
 * /granska/ (303), or back to the sign-in page with a notice. See `completeSignInLink`.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: ({ request, url, context }) => completeSignInLink(request, url, context.ip || null),
});

export const config: Config = {
  path: "/api/auth/callback",
};
