import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

/**
 * The system Chromium (Debian's `chromium`), never a browser Playwright downloads. Without one the
 * end-to-end suite skips and says so; in CI (`CI=true`) it fails instead, so CI cannot pass by
 * silently running no browser test.
 */
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  const message = `Chromium saknas på ${chromiumPath}: installera Debians paket chromium eller sätt PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH.`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`${message} End-to-end-testerna hoppas över.`);
}

/** Flags this offline machine needs: without the background-networking ones Chromium keeps dialling out. */
export const chromiumFlags = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts headless Chromium with {@link chromiumFlags}. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/** Opens a page in a fresh browser context (no shared cookies or storage; axe needs a context). */
export async function openPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
) {
  const context = await browser.newContext(options);
  return context.newPage();
}

/** Runs axe with the WCAG 2.1 A and AA rules and returns a readable list of violations. */
export async function findAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );
}
