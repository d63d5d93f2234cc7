import nodemailer from "nodemailer";
import type { EmailEnv } from "./config.ts";
import type { MailTransport } from "./outbox.ts";

/**
 * An SMTP connection to the configured mail server. The timeouts keep one slow server well inside
 * a scheduled function's 30 s: the rows it could not send stay pending and go next time.
 */
export function createSmtpTransport(env: EmailEnv): MailTransport {
  return nodemailer.createTransport({
    url: env.SMTP_URL,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
}
