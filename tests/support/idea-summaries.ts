import type pg from "pg";

/** The ideas whose summary columns differ from one computed afresh by private.idea_summary_of. */
async function outOfStep(db: pg.Client): Promise<string[]> {
  const { rows } = await db.query<{ reference: string }>(
    `select i.reference
     from app.ideas i
     cross join lateral private.idea_summary_of(i.id) f
     where (i.assessments_done, i.assessments_expected, i.weighted_mean, i.latest_decision,
            i.latest_decision_at, i.latest_decision_released)
       is distinct from (f.assessments_done, f.assessments_expected, f.mean, f.decision_state,
            f.decided_at, f.decision_released)
     order by i.reference`,
  );
  return rows.map((row) => row.reference);
}

/**
 * The summary columns the export reads (app.ideas.assessments_done … latest_decision_released) are
 * kept by triggers in the same transaction as each change, and counted afresh for every idea by
 * private.recount_idea_summaries after a bulk load. A test that ran assignments, scores, jäv,
 * decisions, releases and withdrawals expects:
 *
 * - `kept`: the ideas whose kept columns differ from private.idea_summary_of – none;
 * - `recounted`: the same after the columns are emptied and private.recount_idea_summaries fills
 *   them again (in a transaction that is rolled back) – none, so the two definitions agree;
 * - `decided`, `scored`: how many ideas have a decision and a mean, so that an empty answer cannot
 *   come from ideas without any.
 */
export async function ideaSummariesOutOfStep(db: pg.Client) {
  const kept = await outOfStep(db);
  await db.query("begin");
  let recounted: string[];
  try {
    await db.query(
      `update app.ideas set assessments_done = 0, assessments_expected = 0, weighted_mean = null,
         latest_decision = null, latest_decision_at = null, latest_decision_released = null`,
    );
    await db.query("select private.recount_idea_summaries()");
    recounted = await outOfStep(db);
  } finally {
    await db.query("rollback");
  }
  const { rows } = await db.query<{ decided: number; scored: number }>(
    `select count(*) filter (where latest_decision is not null)::int as decided,
       count(*) filter (where weighted_mean is not null)::int as scored
     from app.ideas`,
  );
  return { kept, recounted, ...rows[0]! };
}
