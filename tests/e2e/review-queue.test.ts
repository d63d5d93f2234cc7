import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { ideaPageTexts } from "../../src/domain/review/idea-page-texts.ts";
import { queueParameterMessages } from "../../src/domain/review/queue-messages.ts";
import { queueTexts } from "../../src/domain/review/queue-texts.ts";
import { findAccessibilityViolations, hasChromium, launchBrowser } from "../support/browser.ts";
import { signInByKeyboard, tabTo, watchedPage } from "../support/workspace-browser.ts";

/*
 * The reviewer's queue (/granska/) and idea page (/granska/ide/?ref=…) in the production build, as
 * a person uses them with the keyboard only: every demo account signs in, sees their queue, filters
 * (and goes back), searches, pages with "Visa fler idéer", and opens an idea. axe on every state –
 * the queue filtered, empty, with a bad address and with the service unavailable; the idea loaded,
 * not found, without or with a malformed reference, unavailable; and at 320 px (400 % zoom) – and no
 * Content-Security-Policy violation anywhere.
 */

const accounts = {
  coordinator: "samordnare@example.se",
  skovde: "granskare.skovde@example.se",
  lidkoping: "granskare.lidkoping@example.se",
  region: "granskare.region@example.se",
} as const;
type Account = keyof typeof accounts;
const userIds: Record<Account, string> = {
  coordinator: "00000000-0000-4000-a000-000000000001",
  skovde: "00000000-0000-4000-a000-000000000002",
  lidkoping: "00000000-0000-4000-a000-000000000003",
  region: "00000000-0000-4000-a000-000000000004",
};
const scopeSql: Record<Account, string> = {
  coordinator: "true",
  region: "true",
  skovde: "(i.municipality_code = '1496' or i.shared_regionally)",
  lidkoping: "(i.municipality_code = '1494' or i.shared_regionally)",
};

/** What the demo data holds, read from the database before the browser starts. */
interface Expected {
  total: number;
  inReviewAssignedToMe: number;
  search: number;
}
const expected = {} as Record<Account, Expected>;
/** Ideas the idea page's tests open (by reference). */
const ideas = { lidkopingMapIdea: "", skovdeOnly: "", skovdeShared: "" };

const base = () => inject("baseUrl");
const status = (page: Page) => page.locator("[data-queue-status]").textContent();
const rowCount = (page: Page) => page.locator("table.queue-table tbody tr").count();
const references = (page: Page) => page.locator("table.queue-table tbody th a").allTextContents();

/** Requests to the queue's API, and to the idea's, for making them fail on purpose. */
const isQueueRequest = (url: URL) => url.pathname === "/api/review/ideas";
const isIdeaRequest = (url: URL) => url.pathname.startsWith("/api/review/ideas/");

/** Chooses an option of a `<select>` with the arrow keys, as on a keyboard. */
async function chooseByKeyboard(page: Page, selector: string, value: string): Promise<void> {
  await tabTo(page, selector);
  for (const key of ["Home", ...Array<string>(20).fill("ArrowDown")]) {
    if ((await page.locator(selector).inputValue()) === value) return;
    await page.keyboard.press(key);
  }
  if ((await page.locator(selector).inputValue()) !== value)
    throw new Error(`${selector} never became ${value}`);
}

/** Polls until the page shows what is expected; the production build answers within seconds. */
function poll<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

/** Waits for the queue to have loaded (its status is the count, not "Hämtar idéer …"). */
async function settled(page: Page, text: string): Promise<void> {
  await poll(() => status(page)).toBe(text);
}

describe.skipIf(!hasChromium)("the reviewer's queue and idea page", () => {
  let browser: Browser;

  beforeAll(async () => {
    const db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
    try {
      const count = async (account: Account, where: string) =>
        (
          await db.query<{ count: number }>(
            `select count(*)::int as count from app.ideas i where ${scopeSql[account]} and ${where}`,
          )
        ).rows[0]!.count;
      for (const account of Object.keys(accounts) as Account[]) {
        expected[account] = {
          total: await count(account, "true"),
          inReviewAssignedToMe: await count(
            account,
            `i.state = 'in_review' and exists (select 1 from app.assignments a
               where a.idea_id = i.id and a.reviewer_id = '${userIds[account]}')`,
          ),
          search: await count(
            account,
            "i.search_vector @@ websearch_to_tsquery('swedish', 'hemtjänsten')",
          ),
        };
      }
      const one = async (where: string) =>
        (
          await db.query<{ reference: string }>(
            `select reference from app.ideas where ${where} order by reference limit 1`,
          )
        ).rows[0]!.reference;
      ideas.lidkopingMapIdea = await one(
        "municipality_code = '1494' and title like 'Medborgardialog med digital karta%'",
      );
      ideas.skovdeOnly = await one("municipality_code = '1496' and not shared_regionally");
      ideas.skovdeShared = await one("municipality_code = '1496' and shared_regionally");
    } finally {
      await db.end();
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const account of Object.keys(accounts) as Account[]) {
    test(
      `${accounts[account]} filters, searches, pages and opens an idea with the keyboard only`,
      { timeout: 180_000 },
      async () => {
        const { page, violations } = await watchedPage(browser);
        const { total, inReviewAssignedToMe, search } = expected[account];
        await signInByKeyboard(page, accounts[account]);
        await settled(page, queueTexts.status.total(total));
        expect(await page.locator("table.queue-table caption").textContent()).toBe(
          queueTexts.table.caption("received", Math.min(total, 50), total),
        );
        expect(await findAccessibilityViolations(page)).toEqual([]);

        // Filter: a state and "Tilldelade mig", then "Visa idéer". The address keeps the view.
        await chooseByKeyboard(page, "#filter-state", "in_review");
        await tabTo(page, "#filter-assigned");
        await page.keyboard.press("Space");
        await tabTo(page, "form[data-queue-filters] button[type=submit]");
        await page.keyboard.press("Enter");
        await page.waitForURL(/\/granska\/\?state=in_review&assignedToMe=true$/);
        await settled(page, queueTexts.status.total(inReviewAssignedToMe));
        if (inReviewAssignedToMe > 0) {
          const states = await page
            .locator("table.queue-table tbody td:nth-of-type(4)")
            .allTextContents();
          expect(new Set(states)).toEqual(new Set(["Under bedömning"]));
        }
        expect(await page.locator('.queue-counts a[aria-current="true"]').textContent()).toMatch(
          /^Under bedömning \d+$/,
        );
        expect(await findAccessibilityViolations(page)).toEqual([]);

        // The back button returns to the unfiltered queue, and the form says so.
        await page.goBack();
        await page.waitForURL(/\/granska\/$/);
        await settled(page, queueTexts.status.total(total));
        expect(await page.locator("#filter-state").inputValue()).toBe("");
        expect(await page.locator("#filter-assigned").isChecked()).toBe(false);

        // Search: type and press Enter.
        await tabTo(page, "#filter-q");
        await page.keyboard.type("hemtjänsten");
        await page.keyboard.press("Enter");
        await page.waitForURL(/\?q=hemtj%C3%A4nsten$/);
        await settled(page, queueTexts.status.total(search));

        // A count per state is a filter too; focus stays on the state chosen.
        await tabTo(page, '.queue-counts a[data-state="in_review"]');
        await page.keyboard.press("Enter");
        await page.waitForURL(/\?q=hemtj%C3%A4nsten&state=in_review$/);
        await poll(() =>
          page.evaluate(() => document.activeElement?.getAttribute("aria-current")),
        ).toBe("true");
        expect(await page.evaluate(() => document.activeElement?.getAttribute("data-state"))).toBe(
          "in_review",
        );

        // Nothing matches: the empty state says what to do, and leads back to every idea.
        await tabTo(page, "#filter-q");
        await page.keyboard.press("Control+A");
        await page.keyboard.type("xyzzyplugh");
        await page.keyboard.press("Enter");
        await settled(page, queueTexts.status.total(0));
        expect(await page.locator("[data-queue-results] p").first().textContent()).toBe(
          queueTexts.empty.filtered,
        );
        expect(await findAccessibilityViolations(page)).toEqual([]);
        await tabTo(page, `[data-queue-results] a`);
        await page.keyboard.press("Enter");
        await page.waitForURL(/\/granska\/$/);
        await settled(page, queueTexts.status.total(total));

        // Paging. A coach's queue may fit on one page of 50: the address asks for pages of 20.
        if (total <= 50) {
          await page.goto(`${base()}/granska/?limit=20`);
          await settled(page, queueTexts.status.total(total));
        }
        const pageSize = total <= 50 ? 20 : 50;
        const seen = await references(page);
        while (await page.locator("[data-queue-more]").isVisible()) {
          await tabTo(page, "[data-queue-more]", 250);
          await page.keyboard.press("Enter");
          const shown = Math.min(seen.length + pageSize, total);
          await settled(page, queueTexts.status.more(shown - seen.length, shown, total));
          // Focus is on the first new idea's link.
          const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
          const all = await references(page);
          expect(focused).toBe(all[seen.length]);
          seen.push(...all.slice(seen.length));
        }
        expect(seen).toHaveLength(total);
        expect(new Set(seen).size).toBe(total);
        expect(await rowCount(page)).toBe(total);

        // Open the idea in focus (the first of the last page) with Enter.
        const reference = await page.evaluate(() => document.activeElement?.textContent ?? "");
        expect(reference).toMatch(/^IS-\d{4}-\d{4}$/);
        await page.keyboard.press("Enter");
        await page.waitForURL(new RegExp(`/granska/ide/\\?ref=${reference}$`));
        await page.locator("[data-idea-main] section").first().waitFor();
        const title = await page.locator("h1").textContent();
        expect(title).not.toBe(ideaPageTexts.title);
        expect(await page.title()).toBe(
          `${ideaPageTexts.documentTitle(title!, reference)} – Innovationsslussen`,
        );
        expect(await findAccessibilityViolations(page)).toEqual([]);

        // And back to the list as it was left.
        await tabTo(page, "[data-back-link]");
        await page.keyboard.press("Enter");
        await page.waitForURL(/\/granska\/(\?limit=20)?$/);
        await settled(page, queueTexts.status.total(total));
        expect(await violations()).toEqual([]);
      },
    );
  }

  test(
    "the queue with a bad address and with the service unavailable says what to do, accessibly",
    { timeout: 120_000 },
    async () => {
      const { page, violations } = await watchedPage(browser);
      await signInByKeyboard(page, accounts.region);
      await settled(page, queueTexts.status.total(expected.region.total));

      // An old bookmark with a state that does not exist: the message names the parameter.
      await page.goto(`${base()}/granska/?state=pending`);
      await settled(page, `${queueTexts.error.heading}. ${queueParameterMessages.state}`);
      expect(await page.locator("[data-queue-results] .notice p").textContent()).toBe(
        queueParameterMessages.state,
      );
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await tabTo(page, "[data-queue-results] a");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/granska\/$/);
      await settled(page, queueTexts.status.total(expected.region.total));
      // The link went away with the error; focus is on the results that replaced it.
      expect(
        await page.evaluate(() => document.activeElement?.hasAttribute("data-queue-results")),
      ).toBe(true);

      // The database cannot be reached: 503, and a button to try again.
      const unavailable = "Granskningen går inte att nå just nu. Försök igen om en liten stund.";
      await page.route(isQueueRequest, (route) =>
        route.fulfill({
          status: 503,
          headers: { "Content-Type": "application/json", "Retry-After": "30" },
          body: JSON.stringify({ error: "unavailable", message: unavailable }),
        }),
      );
      await chooseByKeyboard(page, "#filter-sort", "waiting");
      await tabTo(page, "form[data-queue-filters] button[type=submit]");
      await page.keyboard.press("Enter");
      await settled(page, `${queueTexts.error.heading}. ${unavailable}`);
      expect(await page.locator("[data-queue-counts]").isHidden()).toBe(true);
      expect(await findAccessibilityViolations(page)).toEqual([]);

      await page.unroute(isQueueRequest);
      await tabTo(page, "[data-queue-results] button");
      await page.keyboard.press("Enter");
      await settled(page, queueTexts.status.total(expected.region.total));
      expect(await page.locator("table.queue-table caption").textContent()).toBe(
        queueTexts.table.caption("waiting", 50, expected.region.total),
      );
      expect(
        await page.evaluate(() => document.activeElement?.hasAttribute("data-queue-results")),
      ).toBe(true);
      expect(await violations()).toEqual([]);
    },
  );

  test(
    "the idea page: similar ideas of other municipalities, the bearer hidden or shown, and every error state",
    { timeout: 120_000 },
    async () => {
      const { page, violations } = await watchedPage(browser);
      await signInByKeyboard(page, accounts.lidkoping);

      // The coach's own idea: the bearer, and similar ideas of every municipality.
      await page.goto(`${base()}/granska/ide/?ref=${ideas.lidkopingMapIdea}`);
      await page.locator("#idea-similar-heading").waitFor();
      expect(await page.locator("h1").textContent()).toMatch(/^Medborgardialog med digital karta/);
      expect(await page.locator("#idea-bearer-heading ~ dl a[href^='mailto:']").count()).toBe(1);
      const outside = page.locator('.similar-list li[data-in-scope="false"]').first();
      expect(await outside.locator("a").count()).toBe(0);
      expect(await outside.textContent()).toMatch(
        /Du kan inte öppna idén: den hör till .+ och delas inte regionalt\./,
      );
      expect(await outside.textContent()).toMatch(/Likhet: (Lik|Mycket lik|Nästan likadan)/);
      const inside = page.locator('.similar-list li[data-in-scope="true"] a').first();
      expect(await inside.getAttribute("href")).toMatch(/^\/granska\/ide\/\?ref=IS-\d{4}-\d{4}$/);
      expect(await page.locator("section#bedomning-och-atgarder").count()).toBe(1);
      expect(await page.locator("details.idea-version").count()).toBeGreaterThan(0);
      expect(await findAccessibilityViolations(page)).toEqual([]);
      // A version opens by keyboard.
      await tabTo(page, "details.idea-version summary");
      await page.keyboard.press("Enter");
      expect(await page.locator("details.idea-version").first().getAttribute("open")).toBe("");
      expect(await findAccessibilityViolations(page)).toEqual([]);

      // Another municipality's idea shared regionally: the idea, not its bearer.
      await page.goto(`${base()}/granska/ide/?ref=${ideas.skovdeShared}`);
      await page.locator("#idea-bearer-heading").waitFor();
      expect(await page.locator("#idea-bearer-heading + p").textContent()).toBe(
        ideaPageTexts.bearer.hidden,
      );
      expect(await findAccessibilityViolations(page)).toEqual([]);

      // Outside the scope: the same page as for an idea that does not exist.
      await page.goto(`${base()}/granska/ide/?ref=${ideas.skovdeOnly}`);
      await poll(() => page.locator("h1").textContent()).toBe(ideaPageTexts.notFoundHeading);
      expect(await page.title()).toBe(`${ideaPageTexts.notFoundHeading} – Innovationsslussen`);
      expect(await page.locator("[data-idea-main]").textContent()).toBe("");
      expect(await findAccessibilityViolations(page)).toEqual([]);

      // No reference, and a malformed one.
      for (const [address, message] of [
        ["/granska/ide/", ideaPageTexts.referenceMissing],
        ["/granska/ide/?ref=hej", ideaPageTexts.referenceMalformed],
      ] as const) {
        await page.goto(`${base()}${address}`);
        await poll(() => page.locator("[data-idea-status] p").first().textContent()).toBe(message);
        // The page shows its content once the session is confirmed.
        await page.locator("h1").waitFor({ state: "visible" });
        expect(await page.locator("h1").textContent()).toBe(ideaPageTexts.referenceProblemHeading);
        expect(await findAccessibilityViolations(page)).toEqual([]);
      }

      // Unavailable: a button to try again, which brings the idea and focuses its heading.
      await page.route(isIdeaRequest, (route) =>
        route.fulfill({
          status: 503,
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ error: "unavailable", message: ideaPageTexts.unreachable }),
        }),
      );
      await page.goto(`${base()}/granska/ide/?ref=${ideas.lidkopingMapIdea}`);
      await poll(() => page.locator("h1").textContent()).toBe(ideaPageTexts.errorHeading);
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.unroute(isIdeaRequest);
      await tabTo(page, "[data-idea-status] button");
      await page.keyboard.press("Enter");
      await poll(() => page.locator("h1").textContent()).toMatch(/^Medborgardialog/);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
      expect(await violations()).toEqual([]);
    },
  );

  test(
    "at 320 px wide (400 % zoom of 1280 px) the queue stacks its rows and nothing scrolls sideways",
    { timeout: 120_000 },
    async () => {
      const { page, violations } = await watchedPage(browser, {
        viewport: { width: 320, height: 640 },
      });
      await signInByKeyboard(page, accounts.skovde);
      await settled(page, queueTexts.status.total(expected.skovde.total));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
      // Each row is a block with its labels; the table keeps its roles for screen readers.
      const firstRow = page.locator("table.queue-table tbody tr").first();
      expect(await firstRow.evaluate((row) => getComputedStyle(row).display)).toBe("block");
      expect(await firstRow.locator("td").first().getAttribute("data-label")).toBe(
        queueTexts.table.title,
      );
      expect(await firstRow.getAttribute("role")).toBe("row");
      expect(await findAccessibilityViolations(page)).toEqual([]);

      await tabTo(page, "table.queue-table tbody a");
      await page.keyboard.press("Enter");
      await page.locator("#idea-similar-heading").waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
      expect(await findAccessibilityViolations(page)).toEqual([]);
      expect(await violations()).toEqual([]);
    },
  );
});
