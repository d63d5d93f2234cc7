import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { administrationTexts } from "../../src/domain/admin/messages.ts";
import { sessionMessages } from "../../src/domain/session/messages.ts";
import { findAccessibilityViolations, hasChromium, launchBrowser } from "../support/browser.ts";
import { findMail } from "../support/local-supabase.ts";
import { signInByKeyboard, tabTo, watchedPage } from "../support/workspace-browser.ts";

/*
 * The administration in the production build (issue 15), as people do it: the coordinator invites a
 * new reviewer for Lidköping on /granska/admin/granskare/; the Swedish invitation arrives in the mail
 * catcher; the reviewer follows its link, chooses a password, is signed in, signs out and in again
 * with the password, and sees only Lidköping's ideas (and those shared with the whole region); the
 * coordinator deactivates them, and the reviewer's open page is refused on its next action. axe
 * finds nothing on the admin screens, in any state, and no Content-Security-Policy violation
 * happens.
 */

const base = () => inject("baseUrl");
const email = `ny.granskare.${Date.now()}@lidkoping.se`;
const name = "Lina Lidköpingsson";
const password = "Ett-eget-lösenord-2026";

describe.skipIf(!hasChromium)("the administration of reviewer accounts", () => {
  let browser: Browser;
  let coordinator: { page: Page; violations: () => Promise<string[]> };

  beforeAll(async () => {
    browser = await launchBrowser();
    coordinator = await watchedPage(browser);
    await signInByKeyboard(coordinator.page, "samordnare@example.se");
  });

  afterAll(async () => {
    await browser?.close();
  });

  test(
    "the coordinator's navigation leads to the admin pages, which axe finds nothing on",
    {
      timeout: 120_000,
    },
    async () => {
      const { page } = coordinator;
      const nav = page.locator("[data-coordinator-nav]");
      await nav.waitFor({ state: "visible" });
      expect(await nav.locator("a").allTextContents()).toEqual([
        "Idéer",
        "Översikt",
        "Granskare",
        "Kriterier",
        "Kommuner och områden",
        "Personuppgifter",
        "E-post som inte kom fram",
        "Logg",
      ]);
      await tabTo(page, '[data-coordinator-nav] a[href="/granska/admin/kriterier/"]');
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/granska\/admin\/kriterier\/$/);
      await page.locator("criteria-admin form").first().waitFor();
      expect(await page.locator("criteria-admin h2").allTextContents()).toEqual([
        "Nytta",
        "Effekter",
        "Genomförbarhet",
      ]);
      expect(
        await page.locator('[data-coordinator-nav] a[aria-current="page"]').textContent(),
      ).toBe("Kriterier");
      expect(await findAccessibilityViolations(page)).toEqual([]);
      // A weight out of range: the error summary and the field's message, accessibly.
      await page.locator("#nytta-weight").fill("12");
      await page.locator("criteria-admin form button[type=submit]").first().click();
      await page.locator("#nytta-errors a").waitFor();
      expect(await page.locator("#nytta-errors a").textContent()).toBe(
        "Skriv en vikt mellan 0,1 och 10, till exempel 1 eller 1,5.",
      );
      expect(await findAccessibilityViolations(page)).toEqual([]);

      await page.goto(`${base()}/granska/admin/kommuner/`);
      await page.locator("places-admin [data-municipalities] table").waitFor();
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.locator("places-admin form[data-area] button[type=submit]").click();
      await page.locator("#area-errors a").first().waitFor();
      expect(await findAccessibilityViolations(page)).toEqual([]);
    },
  );

  test(
    "the coordinator invites a reviewer for Lidköping, who chooses a password and sees only Lidköping's ideas; deactivated, their open page is refused",
    {
      timeout: 240_000,
    },
    async () => {
      const { page } = coordinator;
      await page.goto(`${base()}/granska/admin/granskare/`);
      await page.locator("reviewer-admin table").waitFor();
      await page.locator('#invite-scope option[value="1494"]').waitFor({ state: "attached" });
      expect(await findAccessibilityViolations(page)).toEqual([]);

      // Sent empty: the error summary names every field.
      await tabTo(page, "form[data-invite] button[type=submit]");
      await page.keyboard.press("Enter");
      await page.locator("#invite-errors a").first().waitFor();
      expect(await page.locator("#invite-errors a").allTextContents()).toEqual([
        "Skriv personens e-postadress.",
        "Skriv personens namn.",
        "Välj om personen är granskare eller samordnare.",
      ]);
      expect(await page.title()).toMatch(/^Fel: /);
      expect(await findAccessibilityViolations(page)).toEqual([]);

      // Filled in with the keyboard.
      await tabTo(page, "#invite-name");
      await page.keyboard.type(name);
      await tabTo(page, "#invite-email");
      await page.keyboard.type(email);
      await tabTo(page, "#invite-role-reviewer");
      await page.keyboard.press("Space");
      await page.locator("#invite-scope").selectOption("1494");
      await tabTo(page, "form[data-invite] button[type=submit]");
      await page.keyboard.press("Enter");
      const status = page.locator("reviewer-admin [data-status]");
      await status.waitFor({ state: "visible" });
      expect(await status.textContent()).toBe(administrationTexts.invited(name, email));
      const row = page.locator(`reviewer-admin tr[data-reviewer="${email}"]`);
      await row.waitFor();
      expect(await row.locator("td").nth(3).textContent()).toBe(
        administrationTexts.invitedNotSignedIn,
      );
      expect(await findAccessibilityViolations(page)).toEqual([]);

      // The invitation, in Swedish, with the link to the welcome page.
      const mail = await findMail(inject("mailUrl"), email, 15_000);
      expect(mail.Subject).toBe("Du är inbjuden att granska idéer i Innovationsslussen");
      expect(mail.Text).toContain(`Hej ${name}!`);
      expect(mail.Text).toContain(
        "Sam Samordnare har bjudit in dig till Innovationsslussen som granskare. Du kommer att se idéer från Lidköping.",
      );
      const link = /(http\S+\/granska\/valkommen\/\?token=[A-Za-z0-9_-]+)/.exec(mail.Text)?.[1];
      expect(link?.startsWith(`${base()}/granska/valkommen/?token=`)).toBe(true);

      // The reviewer follows the link and chooses a password.
      const reviewer = await watchedPage(browser);
      await reviewer.page.goto(link!);
      await reviewer.page.locator("welcome-form form").waitFor({ state: "visible" });
      expect(await findAccessibilityViolations(reviewer.page)).toEqual([]);
      await tabTo(reviewer.page, "#new-password");
      await reviewer.page.keyboard.type(password);
      await tabTo(reviewer.page, "#repeat-password");
      await reviewer.page.keyboard.type("Ett-annat-lösenord-2026");
      await reviewer.page.keyboard.press("Enter");
      await reviewer.page.locator("#welcome-errors a").waitFor();
      expect(await reviewer.page.locator("#welcome-errors a").textContent()).toBe(
        "Skriv samma lösenord två gånger.",
      );
      expect(await findAccessibilityViolations(reviewer.page)).toEqual([]);
      await reviewer.page.locator("#repeat-password").fill(password);
      await reviewer.page.locator("#repeat-password").press("Enter");
      await reviewer.page.waitForURL(/\/granska\/$/);
      await reviewer.page.locator("[data-session-user]").waitFor({ state: "visible" });
      expect(await reviewer.page.locator("[data-session-user] strong").textContent()).toBe(name);
      expect(await reviewer.page.locator("[data-coordinator-nav]").isHidden()).toBe(true);

      // Signs out, and in again with the new password.
      await reviewer.page.locator("[data-session-signed-in] button").click();
      await reviewer.page.waitForURL(/\/granska\/logga-in\//);
      await tabTo(reviewer.page, "#email");
      await reviewer.page.keyboard.type(email);
      await tabTo(reviewer.page, "#password");
      await reviewer.page.keyboard.type(password);
      await reviewer.page.keyboard.press("Enter");
      await reviewer.page.waitForURL(/\/granska\/$/);
      await reviewer.page.locator("table.queue-table tbody tr").first().waitFor();
      // Only Lidköping's ideas, and ideas another municipality shared with the whole region.
      const rows = await reviewer.page.locator("table.queue-table tbody tr").evaluateAll((trs) =>
        trs.map((tr) => ({
          municipality: tr.querySelectorAll("td")[1]?.textContent ?? "",
          shared: tr.querySelector(".queue-table__shared") !== null,
        })),
      );
      expect(rows.length).toBeGreaterThan(0);
      const own = rows.filter((r) => !r.shared);
      expect(own.length).toBeGreaterThan(0);
      expect(new Set(own.map((r) => r.municipality))).toEqual(new Set(["Lidköping"]));

      // The coordinator deactivates them.
      await page.reload();
      await row.waitFor();
      await row.getByRole("button", { name: `${administrationTexts.deactivate}: ${name}` }).click();
      await page.locator("reviewer-admin [data-status]").waitFor({ state: "visible" });
      await expect
        .poll(() => page.locator("reviewer-admin [data-status]").textContent())
        .toBe(administrationTexts.deactivated(name));
      expect(await row.locator("td").nth(3).textContent()).toBe(administrationTexts.inactive);
      expect(await findAccessibilityViolations(page)).toEqual([]);

      // The reviewer's open page: the next action is refused and leads to the sign-in page.
      await tabTo(reviewer.page, "form[data-queue-filters] button[type=submit]");
      await reviewer.page.keyboard.press("Enter");
      await reviewer.page.waitForURL(/\/granska\/logga-in\/\?meddelande=(ended|not_reviewer)$/);
      // The sign-in page says why: the session ended, or the account has no access any more.
      const code = new URL(reviewer.page.url()).searchParams.get("meddelande") as
        "ended" | "not_reviewer";
      const notice = reviewer.page.locator(
        sessionMessages.noticeIsError[code]
          ? "sign-in-form [data-error-summary]"
          : "sign-in-form [data-notice]",
      );
      await notice.waitFor({ state: "visible" });
      expect(await notice.textContent()).toContain(sessionMessages.notices[code]);
      expect(await findAccessibilityViolations(reviewer.page)).toEqual([]);
      expect(await reviewer.violations()).toEqual([]);
      expect(await coordinator.violations()).toEqual([]);
    },
  );
});
