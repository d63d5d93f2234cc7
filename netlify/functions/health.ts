import type { Config } from "@netlify/functions";
import packageJson from "../../package.json" with { type: "json" };
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { checkDatabase } from "../../src/server/supabase.ts";

/**
 * GET /api/health – tells monitoring that the functions run, which version, the server time, and
 * whether the database answers (`api.whoami()` as anon). 200 when all is well; 503 with
 * `status: "degraded"` and `database: "unavailable"` when the database does not answer, so an
 * uptime check alerts on the outage that makes submissions fail.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: async () => {
    const database = await checkDatabase();
    const healthy = database === "ok";
    return jsonResponse(
      {
        status: healthy ? "ok" : "degraded",
        version: packageJson.version,
        time: new Date().toISOString(),
        database,
      },
      { status: healthy ? 200 : 503 },
    );
  },
});

export const config: Config = {
  path: "/api/health",
};
