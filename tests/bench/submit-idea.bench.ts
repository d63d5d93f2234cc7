// Benchmark: idea submissions through the whole stack versus the SQL function alone.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:submit
//
// Starts the local Supabase on a fresh database on that PostgreSQL server, then for 1, 10 and 50
// concurrent clients sends submissions (a) through POST /api/ideas (Netlify's local function runtime
// → supabase-js → the local PostgREST → api.submit_idea) and (b) straight to api.submit_idea over a
// PostgreSQL connection pool, as the api_owner-owned function would be called by PostgREST; and
// (c) the function's handler called directly, without Netlify's local runtime. Prints
// submissions per second and p50/p95 latency for each; docs/performance.md records a run.
import type { Context } from "@netlify/functions";
import pg from "pg";
import submitEndpoint from "../../netlify/functions/ideas.ts";
import { startNetlifyDev } from "../../scripts/serve.ts";
import { startLocalSupabase } from "../support/local-supabase.ts";
import { runConcurrently } from "./concurrent.ts";

const perClient = Number(process.env.BENCH_REQUESTS_PER_CLIENT ?? 20);
const concurrencies = [1, 10, 50];

function idea(index: number) {
  return {
    title: `Benchmarkidé ${index}`,
    problem: "Ett återkommande problem i verksamheten som tar tid varje vecka.",
    proposal: "En enkel förändring av arbetssättet som sparar tid för alla.",
    beneficiaries: ["medarbetare"],
    area_id: "administration-och-digitalisering",
    tried: "nej",
    municipality_code: "1496",
    bearer_name: "Bänk Märk",
    // One address per submission: the per-address throttle is not what is measured.
    bearer_email: `bench.${index}.${crypto.randomUUID().slice(0, 6)}@skovde.se`,
    privacy_notice_read: true,
    contact_consent: false,
  };
}

async function run(label: string, clients: number, send: (index: number) => Promise<void>) {
  const measured = await runConcurrently(clients, perClient, send);
  const result = {
    label,
    ...measured,
    p50: Math.round(measured.p50),
    p95: Math.round(measured.p95),
  };
  console.log(
    `${label.padEnd(9)} ${String(clients).padStart(3)} klienter: ${String(result.perSecond).padStart(7)} st/s   p50 ${String(result.p50).padStart(5)} ms   p95 ${String(result.p95).padStart(5)} ms   misslyckade ${result.failed}`,
  );
  return result;
}

if (!process.env.DATABASE_URL) {
  console.error(
    "Sätt DATABASE_URL till en PostgreSQL-server, till exempel postgresql://postgres@127.0.0.1:5432/postgres",
  );
  process.exit(1);
}
const local = await startLocalSupabase();
process.env.SUPABASE_URL = local.url;
process.env.SUPABASE_PUBLISHABLE_KEY = local.publishableKey;
const netlifyDev = await startNetlifyDev();
const pool = new pg.Pool({ connectionString: local.databaseUrl, max: 50 });
let offset = 0;
try {
  const results = [];
  for (const clients of concurrencies) {
    const base = offset;
    results.push(
      await run("funktion", clients, async (index) => {
        const response = await netlifyDev.handle(
          new Request("http://localhost/api/ideas", {
            method: "POST",
            headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
            body: JSON.stringify(idea(base + index)),
          }),
        );
        if (response?.status !== 201)
          throw new Error(`status ${response?.status}: ${await response?.text()}`);
      }),
    );
    offset += clients * perClient;
    const handlerBase = offset;
    results.push(
      await run("handler", clients, async (index) => {
        // The function's own code with supabase-js and the local PostgREST, without Netlify's
        // local function runtime in front of it.
        const response = await submitEndpoint(
          new Request("http://localhost/api/ideas", {
            method: "POST",
            headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
            body: JSON.stringify(idea(handlerBase + index)),
          }),
          {
            requestId: "bench",
            waitUntil: (promise: Promise<unknown>) => void promise,
          } as unknown as Context,
        );
        if (response.status !== 201)
          throw new Error(`status ${response.status}: ${await response.text()}`);
      }),
    );
    offset += clients * perClient;
    const sqlBase = offset;
    results.push(
      await run("sql", clients, async (index) => {
        // As PostgREST calls it: one transaction, role anon, the function does the rest.
        const client = await pool.connect();
        try {
          await client.query("begin");
          await client.query("set local role anon");
          await client.query("select api.submit_idea($1, $2)", [
            crypto.randomUUID(),
            JSON.stringify(idea(sqlBase + index)),
          ]);
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw error;
        } finally {
          client.release();
        }
      }),
    );
    offset += clients * perClient;
  }
  console.log("\nFörhållande mot sql (st/s):");
  for (const clients of concurrencies) {
    const sql = results.find((r) => r.label === "sql" && r.clients === clients)!;
    for (const label of ["funktion", "handler"]) {
      const other = results.find((r) => r.label === label && r.clients === clients)!;
      console.log(
        `  ${label} ${clients} klienter: ${(other.perSecond / sql.perSecond).toFixed(3)}`,
      );
    }
  }
} finally {
  await pool.end();
  await netlifyDev.stop();
  await local.stop();
}
