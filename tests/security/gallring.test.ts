import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveIdea, submitIdea, type SubmittedIdea } from "./harness/fixtures.ts";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";

/*
 * Gallring with the clock moved forward (LG-11; issue 16's acceptance): the job's one SQL function,
 * api.run_gallring, is called with the secret key and `now_at` three years ahead. What is past its
 * retention date is gone, one audit event records each removal without its content, everything else
 * – and above all every idea's reference and received_at – is as it was, and a second run removes
 * nothing. Then the rule for unpublished idea text (inactive by default) is switched on, and the
 * audit trail's own rule is tried six years ahead.
 */

interface GallringAnswer {
  as_of: string;
  dry_run: boolean;
  items: { category: string; idea_reference: string | null; rows: number; rule: unknown }[];
  totals: Record<string, number>;
  erasures_carried_out: number;
}

const noneRemoved = {
  bearer_contact: 0,
  messages: 0,
  internal_notes: 0,
  unpublished_idea_text: 0,
  email_outbox: 0,
  audit_events: 0,
};

/** Words only the fixtures' removed rows contain: none may survive anywhere in the audit trail. */
const secrets = {
  bearerName: "Gunilla Gallringsdotter",
  question: "Hur många nycklar finns det i gallringstestet?",
  answer: "Ungefär fyrtio nycklar i gallringstestet.",
  note: "Minnesanteckning i gallringstestet: ring Gunilla Gallringsdotter.",
};

describe("gallring with the clock moved forward", () => {
  let stack: SecurityStack;
  let closed: SubmittedIdea;
  let open: SubmittedIdea;
  let published: SubmittedIdea;
  let coordinatorId: string;
  let inThreeYears: string;
  let before: {
    ideas: { reference: string; received_at: string }[];
    versions: number;
    events: number;
    decisions: number;
    tokens: number;
  };

  const run = async (nowAt: string, dryRun = false) => {
    const { data, error } = await stack.call("serviceRole", "run_gallring", {
      dry_run: dryRun,
      now_at: nowAt,
    });
    expect(error).toBeNull();
    return data as GallringAnswer;
  };

  const count = async (sql: string, params: unknown[] = []) =>
    (await stack.db.query<{ n: number }>(`select (${sql})::int as n`, params)).rows[0]!.n;

  const snapshot = async () => ({
    ideas: (
      await stack.db.query<{ reference: string; received_at: string }>(
        "select reference, received_at::text from app.ideas order by reference",
      )
    ).rows,
    versions: await count("select count(*) from app.idea_versions"),
    events: await count("select count(*) from app.idea_events"),
    decisions: await count("select count(*) from app.decision_messages"),
    tokens: await count("select count(*) from app.status_tokens"),
  });

  /** A note on the idea by the coordinator, with a reply that mentions the Skövde coach. */
  async function addNotes(idea: SubmittedIdea, body: string) {
    const { rows } = await stack.db.query<{ id: string }>(
      "insert into app.internal_notes (idea_id, author_id, body) values ($1, $2, $3) returning id",
      [idea.id, coordinatorId, body],
    );
    const reply = await stack.db.query<{ id: string }>(
      `insert into app.internal_notes (idea_id, author_id, reply_to_id, body)
       values ($1, $2, $3, 'Svar i gallringstestet.') returning id`,
      [idea.id, coordinatorId, rows[0]!.id],
    );
    await stack.db.query(
      `insert into app.note_mentions (note_id, reviewer_id)
       select $1, user_id from app.reviewers where display_name = 'Greta Granskare'`,
      [reply.rows[0]!.id],
    );
  }

  /** Asks the bearer a question and lets them answer: two messages, the idea back in review. */
  async function questionAndAnswer(idea: SubmittedIdea) {
    const asked = await stack.call("coordinator", "ask_bearer", {
      idea_id: idea.id,
      expected_state: "in_review",
      question: secrets.question,
    });
    expect(asked.error).toBeNull();
    const answered = await stack.call("tokenHolder", "reply_as_bearer", {
      token: idea.token,
      body: secrets.answer,
    });
    expect(answered.error).toBeNull();
  }

  beforeAll(async () => {
    stack = await startSecurityStack();
    coordinatorId = (
      await stack.db.query<{ id: string }>(
        "select id from auth.users where email = 'samordnare@example.se'",
      )
    ).rows[0]!.id;

    // Closed: declined, its decision released; a question and answer, notes, every e-mail sent.
    closed = await submitIdea(stack, "1496", {
      title: "Gallringstest: nyckelskåp",
      bearer_name: secrets.bearerName,
      bearer_phone: "0500-123456",
      co_bearers: "Kalle Kollega",
    });
    await moveIdea(stack, closed, ["in_review"]);
    await questionAndAnswer(closed);
    await addNotes(closed, secrets.note);
    for (const [from, to] of [
      ["in_review", "assessed"],
      ["assessed", "declined"],
    ] as const) {
      const { error } = await stack.call("coordinator", "change_idea_state", {
        idea_id: closed.id,
        expected_state: from,
        to_state: to,
        reason: "Gallringstestet avslutar ärendet.",
        message_to_bearer: "Tack för idén. Vi går inte vidare med den.",
      });
      expect(error).toBeNull();
    }
    expect(
      (await stack.call("coordinator", "release_decision", { idea_id: closed.id })).error,
    ).toBeNull();

    // Open: still in review, with the same kinds of rows. Nothing of it may go.
    open = await submitIdea(stack, "1496", { title: "Gallringstest: pågående idé" });
    await moveIdea(stack, open, ["in_review"]);
    await questionAndAnswer(open);
    await addNotes(open, "Anteckning om en idé som fortfarande granskas.");

    // Closed and published in the idea bank: its text is never gallrad.
    published = await submitIdea(stack, "1494", {
      title: "Gallringstest: publicerad idé",
      publish_consent: true,
    });
    await moveIdea(stack, published, ["in_review", "assessed", "accepted"]);
    expect(
      (await stack.call("coordinator", "release_decision", { idea_id: published.id })).error,
    ).toBeNull();
    expect(
      (
        await stack.call("coordinator", "publish_idea", {
          idea_id: published.id,
          public_summary: "En idé i idébanken som gallringen aldrig rör.",
        })
      ).error,
    ).toBeNull();

    // Every e-mail so far was sent (the outbox keeps a transport copy).
    await stack.db.query(
      "update app.email_outbox set status = 'sent', sent_at = now(), payload = payload - 'status_token'",
    );

    inThreeYears = (
      await stack.db.query<{ t: string }>("select (now() + interval '3 years')::text as t")
    ).rows[0]!.t;
    before = await snapshot();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("lists in a dry run exactly what the run then removes, and removes nothing doing so", async () => {
    const dry = await run(inThreeYears, true);
    expect(dry.dry_run).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(
      await count("select count(*) from app.idea_bearers where idea_id = $1", [closed.id]),
    ).toBe(1);
    const planned = dry.items.filter((item) => item.idea_reference === closed.reference);
    expect(planned.map((item) => [item.category, item.rows]).sort()).toEqual([
      ["bearer_contact", 1],
      ["email_outbox", 3],
      ["internal_notes", 2],
      ["messages", 2],
    ]);
    // The open idea keeps everything but the transport copies of its sent e-mails.
    expect(
      dry.items
        .filter((item) => item.idea_reference === open.reference)
        .map((item) => [item.category, item.rows]),
    ).toEqual([["email_outbox", 2]]);
  });

  it("removes what is past its date, each removal audited without its content", async () => {
    const removedAt = await run(inThreeYears);
    expect(removedAt.dry_run).toBe(false);

    // The closed idea: contact details, messages, notes (and their mentions) and e-mails are gone.
    expect(
      await count("select count(*) from app.idea_bearers where idea_id = $1", [closed.id]),
    ).toBe(0);
    expect(await count("select count(*) from app.messages where idea_id = $1", [closed.id])).toBe(
      0,
    );
    expect(
      await count("select count(*) from app.internal_notes where idea_id = $1", [closed.id]),
    ).toBe(0);
    expect(
      await count(
        "select count(*) from app.note_mentions m join app.internal_notes n on n.id = m.note_id where n.idea_id = $1",
        [closed.id],
      ),
    ).toBe(0);
    expect(
      await count("select count(*) from app.email_outbox where idea_id = $1", [closed.id]),
    ).toBe(0);

    // One audit event per category and idea, by the system, stamped with the run's time, naming the
    // rule it applied and the number of rows.
    const { rows: events } = await stack.db.query(
      `select actor_kind, actor_user_id, category, rule, details, occurred_at = $2::timestamptz as at_run_time
       from app.audit_events where action = 'gallring' and idea_reference = $1 order by category`,
      [closed.reference, inThreeYears],
    );
    expect(events).toEqual([
      {
        actor_kind: "system",
        actor_user_id: null,
        category: "bearer_contact",
        rule: { category: "bearer_contact", keep_for: "P2Y", after: "last_activity" },
        details: { rows: 1 },
        at_run_time: true,
      },
      {
        actor_kind: "system",
        actor_user_id: null,
        category: "email_outbox",
        rule: { category: "email_outbox", keep_for: "P90D", after: "created" },
        details: { rows: 3 },
        at_run_time: true,
      },
      {
        actor_kind: "system",
        actor_user_id: null,
        category: "internal_notes",
        rule: { category: "internal_notes", keep_for: "P1Y", after: "last_activity" },
        details: { rows: 2 },
        at_run_time: true,
      },
      {
        actor_kind: "system",
        actor_user_id: null,
        category: "messages",
        rule: { category: "messages", keep_for: "P2Y", after: "last_activity" },
        details: { rows: 2 },
        at_run_time: true,
      },
    ]);
    // Every removal the run reported has its event.
    expect(await count("select count(*) from app.audit_events where action = 'gallring'")).toBe(
      removedAt.items.length,
    );

    const trail = JSON.stringify((await stack.db.query("select * from app.audit_events")).rows);
    for (const secret of [
      ...Object.values(secrets),
      closed.email,
      "0500-123456",
      "Kalle Kollega",
    ]) {
      expect(trail).not.toContain(secret);
    }
  });

  it("leaves everything else intact: the reference, received_at, text, timeline and decisions", async () => {
    const after = await snapshot();
    expect(after.ideas).toEqual(before.ideas);
    expect(after.versions).toBe(before.versions);
    expect(after.events).toBe(before.events);
    expect(after.decisions).toBe(before.decisions);
    expect(after.tokens).toBe(before.tokens);

    // The closed idea's original text is an allmän handling and stays (its rule is inactive).
    const { rows: original } = await stack.db.query(
      "select title, gallrad_at from app.idea_versions where idea_id = $1 and version = 1",
      [closed.id],
    );
    expect(original).toEqual([{ title: "Gallringstest: nyckelskåp", gallrad_at: null }]);

    // The open idea keeps everything but the copies of its sent e-mails, which count from sending.
    for (const [table, expected] of [
      ["idea_bearers", 1],
      ["messages", 2],
      ["internal_notes", 2],
      ["email_outbox", 0],
    ] as const) {
      expect(
        await count(`select count(*) from app.${table} where idea_id = $1`, [open.id]),
        table,
      ).toBe(expected);
    }
    const { rows: openEvents } = await stack.db.query(
      "select category from app.audit_events where idea_reference = $1",
      [open.reference],
    );
    expect(openEvents).toEqual([{ category: "email_outbox" }]);

    // The coordinator still finds the closed idea, without its bearer.
    const { data } = await stack.call("coordinator", "get_review_idea", {
      reference: closed.reference,
    });
    expect(data).toMatchObject({
      reference: closed.reference,
      state: "declined",
      bearer: null,
      messages: [],
    });
  });

  it("removes nothing on a second run", async () => {
    const eventsBefore = await count("select count(*) from app.audit_events");
    const again = await run(inThreeYears);
    expect(again.items).toEqual([]);
    expect(again.totals).toEqual(noneRemoved);
    expect(await count("select count(*) from app.audit_events")).toBe(eventsBefore);
  });

  it("gallrar an unpublished idea's text only once a coordinator switches its rule on", async () => {
    const switched = await stack.call("coordinator", "change_retention_rule", {
      category: "unpublished_idea_text",
      keep_for: "1 year",
      after: "decided",
      active: true,
      legal_basis: "Arkivmyndighetens gallringsbeslut för opublicerade idéer (testets värde).",
    });
    expect(switched.error).toBeNull();

    const answer = await run(inThreeYears);
    const references = answer.items
      .filter((item) => item.category === "unpublished_idea_text")
      .map((item) => item.idea_reference);
    expect(references).toContain(closed.reference);
    expect(references).not.toContain(published.reference);
    expect(references).not.toContain(open.reference);

    const { rows } = await stack.db.query(
      `select i.reference, i.received_at::text, i.title, v.problem, v.workplace, v.gallrad_at = $2::timestamptz as gallrad_at_run
       from app.ideas i join app.idea_versions v on v.idea_id = i.id and v.version = 1 where i.id = $1`,
      [closed.id, inThreeYears],
    );
    expect(rows).toEqual([
      {
        reference: closed.reference,
        received_at: before.ideas.find((idea) => idea.reference === closed.reference)!.received_at,
        title: "Gallrad idé",
        problem:
          "Texten har gallrats enligt kommunernas gallringsbeslut. Diarienummer, inkomstdatum och beslut finns kvar.",
        workplace: null,
        gallrad_at_run: true,
      },
    ]);
    const { rows: publishedText } = await stack.db.query(
      "select title, gallrad_at from app.idea_versions where idea_id = $1",
      [published.id],
    );
    expect(publishedText).toEqual([{ title: "Gallringstest: publicerad idé", gallrad_at: null }]);
    expect((await snapshot()).ideas).toEqual(before.ideas);
    expect((await run(inThreeYears)).items).toEqual([]);
  });

  it("keeps the original text immutable for the table's owner outside the gallring function", async () => {
    await stack.db.query("begin");
    try {
      await stack.db.query("select set_config('app.gallring', 'unpublished_idea_text', true)");
      // Even with the flag, nothing but the fixed placeholder on an unpublished idea may be written.
      await expect(
        stack.db.query("update app.idea_versions set proposal = 'Ny text' where idea_id = $1", [
          open.id,
        ]),
      ).rejects.toThrow("original_text_immutable");
    } finally {
      await stack.db.query("rollback");
    }
    await stack.db.query("begin");
    try {
      await stack.db.query("select set_config('app.gallring', 'unpublished_idea_text', true)");
      await expect(
        stack.db.query("delete from app.idea_versions where idea_id = $1", [open.id]),
      ).rejects.toThrow("original_text_immutable");
    } finally {
      await stack.db.query("rollback");
    }
  });

  it("gallrar the audit trail itself after five years, but never this run's own events", async () => {
    const inSixYears = (
      await stack.db.query<{ t: string }>("select (now() + interval '6 years')::text as t")
    ).rows[0]!.t;
    const pastFiveYears =
      "select count(*) from app.audit_events where occurred_at + interval '5 years' <= $1::timestamptz";
    const older = await count(pastFiveYears, [inSixYears]);
    // The events of the earlier runs, stamped three years ahead, are younger than five years then.
    const younger = (await count("select count(*) from app.audit_events")) - older;
    expect(older).toBeGreaterThan(0);
    expect(younger).toBeGreaterThan(0);
    const answer = await run(inSixYears);
    expect(answer.totals.audit_events).toBe(older);
    expect(await count(pastFiveYears, [inSixYears])).toBe(0);
    expect(
      await count(
        "select count(*) from app.audit_events where category = 'audit_events' and details = $1",
        [JSON.stringify({ rows: older })],
      ),
    ).toBe(1);
    expect((await run(inSixYears)).items).toEqual([]);
  });

  it("refuses to look back in time, and refuses everyone but the secret key", async () => {
    const back = await stack.call("serviceRole", "run_gallring", {
      dry_run: true,
      now_at: "2020-01-01T00:00:00Z",
    });
    expect(back.error).toMatchObject({ code: "IS002", message: "invalid", details: "now_at" });
    const coordinator = await stack.call("coordinator", "run_gallring", { dry_run: true });
    expect(coordinator.error).toMatchObject({ code: "42501" });
    // The allow twin: the secret key, now.
    expect((await stack.call("serviceRole", "run_gallring", { dry_run: true })).error).toBeNull();
  });
});
