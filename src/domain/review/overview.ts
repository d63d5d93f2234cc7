// zod/mini: the overview page's island parses the answer in the browser.
import * as z from "zod/mini";
import { ideaStates } from "../idea/states.ts";

const count = z.number();
const day = z.string();
const named = z.object({ code: z.string(), name: z.string(), count, open: count });

/**
 * `GET /api/review/overview` (api.get_review_overview): the coordinator's overview of the sluice.
 * Counts are ideas; the medians are days from arrival (one decimal, null without ideas), over the
 * twelve months before `generated_at`.
 */
export const overviewSchema = z.object({
  generated_at: z.string(),
  /** Today in Sweden, YYYY-MM-DD. */
  today: day,
  ideas_total: count,
  /** Every state, in lifecycle order, with the internal state (a decision before its release too). */
  funnel: z.array(z.object({ state: z.enum(ideaStates), label: z.string(), count })),
  per_municipality: z.array(named),
  per_area: z.array(z.object({ id: z.string(), name: z.string(), count, open: count })),
  median_days: z.object({
    since: z.string(),
    to_first_assessment: z.nullable(z.number()),
    assessed_ideas: count,
    to_decision: z.nullable(z.number()),
    decided_ideas: count,
  }),
  overdue_assessments: z.array(
    z.object({
      reviewer: z.object({ id: z.string(), name: z.string() }),
      count,
      oldest_due_on: day,
    }),
  ),
  follow_ups: z.object({
    due: count,
    overdue: count,
    without_date: count,
    items: z.array(
      z.object({
        reference: z.string(),
        title: z.string(),
        forwarded_to: z.nullable(z.string()),
        follow_up_on: z.nullable(day),
        overdue: z.nullable(z.boolean()),
      }),
    ),
  }),
  unreleased_decisions: z.object({
    count,
    items: z.array(
      z.object({
        reference: z.string(),
        title: z.string(),
        state: z.enum(ideaStates),
        label: z.string(),
        decided_at: z.string(),
        decided_by: z.nullable(z.string()),
        days_waiting: count,
      }),
    ),
  }),
});

/** The overview, parsed. */
export type Overview = z.infer<typeof overviewSchema>;
