import { describe, expect, test } from "vitest";
import { DatabaseBug, type DatabaseFailure } from "../http/database-error.ts";
import { invalidBodyResponse, refusalResponse } from "./refusal-response.ts";

const refusal = (
  kind: "not_found" | "conflict" | "invalid" | "forbidden" | "throttled",
  code: string,
  rule: string,
  extra: { field?: string; facts?: Record<string, unknown> } = {},
): DatabaseFailure => ({ kind, code, rule, facts: extra.facts ?? {}, field: extra.field });

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("refusalResponse", () => {
  test("answers a refusal outside the caller's scope with 404, like an idea that does not exist", async () => {
    expect(await answer(refusalResponse(refusal("not_found", "PT404", "not_found")))).toEqual({
      status: 404,
      body: {
        error: "not_found",
        rule: "not_found",
        message: "Idén finns inte, eller så har du inte behörighet att se den.",
      },
    });
  });

  test("names the body's field of an invalid input, renamed where the body calls it otherwise", async () => {
    const response = refusalResponse(
      refusal("invalid", "IS002", "missing", { field: "to_state" }),
      {
        fieldNames: { to_state: "to" },
      },
    );
    expect(await answer(response)).toEqual({
      status: 422,
      body: {
        error: "invalid",
        rule: "missing",
        field: "to",
        fields: { to: "Välj vilket läge idén ska få." },
        message: "Välj vilket läge idén ska få.",
      },
    });
  });

  test("reads a field in the action's own sense when it has one", async () => {
    const response = refusalResponse(refusal("invalid", "IS002", "missing", { field: "reason" }), {
      scope: "conflict_of_interest",
    });
    expect((await answer(response)).body.message).toBe(
      "Skriv varför du har jäv, till exempel att du känner idébäraren.",
    );
  });

  test("gives a stale state 409 with the current state and who changed it", async () => {
    const response = refusalResponse(
      refusal("conflict", "PT409", "stale_state", {
        facts: {
          current: "needs_info",
          changed_by: "Greta Granskare",
          changed_by_kind: "reviewer",
        },
      }),
    );
    expect(await answer(response)).toEqual({
      status: 409,
      body: {
        error: "conflict",
        rule: "stale_state",
        current: "needs_info",
        changed_by: "Greta Granskare",
        message:
          "Greta Granskare har redan ändrat idén, och den är nu ”komplettering begärd”. Ladda om sidan och försök igen.",
      },
    });
  });

  test("answers forbidden 403, throttled 429, unavailable 503 with Retry-After, and a lost session 401", async () => {
    expect(
      refusalResponse(
        refusal("forbidden", "42501", "coordinator_only", { facts: { action: "assign_reviewer" } }),
      ).status,
    ).toBe(403);
    expect(refusalResponse(refusal("throttled", "PT429", "too_many")).status).toBe(429);
    const unavailable = refusalResponse({ kind: "unavailable" });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("Retry-After")).toBe("30");
    expect(refusalResponse({ kind: "unauthenticated", code: "PGRST301" }).status).toBe(401);
  });

  test("throws an answer it does not know, for defineEndpoint's 500 with a request id", () => {
    expect(() =>
      refusalResponse(
        { kind: "bug", code: "42883", message: "no such function" },
        { fn: "save_assessment" },
      ),
    ).toThrow(DatabaseBug);
  });
});

describe("invalidBodyResponse", () => {
  test("gives the first problem and every field's first message", async () => {
    const response = invalidBodyResponse([
      { field: "scores.nytta.comment", message: "Skriv en kommentar till betyget." },
      { field: "recommendation", message: "Välj en rekommendation." },
      { field: "recommendation", message: "En annan text." },
    ]);
    expect(await answer(response)).toEqual({
      status: 422,
      body: {
        error: "invalid",
        field: "scores.nytta.comment",
        message: "Skriv en kommentar till betyget.",
        fields: {
          "scores.nytta.comment": "Skriv en kommentar till betyget.",
          recommendation: "Välj en rekommendation.",
        },
      },
    });
  });
});
