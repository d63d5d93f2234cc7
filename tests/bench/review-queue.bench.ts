// Benchmark: the reviewer's queue and idea page in SQL, at scale.
//
//   node tests/bench/review-queue.bench.ts --ideas 100000            (npm run bench:queue -- --ideas 100000)
//   … --reuse        use the database a previous run left (--keep) instead of generating it again
//   … --keep         leave the database for the next run or for psql
//   … --calls 40     timed calls per variant and actor (default 20, after two warm-up rounds)
//   … --explain      also write EXPLAIN (ANALYZE, BUFFERS) of every statement inside the slowest
//                    variant (auto_explain, nested statements) to docs/plans/
//
// Generates the ideas with tests/bench/generate-ideas.ts into a database of its own on the machine's
// PostgreSQL (DATABASE_URL, or 127.0.0.1:5432), then calls api.list_review_queue and
// api.get_review_idea exactly as the local API (and PostgREST) does – one transaction, `set local
// role authenticated`, the caller's JWT claims in request.jwt.claims – for the coordinator (sees
// every idea) and the Skövde idea coach (Skövde's ideas and those shared regionally), and prints
// p50 and p95 per variant. The time is the whole transaction as the client sees it. Not part of
// npm test; docs/performance.md records a run.
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { projectRoot } from "../../supabase/local/server.ts";
import { defaultServerUrl, generateIdeas } from "./generate-ideas.ts";

const { values } = parseArgs({
  options: {
    ideas: { type: "string", default: "100000" },
    database: { type: "string", default: "bench_queue" },
    server: { type: "string", default: defaultServerUrl },
    calls: { type: "string", default: "20" },
    reuse: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
  },
});
const ideas = Number(values.ideas);
const calls = Number(values.calls);
const targetMs = 50;

/** The two callers the issue asks about, as the demo accounts in supabase/seed.sql. */
const actors = {
  coordinator: {
    label: "samordnare",
    userId: "00000000-0000-4000-a000-000000000001",
    ownMunicipality: null,
  },
  skovde: {
    label: "idécoach Skövde",
    userId: "00000000-0000-4000-a000-000000000002",
    ownMunicipality: "1496",
  },
} as const;
type ActorKey = keyof typeof actors;

/** One call to time: the function and its arguments, per actor. */
interface Variant {
  name: string;
  call(actor: ActorKey): { sql: string; params: unknown[] };
}

const queue = (
  filters: Record<string, unknown> = {},
  sort = "received",
  cursor: string | null = null,
) => ({
  sql: "select api.list_review_queue($1::jsonb, $2, $3, 50) as result",
  params: [JSON.stringify(filters), sort, cursor],
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const serverUrl = new URL(values.server);
const databaseUrl = new URL(values.server);
databaseUrl.pathname = `/${values.database}`;

async function databaseExists(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  try {
    const { rows } = await admin.query("select 1 from pg_database where datname = $1", [
      values.database,
    ]);
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}

let generationSeconds: number | null = null;
if (!(values.reuse && (await databaseExists()))) {
  console.error(`Genererar ${ideas} idéer i ${values.database} …`);
  const started = performance.now();
  await generateIdeas({ serverUrl: serverUrl.toString(), database: values.database, ideas });
  generationSeconds = Math.round((performance.now() - started) / 1000);
}

const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 });

/** Runs one call as PostgREST would, as the actor; returns the result and the milliseconds it took. */
async function callAs(actor: ActorKey, sql: string, params: unknown[], client?: pg.PoolClient) {
  const connection = client ?? (await pool.connect());
  const claims = JSON.stringify({
    sub: actors[actor].userId,
    role: "authenticated",
    aud: "authenticated",
  });
  const started = performance.now();
  try {
    await connection.query("begin");
    await connection.query(
      "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [claims],
    );
    const { rows } = await connection.query<{ result: unknown }>(sql, params);
    await connection.query("commit");
    return { result: rows[0]?.result, ms: performance.now() - started };
  } catch (error) {
    await connection.query("rollback");
    throw error;
  } finally {
    if (!client) connection.release();
  }
}

interface QueuePage {
  items: { reference: string }[];
  next: string | null;
  total: number | null;
}

// Fixed inputs, looked up once: a deep cursor per actor, references to open, the counts.
const { rows: facts } = await pool.query<{
  ideas: number;
  coach_scope: number;
  tid: number;
  dronare: number;
}>(
  `select count(*)::int as ideas,
     count(*) filter (where municipality_code = '1496' or shared_regionally)::int as coach_scope,
     count(*) filter (where search_vector @@ websearch_to_tsquery('swedish', 'tid'))::int as tid,
     count(*) filter (where search_vector @@ websearch_to_tsquery('swedish', 'drönare'))::int as dronare
   from app.ideas`,
);
const deepCursor = {} as Record<ActorKey, string>;
for (const actor of Object.keys(actors) as ActorKey[]) {
  let cursor: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const next = queue({}, "received", cursor);
    const { result } = await callAs(actor, next.sql, next.params);
    cursor = (result as QueuePage).next;
  }
  deepCursor[actor] = cursor!;
}
const { rows: coordinatorRefs } = await pool.query<{ reference: string }>(
  "select reference from app.ideas order by hashtext(reference) limit 40",
);
const { rows: coachRefs } = await pool.query<{ reference: string }>(
  "select reference from app.ideas where municipality_code = '1496' order by hashtext(reference) limit 40",
);
let referenceIndex = 0;

const variants: Variant[] = [
  { name: "första sidan", call: () => queue() },
  {
    name: "sida 21 (efter 20 markörer)",
    call: (actor) => queue({}, "received", deepCursor[actor]),
  },
  { name: "läge = under bedömning", call: () => queue({ state: "in_review" }) },
  { name: "läge = spridd", call: () => queue({ state: "spread" }) },
  {
    name: "kommun (samordnare 1496, coach 1494)",
    call: (actor) => queue({ municipality: actor === "coordinator" ? "1496" : "1494" }),
  },
  { name: "område = vård och omsorg", call: () => queue({ area: "vard-och-omsorg" }) },
  { name: "tilldelade mig", call: () => queue({ assigned_to_me: true }) },
  { name: "väntar på min bedömning", call: () => queue({ awaiting_my_assessment: true }) },
  { name: "försenade", call: () => queue({ overdue: true }) },
  { name: "sök vanligt ord (tid)", call: () => queue({ search: "tid" }) },
  { name: "sök sällsynt ord (drönare)", call: () => queue({ search: "drönare" }) },
  { name: "sortera på väntetid", call: () => queue({}, "waiting") },
  {
    name: "väntetid + under bedömning",
    call: () => queue({ state: "in_review" }, "waiting"),
  },
  {
    name: "get_review_idea",
    call: (actor) => {
      const references = actor === "coordinator" ? coordinatorRefs : coachRefs;
      referenceIndex += 1;
      return {
        sql: "select api.get_review_idea($1) as result",
        params: [references[referenceIndex % references.length]!.reference],
      };
    },
  },
];

const loadBefore = loadavg()[0]!;

interface Measurement {
  p50: number;
  p95: number;
  rows: string;
}
const results: Record<string, Record<ActorKey, Measurement>> = {};
// Round by round: every variant and actor once per round, so a burst of load from the other work on
// the shared machine falls on all variants alike instead of on whichever ran at that moment.
const actorKeys = Object.keys(actors) as ActorKey[];
const times = new Map<string, number[]>();
const rows = new Map<string, string>();
const client = await pool.connect();
try {
  for (let round = 0; round < calls + 2; round += 1) {
    for (const variant of variants) {
      for (const actor of actorKeys) {
        const { sql, params } = variant.call(actor);
        const { result, ms } = await callAs(actor, sql, params, client);
        const key = `${variant.name}\0${actor}`;
        if (round >= 2) times.set(key, [...(times.get(key) ?? []), ms]);
        const page = result as QueuePage;
        rows.set(
          key,
          page.items
            ? `${page.items.length}${page.total !== null ? ` av ${page.total}` : ""}${page.next ? " →" : ""}`
            : "1 idé",
        );
      }
    }
  }
} finally {
  client.release();
}
for (const variant of variants) {
  results[variant.name] = {} as Record<ActorKey, Measurement>;
  for (const actor of actorKeys) {
    const key = `${variant.name}\0${actor}`;
    const sorted = [...times.get(key)!].sort((x, y) => x - y);
    results[variant.name]![actor] = {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      rows: rows.get(key)!,
    };
  }
  const line = actorKeys
    .map((actor) => {
      const m = results[variant.name]![actor];
      return `${m.p50.toFixed(1).padStart(6)} / ${m.p95.toFixed(1).padStart(6)} ms  ${m.rows.padEnd(16)}`;
    })
    .join("  ");
  console.log(`${variant.name.padEnd(38)} ${line}`);
}

// Markdown for docs/performance.md.
const slowest = Object.entries(results)
  .flatMap(([name, byActor]) =>
    (Object.keys(actors) as ActorKey[]).map((actor) => ({ name, actor, p95: byActor[actor].p95 })),
  )
  .sort((a, b) => b.p95 - a.p95)[0]!;
const fmt = (m: Measurement) => `${m.p50.toFixed(1)} / ${m.p95.toFixed(1)}`;
console.log(
  `\n${ideas} genererade idéer (${facts[0]!.ideas} totalt), Skövde-coachens omfång ${facts[0]!.coach_scope},`,
);
console.log(
  `"tid" i ${facts[0]!.tid} idéer, "drönare" i ${facts[0]!.dronare}; ${calls} anrop per rad (varvat mellan raderna) efter två uppvärmningsvarv.`,
);
if (generationSeconds !== null) console.log(`Generering: ${generationSeconds} s.`);
// The machines are shared: the load average says how busy the two cores were around the run.
console.log(
  `Belastning (load average, 1 min): ${loadBefore.toFixed(1)} före, ${loadavg()[0]!.toFixed(1)} efter.`,
);
console.log(
  `\n| variant | samordnare p50 / p95 ms | rader | idécoach Skövde p50 / p95 ms | rader |`,
);
console.log("|---|---|---|---|---|");
for (const [name, byActor] of Object.entries(results)) {
  console.log(
    `| ${name} | ${fmt(byActor.coordinator)} | ${byActor.coordinator.rows} | ${fmt(byActor.skovde)} | ${byActor.skovde.rows} |`,
  );
}
console.log(
  `\nLångsammast: ${slowest.name} (${actors[slowest.actor].label}), p95 ${slowest.p95.toFixed(1)} ms; mål ≤ ${targetMs} ms: ${
    slowest.p95 <= targetMs ? "uppfyllt" : "MISSAT"
  }.`,
);

if (values.explain) {
  // The plans of every statement inside the slowest variant, as PostgreSQL ran them.
  const explainer = await pool.connect();
  const plans: string[] = [];
  explainer.on("notice", (notice) => {
    if (notice.message?.includes("Query Text")) plans.push(notice.message);
  });
  try {
    await explainer.query("load 'auto_explain'");
    await explainer.query(
      "set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;" +
        " set auto_explain.log_nested_statements = on; set auto_explain.log_timing = on; set client_min_messages = log",
    );
    const variant = variants.find((v) => v.name === slowest.name)!;
    const { sql, params } = variant.call(slowest.actor);
    await callAs(slowest.actor, sql, params, explainer); // warm
    plans.length = 0;
    const { ms } = await callAs(slowest.actor, sql, params, explainer);
    await explainer.query("reset client_min_messages");
    const dir = join(projectRoot, "docs", "plans");
    await mkdir(dir, { recursive: true });
    const file = join(dir, `review-queue-${ideas}.txt`);
    await writeFile(
      file,
      `-- EXPLAIN (ANALYZE, BUFFERS) of every statement in the slowest variant of tests/bench/review-queue.bench.ts\n` +
        `-- ${ideas} generated ideas, PostgreSQL 15 stock settings, 2 cores. Variant: ${slowest.name}, ` +
        `${actors[slowest.actor].label}; this call took ${ms.toFixed(1)} ms with auto_explain's timing on.\n` +
        `-- Call: ${sql} ${JSON.stringify(params)}\n\n` +
        plans.join("\n\n") +
        "\n",
    );
    console.log(`Planer: ${file}`);
  } finally {
    explainer.release();
  }
}

await pool.end();
if (!values.keep) {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${values.database}" with (force)`);
  await admin.end();
}
