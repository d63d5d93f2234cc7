import { gzipSync } from "node:zlib";
import pg from "pg";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";
import { findMail } from "../support/local-supabase.ts";

// The idea form in each of the site's languages (/skicka-ide/ and /en/submit-idea/), from the empty
// form to the receipt and the status page, with and without JavaScript. Every test runs once per
// language from the table below; the texts each language must show are in the table, literally.

/** The form refuses (silently) what is sent within two seconds of showing it, as a bot would. */
const humanFillMilliseconds = 2500;

/** What each language's form, receipt and status page say, and what a person writes in them. */
const languages = [
  {
    locale: "sv",
    name: "Swedish",
    formPath: "/skicka-ide/",
    receiptPath: "/tack/",
    statusPath: "/status/",
    /** The same form in the other language: the hreflang alternate and the language switch. */
    translation: { locale: "en", href: "/en/submit-idea/", url: /\/en\/submit-idea\/$/ },
    pageTitle: "Skicka in en idé – Innovationsslussen",
    heading: "Skicka in en idé",
    sensitiveDataNote: "Det du skickar blir en allmän handling som andra kan få läsa.",
    errorPageTitle: "Fel: Skicka in en idé – Innovationsslussen",
    summaryHeading: "Något behöver rättas",
    summaryLinks: [
      "Skriv en rubrik.",
      "Beskriv problemet eller behovet.",
      "Beskriv idén.",
      "Välj minst en grupp som har nytta av idén.",
      "Välj verksamhetsområde.",
      "Välj om idén har prövats.",
      "Välj kommun.",
      "Skriv ditt namn.",
      "Skriv din e-postadress i jobbet, till exempel namn@skovde.se.",
      "Bekräfta att du har läst hur vi behandlar dina personuppgifter.",
      "Välj om vi får kontakta dig.",
    ],
    titleError: "Fel: Skriv en rubrik.",
    labels: {
      title: "Rubrik",
      problem: "Vilket problem eller behov har du sett?",
      proposal: "Vad är din idé?",
      staff: "Medarbetare",
      area: "Verksamhetsområde",
      tried: "Har idén prövats?",
      no: "Nej",
      municipality: "Kommun",
      name: "Ditt namn",
      email: "Din e-postadress i jobbet",
      privacy: "Jag har läst hur ni behandlar mina personuppgifter",
      contact: "Får vi kontakta dig om idén?",
      yes: "Ja",
    },
    submit: "Skicka idén",
    charactersLeft: (count: number) => `Du har ${count} tecken kvar`,
    similarIdeasHeading: "Liknande idéer som redan finns i idébanken",
    similarIdeasIntro: "Titta gärna på dem. Du kan ändå skicka din idé.",
    /** The similar ideas are Swedish: marked as such only on a page in another language. */
    similarIdeaLang: null,
    personnummer: "Ring mig på 121212-1212.",
    personnummerWarning:
      "Det ser ut som ett personnummer: 121212-1212. Ta bort det innan du skickar idén.",
    receiptAfterScript: /\/tack\/#ref=IS-\d{4}-\d{4}&token=[A-Za-z0-9_-]+$/,
    receiptWithoutScript: /\/tack\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]+$/,
    receiptHeading: "Tack för din idé",
    referenceLine: /^\s*Ditt diarienummer är IS-\d{4}-\d{4}\.\s*$/,
    receiptMailSubject: (reference: string) => `Vi har tagit emot din idé ${reference}`,
    status: {
      received: "Inkommen",
      replyLabel: "Ditt svar till granskarna",
      sendReply: "Skicka svaret",
      replySent: "Tack! Ditt svar är skickat till granskarna.",
    },
    /** What a keyboard user writes (with JavaScript). */
    keyboard: {
      title: "Lånecyklar för hemtjänsten",
      problem: "Bilarna räcker inte till på morgonen och korta resor tar lång tid.",
      personnummer: " Kontakta 121212-1212.",
      shorterProblem: "Bilarna räcker inte till på morgonen.",
      proposal: "Elcyklar som personalen kan låna för korta besök i centrum.",
      question: "Hur många cyklar behövs?",
      reply: "Fem cyklar räcker till att börja med.",
    },
    /** What a person without JavaScript writes. */
    withoutScript: {
      title: "Gemensam kalender för lokalbokning",
      problem: "Varje förvaltning har sin egen lista över lokaler.",
      proposal: "En gemensam bokningskalender för alla kommunens lokaler.",
    },
  },
  {
    locale: "en",
    name: "English",
    formPath: "/en/submit-idea/",
    receiptPath: "/en/thanks/",
    statusPath: "/en/status/",
    translation: { locale: "sv", href: "/skicka-ide/", url: /\/skicka-ide\/$/ },
    pageTitle: "Submit an idea – Innovationsslussen",
    heading: "Submit an idea",
    sensitiveDataNote: "What you send becomes an official document that others may ask to read.",
    errorPageTitle: "Error: Submit an idea – Innovationsslussen",
    summaryHeading: "There is a problem",
    summaryLinks: [
      "Enter a title.",
      "Describe the problem or need.",
      "Describe your idea.",
      "Choose at least one group that benefits from the idea.",
      "Choose an area of activity.",
      "Choose whether the idea has been tried.",
      "Choose your municipality.",
      "Enter your name.",
      "Enter your work e-mail address, for example name@skovde.se.",
      "Confirm that you have read how we process your personal data.",
      "Choose whether we may contact you.",
    ],
    titleError: "Error: Enter a title.",
    labels: {
      title: "Title",
      problem: "What problem or need have you seen?",
      proposal: "What is your idea?",
      staff: "Staff",
      area: "Area of activity",
      tried: "Has the idea been tried?",
      no: "No",
      municipality: "Municipality",
      name: "Your name",
      email: "Your work e-mail address",
      privacy: "I have read how you process my personal data",
      contact: "May we contact you about the idea?",
      yes: "Yes",
    },
    submit: "Send the idea",
    charactersLeft: (count: number) => `You have ${count} characters left`,
    similarIdeasHeading: "Similar ideas already in the idea bank",
    similarIdeasIntro: "Have a look at them (they are in Swedish). You can still send your idea.",
    similarIdeaLang: "sv",
    personnummer: "Call me on 121212-1212.",
    personnummerWarning:
      "This looks like a personal identity number: 121212-1212. Remove it before you send the idea.",
    receiptAfterScript: /\/en\/thanks\/#ref=IS-\d{4}-\d{4}&token=[A-Za-z0-9_-]+$/,
    receiptWithoutScript: /\/en\/thanks\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]+$/,
    receiptHeading: "Thank you for your idea",
    referenceLine: /^\s*Your reference number is IS-\d{4}-\d{4}\.\s*$/,
    receiptMailSubject: (reference: string) => `We have received your idea ${reference}`,
    status: {
      received: "Received",
      replyLabel: "Your answer to the reviewers",
      sendReply: "Send the answer",
      replySent: "Thank you! Your answer has been sent to the reviewers.",
    },
    keyboard: {
      title: "Shared e-bikes for home care",
      problem: "There are not enough cars in the morning, and short trips take a long time.",
      personnummer: " Call 121212-1212.",
      shorterProblem: "There are not enough cars in the morning.",
      proposal: "E-bikes that staff can borrow for short visits in the town centre.",
      question: "How many bikes are needed?",
      reply: "Five bikes are enough to begin with.",
    },
    withoutScript: {
      title: "A shared calendar for booking rooms",
      problem: "Every department keeps its own list of rooms.",
      proposal: "One booking calendar for all the municipality's rooms.",
    },
  },
] as const;

type Language = (typeof languages)[number];

/** Presses Tab until the element has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/**
 * Fills the whole form with the keyboard only, finding each field by its label in the page's
 * language: Tab to each field, type, Space for boxes, arrows for radios.
 */
async function fillByKeyboard(page: Page, language: Language, email: string): Promise<void> {
  const { labels, keyboard } = language;
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const type = async (label: string, text: string) => {
    await tabTo(page, field(label));
    await page.keyboard.type(text);
  };
  await type(labels.title, keyboard.title);
  await type(labels.problem, keyboard.problem);
  await type(labels.proposal, keyboard.proposal);
  await tabTo(page, field(labels.staff));
  await page.keyboard.press("Space");
  await tabTo(page, field(labels.area));
  await page.keyboard.press("ArrowDown");
  await tabTo(
    page,
    page.getByRole("group", { name: labels.tried }).getByLabel(labels.no, { exact: true }),
  );
  await page.keyboard.press("Space");
  await tabTo(page, field(labels.municipality));
  // Playwright cannot press "ö" as a key (it inserts the text), so the list's type-ahead stops at
  // "Sk", Skara; Skövde is the next one down.
  await page.keyboard.type("Sk");
  await page.keyboard.press("ArrowDown");
  expect(await field(labels.municipality).inputValue()).toBe("1496");
  await type(labels.name, "Karin Lund");
  await type(labels.email, email);
  await tabTo(page, field(labels.privacy));
  await page.keyboard.press("Space");
  await tabTo(
    page,
    page.getByRole("group", { name: labels.contact }).getByLabel(labels.yes, { exact: true }),
  );
  await page.keyboard.press("Space");
}

describe.skipIf(!hasChromium)("submitting an idea and following it", () => {
  let browser: Browser;
  let db: pg.Client;
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = inject("baseUrl");
    browser = await launchBrowser();
    db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
  });

  describe.each(languages)("in $name", (language) => {
    const { locale, labels } = language;

    test(`${locale}: the empty form is in its language, warns about sensitive data, links its translation and has no accessibility violations`, async () => {
      const page = await openPage(browser);
      await page.goto(`${baseUrl}${language.formPath}`);
      expect(await page.getAttribute("html", "lang")).toBe(locale);
      expect(await page.title()).toBe(language.pageTitle);
      expect(await page.locator("h1").textContent()).toBe(language.heading);
      expect(await page.locator("#sensitive-data-note").textContent()).toContain(
        language.sensitiveDataNote,
      );
      expect(await page.inputValue("input[name=locale]")).toBe(locale);
      const { translation } = language;
      expect(
        await page
          .locator(`link[rel=alternate][hreflang="${translation.locale}"]`)
          .getAttribute("href"),
      ).toMatch(translation.url);
      expect(await page.locator("a.language-switch").getAttribute("href")).toBe(translation.href);
      expect(await findAccessibilityViolations(page)).toEqual([]);
    });

    test(`${locale}: the form page ships at most 20 KB of gzipped JavaScript`, async () => {
      const page = await openPage(browser);
      const scripts: string[] = [];
      page.on("request", (request) => {
        if (request.resourceType() === "script") scripts.push(request.url());
      });
      await page.goto(`${baseUrl}${language.formPath}`, { waitUntil: "networkidle" });
      let gzipped = 0;
      for (const url of scripts)
        gzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
      expect(scripts.length).toBeGreaterThan(0);
      expect(gzipped).toBeLessThanOrEqual(20 * 1024);
    });

    test(`${locale}: with JavaScript, errors show in a focused summary in the page's language whose links move to the fields`, async () => {
      const page = await openPage(browser);
      await page.goto(`${baseUrl}${language.formPath}`);
      await tabTo(page, page.getByRole("button", { name: language.submit }));
      await page.keyboard.press("Enter");
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe("error-summary");
      expect(await page.title()).toBe(language.errorPageTitle);
      expect(await page.locator("#error-summary-title").textContent()).toBe(
        language.summaryHeading,
      );
      expect(await page.locator("#error-summary a").allTextContents()).toEqual(
        language.summaryLinks,
      );
      expect(await page.locator("#title-error").textContent()).toBe(language.titleError);
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("title");
    });

    test(`${locale}: with JavaScript, inline messages, counters, the personnummer warning and the similar-ideas hint are in the page's language`, async () => {
      const page = await openPage(browser);
      await page.goto(`${baseUrl}${language.formPath}`);
      const title = page.getByLabel(labels.title, { exact: true });
      await title.focus();
      await page.getByLabel(labels.problem, { exact: true }).focus();
      await expect.poll(() => page.locator("#title-error").textContent()).toBe(language.titleError);
      await title.fill("Digitala lås i hemtjänsten");
      await expect
        .poll(() => page.locator('[data-field="title"] .field__counter').textContent())
        .toBe(language.charactersLeft(150 - "Digitala lås i hemtjänsten".length));
      await page.getByLabel(labels.email, { exact: true }).focus();
      await expect.poll(() => page.locator("#title-error").count()).toBe(0);

      // A published idea in the demo data resembles this title: the hint links it.
      await expect
        .poll(() => page.locator(".similar-ideas h3").textContent(), { timeout: 10_000 })
        .toBe(language.similarIdeasHeading);
      expect(await page.locator(".similar-ideas p").textContent()).toBe(language.similarIdeasIntro);
      expect(await page.locator(".similar-ideas a").first().getAttribute("lang")).toBe(
        language.similarIdeaLang,
      );

      await page.getByLabel(labels.proposal, { exact: true }).fill(language.personnummer);
      await expect
        .poll(() => page.locator('[data-field="proposal"] .field__warning').textContent())
        .toBe(language.personnummerWarning);
      expect(await findAccessibilityViolations(page)).toEqual([]);
    });

    test(
      `${locale}: with JavaScript, a keyboard-only person submits, gets the receipt in the form's language and follows the idea through the status link`,
      { timeout: 90_000 },
      async () => {
        const { keyboard, status } = language;
        const page = await openPage(browser);
        await page.goto(`${baseUrl}${language.formPath}`);
        const shown = Date.now();
        const email = `karin.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
        await fillByKeyboard(page, language, email);
        await tabTo(page, page.getByLabel(labels.problem, { exact: true }));
        await page.keyboard.type(keyboard.personnummer);
        await expect
          .poll(() => page.locator('[data-field="problem"] .field__warning').textContent())
          .toContain(language.personnummerWarning);
        await page.keyboard.press("Control+A");
        await page.keyboard.type(keyboard.shorterProblem);
        await page.waitForTimeout(Math.max(0, humanFillMilliseconds - (Date.now() - shown)));
        await tabTo(page, page.getByRole("button", { name: language.submit }));
        await page.keyboard.press("Enter");
        // The enhanced form puts the reference and the token in the fragment only.
        await page.waitForURL(language.receiptAfterScript);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        expect(await page.locator("h1").textContent()).toBe(language.receiptHeading);
        const reference = await page.locator("#receipt-reference").textContent();
        expect(reference).toMatch(/^IS-\d{4}-\d{4}$/);
        expect(await page.locator("#receipt-reference-line").textContent()).toMatch(
          language.referenceLine,
        );
        const token = `#${new URLSearchParams(new URL(page.url()).hash.slice(1)).get("token")}`;
        expect(await page.locator("#receipt-status-link").isVisible()).toBe(true);
        // The status page in the receipt's language.
        expect(await page.locator("#receipt-status-link a").getAttribute("href")).toBe(
          `${language.statusPath}${token}`,
        );
        expect(
          await page.evaluate(() => localStorage.getItem("innovationsslussen:idea-draft")),
        ).toBeNull();
        expect(await findAccessibilityViolations(page)).toEqual([]);
        const stored = await db.query(
          "select i.title, b.email from app.ideas i join app.idea_bearers b on b.idea_id = i.id where i.reference = $1",
          [reference],
        );
        expect(stored.rows).toEqual([{ title: keyboard.title, email }]);

        // A reviewer asks a question; the bearer answers through the status link.
        await db.query(
          `insert into app.messages (idea_id, direction, body, author_id)
         select i.id, 'to_bearer', $2, '00000000-0000-4000-a000-000000000001' from app.ideas i where i.reference = $1`,
          [reference, keyboard.question],
        );
        await page.locator("#receipt-status-link a").click();
        await page.waitForURL(/\/api\/status$/);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        expect(await page.locator("h1").textContent()).toBe(keyboard.title);
        expect(await page.locator(".tag").first().textContent()).toBe(status.received);
        expect(await page.locator(".message").first().textContent()).toContain(keyboard.question);
        expect(await findAccessibilityViolations(page)).toEqual([]);
        await page.getByLabel(status.replyLabel).fill(keyboard.reply);
        await page.getByRole("button", { name: status.sendReply }).click();
        await expect
          .poll(() => page.locator("[role=status]").first().textContent())
          .toContain(status.replySent);
        expect(await page.locator(".message--from_bearer").textContent()).toContain(keyboard.reply);
        expect(await findAccessibilityViolations(page)).toEqual([]);
      },
    );

    test(
      `${locale}: without JavaScript, errors come back in the form's language with the answers kept, and a correct form lands on its receipt and brings the receipt e-mail`,
      { timeout: 90_000 },
      async () => {
        const { withoutScript } = language;
        const page = await openPage(browser, { javaScriptEnabled: false });
        await page.goto(`${baseUrl}${language.formPath}`);
        const email = `per.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
        await page.fill("#title", withoutScript.title);
        await page.fill("#bearer_email", email);
        // Native validation would stop the browser first; the server's check is what this test is about.
        await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
        await page.click("button[type=submit]");
        expect(await page.title()).toBe(language.errorPageTitle);
        expect(await page.getAttribute("html", "lang")).toBe(locale);
        expect(await page.locator("#error-summary-title").textContent()).toBe(
          language.summaryHeading,
        );
        // The title is filled in, so the summary starts with the problem's message.
        expect(await page.locator("#error-summary a").first().textContent()).toBe(
          language.summaryLinks[1],
        );
        expect(await page.inputValue("#title")).toBe(withoutScript.title);
        expect(await page.inputValue("#bearer_email")).toBe(email);

        await page.fill("#problem", withoutScript.problem);
        await page.fill("#proposal", withoutScript.proposal);
        await page.check("#beneficiaries");
        await page.selectOption("#area_id", "kultur-och-fritid");
        await page.check("#tried-2");
        await page.selectOption("#municipality_code", "1496");
        await page.fill("#bearer_name", "Per Holm");
        await page.check("#privacy_notice_read");
        await page.check("#contact_consent-2");
        await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
        await page.click("button[type=submit]");
        await page.waitForURL(language.receiptWithoutScript);
        expect(await page.locator("h1").textContent()).toBe(language.receiptHeading);
        expect(await page.locator("#receipt-mail-note").isVisible()).toBe(true);
        const reference = new URL(page.url()).searchParams.get("ref");
        // Rendered by the server for this address, so it shows without a script.
        expect(await page.locator("#receipt-reference-line").isVisible()).toBe(true);
        expect(await page.locator("#receipt-reference").textContent()).toBe(reference);
        const stored = await db.query(
          "select count(*)::int as n from app.ideas where reference = $1",
          [reference],
        );
        expect(stored.rows).toEqual([{ n: 1 }]);

        // Without JavaScript the receipt page cannot show the link; the receipt e-mail brings it.
        const mail = await findMail(inject("mailUrl"), email, 15_000);
        expect(mail.Subject).toBe(language.receiptMailSubject(reference ?? ""));
        const statusLink = mail.Links.find((link) => link.includes(`${language.statusPath}#`));
        expect(new URL(statusLink ?? "http://x/").hash).toBe(new URL(page.url()).hash);
        // The link points at the site that served the request: the production build's own port,
        // not the dev server's 4321 (issue 11).
        expect(new URL(statusLink ?? "http://x/").origin).toBe(new URL(baseUrl).origin);
      },
    );

    test(
      `${locale}: the server's error page and the receipt have no accessibility violations (axe needs page scripts, so the form's own script is blocked instead)`,
      { timeout: 90_000 },
      async () => {
        const page = await openPage(browser);
        await page.context().route("**/_astro/*.js", (route) => route.abort());
        await page.goto(`${baseUrl}${language.formPath}`);
        await page.fill("#title", language.withoutScript.title);
        await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
        await page.click("button[type=submit]");
        expect(await page.title()).toBe(language.errorPageTitle);
        expect(await findAccessibilityViolations(page)).toEqual([]);
        await page.goto(`${baseUrl}${language.receiptPath}?ref=IS-2026-0001`);
        expect(await findAccessibilityViolations(page)).toEqual([]);
      },
    );
  });
});
