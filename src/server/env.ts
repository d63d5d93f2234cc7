import { z } from "zod";

/**
 * Every environment variable the code reads, in one schema: what it is for, and what a wrong value
 * gets as a message (in Swedish, naming the variable). `.env.example` lists the same names with an
 * explanation, and `env.test.ts` fails when the code reads a variable this schema does not know or
 * `.env.example` does not explain. Nothing else in `src/`, `netlify/` or `scripts/` touches
 * `process.env` (an ESLint rule enforces it).
 *
 * Every variable is optional at this level: which ones a feature needs, and what it falls back to on
 * a developer's machine, is decided by that feature's reader (`readSupabaseEnv`, `readEmailEnv`,
 * `siteOrigin` …), so a function that needs no e-mail never fails for a missing SMTP_URL.
 */
const text = z.string().min(1);
const flag = z.enum(["true", "false"]);

/**
 * Each variable's schema, with the message a missing or wrong value gets. The features that need a
 * variable require it (see {@link requireEnv}); everything else may leave it unset.
 */
export const envFields = {
  /** The public origin of the site, e.g. https://innovationsslussen.skaraborg.se: links in e-mails, canonical links, the sitemap. */
  SITE_URL: z.url({
    protocol: /^https?$/,
    error:
      "SITE_URL saknas eller är fel. Ange webbplatsens adress, till exempel https://example.se.",
  }),
  /** Set by Netlify: the site's main address. Used when SITE_URL is not set. */
  URL: z.url({ protocol: /^https?$/, error: "URL (satt av Netlify) är ingen giltig adress." }),
  /** Set by Netlify builds: production, deploy-preview, branch-deploy or dev. */
  CONTEXT: text,
  /** Set by Netlify in builds and deployed functions. */
  NETLIFY: flag,
  /** Set by Netlify's local runtime (`netlify dev`, @netlify/dev). */
  NETLIFY_DEV: flag,
  /** Set by Netlify's local runtime. */
  NETLIFY_LOCAL: flag,
  /** Set by AWS Lambda, which runs deployed Netlify functions (and, locally, by Netlify's runtime too). */
  AWS_LAMBDA_FUNCTION_NAME: text,

  /** The Supabase project's API address, e.g. https://<ref>.supabase.co (hosted) or http://127.0.0.1:54321 (local). */
  SUPABASE_URL: z.url({
    error:
      "SUPABASE_URL saknas eller är ingen adress. Ange projektets adress, till exempel https://xyz.supabase.co.",
  }),
  /** The publishable key (sb_publishable_…): calls run as anon, or as the signed-in reviewer. */
  SUPABASE_PUBLISHABLE_KEY: z
    .string({ error: "SUPABASE_PUBLISHABLE_KEY saknas." })
    .startsWith("sb_publishable_", {
      error:
        "SUPABASE_PUBLISHABLE_KEY ska vara projektets publishable key (börjar med sb_publishable_).",
    }),
  /** The secret key (sb_secret_…, bypasses row-level security): server side only, never in a browser. */
  SUPABASE_SECRET_KEY: z
    .string({ error: "SUPABASE_SECRET_KEY saknas (behövs av den här funktionen)." })
    .startsWith("sb_secret_", {
      error: "SUPABASE_SECRET_KEY ska vara projektets secret key (börjar med sb_secret_).",
    }),

  /** The mail server, e.g. smtps://user:password@smtp.example.se:465. A secret. */
  SMTP_URL: z.url({
    protocol: /^smtps?$/,
    error:
      "SMTP_URL saknas eller är fel. Ange e-postserverns adress, till exempel smtps://användare:lösenord@smtp.example.se:465.",
  }),
  /** The sender the bearer sees, e.g. "Innovationsslussen <no-reply@example.se>". No line breaks (AS-05). */
  EMAIL_FROM: z
    .string({ error: "EMAIL_FROM saknas. Ange avsändaren, till exempel no-reply@example.se." })
    .min(3, { error: "EMAIL_FROM saknas. Ange avsändaren, till exempel no-reply@example.se." })
    .regex(/^[^\r\n]*$/, { error: "EMAIL_FROM får inte innehålla radbrytningar." }),

  /**
   * Minutes a reviewer's session lasts without a request (the idle timeout, AS-09); default 30. The
   * workspace warns two minutes before. 5–480.
   */
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: "SESSION_IDLE_MINUTES ska vara ett antal minuter, till exempel 30." })
    .int({ error: "SESSION_IDLE_MINUTES ska vara ett helt antal minuter, till exempel 30." })
    .min(5, { error: "SESSION_IDLE_MINUTES ska vara minst 5 minuter." })
    .max(480, { error: "SESSION_IDLE_MINUTES får vara högst 480 minuter (8 timmar)." }),
  /**
   * Hours a reviewer's session lasts in all, however active (the absolute lifetime, AS-09); default
   * 12, so a session never outlives a working day. 1–168.
   */
  SESSION_LIFETIME_HOURS: z.coerce
    .number({ error: "SESSION_LIFETIME_HOURS ska vara ett antal timmar, till exempel 12." })
    .int({ error: "SESSION_LIFETIME_HOURS ska vara ett helt antal timmar, till exempel 12." })
    .min(1, { error: "SESSION_LIFETIME_HOURS ska vara minst 1 timme." })
    .max(168, { error: "SESSION_LIFETIME_HOURS får vara högst 168 timmar (en vecka)." }),

  /**
   * `true` makes the daily gallring job only list what it would remove (logged as counts), without
   * removing anything: for a new deployment until the region's archivist has confirmed the
   * retention rules. Unset or `false`: the job removes what is past its date.
   */
  GALLRING_DRY_RUN: flag,
  /**
   * The Netlify build hook that rebuilds the site when the idea bank changes (a publication, an
   * unpublication, interest in a published idea), e.g. https://api.netlify.com/build_hooks/<id>. A
   * secret: anyone holding it can start builds. Unset, no build is started (logged, not an error)
   * and a change shows after the next deploy.
   */
  BUILD_HOOK_URL: z.url({
    protocol: /^https?$/,
    error:
      "BUILD_HOOK_URL är ingen adress. Ange byggkrokens adress, till exempel https://api.netlify.com/build_hooks/….",
  }),

  /**
   * `true` lets `npm run build` publish an empty idea bank and empty statistics when the database
   * cannot be read (a first deploy). The idea form is never built without municipalities.
   */
  ALLOW_EMPTY_DATA: flag,

  /** Local tooling only: run the local Supabase on this PostgreSQL instead of the embedded PGlite. */
  DATABASE_URL: z.url({
    protocol: /^postgres(ql)?$/,
    error:
      "DATABASE_URL är ingen PostgreSQL-adress. Ange till exempel postgresql://postgres@127.0.0.1:5432/postgres.",
  }),
  /** Local tooling only: the port `npm run serve` listens on (default 8888). */
  PORT: z.coerce
    .number({ error: "PORT ska vara ett portnummer, till exempel 8888." })
    .int({ error: "PORT ska vara ett portnummer, till exempel 8888." })
    .min(1, { error: "PORT ska vara ett portnummer, till exempel 8888." })
    .max(65535, { error: "PORT ska vara ett portnummer, till exempel 8888." }),
} as const;

type EnvFields = typeof envFields;

/** Every variable, each optional: what `readEnv` parses. */
export const envSchema = z.object(
  Object.fromEntries(
    Object.entries(envFields).map(([name, field]) => [name, field.optional()]),
  ) as { [K in keyof EnvFields]: z.ZodOptional<EnvFields[K]> },
);

/** The environment, parsed. */
export type Env = z.infer<typeof envSchema>;

/** The names the code may read. */
export const envNames = Object.keys(envSchema.shape) as (keyof Env)[];

/** A variable that is set but wrong; the message names it and says what to set. */
export class EnvError extends Error {
  constructor(issues: readonly string[]) {
    super(`Miljövariablerna är inte rätt inställda:\n${issues.map((i) => `- ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/**
 * Parses the environment. Empty strings count as unset (a `.env` line `SITE_URL=` means "not
 * set"). Parsed at each call – microseconds – so tests and the local runtime can point the functions
 * at another database between calls, and a wrong value fails the first request that needs it.
 */
export function readEnv(source: EnvSource = environment()): Env {
  const given = Object.fromEntries(envNames.map((name) => [name, source[name] || undefined]));
  const result = envSchema.safeParse(given);
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => issue.message));
  return result.data;
}

/**
 * The given variables, required: for a feature that cannot work without them. `prefix` says which
 * feature ("Supabase är inte konfigurerat"); each missing or wrong variable gets its own line.
 */
export function requireEnv<K extends keyof EnvFields>(
  names: readonly K[],
  prefix: string,
  source: EnvSource = environment(),
): { [N in K]: z.infer<EnvFields[N]> } {
  const shape = Object.fromEntries(names.map((name) => [name, envFields[name]]));
  const given = Object.fromEntries(names.map((name) => [name, source[name] || undefined]));
  const result = z.object(shape).safeParse(given);
  if (!result.success) {
    throw new Error(`${prefix}:\n${result.error.issues.map((i) => `- ${i.message}`).join("\n")}`);
  }
  return result.data as { [N in K]: z.infer<EnvFields[N]> };
}

/** What the process environment looks like to the readers: names to raw strings. */
export type EnvSource = Record<string, string | undefined>;

/** The process's environment: the only place the code touches `process.env`. */
export function environment(): EnvSource {
  return process.env;
}

/**
 * A deployed function (AWS Lambda under Netlify) or a Netlify build, as opposed to a developer's
 * machine (`npm run dev`, `npm run serve`, tests). Deployed, a missing setting is an error, never a
 * fallback to the local development services.
 */
export function isDeployed(source: EnvSource = environment()): boolean {
  // Netlify's local runtime (`netlify dev`, @netlify/dev) sets AWS_LAMBDA_FUNCTION_NAME too.
  if (source.NETLIFY_DEV === "true" || source.NETLIFY_LOCAL === "true") return false;
  return Boolean(source.AWS_LAMBDA_FUNCTION_NAME) || source.NETLIFY === "true";
}

/**
 * The site's own origin for links that leave the request (e-mails): SITE_URL, else Netlify's URL;
 * on a developer's machine, the origin of the request being answered (so the production build on
 * port 8888 links to 8888), else the dev server's. Never the Host header in a deployed function,
 * where it could be chosen by the caller.
 */
export function siteOrigin(requestUrl?: string, source: EnvSource = environment()): string {
  const env = readEnv(source);
  const configured = env.SITE_URL ?? env.URL;
  if (configured) return new URL(configured).origin;
  if (isDeployed(source)) {
    throw new EnvError([
      "SITE_URL saknas. Ange webbplatsens adress, till exempel https://example.se.",
    ]);
  }
  return requestUrl ? new URL(requestUrl).origin : "http://localhost:4321";
}
