import { createClient } from "@supabase/supabase-js";
import type { Database, Json } from "../../src/server/database.types.ts";

/** A complete, valid submission as the enhanced form sends it. */
export function validIdea(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Digitala nycklar i hemtjänsten",
    problem: "Personalen lägger mycket tid på att hämta och lämna nycklar.",
    proposal: "Lås som öppnas med mobilen, så att nyckelknipporna försvinner.",
    beneficiaries: ["brukare_patienter", "medarbetare"],
    expected_effects: "Mer tid hos brukarna.",
    area_id: "vard-och-omsorg",
    tried: "nej",
    municipality_code: "1496",
    workplace: "Hemtjänsten Norr",
    bearer_name: "Anna Andersson",
    bearer_email: `anna.${crypto.randomUUID().slice(0, 8)}@skovde.se`,
    privacy_notice_read: true,
    contact_consent: true,
    publish_consent: false,
    ...overrides,
  };
}

/** What `api.submit_idea` returns, with the bearer's address for finding their e-mail. */
export interface StoredIdea {
  reference: string;
  status_token: string;
  email: string;
}

/**
 * Stores an idea straight through `api.submit_idea` as a visitor (the publishable key), for tests
 * whose subject comes after the submission: the outbox, the similar-ideas hint.
 */
export async function storeIdea(
  supabase: { url: string; publishableKey: string },
  overrides: Record<string, unknown> = {},
): Promise<StoredIdea> {
  const anon = createClient<Database, "api">(supabase.url, supabase.publishableKey, {
    db: { schema: "api" },
    auth: { persistSession: false },
  });
  const idea = validIdea(overrides);
  const { data, error } = await anon.rpc("submit_idea", {
    idempotency_key: crypto.randomUUID(),
    submission: idea as Json,
  });
  if (error) throw new Error(`api.submit_idea: ${error.message}`);
  const receipt = data as { reference: string; status_token: string };
  return { ...receipt, email: idea.bearer_email as string };
}
