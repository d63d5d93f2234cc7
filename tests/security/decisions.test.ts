import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecurityStack, type Actor, type SecurityStack } from "./harness/stack.ts";
import { moveIdea, submitIdea, type SubmittedIdea } from "./harness/fixtures.ts";
import { reviewerReads } from "./harness/messages.ts";

/*
 * Issue 14 in the database: decisions kept from the bearer until released or withdrawn, duplicate
 * links removed with their history, forwarding with a follow-up date, the implementing
 * municipalities, interest and regional sharing, and the idea bank's build requests with their
 * debounce. Every refusal has its allow twin. The concurrent claims need a real PostgreSQL
 * (DATABASE_URL) and are skipped, saying so, on PGlite, which serves one connection at a time.
 */

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
const daysFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", {
    timeZone: "Europe/Stockholm",
  });

interface StatusView {
  state: string;
  timeline: { state: string; message: string | null }[];
}

describe("decisions, duplicates and spread in the database", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
    if (stack.onPglite) {
      console.warn(
        "Hoppar över testet med samtidiga anrop till byggkroken: PGlite har bara en anslutning. Kör med DATABASE_URL mot en riktig PostgreSQL.",
      );
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function call(actor: Actor, fn: string, args: Record<string, unknown>) {
    const result = await stack.call(actor, fn, args);
    if (result.error)
      throw new Error(`${fn} as ${actor}: ${result.error.code} ${result.error.message}`);
    return result.data as Record<string, unknown>;
  }

  const statusOf = async (idea: SubmittedIdea) =>
    (await call("anon", "get_idea_status", { token: idea.token })) as unknown as StatusView;

  async function assessedIdea(overrides: Record<string, unknown> = {}): Promise<SubmittedIdea> {
    const idea = await submitIdea(stack, "1496", overrides);
    await moveIdea(stack, idea, ["in_review", "assessed"]);
    return idea;
  }

  async function markDuplicate(idea: SubmittedIdea, of: SubmittedIdea, expected = "assessed") {
    return call("coordinator", "move_idea", {
      reference: idea.reference,
      expected_state: expected,
      to_state: "duplicate",
      reason: "Samma förslag som den andra idén.",
      message_to_bearer: "Din idé är en dubblett av en idé vi redan arbetar med.",
      duplicate_of: of.reference,
    });
  }

  describe("duplicate links", () => {
    it("withdraws a duplicate decision the bearer never saw: they see only that the review goes on", async () => {
      const original = await submitIdea(stack, "1496");
      const idea = await assessedIdea();
      await markDuplicate(idea, original);
      expect((await statusOf(idea)).state).toBe("assessed");

      const unlinked = await call("coordinator", "unlink_duplicate", {
        reference: idea.reference,
        expected_state: "duplicate",
        reason: "Idéerna löser olika problem.",
      });
      expect(unlinked).toMatchObject({
        state: "in_review",
        decision_withdrawn: true,
        bearer_told: false,
        link: { idea: { reference: original.reference }, removed_by: "Sam Samordnare" },
      });

      const status = await statusOf(idea);
      expect(status.state).toBe("in_review");
      expect(status.timeline.map((step) => step.state)).toEqual([
        "received",
        "in_review",
        "assessed",
        "in_review",
      ]);
      expect(JSON.stringify(status)).not.toContain("dubblett");
      // Withdrawn is not pending: the idea moves on, and there is nothing to release.
      const release = await stack.call("coordinator", "release_idea_decision", {
        reference: idea.reference,
      });
      expect(release.error).toMatchObject({ code: "IS002", message: "no_pending_decision" });
      const { rows } = await stack.db.query(
        "select count(*)::int as n from app.email_outbox where idea_id = $1 and template <> 'submission_receipt'",
        [idea.id],
      );
      expect(rows[0]).toEqual({ n: 0 });
    });

    it("needs a message for a bearer who was told, releases it at once and keeps the link's history", async () => {
      const original = await submitIdea(stack, "1496");
      const idea = await assessedIdea();
      await markDuplicate(idea, original);
      await call("coordinator", "release_idea_decision", { reference: idea.reference });
      expect((await statusOf(idea)).state).toBe("duplicate");

      const silent = await stack.call("coordinator", "unlink_duplicate", {
        reference: idea.reference,
        expected_state: "duplicate",
        reason: "Idéerna löser olika problem.",
      });
      expect(silent.error).toMatchObject({
        code: "IS002",
        message: "missing",
        details: "message_to_bearer",
      });
      expect(reviewerReads(silent.error)).toBe(
        "Skriv ett meddelande till idébäraren. Ett beslut ska alltid ha ett meddelande.",
      );

      const unlinked = await call("coordinator", "unlink_duplicate", {
        reference: idea.reference,
        expected_state: "duplicate",
        reason: "Idéerna löser olika problem.",
        message_to_bearer: "Vi bedömer din idé som en egen idé.",
      });
      expect(unlinked).toMatchObject({ decision_withdrawn: false, bearer_told: true });
      const status = await statusOf(idea);
      expect(status.state).toBe("in_review");
      expect(status.timeline.at(-1)).toMatchObject({
        state: "in_review",
        message: "Vi bedömer din idé som en egen idé.",
      });
      const outbox = await stack.db.query(
        "select template, payload->>'message' as message from app.email_outbox where idea_id = $1 order by id",
        [idea.id],
      );
      expect(outbox.rows.map((row) => row.template)).toEqual([
        "submission_receipt",
        "decision_released",
        "duplicate_unlinked",
      ]);
      expect(outbox.rows.at(-1)?.message).toBe("Vi bedömer din idé som en egen idé.");

      // The link is removed, never deleted: who linked and who unlinked, and when.
      const view = await call("coordinator", "get_review_idea", { reference: idea.reference });
      expect(view.links).toEqual([]);
      expect(view.link_history).toMatchObject([
        {
          kind: "duplicate_of",
          direction: "to",
          idea: { reference: original.reference },
          created_by: "Sam Samordnare",
          removed_by: "Sam Samordnare",
          removed_at: expect.any(String),
        },
      ]);
      const { rows } = await stack.db.query(
        "select removed_at is not null as removed from app.idea_links where idea_id = $1",
        [idea.id],
      );
      expect(rows).toEqual([{ removed: true }]);
    });

    it("refuses to move a duplicate back to review without removing its link; unlinking does", async () => {
      const original = await submitIdea(stack, "1496");
      const idea = await assessedIdea();
      await markDuplicate(idea, original);
      await call("coordinator", "release_idea_decision", { reference: idea.reference });
      const moved = await stack.call("coordinator", "move_idea", {
        reference: idea.reference,
        expected_state: "duplicate",
        to_state: "in_review",
        reason: "Tillbaka.",
      });
      expect(moved.error).toMatchObject({ code: "IS001", message: "unlink_required" });
      expect(reviewerReads(moved.error)).toBe(
        "Idén är markerad som dubblett. Ta bort dubblettkopplingen, så går idén tillbaka till bedömning.",
      );
      const unlinked = await stack.call("coordinator", "unlink_duplicate", {
        reference: idea.reference,
        expected_state: "duplicate",
        reason: "Tillbaka.",
        message_to_bearer: "Vi bedömer din idé igen.",
      });
      expect(unlinked.error).toBeNull();
      // Not a duplicate any more: nothing to unlink.
      const again = await stack.call("coordinator", "unlink_duplicate", {
        reference: idea.reference,
        expected_state: "in_review",
        reason: "Igen.",
      });
      expect(again.error).toMatchObject({ code: "IS001", message: "not_duplicate" });
    });
  });

  describe("forwarding", () => {
    it("needs the actor and a follow-up date from today, within two years", async () => {
      const idea = await assessedIdea();
      const forward = (follow_up_on: string | null) =>
        stack.call("coordinator", "move_idea", {
          reference: idea.reference,
          expected_state: "assessed",
          to_state: "forwarded",
          reason: "Passar Almi bättre.",
          message_to_bearer: "Vi har skickat din idé vidare.",
          forwarded_to: "Almi Företagspartner Väst",
          ...(follow_up_on ? { follow_up_on } : {}),
        });
      for (const [date, rule] of [
        [null, "missing"],
        [daysFromToday(-1), "in_the_past"],
        [daysFromToday(800), "too_far_ahead"],
      ] as const) {
        const refused = await forward(date);
        expect(refused.error, rule).toMatchObject({
          code: "IS002",
          message: rule,
          details: "follow_up_on",
        });
      }
      const forwarded = await forward(today());
      expect(forwarded.error).toBeNull();
      const list = await call("coordinator", "list_follow_ups", { within_days: 0 });
      expect(list.items).toContainEqual(
        expect.objectContaining({
          reference: idea.reference,
          forwarded_to: "Almi Företagspartner Väst",
          follow_up_on: today(),
          overdue: false,
          forwarded_by: "Sam Samordnare",
          decision_released: false,
        }),
      );
    });
  });

  describe("implemented and spread", () => {
    it("record the implementing municipalities; spread needs one that had not", async () => {
      const idea = await submitIdea(stack, "1496", { publish_consent: true });
      await moveIdea(stack, idea, ["in_review", "assessed", "accepted"]);
      await call("coordinator", "release_idea_decision", { reference: idea.reference });
      await call("coordinator", "move_idea", {
        reference: idea.reference,
        expected_state: "accepted",
        to_state: "in_development",
        reason: "Piloten startar.",
      });
      const missing = await stack.call("coordinator", "move_idea", {
        reference: idea.reference,
        expected_state: "in_development",
        to_state: "implemented",
        reason: "Infört.",
      });
      expect(missing.error).toMatchObject({
        code: "IS002",
        message: "missing",
        details: "municipalities",
      });
      await call("coordinator", "move_idea", {
        reference: idea.reference,
        expected_state: "in_development",
        to_state: "implemented",
        reason: "Infört i Skövde.",
        municipalities: ["1496"],
      });
      const notNew = await stack.call("coordinator", "move_idea", {
        reference: idea.reference,
        expected_state: "implemented",
        to_state: "spread",
        reason: "Spridd.",
        municipalities: ["1496"],
      });
      expect(notNew.error).toMatchObject({
        code: "IS002",
        message: "not_new",
        details: "municipalities",
      });
      expect(reviewerReads(notNew.error)).toBe(
        "Välj minst en kommun som inte redan har infört idén. Spridd betyder att fler kommuner har tagit upp den.",
      );
      await call("coordinator", "move_idea", {
        reference: idea.reference,
        expected_state: "implemented",
        to_state: "spread",
        reason: "Lidköping och Falköping har tagit upp den.",
        municipalities: ["1494", "1499"],
      });
      await call("coordinator", "publish_to_idea_bank", {
        reference: idea.reference,
        public_summary: "En idé som nu finns i tre kommuner.",
      });
      const bank = (await call("anon", "list_published_ideas", {})) as unknown as {
        reference: string;
        implemented_in: { code: string }[];
        state: string;
      }[];
      expect(bank.find((row) => row.reference === idea.reference)).toMatchObject({
        state: "spread",
        implemented_in: [{ code: "1499" }, { code: "1494" }, { code: "1496" }],
      });
      // Municipalities belong to implemented and spread only.
      const other = await assessedIdea();
      const refused = await stack.call("coordinator", "move_idea", {
        reference: other.reference,
        expected_state: "assessed",
        to_state: "parked",
        reason: "Vänta.",
        message_to_bearer: "Idén får vila.",
        municipalities: ["1496"],
      });
      expect(refused.error).toMatchObject({ message: "not_applicable", details: "municipalities" });
    });
  });

  describe("interest", () => {
    it("lets a coach act for their own municipality only, and regional staff name one", async () => {
      const idea = await submitIdea(stack, "1494");
      await call("coordinator", "set_regional_sharing", {
        reference: idea.reference,
        shared: true,
      });
      const foreign = await stack.call("skovdeReviewer", "register_interest", {
        reference: idea.reference,
        kind: "co_fund",
        municipality_code: "1494",
      });
      expect(foreign.error).toMatchObject({ code: "42501", message: "not_own_municipality" });
      expect(reviewerReads(foreign.error)).toBe(
        "Du kan bara anmäla eller ta tillbaka intresse för din egen kommun.",
      );
      // The allow twin: their own municipality, named or not.
      expect(
        await call("skovdeReviewer", "register_interest", {
          reference: idea.reference,
          kind: "co_fund",
        }),
      ).toMatchObject({
        municipality: { code: "1496", name: "Skövde" },
        kind: "co_fund",
        added: true,
      });

      const unnamed = await stack.call("regionReviewer", "register_interest", {
        reference: idea.reference,
        kind: "join",
      });
      expect(unnamed.error).toMatchObject({
        code: "IS002",
        message: "missing",
        details: "municipality",
      });
      const named = await call("regionReviewer", "register_interest", {
        reference: idea.reference,
        kind: "join",
        municipality_code: "1499",
      });
      expect(named.interest).toMatchObject([
        { municipality: { code: "1499" }, kind: "join", registered_by: "Rut Regiongranskare" },
        { municipality: { code: "1496" }, kind: "co_fund", registered_by: "Greta Granskare" },
      ]);

      // The policy holds on its own: as api_owner with the Skövde coach's claims, another
      // municipality's row is refused.
      await stack.db.query("begin");
      try {
        await stack.db.query("set local role api_owner");
        await stack.db.query("select set_config('request.jwt.claims', $1, true)", [
          JSON.stringify({ sub: "00000000-0000-4000-a000-000000000002", role: "authenticated" }),
        ]);
        await expect(
          stack.db.query(
            `insert into app.municipality_interest (idea_id, municipality_code, kind, registered_by)
             values ($1, '1494', 'join', '00000000-0000-4000-a000-000000000002')`,
            [idea.id],
          ),
        ).rejects.toThrow(/row-level security/);
      } finally {
        await stack.db.query("rollback");
      }

      const withdrawn = await call("skovdeReviewer", "withdraw_interest", {
        reference: idea.reference,
        kind: "co_fund",
      });
      expect(withdrawn).toMatchObject({ removed: true });
      expect(withdrawn.interest).toHaveLength(1);
    });
  });

  describe("regional sharing", () => {
    it("opens an idea to every coach when its own coach shares it, and closes it again", async () => {
      const idea = await submitIdea(stack, "1496");
      const before = await stack.call("lidkopingReviewer", "get_review_idea", {
        reference: idea.reference,
      });
      expect(before.error).toMatchObject({ code: "PT404" });
      const byRegion = await stack.call("regionReviewer", "set_regional_sharing", {
        reference: idea.reference,
        shared: true,
      });
      expect(byRegion.error).toMatchObject({ code: "42501", message: "not_allowed" });
      expect(reviewerReads(byRegion.error)).toBe(
        "Bara en samordnare eller idécoachen i idéns egen kommun får ändra om idén delas regionalt.",
      );
      await call("skovdeReviewer", "set_regional_sharing", {
        reference: idea.reference,
        shared: true,
      });
      expect(
        await call("lidkopingReviewer", "get_review_idea", { reference: idea.reference }),
      ).toMatchObject({ reference: idea.reference, shared_regionally: true, bearer: null });
      await call("coordinator", "set_regional_sharing", {
        reference: idea.reference,
        shared: false,
      });
      const after = await stack.call("lidkopingReviewer", "get_review_idea", {
        reference: idea.reference,
      });
      expect(after.error).toMatchObject({ code: "PT404" });
    });
  });

  describe("the idea bank's build requests", () => {
    const pending = async () =>
      (
        await stack.db.query<{ reason: string }>(
          "select reason from app.build_requests where built_at is null order by id",
        )
      ).rows.map((row) => row.reason);
    const clear = () =>
      stack.db.query("update app.build_requests set built_at = now() where built_at is null");

    it("are recorded by every change the idea bank shows, and by nothing else", async () => {
      await clear();
      const idea = await submitIdea(stack, "1496", { publish_consent: true });
      await moveIdea(stack, idea, ["in_review"]);
      await call("skovdeReviewer", "register_interest", {
        reference: idea.reference,
        kind: "join",
      });
      expect(await pending()).toEqual([]);
      await call("coordinator", "publish_to_idea_bank", {
        reference: idea.reference,
        public_summary: "Första sammanfattningen.",
      });
      await call("coordinator", "publish_to_idea_bank", {
        reference: idea.reference,
        public_summary: "Första sammanfattningen.",
      });
      await call("coordinator", "publish_to_idea_bank", {
        reference: idea.reference,
        public_summary: "Andra sammanfattningen.",
      });
      await call("skovdeReviewer", "withdraw_interest", {
        reference: idea.reference,
        kind: "join",
      });
      await call("coordinator", "unpublish_from_idea_bank", { reference: idea.reference });
      // The same summary again changes nothing the bank shows.
      expect(await pending()).toEqual(["published", "changed", "interest", "unpublished"]);
      // A refused publication asks for nothing.
      const refused = await submitIdea(stack, "1496");
      await stack.call("coordinator", "publish_to_idea_bank", {
        reference: refused.reference,
        public_summary: "Utan samtycke.",
      });
      expect(await pending()).toHaveLength(4);
    });

    it("are claimed together once the oldest has waited the window, and pending again after a failure", async () => {
      await clear();
      const idea = await submitIdea(stack, "1496", { publish_consent: true });
      for (const summary of ["Ett.", "Två.", "Tre."])
        await call("coordinator", "publish_to_idea_bank", {
          reference: idea.reference,
          public_summary: summary,
        });
      const early = await call("serviceRole", "claim_build_requests", { debounce_seconds: 60 });
      expect(early).toMatchObject({ claim_id: null, requests: 0, pending: 3 });
      await stack.db.query(
        "update app.build_requests set requested_at = requested_at - interval '61 seconds' where built_at is null",
      );
      const claim = await call("serviceRole", "claim_build_requests", { debounce_seconds: 60 });
      expect(claim).toMatchObject({ claim_id: expect.any(String), requests: 3 });
      expect(
        await call("serviceRole", "claim_build_requests", { debounce_seconds: 60 }),
      ).toMatchObject({
        claim_id: null,
        requests: 0,
        pending: 0,
      });
      // The hook failed: pending again, claimed by the next run.
      expect(
        await stack.call("serviceRole", "complete_build_requests", {
          claim_id: claim.claim_id,
          succeeded: false,
        }),
      ).toMatchObject({ data: 3 });
      const retry = await call("serviceRole", "claim_build_requests", { debounce_seconds: 60 });
      expect(retry).toMatchObject({ requests: 3 });
      expect(
        await stack.call("serviceRole", "complete_build_requests", {
          claim_id: retry.claim_id,
          succeeded: true,
        }),
      ).toMatchObject({ data: 3 });
      expect(await pending()).toEqual([]);
    });

    it("are taken by one of two callers claiming at once (PostgreSQL)", async (context) => {
      if (stack.onPglite) context.skip();
      await clear();
      await stack.db.query(
        "insert into app.build_requests (reason, requested_at) select 'published', now() - interval '2 minutes' from generate_series(1, 10)",
      );
      const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
      try {
        const clients = await Promise.all([pool.connect(), pool.connect()]);
        try {
          for (const client of clients) {
            await client.query("begin");
            await client.query("set local role service_role");
            await client.query("select set_config('request.jwt.claims', $1, true)", [
              JSON.stringify({ role: "service_role" }),
            ]);
          }
          const claims = await Promise.all(
            clients.map(async (client) => {
              const { rows } = await client.query<{ claim: { requests: number } }>(
                "select api.claim_build_requests(60) as claim",
              );
              await client.query("commit");
              return rows[0]!.claim.requests;
            }),
          );
          expect(claims.sort()).toEqual([0, 10]);
        } finally {
          for (const client of clients) client.release();
        }
      } finally {
        await pool.end();
      }
    });
  });
});
