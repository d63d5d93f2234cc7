import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { validIdea } from "../support/ideas.ts";
import {
  startFunctionsStack,
  type FunctionRouter,
  type FunctionsStack,
} from "../support/functions.ts";

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

async function count(table: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(rows[0]!.n);
}

async function counts() {
  return {
    ideas: await count("app.ideas"),
    versions: await count("app.idea_versions"),
    bearers: await count("app.idea_bearers"),
    events: await count("app.idea_events"),
    tokens: await count("app.status_tokens"),
    outbox: await count("app.email_outbox"),
  };
}

async function post(body: string, headers: Record<string, string>): Promise<Response> {
  const response = await functions.handle(
    new Request("http://localhost/api/ideas", { method: "POST", body, headers }),
  );
  if (!response) throw new Error("/api/ideas matched no function");
  return response;
}

function postJson(
  body: unknown,
  key: string | null = crypto.randomUUID(),
  extra: Record<string, string> = {},
) {
  return post(JSON.stringify(body), {
    "Content-Type": "application/json",
    ...(key ? { "Idempotency-Key": key } : {}),
    ...extra,
  });
}

function postForm(fields: [string, string][]) {
  return post(new URLSearchParams(fields).toString(), {
    "Content-Type": "application/x-www-form-urlencoded",
  });
}

function formFields(idea: Record<string, unknown>): [string, string][] {
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(idea)) {
    if (Array.isArray(value)) for (const item of value) fields.push([name, String(item)]);
    else if (typeof value === "boolean") {
      if (name === "contact_consent") fields.push([name, value ? "ja" : "nej"]);
      else if (value) fields.push([name, "ja"]);
    } else fields.push([name, String(value)]);
  }
  return fields;
}

let before: Awaited<ReturnType<typeof counts>>;
beforeEach(async () => {
  before = await counts();
});

describe("POST /api/ideas with JSON", () => {
  test("receives a valid idea: 201 with the reference and the private status link, everything stored once", async () => {
    const response = await postJson(validIdea());
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      reference: string;
      statusUrl: string;
      replayed: boolean;
    };
    expect(body.reference).toMatch(new RegExp(`^IS-${new Date().getFullYear()}-\\d{4}$`));
    expect(body.statusUrl).toMatch(/^http:\/\/localhost\/status\/#[A-Za-z0-9_-]{40,}$/);
    expect(body.replayed).toBe(false);
    expect(await counts()).toEqual({
      ideas: before.ideas + 1,
      versions: before.versions + 1,
      bearers: before.bearers + 1,
      events: before.events + 1,
      tokens: before.tokens + 1,
      outbox: before.outbox + 1,
    });
    const { rows } = await db.query(
      "select token_hash from app.status_tokens t join app.ideas i on i.id = t.idea_id where i.reference = $1",
      [body.reference],
    );
    const token = body.statusUrl.split("#")[1]!;
    expect(rows[0].token_hash).not.toEqual(Buffer.from(token));
  });

  test("the same key and body again gives the same reference and no second idea (RL-01)", async () => {
    const key = crypto.randomUUID();
    const idea = validIdea();
    const first = (await (await postJson(idea, key)).json()) as { reference: string };
    const again = await postJson(idea, key);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({
      reference: first.reference,
      statusUrl: null,
      replayed: true,
    });
    expect((await counts()).ideas).toBe(before.ideas + 1);
  });

  test("ten concurrent requests with one key create exactly one idea (RL-02)", async () => {
    const key = crypto.randomUUID();
    const idea = validIdea();
    const responses = await Promise.all(Array.from({ length: 10 }, () => postJson(idea, key)));
    const references = new Set<string>();
    for (const response of responses) {
      expect(response.status).toBe(201);
      references.add(((await response.json()) as { reference: string }).reference);
    }
    expect(references.size).toBe(1);
    expect((await counts()).ideas).toBe(before.ideas + 1);
  });

  test("the same key with another body is refused with 422 and stores nothing (RL-03)", async () => {
    const key = crypto.randomUUID();
    await postJson(validIdea(), key);
    const other = await postJson(validIdea({ title: "En annan idé" }), key);
    expect(other.status).toBe(422);
    expect(await other.json()).toEqual({
      error: "idempotency_key_reused",
      message:
        "Den här inskickningen har redan använts för en annan idé. Ladda om formuläret och skicka igen.",
    });
    expect((await counts()).ideas).toBe(before.ideas + 1);
  });

  test("a missing or malformed key is refused with 400 (RL-03)", async () => {
    expect((await postJson(validIdea(), null)).status).toBe(400);
    const malformed = await postJson(validIdea(), "inte-ett-uuid");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      error: "idempotency_key",
      message: "Idempotency-Key ska vara ett UUID.",
    });
    expect(await counts()).toEqual(before);
  });

  test("invalid answers give 422 with a Swedish message per field, and nothing is written", async () => {
    const response = await postJson(
      validIdea({
        title: "  ",
        beneficiaries: [],
        bearer_email: "anna",
        privacy_notice_read: false,
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "validation",
      fields: {
        title: ["Skriv en rubrik."],
        beneficiaries: ["Välj minst en grupp som har nytta av idén."],
        bearer_email: ["Skriv din e-postadress i jobbet, till exempel namn@skovde.se."],
        privacy_notice_read: ["Bekräfta att du har läst hur vi behandlar dina personuppgifter."],
      },
    });
    expect(await counts()).toEqual(before);
  });

  test("invisible control characters, which PostgreSQL cannot store (U+0000), are removed, not refused", async () => {
    const idea = validIdea({ title: "Cyklar\u0000 i tjänst", co_bearers: "Per\u0000" });
    const response = await postJson(idea);
    expect(response.status).toBe(201);
    const { rows } = await db.query<{ title: string; co_bearers: string }>(
      `select i.title, b.co_bearers from app.ideas i join app.idea_bearers b on b.idea_id = i.id
       where b.email = $1`,
      [idea.bearer_email],
    );
    expect(rows).toEqual([{ title: "Cyklar i tjänst", co_bearers: "Per" }]);
  });

  test("a value the database cannot store gets 422 with a message, never a 500, and nothing is written", async () => {
    await db.query(`
      create function private.test_refuse_value() returns trigger language plpgsql as $$
      begin
        raise exception using errcode = '22P05', message = 'unsupported Unicode escape sequence';
      end $$;
      create trigger test_refuse_value before insert on app.idea_versions
        for each row execute function private.test_refuse_value();`);
    try {
      const response = await postJson(validIdea());
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({
        error: "validation",
        fields: {
          form: [
            "Något i det du skrev gick inte att spara. Ta bort ovanliga tecken från texten och skicka igen.",
          ],
        },
      });
    } finally {
      await db.query(
        "drop trigger test_refuse_value on app.idea_versions; drop function private.test_refuse_value()",
      );
    }
    expect(await counts()).toEqual(before);
  });

  test("an e-mail outside the municipalities' domains is refused by the database with its own message", async () => {
    const response = await postJson(validIdea({ bearer_email: "anna@gmail.com" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "validation",
      fields: {
        bearer_email: [
          "Använd din e-postadress i jobbet i någon av kommunerna, till exempel namn@skovde.se.",
        ],
      },
    });
    expect(await counts()).toEqual(before);
  });

  test("fields the form does not have are refused", async () => {
    const response = await postJson(validIdea({ personnummer: "121212-1212" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "validation",
      fields: { form: ["Okända fält: personnummer."] },
    });
  });

  test("a filled honeypot or a form sent within two seconds looks received but stores nothing (AS-19, AS-20)", async () => {
    for (const extra of [{ contact_fax: "0500-123456" }, { fill_ms: 1500 }]) {
      const response = await postJson(validIdea(extra));
      expect(response.status).toBe(201);
      const body = (await response.json()) as { reference: string; statusUrl: null };
      expect(body.reference).toMatch(/^IS-\d{4}-\d{4}$/);
      expect(body.statusUrl).toBeNull();
    }
    expect(await counts()).toEqual(before);
  });

  test("the sixth idea from one e-mail within an hour is refused with 429 (AS-18)", async () => {
    const email = `flitig.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
    for (let index = 0; index < 5; index += 1) {
      expect(
        (await postJson(validIdea({ bearer_email: email, title: `Idé ${index}` }))).status,
      ).toBe(201);
    }
    const sixth = await postJson(validIdea({ bearer_email: email, title: "Idé 6" }));
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toEqual({
      error: "throttled",
      message: "Du har skickat många idéer på kort tid. Vänta en stund och försök sedan igen.",
    });
    expect((await counts()).ideas).toBe(before.ideas + 5);
  });

  test("a post from another site is refused with 403 (AS-08)", async () => {
    const response = await postJson(validIdea(), crypto.randomUUID(), {
      Origin: "https://evil.example",
    });
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  test("other content types get 415, oversized bodies 413, broken JSON 400, GET 405", async () => {
    expect((await post("title=x", { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await postJson({ ...validIdea(), problem: "x".repeat(70_000) })).status).toBe(413);
    expect((await post("{", { "Content-Type": "application/json" })).status).toBe(400);
    const get = await functions.handle(new Request("http://localhost/api/ideas"));
    expect(get?.status).toBe(405);
    expect(await counts()).toEqual(before);
  });
});

describe("POST /api/ideas from the form without JavaScript", () => {
  test("a valid form post is redirected (303) to the receipt with the token in the fragment", async () => {
    const response = await postForm(formFields(validIdea()));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(
      /^\/tack\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]{40,}$/,
    );
    expect((await counts()).ideas).toBe(before.ideas + 1);
  });

  test("the same form sent twice (a double click) stores one idea", async () => {
    const fields = formFields(validIdea());
    const first = await postForm(fields);
    const second = await postForm(fields);
    expect(second.status).toBe(303);
    expect(second.headers.get("location")?.split("#")[0]).toBe(
      first.headers.get("location")?.split("#")[0],
    );
    expect((await counts()).ideas).toBe(before.ideas + 1);
  });

  test("errors come back as the form with a linked error summary and every answer kept", async () => {
    const response = await postForm(
      formFields(validIdea({ title: "", bearer_name: "Åsa <Öberg>" })),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    // Whitespace between attributes and tags does not matter in HTML; compare without it.
    const page = (await response.text()).replace(/\s+/g, " ").replace(/ >/g, ">");
    expect(page).toContain("<title>Fel: Skicka in en idé – Innovationsslussen</title>");
    expect(page).toContain('<a href="#title">Skriv en rubrik.</a>');
    expect(page).toContain(
      '<p class="field__error" id="title-error"><span class="visually-hidden">Fel:</span> Skriv en rubrik.</p>',
    );
    expect(page).toContain('value="Åsa &lt;Öberg&gt;"');
    expect(page).toContain('<option value="1496" selected>Skövde</option>');
    expect(page).toContain(
      'id="beneficiaries-2" name="beneficiaries" value="brukare_patienter" checked',
    );
    expect(await counts()).toEqual(before);
  });
});

describe("when the database cannot be reached", () => {
  test("the submission gets a clear 503 with Retry-After, nothing is stored, and a retry with the same key succeeds once", async () => {
    const key = crypto.randomUUID();
    const idea = validIdea();
    const working = process.env.SUPABASE_URL;
    process.env.SUPABASE_URL = "http://127.0.0.1:9";
    try {
      const response = await postJson(idea, key);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(await response.json()).toEqual({
        error: "unavailable",
        message:
          "Vi kan inte ta emot idéer just nu. Din idé är inte skickad. Försök igen om en liten stund – det du har skrivit finns kvar.",
      });
    } finally {
      process.env.SUPABASE_URL = working;
    }
    expect(await counts()).toEqual(before);
    const retry = await postJson(idea, key);
    expect(retry.status).toBe(201);
    const again = await postJson(idea, key);
    expect(((await again.json()) as { replayed: boolean }).replayed).toBe(true);
    expect((await counts()).ideas).toBe(before.ideas + 1);
  });
});
