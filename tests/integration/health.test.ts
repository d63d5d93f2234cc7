import { afterAll, beforeAll, describe, expect, test } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { securityHeaders } from "../../src/server/http/security-headers.ts";
import { createFunctionRouter, type FunctionRouter } from "../support/functions.ts";
import { startLocalSupabase, type TestSupabase } from "../support/local-supabase.ts";

let local: TestSupabase;
let functions: FunctionRouter;

beforeAll(async () => {
  local = await startLocalSupabase();
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = local.publishableKey;
  process.env.SUPABASE_SECRET_KEY = local.secretKey;
  functions = await createFunctionRouter();
});

afterAll(async () => {
  await local?.stop();
});

async function request(method: string): Promise<Response> {
  const response = await functions.handle(new Request("http://localhost/api/health", { method }));
  if (!response) throw new Error("/api/health matched no function");
  return response;
}

describe("GET /api/health", () => {
  test("answers 200 with the app version, the server time and a reachable database as JSON", async () => {
    const before = Date.now();
    const response = await request("GET");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as {
      status: string;
      version: string;
      time: string;
      database: string;
    };
    expect(body.status).toBe("ok");
    expect(body.version).toBe(packageJson.version);
    expect(body.database).toBe("ok");
    const time = Date.parse(body.time);
    expect(time).toBeGreaterThanOrEqual(before - 1000);
    expect(time).toBeLessThanOrEqual(Date.now() + 1000);
  });

  test("carries every security header", async () => {
    const response = await request("GET");
    for (const [name, value] of Object.entries(securityHeaders)) {
      expect(response.headers.get(name), name).toBe(value);
    }
  });

  test("refuses POST with 405, an Allow header and a Swedish message", async () => {
    const response = await request("POST");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.json()).toEqual({
      error: "method_not_allowed",
      message: "Metoden POST stöds inte här. Använd GET, HEAD.",
    });
  });

  // Last: it stops the database.
  test("answers 503 with database unavailable when the database does not answer, and no error detail", async () => {
    await local.stop();
    const response = await request("GET");
    expect(response.status).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      status: "degraded",
      version: packageJson.version,
      time: expect.any(String),
      database: "unavailable",
    });
  });
});
