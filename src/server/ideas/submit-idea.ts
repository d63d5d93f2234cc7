import { createHash } from "node:crypto";
import { z } from "zod";
import type { Locale } from "../../domain/locale.ts";
import { submissionMessages } from "../../domain/idea/messages.ts";
import {
  isIdeaField,
  parseIdeaSubmission,
  type FieldErrors,
  type IdeaSubmission,
} from "../../domain/idea/schema.ts";
import { localiseFieldError, localiseSubmissionError } from "./database-messages.ts";
import type { SubmissionRequest } from "./submission-request.ts";

/** A submission sent sooner than this after the form was shown is treated as a bot (AS-20). */
export const minimumFillMilliseconds = 2000;

/** How a submission ended, for the endpoint to turn into a response. */
export type SubmitOutcome =
  | { kind: "received"; reference: string; statusToken: string | null; replayed: boolean }
  | { kind: "discarded" }
  | { kind: "bad_key"; message: string }
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "key_reused"; message: string }
  | { kind: "throttled"; message: string }
  | { kind: "unavailable" };

/** The one database call a submission needs; the endpoint passes supabase-js `.rpc`. */
export type SubmitIdeaRpc = (args: {
  idempotency_key: string;
  /** The answers, and the form's language when it is not Swedish (e-mails are written in it). */
  submission: IdeaSubmission & { locale?: Locale };
}) => PromiseLike<{
  data: unknown;
  error: { code?: string; message: string; details?: string | null } | null;
  status: number;
}>;

const receiptSchema = z.object({
  reference: z.string(),
  status_token: z.string().nullable(),
  replayed: z.boolean(),
});

/** SQLSTATEs and HTTP statuses that mean "the database is not there right now", not "your input is wrong". */
function isUnavailable(error: { code?: string }, status: number): boolean {
  const code = error.code ?? "";
  return (
    status === 0 ||
    status >= 502 ||
    code === "" ||
    /^(08|53|57P)/.test(code) ||
    /^PGRST00[0-3]$/.test(code)
  );
}

/**
 * A key for a form posted without JavaScript, which cannot make one: derived from the answers, so
 * sending the very same answers again (a double click, a reload) finds the idea already received.
 */
export function keyFromAnswers(submission: IdeaSubmission): string {
  const hex = createHash("sha256").update(JSON.stringify(submission)).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Receives one idea: drops bot submissions without telling them, checks the idempotency key, parses
 * the answers with the idea schema, and calls `api.submit_idea`, which stores everything in one
 * transaction. Errors the database raises for a field (IS002) come back as that field's message.
 * Every message is in the request's language (database-messages.ts turns the database's Swedish
 * into English).
 */
export async function submitIdea(
  request: SubmissionRequest,
  rpc: SubmitIdeaRpc,
): Promise<SubmitOutcome> {
  if (request.honeypot.trim() !== "") return { kind: "discarded" };
  if (
    request.fillMilliseconds !== undefined &&
    request.fillMilliseconds < minimumFillMilliseconds
  ) {
    return { kind: "discarded" };
  }
  const { locale } = request;
  if (request.idempotencyKey !== undefined && !z.uuid().safeParse(request.idempotencyKey).success) {
    return { kind: "bad_key", message: submissionMessages[locale].keyNotUuid };
  }
  if (request.idempotencyKey === undefined && request.format === "json") {
    return { kind: "bad_key", message: submissionMessages[locale].keyRequired };
  }

  const parsed = parseIdeaSubmission(request.input, locale);
  if (!parsed.success) return { kind: "invalid", errors: parsed.errors };

  const key = request.idempotencyKey ?? keyFromAnswers(parsed.data);
  let result: Awaited<ReturnType<SubmitIdeaRpc>>;
  try {
    // Swedish is the database's default, so a Swedish body is exactly the answers.
    const submission = locale === "sv" ? parsed.data : { ...parsed.data, locale };
    result = await rpc({ idempotency_key: key, submission });
  } catch {
    return { kind: "unavailable" };
  }
  const { data, error, status } = result;
  if (error) {
    if (error.code === "IS002") {
      const field = error.details && isIdeaField(error.details) ? error.details : "form";
      return {
        kind: "invalid",
        errors: { [field]: [localiseFieldError(field, error.message, locale)] },
      };
    }
    if (error.code === "PT422")
      return {
        kind: "key_reused",
        message: localiseSubmissionError("keyReused", error.message, locale),
      };
    if (error.code === "PT429")
      return {
        kind: "throttled",
        message: localiseSubmissionError("throttled", error.message, locale),
      };
    if (isUnavailable(error, status)) return { kind: "unavailable" };
    // A value the schema let through but PostgreSQL cannot take (a data exception): the person's
    // input, so a 422 that says so rather than a 500. Logged, because the schema should catch it.
    if (error.code?.startsWith("22")) {
      console.warn(
        JSON.stringify({ level: "warn", event: "submission_unstorable", code: error.code }),
      );
      return { kind: "invalid", errors: { form: [submissionMessages[locale].unstorable] } };
    }
    throw new Error(`api.submit_idea: ${error.code} ${error.message}`);
  }
  const receipt = receiptSchema.parse(data);
  return {
    kind: "received",
    reference: receipt.reference,
    statusToken: receipt.status_token,
    replayed: receipt.replayed,
  };
}
