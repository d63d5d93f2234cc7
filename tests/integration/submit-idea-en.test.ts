import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { validIdea } from "../support/ideas.ts";
import {
  startFunctionsStack,
  type FunctionRouter,
  type FunctionsStack,
} from "../support/functions.ts";

// The English idea form (/en/submit-idea/) posts to the same endpoint with `locale=en`; the answer
// must then be English all the way: the form again, the error messages (the database's too), the
// 429 and 503 pages, and the redirect to the English receipt.

let functions: FunctionRouter;
let db: pg.Client;

let stack: FunctionsStack;

beforeAll(async () => {
  stack = await startFunctionsStack();
  ({ functions, db } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

async function bearerLocale(email: string): Promise<string | undefined> {
  const { rows } = await db.query<{ locale: string }>(
    "select locale from app.idea_bearers where email = $1",
    [email],
  );
  return rows[0]?.locale;
}

async function ideaCount(): Promise<number> {
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from app.ideas");
  return rows[0]!.n;
}

async function post(body: string, headers: Record<string, string>): Promise<Response> {
  const response = await functions.handle(
    new Request("http://localhost/api/ideas", { method: "POST", body, headers }),
  );
  if (!response) throw new Error("/api/ideas matched no function");
  return response;
}

function postJson(body: unknown, key: string = crypto.randomUUID()) {
  return post(JSON.stringify(body), { "Content-Type": "application/json", "Idempotency-Key": key });
}

/** The idea as the form posts it without JavaScript, with the form's hidden locale field first. */
function formFields(idea: Record<string, unknown>, locale: string | null): [string, string][] {
  const fields: [string, string][] = locale === null ? [] : [["locale", locale]];
  for (const [name, value] of Object.entries(idea)) {
    if (Array.isArray(value)) for (const item of value) fields.push([name, String(item)]);
    else if (typeof value === "boolean") {
      if (name === "contact_consent") fields.push([name, value ? "ja" : "nej"]);
      else if (value) fields.push([name, "ja"]);
    } else fields.push([name, String(value)]);
  }
  return fields;
}

function postForm(idea: Record<string, unknown>, locale: string | null = "en") {
  return post(new URLSearchParams(formFields(idea, locale)).toString(), {
    "Content-Type": "application/x-www-form-urlencoded",
  });
}

/** The page with whitespace between attributes and tags folded, as HTML reads it. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replace(/\s+/g, " ").replace(/ >/g, ">");
}

/** Words of the Swedish form and pages that must never appear on an English one. */
const swedishWords = [
  "Något behöver rättas",
  "Fel:",
  "Skicka idén",
  "Rubrik",
  "Välj",
  "Skriv",
  "Gå direkt till innehållet",
];

let before: number;
beforeEach(async () => {
  before = await ideaCount();
});

describe("POST /api/ideas from the English form without JavaScript", () => {
  test("errors come back as the English form (422) with an English error summary and every answer kept", async () => {
    const response = await postForm(validIdea({ title: "", bearer_name: "Åsa <Öberg>" }));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await pageText(response);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("<title>Error: Submit an idea – Innovationsslussen</title>");
    expect(page).toContain("<h1>Submit an idea</h1>");
    expect(page).toContain('<h2 id="error-summary-title">There is a problem</h2>');
    expect(page).toContain('<a href="#title">Enter a title.</a>');
    expect(page).toContain(
      '<p class="field__error" id="title-error"><span class="visually-hidden">Error:</span> Enter a title.</p>',
    );
    expect(page).toContain('<input type="hidden" name="locale" value="en" />');
    expect(page).toContain('value="Åsa &lt;Öberg&gt;"');
    expect(page).toContain('<option value="1496" selected>Skövde</option>');
    expect(page).toContain('<label for="bearer_name">Your name</label>');
    for (const word of swedishWords) expect(page).not.toContain(word);
    expect(await ideaCount()).toBe(before);
  });

  test("a valid English form post is redirected (303) to the English receipt with the token in the fragment", async () => {
    const idea = validIdea();
    const response = await postForm(idea);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(
      /^\/en\/thanks\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]{40,}$/,
    );
    expect(await ideaCount()).toBe(before + 1);
    // E-mails to this bearer are written in English.
    expect(await bearerLocale(idea.bearer_email as string)).toBe("en");
  });

  test("the Swedish form's post, with or without its locale field, still goes to /tack/", async () => {
    for (const locale of ["sv", null]) {
      const idea = validIdea();
      const response = await postForm(idea, locale);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(
        /^\/tack\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]{40,}$/,
      );
      expect(await bearerLocale(idea.bearer_email as string)).toBe("sv");
    }
    expect(await ideaCount()).toBe(before + 2);
  });

  test("an e-mail the database refuses is named in English on the English form", async () => {
    const response = await postForm(validIdea({ bearer_email: "anna@gmail.com" }));
    expect(response.status).toBe(422);
    const page = await pageText(response);
    expect(page).toContain(
      '<a href="#bearer_email">Use your work e-mail address at one of the municipalities, for example name@skovde.se.</a>',
    );
    expect(page).toContain('value="anna@gmail.com"');
    expect(await ideaCount()).toBe(before);
  });

  test("the sixth idea within an hour gets the English form again with 429 and an English message", async () => {
    const email = `busy.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
    for (let index = 0; index < 5; index += 1) {
      const sent = await postJson(validIdea({ bearer_email: email, title: `Idea ${index}` }));
      expect(sent.status).toBe(201);
    }
    const sixth = await postForm(validIdea({ bearer_email: email, title: "Idea 6" }));
    expect(sixth.status).toBe(429);
    const page = await pageText(sixth);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(
      "<li>You have sent many ideas in a short time. Wait a while and then try again.</li>",
    );
    expect(page).toContain('value="Idea 6"');
    for (const word of swedishWords) expect(page).not.toContain(word);
    expect(await ideaCount()).toBe(before + 5);
  });

  test("a language the site does not have is refused with 400 and stores nothing", async () => {
    const response = await postForm(validIdea(), "de");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "unsupported_locale",
      message: "Okänt språk i locale: använd sv eller en. Unknown locale: use sv or en.",
    });
    expect(await ideaCount()).toBe(before);
  });
});

describe("POST /api/ideas with JSON and locale en", () => {
  test("invalid answers give 422 with an English message per field, the database's included", async () => {
    const response = await postJson(
      validIdea({ locale: "en", title: "  ", beneficiaries: [], privacy_notice_read: false }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "validation",
      fields: {
        title: ["Enter a title."],
        beneficiaries: ["Choose at least one group that benefits from the idea."],
        privacy_notice_read: ["Confirm that you have read how we process your personal data."],
      },
    });
    const domain = await postJson(validIdea({ locale: "en", bearer_email: "anna@gmail.com" }));
    expect(domain.status).toBe(422);
    expect(await domain.json()).toEqual({
      error: "validation",
      fields: {
        bearer_email: [
          "Use your work e-mail address at one of the municipalities, for example name@skovde.se.",
        ],
      },
    });
    expect(await ideaCount()).toBe(before);
  });

  test("a valid idea is received (201) as from the Swedish form, and a reused key is refused in English", async () => {
    const key = crypto.randomUUID();
    const response = await postJson(validIdea({ locale: "en" }), key);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { reference: string; statusUrl: string };
    expect(body.reference).toMatch(/^IS-\d{4}-\d{4}$/);
    expect(body.statusUrl).toMatch(/^http:\/\/localhost\/status\/#[A-Za-z0-9_-]{40,}$/);
    const reused = await postJson(validIdea({ locale: "en", title: "Another idea" }), key);
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      error: "idempotency_key_reused",
      message:
        "This submission has already been used for another idea. Reload the form and send it again.",
    });
    const malformed = await postJson(validIdea({ locale: "en" }), "not-a-uuid");
    expect(await malformed.json()).toEqual({
      error: "idempotency_key",
      message: "Idempotency-Key must be a UUID.",
    });
    expect(await ideaCount()).toBe(before + 1);
  });
});

describe("when the database cannot be reached", () => {
  test("the English form gets an English 503 page with Retry-After, and JSON an English message", async () => {
    const working = process.env.SUPABASE_URL;
    process.env.SUPABASE_URL = "http://127.0.0.1:9";
    try {
      const form = await postForm(validIdea());
      expect(form.status).toBe(503);
      expect(form.headers.get("retry-after")).toBe("30");
      const page = await pageText(form);
      expect(page).toContain('<html lang="en">');
      expect(page).toContain(
        "<title>Error: Your idea could not be sent – Innovationsslussen</title>",
      );
      expect(page).toContain(
        "<li>We cannot receive ideas right now. Your idea has not been sent. Try again in a little while – what you have written is still there.</li>",
      );
      expect(page).toContain(
        "<p>Go back to the form with your browser&#39;s back button. What you have written is still there.</p>",
      );
      for (const word of swedishWords) expect(page).not.toContain(word);

      const json = await postJson(validIdea({ locale: "en" }));
      expect(json.status).toBe(503);
      expect(await json.json()).toEqual({
        error: "unavailable",
        message:
          "We cannot receive ideas right now. Your idea has not been sent. Try again in a little while – what you have written is still there.",
      });
    } finally {
      process.env.SUPABASE_URL = working;
    }
    expect(await ideaCount()).toBe(before);
  });
});
