import { gallringReportSchema } from "../../domain/admin/answers.ts";
import { retentionCategories } from "../../domain/admin/retention.ts";
import { readEnv, type EnvSource } from "../env.ts";
import { log } from "../log.ts";
import { createServiceClient, type ApiClient } from "../supabase.ts";

/** What one gallring run did, for its log line and for tests. */
export interface GallringRunReport {
  dryRun: boolean;
  /** Rows removed (or, in a dry run, due) per category. */
  totals: Record<string, number>;
  /** Removals: one per category and idea, each an audit event. */
  removals: number;
  erasuresCarriedOut: number;
}

/**
 * Whether the job only lists: `GALLRING_DRY_RUN=true` (a new site, until the archivist has
 * confirmed the retention rules).
 */
export function isGallringDryRun(source?: EnvSource): boolean {
  return readEnv(source).GALLRING_DRY_RUN === "true";
}

/**
 * One run of the gallring job: `api.run_gallring` with the secret key removes what is past its date
 * under the active retention rules, writing an audit event per removal, in one transaction. Logs
 * the counts per category (src/server/log.ts: numbers and codes only, never a reference or content).
 * Throws when the database refuses; the scheduled function logs it and the next day's run tries again.
 */
export async function runGallring(
  options: { client?: ApiClient; dryRun?: boolean } = {},
): Promise<GallringRunReport> {
  const client = options.client ?? createServiceClient();
  const dryRun = options.dryRun ?? isGallringDryRun();
  const { data, error } = await client.rpc("run_gallring", { dry_run: dryRun });
  if (error) throw new Error(`api.run_gallring: ${error.code} ${error.message}`);
  const answer = gallringReportSchema.parse(data);
  const totals = Object.fromEntries(
    retentionCategories.map((category) => [category, answer.totals[category] ?? 0]),
  );
  const report: GallringRunReport = {
    dryRun: answer.dry_run,
    totals,
    removals: answer.items.length,
    erasuresCarriedOut: answer.erasures_carried_out,
  };
  log.info("gallring_run", {
    dryRun: report.dryRun,
    removals: report.removals,
    erasuresCarriedOut: report.erasuresCarriedOut,
    ...totals,
  });
  return report;
}
