import { describe, expect, test } from "vitest";
import { fromDatabaseError, statusForSqlState } from "./postgrest-errors.ts";

describe("statusForSqlState (PostgREST's mapSQLtoHTTP)", () => {
  test.each([
    ["42501", false, 401],
    ["42501", true, 403],
    ["P0001", false, 400],
    ["P0002", false, 500],
    ["23505", false, 409],
    ["23503", false, 409],
    ["25006", false, 405],
    ["42883", false, 404],
    ["42P01", false, 404],
    ["42P17", false, 500],
    ["28000", false, 403],
    ["53100", false, 503],
    ["PT402", false, 402],
    ["PT418", true, 418],
    ["22P02", false, 400],
  ])("%s (signed in: %s) is %i", (code, authenticated, status) => {
    expect(statusForSqlState(code, "", authenticated)).toBe(status);
  });

  test("a role in the JWT that does not exist is 401", () => {
    expect(statusForSqlState("22023", 'role "admin" does not exist', true)).toBe(401);
    expect(statusForSqlState("22023", "invalid value", true)).toBe(400);
  });
});

describe("fromDatabaseError", () => {
  test("keeps PostgreSQL's message, detail and hint and asks anon to authenticate", () => {
    expect(
      fromDatabaseError(
        { code: "42501", message: "permission denied for function x", detail: "d", hint: "h" },
        false,
      ),
    ).toEqual({
      status: 401,
      body: { code: "42501", message: "permission denied for function x", details: "d", hint: "h" },
      headers: { "WWW-Authenticate": "Bearer" },
    });
  });

  test("raise sqlstate 'PGRST' controls status, body and headers", () => {
    const error = {
      code: "PGRST",
      message: '{"code": "123", "message": "Egen"}',
      detail: '{"status": 451, "headers": {"X-Reason": "lag"}}',
    };
    expect(fromDatabaseError(error, true)).toEqual({
      status: 451,
      body: { code: "123", message: "Egen", details: null, hint: null },
      headers: { "X-Reason": "lag" },
    });
  });

  test("a PGRST raise with invalid JSON is PostgREST's 500 PGRST121", () => {
    const result = fromDatabaseError({ code: "PGRST", message: "not json", detail: "" }, true);
    expect(result.status).toBe(500);
    expect(result.body.code).toBe("PGRST121");
  });
});
