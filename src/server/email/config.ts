import { z } from "zod";
import { isDeployed } from "../supabase.ts";

/**
 * The local mail catcher (`npm run dev`, `npm run supabase:start`) and the dev server's address:
 * what a developer's machine uses when nothing is configured.
 */
export const localEmailEnv = {
  SMTP_URL: "smtp://127.0.0.1:54325",
  EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
  SITE_URL: "http://localhost:4321",
} as const;

/** No line breaks: a header value must never be able to start another header (AS-05). */
const headerSafe = /^[^\r\n]*$/;

/** What the e-mail sender needs. Messages say what to set, in Swedish. */
export const emailEnvSchema = z.object({
  /** The mail server, e.g. smtps://user:password@smtp.example.se:465; secret in production. */
  SMTP_URL: z.url({
    protocol: /^smtps?$/,
    error:
      "SMTP_URL saknas eller är fel. Ange e-postserverns adress, till exempel smtps://användare:lösenord@smtp.example.se:465.",
  }),
  /** The sender as the bearer sees it, e.g. "Innovationsslussen <no-reply@example.se>". */
  EMAIL_FROM: z
    .string({ error: "EMAIL_FROM saknas. Ange avsändaren, till exempel no-reply@example.se." })
    .min(3, { error: "EMAIL_FROM saknas. Ange avsändaren, till exempel no-reply@example.se." })
    .regex(headerSafe, { error: "EMAIL_FROM får inte innehålla radbrytningar." }),
  /** The public site, for links in the e-mails. */
  SITE_URL: z.url({
    protocol: /^https?$/,
    error:
      "SITE_URL saknas eller är fel. Ange webbplatsens adress, till exempel https://example.se.",
  }),
});

/** SMTP_URL, EMAIL_FROM and SITE_URL, validated. */
export type EmailEnv = z.infer<typeof emailEnvSchema>;

/**
 * Reads and validates the settings at each use. On a developer's machine anything unset falls back
 * to the local mail catcher; a deployed function must have SMTP_URL and EMAIL_FROM, and takes the
 * site's address from SITE_URL or Netlify's own URL.
 */
export function readEmailEnv(env: NodeJS.ProcessEnv = process.env): EmailEnv {
  const deployed = isDeployed(env);
  const given = {
    SMTP_URL: env.SMTP_URL || (deployed ? undefined : localEmailEnv.SMTP_URL),
    EMAIL_FROM: env.EMAIL_FROM || (deployed ? undefined : localEmailEnv.EMAIL_FROM),
    SITE_URL: env.SITE_URL || env.URL || (deployed ? undefined : localEmailEnv.SITE_URL),
  };
  const result = emailEnvSchema.safeParse(given);
  if (!result.success) {
    throw new Error(
      `E-post är inte konfigurerat:\n${result.error.issues.map((issue) => `- ${issue.message}`).join("\n")}`,
    );
  }
  return result.data;
}
