import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { validIdea } from "../support/ideas.ts";
import {
  startFunctionsStack,
  type FunctionRouter,
  type FunctionsStack,
} from "../support/functions.ts";

// POST /api/ideas in each of the site's languages. The English form (/en/submit-idea/) posts to the
// same endpoint with `locale=en`, and the answer must then be English all the way: the form again,
// the error messages (the database's too), the 429 and 503 pages, and the redirect to the English
// receipt. What both languages do is tested once per language from the table below; what only one
// language has (the locale field itself, Swedish-only idempotency and guard checks) follows as
// plain tests.

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

/** The language the bearer's e-mails are written in. */
async function bearerLocale(email: unknown): Promise<string | undefined> {
  const { rows } = await db.query<{ locale: string }>(
    "select locale from app.idea_bearers where email = $1",
    [email],
  );
  return rows[0]?.locale;
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

/** The idea as the form posts it without JavaScript (a `locale` key becomes the hidden field). */
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

function postForm(idea: Record<string, unknown>) {
  return post(new URLSearchParams(formFields(idea)).toString(), {
    "Content-Type": "application/x-www-form-urlencoded",
  });
}

/** The page with whitespace between attributes and tags folded, as HTML reads it. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replace(/\s+/g, " ").replace(/ >/g, ">");
}

/** What each language's requests send and what their answers must say. */
const languages = [
  {
    locale: "sv",
    name: "Swedish",
    /**
     * What a body adds to say its language: nothing, as Swedish is the default (the Swedish form's
     * explicit `locale=sv` is tested on its own below).
     */
    sent: {},
    receipt: /^\/tack\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]{40,}$/,
    anotherTitle: "En annan idé",
    ideaTitle: "Idé",
    emailName: "flitig",
    formPageTitle: "Fel: Skicka in en idé – Innovationsslussen",
    formHeading: "Skicka in en idé",
    summaryHeading: "Något behöver rättas",
    errorPrefix: "Fel:",
    nameLabel: "Ditt namn",
    unavailablePageTitle: "Fel: Idén kunde inte skickas – Innovationsslussen",
    goBack:
      "Gå tillbaka till formuläret med webbläsarens bakåtknapp. Det du har skrivit finns kvar där.",
    messages: {
      titleMissing: "Skriv en rubrik.",
      beneficiariesMissing: "Välj minst en grupp som har nytta av idén.",
      emailInvalid: "Skriv din e-postadress i jobbet, till exempel namn@skovde.se.",
      privacyNoticeNotRead: "Bekräfta att du har läst hur vi behandlar dina personuppgifter.",
      emailNotMunicipal:
        "Använd din e-postadress i jobbet i någon av kommunerna, till exempel namn@skovde.se.",
      unknownPersonnummer: "Okända fält: personnummer.",
      unstorable:
        "Något i det du skrev gick inte att spara. Ta bort ovanliga tecken från texten och skicka igen.",
      keyReused:
        "Den här inskickningen har redan använts för en annan idé. Ladda om formuläret och skicka igen.",
      keyNotUuid: "Idempotency-Key ska vara ett UUID.",
      throttled: "Du har skickat många idéer på kort tid. Vänta en stund och försök sedan igen.",
      unavailable:
        "Vi kan inte ta emot idéer just nu. Din idé är inte skickad. Försök igen om en liten stund – det du har skrivit finns kvar.",
    },
    /** Words of the other language's form and pages that must never appear on this language's. */
    wordsOfTheOtherLanguage: [
      "There is a problem",
      "Error:",
      "Send the idea",
      "Title",
      "Choose",
      "Enter",
      "Skip to content",
    ],
  },
  {
    locale: "en",
    name: "English",
    sent: { locale: "en" },
    receipt: /^\/en\/thanks\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]{40,}$/,
    anotherTitle: "Another idea",
    ideaTitle: "Idea",
    emailName: "busy",
    formPageTitle: "Error: Submit an idea – Innovationsslussen",
    formHeading: "Submit an idea",
    summaryHeading: "There is a problem",
    errorPrefix: "Error:",
    nameLabel: "Your name",
    unavailablePageTitle: "Error: Your idea could not be sent – Innovationsslussen",
    goBack:
      "Go back to the form with your browser&#39;s back button. What you have written is still there.",
    messages: {
      titleMissing: "Enter a title.",
      beneficiariesMissing: "Choose at least one group that benefits from the idea.",
      emailInvalid: "Enter your work e-mail address, for example name@skovde.se.",
      privacyNoticeNotRead: "Confirm that you have read how we process your personal data.",
      emailNotMunicipal:
        "Use your work e-mail address at one of the municipalities, for example name@skovde.se.",
      unknownPersonnummer: "Unknown fields: personnummer.",
      unstorable:
        "Something in what you wrote could not be saved. Remove unusual characters from the text and send it again.",
      keyReused:
        "This submission has already been used for another idea. Reload the form and send it again.",
      keyNotUuid: "Idempotency-Key must be a UUID.",
      throttled: "You have sent many ideas in a short time. Wait a while and then try again.",
      unavailable:
        "We cannot receive ideas right now. Your idea has not been sent. Try again in a little while – what you have written is still there.",
    },
    wordsOfTheOtherLanguage: [
      "Något behöver rättas",
      "Fel:",
      "Skicka idén",
      "Rubrik",
      "Välj",
      "Skriv",
      "Gå direkt till innehållet",
    ],
  },
] as const;

let before: Awaited<ReturnType<typeof counts>>;
beforeEach(async () => {
  before = await counts();
});

describe.each(languages)("POST /api/ideas in $name", (language) => {
  const { locale, messages } = language;
  /** A complete, valid idea as this language's form sends it. */
  const idea = (overrides: Record<string, unknown> = {}) =>
    validIdea({ ...language.sent, ...overrides });
  const expectNoWordOfTheOtherLanguage = (page: string) => {
    for (const word of language.wordsOfTheOtherLanguage) expect(page).not.toContain(word);
  };

  describe("with JSON", () => {
    test(`${locale}: receives a valid idea: 201 with the reference and the private status link, everything stored once`, async () => {
      const response = await postJson(idea());
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

    test(`${locale}: the same key with another body is refused with 422 in the request's language and stores nothing (RL-03)`, async () => {
      const key = crypto.randomUUID();
      await postJson(idea(), key);
      const other = await postJson(idea({ title: language.anotherTitle }), key);
      expect(other.status).toBe(422);
      expect(await other.json()).toEqual({
        error: "idempotency_key_reused",
        message: messages.keyReused,
      });
      expect((await counts()).ideas).toBe(before.ideas + 1);
    });

    test(`${locale}: a missing or malformed key is refused with 400, the malformed one named in the request's language (RL-03)`, async () => {
      expect((await postJson(idea(), null)).status).toBe(400);
      const malformed = await postJson(idea(), "inte-ett-uuid");
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({
        error: "idempotency_key",
        message: messages.keyNotUuid,
      });
      expect(await counts()).toEqual(before);
    });

    test(`${locale}: invalid answers give 422 with a message per field in the request's language, and nothing is written`, async () => {
      const response = await postJson(
        idea({
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
          title: [messages.titleMissing],
          beneficiaries: [messages.beneficiariesMissing],
          bearer_email: [messages.emailInvalid],
          privacy_notice_read: [messages.privacyNoticeNotRead],
        },
      });
      expect(await counts()).toEqual(before);
    });

    test(`${locale}: a value the database cannot store gets 422 with a message in the request's language, never a 500, and nothing is written`, async () => {
      await db.query(`
        create function private.test_refuse_value() returns trigger language plpgsql as $$
        begin
          raise exception using errcode = '22P05', message = 'unsupported Unicode escape sequence';
        end $$;
        create trigger test_refuse_value before insert on app.idea_versions
          for each row execute function private.test_refuse_value();`);
      try {
        const response = await postJson(idea());
        expect(response.status).toBe(422);
        expect(await response.json()).toEqual({
          error: "validation",
          fields: { form: [messages.unstorable] },
        });
      } finally {
        await db.query(
          "drop trigger test_refuse_value on app.idea_versions; drop function private.test_refuse_value()",
        );
      }
      expect(await counts()).toEqual(before);
    });

    test(`${locale}: an e-mail outside the municipalities' domains is refused by the database with its own message in the request's language`, async () => {
      const response = await postJson(idea({ bearer_email: "anna@gmail.com" }));
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({
        error: "validation",
        fields: { bearer_email: [messages.emailNotMunicipal] },
      });
      expect(await counts()).toEqual(before);
    });

    test(`${locale}: fields the form does not have are refused, named in the request's language`, async () => {
      const response = await postJson(idea({ personnummer: "121212-1212" }));
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({
        error: "validation",
        fields: { form: [messages.unknownPersonnummer] },
      });
    });

    test(`${locale}: the sixth idea from one e-mail within an hour is refused with 429: JSON gets the message, the form comes back with it and every answer kept (AS-18)`, async () => {
      const email = `${language.emailName}.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
      for (let index = 0; index < 5; index += 1) {
        const sent = await postJson(
          idea({ bearer_email: email, title: `${language.ideaTitle} ${index}` }),
        );
        expect(sent.status).toBe(201);
      }
      const sixth = await postJson(idea({ bearer_email: email, title: `${language.ideaTitle} 6` }));
      expect(sixth.status).toBe(429);
      expect(await sixth.json()).toEqual({ error: "throttled", message: messages.throttled });

      const form = await postForm(idea({ bearer_email: email, title: `${language.ideaTitle} 6` }));
      expect(form.status).toBe(429);
      const page = await pageText(form);
      expect(page).toContain(`<html lang="${locale}">`);
      expect(page).toContain(`<li>${messages.throttled}</li>`);
      expect(page).toContain(`value="${language.ideaTitle} 6"`);
      expectNoWordOfTheOtherLanguage(page);
      expect((await counts()).ideas).toBe(before.ideas + 5);
    });
  });

  describe("from the form without JavaScript", () => {
    test(`${locale}: a valid form post is redirected (303) to the receipt in the form's language with the token in the fragment, and the bearer's e-mails are in that language`, async () => {
      const sent = idea();
      const response = await postForm(sent);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(language.receipt);
      expect((await counts()).ideas).toBe(before.ideas + 1);
      expect(await bearerLocale(sent.bearer_email)).toBe(locale);
    });

    test(`${locale}: the same form sent twice (a double click) stores one idea`, async () => {
      const sent = idea();
      const first = await postForm(sent);
      const second = await postForm(sent);
      expect(first.headers.get("location")).toMatch(language.receipt);
      expect(second.status).toBe(303);
      expect(second.headers.get("location")?.split("#")[0]).toBe(
        first.headers.get("location")?.split("#")[0],
      );
      expect((await counts()).ideas).toBe(before.ideas + 1);
    });

    test(`${locale}: errors come back as the form (422) with a linked error summary in its language and every answer kept`, async () => {
      const response = await postForm(idea({ title: "", bearer_name: "Åsa <Öberg>" }));
      expect(response.status).toBe(422);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const page = await pageText(response);
      expect(page).toContain(`<html lang="${locale}">`);
      expect(page).toContain(`<title>${language.formPageTitle}</title>`);
      expect(page).toContain(`<h1>${language.formHeading}</h1>`);
      expect(page).toContain(`<h2 id="error-summary-title">${language.summaryHeading}</h2>`);
      expect(page).toContain(`<a href="#title">${messages.titleMissing}</a>`);
      expect(page).toContain(
        `<p class="field__error" id="title-error"><span class="visually-hidden">${language.errorPrefix}</span> ${messages.titleMissing}</p>`,
      );
      expect(page).toContain(`<input type="hidden" name="locale" value="${locale}" />`);
      expect(page).toContain('value="Åsa &lt;Öberg&gt;"');
      expect(page).toContain('<option value="1496" selected>Skövde</option>');
      expect(page).toContain(
        'id="beneficiaries-2" name="beneficiaries" value="brukare_patienter" checked',
      );
      expect(page).toContain(`<label for="bearer_name">${language.nameLabel}</label>`);
      expectNoWordOfTheOtherLanguage(page);
      expect(await counts()).toEqual(before);
    });

    test(`${locale}: an e-mail the database refuses is named in the form's language on the form again`, async () => {
      const response = await postForm(idea({ bearer_email: "anna@gmail.com" }));
      expect(response.status).toBe(422);
      const page = await pageText(response);
      expect(page).toContain(`<a href="#bearer_email">${messages.emailNotMunicipal}</a>`);
      expect(page).toContain('value="anna@gmail.com"');
      expect(await counts()).toEqual(before);
    });
  });

  describe("when the database cannot be reached", () => {
    test(`${locale}: the form gets a 503 page and JSON a 503 message in its language, both with Retry-After; nothing is stored, and a retry with the same key succeeds once`, async () => {
      const key = crypto.randomUUID();
      const sent = idea();
      const working = process.env.SUPABASE_URL;
      process.env.SUPABASE_URL = "http://127.0.0.1:9";
      try {
        const form = await postForm(idea());
        expect(form.status).toBe(503);
        expect(form.headers.get("retry-after")).toBe("30");
        const page = await pageText(form);
        expect(page).toContain(`<html lang="${locale}">`);
        expect(page).toContain(`<title>${language.unavailablePageTitle}</title>`);
        expect(page).toContain(`<li>${messages.unavailable}</li>`);
        expect(page).toContain(`<p>${language.goBack}</p>`);
        expectNoWordOfTheOtherLanguage(page);

        const json = await postJson(sent, key);
        expect(json.status).toBe(503);
        expect(json.headers.get("retry-after")).toBe("30");
        expect(await json.json()).toEqual({ error: "unavailable", message: messages.unavailable });
      } finally {
        process.env.SUPABASE_URL = working;
      }
      expect(await counts()).toEqual(before);
      const retry = await postJson(sent, key);
      expect(retry.status).toBe(201);
      const again = await postJson(sent, key);
      expect(((await again.json()) as { replayed: boolean }).replayed).toBe(true);
      expect((await counts()).ideas).toBe(before.ideas + 1);
    });
  });
});

describe("POST /api/ideas: the locale field", () => {
  test("sv: the Swedish form's post, with locale=sv or without a locale field, goes to /tack/ and the bearer's e-mails are Swedish", async () => {
    for (const sent of [{ locale: "sv" }, {}]) {
      const idea = validIdea(sent);
      const response = await postForm(idea);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(
        /^\/tack\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]{40,}$/,
      );
      expect(await bearerLocale(idea.bearer_email)).toBe("sv");
    }
    expect((await counts()).ideas).toBe(before.ideas + 2);
  });

  test("de: a language the site does not have is refused with 400, in Swedish and English, and stores nothing", async () => {
    const response = await postForm(validIdea({ locale: "de" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "unsupported_locale",
      message: "Okänt språk i locale: använd sv eller en. Unknown locale: use sv or en.",
    });
    expect(await counts()).toEqual(before);
  });
});

describe("POST /api/ideas with JSON: what does not depend on the language", () => {
  test("sv: the same key and body again gives the same reference and no second idea (RL-01)", async () => {
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

  test("sv: ten concurrent requests with one key create exactly one idea (RL-02)", async () => {
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

  test("sv: invisible control characters, which PostgreSQL cannot store (U+0000), are removed, not refused", async () => {
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

  test("sv: a filled honeypot or a form sent within two seconds looks received but stores nothing (AS-19, AS-20)", async () => {
    for (const extra of [{ contact_fax: "0500-123456" }, { fill_ms: 1500 }]) {
      const response = await postJson(validIdea(extra));
      expect(response.status).toBe(201);
      const body = (await response.json()) as { reference: string; statusUrl: null };
      expect(body.reference).toMatch(/^IS-\d{4}-\d{4}$/);
      expect(body.statusUrl).toBeNull();
    }
    expect(await counts()).toEqual(before);
  });

  test("sv: a post from another site is refused with 403 (AS-08)", async () => {
    const response = await postJson(validIdea(), crypto.randomUUID(), {
      Origin: "https://evil.example",
    });
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  test("sv: other content types get 415, oversized bodies 413, broken JSON 400, GET 405", async () => {
    expect((await post("title=x", { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await postJson({ ...validIdea(), problem: "x".repeat(70_000) })).status).toBe(413);
    expect((await post("{", { "Content-Type": "application/json" })).status).toBe(400);
    const get = await functions.handle(new Request("http://localhost/api/ideas"));
    expect(get?.status).toBe(405);
    expect(await counts()).toEqual(before);
  });
});
