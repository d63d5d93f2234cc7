import { describe, expect, test } from "vitest";
import { idleState, minutesLeft, warningLeadMs } from "./idle-clock.ts";

describe("the idle clock", () => {
  const end = 1_000_000_000;

  test("warns two minutes before the end and ends at it", () => {
    expect(idleState(end, end - 30 * 60_000)).toEqual({ kind: "active", warnInMs: 28 * 60_000 });
    expect(idleState(end, end - warningLeadMs)).toEqual({
      kind: "warning",
      endsInMs: warningLeadMs,
    });
    expect(idleState(end, end - 1)).toEqual({ kind: "warning", endsInMs: 1 });
    expect(idleState(end, end)).toEqual({ kind: "ended" });
  });

  test("counts whole minutes up, never below one", () => {
    expect(minutesLeft(120_000)).toBe(2);
    expect(minutesLeft(61_000)).toBe(2);
    expect(minutesLeft(5_000)).toBe(1);
  });
});
