import type { NetlifyDev } from "@netlify/dev";
import { readdir } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Config } from "@netlify/functions";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startNetlifyDev } from "../../scripts/serve.ts";
import { securityHeaders } from "../../src/server/http/security-headers.ts";
import { validIdea } from "../support/ideas.ts";
import { startLocalSupabase, type TestSupabase } from "../support/local-supabase.ts";

/*
 * One routing test per endpoint through Netlify's own local request chain (`NetlifyDev.handle`):
 * that each path reaches its function with the method, headers and body intact, that netlify.toml's
 * rewrites hold, and that each function's rate limit is configured. Everything else about the
 * endpoints is tested in-process (tests/support/functions.ts), because Netlify's local runtime
 * starts a worker for every request.
 */

let local: TestSupabase;
let netlifyDev: NetlifyDev;

beforeAll(async () => {
  local = await startLocalSupabase();
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = local.publishableKey;
  delete process.env.SUPABASE_SECRET_KEY;
  netlifyDev = await startNetlifyDev();
  // The first request through the chain builds every function (over twenty); on a busy two-core
  // machine that alone can pass a test's 30 s, so it is paid here, with time to spare.
  await netlifyDev.handle(new Request("http://localhost/api/health"));
}, 180_000);

afterAll(async () => {
  await netlifyDev?.stop();
  await local?.stop();
});

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await netlifyDev.handle(new Request(`http://localhost${path}`, init));
  if (!response) throw new Error(`${path} matched nothing`);
  return response;
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "Content-Type": "application/json", ...headers },
});

function expectOurHeaders(response: Response) {
  for (const [name, value] of Object.entries(securityHeaders)) {
    expect(response.headers.get(name), name).toBe(value);
  }
}

describe("routing through Netlify's request chain", () => {
  // The first request through the chain builds every function (29 of them), cold: 30–40 s on
  // these machines while other work runs, more than the suite's 30 s default.
  test("GET /api/health reaches the health function", { timeout: 120_000 }, async () => {
    const response = await send("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
    expectOurHeaders(response);
  });

  test("POST /api/ideas reaches the submission function with its headers and body", async () => {
    const response = await send(
      "/api/ideas",
      json(validIdea(), { "Idempotency-Key": crypto.randomUUID() }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ reference: expect.stringMatching(/^IS-/) });
    expectOurHeaders(response);
  });

  test("POST /api/ideas/similar reaches the hint function", async () => {
    const response = await send("/api/ideas/similar", json({ text: "Matsvinn i skolan" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ideas: expect.any(Array) });
  });

  test("POST /api/status and /api/status/reply reach the status functions", async () => {
    const status = await send("/api/status", json({ token: "A".repeat(43) }));
    expect(status.status).toBe(404);
    expect(await status.json()).toMatchObject({ error: "not_found" });
    const reply = await send("/api/status/reply", json({ token: "A".repeat(43), body: "Svar" }));
    expect(reply.status).toBe(404);
  });

  test("/tack/?ref= and /en/thanks/?ref= are rewritten to the receipt function", async () => {
    const swedish = await send("/tack/?ref=IS-2026-0042");
    expect(swedish.status).toBe(200);
    expect(await swedish.text()).toContain('<strong id="receipt-reference">IS-2026-0042</strong>');
    const english = await send("/en/thanks/?ref=IS-2026-0042");
    expect(await english.text()).toContain('<html lang="en">');
    const direct = await send("/api/receipt/sv?ref=IS-2026-0042");
    expect(direct.status).toBe(200);
  });

  test("POST /api/auth/login reaches the sign-in function with its body", async () => {
    const response = await send("/api/auth/login", json({ email: "granskare.skovde@example.se" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ fields: { password: "Skriv ditt lösenord." } });
    expectOurHeaders(response);
  });

  test("POST /api/auth/magic-link reaches the sign-in link function", async () => {
    const response = await send("/api/auth/magic-link", json({ email: "inte en adress" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "invalid" });
  });

  test("GET /api/auth/callback reaches the link callback, which redirects with Auth's error", async () => {
    const response = await send("/api/auth/callback?error=access_denied&error_code=otp_expired");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/granska/logga-in/?meddelande=link_expired");
  });

  test("POST /api/auth/logout reaches the sign-out function, and its Set-Cookie comes through", async () => {
    const response = await send("/api/auth/logout", {
      ...json({}),
      headers: { "Content-Type": "application/json", Cookie: "__Host-sb-session=gammal" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()).toEqual([
      "__Host-sb-session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
    ]);
  });

  test("GET /api/auth/session reaches the session function: 401 without a session", async () => {
    const response = await send("/api/auth/session");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthenticated", reason: "none" });
    expectOurHeaders(response);
  });

  describe("the reviewer workspace's endpoints, signed in", () => {
    // One sign-in through the chain; every request after it carries the session cookies. An idea
    // that does not exist answers 404 from the database: the path, its :reference and the body
    // reached the function and the function reached `api`.
    let cookie = "";
    const missing = "/api/review/ideas/IS-2099-0001";
    const signedIn = (init: RequestInit & { body?: string } = {}) => ({
      ...init,
      headers: { "Content-Type": "application/json", Cookie: cookie },
    });
    const notFound = { error: "not_found", rule: "not_found" };

    beforeAll(async () => {
      // Signing in counts the attempt in the database's throttle, with the secret key.
      process.env.SUPABASE_SECRET_KEY = local.secretKey;
      const response = await send(
        "/api/auth/login",
        json({ email: "samordnare@example.se", password: "Innovation-2026!" }),
      );
      expect(response.status).toBe(200);
      cookie = response.headers
        .getSetCookie()
        .map((line) => line.split(";")[0])
        .join("; ");
    });

    afterAll(() => {
      delete process.env.SUPABASE_SECRET_KEY;
    });

    test("GET /api/review/criteria reaches the criteria function", async () => {
      const response = await send("/api/review/criteria", signedIn());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ criteria: [{ slug: "nytta" }, {}, {}] });
      expectOurHeaders(response);
    });

    test("GET /api/review/ideas/:reference/assessment/history reaches the history function", async () => {
      const response = await send(`${missing}/assessment/history`, signedIn());
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject(notFound);
      expectOurHeaders(response);
    });

    test("GET /api/review/reviewers?reference= reaches the reviewers function", async () => {
      const response = await send("/api/review/reviewers?reference=IS-2099-0001", signedIn());
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject(notFound);
    });

    test.each([
      [
        "PUT",
        "assessment",
        { scores: [{ criterion: "nytta", score: 3, comment: "Ok." }], recommendation: "vidare" },
      ],
      ["POST", "conflict-of-interest", { has_conflict: false }],
      ["POST", "state", { to: "in_review", expected: "received" }],
      [
        "POST",
        "assignments",
        { reviewer_id: "00000000-0000-4000-a000-000000000002", due_on: "2099-01-01" },
      ],
      ["POST", "notes", { body: "En anteckning." }],
      ["POST", "questions", { question: "En fråga?", expected: "in_review" }],
      ["POST", "release", {}],
      ["POST", "unlink", { expected: "duplicate", reason: "Olika idéer." }],
      ["PUT", "publication", { public_summary: "En sammanfattning." }],
      ["DELETE", "publication", undefined],
      ["POST", "interest", { kind: "join", municipality: "1496" }],
      ["DELETE", "interest", { kind: "join", municipality: "1496" }],
      ["POST", "sharing", { shared: true }],
    ])(
      "%s /api/review/ideas/:reference/%s reaches its function with the body",
      async (method, action, body) => {
        const response = await send(
          `${missing}/${action}`,
          signedIn({ method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
        );
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject(notFound);
      },
    );

    test("GET /api/review/follow-ups and /api/review/overview reach the coordinator's lists", async () => {
      const followUps = await send("/api/review/follow-ups?within_days=30", signedIn());
      expect(followUps.status).toBe(200);
      expect(await followUps.json()).toMatchObject({ within_days: 30, items: expect.any(Array) });
      const overview = await send("/api/review/overview", signedIn());
      expect(overview.status).toBe(200);
      expect(await overview.json()).toMatchObject({ funnel: expect.any(Array) });
      expectOurHeaders(overview);
    });

    test("the publication and interest addresses answer only their two methods", async () => {
      const response = await send(
        `${missing}/publication`,
        signedIn({ method: "POST", body: "{}" }),
      );
      expect(response.status).toBe(405);
      expect(response.headers.get("Allow")).toBe("PUT, DELETE");
      const interest = await send(`${missing}/interest`, signedIn({ method: "PUT", body: "{}" }));
      expect(interest.status).toBe(405);
      expect(interest.headers.get("Allow")).toBe("POST, DELETE");
    });

    test("DELETE /api/review/ideas/:reference/assignments/:reviewer reaches the unassign function", async () => {
      const response = await send(
        `${missing}/assignments/00000000-0000-4000-a000-000000000002`,
        signedIn({ method: "DELETE" }),
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject(notFound);
    });

    test("GET /api/review/ideas reaches the queue function with its query", async () => {
      const response = await send("/api/review/ideas?state=in_review&limit=2", signedIn());
      expect(response.status).toBe(200);
      const page = (await response.json()) as { ideas: { state: string }[]; total: number };
      expect(page.ideas.map((idea) => idea.state)).toEqual(["in_review", "in_review"]);
      expectOurHeaders(response);
    });

    test("GET /api/review/ideas/:reference reaches the idea function, not the queue's", async () => {
      const response = await send(missing, signedIn());
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject(notFound);
      // Only GET at this path: other methods get 405 from the idea function.
      const post = await send(missing, signedIn({ method: "POST", body: "{}" }));
      expect(post.status).toBe(405);
      expect(post.headers.get("Allow")).toBe("GET, HEAD");
    });
  });

  test("the operations endpoints (/api/admin/*) are reached: 401 without a session", async () => {
    for (const [path, init] of [
      ["/api/admin/personal-data?email=anna%40skovde.se", {}],
      ["/api/admin/personal-data/decisions", json({ email: "anna@skovde.se" })],
      ["/api/admin/dead-emails", {}],
      ["/api/admin/dead-emails/42/retry", json({})],
      ["/api/admin/gallring", {}],
    ] as const) {
      const response = await send(path, init);
      expect(response.status, path).toBe(401);
      expect(await response.json(), path).toMatchObject({
        error: "unauthenticated",
        reason: "none",
      });
      expectOurHeaders(response);
    }
  });

  test("a POST from another site is refused by Netlify's chain as in-process (Sec-Fetch-Site)", async () => {
    const response = await send(
      "/api/ideas",
      json(validIdea(), { "Idempotency-Key": crypto.randomUUID(), "Sec-Fetch-Site": "cross-site" }),
    );
    expect(response.status).toBe(403);
  });
});

describe("the functions' configuration", () => {
  test("the scheduled jobs have their schedules and no path", async () => {
    const schedules: Record<string, unknown> = {};
    for (const job of ["outbox-sender", "gallring", "weekly-digest"]) {
      const { config } = (await import(`../../netlify/functions/${job}.ts`)) as { config: Config };
      expect(config.path, job).toBeUndefined();
      schedules[job] = config.schedule;
    }
    expect(schedules).toEqual({
      "outbox-sender": "* * * * *",
      gallring: "30 1 * * *",
      "weekly-digest": "0 6 * * 1",
    });
  });

  test("every endpoint that changes state has a per-client rate limit in the array form", async () => {
    const dir = new URL("../../netlify/functions/", import.meta.url);
    const limits: Record<string, unknown> = {};
    for (const file of (await readdir(dir)).sort()) {
      const { config } = (await import(pathToFileURL(`${dir.pathname}${file}`).href)) as {
        config?: Config;
      };
      if (config?.path && config.rateLimit) limits[String(config.path)] = config.rateLimit;
    }
    // A plain string in aggregateBy silently means per domain only (stack-facts 2.1).
    expect(limits).toEqual({
      "/api/auth/login": { windowLimit: 20, windowSize: 60, aggregateBy: ["ip", "domain"] },
      "/api/auth/logout": { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
      "/api/auth/magic-link": { windowLimit: 5, windowSize: 60, aggregateBy: ["ip", "domain"] },
      "/api/admin/dead-emails/:id/retry": {
        windowLimit: 30,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/admin/personal-data/decisions": {
        windowLimit: 20,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/ideas": { windowLimit: 10, windowSize: 60, aggregateBy: ["ip", "domain"] },
      "/api/ideas/similar": { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
      "/api/status": { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
      "/api/status/reply": { windowLimit: 10, windowSize: 60, aggregateBy: ["ip", "domain"] },
      "/api/review/ideas/:reference/assessment": {
        windowLimit: 120,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/assignments": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/assignments/:reviewer": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/conflict-of-interest": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/interest": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/notes": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/publication": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/questions": {
        windowLimit: 30,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/release": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/sharing": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/state": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
      "/api/review/ideas/:reference/unlink": {
        windowLimit: 60,
        windowSize: 60,
        aggregateBy: ["ip", "domain"],
      },
    });
  });
});
