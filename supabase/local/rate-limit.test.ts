import { describe, expect, test } from "vitest";
import { RateLimiter } from "./rate-limit.ts";

describe("RateLimiter", () => {
  test("allows `limit` requests per window and refuses the next until the window has passed", () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    expect([1, 2, 3].map(() => limiter.take("ip", 2, 60))).toEqual([true, true, false]);
    now = 59_999;
    expect(limiter.take("ip", 2, 60)).toBe(false);
    now = 60_000;
    expect(limiter.take("ip", 2, 60)).toBe(true);
  });

  test("counts each key on its own", () => {
    const limiter = new RateLimiter(() => 0);
    expect(limiter.take("a", 1, 60)).toBe(true);
    expect(limiter.take("b", 1, 60)).toBe(true);
    expect(limiter.take("a", 1, 60)).toBe(false);
  });
});
