import type { NetlifyDev } from "@netlify/dev";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { securityHeaders } from "../../src/server/http/security-headers.ts";
import { startNetlifyDev } from "../../scripts/serve.ts";

let netlifyDev: NetlifyDev;

beforeAll(async () => {
  netlifyDev = await startNetlifyDev();
});

afterAll(async () => {
  await netlifyDev?.stop();
});

async function request(method: string): Promise<Response> {
  const response = await netlifyDev.handle(new Request("http://localhost/api/health", { method }));
  if (!response) throw new Error("/api/health matched no function");
  return response;
}

describe("GET /api/health", () => {
  test("answers 200 with the app version and the server time as JSON", async () => {
    const before = Date.now();
    const response = await request("GET");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { status: string; version: string; time: string };
    expect(body.status).toBe("ok");
    expect(body.version).toBe(packageJson.version);
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
});
