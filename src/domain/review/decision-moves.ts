import type { IdeaState } from "../idea/states.ts";

/**
 * Which moves the idea page offers, from the lifecycle's allowed transitions
 * (`app.idea_transitions`, docs/architecture.md). The database is the authority and refuses
 * anything else; this only spares the page offering a move the caller cannot make. Left out: the
 * question to the bearer (`in_review → needs_info`, its own form and endpoint) and
 * `duplicate → in_review`, which only unlinking does (`IS001 unlink_required`). Pure: no I/O.
 */

/** The decisions: each carries a message to the bearer and stays internal until released. */
export const decisionStates = ["accepted", "parked", "declined", "forwarded", "duplicate"] as const;
/** One of the decisions. */
export type DecisionState = (typeof decisionStates)[number];

/** Whether a move to this state is a decision (a message to the bearer, released later). */
export function isDecision(state: IdeaState): state is DecisionState {
  return (decisionStates as readonly string[]).includes(state);
}

/** The allowed moves the page offers, and who may make them. */
const moves: readonly { from: IdeaState; to: IdeaState; anyReviewer: boolean }[] = [
  { from: "received", to: "in_review", anyReviewer: true },
  { from: "received", to: "duplicate", anyReviewer: false },
  { from: "needs_info", to: "in_review", anyReviewer: true },
  { from: "in_review", to: "assessed", anyReviewer: false },
  { from: "in_review", to: "duplicate", anyReviewer: false },
  { from: "assessed", to: "accepted", anyReviewer: false },
  { from: "assessed", to: "parked", anyReviewer: false },
  { from: "assessed", to: "declined", anyReviewer: false },
  { from: "assessed", to: "forwarded", anyReviewer: false },
  { from: "assessed", to: "duplicate", anyReviewer: false },
  { from: "assessed", to: "in_review", anyReviewer: false },
  { from: "parked", to: "in_review", anyReviewer: false },
  { from: "accepted", to: "in_development", anyReviewer: false },
  { from: "in_development", to: "implemented", anyReviewer: false },
  { from: "implemented", to: "spread", anyReviewer: false },
];

/**
 * The states the caller may move the idea to from `state`, in the order the page offers them. No
 * move while a decision waits to be released: the database refuses every move until then
 * (`IS004 decision_not_released`).
 */
export function movesFrom(
  state: IdeaState,
  caller: { coordinator: boolean; decisionPending: boolean },
): IdeaState[] {
  if (caller.decisionPending) return [];
  return moves
    .filter((move) => move.from === state && (move.anyReviewer || caller.coordinator))
    .map((move) => move.to);
}

/** The extra fields a move needs besides the reason, as the state change's body names them. */
export function fieldsOfMove(
  to: IdeaState,
): readonly ("message" | "duplicate_of" | "forwarded_to" | "follow_up_on" | "municipalities")[] {
  if (to === "duplicate") return ["message", "duplicate_of"];
  if (to === "forwarded") return ["message", "forwarded_to", "follow_up_on"];
  if (isDecision(to)) return ["message"];
  if (to === "implemented" || to === "spread") return ["municipalities"];
  return [];
}

/** Whether the move needs a reason: every move but starting the review (it has a default one). */
export function needsReason(from: IdeaState, to: IdeaState): boolean {
  return !(from === "received" && to === "in_review");
}
