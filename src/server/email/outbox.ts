import { z } from "zod";
import type { ApiClient } from "../supabase.ts";
import type { EmailEnv } from "./config.ts";
import { renderOutboxEmail, UnrenderableEmail } from "./templates.ts";
import { errorFacts, log, type LogFacts } from "../log.ts";

/** The one thing the sender needs from a mail library; nodemailer's transporter fits it. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
}

/** What one run of the sender did, for its log line and for tests. */
export interface DeliveryReport {
  claimed: number;
  sent: number;
  /** Will be tried again after a back-off. */
  retrying: number;
  /** Will never be sent: unrenderable, refused for good, or out of attempts. */
  dead: number;
}

const claimedRowSchema = z.array(
  z.object({
    id: z.number().int(),
    template: z.string(),
    recipient: z.string(),
    payload: z.unknown(),
    attempts: z.number().int(),
  }),
);

/** A validated address with no way to smuggle in another header (AS-05). */
const recipientSchema = z
  .email()
  .max(254)
  .regex(/^[^\r\n]*$/);

/** SMTP replies 5xx: the server refuses this message for good (unknown mailbox, policy). */
function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Never the recipient or the content (src/server/log.ts holds the line to codes and counts). */
function logDelivery(event: string, facts: LogFacts) {
  log.info(event, facts);
}

/**
 * Sends the due e-mails of the outbox once: claims a batch (rows another sender holds are
 * skipped), renders each from its template, hands it to the mail server and records the outcome.
 * A row marked sent is never claimed again, so running this twice, or on two instances at once,
 * sends an e-mail at most once while its lease holds (NF-08, RL-05). A mail server that is down
 * leaves the rows pending with a back-off: submissions never wait for e-mail (RL-07).
 */
export async function deliverOutbox(options: {
  client: ApiClient;
  transport: MailTransport;
  env: EmailEnv;
  batchSize?: number;
}): Promise<DeliveryReport> {
  const { client, transport, env } = options;
  const report: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, dead: 0 };
  const claimed = await client.rpc("claim_outbox_emails", { batch_size: options.batchSize ?? 20 });
  if (claimed.error)
    throw new Error(`api.claim_outbox_emails: ${claimed.error.code} ${claimed.error.message}`);
  const rows = claimedRowSchema.parse(claimed.data ?? []);
  report.claimed = rows.length;
  const host = new URL(env.SITE_URL).hostname;

  for (const row of rows) {
    try {
      const recipient = recipientSchema.safeParse(row.recipient);
      if (!recipient.success)
        throw new UnrenderableEmail("Mottagarens adress går inte att använda.");
      const email = renderOutboxEmail(row.template, row.payload, env.SITE_URL);
      await transport.sendMail({
        from: env.EMAIL_FROM,
        to: recipient.data,
        subject: email.subject,
        text: email.text,
        // The same id on every attempt, so a receiving server can drop a repeat.
        messageId: `<outbox-${row.id}@${host}>`,
        headers: { "Auto-Submitted": "auto-generated" },
      });
    } catch (error) {
      const permanent = error instanceof UnrenderableEmail || isPermanentRefusal(error);
      const failed = await client.rpc("mark_outbox_email_failed", {
        email_id: row.id,
        error: describe(error),
        permanent,
      });
      const status = failed.error ? "unrecorded" : failed.data;
      if (status === "dead") report.dead += 1;
      else report.retrying += 1;
      logDelivery("email_failed", {
        id: row.id,
        template: row.template,
        attempt: row.attempts,
        status,
        ...errorFacts(error),
      });
      continue;
    }
    const marked = await client.rpc("mark_outbox_email_sent", { email_id: row.id });
    if (marked.error) {
      // Sent but not recorded: the lease runs out and the row is sent again (at least once).
      logDelivery("email_sent_unrecorded", {
        id: row.id,
        template: row.template,
        code: marked.error.code,
      });
    }
    report.sent += 1;
    logDelivery("email_sent", { id: row.id, template: row.template, attempt: row.attempts });
  }
  return report;
}
