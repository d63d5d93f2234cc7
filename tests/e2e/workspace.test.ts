import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { sessionMessages } from "../../src/domain/session/messages.ts";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";
import { findMail } from "../support/local-supabase.ts";
import { signInByKeyboard, tabTo, watchedPage } from "../support/workspace-browser.ts";

/*
 * The reviewers' workspace in the production build: signing in and out with the keyboard only,
 * the sign-in link through the mail catcher, the idle warning, axe on every state, no
 * Content-Security-Policy violation, and the JavaScript budget (decision 0009).
 */

const accounts = [
  { email: "samordnare@example.se", name: "Sam Samordnare", scope: "Samordnare för alla kommuner" },
  { email: "granskare.skovde@example.se", name: "Greta Granskare", scope: "Idécoach i Skövde" },
  {
    email: "granskare.lidkoping@example.se",
    name: "Lars Granskare",
    scope: "Idécoach i Lidköping",
  },
] as const;

describe.skipIf(!hasChromium)("the reviewers' workspace", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const account of accounts) {
    test(`${account.email} signs in and out with the keyboard only and sees their name and scope`, async () => {
      const { page, violations } = await watchedPage(browser);
      await signInByKeyboard(page, account.email);
      const who = await page.locator("[data-session-user]").textContent();
      expect(who).toContain(`Inloggad som ${account.name} (${account.email})`);
      expect(await page.locator("[data-session-role]").textContent()).toBe(account.scope);
      expect(await page.locator("h1").textContent()).toBe("Granskning");
      expect(await page.locator("#review-queue").isVisible()).toBe(true);
      // The session is only in HttpOnly __Host- cookies: no script can read it.
      expect(await page.evaluate(() => document.cookie)).toBe("");
      const cookies = await page.context().cookies();
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) {
        expect(cookie.name.startsWith("__Host-")).toBe(true);
        expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
      }
      expect(await findAccessibilityViolations(page)).toEqual([]);

      await tabTo(page, "workspace-session form button");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/granska\/logga-in\/\?meddelande=signed_out$/);
      await expect.poll(() => page.locator("[data-notice]").textContent()).toBe("Du är utloggad.");
      expect(await page.context().cookies()).toEqual([]);
      // The workspace is closed again.
      await page.goto(`${inject("baseUrl")}/granska/`);
      await page.waitForURL(/\/granska\/logga-in\/$/);
      expect(await violations()).toEqual([]);
    });
  }

  test("the sign-in page has no accessibility violations: empty, with errors, refused, and link sent", async () => {
    const { page, violations } = await watchedPage(browser);
    await page.goto(`${inject("baseUrl")}/granska/logga-in/`);
    await page.locator("#sign-in").waitFor({ state: "visible" });
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Nothing filled in: the focused summary links to the field.
    await tabTo(page, "button[value=password]");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.hasAttribute("data-error-summary")))
      .toBe(true);
    expect(await page.title()).toMatch(/^Fel: /);
    expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
      sessionMessages.emailMissing,
      sessionMessages.passwordMissing,
    ]);
    expect(await page.locator("#email-error").textContent()).toBe(
      `Fel: ${sessionMessages.emailMissing}`,
    );
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("email");

    // A wrong password: the one message for a wrong address or password.
    await page.keyboard.type("samordnare@example.se");
    await tabTo(page, "#password");
    await page.keyboard.type("fel-lösenord-123");
    await page.keyboard.press("Enter");
    // A refused sign-in takes at least 800 ms, a link request 1.5 s (the same timing for all).
    await expect
      .poll(() => page.locator("[data-error-summary] li").allTextContents(), { timeout: 10_000 })
      .toEqual([sessionMessages.wrongCredentials]);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // A sign-in link instead.
    await tabTo(page, "button[value=link]");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("[data-notice]").textContent(), { timeout: 10_000 })
      .toBe(sessionMessages.linkSent("samordnare@example.se"));
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  test("a sign-in link from the mail catcher signs the reviewer in, in the same browser", async () => {
    const { page, violations } = await watchedPage(browser);
    const email = "granskare.lidkoping@example.se";
    const since = Date.now();
    await page.goto(`${inject("baseUrl")}/granska/logga-in/`);
    await tabTo(page, "#email");
    await page.keyboard.type(email);
    await tabTo(page, "button[value=link]");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("[data-notice]").textContent(), { timeout: 10_000 })
      .toBe(sessionMessages.linkSent(email));

    // The first e-mail to this address in the run (Auth sends one per minute and address).
    const mail = await findMail(inject("mailUrl"), email);
    expect(Date.parse(mail.Created)).toBeGreaterThanOrEqual(since - 1000);
    expect(mail.Subject).toBe("Logga in på Innovationsslussen");
    const link = mail.Links.find((href) => href.includes("/auth/v1/verify"))!;
    await page.goto(link);
    await page.waitForURL(/\/granska\/$/);
    await page.locator("[data-session-user]").waitFor({ state: "visible" });
    expect(await page.locator("[data-session-role]").textContent()).toBe("Idécoach i Lidköping");

    // The same link again: used, so the sign-in page says what to do.
    await page.goto(link);
    await page.waitForURL(/\/granska\/logga-in\/\?meddelande=link_/);
    expect(await page.locator("[data-error-summary] li").textContent()).toMatch(/länk/);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  test("two minutes before the idle timeout a dialog offers to stay signed in", async () => {
    const { page, violations } = await watchedPage(browser);
    await page.clock.install();
    await signInByKeyboard(page, "granskare.skovde@example.se");
    await page.clock.fastForward("28:30");
    const dialog = page.locator("dialog#idle-warning");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.locator("h2").textContent()).toBe(sessionMessages.idleWarningHeading);
    expect(await dialog.locator("p").textContent()).toBe(sessionMessages.idleWarning(2));
    // Focus is on "Fortsätt vara inloggad"; Enter keeps the session and closes the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      sessionMessages.stayInButton,
    );
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    // Without an answer, the page signs out at the timeout and says why.
    await page.clock.fastForward("30:30");
    await page.waitForURL(/\/granska\/logga-in\/\?meddelande=idle$/);
    expect(await page.locator("[data-notice]").textContent()).toBe(sessionMessages.notices.idle);
    expect(await violations()).toEqual([]);
  });

  // Three pages, each until the network is quiet: 18 s on a quiet machine, so its own time limit.
  test("each workspace page ships at most 60 KB of gzipped JavaScript", async () => {
    const sizes: Record<string, number> = {};
    // The sign-in page as a visitor; the queue and the idea page signed in, in one browser context.
    const visitor = await openPage(browser);
    const reviewer = await openPage(browser);
    await signInByKeyboard(reviewer, "samordnare@example.se");
    for (const [path, page, ready] of [
      ["/granska/logga-in/", visitor, "#sign-in"],
      ["/granska/", reviewer, "table.queue-table"],
      ["/granska/ide/?ref=IS-2025-0001", reviewer, "[data-idea-main] section"],
    ] as const) {
      const scripts = new Set<string>();
      const record = (request: { resourceType(): string; url(): string }) => {
        if (request.resourceType() === "script") scripts.add(request.url());
      };
      page.on("request", record);
      await page.goto(`${inject("baseUrl")}${path}`, { waitUntil: "networkidle" });
      await page.locator(ready).first().waitFor();
      page.off("request", record);
      let gzipped = 0;
      for (const url of scripts)
        gzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
      expect(scripts.size, path).toBeGreaterThan(0);
      sizes[path] = gzipped;
    }
    console.log(`Gzipped JavaScript per workspace page: ${JSON.stringify(sizes)}`);
    for (const [path, gzipped] of Object.entries(sizes))
      expect(gzipped, path).toBeLessThanOrEqual(60 * 1024);
  }, 90_000);

  test("without JavaScript the workspace says it needs it", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${inject("baseUrl")}/granska/logga-in/`);
    expect(await page.locator("noscript, .notice--error").first().textContent()).toContain(
      "Granskningen behöver JavaScript",
    );
    expect(await page.locator("#sign-in").isVisible()).toBe(false);
    // (axe needs JavaScript in the page; the same page with it is checked above.)
  });
});
