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
import { findMail } from "../support/local-supabase.ts";

/** Presses Tab until the element matching the selector has focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await page.locator(selector).evaluate((element) => element === document.activeElement))
      return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Fills the whole form with the keyboard only: Tab to each field, type, Space for boxes, arrows for radios. */
async function fillByKeyboard(page: Page, email: string): Promise<void> {
  const type = async (selector: string, text: string) => {
    await tabTo(page, selector);
    await page.keyboard.type(text);
  };
  await type("#title", "Lånecyklar för hemtjänsten");
  await type("#problem", "Bilarna räcker inte till på morgonen och korta resor tar lång tid.");
  await type("#proposal", "Elcyklar som personalen kan låna för korta besök i centrum.");
  await tabTo(page, "#beneficiaries-4");
  await page.keyboard.press("Space");
  await tabTo(page, "#area_id");
  await page.keyboard.press("ArrowDown");
  await tabTo(page, "#tried");
  await page.keyboard.press("Space");
  await tabTo(page, "#municipality_code");
  await page.keyboard.type("Skövde");
  await type("#bearer_name", "Karin Lund");
  await type("#bearer_email", email);
  await tabTo(page, "#privacy_notice_read");
  await page.keyboard.press("Space");
  await tabTo(page, "#contact_consent");
  await page.keyboard.press("Space");
}

describe.skipIf(!hasChromium)("submitting an idea and following it", () => {
  let browser: Browser;
  let db: pg.Client;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
  });

  test("the empty form has no accessibility violations and warns about sensitive data", async () => {
    const page = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/skicka-ide/`);
    expect(await page.locator("#sensitive-data-note").textContent()).toContain("allmän handling");
  });

  test("the form page ships at most 20 KB of gzipped JavaScript", async () => {
    const page = await openPage(browser);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(`${inject("baseUrl")}/skicka-ide/`, { waitUntil: "networkidle" });
    let gzipped = 0;
    for (const url of scripts)
      gzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(20 * 1024);
  });

  test("with JavaScript, errors show in a focused summary whose links move to the fields", async () => {
    const page = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/skicka-ide/`);
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    expect(await page.title()).toMatch(/^Fel: /);
    const links = page.locator("#error-summary a");
    expect(await links.first().textContent()).toBe("Skriv en rubrik.");
    expect(await page.locator("#title-error").textContent()).toBe("Fel: Skriv en rubrik.");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("title");
  });

  test(
    "with JavaScript, a keyboard-only person submits, gets the receipt and follows the idea",
    { timeout: 90_000 },
    async () => {
      const page = await openPage(browser);
      await page.goto(`${inject("baseUrl")}/skicka-ide/`);
      const email = `karin.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
      await fillByKeyboard(page, email);
      await tabTo(page, "#problem");
      await page.keyboard.type(" Kontakta 121212-1212.");
      await expect
        .poll(() => page.locator('[data-field="problem"] .field__warning').textContent())
        .toContain("Det ser ut som ett personnummer: 121212-1212");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("Bilarna räcker inte till på morgonen.");
      await tabTo(page, "button[type=submit]");
      await page.keyboard.press("Enter");
      // The enhanced form puts the reference and the token in the fragment only.
      await page.waitForURL(/\/tack\/#ref=IS-\d{4}-\d{4}&token=[A-Za-z0-9_-]+$/);
      const reference = await page.locator("#receipt-reference").textContent();
      expect(reference).toMatch(/^IS-\d{4}-\d{4}$/);
      expect(
        await page.evaluate(() => localStorage.getItem("innovationsslussen:idea-draft")),
      ).toBeNull();
      expect(await findAccessibilityViolations(page)).toEqual([]);
      const stored = await db.query(
        "select b.email from app.ideas i join app.idea_bearers b on b.idea_id = i.id where i.reference = $1",
        [reference],
      );
      expect(stored.rows).toEqual([{ email }]);

      // A reviewer asks a question; the bearer answers through the status link.
      await db.query(
        `insert into app.messages (idea_id, direction, body, author_id)
       select i.id, 'to_bearer', 'Hur många cyklar behövs?', '00000000-0000-4000-a000-000000000001' from app.ideas i where i.reference = $1`,
        [reference],
      );
      await page.locator("#receipt-status-link a").click();
      await page.waitForURL(/\/api\/status$/);
      expect(await page.locator("h1").textContent()).toBe("Lånecyklar för hemtjänsten");
      expect(await page.locator(".tag").first().textContent()).toBe("Inkommen");
      expect(await page.locator(".message").first().textContent()).toContain(
        "Hur många cyklar behövs?",
      );
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page
        .getByLabel("Ditt svar till granskarna")
        .fill("Fem cyklar räcker till att börja med.");
      await page.getByRole("button", { name: "Skicka svaret" }).click();
      await expect
        .poll(() => page.locator("[role=status]").first().textContent())
        .toContain("Tack! Ditt svar är skickat till granskarna.");
      expect(await page.locator(".message--from_bearer").textContent()).toContain(
        "Fem cyklar räcker till att börja med.",
      );
      expect(await findAccessibilityViolations(page)).toEqual([]);
    },
  );

  test(
    "without JavaScript, errors come back with the answers kept, and a correct form is received",
    { timeout: 90_000 },
    async () => {
      const page = await openPage(browser, { javaScriptEnabled: false });
      await page.goto(`${inject("baseUrl")}/skicka-ide/`);
      const email = `per.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
      await page.fill("#title", "Gemensam kalender för lokalbokning");
      await page.fill("#bearer_email", email);
      // Native validation would stop the browser first; the server's check is what this test is about.
      await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
      await page.click("button[type=submit]");
      expect(await page.title()).toBe("Fel: Skicka in en idé – Innovationsslussen");
      expect(await page.locator("#error-summary a").first().textContent()).toBe(
        "Beskriv problemet eller behovet.",
      );
      expect(await page.inputValue("#title")).toBe("Gemensam kalender för lokalbokning");
      expect(await page.inputValue("#bearer_email")).toBe(email);

      await page.fill("#problem", "Varje förvaltning har sin egen lista över lokaler.");
      await page.fill("#proposal", "En gemensam bokningskalender för alla kommunens lokaler.");
      await page.check("#beneficiaries");
      await page.selectOption("#area_id", "kultur-och-fritid");
      await page.check("#tried-2");
      await page.selectOption("#municipality_code", "1496");
      await page.fill("#bearer_name", "Per Holm");
      await page.check("#privacy_notice_read");
      await page.check("#contact_consent-2");
      await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
      await page.click("button[type=submit]");
      await page.waitForURL(/\/tack\/\?ref=IS-\d{4}-\d{4}#[A-Za-z0-9_-]+$/);
      expect(await page.locator("h1").textContent()).toBe("Tack för din idé");
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
      expect(mail.Subject).toBe(`Vi har tagit emot din idé ${reference}`);
      const statusLink = mail.Links.find((link) => link.includes("/status/#"));
      expect(new URL(statusLink ?? "http://x/").hash).toBe(new URL(page.url()).hash);
    },
  );

  test(
    "the server's error page and the receipt have no accessibility violations (axe needs page scripts, so the form's own script is blocked instead)",
    { timeout: 90_000 },
    async () => {
      const page = await openPage(browser);
      await page.context().route("**/_astro/*.js", (route) => route.abort());
      await page.goto(`${inject("baseUrl")}/skicka-ide/`);
      await page.fill("#title", "Gemensam kalender för lokalbokning");
      await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
      await page.click("button[type=submit]");
      expect(await page.title()).toBe("Fel: Skicka in en idé – Innovationsslussen");
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.goto(`${inject("baseUrl")}/tack/?ref=IS-2026-0001`);
      expect(await findAccessibilityViolations(page)).toEqual([]);
    },
  );
});
