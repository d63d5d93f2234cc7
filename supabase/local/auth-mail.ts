import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Transporter } from "nodemailer";
import type { LocalConfig } from "./config.ts";

/**
 * The Auth e-mails, by the key config.toml uses for their templates (`[auth.email.template.<kind>]`).
 * The local server sends invitations, magic links, password resets and reauthentication codes;
 * `confirmation` (sign-up) and `email_change` are listed so their templates are checked too.
 */
export const authMailKinds = [
  "invite",
  "magic_link",
  "recovery",
  "reauthentication",
  "confirmation",
  "email_change",
] as const;

/** One of {@link authMailKinds}. */
export type AuthMailKind = (typeof authMailKinds)[number];

/**
 * GoTrue's built-in templates (supabase/auth internal/mailer/templatemailer), used unless config.toml
 * names a template of its own. The project's own are Swedish, in supabase/templates/.
 */
const defaultTemplates: Record<AuthMailKind, { subject: string; html: string }> = {
  invite: {
    subject: "You've been invited",
    html: `<h2>You've been invited</h2>

<p>You've been invited to create an account. Follow the link below to accept.</p>
<p><a href="{{ .ConfirmationURL }}">Accept invitation</a></p>`,
  },
  magic_link: {
    subject: "Your sign-in link",
    html: `<h2>Your sign-in link</h2>

<p>Follow the link below to sign in. This link expires shortly and can only be used once.</p>
<p><a href="{{ .ConfirmationURL }}">Sign in</a></p>`,
  },
  recovery: {
    subject: "Reset your password",
    html: `<h2>Reset your password</h2>

<p>We received a request to reset your password. Follow the link below to choose a new one.</p>
<p><a href="{{ .ConfirmationURL }}">Reset password</a></p>
<p>If you didn't request this, you can safely ignore this email.</p>`,
  },
  reauthentication: {
    subject: "{{ .Token }} is your verification code",
    html: `<h2>Your verification code</h2>

<p>Use the code below to verify your identity. It expires shortly.</p>
<p>{{ .Token }}</p>`,
  },
  confirmation: {
    subject: "Confirm your email address",
    html: `<h2>Confirm your email address</h2>

<p>Follow the link below to confirm this email address and finish signing up.</p>
<p><a href="{{ .ConfirmationURL }}">Confirm email address</a></p>`,
  },
  email_change: {
    subject: "Confirm your new email address",
    html: `<h2>Confirm your new email address</h2>

<p>Follow the link below to confirm {{ .NewEmail }} as your new email address.</p>
<p><a href="{{ .ConfirmationURL }}">Confirm new email address</a></p>
<p>If you didn't request this change, you can safely ignore this email.</p>`,
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
  /** Only in e-mail change messages: the address being confirmed. */
  NewEmail?: string;
}

/** The placeholder names {@link renderTemplate} fills; a template using others is a mistake. */
export const authMailPlaceholders: readonly string[] = [
  "ConfirmationURL",
  "Token",
  "TokenHash",
  "SiteURL",
  "RedirectTo",
  "Email",
  "NewEmail",
];

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&#34;")
    .replaceAll("'", "&#39;");
}

/**
 * Fills `{{ .Name }}` placeholders; in HTML, escaped as Go's html/template would. Only plain
 * placeholders: GoTrue's templates are Go templates, and the project's are written to use nothing
 * else (no `if`, no `.Data`), so they render the same here and on hosted Supabase.
 */
export function renderTemplate(
  template: string,
  values: AuthMailValues,
  format: "html" | "text" = "html",
): string {
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name as keyof AuthMailValues] : undefined;
    if (value === undefined) return whole;
    return format === "html" ? escapeHtml(value) : value;
  });
}

/** Sends Auth's e-mails over SMTP to the local mail catcher, as GoTrue sends them to Mailpit. */
export interface AuthMailer {
  send(kind: AuthMailKind, to: string, values: AuthMailValues): Promise<void>;
}

/**
 * The subject and HTML of one kind of Auth e-mail: config.toml's `[auth.email.template.<kind>]`
 * subject and `content_path`, or GoTrue's default for what is not set. `content_path` is relative
 * to the project root (the directory holding supabase/), as the Supabase CLI resolves it, so
 * `./supabase/templates/invite.html`. Read on every e-mail, so an edited template applies at once.
 */
export async function loadAuthMailTemplate(
  config: LocalConfig,
  root: string,
  kind: AuthMailKind,
): Promise<{ subject: string; html: string }> {
  const configured = config.auth.email.template[kind];
  return {
    subject: configured?.subject ?? defaultTemplates[kind].subject,
    html: configured?.content_path
      ? await readFile(join(root, configured.content_path), "utf8")
      : defaultTemplates[kind].html,
  };
}

/**
 * A mailer for the SMTP server on 127.0.0.1:`smtpPort`, with config.toml's sender and templates
 * (see {@link loadAuthMailTemplate}).
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
      const { subject, html } = await loadAuthMailTemplate(config, root, kind);
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
