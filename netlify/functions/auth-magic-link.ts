import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { sendSignInLink } from "../../src/server/session/sign-in-link.ts";

/**
 * POST /api/auth/magic-link – e-mails a sign-in link to a reviewer (JSON `{ email }`, same origin
 * only); the same answer whether the address has an account or not. See `sendSignInLink`.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 2 * 1024 },
  handle: ({ request, body, context }) =>
    sendSignInLink(request, body.format === "json" ? body.json : {}, context.ip || null),
});

export const config: Config = {
  path: "/api/auth/magic-link",
  rateLimit: { windowLimit: 5, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
