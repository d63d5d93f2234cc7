import { environment, isDeployed, requireEnv, type EnvSource } from "../env.ts";

/**
 * The local mail catcher (`npm run dev`, `npm run supabase:start`) and the dev server's address:
 * what a developer's machine uses when nothing is configured.
 */
export const localEmailEnv = {
  SMTP_URL: "smtp://127.0.0.1:54325",
  EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
  SITE_URL: "http://localhost:4321",
} as const;

/** SMTP_URL, EMAIL_FROM and SITE_URL, validated. */
export interface EmailEnv {
  /** The mail server, e.g. smtps://user:password@smtp.example.se:465; secret in production. */
  SMTP_URL: string;
  /** The sender as the bearer sees it, e.g. "Innovationsslussen <no-reply@example.se>". */
  EMAIL_FROM: string;
  /** The public site, for links in the e-mails. */
  SITE_URL: string;
}

/**
 * Reads and validates the settings at each use (src/server/env.ts). On a developer's machine
 * anything unset falls back to the local mail catcher, and links point at the site that served the
 * request (`servingOrigin`: the production build on port 8888 links to 8888), else the dev server.
 * A deployed function must have SMTP_URL and EMAIL_FROM, and takes the site's address from SITE_URL
 * or Netlify's own URL – never from a request, whose Host a caller chooses.
 */
export function readEmailEnv(source: EnvSource = environment(), servingOrigin?: string): EmailEnv {
  const deployed = isDeployed(source);
  return requireEnv(["SMTP_URL", "EMAIL_FROM", "SITE_URL"], "E-post är inte konfigurerat", {
    SMTP_URL: source.SMTP_URL || (deployed ? undefined : localEmailEnv.SMTP_URL),
    EMAIL_FROM: source.EMAIL_FROM || (deployed ? undefined : localEmailEnv.EMAIL_FROM),
    SITE_URL:
      source.SITE_URL ||
      source.URL ||
      (deployed ? undefined : (servingOrigin ?? localEmailEnv.SITE_URL)),
  });
}
