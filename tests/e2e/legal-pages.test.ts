import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { hasChromium, launchBrowser, openPage } from "../support/browser.ts";

async function headings(page: Page): Promise<string[]> {
  return (await page.locator("main h2").allTextContents()).map((text) => text.trim());
}

describe.skipIf(!hasChromium)("the legal pages", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test("the accessibility statement has every item DIGG requires (LG-01)", async () => {
    const page = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/tillganglighet/`);
    expect(await page.locator("h1").textContent()).toBe("Tillgänglighetsredogörelse");
    expect(await headings(page)).toEqual([
      "Vem som står bakom webbplatsen",
      "Vilken digital service det gäller",
      "Hur tillgänglig är webbplatsen?",
      "Innehåll som inte är tillgängligt",
      "Hur vi har testat webbplatsen",
      "Datum för bedömningen",
      "Senaste uppdatering",
      "Meddela oss brister",
      "Tillsyn och anmälan",
      "Oskäligt betungande anpassning",
      "Innehåll som inte omfattas av lagen",
    ]);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Skaraborgs Kommunalförbund");
    expect(text).toMatch(
      /är (helt|delvis|inte) förenlig med lag \(2018:1937\) om tillgänglighet till digital offentlig service/,
    );
    expect(text).toMatch(/Vi bedömde senast webbplatsen den \d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/Vi uppdaterade senast den här redogörelsen den \d{4}-\d{2}-\d{2}/);
    expect(text).toContain("självskattning");
    expect(
      await page.locator('main a[href="https://www.digg.se/tdosanmalan"]').count(),
    ).toBeGreaterThanOrEqual(1);
    expect(await page.locator('main a[href^="mailto:"]').count()).toBeGreaterThanOrEqual(1);
  });

  test("the privacy notice has every GDPR Art. 13 item and says an idea becomes an allmän handling (LG-06)", async () => {
    const page = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/personuppgifter/`);
    expect(await headings(page)).toEqual([
      "Personuppgiftsansvarig",
      "Dataskyddsombud",
      "Ändamål och rättslig grund",
      "Vilka uppgifter vi behandlar",
      "Mottagare",
      "Överföring till tredje land",
      "Hur länge vi sparar uppgifterna",
      "Allmän handling och offentlighetsprincipen",
      "Dina rättigheter",
      "Klagomål till Integritetsskyddsmyndigheten",
      "Måste du lämna uppgifterna?",
    ]);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("allmän handling");
    expect(text).toContain("artikel 6.1 e");
    expect(text).toContain("personnummer");
    expect(text).toContain("gallring");
    expect(text).toMatch(/sekretessprövning/);
    expect(await page.locator('main a[href*="imy.se"]').count()).toBeGreaterThanOrEqual(1);
  });

  test("the English versions list the same items", async () => {
    const page = await openPage(browser);
    await page.goto(`${inject("baseUrl")}/en/accessibility/`);
    expect((await headings(page)).length).toBeGreaterThanOrEqual(11);
    expect(
      await page.locator('main a[href="https://www.digg.se/tdosanmalan"]').count(),
    ).toBeGreaterThanOrEqual(1);
    await page.goto(`${inject("baseUrl")}/en/privacy/`);
    expect((await headings(page)).length).toBeGreaterThanOrEqual(11);
  });
});
