import type { PublishedIdea } from "./schema.ts";

/** "1 kommun", "3 kommuner". */
function municipalities(count: number): string {
  return `${count} ${count === 1 ? "kommun" : "kommuner"}`;
}

/**
 * How far a published idea has spread, in the words of the idea bank's cards: where it has been
 * implemented and how many municipalities want to join or co-fund it. Nothing when neither.
 */
export function spreadFacts(idea: Pick<PublishedIdea, "implemented_in" | "joined_by">): string[] {
  return [
    ...(idea.implemented_in.length > 0
      ? [`Införd i ${municipalities(idea.implemented_in.length)}`]
      : []),
    ...(idea.joined_by.length > 0
      ? [`${municipalities(idea.joined_by.length)} vill vara med`]
      : []),
  ];
}
