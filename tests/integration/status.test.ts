import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { validIdea } from "../support/ideas.ts";
import {
  startFunctionsStack,
  type FunctionRouter,
  type FunctionsStack,
} from "../support/functions.ts";

let functions: FunctionRouter;
let token: string;
let reference: string;

async function post(
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<Response> {
  const response = await functions.handle(
    new Request(`http://localhost${path}`, { method: "POST", body, headers }),
  );
  if (!response) throw new Error(`${path} matched no function`);
  return response;
}

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  post(path, JSON.stringify(body), { "Content-Type": "application/json", ...headers });

let stack: FunctionsStack;

beforeAll(async () => {
  stack = await startFunctionsStack();
  functions = stack.functions;
  const receipt = (await (
    await postJson("/api/ideas", validIdea({ title: "Gemensam lokalbokning" }), {
      "Idempotency-Key": crypto.randomUUID(),
    })
  ).json()) as { reference: string; statusUrl: string };
  reference = receipt.reference;
  token = receipt.statusUrl.split("#")[1]!;
});

afterAll(async () => {
  await stack?.stop();
});

const unknownLink = {
  error: "not_found",
  message: "Vi hittar ingen idé för den här länken. Kontrollera att du har kopierat hela länken.",
};

describe("POST /api/status", () => {
  test("the holder of the token sees the idea, its state, its timeline and their own text", async () => {
    const response = await postJson("/api/status", { token });
    expect(response.status).toBe(200);
    const status = (await response.json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      reference,
      title: "Gemensam lokalbokning",
      state: "received",
      municipality_name: "Skövde",
      problem: "Personalen lägger mycket tid på att hämta och lämna nycklar.",
      messages: [],
    });
    expect(status.timeline).toEqual([expect.objectContaining({ state: "received" })]);
    expect(JSON.stringify(status)).not.toContain("@skovde.se");
  });

  test("a wrong token and a malformed one get exactly the answer an unknown link gets", async () => {
    const wrong = await postJson("/api/status", { token: `${token.slice(0, -4)}AAAA` });
    const malformed = await postJson("/api/status", { token: "kort" });
    expect(wrong.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await wrong.json()).toEqual(unknownLink);
    expect(await malformed.json()).toEqual(unknownLink);
  });

  test("a form post gets the status page as HTML, with the token only in the reply form's body", async () => {
    const response = await post("/api/status", new URLSearchParams({ token }).toString(), {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    expect(page).toContain("<h1>Gemensam lokalbokning</h1>");
    expect(page).toContain(reference);
    expect(page).toContain("Inkommen");
  });

  test("a page from another site is refused (403)", async () => {
    expect(
      (await postJson("/api/status", { token }, { Origin: "https://evil.example" })).status,
    ).toBe(403);
  });

  test("with the database unreachable the answer is a clear 503", async () => {
    const working = process.env.SUPABASE_URL;
    process.env.SUPABASE_URL = "http://127.0.0.1:9";
    try {
      const response = await postJson("/api/status", { token });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
    } finally {
      process.env.SUPABASE_URL = working;
    }
  });
});

describe("POST /api/status/reply", () => {
  test("an empty answer is refused with the field's message and nothing is stored", async () => {
    const response = await postJson("/api/status/reply", { token, body: "   " });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "validation", message: "Skriv ditt svar." });
  });

  test("the bearer's answer is stored and shown in the conversation, without invisible control characters", async () => {
    const response = await postJson("/api/status/reply", {
      token,
      // PostgreSQL cannot store U+0000; the answer is cleaned, not refused with a 500.
      body: "Vi har redan ett bokningssystem\u0000 i Hjo.",
    });
    expect(response.status).toBe(200);
    const status = (await response.json()) as {
      messages: { direction: string; body: string }[];
      notice: string;
    };
    expect(status.notice).toBe("Tack! Ditt svar är skickat till granskarna.");
    expect(status.messages).toEqual([
      expect.objectContaining({
        direction: "from_bearer",
        body: "Vi har redan ett bokningssystem i Hjo.",
      }),
    ]);
  });

  test("an answer with an unknown token is refused like an unknown link", async () => {
    const response = await postJson("/api/status/reply", { token: "x".repeat(43), body: "Hej" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(unknownLink);
  });
});

describe("the status page in the bearer's language, with everything they wrote (issue 11)", () => {
  const pageFor = async (locale: "sv" | "en", path = "/api/status") => {
    const response = await post(path, new URLSearchParams({ token, locale }).toString(), {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(200);
    return (await response.text()).replace(/\s+/g, " ");
  };

  test("en: the page is English and shows every part of the idea under the form's own questions", async () => {
    const page = await pageFor("en");
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("<h2>What you wrote</h2>");
    for (const [question, answer] of [
      [
        "What problem or need have you seen?",
        "Personalen lägger mycket tid på att hämta och lämna nycklar.",
      ],
      ["What is your idea?", "Lås som öppnas med mobilen, så att nyckelknipporna försvinner."],
      ["Who benefits from the idea?", "Service users or patients"],
      ["What effects do you think the idea will have?", "Mer tid hos brukarna."],
      ["Has the idea been tried?", "No"],
      ["Workplace (optional)", "Hemtjänsten Norr"],
    ]) {
      expect(page).toContain(`<h3>${question}</h3>`);
      expect(page).toContain(answer);
    }
    // The language switch leads to the Swedish status page.
    expect(page).toContain('href="/status/" hreflang="sv" lang="sv"');
  });

  test("sv: the same page in Swedish", async () => {
    const page = await pageFor("sv");
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain("<h2>Det du skrev</h2>");
    expect(page).toContain("<h3>Vilka effekter tror du att idén får?</h3>");
    expect(page).toContain("Brukare eller patienter");
    expect(page).toContain('href="/en/status/" hreflang="en" lang="en"');
  });

  test("en: an unknown link and a refused answer are answered in English too", async () => {
    const unknown = await post(
      "/api/status",
      new URLSearchParams({ token: "A".repeat(43), locale: "en" }).toString(),
      { "Content-Type": "application/x-www-form-urlencoded" },
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("We cannot find an idea for this link");
    const empty = await postJson("/api/status/reply", { token, body: "  ", locale: "en" });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({ error: "validation", message: "Write your answer." });
  });
});
