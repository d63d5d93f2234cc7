/**
 * The idea lifecycle's states and their labels, as the SPEC names them. The allowed transitions
 * live in the database (the single source of truth); the site only needs to name the states.
 */
export const ideaStates = [
  "received",
  "in_review",
  "needs_info",
  "assessed",
  "accepted",
  "parked",
  "declined",
  "forwarded",
  "duplicate",
  "in_development",
  "implemented",
  "spread",
] as const;

/** One of the lifecycle's states. */
export type IdeaState = (typeof ideaStates)[number];

/** The Swedish label the users see for each state. */
export const ideaStateLabels: Readonly<Record<IdeaState, string>> = {
  received: "Inkommen",
  in_review: "Under bedömning",
  needs_info: "Komplettering begärd",
  assessed: "Bedömd",
  accepted: "Vidare till utveckling",
  parked: "Vilande",
  declined: "Avslagen",
  forwarded: "Vidareförmedlad",
  duplicate: "Dubblett",
  in_development: "Under utveckling",
  implemented: "Införd",
  spread: "Spridd",
};

/** English labels for the English pages. */
export const ideaStateLabelsEnglish: Readonly<Record<IdeaState, string>> = {
  received: "Received",
  in_review: "Under review",
  needs_info: "More information requested",
  assessed: "Assessed",
  accepted: "Accepted for development",
  parked: "Parked",
  declined: "Declined",
  forwarded: "Forwarded",
  duplicate: "Duplicate",
  in_development: "In development",
  implemented: "Implemented",
  spread: "Spread",
};

/** Whether a value from outside is one of the lifecycle's states. */
export function isIdeaState(value: string): value is IdeaState {
  return (ideaStates as readonly string[]).includes(value);
}

/**
 * The decisions (SPEC "Idea lifecycle"): the states a coordinator's decision moves an idea to, each
 * with a message to the bearer that stays internal until released (app.idea_states.is_decision).
 */
export const decisionStates = ["accepted", "parked", "declined", "forwarded", "duplicate"] as const;

/** One of the decisions. */
export type DecisionState = (typeof decisionStates)[number];

/** Whether a state is a decision. */
export function isDecisionState(value: string): value is DecisionState {
  return (decisionStates as readonly string[]).includes(value);
}
