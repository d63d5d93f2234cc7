import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { z } from "zod";
import type { Database } from "./database.types.ts";

/**
 * The local Supabase's address and keys (`npm run dev`, `npm run supabase:start`). The keys are the
 * Supabase CLI's public development constants (docs/local-supabase.md): they open nothing but a
 * database on this machine and must never be configured for a hosted project.
 */
export const localSupabaseEnv = {
  SUPABASE_URL: "http://127.0.0.1:54321",
  SUPABASE_PUBLISHABLE_KEY: "sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH",
  SUPABASE_SECRET_KEY: "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz",
} as const;

/** The environment the functions need to reach Supabase. Messages say what to set, in Swedish. */
export const supabaseEnvSchema = z.object({
  /** The project's API address, e.g. https://<ref>.supabase.co (hosted) or http://127.0.0.1:54321 (local). */
  SUPABASE_URL: z.url({
    error:
      "SUPABASE_URL saknas eller är ingen adress. Ange projektets adress, till exempel https://xyz.supabase.co.",
  }),
  /** The publishable key: calls run as `anon`, or as the signed-in reviewer with their token. */
  SUPABASE_PUBLISHABLE_KEY: z
    .string({ error: "SUPABASE_PUBLISHABLE_KEY saknas." })
    .startsWith("sb_publishable_", {
      error:
        "SUPABASE_PUBLISHABLE_KEY ska vara projektets publishable key (börjar med sb_publishable_).",
    }),
  /**
   * The secret key (`service_role`, bypasses row-level security): server side only, never in a
   * browser. Only the functions that need it (inviting reviewers, scheduled jobs) require it.
   */
  SUPABASE_SECRET_KEY: z
    .string()
    .startsWith("sb_secret_", {
      error: "SUPABASE_SECRET_KEY ska vara projektets secret key (börjar med sb_secret_).",
    })
    .optional(),
});

/** SUPABASE_URL, SUPABASE_PUBLISHABLE_KEY and (where configured) SUPABASE_SECRET_KEY, validated. */
export type SupabaseEnv = z.infer<typeof supabaseEnvSchema>;

const names = ["SUPABASE_URL", "SUPABASE_PUBLISHABLE_KEY", "SUPABASE_SECRET_KEY"] as const;

/**
 * A deployed function (AWS Lambda under Netlify) or a Netlify build, as opposed to `netlify dev` /
 * `astro dev` on a developer's machine. There, missing settings are an error, never a fallback.
 */
export function isDeployed(env: NodeJS.ProcessEnv): boolean {
  // Netlify's local runtime (`netlify dev`, @netlify/dev) sets AWS_LAMBDA_FUNCTION_NAME too.
  if (env.NETLIFY_DEV === "true" || env.NETLIFY_LOCAL === "true") return false;
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME) || env.NETLIFY === "true";
}

/**
 * Reads and validates the settings. When none of the three is set and the code does not run in a
 * deployed Netlify function or build, the local Supabase's address and keys are used, so
 * `npm run dev` works without a .env file. A wrong value, or a URL without its publishable key,
 * fails with a message naming the variable.
 */
export function readSupabaseEnv(env: NodeJS.ProcessEnv = process.env): SupabaseEnv {
  const given = Object.fromEntries(names.map((name) => [name, env[name] || undefined]));
  if (names.every((name) => given[name] === undefined) && !isDeployed(env))
    return { ...localSupabaseEnv };
  const result = supabaseEnvSchema.safeParse(given);
  if (!result.success) {
    throw new Error(
      `Supabase är inte konfigurerat:\n${result.error.issues.map((issue) => `- ${issue.message}`).join("\n")}`,
    );
  }
  return result.data;
}

/**
 * The settings, validated at each use (microseconds), so a wrong setting fails the first request
 * loudly and tests can point the functions at another database.
 */
export function getSupabaseEnv(): SupabaseEnv {
  return readSupabaseEnv();
}

/** Milliseconds one Supabase request may take; well below the functions' own limit, so a hanging database gives a clean 503. */
export const supabaseRequestTimeoutMs = 10_000;

/** A typed supabase-js client for the `api` schema; it keeps no session and refreshes nothing on its own. */
export type ApiClient = SupabaseClient<Database, "api">;

/** The names of the `api` functions, as the generated types know them. */
export type ApiFunctionName = keyof Database["api"]["Functions"];

function createApiClient(key: string, headers: Record<string, string> = {}): ApiClient {
  const { SUPABASE_URL } = getSupabaseEnv();
  return createClient<Database, "api">(SUPABASE_URL, key, {
    db: { schema: "api" },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      headers,
      fetch: (input, init) => {
        const timeout = AbortSignal.timeout(supabaseRequestTimeoutMs);
        return fetch(input, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
        });
      },
    },
  });
}

/** Calls as `anon` with the publishable key: what a visitor or idea bearer may do. */
export function createAnonClient(): ApiClient {
  return createApiClient(getSupabaseEnv().SUPABASE_PUBLISHABLE_KEY);
}

/**
 * Calls as the signed-in reviewer whose access token is given (from the session cookie); the
 * database sees their user id through auth.uid() and row-level security applies.
 */
export function createUserClient(accessToken: string): ApiClient {
  return createApiClient(getSupabaseEnv().SUPABASE_PUBLISHABLE_KEY, {
    Authorization: `Bearer ${accessToken}`,
  });
}

/**
 * Calls as `service_role` with the secret key, bypassing row-level security: for the Auth admin API
 * (inviting reviewers) and scheduled jobs only. Never reachable from a visitor's request without an
 * explicit authorization check in the function.
 */
export function createServiceClient(): ApiClient {
  const { SUPABASE_SECRET_KEY } = getSupabaseEnv();
  if (!SUPABASE_SECRET_KEY) {
    throw new Error(
      "Supabase är inte konfigurerat:\n- SUPABASE_SECRET_KEY saknas (behövs av den här funktionen).",
    );
  }
  return createApiClient(SUPABASE_SECRET_KEY);
}

/** What /api/health reports about the database. */
export type DatabaseHealth = "ok" | "unavailable";

/**
 * Whether the database answers: `api.whoami()` as anon within `timeoutMs`. Any failure is
 * "unavailable"; the cause is logged without request data, never returned.
 */
export async function checkDatabase(timeoutMs = 3_000): Promise<DatabaseHealth> {
  try {
    const { data, error } = await createAnonClient()
      .rpc("whoami")
      .abortSignal(AbortSignal.timeout(timeoutMs));
    if (!error && data?.role === "anon") return "ok";
    console.error(
      JSON.stringify({
        level: "error",
        check: "database",
        code: error?.code ?? "unexpected_result",
      }),
    );
  } catch (error) {
    console.error(
      JSON.stringify({ level: "error", check: "database", error: (error as Error).name }),
    );
  }
  return "unavailable";
}
