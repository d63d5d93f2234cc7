import { reviewerAccountSchema, type ReviewerAccount } from "../../domain/admin/answers.ts";
import type { ReviewerInvitation } from "../../domain/admin/administration-schema.ts";
import { callDatabase, type DatabaseFailure } from "../http/database-error.ts";
import { log } from "../log.ts";
import type { ReviewerSession } from "../session/reviewer-session.ts";
import { createServiceClient } from "../supabase.ts";

/** What an invitation came to. */
export type InvitationOutcome =
  | { ok: true; reviewer: ReviewerAccount }
  /** The database refused (the coordinator check, a field, an existing reviewer). */
  | { ok: false; kind: "refused"; failure: DatabaseFailure }
  /** Auth already has a confirmed account with the address: it cannot be invited again. */
  | { ok: false; kind: "account_exists" }
  /** Auth could not be reached. */
  | { ok: false; kind: "unavailable" };

/**
 * Invites a reviewer, in two steps that cannot share a transaction:
 *
 * 1. Auth's admin API (`generate_link`, type `invite`, with the secret key, from this function only)
 *    makes the account – unconfirmed, without a password – and a one-time token, and sends nothing.
 *    Hosted Supabase and the local Auth (supabase/local/gotrue.ts) answer alike.
 * 2. `api.invite_reviewer`, as the coordinator, makes the account a reviewer and queues the Swedish
 *    invitation with the token's hash in the same transaction, audited. The SQL function checks the
 *    caller again; the caller has already been checked as an active coordinator by the session.
 *
 * When step 2 refuses, the account step 1 made stays, without a reviewer row: it cannot sign in to
 * anything (every session is checked against app.reviewers), and inviting the address again reuses
 * it. It is not deleted, because deleting an Auth user cascades to a reviewer row it may have.
 */
export async function inviteReviewer(
  session: ReviewerSession,
  invitation: ReviewerInvitation,
): Promise<InvitationOutcome> {
  const admin = createServiceClient().auth.admin;
  const { data, error } = await admin.generateLink({
    type: "invite",
    email: invitation.email,
    options: { data: { name: invitation.name } },
  });
  if (error || !data.user) {
    // 422 email_exists: a confirmed account (someone who has signed in) has the address.
    if (error?.status === 422 || error?.code === "email_exists")
      return { ok: false, kind: "account_exists" };
    log.error("invitation_link_failed", { status: error?.status, code: error?.code });
    return { ok: false, kind: "unavailable" };
  }
  const result = await callDatabase(
    session.client.rpc("invite_reviewer", {
      email: invitation.email,
      display_name: invitation.name,
      role: invitation.role,
      municipality_code: invitation.municipalityCode as string,
      invitation_token: data.properties.hashed_token,
    }),
  );
  if (!result.ok) {
    return result.failure.kind === "unavailable"
      ? { ok: false, kind: "unavailable" }
      : { ok: false, kind: "refused", failure: result.failure };
  }
  return { ok: true, reviewer: reviewerAccountSchema.parse(result.data) };
}
