import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { signOut } from "../../src/server/session/sign-out.ts";

/**
 * POST /api/auth/logout – ends the reviewer's session and deletes its cookies: 204 for JSON, 303 to
 * the sign-in page for a form post. Same origin only. See `signOut`.
 */
export default defineEndpoint({
  methods: ["POST"],
  body: { formats: ["json", "form"], maxBytes: 1024 },
  handle: ({ request, body }) => signOut(request, body.format),
});

export const config: Config = {
  path: "/api/auth/logout",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
