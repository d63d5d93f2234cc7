import { describe, expect, test } from "vitest";
import { DatabaseBug, type DatabaseFailure } from "../http/database-error.ts";
import { refusalResponse } from "./refusal-response.ts";
import { camelCaseKeys } from "./camel-case.ts";

const request = new Request("http://localhost/api/review/ideas", {
  headers: { Cookie: "__Host-sb-session=gammal" },
});
const answer = async (failure: DatabaseFailure, fields?: Record<string, string>) => {
  const response = refusalResponse(failure, { request, functionName: "list_review_queue", fields });
  return { status: response.status, headers: response.headers, body: await response.json() };
};
const refusal = (kind: "not_found" | "conflict" | "invalid" | "forbidden" | "throttled") => ({
  kind,
  facts: {},
});

describe("the review endpoints' answer to a refusal from the database", () => {
  test("not found or out of scope: 404, one message for both", async () => {
    expect(
      await answer({ ...refusal("not_found"), code: "PT404", rule: "not_found" }),
    ).toMatchObject({
      status: 404,
      body: {
        error: "not_found",
        message: "Idén finns inte, eller så har du inte behörighet att se den.",
      },
    });
  });

  test("invalid: 422 naming the field as the request named it", async () => {
    const failure = { ...refusal("invalid"), code: "IS002", rule: "too_long", field: "search" };
    expect((await answer(failure, { search: "q" })).body).toEqual({
      error: "invalid",
      field: "q",
      message: "Sökningen får vara högst 200 tecken.",
    });
    expect((await answer(failure)).body).toMatchObject({ field: "search" });
  });

  test("someone changed it first: 409 with the current state", async () => {
    const failure = {
      ...refusal("conflict"),
      code: "PT409",
      rule: "stale_state",
      facts: { current: "in_review" },
    };
    expect(await answer(failure)).toMatchObject({
      status: 409,
      body: {
        error: "conflict",
        current: "in_review",
        message:
          "Idén har redan ändrats av någon annan och är nu ”under bedömning”. Ladda om sidan och försök igen.",
      },
    });
  });

  test("not allowed: 403; too many: 429", async () => {
    expect(
      await answer({ ...refusal("forbidden"), code: "42501", rule: "coordinator_only" }),
    ).toMatchObject({
      status: 403,
      body: { error: "forbidden", message: "Bara en samordnare får göra det här." },
    });
    expect(
      (await answer({ ...refusal("throttled"), code: "PT429", rule: "too_many" })).status,
    ).toBe(429);
  });

  test("unavailable: 503 with Retry-After", async () => {
    const { status, headers, body } = await answer({ kind: "unavailable" });
    expect(status).toBe(503);
    expect(headers.get("Retry-After")).toBe("30");
    expect(body).toEqual({
      error: "unavailable",
      message: "Granskningen går inte att nå just nu. Försök igen om en liten stund.",
    });
  });

  test("a token the database does not accept: 401 like the session's, cookies deleted", async () => {
    const { status, headers, body } = await answer({ kind: "unauthenticated", code: "PGRST301" });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: "unauthenticated", reason: "ended" });
    expect(headers.getSetCookie()).toEqual([
      "__Host-sb-session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
    ]);
  });

  test("anything else is a bug, thrown for the generic 500", () => {
    expect(() =>
      refusalResponse(
        { kind: "bug", code: "42883", message: "function does not exist" },
        { request, functionName: "list_review_queue" },
      ),
    ).toThrow(DatabaseBug);
  });
});

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
