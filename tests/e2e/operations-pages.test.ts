import type { Browser, Page } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { personalDataTexts } from "../../src/domain/admin/messages.ts";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";
import { validIdea } from "../support/ideas.ts";

/*
 * The coordinators' operations pages in the production build, with the keyboard: the personal-data
 * page (search, findings, the decision form with its errors, the retention rules and the next
 * gallring) and the dead e-mails page (a retry). axe finds nothing in any state, and no
 * Content-Security-Policy violation happens. Each test is a whole journey (six axe runs and four
 * round trips on the personal-data page), so each has its own time limit above the suite's 30 s: on a
 * busy CI machine the first took longer than 30 s.
 */

const password = "Innovation-2026!";

/** Presses Tab until the element matching the selector has focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    if (await page.locator(selector).evaluate((element) => element === document.activeElement))
      return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A signed-in coordinator's page, recording CSP errors. */
async function coordinatorPage(browser: Browser): Promise<{ page: Page; cspErrors: string[] }> {
  const page = await openPage(browser);
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      cspErrors.push(message.text());
  });
  await page.goto(`${inject("baseUrl")}/granska/logga-in/`);
  await page.locator("#email").fill("samordnare@example.se");
  await page.locator("#password").fill(password);
  await page.locator("#password").press("Enter");
  await page.waitForURL(/\/granska\/$/);
  return { page, cspErrors };
}

describe.skipIf(!hasChromium)("the coordinators' operations pages", () => {
  let browser: Browser;
  let db: pg.Client;
  let bearer: { email: string; reference: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
    // A fresh idea of its own, so a decision here changes nothing another test relies on.
    const idea = validIdea({
      bearer_name: "Siri Sökbar",
      title: "Idé för sidan om personuppgifter",
    });
    const response = await fetch(`${inject("baseUrl")}/api/ideas`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
      body: JSON.stringify(idea),
    });
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    bearer = { email: idea.bearer_email as string, reference };
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
  });

  test("the personal-data page: search, findings and a decision, by keyboard, without axe violations", async () => {
    const { page, cspErrors } = await coordinatorPage(browser);
    await page.goto(`${inject("baseUrl")}/granska/admin/personuppgifter/`);
    await page.locator("#person-email").waitFor({ state: "visible" });
    await expect
      .poll(() => page.locator("retention-overview table").count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.locator("retention-overview tbody tr").count()).toBe(6);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Nothing typed: the focused summary links to the field.
    await tabTo(page, "#person-email");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.hasAttribute("data-error-summary")), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      "Skriv personens e-postadress.",
    ]);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await tabTo(page, "#person-email");
    await page.keyboard.type(bearer.email);
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.hasAttribute("data-findings")), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(await page.locator("[data-findings] h3").first().textContent()).toBe(
      `${bearer.reference}: Idé för sidan om personuppgifter`,
    );
    expect(await page.locator("[data-findings]").textContent()).toContain("Siri Sökbar");
    const exportLink = page.locator("[data-findings] a", { hasText: personalDataTexts.exportHtml });
    expect(await exportLink.getAttribute("href")).toBe(
      `/api/admin/personal-data?email=${encodeURIComponent(bearer.email)}&format=html`,
    );
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // The decision without a choice or a reason: both named, each linked.
    await tabTo(page, "[data-decision-form] button[type=submit]");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("[data-error-summary] a").allTextContents(), { timeout: 15_000 })
      .toEqual([
        "Välj om begäran gäller radering eller begränsning.",
        "Skriv varför begäran beviljas och vad som finns kvar.",
      ]);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Erasure (Space on the first choice): carried out by the nightly gallring, which the e2e run
    // does not start, so the dead e-mail below can still be sent again.
    await tabTo(page, "#decision-erasure");
    await page.keyboard.press("Space");
    expect(await page.locator("#decision-erasure").isChecked()).toBe(true);
    await tabTo(page, "#decision-reason");
    await page.keyboard.type("Personen har begärt radering. Idéns text finns kvar.");
    await tabTo(page, "[data-decision-form] button[type=submit]");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("[data-decision-notice]").textContent(), { timeout: 15_000 })
      .toBe(personalDataTexts.decisionSaved("erasure", 1));
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // The export page itself.
    await page.goto(`${inject("baseUrl")}${await exportLink.getAttribute("href")}`);
    expect(await page.locator("h1").textContent()).toBe(
      "Dina personuppgifter i Innovationsslussen",
    );
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
  }, 120_000);

  test("the dead e-mails page: a retry by keyboard, without axe violations", async () => {
    await db.query(
      `update app.email_outbox o set status = 'dead', attempts = 8, last_error = '550 Mailbox unavailable',
         payload = o.payload - 'status_token'
       from app.ideas i where i.id = o.idea_id and i.reference = $1`,
      [bearer.reference],
    );
    const { page, cspErrors } = await coordinatorPage(browser);
    await page.goto(`${inject("baseUrl")}/granska/admin/e-post/`);
    const row = page.locator("dead-email-list tbody tr", { hasText: bearer.reference });
    await row.waitFor({ state: "visible" });
    expect(await row.textContent()).toContain(`${bearer.email[0]}***@skovde.se`);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await tabTo(page, `dead-email-list tbody tr:has-text("${bearer.reference}") button`);
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("[data-status]").textContent(), { timeout: 15_000 })
      .toBe(`Kvitto på inskickad idé för ${bearer.reference} skickas igen inom en minut.`);
    expect(await row.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-status"))).toBe(
      true,
    );
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(cspErrors).toEqual([]);
  }, 60_000);
});
