// One export of the ideas as GET /api/admin/exports/ideas.csv|.xlsx makes it, for the benchmarks
// (tests/bench/export.bench.ts, tests/bench/national.bench.ts): api.start_idea_export once (count
// and audit), then api.list_idea_export_page a keyset page at a time, each call as PostgREST makes
// it (one transaction, `role authenticated`, the coordinator's claims), through the same stream code
// (src/server/exports/idea-export-stream.ts), read to its end as a client would. Measures the time,
// the size and the process's RSS: its peak, and after each quarter of the rows (flat numbers =
// constant memory).
import type pg from "pg";
import type { IdeaExportRow } from "../../src/domain/exports/idea-export.ts";
import { exportPageSize } from "../../src/server/exports/idea-export-endpoint.ts";
import {
  ideaCsvStream,
  ideaXlsxStream,
  type ExportStreamOptions,
} from "../../src/server/exports/idea-export-stream.ts";

/** The target (issues 15 and 17). */
export const targetRowsPerSecond = 50_000;

/** The demo coordinator (supabase/seed.sql). */
const coordinatorId = "00000000-0000-4000-a000-000000000001";

/** What one export measured. */
export interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  peakRss: number;
  rssAtQuarters: number[];
}

/** One call as PostgREST makes it, as the coordinator. */
async function asCoordinator<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  sql: string,
  params: unknown[],
): Promise<R[]> {
  const client = await pool.connect();
  await client.query("begin");
  try {
    await client.query(
      "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ sub: coordinatorId, role: "authenticated", aud: "authenticated" })],
    );
    const { rows } = await client.query<R>(sql, params);
    await client.query("commit");
    return rows;
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Exports every idea (no filter, the queue's default order) – or only the first `limit` rows, read
 * page by page as the endpoint reads them – and reads the stream to its end. The pool should allow
 * two connections, as PostgREST would: the stream asks for the next page while it writes one.
 */
export async function exportIdeas(
  pool: pg.Pool,
  format: "csv" | "xlsx",
  includeContact: boolean,
  limit = Number.POSITIVE_INFINITY,
): Promise<ExportRun> {
  global.gc?.();
  const started = performance.now();
  const [start] = await asCoordinator<{ result: { rows: number } }>(
    pool,
    "select api.start_idea_export('{}'::jsonb, 'received', $1, $2) as result",
    [format, includeContact],
  );
  const expected = Math.min(start!.result.rows, limit);
  let read = 0;
  let peakRss = process.memoryUsage.rss();
  const rssAtQuarters: number[] = [];
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  const options: ExportStreamOptions = {
    pageSize: exportPageSize,
    includeContact,
    readPage: async (after) => {
      if (read >= expected) return [];
      const page = await asCoordinator<IdeaExportRow & pg.QueryResultRow>(
        pool,
        "select * from api.list_idea_export_page('{}'::jsonb, 'received', $1, $2, $3)",
        [includeContact, after, Math.min(exportPageSize, expected - read)],
      );
      const before = read;
      read += page.length;
      const rss = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rss);
      if (Math.floor((read * 4) / expected) > Math.floor((before * 4) / expected))
        rssAtQuarters.push(rss);
      // A page shorter than exportPageSize ends the stream: the last one of a limited export is.
      return page;
    },
  };
  const stream = format === "csv" ? ideaCsvStream(options) : ideaXlsxStream(options);
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.byteLength;
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (read !== expected) throw new Error(`${format}: ${read} rader, väntade ${expected}`);
  return { rows: read, bytes, seconds, peakRss, rssAtQuarters };
}

/** A page of real rows with contact details, for measuring the stream code without the database. */
export async function samplePage(pool: pg.Pool): Promise<IdeaExportRow[]> {
  return asCoordinator<IdeaExportRow & pg.QueryResultRow>(
    pool,
    "select * from api.list_idea_export_page('{}'::jsonb, 'received', true, null, $1)",
    [exportPageSize],
  );
}

/**
 * The stream code alone, without the database: `total` rows from memory (one page repeated), to
 * show what the formatting and the zip cost on their own. Returns rows per second.
 */
export async function formatOnly(format: "csv" | "xlsx", rows: IdeaExportRow[], total: number) {
  let served = 0;
  const stream = (format === "csv" ? ideaCsvStream : ideaXlsxStream)({
    pageSize: exportPageSize,
    includeContact: true,
    readPage: async () => {
      const page = rows.slice(0, Math.min(exportPageSize, total - served));
      served += page.length;
      return page;
    },
  });
  const started = performance.now();
  for await (const chunk of stream) void chunk;
  return Math.round(served / ((performance.now() - started) / 1000));
}
