import { createClient } from "@supabase/supabase-js";
import type { TestSupabase } from "../../support/local-supabase.ts";

/** The password of the seeded demo accounts (supabase/seed.sql, local only). */
export const demoPassword = "Innovation-2026!";

/** The seeded demo accounts (SPEC.md "Local contract"), with the ids the seed gives them. */
export const demoAccounts = [
  { email: "samordnare@example.se", id: "00000000-0000-4000-a000-000000000001" },
  { email: "granskare.skovde@example.se", id: "00000000-0000-4000-a000-000000000002" },
  { email: "granskare.lidkoping@example.se", id: "00000000-0000-4000-a000-000000000003" },
] as const;

/** Every request a client made, for tests that count calls. */
export interface RecordedRequest {
  method: string;
  url: URL;
}

/**
 * A supabase-js client as the project's functions create one (schema api, no stored session), with
 * every request it sends recorded.
 */
export function createTestClient(
  local: TestSupabase,
  key: "publishable" | "secret" = "publishable",
) {
  const requests: RecordedRequest[] = [];
  const client = createClient(
    local.url,
    key === "publishable" ? local.publishableKey : local.secretKey,
    {
      db: { schema: "api" },
      // A storage key of its own: auth-js caches the JWKS per storage key for the whole process.
      auth: {
        persistSession: false,
        autoRefreshToken: false,
        detectSessionInUrl: false,
        storageKey: `test-${crypto.randomUUID()}`,
      },
      global: {
        fetch: (input, init) => {
          const request = new Request(input, init);
          requests.push({ method: request.method, url: new URL(request.url) });
          return fetch(request);
        },
      },
    },
  );
  return { client, requests };
}

/** A client signed in as one of the demo accounts. */
export async function signedInClient(local: TestSupabase, email: string) {
  const recorded = createTestClient(local);
  const { error } = await recorded.client.auth.signInWithPassword({
    email,
    password: demoPassword,
  });
  if (error) throw error;
  return recorded;
}

/** The claims of an access token, decoded without verifying it (tests check what Auth put in). */
export function decodeClaims(accessToken: string): Record<string, unknown> & {
  sub: string;
  session_id: string;
  amr: { method: string; timestamp: number }[];
} {
  const payload = accessToken.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ReturnType<
    typeof decodeClaims
  >;
}

/** How many e-mails to exactly `address` the mail catcher holds, for tests that expect none. */
export async function countMails(mailUrl: string, address: string): Promise<number> {
  const response = await fetch(
    `${mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}`,
  );
  const { messages } = (await response.json()) as {
    messages: { To: { Address: string }[] }[];
  };
  return messages.filter((message) =>
    message.To.some((to) => to.Address.toLowerCase() === address.toLowerCase()),
  ).length;
}
