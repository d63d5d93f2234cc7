import type { Config } from "@netlify/functions";
import { buildIdeaBankIfDue } from "../../src/server/build-hook/idea-bank-build.ts";
import { errorFacts, log } from "../../src/server/log.ts";

/**
 * Every minute: starts one build of the site (the Netlify build hook) for every change to the idea
 * bank whose window has passed – publications, unpublications, interest in published ideas – and
 * retries a build the hook refused. Not reachable over HTTP in production. Without BUILD_HOOK_URL
 * it logs that and does nothing; a failed run is logged and the next run tries again, since the
 * requests stay pending in the database.
 */
export default async function ideaBankBuild(): Promise<Response> {
  try {
    const report = await buildIdeaBankIfDue({ trigger: "schedule" });
    return Response.json(report);
  } catch (error) {
    log.error("idea_bank_build_failed", { trigger: "schedule", ...errorFacts(error) });
    return Response.json({ error: "idea_bank_build_failed" }, { status: 500 });
  }
}

export const config: Config = {
  schedule: "* * * * *",
};
