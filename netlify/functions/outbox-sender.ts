import type { Config } from "@netlify/functions";
import { sendDueEmails } from "../../src/server/email/sender.ts";
import { errorFacts, log } from "../../src/server/log.ts";

/**
 * Every minute: sends the e-mails waiting in the outbox (receipts, questions, decisions) and
 * retries the ones that failed, after their back-off. Not reachable over HTTP in production.
 * A failed run is logged and the next run tries again; nothing is lost, because the rows stay
 * pending in the database.
 */
export default async function outboxSender(): Promise<Response> {
  const started = performance.now();
  try {
    const report = await sendDueEmails();
    log.info("outbox_run", {
      trigger: "schedule",
      durationMs: Math.round(performance.now() - started),
      ...report,
    });
    return Response.json(report);
  } catch (error) {
    log.error("outbox_run_failed", { trigger: "schedule", ...errorFacts(error) });
    return Response.json({ error: "outbox_run_failed" }, { status: 500 });
  }
}

export const config: Config = {
  schedule: "* * * * *",
};
