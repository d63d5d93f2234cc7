import type { Config } from "@netlify/functions";
import { runGallring } from "../../src/server/gallring/run-gallring.ts";
import { errorFacts, log } from "../../src/server/log.ts";

/**
 * Daily at 01:30 UTC (02:30 or 03:30 Swedish time): removes what is past its retention date under
 * the retention rules in the database, and carries out erasure decisions, through the one SQL
 * function `api.run_gallring` (secret key), which writes an audit event per removal. With
 * `GALLRING_DRY_RUN=true` it only logs what it would remove. Not reachable over HTTP in production.
 * A failed run changes nothing (one transaction) and is logged; the next day's run tries again.
 */
export default async function gallring(): Promise<Response> {
  const started = performance.now();
  try {
    const report = await runGallring();
    log.info("gallring_done", { durationMs: Math.round(performance.now() - started) });
    return Response.json(report);
  } catch (error) {
    log.error("gallring_failed", errorFacts(error));
    return Response.json({ error: "gallring_failed" }, { status: 500 });
  }
}

export const config: Config = {
  schedule: "30 1 * * *",
};
