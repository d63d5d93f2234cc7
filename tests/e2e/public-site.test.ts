import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";

/** Every page the sitemap lists, as paths on the server under test. */
async function sitemapPaths(baseUrl: string): Promise<string[]> {
  const xml = await (await fetch(`${baseUrl}/sitemap-0.xml`)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
}

/** The pages that need a script: search, the form's enhancement, the receipt and the status link. */
const pagesWithScripts = new Set([
  "/sok/",
  "/skicka-ide/",
  "/tack/",
  "/status/",
  "/en/submit-idea/",
  "/en/thanks/",
  "/en/status/",
]);

describe.skipIf(!hasChromium)("the public site", () => {
  let browser: Browser;
  let baseUrl: string;
  let paths: string[];

  beforeAll(async () => {
    baseUrl = inject("baseUrl");
    browser = await launchBrowser();
    paths = await sitemapPaths(baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test("the sitemap lists the pages of both languages, the course and the toolbox", () => {
    for (const path of [
      "/",
      "/en/",
      "/om-projektet/",
      "/ideprocessen/",
      "/forvaltningsplan/",
      "/kontakt/",
      "/tillganglighet/",
      "/personuppgifter/",
      "/en/about/",
      "/en/idea-process/",
      "/en/contact/",
      "/en/accessibility/",
      "/en/privacy/",
      "/skicka-ide/",
      "/tack/",
      "/en/submit-idea/",
      "/en/thanks/",
      "/utbildning/",
      "/verktygslada/",
      "/idebank/",
      "/statistik/",
      "/sok/",
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths.filter((path) => /^\/utbildning\/.+/.test(path)).length).toBeGreaterThanOrEqual(6);
    expect(
      paths.filter((path) => /^\/verktygslada\/[^/]+\/$/.test(path)).length,
    ).toBeGreaterThanOrEqual(8);
    expect(
      paths.filter((path) => /^\/verktygslada\/[^/]+\/mall\/$/.test(path)).length,
    ).toBeGreaterThanOrEqual(8);
  });

  test("every page in the sitemap has its language, links the accessibility statement, ships no script unless it needs one, and axe finds nothing", async () => {
    const page = await openPage(browser);
    const problems: string[] = [];
    for (const path of paths) {
      const response = await page.goto(`${baseUrl}${path}`);
      if (response?.status() !== 200) problems.push(`${path}: status ${response?.status()}`);
      const english = path.startsWith("/en/");
      if ((await page.getAttribute("html", "lang")) !== (english ? "en" : "sv")) {
        problems.push(`${path}: fel lang`);
      }
      const statement = english ? "/en/accessibility/" : "/tillganglighet/";
      if ((await page.locator(`footer a[href="${statement}"]`).count()) !== 1) {
        problems.push(`${path}: ingen länk till tillgänglighetsredogörelsen`);
      }
      const scripts = await page.locator("script").count();
      if (!pagesWithScripts.has(path) && scripts > 0) problems.push(`${path}: ${scripts} script`);
      if ((await page.locator("h1").count()) !== 1) problems.push(`${path}: inte exakt en h1`);
      for (const violation of await findAccessibilityViolations(page))
        problems.push(`${path}: ${violation}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  test("site search finds the course under the site's Content-Security-Policy", async () => {
    const page = await openPage(browser);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") violations.push(message.text());
    });
    await page.goto(`${baseUrl}/sok/`);
    await expect.poll(() => page.locator("#site-search-needs-js").isHidden()).toBe(true);
    await page.getByLabel("Sökord").fill("innovationsledarskap");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("#site-search-status").textContent())
      .toMatch(/^\d+ träff(ar)? på ”innovationsledarskap”\.$/);
    expect(await page.locator("#site-search-results a").first().getAttribute("href")).toMatch(
      /^\/utbildning\//,
    );
    expect(page.url()).toBe(`${baseUrl}/sok/?q=innovationsledarskap`);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
  });

  test("without JavaScript the search page says what to do instead", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/sok/?q=mall`);
    expect(await page.locator("#site-search-needs-js").isVisible()).toBe(true);
  });

  test("the start page transfers at most 60 KB in total", async () => {
    const page = await openPage(browser);
    const client = await page.context().newCDPSession(page);
    await client.send("Network.enable");
    let bytes = 0;
    client.on("Network.loadingFinished", (event) => {
      bytes += event.encodedDataLength;
    });
    await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThanOrEqual(60 * 1024);
  });
});
