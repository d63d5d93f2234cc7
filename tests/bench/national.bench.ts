// Benchmark: the whole SQL API at national size (issue 17).
//
//   npm run bench -- --ideas 100000            generate, measure, drop the database
//   … --reuse       measure a database a previous run left (--keep) instead of generating it again
//   … --keep        leave the database (bench_scale_<N>) for the next run or for psql
//   … --calls 20    timed calls per variant and caller (after two warm-up rounds)
//   … --plans 3     write EXPLAIN (ANALYZE, BUFFERS) of every statement inside the N slowest
//                   variants (auto_explain, nested statements) to docs/plans/national-<N>-*.txt
//   … --submissions 10   submissions per client at 1, 10 and 50 clients (0: skip)
//   … --only "sök|liknande"   only the variants whose name matches this regular expression
//   … --no-export   skip the export of 100 000 rows;  --no-build   skip the idea bank's build
//
// Generates N ideas with tests/bench/generate-ideas.ts into a database of its own on the machine's
// PostgreSQL (DATABASE_URL, or 127.0.0.1:5432) and calls every read the product makes as PostgREST
// does – one transaction, `role` and `request.jwt.claims` set to the caller – round by round over all
// variants (so a burst of other work on the shared machine falls on all of them alike); then exports
// the first 100 000 ideas as CSV and Excel (tests/bench/export-run.ts); submits ideas at 1, 10 and
// 50 concurrent clients through api.submit_idea directly and through the submission function's
// handler (supabase-js → the local Supabase API over the same database → api.submit_idea); and
// builds the public site with its idea bank from the database into a temporary directory. Prints
// p50 / p95 per variant and caller with its target and whether the p95 holds, and a Markdown table
// for docs/performance.md. Not part of npm test. Submissions through Netlify's local function
// runtime are `npm run bench:submit`; the queue alone `npm run bench:queue`.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import type { Context } from "@netlify/functions";
import pg from "pg";
import submitEndpoint from "../../netlify/functions/ideas.ts";
import { projectRoot, startLocalSupabase } from "../../supabase/local/server.ts";
import { percentile, runConcurrently, type ConcurrentRun } from "./concurrent.ts";
import { exportIdeas, targetRowsPerSecond, type ExportRun } from "./export-run.ts";
import { defaultServerUrl, generateIdeas } from "./generate-ideas.ts";

const { values } = parseArgs({
  options: {
    ideas: { type: "string", default: "100000" },
    database: { type: "string" },
    server: { type: "string", default: defaultServerUrl },
    calls: { type: "string", default: "20" },
    plans: { type: "string", default: "3" },
    submissions: { type: "string", default: "10" },
    only: { type: "string" },
    reuse: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    export: { type: "boolean", default: true },
    build: { type: "boolean", default: true },
  },
  allowNegative: true,
});
const ideas = Number(values.ideas);
if (!Number.isInteger(ideas) || ideas < 1) throw new Error("--ideas ska vara ett positivt heltal");
const calls = Number(values.calls);
const planCount = Number(values.plans);
const perClient = Number(values.submissions);
const database = values.database ?? `bench_scale_${ideas}`;
const runStarted = performance.now();

/** The callers: the demo accounts in supabase/seed.sql, and the public. */
const callers = {
  coordinator: {
    label: "samordnare",
    role: "authenticated",
    userId: "00000000-0000-4000-a000-000000000001",
  },
  coach: {
    label: "idécoach Skövde",
    role: "authenticated",
    userId: "00000000-0000-4000-a000-000000000002",
  },
  anon: { label: "allmänheten", role: "anon", userId: null },
} as const;
type Caller = keyof typeof callers;

/** The issue's targets, p95 in milliseconds. */
const targets = {
  queue: 20,
  search: 20,
  similar: 50,
  idea: 20,
  overview: 100,
  statistics: 100,
  bank: 100,
} as const;
type Target = keyof typeof targets;

interface Variant {
  name: string;
  target: Target;
  callers: Caller[];
  call(caller: Caller): { sql: string; params: unknown[] };
}

const serverUrl = new URL(values.server);
const databaseUrl = new URL(values.server);
databaseUrl.pathname = `/${database}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const exists = await admin(
  async (client) =>
    (await client.query("select 1 from pg_database where datname = $1", [database])).rows.length >
    0,
);
let generation: Record<string, number> | null = null;
let generationSeconds: number | null = null;
if (!(values.reuse && exists)) {
  console.error(`Genererar ${ideas} idéer i ${database} …`);
  const started = performance.now();
  generation = await generateIdeas({ serverUrl: serverUrl.toString(), database, ideas });
  generationSeconds = Math.round((performance.now() - started) / 1000);
}

const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 51 });

/** Runs one call as PostgREST would, as the caller; returns the result and the milliseconds it took. */
async function callAs(caller: Caller, sql: string, params: unknown[], client: pg.PoolClient) {
  const who = callers[caller];
  const claims = JSON.stringify(
    who.userId ? { sub: who.userId, role: who.role, aud: "authenticated" } : { role: who.role },
  );
  const started = performance.now();
  try {
    await client.query("begin");
    await client.query(
      "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
      [who.role, claims],
    );
    const { rows } = await client.query<{ result: unknown }>(sql, params);
    await client.query("commit");
    return { result: rows.length === 1 ? rows[0]?.result : rows, ms: performance.now() - started };
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}

const queue = (
  filters: Record<string, unknown> = {},
  sort = "received",
  cursor: string | null = null,
) => ({
  sql: "select api.list_review_queue($1::jsonb, $2, $3, 50) as result",
  params: [JSON.stringify(filters), sort, cursor],
});

interface QueuePage {
  items?: { reference: string }[];
  next?: string | null;
  total?: number | null;
}

const client = await pool.connect();
const { rows: facts } = await client.query<{
  ideas: number;
  published: number;
  coach_scope: number;
  events: number;
  scores: number;
  notes: number;
  size: string;
}>(
  `select (select count(*)::int from app.ideas) as ideas,
     (select count(*)::int from app.ideas where published_at is not null) as published,
     (select count(*)::int from app.ideas where municipality_code = '1496' or shared_regionally) as coach_scope,
     (select count(*)::int from app.idea_events) as events,
     (select count(*)::int from app.scores) as scores,
     (select count(*)::int from app.internal_notes) as notes,
     pg_size_pretty(pg_database_size(current_database())) as size`,
);
const fact = facts[0]!;

// Fixed inputs: a deep cursor per reviewer (page 21), references to open, a published title.
const deepCursor = {} as Record<Caller, string | null>;
for (const caller of ["coordinator", "coach"] as Caller[]) {
  let cursor: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const next = queue({}, "received", cursor);
    const { result } = await callAs(caller, next.sql, next.params, client);
    cursor = (result as QueuePage).next ?? null;
  }
  deepCursor[caller] = cursor;
}
const references = {
  coordinator: (
    await client.query<{ reference: string }>(
      "select reference from app.ideas order by hashtext(reference) limit 40",
    )
  ).rows.map((row) => row.reference),
  coach: (
    await client.query<{ reference: string }>(
      "select reference from app.ideas where municipality_code = '1496' order by hashtext(reference) limit 40",
    )
  ).rows.map((row) => row.reference),
} as Record<Caller, string[]>;
let referenceIndex = 0;
const nextReference = (caller: Caller) => {
  referenceIndex += 1;
  const list = references[caller]!;
  return list[referenceIndex % list.length]!;
};

const typedLine = "Digitala lås i hemtjänsten";
const typedText =
  "Personalen i hemtjänsten lägger mycket tid på nyckelhanteringen. Varje morgon hämtas nycklar på " +
  "kontoret och de lämnas tillbaka på kvällen, och det händer att en nyckel kommer bort. Det leder till " +
  "stress och att viktiga uppgifter blir liggande. Inför digitala lås med mobil dokumentation, så att " +
  "personalen öppnar med telefonen och varje besök loggas. Då frigörs tid för dem vi är till för.";

const reviewers: Caller[] = ["coordinator", "coach"];
const allVariants: Variant[] = [
  { name: "kö: första sidan", target: "queue", callers: reviewers, call: () => queue() },
  {
    name: "kö: sida 21 (nyckel)",
    target: "queue",
    callers: reviewers,
    call: (caller) => queue({}, "received", deepCursor[caller]),
  },
  {
    name: "kö: läge = under bedömning",
    target: "queue",
    callers: reviewers,
    call: () => queue({ state: "in_review" }),
  },
  {
    name: "kö: läge = spridd",
    target: "queue",
    callers: reviewers,
    call: () => queue({ state: "spread" }),
  },
  {
    name: "kö: kommun (1496; coach 1494)",
    target: "queue",
    callers: reviewers,
    call: (caller) => queue({ municipality: caller === "coordinator" ? "1496" : "1494" }),
  },
  {
    name: "kö: område",
    target: "queue",
    callers: reviewers,
    call: () => queue({ area: "vard-och-omsorg" }),
  },
  {
    name: "kö: tilldelade mig",
    target: "queue",
    callers: reviewers,
    call: () => queue({ assigned_to_me: true }),
  },
  {
    name: "kö: väntar på min bedömning",
    target: "queue",
    callers: reviewers,
    call: () => queue({ awaiting_my_assessment: true }),
  },
  {
    name: "kö: försenade",
    target: "queue",
    callers: reviewers,
    call: () => queue({ overdue: true }),
  },
  {
    name: "kö: sortera på väntetid",
    target: "queue",
    callers: reviewers,
    call: () => queue({}, "waiting"),
  },
  {
    name: "sök: vanligt ord (tid)",
    target: "search",
    callers: reviewers,
    call: () => queue({ search: "tid" }),
  },
  {
    name: "sök: sällsynt ord (drönare)",
    target: "search",
    callers: reviewers,
    call: () => queue({ search: "drönare" }),
  },
  {
    name: "sök: två ord (digitala lås)",
    target: "search",
    callers: reviewers,
    call: () => queue({ search: "digitala lås" }),
  },
  {
    name: "idésidan (get_review_idea)",
    target: "idea",
    callers: reviewers,
    call: (caller) => ({
      sql: "select api.get_review_idea($1) as result",
      params: [nextReference(caller)],
    }),
  },
  {
    name: "liknande idéer (find_similar_ideas)",
    target: "similar",
    callers: reviewers,
    call: (caller) => ({
      sql: "select api.find_similar_ideas($1) as result",
      params: [nextReference(caller)],
    }),
  },
  {
    name: "liknande medan man skriver: en rad",
    target: "similar",
    callers: ["anon"],
    call: () => ({
      sql: "select jsonb_agg(s) as result from api.find_similar_published_ideas($1, null) s",
      params: [typedLine],
    }),
  },
  {
    name: "liknande medan man skriver: stycke",
    target: "similar",
    callers: ["anon"],
    call: () => ({
      sql: "select jsonb_agg(s) as result from api.find_similar_published_ideas($1, $2) s",
      params: [typedLine, typedText],
    }),
  },
  {
    name: "översikten (get_review_overview)",
    target: "overview",
    callers: ["coordinator"],
    call: () => ({ sql: "select api.get_review_overview() as result", params: [] }),
  },
  {
    name: "statistik (get_public_statistics)",
    target: "statistics",
    callers: ["anon"],
    call: () => ({ sql: "select api.get_public_statistics() as result", params: [] }),
  },
  {
    name: "idébanken, en sida om 1 000 (list_published_ideas)",
    target: "bank",
    callers: ["anon"],
    call: () => ({
      sql: "select count(*)::int as result, sum(length(l::text))::bigint as bytes from api.list_published_ideas() l",
      params: [],
    }),
  },
];

const only = values.only ? new RegExp(values.only, "i") : null;
const variants = only ? allVariants.filter((variant) => only.test(variant.name)) : allVariants;

function describe(result: unknown): string {
  if (typeof result === "number") return `${result} rader`;
  if (Array.isArray(result)) return `${result.length} träffar`;
  const page = result as QueuePage | null;
  if (page && Array.isArray(page.items))
    return `${page.items.length}${typeof page.total === "number" ? ` av ${page.total}` : ""}${page.next ? " →" : ""}`;
  return "1 svar";
}

// How busy the shared machine is, in PostgreSQL's own terms: one core counting a million rows (about
// 60–80 ms expected on an idle core of this class; not yet measured idle here). Taken before and after the reads.
async function calibrate(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await client.query("select count(*) from generate_series(1, 1000000)");
    samples.push(performance.now() - started);
  }
  return percentile(
    samples.sort((a, b) => a - b),
    50,
  );
}
const calibrationBefore = await calibrate();
const { rows: settings } = await client.query<{ name: string; setting: string }>(
  `select name, current_setting(name) as setting from unnest(array['server_version', 'shared_buffers',
     'effective_cache_size', 'work_mem', 'random_page_cost']) name`,
);
const loadBefore = loadavg()[0]!;
const times = new Map<string, number[]>();
const shown = new Map<string, string>();
const key = (variant: Variant, caller: Caller) => `${variant.name}\0${caller}`;
for (let round = 0; round < calls + 2; round += 1) {
  for (const variant of variants) {
    for (const caller of variant.callers) {
      const { sql, params } = variant.call(caller);
      const { result, ms } = await callAs(caller, sql, params, client);
      if (round >= 2)
        times.set(key(variant, caller), [...(times.get(key(variant, caller)) ?? []), ms]);
      shown.set(key(variant, caller), describe(result));
    }
  }
}
const loadAfterReads = loadavg()[0]!;
const calibrationAfter = await calibrate();

interface Row {
  variant: Variant;
  caller: Caller;
  p50: number;
  p95: number;
  holds: boolean;
}
const rows: Row[] = [];
for (const variant of variants) {
  for (const caller of variant.callers) {
    const sorted = [...times.get(key(variant, caller))!].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    rows.push({
      variant,
      caller,
      p50: percentile(sorted, 50),
      p95,
      holds: p95 <= targets[variant.target],
    });
  }
}
const fmt = (ms: number) => (ms >= 100 ? Math.round(ms).toString() : ms.toFixed(1));
for (const row of rows) {
  console.log(
    `${`${row.variant.name} · ${callers[row.caller].label}`.padEnd(58)} ${fmt(row.p50).padStart(7)} / ${fmt(row.p95).padStart(7)} ms` +
      `  mål ≤ ${targets[row.variant.target]} ms: ${row.holds ? "håller" : "MISSAT"}  (${shown.get(key(row.variant, row.caller))})`,
  );
}

// Plans of the slowest variants, every statement inside them, as PostgreSQL ran them.
const planFiles: string[] = [];
if (planCount > 0) {
  const plans: string[] = [];
  const onNotice = (notice: { message?: string }) => {
    if (notice.message?.includes("Query Text")) plans.push(notice.message);
  };
  client.on("notice", onNotice);
  await client.query("load 'auto_explain'");
  await client.query(
    "set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;" +
      " set auto_explain.log_nested_statements = on; set auto_explain.log_timing = on; set client_min_messages = log",
  );
  const dir = join(projectRoot, "docs", "plans");
  await mkdir(dir, { recursive: true });
  const slowest = [...rows].sort((a, b) => b.p95 - a.p95).slice(0, planCount);
  for (const row of slowest) {
    const { sql, params } = row.variant.call(row.caller);
    plans.length = 0;
    const { ms } = await callAs(row.caller, sql, params, client);
    const slug = row.variant.name
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const file = join(dir, `national-${ideas}-${slug}-${row.caller}.txt`);
    await writeFile(
      file,
      `-- EXPLAIN (ANALYZE, BUFFERS) of every statement in "${row.variant.name}" (${callers[row.caller].label}),\n` +
        `-- tests/bench/national.bench.ts at ${ideas} generated ideas; p95 in the run ${fmt(row.p95)} ms, this call ` +
        `${fmt(ms)} ms with auto_explain's timing on.\n-- Call: ${sql} ${JSON.stringify(params)}\n\n` +
        plans.join("\n\n") +
        "\n",
    );
    planFiles.push(file);
  }
  await client.query("reset client_min_messages; reset auto_explain.log_min_duration");
  client.off("notice", onNotice);
}
client.release();

// The export (issue 15): the first 100 000 ideas in the queue's order, CSV and Excel, each after a
// warm-up export of 20 000, over two connections as PostgREST would have.
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const exportResults: { format: "csv" | "xlsx"; run: ExportRun; rate: number }[] = [];
if (values.export) {
  const exportPool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 });
  try {
    for (const format of ["csv", "xlsx"] as const) {
      await exportIdeas(exportPool, format, false, 20_000);
      const run = await exportIdeas(exportPool, format, false, Math.min(100_000, fact.ideas));
      const rate = Math.round(run.rows / run.seconds);
      exportResults.push({ format, run, rate });
      console.log(
        `${`export ${format.toUpperCase()}, ${run.rows} rader`.padEnd(58)} ${rate} rader/s på ${run.seconds.toFixed(2)} s, ` +
          `topp-RSS ${mib(run.peakRss)} MiB (efter 25/50/75/100 %: ${run.rssAtQuarters.map(mib).join(" / ")})  ` +
          `mål ≥ ${targetRowsPerSecond}: ${rate >= targetRowsPerSecond ? "håller" : "MISSAT"}`,
      );
    }
  } finally {
    await exportPool.end();
  }
}

// Submissions (a) through the SQL function as PostgREST calls it (role anon, one transaction) and
// (b) through the submission function's handler in this process: its zod parsing, supabase-js and
// the local Supabase API (PostgREST's stand-in) over the same database. Netlify's local runtime in
// front of the handler is `npm run bench:submit`.
function submission(index: number) {
  return {
    title: `Nationell bänkidé ${index}`,
    problem: "Personalen lägger mycket tid på dokumentationen i hemtjänsten varje vecka.",
    proposal: "Inför mobil dokumentation i hemtjänsten så att tid frigörs för brukarna.",
    beneficiaries: ["medarbetare"],
    area_id: "administration-och-digitalisering",
    tried: "nej",
    municipality_code: "1496",
    bearer_name: "Bänk Märk",
    bearer_email: `national.${index}.${crypto.randomUUID().slice(0, 6)}@skovde.se`,
    privacy_notice_read: true,
    contact_consent: false,
  };
}
interface SubmitResult extends ConcurrentRun {
  path: "sql" | "handler";
}
let submitted = 0;
async function submitAt(
  path: SubmitResult["path"],
  clients: number,
  send: (index: number) => Promise<void>,
): Promise<SubmitResult> {
  const result = { path, ...(await runConcurrently(clients, perClient, send, submitted)) };
  submitted += clients * perClient;
  console.log(
    `${`inlämning (${path === "sql" ? "api.submit_idea" : "funktionens handler"}), ${clients} klienter`.padEnd(58)} ` +
      `${fmt(result.p50).padStart(7)} / ${fmt(result.p95).padStart(7)} ms  ${result.perSecond} st/s, misslyckade ${result.failed}`,
  );
  return result;
}
async function submitThroughSql(index: number) {
  const connection = await pool.connect();
  try {
    await connection.query("begin");
    await connection.query("set local role anon");
    await connection.query("select api.submit_idea($1, $2)", [
      crypto.randomUUID(),
      JSON.stringify(submission(index)),
    ]);
    await connection.query("commit");
  } catch (error) {
    await connection.query("rollback");
    throw error;
  } finally {
    connection.release();
  }
}
async function submitThroughHandler(index: number) {
  const response = await submitEndpoint(
    new Request("http://localhost/api/ideas", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
      body: JSON.stringify(submission(index)),
    }),
    {
      requestId: "bench",
      waitUntil: (promise: Promise<unknown>) => void promise,
    } as unknown as Context,
  );
  if (response.status !== 201) throw new Error(`status ${response.status}`);
}

// The local Supabase API over the benchmark's database: the handler's and the build's way in.
const needsApi = perClient > 0 || values.build;
const local = needsApi
  ? await startLocalSupabase({
      databaseUrl: databaseUrl.toString(),
      seed: false,
      apiPort: 0,
      dbPort: 0,
      mailPort: 0,
      smtpPort: 0,
    })
  : null;
const apiSettings = local
  ? {
      SUPABASE_URL: local.url,
      SUPABASE_PUBLISHABLE_KEY: local.publishableKey,
      SUPABASE_SECRET_KEY: local.secretKey,
      // The receipt each submission sends right away goes to the local mail catcher.
      SMTP_URL: `smtp://127.0.0.1:${local.smtpPort}`,
    }
  : {};
Object.assign(process.env, apiSettings);

const submitResults: SubmitResult[] = [];
try {
  if (perClient > 0) {
    for (const clients of [1, 10, 50]) {
      submitResults.push(await submitAt("sql", clients, submitThroughSql));
      submitResults.push(await submitAt("handler", clients, submitThroughHandler));
    }
  }
} catch (error) {
  await local?.stop();
  throw error;
}

// The public site with its idea bank, built from this database as Netlify builds it (the content
// loader reads api.list_published_ideas page by key; a page per published idea; Pagefind's index),
// into a temporary directory. Target: under 3 minutes here.
const buildTargetSeconds = 180;
async function directorySize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}
let build: { seconds: number; bytes: number; files: number; ideaPages: number } | null = null;
try {
  if (values.build) {
    const outDir = await mkdtemp(join(tmpdir(), "idebank-bygge-"));
    try {
      const started = performance.now();
      await promisify(execFile)("npx", ["astro", "build", "--silent", "--outDir", outDir], {
        cwd: projectRoot,
        env: { ...process.env, ...apiSettings },
        maxBuffer: 64 * 1024 * 1024,
      });
      const seconds = (performance.now() - started) / 1000;
      const size = await directorySize(outDir);
      const ideaPages = (await readdir(join(outDir, "idebank"), { withFileTypes: true })).filter(
        (entry) => entry.isDirectory(),
      ).length;
      build = { seconds, ...size, ideaPages };
      console.log(
        `${`idébankens bygge (${fact.published} publicerade idéer)`.padEnd(58)} ${seconds.toFixed(0)} s, ` +
          `dist ${mib(size.bytes)} MiB i ${size.files} filer, ${ideaPages} kataloger under /idebank/  ` +
          `mål < ${buildTargetSeconds} s: ${seconds < buildTargetSeconds ? "håller" : "MISSAT"}`,
      );
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }
} finally {
  await local?.stop();
}
await pool.end();

const totalSeconds = Math.round((performance.now() - runStarted) / 1000);
console.log(
  `\n${ideas} genererade idéer (${fact.ideas} totalt, ${fact.published} publicerade, ${fact.events} händelser, ` +
    `${fact.scores} poäng, ${fact.notes} anteckningar; Skövde-coachens omfång ${fact.coach_scope}); databasen ${fact.size}.`,
);
if (generation) console.log(`Generering: ${generationSeconds} s (${JSON.stringify(generation)}).`);
console.log(
  `${calls} anrop per rad efter två uppvärmningsvarv. Belastning (load average, 1 min): ${loadBefore.toFixed(1)} före, ` +
    `${loadAfterReads.toFixed(1)} efter läsningarna, ${loadavg()[0]!.toFixed(1)} efter inlämningarna. Hela körningen: ${totalSeconds} s.`,
);
console.log(`PostgreSQL: ${settings.map((row) => `${row.name} ${row.setting}`).join(", ")}.`);
console.log(
  `Kalibrering (count(*) över generate_series(1, 1 000 000), median av 5; ledig maskin uppskattat 60–80 ms): ` +
    `${fmt(calibrationBefore)} ms före läsningarna, ${fmt(calibrationAfter)} ms efter.`,
);
const misses = [
  ...rows
    .filter((row) => !row.holds)
    .map((row) => `${row.variant.name} (${callers[row.caller].label})`),
  ...exportResults
    .filter((result) => result.rate < targetRowsPerSecond)
    .map((result) => `export ${result.format.toUpperCase()}`),
  ...(build && build.seconds >= buildTargetSeconds ? ["idébankens bygge"] : []),
];
console.log(
  misses.length === 0 ? "Alla mål håller." : `Mål som inte håller: ${misses.join(", ")}.`,
);
console.log(`\n| ${ideas} idéer · variant | anropare | p50 / p95 ms | mål p95 | håller | svar |`);
console.log("|---|---|---|---|---|---|");
for (const row of rows) {
  console.log(
    `| ${row.variant.name} | ${callers[row.caller].label} | ${fmt(row.p50)} / ${fmt(row.p95)} | ≤ ${targets[row.variant.target]} | ${row.holds ? "ja" : "**nej**"} | ${shown.get(key(row.variant, row.caller))} |`,
  );
}
for (const result of exportResults) {
  console.log(
    `| export ${result.format.toUpperCase()}, ${result.run.rows} rader | samordnare | ${result.run.seconds.toFixed(2)} s | ≥ ${targetRowsPerSecond} rader/s | ${result.rate >= targetRowsPerSecond ? "ja" : "**nej**"} | ${result.rate} rader/s, topp-RSS ${mib(result.run.peakRss)} MiB |`,
  );
}
for (const result of submitResults) {
  console.log(
    `| inlämning (${result.path === "sql" ? "SQL-funktionen" : "handlern"}), ${result.clients} klienter | allmänheten | ${fmt(result.p50)} / ${fmt(result.p95)} | – | – | ${result.perSecond} st/s, misslyckade ${result.failed} |`,
  );
}
if (build) {
  console.log(
    `| idébankens bygge, ${fact.published} publicerade | – | ${build.seconds.toFixed(0)} s | < ${buildTargetSeconds} s | ${build.seconds < buildTargetSeconds ? "ja" : "**nej**"} | dist ${mib(build.bytes)} MiB, ${build.files} filer |`,
  );
}
for (const file of planFiles) console.log(`Plan: ${file}`);

if (!values.keep) {
  await admin((client) => client.query(`drop database if exists "${database}" with (force)`));
}
