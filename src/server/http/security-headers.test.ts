import { readFile } from "node:fs/promises";
import { parse } from "smol-toml";
import { describe, expect, test } from "vitest";
import { securityHeaders, withSecurityHeaders } from "./security-headers.ts";

describe("security headers", () => {
  test("withSecurityHeaders sets every header and replaces a weaker earlier value", () => {
    const response = new Response("{}", { headers: { "X-Frame-Options": "SAMEORIGIN" } });
    withSecurityHeaders(response);
    for (const [name, value] of Object.entries(securityHeaders)) {
      expect(response.headers.get(name), name).toBe(value);
    }
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  });

  test("the policy forbids inline scripts, framing and plugins", () => {
    const csp = securityHeaders["Content-Security-Policy"];
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  test("netlify.toml gives static pages exactly the same headers as functions get", async () => {
    const toml = parse(await readFile(new URL("../../../netlify.toml", import.meta.url), "utf8"));
    const rules = toml.headers as { for: string; values: Record<string, string> }[];
    const staticRule = rules.find((rule) => rule.for === "/*");
    expect(staticRule?.values).toEqual(securityHeaders);
  });
});
