import { gzipSync } from "node:zlib";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";

/** The form refuses (silently) what is sent within two seconds of showing it, as a bot would. */
const humanFillMilliseconds = 2500;

/** Fills every required answer through the English labels, as a person reading them would. */
async function fillInEnglish(page: Page, email: string): Promise<void> {
  await page.getByLabel("Title", { exact: true }).fill("Shared e-bikes for home care");
  await page
    .getByLabel("What problem or need have you seen?")
    .fill("There are not enough cars in the morning, and short trips take a long time.");
  await page
    .getByLabel("What is your idea?")
    .fill("E-bikes that staff can borrow for short visits in the town centre.");
  await page.getByLabel("Staff", { exact: true }).check();
  await page.getByLabel("Area of activity").selectOption("vard-och-omsorg");
  await page
    .getByRole("group", { name: "Has the idea been tried?" })
    .getByLabel("No", { exact: true })
    .check();
  await page.getByLabel("Municipality", { exact: true }).selectOption("1496");
  await page.getByLabel("Your name", { exact: true }).fill("Karin Lund");
  await page.getByLabel("Your work e-mail address").fill(email);
  await page.getByLabel("I have read how you process my personal data").check();
  await page
    .getByRole("group", { name: "May we contact you about the idea?" })
    .getByLabel("Yes", { exact: true })
    .check();
}

describe.skipIf(!hasChromium)("submitting an idea in English", () => {
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

  test("the empty English form is in English, warns about sensitive data and has no accessibility violations", async () => {
    const page = await openPage(browser);
    await page.goto(`${baseUrl}/en/submit-idea/`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.title()).toBe("Submit an idea – Innovationsslussen");
    expect(await page.locator("h1").textContent()).toBe("Submit an idea");
    expect(await page.locator("#sensitive-data-note").textContent()).toContain(
      "What you send becomes an official document that others may ask to read.",
    );
    expect(await page.inputValue("input[name=locale]")).toBe("en");
    expect(await page.locator('link[rel=alternate][hreflang="sv"]').getAttribute("href")).toMatch(
      /\/skicka-ide\/$/,
    );
    expect(await page.locator("a.language-switch").getAttribute("href")).toBe("/skicka-ide/");
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  test("the English form page ships at most 20 KB of gzipped JavaScript", async () => {
    const page = await openPage(browser);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(`${baseUrl}/en/submit-idea/`, { waitUntil: "networkidle" });
    let gzipped = 0;
    for (const url of scripts)
      gzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(20 * 1024);
  });

  test("with JavaScript, errors show in a focused English summary whose links move to the fields", async () => {
    const page = await openPage(browser);
    await page.goto(`${baseUrl}/en/submit-idea/`);
    await page.getByRole("button", { name: "Send the idea" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    expect(await page.title()).toBe("Error: Submit an idea – Innovationsslussen");
    expect(await page.locator("#error-summary-title").textContent()).toBe("There is a problem");
    expect(await page.locator("#error-summary a").allTextContents()).toEqual([
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
    ]);
    expect(await page.locator("#title-error").textContent()).toBe("Error: Enter a title.");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("title");
  });

  test("with JavaScript, inline messages, counters, the personnummer warning and the similar-ideas hint are in English", async () => {
    const page = await openPage(browser);
    await page.goto(`${baseUrl}/en/submit-idea/`);
    const title = page.getByLabel("Title", { exact: true });
    await title.focus();
    await page.getByLabel("What problem or need have you seen?").focus();
    await expect
      .poll(() => page.locator("#title-error").textContent())
      .toBe("Error: Enter a title.");
    await title.fill("Digitala lås i hemtjänsten");
    await expect
      .poll(() => page.locator('[data-field="title"] .field__counter').textContent())
      .toBe(`You have ${150 - "Digitala lås i hemtjänsten".length} characters left`);
    await page.getByLabel("Your work e-mail address").focus();
    await expect.poll(() => page.locator("#title-error").count()).toBe(0);

    // A published idea in the demo data resembles this title: the hint links it, marked as Swedish.
    await expect
      .poll(() => page.locator(".similar-ideas h3").textContent(), { timeout: 10_000 })
      .toBe("Similar ideas already in the idea bank");
    expect(await page.locator(".similar-ideas p").textContent()).toBe(
      "Have a look at them (they are in Swedish). You can still send your idea.",
    );
    expect(await page.locator(".similar-ideas a").first().getAttribute("lang")).toBe("sv");

    await page.getByLabel("What is your idea?").fill("Call me on 121212-1212.");
    await expect
      .poll(() => page.locator('[data-field="proposal"] .field__warning').textContent())
      .toBe(
        "This looks like a personal identity number: 121212-1212. Remove it before you send the idea.",
      );
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  test(
    "with JavaScript, a person submits in English and the English receipt shows the reference and the status link",
    { timeout: 90_000 },
    async () => {
      const page = await openPage(browser);
      await page.goto(`${baseUrl}/en/submit-idea/`);
      const shown = Date.now();
      const email = `karin.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
      await fillInEnglish(page, email);
      await page.waitForTimeout(Math.max(0, humanFillMilliseconds - (Date.now() - shown)));
      await page.getByRole("button", { name: "Send the idea" }).click();
      await page.waitForURL(/\/en\/thanks\/#ref=IS-\d{4}-\d{4}&token=[A-Za-z0-9_-]+$/);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.locator("h1").textContent()).toBe("Thank you for your idea");
      const reference = await page.locator("#receipt-reference").textContent();
      expect(reference).toMatch(/^IS-\d{4}-\d{4}$/);
      expect(await page.locator("#receipt-reference-line").textContent()).toMatch(
        /^\s*Your reference number is IS-\d{4}-\d{4}\.\s*$/,
      );
      const token = `#${new URLSearchParams(new URL(page.url()).hash.slice(1)).get("token")}`;
      expect(await page.locator("#receipt-status-link").isVisible()).toBe(true);
      expect(await page.locator("#receipt-status-link a").getAttribute("href")).toBe(
        // The English status page (issue 11: the English journey stays in English).
        `/en/status/${token}`,
      );
      expect(
        await page.evaluate(() => localStorage.getItem("innovationsslussen:idea-draft")),
      ).toBeNull();
      expect(await findAccessibilityViolations(page)).toEqual([]);
      const stored = await db.query(
        "select i.title, b.email from app.ideas i join app.idea_bearers b on b.idea_id = i.id where i.reference = $1",
        [reference],
      );
      expect(stored.rows).toEqual([{ title: "Shared e-bikes for home care", email }]);
    },
  );

  test(
    "without JavaScript, errors come back in English with the answers kept, and a correct form lands on /en/thanks/",
    { timeout: 90_000 },
    async () => {
      const page = await openPage(browser, { javaScriptEnabled: false });
      await page.goto(`${baseUrl}/en/submit-idea/`);
      const email = `per.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
      await page.fill("#title", "A shared calendar for booking rooms");
      await page.fill("#bearer_email", email);
      // Native validation would stop the browser first; the server's check is what this test is about.
      await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
      await page.click("button[type=submit]");
      expect(await page.title()).toBe("Error: Submit an idea – Innovationsslussen");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.locator("#error-summary-title").textContent()).toBe("There is a problem");
      expect(await page.locator("#error-summary a").first().textContent()).toBe(
        "Describe the problem or need.",
      );
      expect(await page.inputValue("#title")).toBe("A shared calendar for booking rooms");
      expect(await page.inputValue("#bearer_email")).toBe(email);

      await page.fill("#problem", "Every department keeps its own list of rooms.");
      await page.fill("#proposal", "One booking calendar for all the municipality's rooms.");
      await page.check("#beneficiaries");
      await page.selectOption("#area_id", "kultur-och-fritid");
      await page.check("#tried-2");
      await page.selectOption("#municipality_code", "1496");
      await page.fill("#bearer_name", "Per Holm");
      await page.check("#privacy_notice_read");
      await page.check("#contact_consent-2");
      await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
      await page.click("button[type=submit]");
      await page.waitForURL(/\/en\/thanks\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]+$/);
      expect(await page.locator("h1").textContent()).toBe("Thank you for your idea");
      expect(await page.locator("#receipt-mail-note").isVisible()).toBe(true);
      const reference = new URL(page.url()).searchParams.get("ref");
      expect(await page.locator("#receipt-reference").textContent()).toBe(reference);
      const stored = await db.query(
        "select count(*)::int as n from app.ideas where reference = $1",
        [reference],
      );
      expect(stored.rows).toEqual([{ n: 1 }]);
    },
  );

  test(
    "the server's English error page and the English receipt have no accessibility violations (the form's own script is blocked, as in the Swedish test)",
    { timeout: 90_000 },
    async () => {
      const page = await openPage(browser);
      await page.context().route("**/_astro/*.js", (route) => route.abort());
      await page.goto(`${baseUrl}/en/submit-idea/`);
      await page.fill("#title", "A shared calendar for booking rooms");
      await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
      await page.click("button[type=submit]");
      expect(await page.title()).toBe("Error: Submit an idea – Innovationsslussen");
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.goto(`${baseUrl}/en/thanks/?ref=IS-2026-0001`);
      expect(await findAccessibilityViolations(page)).toEqual([]);
    },
  );
});
