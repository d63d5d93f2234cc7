import type { PublishedIdea } from "./schema.ts";
import { ideaStateLabels, ideaStates, type IdeaState } from "../idea/states.ts";

/** A filter dimension of the idea bank; each value gets its own static page. */
export type FacetKind = "omrade" | "kommun" | "status";

/** One value of a filter: its path segment, its label and the ideas that have it. */
export interface FacetValue {
  slug: string;
  label: string;
  ideas: PublishedIdea[];
}

/**
 * Turns a Swedish name into a path segment: lower case, å/ä → a, ö → o, other marks dropped and
 * anything else joined with hyphens ("Vård och omsorg" → "vard-och-omsorg").
 */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * The values of one filter among the published ideas, sorted by label (states in lifecycle order),
 * each with the ideas that have it. Only values that some idea has are listed, so no filter leads
 * to an empty page.
 */
export function facetValues(ideas: readonly PublishedIdea[], kind: FacetKind): FacetValue[] {
  const groups = new Map<string, FacetValue>();
  for (const idea of ideas) {
    const label =
      kind === "omrade"
        ? idea.area
        : kind === "kommun"
          ? idea.municipality
          : ideaStateLabels[idea.state];
    const slug = kind === "status" ? idea.state : slugify(label);
    const group = groups.get(slug) ?? { slug, label, ideas: [] };
    group.ideas.push(idea);
    groups.set(slug, group);
  }
  const values = [...groups.values()];
  if (kind === "status") {
    return values.sort(
      (a, b) => ideaStates.indexOf(a.slug as IdeaState) - ideaStates.indexOf(b.slug as IdeaState),
    );
  }
  return values.sort((a, b) => a.label.localeCompare(b.label, "sv"));
}
