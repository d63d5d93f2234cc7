import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { validIdea } from "../support/ideas.ts";
import {
  startFunctionsStack,
  type FunctionRouter,
  type FunctionsStack,
} from "../support/functions.ts";

/*
 * Issue 16 "Observability": every function logs one structured line per request, and never
 * personal data or text a person typed. Real requests carrying an e-mail address, a name and
 * distinctive text go through the functions – accepted, refused, failing on the database and
 * failing with a bug – while every log line is captured; none may contain any of them.
 */

let stack: FunctionsStack;
let functions: FunctionRouter;
const lines: string[] = [];

const email = `logg.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
const name = "Loggvig Hemlighetsson";
const words = "Krokodilsallad på onsdagar";
const secretText = `${words} gör personalrummet trivsammare.`;

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  functions = stack.functions;
  for (const method of ["info", "warn", "error", "log"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await stack?.stop();
});

async function send(path: string, body: string, headers: Record<string, string>) {
  const response = await functions.handle(
    new Request(`http://localhost${path}`, { method: "POST", body, headers }),
  );
  if (!response) throw new Error(`${path} matched no function`);
  return response;
}

const json = { "Content-Type": "application/json" };

describe("what the functions log", () => {
  test("no log line holds an e-mail address, a name or a submitted text", async () => {
    const idea = validIdea({
      title: words,
      problem: secretText,
      proposal: secretText,
      bearer_email: email,
      bearer_name: name,
    });
    // Accepted, as JSON and as a form post.
    const received = await send("/api/ideas", JSON.stringify(idea), {
      ...json,
      "Idempotency-Key": crypto.randomUUID(),
    });
    expect(received.status).toBe(201);
    const token = ((await received.json()) as { statusUrl: string }).statusUrl.split("#")[1]!;
    // Refused by the schema and by the database (a domain outside the municipalities).
    expect(
      (
        await send("/api/ideas", JSON.stringify({ ...idea, title: "" }), {
          ...json,
          "Idempotency-Key": crypto.randomUUID(),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await send(
          "/api/ideas",
          JSON.stringify({ ...idea, bearer_email: `${email.split("@")[0]}@gmail.com` }),
          { ...json, "Idempotency-Key": crypto.randomUUID() },
        )
      ).status,
    ).toBe(422);
    // The hint, the status page and a reply.
    await send("/api/ideas/similar", JSON.stringify({ title: words, text: secretText }), json);
    await send("/api/status", JSON.stringify({ token }), json);
    await send("/api/status/reply", JSON.stringify({ token, body: secretText }), json);
    // A sign-in attempt with the address, which fails.
    await send("/api/auth/login", JSON.stringify({ email, password: secretText }), json);
    // The database unreachable.
    const working = process.env.SUPABASE_URL;
    process.env.SUPABASE_URL = "http://127.0.0.1:9";
    try {
      expect(
        (
          await send("/api/ideas", JSON.stringify(idea), {
            ...json,
            "Idempotency-Key": crypto.randomUUID(),
          })
        ).status,
      ).toBe(503);
    } finally {
      process.env.SUPABASE_URL = working;
    }
    // A search in the address (a query string is never logged).
    await functions.handle(
      new Request(`http://localhost/api/health?q=${encodeURIComponent(email)}`),
    );
    await functions.settle();

    expect(lines.length).toBeGreaterThan(8);
    const logged = lines.join("\n");
    for (const secret of [email, email.split("@")[0]!, name, words, "Krokodil", "@skovde.se"]) {
      expect(logged, secret).not.toContain(secret);
    }
  });

  test("each request is one JSON line with the request id, path, status and duration", () => {
    const requests = lines
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return null;
        }
      })
      .filter((line) => line?.event === "request");
    expect(requests.length).toBeGreaterThanOrEqual(8);
    for (const line of requests) {
      expect(line).toMatchObject({
        level: "info",
        requestId: expect.any(String),
        method: expect.stringMatching(/^(GET|POST)$/),
        path: expect.stringMatching(/^\/api\//),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
    }
  });
});
