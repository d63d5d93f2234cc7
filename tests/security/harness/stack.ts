import pg from "pg";
import { createClient } from "@supabase/supabase-js";
import { startLocalSupabase } from "../../support/local-supabase.ts";

/** The password of the demo accounts in supabase/seed.sql (local only). */
export const demoPassword = "Innovation-2026!";

/** Everyone who can call the api, from the least trusted to the server itself. */
export const actors = [
  "anon",
  "tokenHolder",
  "skovdeReviewer",
  "lidkopingReviewer",
  "regionReviewer",
  "coordinator",
  "serviceRole",
] as const;
export type Actor = (typeof actors)[number];

const demoAccounts = {
  skovdeReviewer: "granskare.skovde@example.se",
  lidkopingReviewer: "granskare.lidkoping@example.se",
  regionReviewer: "granskare.region@example.se",
  coordinator: "samordnare@example.se",
} as const;

/** What PostgREST answered: the function's result, or its error with the HTTP status. */
export interface ApiResult {
  data: unknown;
  error: { code: string; message: string; details: string | null } | null;
  status: number;
}

/** A fresh local Supabase (migrations and seed applied) with a client per actor. */
export interface SecurityStack {
  /** Calls `api.<fn>` through supabase-js as the actor. The token holder is anon with a token in hand. */
  call(actor: Actor, fn: string, args?: Record<string, unknown>): Promise<ApiResult>;
  /** A superuser connection to the same database, for catalog checks and fixtures only. */
  db: pg.Client;
  databaseUrl: string;
  /** PGlite serves one connection at a time; some tests need the real PostgreSQL. */
  onPglite: boolean;
  stop(): Promise<void>;
}

function apiClient(url: string, key: string) {
  return createClient(url, key, {
    db: { schema: "api" },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}
type ApiClient = ReturnType<typeof apiClient>;

/** Starts the local Supabase, signs the demo accounts in and opens the superuser connection. */
export async function startSecurityStack(): Promise<SecurityStack> {
  const local = await startLocalSupabase();
  const clients = {} as Record<Actor, ApiClient>;
  clients.anon = apiClient(local.url, local.publishableKey);
  clients.tokenHolder = clients.anon;
  clients.serviceRole = apiClient(local.url, local.secretKey);
  for (const [actor, email] of Object.entries(demoAccounts) as [Actor, string][]) {
    const client = apiClient(local.url, local.publishableKey);
    const { error } = await client.auth.signInWithPassword({ email, password: demoPassword });
    if (error) throw new Error(`Kunde inte logga in ${email}: ${error.message}`);
    clients[actor] = client;
  }
  const db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ version: string }>("select version()");
  return {
    async call(actor, fn, args = {}) {
      const { data, error, status } = await clients[actor].rpc(fn, args);
      return {
        data,
        error: error
          ? { code: error.code, message: error.message, details: error.details ?? null }
          : null,
        status,
      };
    },
    db,
    databaseUrl: local.databaseUrl,
    onPglite: rows[0]?.version.includes("PGlite") ?? false,
    async stop() {
      await db.end();
      await local.stop();
    },
  };
}
