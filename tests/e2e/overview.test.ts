import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { workspacePaths } from "../../src/config/navigation.ts";
import { overviewTexts } from "../../src/domain/review/overview-texts.ts";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";

/*
 * The coordinators' overview (/granska/oversikt/, issue 14) in the production build with the demo
 * data: signed in with the keyboard, every chart an SVG image with its table beside it, axe on
 * every state, no Content-Security-Policy violation, at most 60 KB of gzipped JavaScript
 * (decision 0009), and a reviewer who is no coordinator told the page is not for them.
 */

const password = "Innovation-2026!";

/** Presses Tab until the element matching the selector has focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 120; presses += 1) {
    if (await page.locator(selector).evaluate((element) => element === document.activeElement))
      return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A page that records Content-Security-Policy violations and every script it loads. */
async function watchedPage(browser: Browser) {
  const page = await openPage(browser);
  // The first request to the production server and every script are slow on a busy machine.
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(90_000);
  const consoleErrors: string[] = [];
  const scripts = new Set<string>();
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.add(request.url());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    page,
    scripts,
    violations: async () => [
      ...consoleErrors,
      ...(await page.evaluate(
        () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
      )),
    ],
  };
}

/** Signs in on the sign-in page with the keyboard only, then opens the overview. */
async function openOverview(page: Page, email: string): Promise<void> {
  await page.goto(`${inject("baseUrl")}/granska/logga-in/`);
  // The form is shown by its script; on a busy machine that can take a while.
  await page.locator("#sign-in").waitFor({ state: "visible" });
  await tabTo(page, "#email");
  await page.keyboard.type(email);
  await tabTo(page, "#password");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/granska\/$/);
  await page.goto(`${inject("baseUrl")}${workspacePaths.overview}`, { waitUntil: "networkidle" });
  await page.locator("[data-session-user]").waitFor({ state: "visible" });
}

describe.skipIf(!hasChromium)("the coordinators' overview", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Signing in by keyboard, tabbing through the page and axe take 30–50 s, more on a busy machine.
  test(
    "a coordinator sees the figures, each chart with its table, the follow-ups and the unreleased decisions",
    { timeout: 240_000 },
    async () => {
      const { page, scripts, violations } = await watchedPage(browser);
      await openOverview(page, "samordnare@example.se");
      await page.locator("review-overview .chart").first().waitFor({ state: "visible" });

      expect(await page.locator("h1").textContent()).toBe(overviewTexts.title);
      expect(await page.locator(".key-figures dt").allTextContents()).toEqual([
        overviewTexts.figures.total,
        overviewTexts.figures.toFirstAssessment,
        overviewTexts.figures.toDecision,
        overviewTexts.figures.unreleased,
      ]);
      // Every chart: an SVG image named and described, and a table with a row per bar.
      const charts = page.locator("review-overview section.chart");
      const headings = await charts.locator("h2").allTextContents();
      expect(headings).toEqual([
        overviewTexts.charts.funnel.title,
        overviewTexts.charts.overdue.title,
        overviewTexts.charts.municipalities.title,
        overviewTexts.charts.areas.title,
      ]);
      for (let index = 0; index < headings.length; index += 1) {
        const chart = charts.nth(index);
        const image = chart.locator('svg[role="img"]');
        expect(await image.count(), headings[index]).toBe(1);
        expect(await image.locator("title").textContent()).toBe(headings[index]);
        const bars = await image.locator("rect").count();
        expect(await chart.locator("table tbody tr").count(), headings[index]).toBe(bars);
      }
      // The lifecycle's twelve states, from the counts table.
      expect(await charts.nth(0).locator("tbody tr").count()).toBe(12);

      // The demo data's unreleased decision (and any that other suites have made since) links to
      // its idea, reachable by keyboard.
      const unreleased = page.locator("#ej-skickade-heading + p + .table-wrapper a").first();
      expect(await unreleased.getAttribute("href")).toMatch(
        /^\/granska\/ide\/\?ref=IS-\d{4}-\d{4}$/,
      );
      await tabTo(page, "#ej-skickade-heading + p + .table-wrapper tr:first-child a");

      expect(await findAccessibilityViolations(page)).toEqual([]);
      expect(await violations()).toEqual([]);

      let gzipped = 0;
      for (const url of scripts)
        gzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
      console.log(`Gzipped JavaScript on ${workspacePaths.overview}: ${gzipped} bytes`);
      expect(scripts.size).toBeGreaterThan(0);
      expect(gzipped).toBeLessThanOrEqual(60 * 1024);
    },
  );

  test(
    "a reviewer who is no coordinator is told the overview is for coordinators",
    { timeout: 240_000 },
    async () => {
      const { page, violations } = await watchedPage(browser);
      await openOverview(page, "granskare.skovde@example.se");
      const status = page.locator("[data-overview-status]");
      await expect.poll(() => status.textContent()).toBe(overviewTexts.coordinatorsOnly);
      expect(await page.locator("review-overview .chart").count()).toBe(0);
      expect(await findAccessibilityViolations(page)).toEqual([]);
      expect(await violations()).toEqual([]);
    },
  );
});
