import { describe, expect, test } from "vitest";
import { callDatabase, classifyDatabaseError } from "./database-error.ts";

describe("classifyDatabaseError", () => {
  test("the database not being there is 'unavailable', whatever the detail", () => {
    for (const [code, status] of [
      ["", 0],
      ["PGRST001", 503],
      ["08006", 400],
      ["57P01", 400],
      ["53300", 400],
      ["XX000", 502],
    ] as const) {
      expect(classifyDatabaseError({ code, message: "" }, status), `${code} ${status}`).toEqual({
        kind: "unavailable",
      });
    }
  });

  test("reads the code, the rule key and the field or facts (decision 0007)", () => {
    expect(
      classifyDatabaseError({ code: "IS002", message: "too_long", details: "title" }, 400),
    ).toEqual({
      kind: "invalid",
      code: "IS002",
      rule: "too_long",
      field: "title",
      facts: {},
    });
    expect(
      classifyDatabaseError(
        { code: "PT409", message: "stale_state", details: '{"current": "in_review"}' },
        409,
      ),
    ).toEqual({
      kind: "conflict",
      code: "PT409",
      rule: "stale_state",
      facts: { current: "in_review" },
    });
    expect(classifyDatabaseError({ code: "PT404", message: "not_found" }, 404)).toMatchObject({
      kind: "not_found",
    });
    expect(classifyDatabaseError({ code: "42501", message: "not_reviewer" }, 403)).toMatchObject({
      kind: "forbidden",
      rule: "not_reviewer",
    });
    expect(classifyDatabaseError({ code: "PT429", message: "too_many" }, 429)).toMatchObject({
      kind: "throttled",
    });
    expect(classifyDatabaseError({ code: "PGRST303", message: "JWT expired" }, 401)).toEqual({
      kind: "unauthenticated",
      code: "PGRST303",
    });
  });

  test("a value PostgreSQL cannot store is the caller's input, never a bug", () => {
    expect(
      classifyDatabaseError({ code: "22P05", message: "unsupported Unicode" }, 400),
    ).toMatchObject({
      kind: "invalid",
      rule: "unstorable",
    });
  });

  test("anything else is a bug, with its code kept for the log", () => {
    expect(classifyDatabaseError({ code: "42883", message: "function missing" }, 404)).toEqual({
      kind: "bug",
      code: "42883",
      message: "function missing",
    });
  });
});

describe("callDatabase", () => {
  test("a network failure or a timeout is 'unavailable'", async () => {
    expect(await callDatabase(Promise.reject(new TypeError("fetch failed")))).toEqual({
      ok: false,
      failure: { kind: "unavailable" },
    });
    expect(
      await callDatabase(Promise.reject(new DOMException("timed out", "TimeoutError"))),
    ).toEqual({ ok: false, failure: { kind: "unavailable" } });
  });

  test("passes data through and rethrows a programming error", async () => {
    expect(await callDatabase(Promise.resolve({ data: [1], error: null, status: 200 }))).toEqual({
      ok: true,
      data: [1],
    });
    await expect(callDatabase(Promise.reject(new RangeError("bug")))).rejects.toThrow("bug");
  });
});
