import type { Config } from "@netlify/functions";
import { queueWeeklyDigest } from "../../src/server/email/weekly-digest.ts";
import { errorFacts, log } from "../../src/server/log.ts";

/**
 * Mondays at 06:00 UTC (07:00 or 08:00 Swedish time): queues this week's digest for every active
 * coordinator – overdue assessments, decisions not yet released, forwarded ideas due for follow-up –
 * in the e-mail outbox, which the outbox sender delivers within a minute. Not reachable over HTTP in
 * production. Running it again in the same week queues nothing new.
 */
export default async function weeklyDigest(): Promise<Response> {
  try {
    return Response.json(await queueWeeklyDigest());
  } catch (error) {
    log.error("weekly_digest_failed", errorFacts(error));
    return Response.json({ error: "weekly_digest_failed" }, { status: 500 });
  }
}

export const config: Config = {
  schedule: "0 6 * * 1",
};
