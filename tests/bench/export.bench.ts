// Benchmark: the ideas export (CSV and Excel) of 100 000 ideas, streamed.
//
//   node tests/bench/export.bench.ts --ideas 100000            (npm run bench:export)
//   … --reuse        use the database a previous run left (--keep) instead of generating it again
//   … --keep         leave the database for the next run or for psql
//   … --rounds 2     timed exports per format (default 2, after one warm-up export of each)
//
// Generates the ideas with tests/bench/generate-ideas.ts into a database of its own on the machine's
// PostgreSQL (DATABASE_URL, or 127.0.0.1:5432), then exports every idea as the coordinator, exactly
// as GET /api/admin/exports/ideas.csv|.xlsx does – api.start_idea_export once (count and audit),
// then api.list_idea_export_page a keyset page of 1 000 rows at a time, each call as PostgREST
// makes it (one transaction, `set local role authenticated`, the JWT claims) – through the same
// stream code (src/server/exports/idea-export-stream.ts), and reads the stream to its end as a
// client would. Prints rows/s and the process's peak RSS per format, and the RSS after each quarter
// of the rows, so flat memory shows as flat numbers. Target: ≥ 50 000 rows/s. Not part of npm test;
// docs/performance.md records a run.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { exportPageSize } from "../../src/server/exports/idea-export-endpoint.ts";
import {
  exportIdeas,
  formatOnly,
  samplePage,
  targetRowsPerSecond,
  type ExportRun,
} from "./export-run.ts";
import { defaultServerUrl, generateIdeas } from "./generate-ideas.ts";

const { values } = parseArgs({
  options: {
    ideas: { type: "string", default: "100000" },
    database: { type: "string", default: "bench_export" },
    server: { type: "string", default: defaultServerUrl },
    rounds: { type: "string", default: "2" },
    reuse: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const ideas = Number(values.ideas);
const rounds = Number(values.rounds);

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

// Two connections, as PostgREST would have: the stream asks for the next page while it writes one.
const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 });

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

const loadBefore = loadavg()[0]!;
const rssAtStart = process.memoryUsage.rss();
const results: { name: string; run: ExportRun }[] = [];
for (const [name, format, contact] of [
  ["CSV", "csv", false],
  ["CSV med kontaktuppgifter", "csv", true],
  ["Excel (xlsx)", "xlsx", false],
] as const) {
  await exportIdeas(pool, format, contact); // warm-up: caches, JIT
  let best: ExportRun | undefined;
  for (let round = 0; round < rounds; round += 1) {
    const run = await exportIdeas(pool, format, contact);
    console.error(
      `${name}: ${run.rows} rader på ${run.seconds.toFixed(2)} s, topp-RSS ${mib(run.peakRss)} MiB`,
    );
    if (!best || run.seconds < best.seconds) best = run;
  }
  results.push({ name, run: best! });
}
const sample = await samplePage(pool);
const formatting: { name: string; rate: number }[] = [];
for (const format of ["csv", "xlsx"] as const) {
  await formatOnly(format, sample, 20_000); // warm-up
  formatting.push({ name: format, rate: await formatOnly(format, sample, results[0]!.run.rows) });
}
const loadAfter = loadavg()[0]!;

console.log(
  `\nExport av ${results[0]!.run.rows} idéer, bästa av ${rounds} körningar per format (sidor om ${exportPageSize} rader).`,
);
console.log(`RSS före första exporten: ${mib(rssAtStart)} MiB.`);
console.log("| format | rader/s | tid | fil | topp-RSS | RSS efter 25/50/75/100 % |");
console.log("|---|---|---|---|---|---|");
let failed = false;
for (const { name, run } of results) {
  const rate = Math.round(run.rows / run.seconds);
  if (rate < targetRowsPerSecond) failed = true;
  console.log(
    `| ${name} | ${rate.toLocaleString("sv-SE")}${rate < targetRowsPerSecond ? " (under målet)" : ""} | ${run.seconds.toFixed(2)} s | ${mib(run.bytes)} MiB | ${mib(run.peakRss)} MiB | ${run.rssAtQuarters.map(mib).join(" / ")} MiB |`,
  );
}
console.log(
  `Bara strömkoden, utan databas (rader ur minnet, med kontaktuppgifter): ${formatting.map((f) => `${f.name.toUpperCase()} ${f.rate.toLocaleString("sv-SE")} rader/s`).join(", ")}.`,
);
if (generationSeconds !== null) console.log(`Generering: ${generationSeconds} s.`);
console.log(
  `Belastning (load average, 1 min): ${loadBefore.toFixed(1)} före, ${loadAfter.toFixed(1)} efter.`,
);
console.log(
  failed
    ? `Under målet ${targetRowsPerSecond} rader/s.`
    : `Alla över ${targetRowsPerSecond} rader/s.`,
);

await pool.end();
if (!values.keep) {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`drop database if exists "${values.database}" with (force)`);
  await admin.end();
}
process.exitCode = failed ? 1 : 0;
