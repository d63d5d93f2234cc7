import type pg from "pg";

/**
 * The ideas whose kept summary (app.idea_summaries, refreshed by triggers in the same transaction
 * as each change) differs from one computed afresh from the tables (private.idea_summary_of): a
 * test that ran assignments, scores, jäv, decisions, releases and withdrawals expects none. With the
 * references, the number of ideas that have a summary with a decision and with a mean, so that an
 * empty list cannot come from an empty table.
 */
export async function ideaSummariesOutOfStep(db: pg.Client) {
  const { rows } = await db.query<{ reference: string }>(
    `select i.reference
     from app.ideas i
     left join app.idea_summaries s on s.idea_id = i.id
     cross join lateral private.idea_summary_of(i.id) f
     where (coalesce(s.assessments_done, 0), coalesce(s.assessments_expected, 0), s.mean,
            s.decision_state, s.decided_at, s.decision_released)
       is distinct from (f.assessments_done, f.assessments_expected, f.mean,
            f.decision_state, f.decided_at, f.decision_released)
     order by i.reference`,
  );
  const { rows: kept } = await db.query<{ decided: number; scored: number }>(
    `select count(*) filter (where decision_state is not null)::int as decided,
       count(*) filter (where mean is not null)::int as scored
     from app.idea_summaries`,
  );
  return { outOfStep: rows.map((row) => row.reference), ...kept[0]! };
}
