import { z } from "zod";
import { ideaStates } from "../ideas/states.ts";

/**
 * A published idea as `api.list_published_ideas()` returns it: only the public summary, never the
 * bearer's text or personal data.
 */
export const publishedIdeaSchema = z.object({
  /** The idea's diary reference, `IS-2026-0042`. */
  reference: z.string().regex(/^IS-\d{4}-\d{4,}$/),
  title: z.string().min(1),
  /** The summary the coordinator approved for publication. */
  summary: z.string().min(1),
  /** The area of activity (verksamhetsområde), by name. */
  area: z.string().min(1),
  /** The municipality the idea came from, by name. */
  municipality: z.string().min(1),
  state: z.enum(ideaStates),
  published_at: z.string(),
  /** Municipalities that have implemented the idea, by name. */
  implemented_in: z.array(z.string()).default([]),
  /** Municipalities that want to join or co-fund the idea, by name. */
  joined_by: z.array(z.string()).default([]),
});

/** A published idea in the idea bank. */
export type PublishedIdea = z.infer<typeof publishedIdeaSchema>;

/** The idea bank's page path segment for an idea: its reference in lower case. */
export function ideaSlug(reference: string): string {
  return reference.toLowerCase();
}
