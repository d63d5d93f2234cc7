import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewerReads } from "./harness/messages.ts";
import { startSecurityStack, type Actor, type SecurityStack } from "./harness/stack.ts";
import { moveIdea, submitIdea, type SubmittedIdea } from "./harness/fixtures.ts";

/*
 * The assessment's rules in the database (issue 13): jäv blocks scoring, scores close with the
 * decision, and the blind rule – each held by the policies on the tables, not only by the api
 * functions, so each is tested both through the api and straight against the tables as api_owner
 * (the role every api function runs as). Then the aggregates and the queue's mean, and the saves
 * under concurrency, which need real concurrent connections: they run on the machine's PostgreSQL
 * (DATABASE_URL) and are skipped, saying so, on PGlite, which serves one connection at a time.
 */

const reviewerIds = {
  coordinator: "00000000-0000-4000-a000-000000000001",
  skovdeReviewer: "00000000-0000-4000-a000-000000000002",
  regionReviewer: "00000000-0000-4000-a000-000000000004",
} as const;

/** An assessment with the given scores on nytta, effekter and genomförbarhet. */
function assessment(reference: string, [nytta, effekter, genomforbarhet]: number[], note = "") {
  return {
    reference,
    scores: [
      { criterion: "nytta", score: nytta, comment: `Nytta ${nytta}${note}` },
      { criterion: "effekter", score: effekter, comment: `Effekter ${effekter}${note}` },
      {
        criterion: "genomforbarhet",
        score: genomforbarhet,
        comment: `Genomförbarhet ${genomforbarhet}${note}`,
      },
    ],
    recommendation: "vidare",
    comment: `Sammanfattning${note}`,
  };
}

interface ReviewIdea {
  visible_assessments: {
    reviewer: { id: string; name: string };
    is_me: boolean;
    conflict_of_interest: boolean;
    complete: boolean;
    scores: {
      criterion: string;
      score: number;
      comment: string;
      weight: number;
      version: number;
    }[];
    recommendation: string | null;
  }[];
  aggregates: {
    visible: boolean;
    criteria:
      { criterion: string; mean: number | null; count: number; disagreement: boolean }[] | null;
    overall: number | null;
    complete_assessments: number | null;
    done: number;
    expected: number;
  };
  my_assessment_status: string;
  conflicts: { reviewer: { id: string }; reason: string }[];
}

describe("the assessment in the database", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
    if (stack.onPglite) {
      console.warn(
        "Hoppar över testerna med samtidiga sparningar: PGlite har bara en anslutning. Kör med DATABASE_URL mot en riktig PostgreSQL.",
      );
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function ideaInReview(): Promise<SubmittedIdea> {
    const idea = await submitIdea(stack, "1496");
    await moveIdea(stack, idea, ["in_review"]);
    return idea;
  }

  async function call(actor: Actor, fn: string, args: Record<string, unknown>) {
    const result = await stack.call(actor, fn, args);
    if (result.error)
      throw new Error(`${fn} as ${actor}: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  const answerNo = (actor: Actor, reference: string) =>
    call(actor, "declare_conflict_of_interest", { reference, has_conflict: false });

  const reviewIdea = async (actor: Actor, reference: string) =>
    (await call(actor, "get_review_idea", { reference })) as ReviewIdea;

  /**
   * Runs `work` in a transaction as api_owner with the reviewer's claims – what every api function
   * does – and rolls it back: the policies alone decide.
   */
  async function asApiOwner<T>(userId: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
    await stack.db.query("begin");
    try {
      await stack.db.query("set local role api_owner");
      await stack.db.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub: userId, role: "authenticated" }),
      ]);
      return await work(stack.db);
    } finally {
      await stack.db.query("rollback");
    }
  }

  /** Writes one score straight into app.scores as the reviewer; the policy's error, or null. */
  const writeScoreDirectly = (userId: string, idea: SubmittedIdea) =>
    asApiOwner(userId, async (db) => {
      try {
        await db.query(
          `insert into app.scores (idea_id, reviewer_id, criterion_id, criteria_version_id, score, comment)
           select $1, $2, 'nytta', cv.id, 3, 'Direkt i tabellen'
           from app.criteria_versions cv where cv.criterion_id = 'nytta' order by cv.version desc limit 1`,
          [idea.id, userId],
        );
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    });

  it("refuses a score from a reviewer who declared jäv, through the api and straight into the table", async () => {
    const idea = await ideaInReview();
    // The allow twin first: the same reviewer, on the same idea, before declaring jäv.
    expect(await writeScoreDirectly(reviewerIds.regionReviewer, idea)).toBeNull();
    await answerNo("regionReviewer", idea.reference);
    expect(
      await stack.call("regionReviewer", "save_assessment", assessment(idea.reference, [4, 4, 4])),
    ).toMatchObject({
      error: null,
    });

    const declared = await call("regionReviewer", "declare_conflict_of_interest", {
      reference: idea.reference,
      has_conflict: true,
      reason: "Jag har arbetat med idébäraren.",
    });
    expect(declared).toMatchObject({
      has_conflict: true,
      reason: "Jag har arbetat med idébäraren.",
    });

    const refused = await stack.call(
      "regionReviewer",
      "save_assessment",
      assessment(idea.reference, [2, 2, 2]),
    );
    expect(refused).toMatchObject({
      status: 400,
      error: { code: "IS005", message: "conflict_of_interest" },
    });
    expect(reviewerReads(refused.error)).toBe(
      "Du har anmält jäv för den här idén och kan inte bedöma den.",
    );
    expect(await writeScoreDirectly(reviewerIds.regionReviewer, idea)).toMatch(
      /row-level security/,
    );
    // A declared jäv stays.
    const withdrawn = await stack.call("regionReviewer", "declare_conflict_of_interest", {
      reference: idea.reference,
      has_conflict: false,
    });
    expect(withdrawn.error).toMatchObject({ code: "IS005", message: "conflict_declared" });
  });

  it("asks for the jäv answer before the first score", async () => {
    const idea = await ideaInReview();
    const unanswered = await stack.call(
      "skovdeReviewer",
      "save_assessment",
      assessment(idea.reference, [3, 3, 3]),
    );
    expect(unanswered.error).toMatchObject({ code: "IS005", message: "not_declared" });
    await answerNo("skovdeReviewer", idea.reference);
    expect(
      (await stack.call("skovdeReviewer", "save_assessment", assessment(idea.reference, [3, 3, 3])))
        .error,
    ).toBeNull();
  });

  it("closes the assessment with the decision, in the api and in the table's policy", async () => {
    const idea = await ideaInReview();
    await answerNo("skovdeReviewer", idea.reference);
    // Revisable while assessed (the twin) …
    await call("coordinator", "move_idea", {
      reference: idea.reference,
      expected_state: "in_review",
      to_state: "assessed",
      reason: "Alla har bedömt.",
    });
    expect(
      (await stack.call("skovdeReviewer", "save_assessment", assessment(idea.reference, [4, 4, 4])))
        .error,
    ).toBeNull();
    // … refused once decided.
    await call("coordinator", "move_idea", {
      reference: idea.reference,
      expected_state: "assessed",
      to_state: "declined",
      reason: "Passar inte nu.",
      message_to_bearer: "Tack för idén. Vi går inte vidare med den nu.",
    });
    const refused = await stack.call(
      "skovdeReviewer",
      "save_assessment",
      assessment(idea.reference, [1, 1, 1]),
    );
    expect(refused.error).toMatchObject({ code: "IS001", message: "decided" });
    expect(JSON.parse(refused.error!.details!)).toEqual({ current: "declined" });
    expect(reviewerReads(refused.error)).toBe(
      "Idén är redan beslutad (”avslagen”), så bedömningen kan inte ändras längre.",
    );
    expect(await writeScoreDirectly(reviewerIds.skovdeReviewer, idea)).toMatch(
      /row-level security/,
    );
    const { rows } = await stack.db.query<{ score: number }>(
      "select score from app.scores where idea_id = $1 and reviewer_id = $2 order by criterion_id",
      [idea.id, reviewerIds.skovdeReviewer],
    );
    expect(rows.map((row) => row.score)).toEqual([4, 4, 4]);
  });

  it("holds the blind rule in the policies: others' scores only after one's own, all for a coordinator", async () => {
    const idea = await ideaInReview();
    await answerNo("skovdeReviewer", idea.reference);
    await call("skovdeReviewer", "save_assessment", assessment(idea.reference, [5, 2, 4]));
    const visibleTo = (userId: string) =>
      asApiOwner(userId, async (db) => {
        const scores = await db.query<{ reviewer_id: string }>(
          "select reviewer_id from app.scores where idea_id = $1",
          [idea.id],
        );
        const recommendations = await db.query(
          "select 1 from app.recommendations where idea_id = $1",
          [idea.id],
        );
        return { scores: scores.rowCount, recommendations: recommendations.rowCount };
      });

    expect(await visibleTo(reviewerIds.regionReviewer)).toEqual({ scores: 0, recommendations: 0 });
    expect(await visibleTo(reviewerIds.coordinator)).toEqual({ scores: 3, recommendations: 1 });
    const before = await reviewIdea("regionReviewer", idea.reference);
    expect(before.visible_assessments).toEqual([]);
    expect(before.aggregates).toEqual({
      visible: false,
      criteria: null,
      overall: null,
      complete_assessments: null,
      done: 0,
      expected: 0,
    });
    expect(JSON.stringify(before)).not.toContain("Nytta 5");

    await answerNo("regionReviewer", idea.reference);
    await call("regionReviewer", "save_assessment", assessment(idea.reference, [4, 4, 4]));
    expect(await visibleTo(reviewerIds.regionReviewer)).toEqual({ scores: 6, recommendations: 2 });
    const after = await reviewIdea("regionReviewer", idea.reference);
    expect(after.visible_assessments.map((a) => [a.reviewer.id, a.is_me])).toEqual([
      [reviewerIds.regionReviewer, true],
      [reviewerIds.skovdeReviewer, false],
    ]);
    expect(after.my_assessment_status).toBe("complete");
  });

  it("gives weighted means per criterion and overall with each score's own weight, and flags disagreement", async () => {
    const idea = await ideaInReview();
    for (const [actor, scores] of [
      ["skovdeReviewer", [4, 1, 3]],
      ["regionReviewer", [3, 4, 5]],
    ] as const) {
      await answerNo(actor, idea.reference);
      await call(actor, "save_assessment", assessment(idea.reference, [...scores]));
    }
    const first = await reviewIdea("coordinator", idea.reference);
    expect(first.aggregates).toMatchObject({
      visible: true,
      overall: 3.33,
      complete_assessments: 2,
    });
    expect(first.aggregates.criteria).toEqual([
      {
        criterion: "nytta",
        name: "Nytta",
        mean: 3.5,
        count: 2,
        min: 3,
        max: 4,
        disagreement: false,
      },
      {
        criterion: "effekter",
        name: "Effekter",
        mean: 2.5,
        count: 2,
        min: 1,
        max: 4,
        disagreement: true,
      },
      {
        criterion: "genomforbarhet",
        name: "Genomförbarhet",
        mean: 4,
        count: 2,
        min: 3,
        max: 5,
        disagreement: true,
      },
    ]);

    // A coordinator scores after genomförbarhet got a new version weighing twice as much: the
    // older scores keep their version's weight.
    await stack.db.query(
      `insert into app.criteria_versions (criterion_id, version, name, description, level_descriptors, weight)
       select criterion_id, version + 1, name, description, level_descriptors, 2.00
       from app.criteria_versions where criterion_id = 'genomforbarhet' and version = 1`,
    );
    try {
      await answerNo("coordinator", idea.reference);
      await call("coordinator", "save_assessment", assessment(idea.reference, [2, 2, 5]));
      const second = await reviewIdea("coordinator", idea.reference);
      // (4+1+3 + 3+4+5 + 2+2+5·2) / (1+1+1 + 1+1+1 + 1+1+2) = 34 / 10
      expect(second.aggregates.overall).toBe(3.4);
      // (3·1 + 5·1 + 5·2) / (1 + 1 + 2)
      expect(second.aggregates.criteria?.[2]).toMatchObject({
        criterion: "genomforbarhet",
        mean: 4.5,
        count: 3,
      });
      const mine = second.visible_assessments.find((a) => a.is_me)!;
      expect(mine.scores[2]).toMatchObject({ criterion: "genomforbarhet", version: 2, weight: 2 });

      // Jäv declared after scoring: the scores stop counting, and only a coordinator still sees them.
      await call("regionReviewer", "declare_conflict_of_interest", {
        reference: idea.reference,
        has_conflict: true,
        reason: "Jag upptäckte att jag känner idébäraren.",
      });
      const third = await reviewIdea("coordinator", idea.reference);
      // (4+1+3 + 2+2+5·2) / (3 + 4)
      expect(third.aggregates).toMatchObject({ overall: 3.14, complete_assessments: 2 });
      expect(
        third.visible_assessments.find((a) => a.reviewer.id === reviewerIds.regionReviewer),
      ).toMatchObject({
        conflict_of_interest: true,
      });
      expect(third.conflicts).toMatchObject([
        {
          reviewer: { id: reviewerIds.regionReviewer },
          reason: "Jag upptäckte att jag känner idébäraren.",
        },
      ]);
      const coach = await reviewIdea("skovdeReviewer", idea.reference);
      expect(coach.visible_assessments.map((a) => a.reviewer.id)).not.toContain(
        reviewerIds.regionReviewer,
      );
      expect(coach.conflicts).toEqual([]);
    } finally {
      // Version 2 stops being in force for the tests after this one (scores and their history
      // cannot be deleted, so the version stays).
      await stack.db.query(
        "update app.criteria_versions set valid_from = 'infinity' where criterion_id = 'genomforbarhet' and version = 2",
      );
    }
  });

  it("shows the mean in the queue only to those who may see the scores", async () => {
    const idea = await submitIdea(stack, "1496", { title: "Kötest: medelvärde i kön" });
    await moveIdea(stack, idea, ["in_review"]);
    await answerNo("regionReviewer", idea.reference);
    await call("regionReviewer", "save_assessment", assessment(idea.reference, [5, 4, 3]));
    const meanIn = async (actor: Actor) => {
      const page = (await call(actor, "list_review_queue", { filters: { search: "kötest" } })) as {
        items: { reference: string; mean: number | null }[];
      };
      return page.items.find((item) => item.reference === idea.reference)?.mean;
    };
    expect(await meanIn("coordinator")).toBe(4);
    expect(await meanIn("regionReviewer")).toBe(4);
    expect(await meanIn("skovdeReviewer")).toBeNull();
    await answerNo("skovdeReviewer", idea.reference);
    await call("skovdeReviewer", "save_assessment", assessment(idea.reference, [1, 1, 1]));
    expect(await meanIn("skovdeReviewer")).toBe(2.5);
  });

  it("names who changed the idea first when the state the caller saw is stale", async () => {
    const idea = await submitIdea(stack, "1496");
    await call("regionReviewer", "move_idea", {
      reference: idea.reference,
      expected_state: "received",
      to_state: "in_review",
    });
    const late = await stack.call("skovdeReviewer", "move_idea", {
      reference: idea.reference,
      expected_state: "received",
      to_state: "in_review",
    });
    expect(late).toMatchObject({ status: 409, error: { code: "PT409", message: "stale_state" } });
    expect(JSON.parse(late.error!.details!)).toMatchObject({
      current: "in_review",
      changed_by: "Rut Regiongranskare",
      changed_by_kind: "reviewer",
    });
    expect(reviewerReads(late.error)).toBe(
      "Rut Regiongranskare har redan ändrat idén, och den är nu ”under bedömning”. Ladda om sidan och försök igen.",
    );
  });

  describe("under concurrency (PostgreSQL)", () => {
    /** Opens one connection per save, starts each as the reviewer, then runs all saves at once. */
    async function saveAtOnce(saves: { userId: string; args: ReturnType<typeof assessment> }[]) {
      const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: saves.length });
      try {
        const clients = await Promise.all(saves.map(() => pool.connect()));
        try {
          await Promise.all(
            clients.map(async (client, index) => {
              await client.query("begin");
              await client.query("set local role authenticated");
              await client.query("select set_config('request.jwt.claims', $1, true)", [
                JSON.stringify({ sub: saves[index]!.userId, role: "authenticated" }),
              ]);
            }),
          );
          return await Promise.all(
            clients.map(async (client, index) => {
              const { reference, scores, recommendation, comment } = saves[index]!.args;
              try {
                await client.query("select api.save_assessment($1, $2, $3, $4)", [
                  reference,
                  JSON.stringify(scores),
                  recommendation,
                  comment,
                ]);
                await client.query("commit");
                return "saved";
              } catch (error) {
                await client.query("rollback");
                return (error as Error).message;
              }
            }),
          );
        } finally {
          for (const client of clients) client.release();
        }
      } finally {
        await pool.end();
      }
    }

    it("keeps one current assessment and fifty history rows after fifty parallel saves by one reviewer", async (context) => {
      if (stack.onPglite) context.skip();
      const idea = await ideaInReview();
      await answerNo("skovdeReviewer", idea.reference);
      const saves = Array.from({ length: 50 }, (_, index) => ({
        userId: reviewerIds.skovdeReviewer,
        args: assessment(
          idea.reference,
          [1 + (index % 5), 1 + ((index + 1) % 5), 1 + ((index + 2) % 5)],
          ` #${index}`,
        ),
      }));
      expect(await saveAtOnce(saves)).toEqual(saves.map(() => "saved"));

      const current = await stack.db.query<{
        criterion_id: string;
        score: number;
        comment: string;
        revisions: number;
      }>(
        `select s.criterion_id, s.score, s.comment,
                (select count(*)::int from app.score_history h where h.score_id = s.id) as revisions
         from app.scores s where s.idea_id = $1 and s.reviewer_id = $2 order by s.criterion_id`,
        [idea.id, reviewerIds.skovdeReviewer],
      );
      expect(current.rows).toHaveLength(3);
      expect(current.rows.map((row) => row.revisions)).toEqual([50, 50, 50]);
      const recommendation = await stack.db.query<{ comment: string; revisions: number }>(
        `select r.comment, (select count(*)::int from app.recommendation_history h
                             where h.idea_id = r.idea_id and h.reviewer_id = r.reviewer_id) as revisions
         from app.recommendations r where r.idea_id = $1 and r.reviewer_id = $2`,
        [idea.id, reviewerIds.skovdeReviewer],
      );
      expect(recommendation.rows).toHaveLength(1);
      expect(recommendation.rows[0]!.revisions).toBe(50);
      // The current assessment is one whole save, the last to commit: every part from the same one.
      const saveNumber = recommendation.rows[0]!.comment.match(/#(\d+)$/)![1];
      for (const row of current.rows) expect(row.comment).toMatch(new RegExp(` #${saveNumber}$`));
      const history = await stack.db.query<{ count: number }>(
        "select count(distinct h.comment)::int as count from app.score_history h join app.scores s on s.id = h.score_id where s.idea_id = $1",
        [idea.id],
      );
      expect(history.rows[0]!.count).toBe(150);
    });

    it("keeps both reviewers' scores when two save at once", async (context) => {
      if (stack.onPglite) context.skip();
      const idea = await ideaInReview();
      await answerNo("skovdeReviewer", idea.reference);
      await answerNo("regionReviewer", idea.reference);
      const results = await saveAtOnce([
        { userId: reviewerIds.skovdeReviewer, args: assessment(idea.reference, [5, 4, 3]) },
        { userId: reviewerIds.regionReviewer, args: assessment(idea.reference, [2, 3, 4]) },
      ]);
      expect(results).toEqual(["saved", "saved"]);
      const { rows } = await stack.db.query<{ reviewer_id: string; scores: number[] }>(
        `select reviewer_id, array_agg(score order by criterion_id) as scores
         from app.scores where idea_id = $1 group by reviewer_id order by reviewer_id`,
        [idea.id],
      );
      // Ordered by criterion id: effekter, genomforbarhet, nytta.
      expect(rows).toEqual([
        { reviewer_id: reviewerIds.skovdeReviewer, scores: [4, 3, 5] },
        { reviewer_id: reviewerIds.regionReviewer, scores: [3, 4, 2] },
      ]);
      const aggregates = (await reviewIdea("coordinator", idea.reference)).aggregates;
      expect(aggregates).toMatchObject({ visible: true, complete_assessments: 2, overall: 3.5 });
    });
  });
});
