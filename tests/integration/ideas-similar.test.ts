import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { storeIdea } from "../support/ideas.ts";
import {
  startFunctionsStack,
  type FunctionRouter,
  type FunctionsStack,
} from "../support/functions.ts";
import type { TestSupabase } from "../support/local-supabase.ts";

/* POST /api/ideas/similar through Netlify's local request chain and a local Supabase with the demo data. */

let local: TestSupabase;
let functions: FunctionRouter;
let db: pg.Client;
let published: { reference: string; title: string };
let unpublished: { reference: string; title: string };

let stack: FunctionsStack;

beforeAll(async () => {
  stack = await startFunctionsStack();
  ({ local, functions, db } = stack);
  const { rows } = await db.query<{ reference: string; title: string }>(
    "select reference, title from app.ideas where published_at is not null order by reference limit 1",
  );
  published = rows[0]!;
  // A received idea with words no published idea has: it must never be hinted.
  const title = "Snöskoterpatrull för nattlig tillsyn i glesbygden";
  const { reference } = await storeIdea(local, { title, publish_consent: true });
  unpublished = { reference, title };
});

afterAll(async () => {
  await stack?.stop();
});

async function similar(body: string, headers: Record<string, string> = {}) {
  const response = await functions.handle(
    new Request("http://localhost/api/ideas/similar", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", ...headers },
    }),
  );
  if (!response) throw new Error("/api/ideas/similar matched no function");
  return response;
}

const references = async (response: Response) =>
  ((await response.json()) as { ideas: { reference: string }[] }).ideas.map(
    (idea) => idea.reference,
  );

describe("POST /api/ideas/similar", () => {
  test("finds a published idea by its words, at most five, and never an unpublished one", async () => {
    const found = await similar(JSON.stringify({ text: published.title }));
    expect(found.status).toBe(200);
    const hints = await references(found);
    expect(hints).toContain(published.reference);
    expect(hints.length).toBeLessThanOrEqual(5);

    const hidden = await similar(JSON.stringify({ text: unpublished.title }));
    expect(hidden.status).toBe(200);
    expect(await references(hidden)).not.toContain(unpublished.reference);

    // The same words find it once it is in the idea bank, so the line above is no empty search.
    await db.query(
      "update app.ideas set published_at = now(), public_summary = title where reference = $1",
      [unpublished.reference],
    );
    const shown = await similar(JSON.stringify({ text: unpublished.title }));
    expect(await references(shown)).toContain(unpublished.reference);
  });

  test("refuses what it cannot use with a Swedish message, and other sites' pages", async () => {
    const short = await similar(JSON.stringify({ text: "ab" }));
    expect(short.status).toBe(422);
    expect(await short.json()).toEqual({ error: "validation", message: "Skriv minst tre tecken." });
    expect((await similar("{")).status).toBe(400);
    expect((await similar("text=nycklar", { "Content-Type": "text/plain" })).status).toBe(415);
    expect(
      (await similar(JSON.stringify({ text: published.title }), { Origin: "https://evil.example" }))
        .status,
    ).toBe(403);
    const get = await functions.handle(new Request("http://localhost/api/ideas/similar"));
    expect(get?.status).toBe(405);
  });

  test("with the database unreachable the hint is simply empty, never an error", async () => {
    const working = process.env.SUPABASE_URL;
    process.env.SUPABASE_URL = "http://127.0.0.1:9";
    try {
      const response = await similar(JSON.stringify({ text: published.title }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ideas: [] });
    } finally {
      process.env.SUPABASE_URL = working;
    }
  });
});
