import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";
import { aSubmission } from "./harness/fixtures.ts";

/*
 * References IS-YYYY-NNNN are unique and gap-free even when many ideas arrive at once (LG-13). This
 * needs real concurrent connections, so it runs on the machine's PostgreSQL (DATABASE_URL) and is
 * skipped, saying so, on PGlite, which serves one connection at a time.
 */

const submissions = 50;

describe("reference allocation under concurrency", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
    if (stack.onPglite) {
      console.warn(
        "Hoppar över testet med 50 samtidiga inskickningar: PGlite har bara en anslutning. Kör med DATABASE_URL mot en riktig PostgreSQL.",
      );
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it(`gives ${submissions} concurrent submissions ${submissions} distinct, gap-free references`, async (context) => {
    if (stack.onPglite) context.skip();
    const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: submissions });
    try {
      const clients = await Promise.all(Array.from({ length: submissions }, () => pool.connect()));
      const references = await Promise.all(
        clients.map(async (client) => {
          try {
            await client.query("begin");
            await client.query("set local role anon");
            const { rows } = await client.query<{ result: { reference: string } }>(
              "select api.submit_idea($1, $2) as result",
              [randomUUID(), aSubmission("1494")],
            );
            await client.query("commit");
            return rows[0]!.result.reference;
          } finally {
            client.release();
          }
        }),
      );
      const numbers = references
        .map((reference) => Number(reference.slice(-4)))
        .sort((a, b) => a - b);
      expect(new Set(references).size).toBe(submissions);
      expect(numbers.at(-1)! - numbers[0]!).toBe(submissions - 1);
      const { rows } = await stack.db.query<{ gaps: number }>(`
        select count(*)::int as gaps
        from app.reference_counters c
        where c.last_number <> (
          select count(*) from app.ideas i where i.reference like 'IS-' || c.year || '-%'
        )`);
      expect(rows).toEqual([{ gaps: 0 }]);
    } finally {
      await pool.end();
    }
  });
});
