import type { Config, Context } from "@netlify/functions";
import packageJson from "../../package.json" with { type: "json" };
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";

/** GET /api/health – tells monitoring that the functions run, which version, and the server time. */
export default defineEndpoint<Context>({
  methods: ["GET"],
  handle: () =>
    jsonResponse({ status: "ok", version: packageJson.version, time: new Date().toISOString() }),
});

export const config: Config = {
  path: "/api/health",
};
