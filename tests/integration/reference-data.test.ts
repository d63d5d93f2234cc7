import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import handler from "../../netlify/functions/ideas.ts";
import { validIdea } from "../support/ideas.ts";
import { startLocalSupabase, type TestSupabase } from "../support/local-supabase.ts";

/*
 * A hosted project gets only the migrations (`supabase db push`), never supabase/seed.sql. This
 * database is built the same way, so it proves that the reference data every submission needs – the
 * municipalities, areas and criteria – comes with the migrations, and that an idea can be received.
 */

let local: TestSupabase;
let db: pg.Client;

beforeAll(async () => {
  local = await startLocalSupabase({ seed: false });
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = local.publishableKey;
  // Without the secret key the function leaves the receipt to the scheduled sender: nothing to mock.
  delete process.env.SUPABASE_SECRET_KEY;
  db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await local?.stop();
});

const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);

describe("a database built from the migrations alone", () => {
  test("has the 15 municipalities, the 8 areas and the 3 criteria with 5 level descriptors each, and no demo data", async () => {
    const municipalities = await db.query<{ code: string; name: string; email_domains: string[] }>(
      "select code, name, email_domains from app.municipalities where active order by code",
    );
    expect(municipalities.rows).toHaveLength(15);
    expect(municipalities.rows).toContainEqual({
      code: "1496",
      name: "Skövde",
      email_domains: ["skovde.se"],
    });
    expect(await count("select count(*) as n from app.areas where active")).toBe(8);
    const criteria = await db.query<{ id: string; name: string; levels: number; weight: string }>(`
      select c.id, v.name, cardinality(v.level_descriptors) as levels, v.weight::text as weight
      from app.criteria c join app.criteria_versions v on v.criterion_id = c.id and v.version = 1
      where c.active order by c.sort_order`);
    expect(criteria.rows).toEqual([
      { id: "nytta", name: "Nytta", levels: 5, weight: "1.00" },
      { id: "effekter", name: "Effekter", levels: 5, weight: "1.00" },
      { id: "genomforbarhet", name: "Genomförbarhet", levels: 5, weight: "1.00" },
    ]);
    // Built without the seed: no demo accounts, reviewers or ideas.
    expect(await count("select count(*) as n from app.ideas")).toBe(0);
    expect(await count("select count(*) as n from app.reviewers")).toBe(0);
    expect(await count("select count(*) as n from auth.users")).toBe(0);
  });

  test("receives an idea from Skövde: POST /api/ideas answers 201", async () => {
    const idea = validIdea({ municipality_code: "1496" });
    expect(idea.bearer_email).toMatch(/@skovde\.se$/);
    const response = await handler(
      new Request("http://localhost/api/ideas", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify(idea),
      }),
      { requestId: "t", waitUntil() {}, params: {} },
    );
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    const stored = await db.query(
      "select municipality_code, area_id, state from app.ideas where reference = $1",
      [reference],
    );
    expect(stored.rows).toEqual([
      { municipality_code: "1496", area_id: "vard-och-omsorg", state: "received" },
    ]);
  });
});
