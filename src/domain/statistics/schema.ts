import { z } from "zod";
import { ideaStates } from "../idea/states.ts";

const countSchema = z.number().int().nonnegative();

/**
 * The public statistics as `api.get_public_statistics()` returns them: counts only, never anything
 * that identifies a person or an unpublished idea's content.
 */
export const publicStatisticsSchema = z.object({
  /** All received ideas. */
  ideas_total: countSchema,
  per_municipality: z.array(z.object({ code: z.string(), name: z.string(), count: countSchema })),
  /** Per state as the public sees it, in lifecycle order. */
  per_state: z.array(
    z.object({ state: z.enum(ideaStates), label: z.string(), count: countSchema }),
  ),
  per_area: z.array(z.object({ id: z.string(), name: z.string(), count: countSchema })),
  /** Median days (one decimal) from received to the first assessment; null before any is assessed. */
  median_days_to_first_assessment: z.number().nonnegative().nullable(),
});

/** The public statistics. */
export type PublicStatistics = z.infer<typeof publicStatisticsSchema>;
