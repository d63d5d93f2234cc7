import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Transporter } from "nodemailer";
import type { LocalConfig } from "./config.ts";

/** The Auth e-mails the local server sends, by the key config.toml uses for their templates. */
export type AuthMailKind = "invite" | "magic_link" | "recovery";

/** GoTrue's built-in templates, used unless config.toml names a template of its own. */
const defaultTemplates: Record<AuthMailKind, { subject: string; html: string }> = {
  invite: {
    subject: "You have been invited",
    html: `<h2>You have been invited</h2>

<p>You have been invited to create a user on {{ .SiteURL }}. Follow this link to accept the invite:</p>
<p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p>`,
  },
  magic_link: {
    subject: "Your Magic Link",
    html: `<h2>Magic Link</h2>

<p>Follow this link to login:</p>
<p><a href="{{ .ConfirmationURL }}">Log In</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
  },
  recovery: {
    subject: "Reset Your Password",
    html: `<h2>Reset Password</h2>

<p>Follow this link to reset the password for your user:</p>
<p><a href="{{ .ConfirmationURL }}">Reset Password</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
  },
};

/** The values a template may use, named as in GoTrue's Go templates. */
export interface AuthMailValues {
  ConfirmationURL: string;
  Token: string;
  TokenHash: string;
  SiteURL: string;
  RedirectTo: string;
  Email: string;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&#34;")
    .replaceAll("'", "&#39;");
}

/** Fills `{{ .Name }}` placeholders; in HTML, escaped as Go's html/template would. */
export function renderTemplate(
  template: string,
  values: AuthMailValues,
  format: "html" | "text" = "html",
): string {
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    const value = values[name as keyof AuthMailValues];
    return format === "html" ? escapeHtml(value) : value;
  });
}

/** Sends Auth's e-mails over SMTP to the local mail catcher, as GoTrue sends them to Mailpit. */
export interface AuthMailer {
  send(kind: AuthMailKind, to: string, values: AuthMailValues): Promise<void>;
}

/**
 * A mailer for the SMTP server on 127.0.0.1:`smtpPort`, with config.toml's sender and templates
 * (`[auth.email.template.<kind>]` subject and content_path, relative to the project root).
 */
export function createAuthMailer(config: LocalConfig, root: string, smtpPort: number): AuthMailer {
  // nodemailer is loaded with the first e-mail, not at start-up.
  let transport: Transporter | null = null;
  const connect = async () => {
    const nodemailer = (await import("nodemailer")).default;
    transport ??= nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    return transport;
  };
  const { admin_email: address, sender_name: name } = config.local_smtp;
  return {
    async send(kind, to, values) {
      const configured = config.auth.email.template[kind];
      const subject = configured?.subject ?? defaultTemplates[kind].subject;
      const html = configured?.content_path
        ? await readFile(join(root, configured.content_path), "utf8")
        : defaultTemplates[kind].html;
      await (
        await connect()
      ).sendMail({
        from: { name, address },
        to,
        subject: renderTemplate(subject, values, "text"),
        html: renderTemplate(html, values),
      });
    },
  };
}
