import { readdir } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Config } from "@netlify/functions";
import { describe, expect, inject, test } from "vitest";

/*
 * AS-08 on the production build (`npm run build` + `npm run serve`, as the e2e setup serves it): a
 * request from another site's page – `Sec-Fetch-Site: cross-site`, with or without `Origin` – is
 * refused by every endpoint that changes state, before any work, as in-process and on the dev server.
 */

const idea = "/api/review/ideas/IS-2026-0001";

/**
 * Every function path, with a concrete address and the state-changing method it answers (if any);
 * `alsoDelete` for an address that answers DELETE too (publication, interest).
 */
const endpoints: Record<
  string,
  { address: string; method: "POST" | "PUT" | "DELETE" | null; alsoDelete?: true }
> = {
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
  "/api/review/ideas/:reference": { address: idea, method: null },
  "/api/review/criteria": { address: "/api/review/criteria", method: null },
  "/api/review/reviewers": {
    address: "/api/review/reviewers?reference=IS-2026-0001",
    method: null,
  },
  "/api/review/ideas/:reference/assessment": { address: `${idea}/assessment`, method: "PUT" },
  "/api/review/ideas/:reference/assessment/history": {
    address: `${idea}/assessment/history`,
    method: null,
  },
  "/api/review/ideas/:reference/conflict-of-interest": {
    address: `${idea}/conflict-of-interest`,
    method: "POST",
  },
  "/api/review/ideas/:reference/state": { address: `${idea}/state`, method: "POST" },
  "/api/review/ideas/:reference/assignments": { address: `${idea}/assignments`, method: "POST" },
  "/api/review/ideas/:reference/assignments/:reviewer": {
    address: `${idea}/assignments/00000000-0000-4000-a000-000000000002`,
    method: "DELETE",
  },
  "/api/review/ideas/:reference/notes": { address: `${idea}/notes`, method: "POST" },
  "/api/review/ideas/:reference/questions": { address: `${idea}/questions`, method: "POST" },
  "/api/admin/personal-data": { address: "/api/admin/personal-data", method: null },
  "/api/admin/personal-data/decisions": {
    address: "/api/admin/personal-data/decisions",
    method: "POST",
  },
  "/api/admin/dead-emails": { address: "/api/admin/dead-emails", method: null },
  "/api/admin/dead-emails/:id/retry": { address: "/api/admin/dead-emails/1/retry", method: "POST" },
  "/api/admin/gallring": { address: "/api/admin/gallring", method: null },
  "/api/admin/reviewers": { address: "/api/admin/reviewers", method: null },
  "/api/admin/reviewers/:id": {
    address: "/api/admin/reviewers/00000000-0000-4000-a000-000000000003",
    method: "POST",
  },
  "/api/admin/invitations": { address: "/api/admin/invitations", method: "POST" },
  "/api/admin/criteria": { address: "/api/admin/criteria", method: null },
  "/api/admin/criteria/:slug/versions": {
    address: "/api/admin/criteria/nytta/versions",
    method: "POST",
  },
  "/api/admin/places": { address: "/api/admin/places", method: null },
  "/api/admin/municipalities": { address: "/api/admin/municipalities", method: "POST" },
  "/api/admin/areas": { address: "/api/admin/areas", method: "POST" },
  "/api/auth/welcome": { address: "/api/auth/welcome", method: "POST" },
  "/api/admin/exports/ideas.csv": { address: "/api/admin/exports/ideas.csv", method: null },
  "/api/admin/exports/ideas.xlsx": { address: "/api/admin/exports/ideas.xlsx", method: null },
  "/api/admin/audit": { address: "/api/admin/audit", method: null },
  "/api/review/ideas/:reference/release": { address: `${idea}/release`, method: "POST" },
  "/api/review/ideas/:reference/unlink": { address: `${idea}/unlink`, method: "POST" },
  "/api/review/ideas/:reference/publication": {
    address: `${idea}/publication`,
    method: "PUT",
    alsoDelete: true,
  },
  "/api/review/ideas/:reference/interest": {
    address: `${idea}/interest`,
    method: "POST",
    alsoDelete: true,
  },
  "/api/review/ideas/:reference/sharing": { address: `${idea}/sharing`, method: "POST" },
  "/api/review/follow-ups": { address: "/api/review/follow-ups", method: null },
  "/api/review/overview": { address: "/api/review/overview", method: null },
};

describe("requests from another site on the production build", () => {
  // It imports every function module, cold, through Vite: some 25 s for 21 functions (now 29) on these
  // machines while other work runs, more than the suite's 30 s default leaves to spare.
  test("the table above names every function path", { timeout: 120_000 }, async () => {
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

  const stateChanging = Object.entries(endpoints).flatMap(
    ([path, { address, method, alsoDelete }]) => [
      ...(method ? [{ path, address, method }] : []),
      ...(alsoDelete ? [{ path, address, method: "DELETE" as const }] : []),
    ],
  );
  for (const { path, address, method } of stateChanging) {
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
