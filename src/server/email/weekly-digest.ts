import { queuedDigestSchema } from "../../domain/admin/answers.ts";
import { log } from "../log.ts";
import { createServiceClient, type ApiClient } from "../supabase.ts";

/** What one run of the weekly digest job queued. */
export interface QueuedDigest {
  /** The ISO week, e.g. 2026-W49. */
  week: string;
  /** E-mails queued now, one per active coordinator. */
  queued: number;
  /** Coordinators who already had this week's digest (a repeated run). */
  skipped: number;
}

/**
 * Queues this week's digest for every active coordinator (`api.queue_weekly_digest`, secret key):
 * one Swedish e-mail each in the outbox, which the outbox sender delivers within a minute. Run
 * twice in a week, it queues nothing new. Logs the counts; throws when the database refuses.
 */
export async function queueWeeklyDigest(
  options: { client?: ApiClient } = {},
): Promise<QueuedDigest> {
  const client = options.client ?? createServiceClient();
  const { data, error } = await client.rpc("queue_weekly_digest");
  if (error) throw new Error(`api.queue_weekly_digest: ${error.code} ${error.message}`);
  const queued = queuedDigestSchema.parse(data);
  log.info("weekly_digest_queued", { ...queued });
  return queued;
}
