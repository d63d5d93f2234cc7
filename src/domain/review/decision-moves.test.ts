import { describe, expect, test } from "vitest";
import { fieldsOfMove, isDecision, movesFrom, needsReason } from "./decision-moves.ts";

describe("the moves the idea page offers", () => {
  test("a reviewer may only start the review; a coordinator also links a duplicate", () => {
    expect(movesFrom("received", { coordinator: false, decisionPending: false })).toEqual([
      "in_review",
    ]);
    expect(movesFrom("received", { coordinator: true, decisionPending: false })).toEqual([
      "in_review",
      "duplicate",
    ]);
  });

  test("only a coordinator marks an idea assessed and decides, the five decisions and a reopening", () => {
    expect(movesFrom("in_review", { coordinator: false, decisionPending: false })).toEqual([]);
    expect(movesFrom("in_review", { coordinator: true, decisionPending: false })).toEqual([
      "assessed",
      "duplicate",
    ]);
    expect(movesFrom("assessed", { coordinator: true, decisionPending: false })).toEqual([
      "accepted",
      "parked",
      "declined",
      "forwarded",
      "duplicate",
      "in_review",
    ]);
  });

  test("the later states follow one another, and nothing moves while a decision waits for release", () => {
    expect(movesFrom("accepted", { coordinator: true, decisionPending: false })).toEqual([
      "in_development",
    ]);
    expect(movesFrom("in_development", { coordinator: true, decisionPending: false })).toEqual([
      "implemented",
    ]);
    expect(movesFrom("implemented", { coordinator: true, decisionPending: false })).toEqual([
      "spread",
    ]);
    expect(movesFrom("spread", { coordinator: true, decisionPending: false })).toEqual([]);
    expect(movesFrom("accepted", { coordinator: true, decisionPending: true })).toEqual([]);
    // A duplicate goes back to review only by unlinking.
    expect(movesFrom("duplicate", { coordinator: true, decisionPending: false })).toEqual([]);
  });

  test("each move names the fields it needs; only starting the review needs no reason", () => {
    expect(isDecision("accepted")).toBe(true);
    expect(isDecision("assessed")).toBe(false);
    expect(fieldsOfMove("declined")).toEqual(["message"]);
    expect(fieldsOfMove("duplicate")).toEqual(["message", "duplicate_of"]);
    expect(fieldsOfMove("forwarded")).toEqual(["message", "forwarded_to", "follow_up_on"]);
    expect(fieldsOfMove("spread")).toEqual(["municipalities"]);
    expect(fieldsOfMove("assessed")).toEqual([]);
    expect(needsReason("received", "in_review")).toBe(false);
    expect(needsReason("assessed", "in_review")).toBe(true);
  });
});
