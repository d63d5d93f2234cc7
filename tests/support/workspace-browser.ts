import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { openPage } from "./browser.ts";

/*
 * What the workspace's end-to-end tests share: keyboard-only navigation, signing in by keyboard,
 * and a page that records every Content-Security-Policy violation.
 */

/** The demo accounts' password (supabase/seed.sql, local only). */
export const demoPassword = "Innovation-2026!";

/**
 * Presses Tab until the element matching the selector has focus, as a keyboard user would: Shift+Tab
 * when the element comes before the one in focus.
 */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  const target = page.locator(selector).first();
  const backwards = await target.evaluate(
    (element) =>
      document.activeElement !== null &&
      document.activeElement !== document.body &&
      Boolean(
        element.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING,
      ),
  );
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A page that records every Content-Security-Policy violation, as events and as console errors. */
export async function watchedPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await openPage(browser, options);
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      consoleErrors.push(message.text());
    }
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
    violations: async () => [
      ...consoleErrors,
      ...(await page.evaluate(
        () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
      )),
    ],
  };
}

/** Signs in on the sign-in page with the keyboard only: Tab, type, Enter. */
export async function signInByKeyboard(page: Page, email: string): Promise<void> {
  // The first page of a file may wait while the local runtime builds the functions (over 30 s on a
  // busy machine): the form shows once its script has run.
  await page.goto(`${inject("baseUrl")}/granska/logga-in/`, {
    waitUntil: "domcontentloaded",
    timeout: 90_000,
  });
  await page.locator("#email").waitFor({ state: "visible", timeout: 90_000 });
  await tabTo(page, "#email");
  await page.keyboard.type(email);
  await tabTo(page, "#password");
  await page.keyboard.type(demoPassword);
  await page.keyboard.press("Enter");
  // Likewise the first sign-in: wait for the address, not for every asset, and give it time.
  await page.waitForURL(/\/granska\/$/, { waitUntil: "domcontentloaded", timeout: 90_000 });
  await page.locator("[data-session-user]").waitFor({ state: "visible", timeout: 60_000 });
}
