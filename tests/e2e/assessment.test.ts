import pg from "pg";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { assessmentTexts } from "../../src/domain/review/assessment-texts.ts";
import { findAccessibilityViolations, hasChromium, launchBrowser } from "../support/browser.ts";
import { demoPassword, watchedPage } from "../support/workspace-browser.ts";

/*
 * The assessment on the idea page (/granska/ide/?ref=…) in the production build, by two reviewers
 * who share Skövde's ideas, with the keyboard only: the regional reviewer assesses first; the Skövde
 * coach then sees the blind rule and none of the regional reviewer's words, answers the jäv
 * question, sends an empty form (the error summary, focused, links to the fields), assesses, and
 * then sees the other assessment, the weighted means and the disagreement flag; revises a score and
 * finds the old one in the history; and after the coordinator's decision finds everything
 * read-only. axe on every state, and no Content-Security-Policy violation.
 */

const t = assessmentTexts;
const base = () => inject("baseUrl");
/** The idea both assess: Skövde's, in review, nobody's scores or jäv yet (read in beforeAll). */
let reference = "";
/** What the regional reviewer writes, which the Skövde coach must not see before their own. */
const regionComment = "Regionens kommentar: liten nytta utanför Skövde.";

/** Presses Tab (or Shift+Tab) until the element has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 120): Promise<void> {
  await target.waitFor({ state: "visible" });
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
  throw new Error(`Tab never reached ${String(target)}`);
}

/** Chooses an option of a radio group by keyboard: Tab to the group, then arrows to the option. */
async function chooseRadio(page: Page, group: Locator, label: string | RegExp): Promise<void> {
  const option = group.getByRole("radio", { name: label });
  const checked = group.getByRole("radio", { checked: true });
  const first = (await checked.count()) ? checked : group.getByRole("radio").first();
  await tabTo(page, first);
  for (let presses = 0; presses < 6; presses += 1) {
    if (await option.isChecked()) return;
    if (presses === 0 && !(await first.isChecked())) await page.keyboard.press("Space");
    else await page.keyboard.press("ArrowDown");
  }
  expect(await option.isChecked()).toBe(true);
}

/** Types in a field reached by Tab, replacing what it held. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

const scoreGroup = (page: Page, name: string) =>
  page.getByRole("group", { name: new RegExp(`^${name} \\(vikt`) });

/** Fills the whole score form and saves it, by keyboard. */
async function assess(
  page: Page,
  scores: Record<"Nytta" | "Effekter" | "Genomförbarhet", { score: number; comment: string }>,
  recommendation: string,
): Promise<void> {
  for (const [name, { score, comment }] of Object.entries(scores)) {
    await chooseRadio(page, scoreGroup(page, name), new RegExp(`^${score} – `));
    await typeInto(page, page.getByLabel(t.form.comment(name)), comment);
  }
  await chooseRadio(page, page.getByRole("group", { name: t.form.recommendation }), recommendation);
  await tabTo(page, page.getByRole("button", { name: t.form.submit }));
  await page.keyboard.press("Enter");
}

/** Answers the jäv question with no, by keyboard. */
async function answerNoConflict(page: Page): Promise<void> {
  await chooseRadio(page, page.getByRole("group", { name: t.conflict.legend }), t.conflict.no);
  await tabTo(page, page.getByRole("button", { name: t.conflict.submit }));
  await page.keyboard.press("Enter");
  await poll(() => page.locator("[data-assessment-confirmation]").textContent()).toBe(
    t.conflict.answeredNo,
  );
}

/**
 * Signs in with the keyboard only, as signInByKeyboard does, but without waiting for every
 * stylesheet and script to finish loading first: on a busy shared machine the production server
 * serves them one by one, slowly.
 */
async function signInByKeyboard(page: Page, email: string): Promise<void> {
  await page.goto(`${base()}/granska/logga-in/`, { waitUntil: "domcontentloaded" });
  await tabTo(page, page.getByLabel("E-postadress"));
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel("Lösenord", { exact: true }));
  await page.keyboard.type(demoPassword);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/granska\/$/, { waitUntil: "domcontentloaded" });
  await page.locator("[data-session-user]").waitFor({ state: "visible" });
}

async function openIdea(page: Page): Promise<void> {
  await page.goto(`${base()}/granska/ide/?ref=${reference}`, { waitUntil: "domcontentloaded" });
  await page.getByRole("heading", { level: 2, name: t.heading }).waitFor();
}

/** Polls until the page shows what is expected; a busy machine answers within seconds. */
function poll<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 120_000 });
}

/** A watched page with generous timeouts: the machine is shared and often busy. */
async function patientPage(browser: Browser) {
  const watched = await watchedPage(browser);
  watched.page.setDefaultTimeout(60_000);
  watched.page.setDefaultNavigationTimeout(180_000);
  return watched;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

describe.skipIf(!hasChromium)("the assessment on the idea page", () => {
  let browser: Browser;

  beforeAll(async () => {
    const db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
    try {
      const { rows } = await db.query<{ reference: string }>(
        `select i.reference from app.ideas i
         where i.municipality_code = '1496' and i.state = 'in_review'
           and not exists (select 1 from app.scores s where s.idea_id = i.id)
           and not exists (select 1 from app.conflicts_of_interest c where c.idea_id = i.id)
         order by i.reference limit 1`,
      );
      reference = rows[0]!.reference;
    } finally {
      await db.end();
    }
    // The first requests to a freshly started server are the slowest; on a busy shared machine
    // they take minutes. Made here, they do not eat into the first page's navigation timeout.
    for (const path of ["/granska/logga-in/", "/granska/ide/", "/styles/site.css"])
      await fetch(`${base()}${path}`).then((response) => response.arrayBuffer());
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  test("two reviewers assess blind, see each other after, revise, and read it after the decision", async () => {
    // 1. The regional reviewer assesses first.
    const region = await patientPage(browser);
    await signInByKeyboard(region.page, "granskare.region@example.se");
    await openIdea(region.page);
    await answerNoConflict(region.page);
    await assess(
      region.page,
      {
        Nytta: { score: 1, comment: regionComment },
        Effekter: { score: 3, comment: "Märkbara effekter." },
        Genomförbarhet: { score: 3, comment: "Går att göra." },
      },
      "Avslå idén",
    );
    await poll(() => region.page.locator("[data-assessment-confirmation]").textContent()).toMatch(
      /^Din bedömning är sparad/,
    );
    expect(await region.violations()).toEqual([]);

    // 2. The Skövde coach: the blind rule, and nothing of the regional reviewer's.
    const { page, violations } = await patientPage(browser);
    await signInByKeyboard(page, "granskare.skovde@example.se");
    await openIdea(page);
    await page.getByRole("group", { name: t.conflict.legend }).waitFor();
    expect(await page.getByText(t.blind).isVisible()).toBe(true);
    expect(await page.getByText(regionComment).count()).toBe(0);
    expect(await page.getByRole("heading", { name: t.others.heading }).count()).toBe(0);
    expect(await page.getByRole("table", { name: t.others.caption }).count()).toBe(0);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // 3. Jäv: no. The empty form.
    await answerNoConflict(page);
    expect(await focusedId(page)).toBe("");
    expect(
      await page.evaluate(() =>
        document.activeElement?.hasAttribute("data-assessment-confirmation"),
      ),
    ).toBe(true);
    await scoreGroup(page, "Nytta").waitFor();
    expect(await page.getByText(regionComment).count()).toBe(0);
    expect(await page.getByRole("radio", { name: /^1 – Ingen tydlig nytta/ }).count()).toBe(1);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // 4. Saved empty: the summary, focused, links to each field; a link moves focus there.
    await tabTo(page, page.getByRole("button", { name: t.form.submit }));
    await page.keyboard.press("Enter");
    await poll(() => focusedId(page)).toBe("assessment-errors");
    const summaryLinks = page.locator("#assessment-errors").getByRole("link");
    expect(await summaryLinks.allTextContents()).toEqual([
      "Välj ett betyg från 1 till 5.",
      "Skriv en kommentar till betyget.",
      "Välj ett betyg från 1 till 5.",
      "Skriv en kommentar till betyget.",
      "Välj ett betyg från 1 till 5.",
      "Skriv en kommentar till betyget.",
      "Välj en rekommendation.",
    ]);
    expect(await page.locator(".field__error").count()).toBe(7);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await focusedId(page)).toBe("score-nytta-1");

    // 5. The whole assessment: saved, and now the others', the means and the disagreement.
    await assess(
      page,
      {
        Nytta: { score: 4, comment: "Stor nytta för hemtjänsten." },
        Effekter: { score: 3, comment: "Märkbara effekter i en verksamhet." },
        Genomförbarhet: { score: 3, comment: "Kan göras med befintliga resurser." },
      },
      "Gå vidare med idén",
    );
    await poll(() => page.locator("[data-assessment-confirmation]").textContent()).toMatch(
      /^Din bedömning är sparad .+ Nu ser du de andra granskarnas bedömningar nedan\./,
    );
    expect(
      await page.evaluate(() =>
        document.activeElement?.hasAttribute("data-assessment-confirmation"),
      ),
    ).toBe(true);
    expect(await page.getByRole("heading", { name: t.others.heading }).isVisible()).toBe(true);
    expect(await page.getByText(regionComment).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Rut Regiongranskare" }).isVisible()).toBe(true);
    const means = page.getByRole("table", { name: t.others.caption });
    const nyttaRow = means.getByRole("row", { name: /^Nytta/ });
    expect(await nyttaRow.getByRole("cell").allTextContents()).toEqual([
      "2,5",
      "1–4",
      "2",
      t.others.disagreement,
    ]);
    expect(
      await means
        .getByRole("row", { name: /^Effekter/ })
        .getByRole("cell")
        .allTextContents(),
    ).toEqual(["3", "3–3", "2", t.others.agree]);
    expect(await page.getByText(/^Viktat medelvärde för alla kriterier: \d/).isVisible()).toBe(
      true,
    );
    expect(await page.getByText(t.blind).count()).toBe(0);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // 6. A revision: the old score stays in the history.
    await chooseRadio(page, scoreGroup(page, "Nytta"), /^5 – /);
    await tabTo(page, page.getByRole("button", { name: t.form.submit }));
    await page.keyboard.press("Enter");
    // The form is drawn again once saved: its "5" is then the saved score.
    await poll(() =>
      page.locator("[data-assessment-confirmation]").evaluate((n) => n === document.activeElement),
    ).toBe(true);
    expect(await page.locator("#assessment-errors").isHidden()).toBe(true);
    const history = page.getByRole("region", { name: t.history.heading });
    await poll(() => history.locator("ol > li").count()).toBe(2);
    const saves = history.locator("ol > li");
    expect(
      await saves
        .nth(0)
        .getByText(/^Nytta: 5/)
        .textContent(),
    ).toBe("Nytta: 5");
    expect(await saves.nth(0).locator("li").first().textContent()).toBe(
      "Nytta: 5 (ändrad) – Stor nytta för hemtjänsten.",
    );
    expect(await saves.nth(1).locator("li").first().textContent()).toBe(
      "Nytta: 4 – Stor nytta för hemtjänsten.",
    );
    expect(await saves.nth(0).locator(".message__meta").textContent()).toMatch(/\(gällande\)$/);
    expect(
      await means
        .getByRole("row", { name: /^Nytta/ })
        .getByRole("cell")
        .first()
        .textContent(),
    ).toBe("3");
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // 7. The coordinator decides; the page is read-only and says why.
    const coordinator = await patientPage(browser);
    await signInByKeyboard(coordinator.page, "samordnare@example.se");
    const decide = (json: unknown) =>
      coordinator.page.evaluate(
        async ([path, body]) => {
          const response = await fetch(path as string, {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify(body),
          });
          return response.status;
        },
        [`/api/review/ideas/${reference}/state`, json] as const,
      );
    expect(await decide({ to: "assessed", expected: "in_review", reason: "Bedömd." })).toBe(200);
    expect(
      await decide({
        to: "accepted",
        expected: "assessed",
        reason: "Bra idé.",
        message: "Hej! Idén går vidare till utveckling.",
      }),
    ).toBe(200);
    await openIdea(page);
    await page.getByText(t.decided("Vidare till utveckling")).waitFor();
    expect(await page.getByRole("button", { name: t.form.submit }).count()).toBe(0);
    // No score to choose any more (the decisions' section below has choices of its own).
    expect(await page.locator("review-assessment").getByRole("radio").count()).toBe(0);
    expect(await page.getByRole("heading", { name: t.mine.heading, exact: true }).isVisible()).toBe(
      true,
    );
    expect(await page.getByText(regionComment).isVisible()).toBe(true);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    expect(await violations()).toEqual([]);
    expect(await coordinator.violations()).toEqual([]);
  }, 1_200_000);
});
