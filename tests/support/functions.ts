import type { NetlifyDev } from "@netlify/dev";
import pg from "pg";
import { startNetlifyDev } from "../../scripts/serve.ts";
import { startLocalSupabase, type TestSupabase } from "./local-supabase.ts";

/** The functions behind Netlify's local request chain, on a local Supabase of the test file's own. */
export interface FunctionsStack {
  local: TestSupabase;
  netlifyDev: NetlifyDev;
  /** A superuser connection to the same database, for fixtures and for checking what was stored. */
  db: pg.Client;
  stop(): Promise<void>;
}

/**
 * Starts a local Supabase, points the functions at it (publishable key only, as a visitor's request
 * has) and starts `NetlifyDev`, the way `npm run dev` routes `/api/*`. Call `stop()` in `afterAll`.
 */
export async function startFunctionsStack(): Promise<FunctionsStack> {
  const local = await startLocalSupabase();
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = local.publishableKey;
  const netlifyDev = await startNetlifyDev();
  const db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
  return {
    local,
    netlifyDev,
    db,
    async stop() {
      await db.end();
      await netlifyDev.stop();
      await local.stop();
    },
  };
}
