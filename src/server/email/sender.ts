import { createServiceClient, getSupabaseEnv } from "../supabase.ts";
import { readEmailEnv } from "./config.ts";
import { deliverOutbox, type DeliveryReport } from "./outbox.ts";
import { createSmtpTransport } from "./transport.ts";
import { errorFacts, log } from "../log.ts";

/**
 * One run of the outbox sender with the configured database and mail server. `servingOrigin` is
 * the address of the site whose request started the run, for links on a developer's machine.
 */
export async function sendDueEmails(servingOrigin?: string): Promise<DeliveryReport> {
  const env = readEmailEnv(undefined, servingOrigin);
  return deliverOutbox({ client: createServiceClient(), transport: createSmtpTransport(env), env });
}

/**
 * The same run, for after a response has gone out (a new idea's receipt a moment after it was
 * stored): never throws, logs what went wrong. The scheduled sender sends whatever this misses.
 */
export async function sendDueEmailsInBackground(servingOrigin?: string): Promise<void> {
  try {
    // Without the secret key here, only the scheduled sender (which has it) sends.
    if (!getSupabaseEnv().SUPABASE_SECRET_KEY) return;
    const report = await sendDueEmails(servingOrigin);
    log.info("outbox_run", { trigger: "submission", ...report });
  } catch (error) {
    log.error("outbox_run_failed", { trigger: "submission", ...errorFacts(error) });
  }
}
