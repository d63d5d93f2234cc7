import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";
import { aSubmission, moveIdea, submitIdea } from "./harness/fixtures.ts";
import { bearerReads, reviewerReads } from "./harness/messages.ts";

/*
 * The lifecycle and the submission rules, enforced by the database: illegal moves, decisions kept
 * from the bearer until released, optimistic concurrency, idempotency, throttling and deactivation.
 */

describe("the idea lifecycle in the database", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses a move that is not in the lifecycle, with IS001 and a Swedish message", async () => {
    const idea = await submitIdea(stack, "1496");
    const result = await stack.call("coordinator", "change_idea_state", {
      idea_id: idea.id,
      expected_state: "received",
      to_state: "accepted",
      reason: "Hoppar över bedömningen.",
      message_to_bearer: "Grattis!",
    });
    expect(result.error).toMatchObject({
      code: "IS001",
      message: "transition_not_allowed",
    });
    expect(JSON.parse(result.error!.details!)).toEqual({ from: "received", to: "accepted" });
    expect(reviewerReads(result.error)).toBe(
      "Idén kan inte gå från ”inkommen” till ”vidare till utveckling”.",
    );
    expect(result.status).toBe(400);
  });

  it("lets only a coordinator mark an idea as assessed, while a reviewer may start the review", async () => {
    const idea = await submitIdea(stack, "1496");
    const start = await stack.call("skovdeReviewer", "change_idea_state", {
      idea_id: idea.id,
      expected_state: "received",
      to_state: "in_review",
      reason: "Jag tar den.",
    });
    expect(start.error).toBeNull();
    const assess = await stack.call("skovdeReviewer", "change_idea_state", {
      idea_id: idea.id,
      expected_state: "in_review",
      to_state: "assessed",
      reason: "Klar.",
    });
    expect(assess.error).toMatchObject({ code: "42501", message: "coordinator_only" });
    expect(reviewerReads(assess.error)).toBe(
      "Bara en samordnare får flytta idén från ”under bedömning” till ”bedömd”.",
    );
  });

  it("needs a message to the bearer for every decision", async () => {
    const idea = await submitIdea(stack, "1496");
    await moveIdea(stack, idea, ["in_review", "assessed"]);
    const result = await stack.call("coordinator", "change_idea_state", {
      idea_id: idea.id,
      expected_state: "assessed",
      to_state: "declined",
      reason: "För dyr.",
    });
    expect(result.error).toMatchObject({
      code: "IS002",
      details: "message_to_bearer",
      message: "missing",
    });
    expect(reviewerReads(result.error)).toBe(
      "Skriv ett meddelande till idébäraren. Ett beslut ska alltid ha ett meddelande.",
    );
  });

  it("keeps a decision from the bearer until the coordinator releases it", async () => {
    const idea = await submitIdea(stack, "1496");
    await moveIdea(stack, idea, ["in_review", "assessed", "accepted"]);
    const before = await stack.call("tokenHolder", "get_idea_status", { token: idea.token });
    expect(before.data).toMatchObject({ state: "assessed", state_label: "bedömd" });
    expect(JSON.stringify(before.data)).not.toContain("Tack för din idé");

    const release = await stack.call("coordinator", "release_decision", { idea_id: idea.id });
    expect(release.error).toBeNull();

    const after = await stack.call("tokenHolder", "get_idea_status", { token: idea.token });
    expect(after.data).toMatchObject({ state: "accepted", state_label: "vidare till utveckling" });
    const timeline = (after.data as { timeline: { state: string; message: string | null }[] })
      .timeline;
    expect(timeline.map((step) => step.state)).toEqual([
      "received",
      "in_review",
      "assessed",
      "accepted",
    ]);
    expect(timeline.at(-1)?.message).toBe("Tack för din idé! Den går vidare till utveckling.");
  });

  it("gives one of two concurrent decisions on the same idea a 409 with the current state", async () => {
    const idea = await submitIdea(stack, "1496");
    const decide = () =>
      stack.call("coordinator", "change_idea_state", {
        idea_id: idea.id,
        expected_state: "received",
        to_state: "in_review",
        reason: "Tar upp idén.",
      });
    const results = await Promise.all([decide(), decide()]);
    expect(results.filter((result) => result.error === null)).toHaveLength(1);
    const loser = results.find((result) => result.error !== null);
    expect(loser).toMatchObject({
      status: 409,
      error: {
        code: "PT409",
        message: "stale_state",
      },
    });
    expect(JSON.parse(loser!.error!.details!)).toEqual({ current: "in_review" });
    expect(reviewerReads(loser!.error)).toBe(
      "Idén har redan ändrats av någon annan och är nu ”under bedömning”. Ladda om sidan och försök igen.",
    );
  });

  it("moves an idea waiting for information back to review when the bearer answers", async () => {
    const idea = await submitIdea(stack, "1494");
    await moveIdea(stack, idea, ["in_review", "needs_info"]);
    const reply = await stack.call("tokenHolder", "reply_as_bearer", {
      token: idea.token,
      body: "Det berör alla fyra avdelningar.",
    });
    expect(reply.data).toEqual({ state: "in_review", state_label: "under bedömning" });
    const detail = await stack.call("lidkopingReviewer", "get_review_idea", {
      reference: idea.reference,
    });
    const timeline = (detail.data as { timeline: { actor_kind: string; to_state: string }[] })
      .timeline;
    expect(timeline.at(-1)).toMatchObject({ actor_kind: "bearer", to_state: "in_review" });
  });

  it("publishes an idea to the idea bank only with the bearer's consent", async () => {
    const withoutConsent = await submitIdea(stack, "1496");
    const refused = await stack.call("coordinator", "publish_idea", {
      idea_id: withoutConsent.id,
      public_summary: "En sammanfattning.",
    });
    expect(refused.error).toMatchObject({
      code: "IS002",
      details: "publish_consent",
      message: "not_given",
    });
    expect(reviewerReads(refused.error)).toBe(
      "Idébäraren har inte gett sitt samtycke till publicering, så idén kan inte publiceras.",
    );

    const withConsent = await submitIdea(stack, "1496", { publish_consent: true });
    const published = await stack.call("coordinator", "publish_idea", {
      idea_id: withConsent.id,
      public_summary: "Digitala lås sparar tid i korttidsboendet.",
    });
    expect(published.error).toBeNull();
    const bank = await stack.call("anon", "list_published_ideas");
    expect(bank.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reference: withConsent.reference,
          summary: "Digitala lås sparar tid i korttidsboendet.",
        }),
      ]),
    );
    expect(JSON.stringify(bank.data)).not.toContain(withoutConsent.reference);
  });

  it("pages the idea bank by key, so a build can read more than max_rows published ideas", async () => {
    type Row = { reference: string; published_at: string };
    const whole = (await stack.call("anon", "list_published_ideas")).data as Row[];
    expect(whole.length).toBeGreaterThan(2);
    // Page by page, two at a time, each after the last of the one before: the same ideas, in order.
    const paged: Row[] = [];
    let after: Row | undefined;
    for (let calls = 0; calls < 100; calls += 1) {
      const page = await stack.call(
        "anon",
        "list_published_ideas",
        after
          ? {
              after_published_at: after.published_at,
              after_reference: after.reference,
              page_size: 2,
            }
          : { page_size: 2 },
      );
      expect(page.error).toBeNull();
      const rows = page.data as Row[];
      paged.push(...rows);
      if (rows.length < 2) break;
      after = rows.at(-1);
    }
    expect(paged.map((row) => row.reference)).toEqual(whole.map((row) => row.reference));

    const tooMany = await stack.call("anon", "list_published_ideas", { page_size: 1001 });
    expect(tooMany.error).toMatchObject({
      code: "IS002",
      message: "out_of_range",
      details: "page_size",
    });
    const noReference = await stack.call("anon", "list_published_ideas", {
      after_published_at: whole[0]!.published_at,
    });
    expect(noReference.error).toMatchObject({
      code: "IS002",
      message: "missing",
      details: "after_reference",
    });
  });

  it("shows a reviewer's question to the bearer and waits for the answer", async () => {
    const idea = await submitIdea(stack, "1496");
    await moveIdea(stack, idea, ["in_review"]);
    const asked = await stack.call("skovdeReviewer", "ask_bearer", {
      idea_id: idea.id,
      expected_state: "in_review",
      question: "Hur många nycklar handlar det om?",
    });
    expect(asked.error).toBeNull();
    const status = await stack.call("tokenHolder", "get_idea_status", { token: idea.token });
    expect(status.data).toMatchObject({
      state: "needs_info",
      state_label: "komplettering begärd",
      messages: [{ direction: "to_bearer", body: "Hur många nycklar handlar det om?" }],
    });
  });

  it("answers a retried submission with the same reference, and refuses the key for another body", async () => {
    const key = randomUUID();
    const submission = aSubmission("1496");
    const first = await stack.call("anon", "submit_idea", { idempotency_key: key, submission });
    const retry = await stack.call("anon", "submit_idea", { idempotency_key: key, submission });
    const reference = (first.data as { reference: string }).reference;
    expect(retry.data).toMatchObject({ reference, replayed: true, status_token: null });
    const { rows } = await stack.db.query(
      "select count(*)::int as n from app.ideas where reference = $1",
      [reference],
    );
    expect(rows).toEqual([{ n: 1 }]);

    const other = await stack.call("anon", "submit_idea", {
      idempotency_key: key,
      submission: { ...submission, title: "En annan rubrik" },
    });
    expect(other.status).toBe(422);
    expect(other.error).toMatchObject({ code: "PT422", message: "idempotency_key_reused" });
    expect(bearerReads(other.error)).toBe(
      "Den här inskickningen har redan använts för en annan idé. Ladda om formuläret och skicka igen.",
    );
  });

  it("refuses a sixth submission from the same e-mail within the hour with 429", async () => {
    const email = `flitig.${randomUUID().slice(0, 8)}@skovde.se`;
    const submitOnce = () =>
      stack.call("anon", "submit_idea", {
        idempotency_key: randomUUID(),
        submission: aSubmission("1496", { bearer_email: email }),
      });
    for (let attempt = 1; attempt <= 5; attempt++) expect((await submitOnce()).error).toBeNull();
    const sixth = await submitOnce();
    expect(sixth.status).toBe(429);
    expect(sixth.error).toMatchObject({ code: "PT429", message: "too_many_submissions" });
    expect(bearerReads(sixth.error)).toBe(
      "Du har skickat många idéer på kort tid. Vänta en stund och försök sedan igen.",
    );
  });

  it("refuses an e-mail address outside the municipalities, naming the field", async () => {
    const result = await stack.call("anon", "submit_idea", {
      idempotency_key: randomUUID(),
      submission: aSubmission("1496", { bearer_email: "eva@gmail.com" }),
    });
    expect(result.error).toMatchObject({
      code: "IS002",
      details: "bearer_email",
      message: "not_municipal_domain",
    });
    expect(bearerReads(result.error)).toBe(
      "Använd din e-postadress i jobbet i någon av kommunerna, till exempel namn@skovde.se.",
    );
  });

  it("shuts out a deactivated reviewer on the next call, with the same session", async () => {
    const idea = await submitIdea(stack, "1496");
    const setActive = (active: boolean) =>
      stack.db.query(
        `update app.reviewers set active = $1
         where user_id = (select id from auth.users where email = 'granskare.skovde@example.se')`,
        [active],
      );
    const open = () =>
      stack.call("skovdeReviewer", "get_review_idea", { reference: idea.reference });
    expect((await open()).error).toBeNull();
    await setActive(false);
    try {
      const result = await open();
      expect(result.error).toMatchObject({ code: "42501", message: "not_reviewer" });
      expect(result.status).toBe(403);
      expect(reviewerReads(result.error)).toBe(
        "Du behöver vara inloggad som aktiv granskare för att se det här.",
      );
      const queue = await stack.call("skovdeReviewer", "list_review_queue");
      expect(queue.error).toMatchObject({ code: "42501", message: "not_reviewer" });
    } finally {
      await setActive(true);
    }
  });

  it("lets a coach see an idea from another municipality once it is shared regionally", async () => {
    const idea = await submitIdea(stack, "1496");
    const open = () =>
      stack.call("lidkopingReviewer", "get_review_idea", { reference: idea.reference });
    expect((await open()).error).toMatchObject({ code: "PT404", message: "not_found" });
    await stack.db.query("update app.ideas set shared_regionally = true where id = $1", [idea.id]);
    const shared = await open();
    expect(shared.data).toMatchObject({ reference: idea.reference, shared_regionally: true });
  });
});
