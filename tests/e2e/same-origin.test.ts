import { readdir } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Config } from "@netlify/functions";
import { describe, expect, inject, test } from "vitest";

/*
 * AS-08 on the production build (`npm run build` + `npm run serve`, as the e2e setup serves it): a
 * request from another site's page – `Sec-Fetch-Site: cross-site`, with or without `Origin` – is
 * refused by every endpoint that changes state, before any work, as in-process and on the dev server.
 */

/** Every function path, with a concrete address and the state-changing method it answers (if any). */
const endpoints: Record<string, { address: string; method: "POST" | "PUT" | null }> = {
  "/api/health": { address: "/api/health", method: null },
  "/api/receipt/:locale": { address: "/api/receipt/sv", method: null },
  "/api/ideas": { address: "/api/ideas", method: "POST" },
  "/api/ideas/similar": { address: "/api/ideas/similar", method: "POST" },
  "/api/status": { address: "/api/status", method: "POST" },
  "/api/status/reply": { address: "/api/status/reply", method: "POST" },
  "/api/auth/login": { address: "/api/auth/login", method: "POST" },
  "/api/auth/magic-link": { address: "/api/auth/magic-link", method: "POST" },
  "/api/auth/logout": { address: "/api/auth/logout", method: "POST" },
  "/api/auth/callback": { address: "/api/auth/callback", method: null },
  "/api/auth/session": { address: "/api/auth/session", method: null },
  "/api/review/ideas": { address: "/api/review/ideas", method: null },
  "/api/review/ideas/:reference": { address: "/api/review/ideas/IS-2026-0001", method: null },
};

describe("requests from another site on the production build", () => {
  test("the table above names every function path", async () => {
    const dir = new URL("../../netlify/functions/", import.meta.url);
    const paths: string[] = [];
    for (const file of await readdir(dir)) {
      const { config } = (await import(pathToFileURL(`${dir.pathname}${file}`).href)) as {
        config?: Config;
      };
      if (config?.path) paths.push(...[config.path].flat());
    }
    expect(paths.sort()).toEqual(Object.keys(endpoints).sort());
  });

  for (const [path, { address, method }] of Object.entries(endpoints)) {
    if (!method) continue;
    test(`${method} ${path} with Sec-Fetch-Site: cross-site and no Origin is refused with 403`, async () => {
      const baseUrl = inject("baseUrl");
      const crossSite = await fetch(`${baseUrl}${address}`, {
        method,
        headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" },
        body: JSON.stringify({ text: "Matsvinn", token: "A".repeat(43) }),
      });
      expect(crossSite.status).toBe(403);
      expect(await crossSite.json()).toMatchObject({ error: "forbidden_origin" });
      const withOrigin = await fetch(`${baseUrl}${address}`, {
        method,
        headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
        body: "{}",
      });
      expect(withOrigin.status).toBe(403);
      // The allow twin: the same request from the site's own page gets past the guard.
      const sameOrigin = await fetch(`${baseUrl}${address}`, {
        method,
        headers: {
          "Content-Type": "application/json",
          "Sec-Fetch-Site": "same-origin",
          Origin: baseUrl,
        },
        body: JSON.stringify({ text: "Matsvinn", token: "A".repeat(43) }),
      });
      expect(sameOrigin.status).not.toBe(403);
    });
  }
});
