import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "./database.types.ts";
import { environment, isDeployed, requireEnv, type EnvSource } from "./env.ts";
import { errorFacts, log } from "./log.ts";

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

/** SUPABASE_URL, SUPABASE_PUBLISHABLE_KEY and (where configured) SUPABASE_SECRET_KEY, validated. */
export interface SupabaseEnv {
  SUPABASE_URL: string;
  SUPABASE_PUBLISHABLE_KEY: string;
  /** Only the functions that need it (inviting reviewers, scheduled jobs) require it. */
  SUPABASE_SECRET_KEY?: string;
}

const names = ["SUPABASE_URL", "SUPABASE_PUBLISHABLE_KEY", "SUPABASE_SECRET_KEY"] as const;
const notConfigured = "Supabase är inte konfigurerat";

/**
 * Reads and validates the settings (src/server/env.ts). When none of the three is set and the code
 * does not run in a deployed Netlify function or build, the local Supabase's address and keys are
 * used, so `npm run dev` works without a .env file. A wrong value, or a URL without its publishable
 * key, fails with a message naming the variable.
 */
export function readSupabaseEnv(source: EnvSource = environment()): SupabaseEnv {
  if (names.every((name) => !source[name]) && !isDeployed(source)) return { ...localSupabaseEnv };
  const required = requireEnv(["SUPABASE_URL", "SUPABASE_PUBLISHABLE_KEY"], notConfigured, source);
  if (!source.SUPABASE_SECRET_KEY) return required;
  return { ...required, ...requireEnv(["SUPABASE_SECRET_KEY"], notConfigured, source) };
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

/** `fetch` with {@link supabaseRequestTimeoutMs}, for every supabase-js client the functions make. */
export const fetchWithTimeout: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(supabaseRequestTimeoutMs);
  return fetch(input, {
    ...init,
    signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
  });
};

function createApiClient(key: string, headers: Record<string, string> = {}): ApiClient {
  const { SUPABASE_URL } = getSupabaseEnv();
  return createClient<Database, "api">(SUPABASE_URL, key, {
    db: { schema: "api" },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers, fetch: fetchWithTimeout },
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
  if (!SUPABASE_SECRET_KEY) requireEnv(["SUPABASE_SECRET_KEY"], notConfigured, {});
  return createApiClient(SUPABASE_SECRET_KEY!);
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
    log.error("health_check_failed", {
      check: "database",
      code: error?.code || "unexpected_result",
    });
  } catch (error) {
    log.error("health_check_failed", { check: "database", ...errorFacts(error) });
  }
  return "unavailable";
}
