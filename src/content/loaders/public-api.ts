// Build-time access to the public part of the `api` schema: what the anonymous visitor may read
// (published ideas and statistics). The build uses the publishable key only, so the static site
// can never contain more than an anonymous visitor may see.
import { createClient } from "@supabase/supabase-js";
import type { z } from "astro/zod";

/** The local Supabase's fixed development address and key (local only, see docs/local-supabase.md). */
const localDefaults = {
  url: "http://127.0.0.1:54321",
  publishableKey: "sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH",
};

/** Where the build reads public data: SUPABASE_URL and SUPABASE_PUBLISHABLE_KEY, or the local server. */
function publicClient() {
  const url = process.env.SUPABASE_URL ?? localDefaults.url;
  const key = process.env.SUPABASE_PUBLISHABLE_KEY ?? localDefaults.publishableKey;
  return createClient(url, key, {
    db: { schema: "api" },
    auth: { persistSession: false, autoRefreshToken: false },
    global: {
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(5000) }),
    },
  });
}

/**
 * Calls a public `api` function and parses its result. Returns `undefined` when the database cannot
 * be reached, so pages show an honest empty state in development; a production build
 * (Netlify's CONTEXT=production) fails instead of publishing an empty idea bank.
 */
export async function readPublicData<T>(
  functionName: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  let result;
  try {
    result = await publicClient().rpc(functionName);
  } catch (error) {
    return unavailable(functionName, error);
  }
  if (result.error) return unavailable(functionName, result.error.message);
  return schema.parse(result.data);
}

function unavailable(functionName: string, reason: unknown): undefined {
  const message = `Kunde inte läsa api.${functionName} vid bygget: ${reason instanceof Error ? reason.message : String(reason)}`;
  if (process.env.CONTEXT === "production") throw new Error(message);
  console.warn(`${message}. Sidorna byggs utan data.`);
  return undefined;
}
