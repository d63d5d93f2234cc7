import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";

describe.skipIf(!hasChromium)("the start page", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test("is in Swedish, and the skip link takes a keyboard user to the main content", async () => {
    page = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/`);
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await page.title()).toBe("Innovationsslussen");

    await page.keyboard.press("Tab");
    const skipLink = page.locator(":focus");
    expect(await skipLink.textContent()).toBe("Gå direkt till innehållet");
    expect(await skipLink.isVisible()).toBe(true);

    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
    expect(page.url()).toBe(`${inject("baseUrl")}/#main`);
  });

  test("has no accessibility violations", async () => {
    page = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/`);
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  test("loads no script at all", async () => {
    page = await openPage(browser);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(`${inject("baseUrl")}/`);
    expect(await page.locator("script").count()).toBe(0);
    expect(scripts).toEqual([]);
  });
});
