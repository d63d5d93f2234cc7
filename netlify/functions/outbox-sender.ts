import type { Config } from "@netlify/functions";
import { sendDueEmails } from "../../src/server/email/sender.ts";

/**
 * Every minute: sends the e-mails waiting in the outbox (receipts, questions, decisions) and
 * retries the ones that failed, after their back-off. Not reachable over HTTP in production.
 * A failed run is logged and the next run tries again; nothing is lost, because the rows stay
 * pending in the database.
 */
export default async function outboxSender(): Promise<Response> {
  try {
    const report = await sendDueEmails();
    console.info(
      JSON.stringify({ level: "info", event: "outbox_run", trigger: "schedule", ...report }),
    );
    return Response.json(report);
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        event: "outbox_run_failed",
        trigger: "schedule",
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return Response.json({ error: "outbox_run_failed" }, { status: 500 });
  }
}

export const config: Config = {
  schedule: "* * * * *",
};
