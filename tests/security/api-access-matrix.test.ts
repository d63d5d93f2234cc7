import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actors, startSecurityStack, type Actor, type SecurityStack } from "./harness/stack.ts";
import { aSubmission, moveIdea, submitIdea, type SubmittedIdea } from "./harness/fixtures.ts";

/*
 * The authorization matrix: every function in the api schema × every actor × the expected outcome,
 * run through supabase-js against the local Supabase. A function missing from the matrix fails the
 * suite, and every row that denies someone also allows someone the very same call, so an empty
 * result can never pass as security (AZ-02, AZ-04).
 */

// The rule keys the database raises (decision 0007); the sentences people read are tested with the
// catalogues (tests/security/lifecycle.test.ts, src/domain/*/messages.test.ts).
const notReviewer = "not_reviewer";
const notFound = "not_found";
const unknownLink = "not_found";
const permissionDenied = (fn: string) => `permission denied for function ${fn}`;

/** The demo accounts' reviewer ids (supabase/seed.sql). */
const reviewerIds = {
  coordinator: "00000000-0000-4000-a000-000000000001",
  skovdeReviewer: "00000000-0000-4000-a000-000000000002",
  lidkopingReviewer: "00000000-0000-4000-a000-000000000003",
  regionReviewer: "00000000-0000-4000-a000-000000000004",
} as const;

/** A complete assessment on the three criteria the migrations create. */
const anAssessment = {
  scores: [
    { criterion: "nytta", score: 4, comment: "Tydlig nytta för de boende." },
    { criterion: "effekter", score: 3, comment: "Märkbara effekter i en verksamhet." },
    { criterion: "genomforbarhet", score: 5, comment: "Kan göras med befintliga resurser." },
  ],
  recommendation: "vidare",
  comment: "Gå vidare.",
};

/** A date `days` from today (Swedish date), as YYYY-MM-DD. */
const daysFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", {
    timeZone: "Europe/Stockholm",
  });

interface Fixtures {
  /** Calls as the actor, for a row's set-up (the call's outcome is not the row's). */
  callAs(actor: Actor, fn: string, args: Record<string, unknown>): Promise<unknown>;
  skovdeIdea: SubmittedIdea;
  lidkopingIdea: SubmittedIdea;
  publishedReference: string;
  publishedTitle: string;
  ideasTotal: number;
  freshIdea(
    municipalityCode: "1496" | "1494",
    path?: string[],
    overrides?: Record<string, unknown>,
  ): Promise<SubmittedIdea>;
  /** A fresh idea whose receipt the sender gave up on; the id of that dead e-mail. */
  deadEmail(): Promise<number>;
}

type Check = (data: unknown, fixtures: Fixtures) => void;
type Outcome =
  | { kind: "allowed"; check: Check }
  | { kind: "denied"; code: string; status: number; message: string };

/** How the test titles name each actor. */
const actorLabels: Record<Actor, string> = {
  anon: "a visitor (publishable key, no token)",
  tokenHolder: "the holder of the idea's status token",
  skovdeReviewer: "the Skövde idea coach",
  lidkopingReviewer: "the Lidköping idea coach",
  regionReviewer: "the regional reviewer",
  coordinator: "the regional coordinator",
  serviceRole: "the server with the secret key",
};

const allowed = (check: Check): Outcome => ({ kind: "allowed", check });
const denied = (code: string, status: number, message: string): Outcome => ({
  kind: "denied",
  code,
  status,
  message,
});

interface Row {
  /** The function in schema api. */
  fn: string;
  /** The arguments each actor sends; the same target for everyone on the row. */
  args(fixtures: Fixtures, actor: Actor): Promise<Record<string, unknown>>;
  expect: Record<Actor, Outcome>;
}

/**
 * A coordinator-only function (operations, issue 16): the coordinator may call it; reviewers,
 * regional or not, are refused with coordinator_only; the server with the secret key is no
 * reviewer; anon holds no execute.
 */
function coordinatorOnly(fn: string, args: Row["args"], check: Check): Row {
  return {
    fn,
    args,
    expect: {
      anon: denied("42501", 401, permissionDenied(fn)),
      tokenHolder: denied("42501", 401, permissionDenied(fn)),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("42501", 403, "coordinator_only"),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed(check),
      serviceRole: denied("42501", 403, notReviewer),
    },
  };
}

/** A scheduled job's function: the server with the secret key only. */
function secretKeyOnly(fn: string, args: Row["args"], check: Check): Row {
  return {
    fn,
    args,
    expect: {
      anon: denied("42501", 401, permissionDenied(fn)),
      tokenHolder: denied("42501", 401, permissionDenied(fn)),
      skovdeReviewer: denied("42501", 403, permissionDenied(fn)),
      lidkopingReviewer: denied("42501", 403, permissionDenied(fn)),
      regionReviewer: denied("42501", 403, permissionDenied(fn)),
      coordinator: denied("42501", 403, permissionDenied(fn)),
      serviceRole: allowed(check),
    },
  };
}

/**
 * An idea the matrix publishes: with the bearer's consent, and words of its own, so the published
 * ideas it leaves behind do not crowd the similar-ideas hint's rows.
 */
const publishable = {
  publish_consent: true,
  title: "Matristest: publicerad kvarnsten",
  problem: "Kvarnstenar i matristestet saknar plats.",
  proposal: "Ordna en kvarnstensgård för matristestet.",
};

const references = (data: unknown) => (data as { reference: string }[]).map((row) => row.reference);
const queueReferences = (data: unknown) =>
  (data as { items: { reference: string }[] }).items.map((row) => row.reference);
/** One idea from api.find_similar_ideas' answer, failing the test when it is not there. */
function similarIdea(data: unknown, reference: string): Record<string, unknown> {
  const found = (data as Record<string, unknown>[]).find((row) => row.reference === reference);
  if (!found) throw new Error(`${reference} is not among the similar ideas`);
  return found;
}

const matrix: Row[] = [
  // Operations (issue 16): gallring, personal-data requests, dead e-mails, the weekly digest and the
  // audit trail. What each does is tested in tests/security/gallring.test.ts and the integration
  // tests of their endpoints.
  secretKeyOnly(
    "run_gallring",
    async () => ({ dry_run: true }),
    (data) => expect(data).toMatchObject({ dry_run: true, items: expect.any(Array) }),
  ),
  secretKeyOnly(
    "queue_weekly_digest",
    async () => ({}),
    (data) => expect(data).toMatchObject({ week: expect.stringMatching(/^\d{4}-W\d{2}$/) }),
  ),
  coordinatorOnly(
    "preview_gallring",
    async () => ({}),
    (data) => expect((data as { categories: unknown[] }).categories).toHaveLength(6),
  ),
  coordinatorOnly(
    "list_retention_rules",
    async () => ({}),
    (data) =>
      expect(data).toContainEqual(
        expect.objectContaining({ category: "bearer_contact", keep_for: "P2Y", active: true }),
      ),
  ),
  coordinatorOnly(
    "change_retention_rule",
    async () => ({
      category: "email_outbox",
      keep_for: "90 days",
      after: "created",
      active: true,
      legal_basis: "Utskickskopior gallras 90 dagar efter utskick (matristestet).",
    }),
    (data) => expect(data).toMatchObject({ category: "email_outbox", keep_for: "P90D" }),
  ),
  coordinatorOnly(
    "list_audit_events",
    async () => ({ page_size: 5 }),
    (data) => expect(data).toMatchObject({ items: expect.any(Array) }),
  ),
  coordinatorOnly(
    "find_personal_data",
    async (f) => ({ email: f.skovdeIdea.email }),
    (data, f) => {
      expect(references((data as { ideas: unknown }).ideas)).toEqual([f.skovdeIdea.reference]);
      expect(JSON.stringify(data)).not.toContain(f.lidkopingIdea.email);
    },
  ),
  coordinatorOnly(
    "record_personal_data_decision",
    async (f) => ({
      email: (await f.freshIdea("1496")).email,
      decision: "restriction",
      reason: "Personen har bestritt uppgifternas riktighet (matristestet).",
    }),
    (data) => expect(data).toMatchObject({ decision: "restriction", ideas: [expect.any(String)] }),
  ),
  coordinatorOnly(
    "list_dead_emails",
    async () => ({}),
    (data) => expect(Array.isArray(data)).toBe(true),
  ),
  coordinatorOnly(
    "retry_dead_email",
    async (f) => ({ email_id: await f.deadEmail() }),
    (data) => expect(data).toMatchObject({ status: "pending", template: "submission_receipt" }),
  ),
  {
    fn: "list_review_queue",
    // Both fixture ideas carry the word "matristest" in their titles and nothing else does.
    args: async () => ({ filters: { search: "matristest" } }),
    expect: {
      anon: denied("42501", 401, permissionDenied("list_review_queue")),
      tokenHolder: denied("42501", 401, permissionDenied("list_review_queue")),
      skovdeReviewer: allowed((data, f) => {
        expect(queueReferences(data)).toEqual([f.skovdeIdea.reference]);
      }),
      lidkopingReviewer: allowed((data, f) => {
        expect(queueReferences(data)).toEqual([f.lidkopingIdea.reference]);
      }),
      regionReviewer: allowed((data, f) => {
        expect(queueReferences(data)).toEqual([f.lidkopingIdea.reference, f.skovdeIdea.reference]);
      }),
      coordinator: allowed((data, f) => {
        expect(queueReferences(data)).toEqual([f.lidkopingIdea.reference, f.skovdeIdea.reference]);
        expect(data).toMatchObject({ total: 2, next: null });
      }),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "get_review_idea",
    args: async (f) => ({ reference: f.skovdeIdea.reference }),
    expect: {
      anon: denied("42501", 401, permissionDenied("get_review_idea")),
      tokenHolder: denied("42501", 401, permissionDenied("get_review_idea")),
      skovdeReviewer: allowed((data, f) => {
        expect(data).toMatchObject({
          reference: f.skovdeIdea.reference,
          bearer_visible: true,
          bearer: { email: f.skovdeIdea.email },
        });
      }),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data, f) => {
        expect(data).toMatchObject({
          reference: f.skovdeIdea.reference,
          bearer: { email: f.skovdeIdea.email },
        });
      }),
      coordinator: allowed((data, f) => {
        expect(data).toMatchObject({
          reference: f.skovdeIdea.reference,
          state: "received",
          bearer: { email: f.skovdeIdea.email },
        });
      }),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    // The two fixture ideas have the same text, so each is the other's most similar idea. The
    // Lidköping idea is outside the Skövde coach's scope: named, never shown.
    fn: "find_similar_ideas",
    args: async (f) => ({ reference: f.skovdeIdea.reference, max_results: 20 }),
    expect: {
      anon: denied("42501", 401, permissionDenied("find_similar_ideas")),
      tokenHolder: denied("42501", 401, permissionDenied("find_similar_ideas")),
      skovdeReviewer: allowed((data, f) => {
        const other = similarIdea(data, f.lidkopingIdea.reference);
        expect(other).toEqual({
          reference: f.lidkopingIdea.reference,
          title: "Matristest: digitala lås i Lidköping",
          municipality: { code: "1494", name: "Lidköping" },
          state: "received",
          in_scope: false,
          similarity: expect.any(Number),
        });
        expect(references(data)).not.toContain(f.skovdeIdea.reference);
        // No idea's text and no bearer, whoever's: only summaries come back.
        expect(JSON.stringify(data)).not.toContain(aSubmission("1494").problem);
        expect(JSON.stringify(data)).not.toMatch(/@|Test Testsson/);
      }),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data, f) => {
        expect(similarIdea(data, f.lidkopingIdea.reference)).toMatchObject({ in_scope: true });
      }),
      coordinator: allowed((data, f) => {
        const other = similarIdea(data, f.lidkopingIdea.reference);
        expect(other).toMatchObject({ in_scope: true });
        expect(other.similarity).toBeGreaterThan(0.5);
        expect(Object.keys(other).sort()).toEqual([
          "in_scope",
          "municipality",
          "reference",
          "similarity",
          "state",
          "title",
        ]);
      }),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "change_idea_state",
    args: async (f) => ({
      idea_id: (await f.freshIdea("1496")).id,
      expected_state: "received",
      to_state: "in_review",
      reason: "Idén tas upp för bedömning.",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("change_idea_state")),
      tokenHolder: denied("42501", 401, permissionDenied("change_idea_state")),
      skovdeReviewer: allowed((data) => expect(data).toMatchObject({ state: "in_review" })),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) => expect(data).toMatchObject({ state: "in_review" })),
      coordinator: allowed((data) => expect(data).toMatchObject({ state: "in_review" })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "release_decision",
    args: async (f) => ({
      idea_id: (await f.freshIdea("1496", ["in_review", "assessed", "accepted"])).id,
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("release_decision")),
      tokenHolder: denied("42501", 401, permissionDenied("release_decision")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data) => expect(data).toMatchObject({ public_state: "accepted" })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "ask_bearer",
    args: async (f) => ({
      idea_id: (await f.freshIdea("1496", ["in_review"])).id,
      expected_state: "in_review",
      question: "Hur många medarbetare berörs?",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("ask_bearer")),
      tokenHolder: denied("42501", 401, permissionDenied("ask_bearer")),
      skovdeReviewer: allowed((data) => expect(data).toMatchObject({ state: "needs_info" })),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) => expect(data).toMatchObject({ state: "needs_info" })),
      coordinator: allowed((data) => expect(data).toMatchObject({ state: "needs_info" })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "publish_idea",
    args: async (f) => ({
      idea_id: (await f.freshIdea("1496", [], { publish_consent: true })).id,
      public_summary: "Digitala lås sparar tid i korttidsboendet.",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("publish_idea")),
      tokenHolder: denied("42501", 401, permissionDenied("publish_idea")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({ reference: expect.stringMatching(/^IS-\d{4}-\d{4}$/) }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  // The assessment (issue 13). Behaviour in tests/security/assessment.test.ts and
  // tests/integration/assessment.test.ts; here who may call what.
  {
    fn: "list_criteria",
    args: async () => ({}),
    expect: {
      anon: denied("42501", 401, permissionDenied("list_criteria")),
      tokenHolder: denied("42501", 401, permissionDenied("list_criteria")),
      ...Object.fromEntries(
        (["skovdeReviewer", "lidkopingReviewer", "regionReviewer", "coordinator"] as const).map(
          (actor) => [
            actor,
            allowed((data) => {
              const { criteria } = data as { criteria: { slug: string; levels: unknown[] }[] };
              expect(criteria.map((criterion) => criterion.slug)).toEqual([
                "nytta",
                "effekter",
                "genomforbarhet",
              ]);
              expect(criteria[0]!.levels).toHaveLength(5);
            }),
          ],
        ),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    } as Record<Actor, Outcome>,
  },
  {
    fn: "declare_conflict_of_interest",
    args: async (f) => ({
      reference: (await f.freshIdea("1496", ["in_review"])).reference,
      has_conflict: true,
      reason: "Idébäraren är min granne.",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("declare_conflict_of_interest")),
      tokenHolder: denied("42501", 401, permissionDenied("declare_conflict_of_interest")),
      skovdeReviewer: allowed((data) => expect(data).toMatchObject({ has_conflict: true })),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) => expect(data).toMatchObject({ has_conflict: true })),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({ has_conflict: true, reason: "Idébäraren är min granne." }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "save_assessment",
    // Each reviewer first answers the jäv question with no (refused for those who may not).
    args: async (f, actor) => {
      const { reference } = await f.freshIdea("1496", ["in_review"]);
      await f.callAs(actor, "declare_conflict_of_interest", { reference, has_conflict: false });
      return { reference, ...anAssessment };
    },
    expect: {
      anon: denied("42501", 401, permissionDenied("save_assessment")),
      tokenHolder: denied("42501", 401, permissionDenied("save_assessment")),
      skovdeReviewer: allowed((data) => expect(data).toMatchObject({ status: "complete" })),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) => expect(data).toMatchObject({ status: "complete" })),
      coordinator: allowed((data) => expect(data).toMatchObject({ status: "complete" })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "list_assessment_history",
    // Each reviewer who may saves an assessment twice; the history holds their own two saves.
    args: async (f, actor) => {
      const { reference } = await f.freshIdea("1496", ["in_review"]);
      await f.callAs(actor, "declare_conflict_of_interest", { reference, has_conflict: false });
      await f.callAs(actor, "save_assessment", { reference, ...anAssessment });
      await f.callAs(actor, "save_assessment", {
        reference,
        ...anAssessment,
        scores: anAssessment.scores.map((entry) => ({ ...entry, score: 2 })),
      });
      return { reference };
    },
    expect: {
      anon: denied("42501", 401, permissionDenied("list_assessment_history")),
      tokenHolder: denied("42501", 401, permissionDenied("list_assessment_history")),
      ...Object.fromEntries(
        (["skovdeReviewer", "regionReviewer", "coordinator"] as const).map((actor) => [
          actor,
          allowed((data) => {
            const { saves } = data as {
              saves: { recommendation: string; scores: { criterion: string; score: number }[] }[];
            };
            expect(saves.map((save) => save.scores.map((score) => score.score))).toEqual([
              [2, 2, 2],
              [4, 3, 5],
            ]);
            expect(saves[0]!.recommendation).toBe("vidare");
          }),
        ]),
      ),
      lidkopingReviewer: denied("PT404", 404, notFound),
      serviceRole: denied("42501", 403, notReviewer),
    } as Record<Actor, Outcome>,
  },
  {
    fn: "list_idea_reviewers",
    args: async (f) => ({ reference: f.skovdeIdea.reference }),
    expect: {
      anon: denied("42501", 401, permissionDenied("list_idea_reviewers")),
      tokenHolder: denied("42501", 401, permissionDenied("list_idea_reviewers")),
      ...Object.fromEntries(
        (["skovdeReviewer", "regionReviewer", "coordinator"] as const).map((actor) => [
          actor,
          allowed((data) => {
            const ids = (data as { reviewers: { id: string }[] }).reviewers.map((r) => r.id);
            expect(ids).toContain(reviewerIds.skovdeReviewer);
            expect(ids).toContain(reviewerIds.regionReviewer);
            expect(ids).not.toContain(reviewerIds.lidkopingReviewer);
          }),
        ]),
      ),
      lidkopingReviewer: denied("PT404", 404, notFound),
      serviceRole: denied("42501", 403, notReviewer),
    } as Record<Actor, Outcome>,
  },
  {
    fn: "assign_reviewer",
    args: async (f) => ({
      reference: (await f.freshIdea("1496", ["in_review"])).reference,
      reviewer_id: reviewerIds.skovdeReviewer,
      due_on: daysFromToday(7),
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("assign_reviewer")),
      tokenHolder: denied("42501", 401, permissionDenied("assign_reviewer")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({ reviewer_id: reviewerIds.skovdeReviewer, created: true }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "unassign_reviewer",
    args: async (f) => {
      const { reference } = await f.freshIdea("1496", ["in_review"]);
      await f.callAs("coordinator", "assign_reviewer", {
        reference,
        reviewer_id: reviewerIds.regionReviewer,
        due_on: daysFromToday(7),
      });
      return { reference, reviewer_id: reviewerIds.regionReviewer };
    },
    expect: {
      anon: denied("42501", 401, permissionDenied("unassign_reviewer")),
      tokenHolder: denied("42501", 401, permissionDenied("unassign_reviewer")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data) => expect(data).toMatchObject({ removed: true })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "add_internal_note",
    args: async (f) => ({
      reference: f.skovdeIdea.reference,
      body: "Finns det liknande lås i Lidköping?",
      mentions: [reviewerIds.regionReviewer],
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("add_internal_note")),
      tokenHolder: denied("42501", 401, permissionDenied("add_internal_note")),
      skovdeReviewer: allowed((data) =>
        expect(data).toMatchObject({ mentions: [reviewerIds.regionReviewer] }),
      ),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) => expect(data).toMatchObject({ reply_to: null })),
      coordinator: allowed((data) => expect(data).toMatchObject({ reply_to: null })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "move_idea",
    args: async (f) => ({
      reference: (await f.freshIdea("1496")).reference,
      expected_state: "received",
      to_state: "in_review",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("move_idea")),
      tokenHolder: denied("42501", 401, permissionDenied("move_idea")),
      skovdeReviewer: allowed((data) => expect(data).toMatchObject({ state: "in_review" })),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) => expect(data).toMatchObject({ state: "in_review" })),
      coordinator: allowed((data) => expect(data).toMatchObject({ state: "in_review" })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "ask_bearer_about",
    args: async (f) => ({
      reference: (await f.freshIdea("1496", ["in_review"])).reference,
      expected_state: "in_review",
      question: "Hur många medarbetare berörs?",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("ask_bearer_about")),
      tokenHolder: denied("42501", 401, permissionDenied("ask_bearer_about")),
      skovdeReviewer: allowed((data) => expect(data).toMatchObject({ state: "needs_info" })),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) => expect(data).toMatchObject({ state: "needs_info" })),
      coordinator: allowed((data) => expect(data).toMatchObject({ state: "needs_info" })),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  // Decisions, duplicates, publishing, interest, sharing and the overview (issue 14). Behaviour in
  // tests/security/decisions.test.ts and tests/integration/decisions.test.ts; here who may call what.
  {
    fn: "release_idea_decision",
    args: async (f) => ({
      reference: (await f.freshIdea("1496", ["in_review", "assessed", "accepted"])).reference,
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("release_idea_decision")),
      tokenHolder: denied("42501", 401, permissionDenied("release_idea_decision")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({
          public_state: "accepted",
          state_label: "vidare till utveckling",
          message: "Tack för din idé! Den går vidare till utveckling.",
          email_queued: true,
        }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "unlink_duplicate",
    args: async (f) => {
      const idea = await f.freshIdea("1496", ["in_review"]);
      await f.callAs("coordinator", "change_idea_state", {
        idea_id: idea.id,
        expected_state: "in_review",
        to_state: "duplicate",
        reason: "Samma idé som matristestets.",
        message_to_bearer: "Din idé är en dubblett.",
        duplicate_of: f.skovdeIdea.id,
      });
      return {
        reference: idea.reference,
        expected_state: "duplicate",
        reason: "Det var inte samma idé.",
      };
    },
    expect: {
      anon: denied("42501", 401, permissionDenied("unlink_duplicate")),
      tokenHolder: denied("42501", 401, permissionDenied("unlink_duplicate")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data, f) =>
        expect(data).toMatchObject({
          state: "in_review",
          decision_withdrawn: true,
          bearer_told: false,
          link: { idea: { reference: f.skovdeIdea.reference }, removed_by: "Sam Samordnare" },
        }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "publish_to_idea_bank",
    args: async (f) => ({
      reference: (await f.freshIdea("1496", [], publishable)).reference,
      public_summary: "Matristestets publicering: en sammanfattning för idébanken.",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied("publish_to_idea_bank")),
      tokenHolder: denied("42501", 401, permissionDenied("publish_to_idea_bank")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({
          public_summary: "Matristestets publicering: en sammanfattning för idébanken.",
          published_at: expect.any(String),
        }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  {
    fn: "unpublish_from_idea_bank",
    args: async (f) => {
      const idea = await f.freshIdea("1496", [], publishable);
      await f.callAs("coordinator", "publish_to_idea_bank", {
        reference: idea.reference,
        public_summary: "Matristestets publicering: en sammanfattning för idébanken.",
      });
      return { reference: idea.reference };
    },
    expect: {
      anon: denied("42501", 401, permissionDenied("unpublish_from_idea_bank")),
      tokenHolder: denied("42501", 401, permissionDenied("unpublish_from_idea_bank")),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({ published_at: null, was_published: true }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  ...(["register_interest", "withdraw_interest"] as const).map((fn): Row => ({
    fn,
    // Skövde's idea, for Skövde: its own coach and regional staff may; Lidköping's coach cannot
    // see it (their own municipality is refused in tests/security/decisions.test.ts).
    args: async (f) => ({
      reference: f.skovdeIdea.reference,
      kind: "join",
      municipality_code: "1496",
    }),
    expect: {
      anon: denied("42501", 401, permissionDenied(fn)),
      tokenHolder: denied("42501", 401, permissionDenied(fn)),
      skovdeReviewer: allowed((data) =>
        expect(data).toMatchObject({ kind: "join", municipality: { code: "1496" } }),
      ),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: allowed((data) =>
        expect(data).toMatchObject({ kind: "join", municipality: { code: "1496" } }),
      ),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({ kind: "join", municipality: { code: "1496" } }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  })),
  {
    fn: "set_regional_sharing",
    args: async (f) => ({ reference: (await f.freshIdea("1496")).reference, shared: true }),
    expect: {
      anon: denied("42501", 401, permissionDenied("set_regional_sharing")),
      tokenHolder: denied("42501", 401, permissionDenied("set_regional_sharing")),
      skovdeReviewer: allowed((data) =>
        expect(data).toMatchObject({ shared_regionally: true, changed: true }),
      ),
      lidkopingReviewer: denied("PT404", 404, notFound),
      regionReviewer: denied("42501", 403, "not_allowed"),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({ shared_regionally: true, changed: true }),
      ),
      serviceRole: denied("42501", 403, notReviewer),
    },
  },
  ...(
    [
      {
        fn: "list_follow_ups",
        args: { within_days: 7 },
        check: (data: unknown) =>
          expect(data).toMatchObject({ within_days: 7, items: expect.any(Array) }),
      },
      {
        fn: "get_review_overview",
        args: {},
        check: (data: unknown, f: Fixtures) =>
          expect(data).toMatchObject({ ideas_total: f.ideasTotal, funnel: expect.any(Array) }),
      },
    ] as const
  ).map(({ fn, args, check }): Row => ({
    fn,
    args: async () => ({ ...args }),
    expect: {
      anon: denied("42501", 401, permissionDenied(fn)),
      tokenHolder: denied("42501", 401, permissionDenied(fn)),
      skovdeReviewer: denied("42501", 403, "coordinator_only"),
      lidkopingReviewer: denied("42501", 403, "coordinator_only"),
      regionReviewer: denied("42501", 403, "coordinator_only"),
      coordinator: allowed(check),
      serviceRole: denied("42501", 403, notReviewer),
    },
  })),
  {
    fn: "submit_idea",
    args: async () => ({ idempotency_key: randomUUID(), submission: aSubmission("1496") }),
    expect: {
      anon: allowed((data) => {
        expect(data).toMatchObject({
          replayed: false,
          reference: expect.stringMatching(/^IS-\d{4}-\d{4}$/),
        });
        expect((data as { status_token: string }).status_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }),
      tokenHolder: allowed((data) => expect(data).toMatchObject({ replayed: false })),
      skovdeReviewer: denied("42501", 403, permissionDenied("submit_idea")),
      lidkopingReviewer: denied("42501", 403, permissionDenied("submit_idea")),
      regionReviewer: denied("42501", 403, permissionDenied("submit_idea")),
      coordinator: denied("42501", 403, permissionDenied("submit_idea")),
      serviceRole: allowed((data) => expect(data).toMatchObject({ replayed: false })),
    },
  },
  {
    fn: "get_idea_status",
    args: async (f, actor) => ({
      token: actor === "anon" ? "en-gissad-lank-som-inte-finns-0000000000000" : f.skovdeIdea.token,
    }),
    expect: {
      anon: denied("PT404", 404, unknownLink),
      tokenHolder: allowed((data, f) => {
        expect(data).toMatchObject({ reference: f.skovdeIdea.reference, state: "received" });
        expect(JSON.stringify(data)).not.toContain(f.skovdeIdea.email);
      }),
      skovdeReviewer: denied("42501", 403, permissionDenied("get_idea_status")),
      lidkopingReviewer: denied("42501", 403, permissionDenied("get_idea_status")),
      regionReviewer: denied("42501", 403, permissionDenied("get_idea_status")),
      coordinator: denied("42501", 403, permissionDenied("get_idea_status")),
      serviceRole: allowed((data, f) =>
        expect(data).toMatchObject({ reference: f.skovdeIdea.reference }),
      ),
    },
  },
  {
    fn: "reply_as_bearer",
    args: async (f, actor) => ({
      token: actor === "anon" ? "en-gissad-lank-som-inte-finns-0000000000000" : f.skovdeIdea.token,
      body: "Det gäller ungefär 40 medarbetare.",
    }),
    expect: {
      anon: denied("PT404", 404, unknownLink),
      tokenHolder: allowed((data) =>
        expect(data).toEqual({ state: "received", state_label: "inkommen" }),
      ),
      skovdeReviewer: denied("42501", 403, permissionDenied("reply_as_bearer")),
      lidkopingReviewer: denied("42501", 403, permissionDenied("reply_as_bearer")),
      regionReviewer: denied("42501", 403, permissionDenied("reply_as_bearer")),
      coordinator: denied("42501", 403, permissionDenied("reply_as_bearer")),
      serviceRole: allowed((data) =>
        expect(data).toEqual({ state: "received", state_label: "inkommen" }),
      ),
    },
  },
  // The e-mail outbox sender: the server with the secret key only. What it sends, and that it
  // sends each e-mail once, is tested in tests/integration/outbox.test.ts.
  ...(
    [
      {
        fn: "claim_outbox_emails",
        args: { batch_size: 1, lease_seconds: 10 },
        check: (data: unknown) => expect(Array.isArray(data)).toBe(true),
      },
      {
        fn: "mark_outbox_email_sent",
        args: { email_id: -1 },
        check: (data: unknown) => expect(data).toBe(false),
      },
      // The idea bank's build hook caller (issue 14): a debounce window of an hour claims nothing here.
      {
        fn: "claim_build_requests",
        args: { debounce_seconds: 3600, lease_seconds: 60 },
        check: (data: unknown) => expect(data).toMatchObject({ claim_id: null, requests: 0 }),
      },
      {
        fn: "complete_build_requests",
        args: { claim_id: "00000000-0000-4000-8000-000000000000", succeeded: true },
        check: (data: unknown) => expect(data).toBe(0),
      },
      {
        fn: "mark_outbox_email_failed",
        args: { email_id: -1, error: "test" },
        check: (data: unknown) => expect(data).toBeNull(),
      },
    ] as const
  ).map(({ fn, args, check }): Row => ({
    fn,
    args: async () => ({ ...args }),
    expect: {
      anon: denied("42501", 401, permissionDenied(fn)),
      tokenHolder: denied("42501", 401, permissionDenied(fn)),
      skovdeReviewer: denied("42501", 403, permissionDenied(fn)),
      lidkopingReviewer: denied("42501", 403, permissionDenied(fn)),
      regionReviewer: denied("42501", 403, permissionDenied(fn)),
      coordinator: denied("42501", 403, permissionDenied(fn)),
      serviceRole: allowed(check),
    },
  })),
  // The sign-in throttle: the login function with the secret key only. Its limits and timing are
  // tested through the functions in tests/integration/auth-throttle.test.ts.
  ...([{ fn: "claim_sign_in_attempt" }, { fn: "record_sign_in_success" }] as const).map(
    ({ fn }): Row => ({
      fn,
      args: async () => ({
        email: `matris.${randomUUID()}@example.se`,
        client_address: "192.0.2.1",
      }),
      expect: {
        anon: denied("42501", 401, permissionDenied(fn)),
        tokenHolder: denied("42501", 401, permissionDenied(fn)),
        skovdeReviewer: denied("42501", 403, permissionDenied(fn)),
        lidkopingReviewer: denied("42501", 403, permissionDenied(fn)),
        regionReviewer: denied("42501", 403, permissionDenied(fn)),
        coordinator: denied("42501", 403, permissionDenied(fn)),
        serviceRole: allowed((data) => expect(data).toBeNull()),
      },
    }),
  ),
  {
    // Every reviewer request: who the caller is, and the idle timeout moved on. Its endings (idle,
    // lifetime, signed out, deactivated) are tested in tests/integration/auth-session.test.ts.
    fn: "touch_reviewer_session",
    args: async () => ({ idle_minutes: 30, lifetime_hours: 12 }),
    expect: {
      anon: denied("42501", 401, permissionDenied("touch_reviewer_session")),
      tokenHolder: denied("42501", 401, permissionDenied("touch_reviewer_session")),
      skovdeReviewer: allowed((data) =>
        expect(data).toMatchObject({
          active: true,
          reviewer: {
            email: "granskare.skovde@example.se",
            role: "reviewer",
            municipality: { code: "1496", name: "Skövde" },
          },
        }),
      ),
      lidkopingReviewer: allowed((data) =>
        expect(data).toMatchObject({
          active: true,
          reviewer: { role: "reviewer", municipality: { code: "1494", name: "Lidköping" } },
        }),
      ),
      regionReviewer: allowed((data) =>
        expect(data).toMatchObject({
          active: true,
          reviewer: { email: "granskare.region@example.se", role: "reviewer", municipality: null },
        }),
      ),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({
          active: true,
          reviewer: { role: "coordinator", municipality: null },
        }),
      ),
      serviceRole: denied("42501", 403, permissionDenied("touch_reviewer_session")),
    },
  },
  ...(["list_published_ideas"] as const).map((fn): Row => ({
    fn,
    args: async () => ({}),
    expect: Object.fromEntries(
      actors.map((actor) => [
        actor,
        allowed((data, f) => {
          expect(references(data)).toContain(f.publishedReference);
          expect(references(data)).not.toContain(f.skovdeIdea.reference);
          expect(JSON.stringify(data)).not.toMatch(/@/);
        }),
      ]),
    ) as Record<Actor, Outcome>,
  })),
  {
    fn: "list_form_options",
    args: async () => ({}),
    expect: Object.fromEntries(
      actors.map((actor) => [
        actor,
        allowed((data) => {
          const options = data as { municipalities: { code: string }[]; areas: { id: string }[] };
          expect(options.municipalities).toHaveLength(15);
          expect(options.municipalities).toContainEqual({ code: "1496", name: "Skövde" });
          expect(options.areas[0]).toEqual({ id: "vard-och-omsorg", name: "Vård och omsorg" });
        }),
      ]),
    ) as Record<Actor, Outcome>,
  },
  {
    fn: "find_similar_published_ideas",
    // The unpublished Skövde idea's own title and text, which it matches best of all, plus a
    // published idea's title: only published ideas may ever come back.
    args: async (f) => {
      const { title, problem, proposal } = aSubmission("1496");
      return {
        search_title: title,
        search_text: `${f.publishedTitle} ${title} ${problem} ${proposal}`,
      };
    },
    expect: Object.fromEntries(
      actors.map((actor) => [
        actor,
        allowed((data, f) => {
          expect(references(data)).toContain(f.publishedReference);
          expect(references(data)).not.toContain(f.skovdeIdea.reference);
          expect((data as unknown[]).length).toBeLessThanOrEqual(5);
        }),
      ]),
    ) as Record<Actor, Outcome>,
  },
  {
    fn: "whoami",
    args: async () => ({}),
    expect: {
      anon: allowed((data) => expect(data).toEqual({ role: "anon", user_id: null, email: null })),
      tokenHolder: allowed((data) => expect(data).toMatchObject({ role: "anon", user_id: null })),
      skovdeReviewer: allowed((data) =>
        expect(data).toMatchObject({ role: "authenticated", email: "granskare.skovde@example.se" }),
      ),
      lidkopingReviewer: allowed((data) =>
        expect(data).toMatchObject({
          role: "authenticated",
          email: "granskare.lidkoping@example.se",
        }),
      ),
      regionReviewer: allowed((data) =>
        expect(data).toMatchObject({ role: "authenticated", email: "granskare.region@example.se" }),
      ),
      coordinator: allowed((data) =>
        expect(data).toMatchObject({ role: "authenticated", email: "samordnare@example.se" }),
      ),
      serviceRole: allowed((data) =>
        expect(data).toMatchObject({ role: "service_role", user_id: null }),
      ),
    },
  },
  {
    fn: "get_public_statistics",
    args: async () => ({}),
    expect: Object.fromEntries(
      actors.map((actor) => [
        actor,
        allowed((data, f) => {
          const statistics = data as { ideas_total: number; per_municipality: unknown[] };
          expect(statistics.ideas_total).toBe(f.ideasTotal);
          expect(statistics.per_municipality).toHaveLength(15);
          expect(JSON.stringify(data)).not.toMatch(/@/);
        }),
      ]),
    ) as Record<Actor, Outcome>,
  },
];

describe("the api access matrix", () => {
  let stack: SecurityStack;
  let fixtures: Fixtures;

  beforeAll(async () => {
    stack = await startSecurityStack();
    const skovdeIdea = await submitIdea(stack, "1496", {
      title: "Matristest: digitala lås i Skövde",
    });
    const lidkopingIdea = await submitIdea(stack, "1494", {
      title: "Matristest: digitala lås i Lidköping",
    });
    const published = await stack.db.query<{ reference: string; title: string }>(
      "select reference, title from app.ideas where published_at is not null order by reference limit 1",
    );
    fixtures = {
      callAs: async (actor, fn, args) => (await stack.call(actor, fn, args)).data,
      skovdeIdea,
      lidkopingIdea,
      publishedReference: published.rows[0]!.reference,
      publishedTitle: published.rows[0]!.title,
      ideasTotal: 0,
      async freshIdea(municipalityCode, path = [], overrides = {}) {
        const idea = await submitIdea(stack, municipalityCode, overrides);
        await moveIdea(stack, idea, path);
        return idea;
      },
      async deadEmail() {
        const idea = await submitIdea(stack, "1496");
        const { rows } = await stack.db.query<{ id: string }>(
          `update app.email_outbox set status = 'dead', attempts = 8, last_error = '550 Mailbox unavailable',
             payload = payload - 'status_token'
           where idea_id = $1 returning id`,
          [idea.id],
        );
        return Number(rows[0]!.id);
      },
    };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("has a row for every function in the api schema, and only for those", async () => {
    const { rows } = await stack.db.query<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'api' order by 1`,
    );
    expect(matrix.map((row) => row.fn).sort()).toEqual(rows.map((row) => row.name));
  });

  it("allows someone the very call it denies to others, on every row", () => {
    for (const row of matrix) {
      const outcomes = Object.values(row.expect);
      if (outcomes.some((outcome) => outcome.kind === "denied")) {
        expect(
          outcomes.some((outcome) => outcome.kind === "allowed"),
          row.fn,
        ).toBe(true);
      }
    }
  });

  for (const row of matrix) {
    describe(`api.${row.fn}`, () => {
      for (const actor of actors) {
        const outcome = row.expect[actor];
        const title =
          outcome.kind === "allowed"
            ? `${actorLabels[actor]} may call it`
            : `${actorLabels[actor]} is refused with ${outcome.code} (${outcome.status})`;
        it(title, async () => {
          const { count } = (
            await stack.db.query<{ count: number }>("select count(*)::int as count from app.ideas")
          ).rows[0]!;
          fixtures.ideasTotal = count;
          const result = await stack.call(actor, row.fn, await row.args(fixtures, actor));
          if (outcome.kind === "allowed") {
            expect(result.error).toBeNull();
            outcome.check(result.data, fixtures);
          } else {
            expect(result.error).toMatchObject({ code: outcome.code, message: outcome.message });
            expect(result.status).toBe(outcome.status);
          }
        });
      }
    });
  }
});
