import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { signInWithPassword } from "../../src/server/session/sign-in.ts";

/**
 * POST /api/auth/login – a reviewer signs in with e-mail and password (JSON from the sign-in page's
 * script, same origin only). See `signInWithPassword` for the answers.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json"], maxBytes: 4 * 1024 },
  handle: ({ request, body, context }) =>
    signInWithPassword(request, body.format === "json" ? body.json : {}, context.ip || null),
});

export const config: Config = {
  path: "/api/auth/login",
  // A first line in front of the database's own throttle (10 per account, 30 per address in 15 min).
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
