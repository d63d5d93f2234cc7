import { readFile } from "node:fs/promises";
import { parse } from "smol-toml";
import { z } from "zod";

/**
 * A Go duration as config.toml writes it ("60s", "1h30m", "876000h"), in seconds. The Supabase CLI
 * and GoTrue use Go's duration syntax, so the local server reads the same strings.
 */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== text) {
    throw new Error(`"${text}" is not a duration like "60s" or "1h30m"`);
  }
  return parts.reduce(
    (sum, [, amount, unit]) => sum + Number(amount) * (units[unit ?? "s"] ?? 1),
    0,
  );
}

const durationSchema = z.string().transform((text, context) => {
  try {
    return parseGoDuration(text);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const templateSchema = z.object({
  /** The e-mail's subject; GoTrue's default when absent. */
  subject: z.string().optional(),
  /** HTML file relative to the project root, as the CLI reads `content_path`. */
  content_path: z.string().optional(),
});

/**
 * The parts of supabase/config.toml the local server honours. Everything else in the file is for
 * `supabase start` and the hosted project; unknown keys are ignored, as the CLI's own parser would
 * reject them anyway.
 */
export const localConfigSchema = z.object({
  api: z.object({
    port: z.number().int().default(54321),
    /** The schemas PostgREST exposes; the first is the default profile. */
    schemas: z.array(z.string()).min(1),
    extra_search_path: z.array(z.string()).default(["public", "extensions"]),
    max_rows: z.number().int().positive().default(1000),
  }),
  db: z.object({
    port: z.number().int().default(54322),
    migrations: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
    seed: z
      .object({
        enabled: z.boolean().default(true),
        sql_paths: z.array(z.string()).default(["./seed.sql"]),
      })
      .default({ enabled: true, sql_paths: ["./seed.sql"] }),
  }),
  local_smtp: z
    .object({
      port: z.number().int().default(54324),
      smtp_port: z.number().int().default(54325),
      admin_email: z.string().default("admin@email.com"),
      sender_name: z.string().default("Admin"),
    })
    .default({
      port: 54324,
      smtp_port: 54325,
      admin_email: "admin@email.com",
      sender_name: "Admin",
    }),
  auth: z.object({
    site_url: z.string().url(),
    additional_redirect_urls: z.array(z.string()).default([]),
    jwt_expiry: z.number().int().positive().default(3600),
    enable_refresh_token_rotation: z.boolean().default(true),
    refresh_token_reuse_interval: z.number().int().nonnegative().default(10),
    enable_signup: z.boolean().default(true),
    enable_anonymous_sign_ins: z.boolean().default(false),
    minimum_password_length: z.number().int().min(6).default(6),
    rate_limit: z.object({
      email_sent: z.number().int().positive(),
      token_refresh: z.number().int().positive(),
      sign_in_sign_ups: z.number().int().positive(),
      token_verifications: z.number().int().positive(),
    }),
    email: z.object({
      enabled: z.boolean().default(true),
      enable_confirmations: z.boolean().default(false),
      secure_password_change: z.boolean().default(false),
      max_frequency: durationSchema.default(1),
      otp_length: z.number().int().min(6).max(10).default(6),
      otp_expiry: z.number().int().positive().default(3600),
      template: z.record(z.string(), templateSchema).default({}),
    }),
  }),
});

/** supabase/config.toml after parsing: ports, exposed schemas and the Auth settings. */
export type LocalConfig = z.infer<typeof localConfigSchema>;

/** Reads and validates supabase/config.toml; a wrong value fails start-up with the key's path. */
export async function loadLocalConfig(path: string): Promise<LocalConfig> {
  const result = localConfigSchema.safeParse(parse(await readFile(path, "utf8")));
  if (!result.success) {
    throw new Error(
      `${path} is not valid for the local Supabase:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
