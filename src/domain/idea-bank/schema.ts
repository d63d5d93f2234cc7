import { z } from "zod";
import { referenceSchema } from "../idea/format-schemas.ts";
import { ideaStates } from "../idea/states.ts";

const municipalityRefSchema = z.object({ code: z.string(), name: z.string() });

/**
 * A published idea as `api.list_published_ideas()` returns it – only the public summary, never the
 * bearer's text or personal data – turned into the shape the idea bank's pages use.
 */
export const publishedIdeaSchema = z
  .object({
    /** The idea's diary reference, `IS-2026-0042`. */
    reference: referenceSchema,
    title: z.string().min(1),
    /** The summary the coordinator approved for publication. */
    summary: z.string().min(1),
    /** The area of activity (verksamhetsområde). */
    area_name: z.string().min(1),
    /** The municipality the idea came from. */
    municipality_name: z.string().min(1),
    /** The state as the public sees it. */
    state: z.enum(ideaStates),
    published_at: z.string(),
    /** Municipalities that have implemented the idea. */
    implemented_in: z.array(municipalityRefSchema).default([]),
    /** Municipalities that want to join or co-fund the idea. */
    joined_by: z.array(municipalityRefSchema).default([]),
  })
  .transform((row) => ({
    reference: row.reference,
    title: row.title,
    summary: row.summary,
    area: row.area_name,
    municipality: row.municipality_name,
    state: row.state,
    published_at: row.published_at,
    implemented_in: row.implemented_in.map((municipality) => municipality.name),
    joined_by: row.joined_by.map((municipality) => municipality.name),
  }));

/** A published idea in the idea bank. */
export type PublishedIdea = z.output<typeof publishedIdeaSchema>;

export { ideaSlug } from "./slug.ts";
