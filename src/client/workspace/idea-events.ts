/**
 * How the idea page's islands talk to each other: `<review-idea>` loads the idea and says so with
 * {@link ideaShownEvent} on `document` (detail: the answer, or null when the page shows a problem
 * instead); a section that has changed the idea asks for it to be loaded again with
 * {@link ideaReloadEvent}. One request for the idea, however many sections read it (the
 * assessment's islands in src/client/workspace/assessment/, the decisions' in decisions/).
 */

/** `<review-idea>` has shown an idea (detail: `IdeaPageAnswer`) or a problem (detail: null). */
export const ideaShownEvent = "review-idea:shown";

/** A section changed the idea: load it again and show it. */
export const ideaReloadEvent = "review-idea:reload";
