// Build-time access to the public part of the `api` schema: what the anonymous visitor may read
// (published ideas, statistics, the form's choices). The build uses the publishable key only, so
// the static site can never contain more than an anonymous visitor may see.
import type { z } from "astro/zod";
import { createAnonClient, type ApiFunctionName } from "../../server/supabase.ts";

/**
 * Calls a public `api` function and parses its result. Returns `undefined` when the database cannot
 * be reached, so pages show an honest empty state in development; a production build
 * (Netlify's CONTEXT=production) fails instead of publishing an empty idea bank.
 */
export async function readPublicData<T>(
  functionName: ApiFunctionName,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  let result;
  try {
    result = await createAnonClient().rpc(functionName);
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
