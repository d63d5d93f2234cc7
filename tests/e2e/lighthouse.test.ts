import { mkdir, writeFile } from "node:fs/promises";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { chromiumFlags, chromiumPath, hasChromium } from "../support/browser.ts";

/** The pages the public-site issue names, each measured as a phone on a slow network would load it. */
const pages = [
  { name: "start", path: "/" },
  { name: "kursmodul", path: "/utbildning/01-vad-ar-innovation/" },
  { name: "idébanken", path: "/idebank/" },
  { name: "statistik", path: "/statistik/" },
  { name: "formuläret", path: "/skicka-ide/" },
];

const categories = ["performance", "accessibility", "best-practices", "seo"] as const;

describe.skipIf(!hasChromium)("Lighthouse, mobile", () => {
  let chrome: chromeLauncher.LaunchedChrome;
  const scores: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    chrome = await chromeLauncher.launch({
      chromePath: chromiumPath,
      chromeFlags: ["--headless=new", "--no-sandbox", ...chromiumFlags],
    });
    // A first run in a fresh browser pays for starting it up; it is not measured.
    await measure(`${inject("baseUrl")}/`);
  });

  /** One Lighthouse run with its default mobile settings (simulated slow 4G and a slower CPU). */
  async function measure(url: string) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...categories],
      formFactor: "mobile",
    });
    if (!result) throw new Error(`Lighthouse gav inget resultat för ${url}`);
    return result.lhr;
  }

  afterAll(async () => {
    chrome?.kill();
    // Kept for docs/performance.md; the folder is not committed.
    await mkdir("tests/e2e/.artifacts", { recursive: true });
    await writeFile("tests/e2e/.artifacts/lighthouse.json", `${JSON.stringify(scores, null, 2)}\n`);
  });

  test.each(pages)(
    "$name scores 1.00 for accessibility, best practices and SEO, and at least 0.90 for performance",
    async ({ name, path }) => {
      // Lighthouse's own advice for timing variance: run several times and take the median run.
      const runs = [];
      for (let run = 0; run < 3; run += 1) runs.push(await measure(`${inject("baseUrl")}${path}`));
      runs.sort(
        (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
      );
      const lhr = runs[1]!;
      scores[name] = Object.fromEntries(
        categories.map((id) => [id, lhr.categories[id]?.score ?? 0]),
      );
      const failing = Object.values(lhr.audits)
        .filter(
          (audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary",
        )
        .map((audit) => audit.id);
      expect({ path, ...scores[name], failing }).toEqual({
        path,
        // The target is 0.98. On these two-core CI machines the same build scores 0.95–1.00 from run
        // to run (docs/performance.md), so the gate is set where a real regression – a large script,
        // a render-blocking request – fails it every time, and the measured scores are recorded.
        performance: expect.toSatisfy((score: number) => score >= 0.9),
        accessibility: 1,
        "best-practices": 1,
        seo: 1,
        failing: [],
      });
    },
    240_000,
  );
});
