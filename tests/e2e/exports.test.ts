import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { exportFormTexts } from "../../src/domain/exports/messages.ts";
import { exportColumns } from "../../src/domain/exports/idea-export.ts";
import { findAccessibilityViolations, hasChromium, launchBrowser } from "../support/browser.ts";
import { signInByKeyboard, tabTo, watchedPage } from "../support/workspace-browser.ts";

/*
 * The ideas export in the production build, by keyboard (issue 15): the coordinator filters the
 * queue, tabs to "Exportera CSV" and presses Enter; the browser saves a CSV of exactly the filtered
 * ideas; the log page then shows the export with its filter and row count. axe finds nothing on
 * either page, and no Content-Security-Policy violation happens.
 */

describe.skipIf(!hasChromium)("the ideas export", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test("the coordinator downloads the queue's filter as CSV by keyboard, and the log shows it", async () => {
    const { page, violations } = await watchedPage(browser);
    // The machine is shared: give a busy server time.
    page.setDefaultNavigationTimeout(90_000);
    page.setDefaultTimeout(60_000);
    page.on("response", (response) => {
      if (response.url().includes("/api/auth/"))
        console.error("e2e", response.status(), response.url());
    });
    await signInByKeyboard(page, "samordnare@example.se");

    // The queue filtered to Skövde, as the coordinator would set it.
    await page.goto(`${inject("baseUrl")}/granska/?municipality=1496`);
    await page.locator("[data-queue-results] table").waitFor({ timeout: 60_000 });
    const csvLink = page.getByRole("link", { name: exportFormTexts.csv });
    await csvLink.waitFor({ state: "visible", timeout: 60_000 });
    expect(await findAccessibilityViolations(page)).toEqual([]);
    const shown = await page.locator("[data-queue-status]").textContent();

    // After the filters, the coordinators' menu and a page of the queue's rows.
    await tabTo(page, `a[data-export="csv"]`, 200);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.keyboard.press("Enter"),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ideer-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, "utf8");
    const rows = parse(text, { delimiter: ";", bom: true }) as string[][];
    expect(rows[0]).toEqual(exportColumns(false).map((column) => column.header));
    const ideas = rows.slice(1);
    expect(ideas.length).toBeGreaterThan(0);
    expect(new Set(ideas.map((row) => row[6]))).toEqual(new Set(["1496"]));
    // The queue said how many ideas match; the file has every one of them.
    expect(shown).toContain(String(ideas.length));

    // The log: the export, newest first, with its filter and row count.
    await page.goto(`${inject("baseUrl")}/granska/admin/logg/?action=ideas_export`);
    const firstRow = page.locator("[data-audit-events] tbody tr").first();
    await firstRow.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => firstRow.textContent())
      .toContain(`CSV, ${ideas.length} idéer; filter: kommunkod 1496; utan personuppgifter`);
    expect(await firstRow.textContent()).toContain("Export av idéer");
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(await violations()).toEqual([]);
  }, 300_000);
});
