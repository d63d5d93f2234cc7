import { z } from "zod";
import { readEnv } from "../env.ts";
import { errorFacts, log } from "../log.ts";
import { createServiceClient, getSupabaseEnv, type ApiClient } from "../supabase.ts";

/**
 * Rebuilds the site when the idea bank has changed, at most once per window (decision 0015). The
 * database records a build request with every change to what the idea bank shows (a trigger, in the
 * change's own transaction); this claims every pending request at once when the oldest has waited
 * {@link buildDebounceSeconds}, calls the Netlify build hook once for all of them, and reports
 * back: built, or pending again for the next run. It runs right after a publication (in the
 * background, `context.waitUntil`) and every minute (netlify/functions/idea-bank-build.ts), so ten
 * publications in a minute start one build, a minute or two after the first.
 */

/** Seconds the first pending request waits for others before one build takes them all. */
export const buildDebounceSeconds = 60;

/** Seconds a claim holds its requests; a caller that died leaves them to be claimed again after. */
export const buildLeaseSeconds = 300;

/** Milliseconds the build hook may take to answer. */
export const buildHookTimeoutMs = 10_000;

/** What one run did, for its log line and for tests. */
export interface BuildRunReport {
  /**
   * `not_configured`: no BUILD_HOOK_URL, nothing claimed; `nothing_due`: nothing pending, or the
   * window is still open; `built`: the hook accepted one build for `requests` changes; `hook_failed`:
   * it did not, and the requests are pending again.
   */
  outcome: "not_configured" | "nothing_due" | "built" | "hook_failed";
  /** Requests this run's build covers (0 unless it claimed some). */
  requests: number;
  /** Requests still waiting for their window. */
  pending: number;
  /** The hook's HTTP status, when it was called and answered. */
  status?: number;
}

const claimSchema = z.object({
  claim_id: z.uuid().nullable(),
  requests: z.number().int(),
  pending: z.number().int(),
});

/** Where the run was started from, for the log. */
export type BuildTrigger = "schedule" | "publication" | "interest";

/**
 * One run: claims the due build requests and calls the hook once for them. Without BUILD_HOOK_URL
 * it logs that and returns; a database error is thrown (the scheduled function logs it).
 */
export async function buildIdeaBankIfDue(
  options: {
    trigger: BuildTrigger;
    client?: ApiClient;
    hookUrl?: string | undefined;
    fetch?: typeof fetch;
  } = { trigger: "schedule" },
): Promise<BuildRunReport> {
  const hookUrl = "hookUrl" in options ? options.hookUrl : readEnv().BUILD_HOOK_URL;
  if (!hookUrl) {
    // Not an error: a site without a hook (a developer's machine, a first deploy) shows changes
    // after its next deploy.
    log.info("idea_bank_build_skipped", { trigger: options.trigger, reason: "not_configured" });
    return { outcome: "not_configured", requests: 0, pending: 0 };
  }
  const client = options.client ?? createServiceClient();
  const claimed = await client.rpc("claim_build_requests", {
    debounce_seconds: buildDebounceSeconds,
    lease_seconds: buildLeaseSeconds,
  });
  if (claimed.error)
    throw new Error(`api.claim_build_requests: ${claimed.error.code} ${claimed.error.message}`);
  const claim = claimSchema.parse(claimed.data);
  if (!claim.claim_id) return { outcome: "nothing_due", requests: 0, pending: claim.pending };

  const status = await callHook(hookUrl, claim.requests, options.fetch ?? fetch);
  const succeeded = status !== undefined && status >= 200 && status < 300;
  const completed = await client.rpc("complete_build_requests", {
    claim_id: claim.claim_id,
    succeeded,
  });
  if (completed.error) {
    // The lease runs out and the requests are claimed again: one build too many, never one too few.
    log.error("idea_bank_build_unrecorded", { code: completed.error.code });
  }
  const report: BuildRunReport = {
    outcome: succeeded ? "built" : "hook_failed",
    requests: claim.requests,
    pending: 0,
    ...(status === undefined ? {} : { status }),
  };
  (succeeded ? log.info : log.error)("idea_bank_build", { trigger: options.trigger, ...report });
  return report;
}

/** POSTs to the hook; the status, or undefined when it could not be reached. Never logs the URL. */
async function callHook(
  hookUrl: string,
  changes: number,
  send: typeof fetch,
): Promise<number | undefined> {
  const url = new URL(hookUrl);
  // Netlify shows the title in the deploy list.
  url.searchParams.set(
    "trigger_title",
    `Idébanken: ${changes} ${changes === 1 ? "ändring" : "ändringar"}`,
  );
  try {
    const response = await send(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
      signal: AbortSignal.timeout(buildHookTimeoutMs),
    });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    log.error("idea_bank_build_hook_unreachable", errorFacts(error));
    return undefined;
  }
}

/**
 * The same run after a response has gone out (a publication): never throws, logs what went wrong.
 * Without the secret key only the scheduled function (which has it) claims.
 */
export async function buildIdeaBankInBackground(trigger: BuildTrigger): Promise<void> {
  try {
    if (!readEnv().BUILD_HOOK_URL) {
      log.info("idea_bank_build_skipped", { trigger, reason: "not_configured" });
      return;
    }
    if (!getSupabaseEnv().SUPABASE_SECRET_KEY) return;
    await buildIdeaBankIfDue({ trigger });
  } catch (error) {
    log.error("idea_bank_build_failed", { trigger, ...errorFacts(error) });
  }
}
