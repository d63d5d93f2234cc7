// Build-time access to the public part of the `api` schema: what the anonymous visitor may read
// (published ideas, statistics, the form's choices). The build uses the publishable key only, so
// the static site can never contain more than an anonymous visitor may see.
import type { z } from "astro/zod";
import { readEnv } from "../../server/env.ts";
import { createAnonClient, getSupabaseEnv, type ApiFunctionName } from "../../server/supabase.ts";

/**
 * How much a page depends on its data. `required`: the page is wrong without it (the idea form
 * without municipalities), so the build always fails. `optional`: the page has an honest empty
 * state (the idea bank, the statistics), which a first deploy may publish only when
 * ALLOW_EMPTY_DATA=true says so explicitly.
 */
export type DataNeed = "required" | "optional";

/** The build cannot read what a page needs; the message says what to check. */
export class BuildDataError extends Error {
  override name = "BuildDataError";
}

/**
 * Calls a public `api` function at build time and parses its result. When the database cannot be
 * read the build fails with a message naming what to check – a broken form must never go live –
 * unless the data is optional and ALLOW_EMPTY_DATA=true, in which case the page is built empty.
 */
export async function readPublicData<T>(
  functionName: ApiFunctionName,
  schema: z.ZodType<T>,
  need: DataNeed,
  args?: Record<string, unknown>,
): Promise<T | undefined> {
  let reason: string;
  try {
    const result = await (args
      ? createAnonClient().rpc(functionName, args as never)
      : createAnonClient().rpc(functionName));
    if (!result.error) return schema.parse(result.data);
    reason = `${result.error.code || "utan felkod"} ${result.error.message}`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const where = safeSupabaseUrl();
  const message = [
    `Bygget kunde inte läsa api.${functionName} från ${where}: ${reason}.`,
    "Kontrollera SUPABASE_URL och SUPABASE_PUBLISHABLE_KEY och att databasen svarar.",
    "Lokalt startar `npm run build` den lokala Supabase själv när SUPABASE_URL inte är satt.",
  ];
  if (need === "optional" && readEnv().ALLOW_EMPTY_DATA === "true") {
    console.warn(`${message[0]} ALLOW_EMPTY_DATA=true: sidan byggs utan data.`);
    return undefined;
  }
  if (need === "optional")
    message.push(
      "Vill du publicera en tom idébank vid en första driftsättning: sätt ALLOW_EMPTY_DATA=true.",
    );
  throw new BuildDataError(message.join("\n"));
}

/** The configured address, for the message; never a key. */
function safeSupabaseUrl(): string {
  try {
    return getSupabaseEnv().SUPABASE_URL;
  } catch (error) {
    return `(fel i inställningarna: ${(error as Error).message})`;
  }
}
