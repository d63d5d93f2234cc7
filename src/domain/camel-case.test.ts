import { describe, expect, test } from "vitest";
import { camelCaseKeys } from "./camel-case.ts";

describe("the database's keys in camelCase", () => {
  test("renames keys at every depth and never touches values", () => {
    expect(
      camelCaseKeys({
        received_at: "x",
        items: [{ due_on: null, assigned_to_me: true, title: "snake_case_i_texten" }],
        counts: null,
      }),
    ).toEqual({
      receivedAt: "x",
      items: [{ dueOn: null, assignedToMe: true, title: "snake_case_i_texten" }],
      counts: null,
    });
  });
});
