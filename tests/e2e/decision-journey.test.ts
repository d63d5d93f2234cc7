import pg from "pg";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { assessmentTexts as at } from "../../src/domain/review/assessment-texts.ts";
import { longDateOf } from "../../src/domain/review/dates.ts";
import { decisionTexts as t } from "../../src/domain/review/decision-texts.ts";
import {
  findAccessibilityViolations,
  hasChromium,
  launchBrowser,
  openPage,
} from "../support/browser.ts";
import { findMail } from "../support/local-supabase.ts";
import { signInByKeyboard, watchedPage } from "../support/workspace-browser.ts";

/*
 * Issue 14's journey in the production build, with the keyboard only: a bearer submits an idea
 * through the form; the Skövde reviewer takes it to review and scores it; the coordinator assigns
 * a second reviewer, marks it assessed, decides with the message prefilled from the template and
 * edited, and releases the decision; the bearer's status page, opened from the receipt e-mail in
 * the mail catcher, then shows the decision and its message. axe on every workspace screen of the
 * journey and on each state of the decision screens (a stale state, a duplicate found by search and
 * unlinked, a forwarding, the idea bank, interest, sharing, the later states), and no
 * Content-Security-Policy violation.
 */

const accounts = {
  coordinator: "samordnare@example.se",
  skovde: "granskare.skovde@example.se",
} as const;
/** The regional reviewer (supabase/seed.sql), the coordinator's second reviewer. */
const regionReviewerId = "00000000-0000-4000-a000-000000000004";
const coordinatorId = "00000000-0000-4000-a000-000000000001";

/** The form refuses (silently) what is sent within two seconds of showing it, as a bot would. */
const humanFillMilliseconds = 2500;

const base = () => inject("baseUrl");

function poll<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 60_000 });
}

/** The text of the element that has focus. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim());

/** axe finds nothing. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await findAccessibilityViolations(page)).toEqual([]);
}

/**
 * Chooses a radio button of a group with the keyboard: Tab into the group, Space on the first one
 * if none is chosen, then the arrow keys until the wanted one is chosen.
 */
async function chooseRadio(page: Page, group: string, value: string): Promise<void> {
  const chosen = page.locator(`${group} input[type=radio]:checked`);
  await tabToField(page, page.locator(group), { within: true });
  await page.keyboard.press("Space");
  for (let presses = 0; presses < 20; presses += 1) {
    if ((await chosen.getAttribute("value")) === value) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`${group} never chose ${value}`);
}

/**
 * Presses Tab until the element has focus (fields found by their labels or roles): Shift+Tab when
 * it comes before the element in focus, as a keyboard user would.
 */
async function tabToField(
  page: Page,
  target: Locator,
  { maxPresses = 150, within = false } = {},
): Promise<void> {
  await target.waitFor({ state: "visible", timeout: 60_000 });
  const backwards = await target.evaluate(
    (element) =>
      document.activeElement !== null &&
      document.activeElement !== document.body &&
      Boolean(
        element.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING,
      ),
  );
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (
      await target.evaluate(
        (element, inside) =>
          element === document.activeElement ||
          (inside && element.contains(document.activeElement)),
        within,
      )
    )
      return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** {@link tabToField} for the element a selector finds first. */
function tabTo(page: Page, selector: string): Promise<void> {
  return tabToField(page, page.locator(selector).first());
}

/** Chooses a radio button by its label in a group found by role, with the keyboard. */
async function chooseOption(page: Page, group: Locator, label: string | RegExp): Promise<void> {
  const option = group.getByRole("radio", { name: label });
  await option.waitFor({ timeout: 60_000 });
  // Tab lands on the chosen radio button, or on the first (the last, going back) of a group
  // with none chosen; Space chooses it, the arrows move on.
  await tabToField(page, group, { within: true });
  await page.keyboard.press("Space");
  for (let presses = 0; presses < 8; presses += 1) {
    if (await option.isChecked()) return;
    await page.keyboard.press("ArrowDown");
  }
  expect(await option.isChecked()).toBe(true);
}

/** Types into a field reached by Tab. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Presses a form's submit button by keyboard and waits for the sentence saying what happened. */
async function submitAndExpect(page: Page, form: string, done: string): Promise<void> {
  await tabTo(page, `${form} button[type=submit]`);
  await page.keyboard.press("Enter");
  await poll(() => focused(page)).toBe(done);
}

/** Opens an idea from the queue (newest first) with the keyboard. */
async function openFromQueue(page: Page, reference: string): Promise<void> {
  const link = `table.queue-table a:text-is("${reference}")`;
  await page.locator(link).waitFor({ timeout: 60_000 });
  await tabTo(page, link);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/granska\/ide\/\?ref=/);
  await page.locator("#idea-decisions-heading").waitFor({ timeout: 60_000 });
}

/** A page with generous timeouts: the machine is shared and often busy. */
function patient(page: Page): Page {
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(90_000);
  return page;
}

/** A watched page (CSP violations recorded), patient. */
async function patientPage(browser: Browser) {
  const watched = await watchedPage(browser);
  patient(watched.page);
  return watched;
}

/** Today plus `days`, as YYYY-MM-DD in Swedish time. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", {
    timeZone: "Europe/Stockholm",
  });
}

describe.skipIf(!hasChromium)("deciding on an idea, from the form to the bearer", () => {
  let browser: Browser;
  let db: pg.Client;

  /** Stores an idea as the form would (api.submit_idea), for the decision screens' own tests. */
  async function storeIdea(overrides: Record<string, unknown>): Promise<string> {
    const submission = {
      title: "Digitala nycklar i hemtjänsten",
      problem: "Personalen lägger mycket tid på att hämta och lämna nycklar.",
      proposal: "Lås som öppnas med mobilen, så att nyckelknipporna försvinner.",
      beneficiaries: ["brukare_patienter", "medarbetare"],
      expected_effects: "Mer tid hos brukarna.",
      area_id: "vard-och-omsorg",
      tried: "nej",
      municipality_code: "1496",
      bearer_name: "Anna Andersson",
      bearer_email: `anna.${crypto.randomUUID().slice(0, 8)}@skovde.se`,
      privacy_notice_read: true,
      contact_consent: true,
      publish_consent: false,
      ...overrides,
    };
    const result = await db.query<{ answer: { reference: string } }>(
      "select api.submit_idea($1, $2::jsonb) as answer",
      [crypto.randomUUID(), JSON.stringify(submission)],
    );
    return result.rows[0]!.answer.reference;
  }

  /** Moves an idea as the coordinator would in another tab (the lifecycle's own function). */
  async function moveInDatabase(reference: string, from: string, to: string): Promise<void> {
    await db.query(
      `select private.transition_idea(i.id, $2, $3, 'coordinator', $4, 'Ändrat i en annan flik')
       from app.ideas i where i.reference = $1`,
      [reference, from, to, coordinatorId],
    );
  }

  beforeAll(async () => {
    db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
  });

  test(
    "a new idea is taken to review, scored, assigned, assessed, decided and released, and the bearer reads the decision through the receipt e-mail's link",
    { timeout: 600_000 },
    async () => {
      // The bearer submits through the form, with the keyboard only.
      const bearer = patient(await openPage(browser));
      await bearer.goto(`${base()}/skicka-ide/`);
      const shown = Date.now();
      const email = `karin.${crypto.randomUUID().slice(0, 8)}@skovde.se`;
      const title = `Cykelpool för hemtjänsten ${crypto.randomUUID().slice(0, 4)}`;
      const field = (label: string) => bearer.getByLabel(label, { exact: true });
      const type = async (label: string, text: string) => {
        await tabToField(bearer, field(label));
        await bearer.keyboard.type(text);
      };
      await type("Rubrik", title);
      await type(
        "Vilket problem eller behov har du sett?",
        "Bilarna räcker inte till på morgonen.",
      );
      await type("Vad är din idé?", "Elcyklar som personalen kan låna för korta besök i centrum.");
      await tabToField(bearer, field("Medarbetare"));
      await bearer.keyboard.press("Space");
      await tabToField(bearer, field("Verksamhetsområde"));
      await bearer.keyboard.press("ArrowDown");
      await tabToField(
        bearer,
        bearer.getByRole("group", { name: "Har idén prövats?" }).getByLabel("Nej", { exact: true }),
      );
      await bearer.keyboard.press("Space");
      await tabToField(bearer, field("Kommun"));
      await bearer.keyboard.type("Sk");
      await bearer.keyboard.press("ArrowDown");
      expect(await field("Kommun").inputValue()).toBe("1496");
      await type("Ditt namn", "Karin Lund");
      await type("Din e-postadress i jobbet", email);
      await tabToField(bearer, field("Jag har läst hur ni behandlar mina personuppgifter"));
      await bearer.keyboard.press("Space");
      await tabToField(
        bearer,
        bearer
          .getByRole("group", { name: "Får vi kontakta dig om idén?" })
          .getByLabel("Ja", { exact: true }),
      );
      await bearer.keyboard.press("Space");
      await bearer.waitForTimeout(Math.max(0, humanFillMilliseconds - (Date.now() - shown)));
      await tabToField(bearer, bearer.getByRole("button", { name: "Skicka idén" }));
      await bearer.keyboard.press("Enter");
      await bearer.waitForURL(/\/tack\/#ref=IS-\d{4}-\d{4}&token=/);
      const reference = (await bearer.locator("#receipt-reference").textContent()) ?? "";
      expect(reference).toMatch(/^IS-\d{4}-\d{4}$/);

      // The Skövde reviewer finds it first in the queue and takes it to review.
      const { page: reviewer, violations: reviewerViolations } = await patientPage(browser);
      await signInByKeyboard(reviewer, accounts.skovde);
      await openFromQueue(reviewer, reference);
      expect(await reviewer.locator("#decision-move p").first().textContent()).toBe(
        t.moves.now("Inkommen"),
      );
      expect(await reviewer.locator("#decision-move-form button[type=submit]").textContent()).toBe(
        "Börja granska idén",
      );
      expect(await reviewer.locator("#decision-bearer-sees").textContent()).toBe(
        t.moves.bearerSees.move("Under bedömning"),
      );
      await expectAccessible(reviewer);
      await submitAndExpect(reviewer, "#decision-move-form", t.done.moved("Under bedömning"));
      expect(await reviewer.locator("#decision-move").textContent()).toContain(t.moves.none);
      await expectAccessible(reviewer);

      // ... and scores it with the assessment form (branch assessment-ui): no jäv, then a score and
      // a comment per criterion and a recommendation.
      await chooseOption(
        reviewer,
        reviewer.getByRole("group", { name: at.conflict.legend }),
        at.conflict.no,
      );
      await tabToField(reviewer, reviewer.getByRole("button", { name: at.conflict.submit }));
      await reviewer.keyboard.press("Enter");
      await poll(() => reviewer.locator("[data-assessment-confirmation]").textContent()).toBe(
        at.conflict.answeredNo,
      );
      await expectAccessible(reviewer);
      for (const name of ["Nytta", "Effekter", "Genomförbarhet"]) {
        await chooseOption(
          reviewer,
          reviewer.getByRole("group", { name: new RegExp(`^${name} \\(vikt`) }),
          /^4 – /,
        );
        await tabToField(reviewer, reviewer.getByLabel(at.form.comment(name)));
        await reviewer.keyboard.type("Stor nytta och lätt att pröva.");
      }
      await chooseOption(
        reviewer,
        reviewer.getByRole("group", { name: at.form.recommendation }),
        at.form.recommendationLabels.vidare,
      );
      await tabToField(reviewer, reviewer.getByRole("button", { name: at.form.submit }));
      await reviewer.keyboard.press("Enter");
      await poll(() => reviewer.locator("[data-assessment-confirmation]").textContent()).toMatch(
        /^Din bedömning är sparad/,
      );
      await expectAccessible(reviewer);
      expect(await reviewerViolations()).toEqual([]);

      // The coordinator assigns a second reviewer, marks the idea assessed and decides.
      const { page: coordinator, violations } = await patientPage(browser);
      await signInByKeyboard(coordinator, accounts.coordinator);
      await openFromQueue(coordinator, reference);
      const due = dayFromNow(14);
      await coordinator.locator("#assign-reviewer").waitFor({ timeout: 60_000 });
      await tabTo(coordinator, "#assign-reviewer");
      await coordinator.keyboard.type("Rut");
      expect(await coordinator.locator("#assign-reviewer").inputValue()).toBe(regionReviewerId);
      // A date field takes the date in the browser's format (en-US: month, day, year).
      await tabTo(coordinator, "#assign-due");
      const [year, month, day] = due.split("-");
      await coordinator.keyboard.type(`${month}${day}${year}`);
      expect(await coordinator.locator("#assign-due").inputValue()).toBe(due);
      await tabToField(coordinator, coordinator.getByRole("button", { name: at.assign.submit }));
      await coordinator.keyboard.press("Enter");
      await poll(() => coordinator.locator("[data-collaboration-confirmation]").textContent()).toBe(
        at.assign.assigned("Rut Regiongranskare", longDateOf(due)),
      );
      await expectAccessible(coordinator);

      await chooseRadio(coordinator, "#decision-to", "assessed");
      expect(await coordinator.locator("#decision-message").isVisible()).toBe(false);
      await typeInto(coordinator, "#decision-reason", "Två bedömningar, båda positiva.");
      await submitAndExpect(coordinator, "#decision-move-form", t.done.moved("Bedömd"));
      await expectAccessible(coordinator);

      await chooseRadio(coordinator, "#decision-to", "accepted");
      const message = coordinator.locator("#decision-message");
      expect(await message.inputValue()).toContain(`Tack för din idé ”${title}” (${reference}).`);
      expect(await message.inputValue()).toContain("gå vidare med den till utveckling");
      expect(await coordinator.locator("#decision-bearer-sees").textContent()).toBe(
        t.moves.bearerSees.decision,
      );
      await expectAccessible(coordinator);
      await tabTo(coordinator, "#decision-message");
      await coordinator.keyboard.press("Control+End");
      await coordinator.keyboard.type("\n\nVi ringer dig på måndag.");
      await typeInto(coordinator, "#decision-reason", "Hög nytta och låg kostnad.");
      await submitAndExpect(
        coordinator,
        "#decision-move-form",
        t.done.decided("Vidare till utveckling"),
      );
      // Internal until released: the page says what the bearer sees now.
      expect(await coordinator.locator("#decision-release").textContent()).toContain(
        t.release.bearerSeesNow("Bedömd"),
      );
      expect(await coordinator.locator("#decision-release dd").last().textContent()).toContain(
        "Vi ringer dig på måndag.",
      );
      await expectAccessible(coordinator);
      await submitAndExpect(coordinator, "#decision-release-form", t.done.released);
      expect(await coordinator.locator("#decision-release").count()).toBe(0);
      await expectAccessible(coordinator);
      expect(await violations()).toEqual([]);

      // The bearer opens the status link of the receipt e-mail and reads the decision.
      const mail = await findMail(inject("mailUrl"), email, 15_000);
      const statusLink = mail.Links.find((link) => link.includes("/status/#"));
      expect(statusLink).toBeDefined();
      await bearer.goto(statusLink!);
      await poll(() => bearer.locator(".tag").first().textContent()).toBe("Vidare till utveckling");
      const decision = bearer.locator(".timeline__message").last();
      expect(await decision.textContent()).toContain("Vi ringer dig på måndag.");
      expect(await decision.textContent()).toContain(`Tack för din idé ”${title}”`);
      await expectAccessible(bearer);
    },
  );

  test(
    "a stale state says who changed the idea and reloads it; a duplicate is found among the similar ideas or by search, linked, released and unlinked with its history kept",
    { timeout: 600_000 },
    async () => {
      const words = crypto.randomUUID().slice(0, 6);
      const text = {
        title: `Laddstolpar vid förskolorna ${words}`,
        problem: "Personalen kan inte ladda kommunens elbilar vid förskolorna.",
        proposal: "Laddstolpar vid varje förskola, som personalen bokar i en gemensam kalender.",
      };
      const original = await storeIdea(text);
      const copy = await storeIdea(text);
      await moveInDatabase(copy, "received", "in_review");

      const { page, violations } = await patientPage(browser);
      await signInByKeyboard(page, accounts.coordinator);
      await page.goto(`${base()}/granska/ide/?ref=${copy}`);
      await page.locator("#idea-decisions-heading").waitFor({ timeout: 60_000 });
      await expectAccessible(page);

      // Another coordinator marks it assessed while this one writes: 409, named, with a reload.
      await chooseRadio(page, "#decision-to", "assessed");
      await typeInto(page, "#decision-reason", "Bedömningarna är klara.");
      await moveInDatabase(copy, "in_review", "assessed");
      await tabTo(page, "#decision-move-form button[type=submit]");
      await page.keyboard.press("Enter");
      await poll(() => focused(page)).toContain(
        "Sam Samordnare har redan ändrat idén, och den är nu ”bedömd”. Ladda om sidan och försök igen.",
      );
      expect(await page.locator("#decision-move-form .error-summary h3").textContent()).toBe(
        t.errors.heading,
      );
      await expectAccessible(page);
      await tabTo(page, "#decision-move-form .error-summary button");
      await page.keyboard.press("Enter");
      await poll(() => focused(page)).toBe(t.heading);
      expect(await page.locator("#decision-move p").first().textContent()).toBe(
        t.moves.now("Bedömd"),
      );

      // A duplicate: the similar idea is offered first; a search finds it too.
      await chooseRadio(page, "#decision-to", "duplicate");
      expect(await page.locator("#decision-duplicate-of input").first().getAttribute("value")).toBe(
        original,
      );
      expect(await page.locator("#decision-message").inputValue()).toContain(
        "markerad som en dubblett",
      );
      await typeInto(page, "#decision-duplicate-search", words);
      await page.keyboard.press("Enter");
      await poll(() => page.locator("#decision-duplicate-status").textContent()).toBe(
        t.duplicate.found(1),
      );
      await expectAccessible(page);
      await chooseRadio(page, "#decision-duplicate-of", original);
      await typeInto(page, "#decision-reason", "Samma idé som kom in tidigare.");
      await submitAndExpect(page, "#decision-move-form", t.done.decided("Dubblett"));
      await expectAccessible(page);
      await submitAndExpect(page, "#decision-release-form", t.done.released);
      expect(await page.locator("#decision-duplicate").textContent()).toContain(
        `${t.unlink.linkedTo} ${original}`,
      );
      // The bearer was told, so the removal's message is prefilled and required.
      expect(await page.locator("#decision-unlink-message").inputValue()).toContain(
        "inte längre markerad som en dubblett",
      );
      await expectAccessible(page);
      await typeInto(page, "#decision-unlink-reason", "Idéerna skiljer sig åt när man läser noga.");
      await submitAndExpect(page, "#decision-unlink-form", t.done.unlinked);
      expect(await page.locator("#decision-move p").first().textContent()).toBe(
        t.moves.now("Under bedömning"),
      );
      expect(await page.locator("#decision-duplicate li").first().textContent()).toMatch(
        new RegExp(`^Dubblett av ${original}, markerad .+ av .+, borttagen .+ av .+\\.$`),
      );
      await expectAccessible(page);
      expect(await violations()).toEqual([]);
    },
  );

  test(
    "forwarding with a follow-up date, the later states with their municipalities, the idea bank, interest and sharing, each screen without axe findings",
    { timeout: 600_000 },
    async () => {
      const forwarded = await storeIdea({
        title: `Matsvinn i skolköken ${crypto.randomUUID().slice(0, 6)}`,
      });
      const spread = await storeIdea({
        title: `Gemensam bokning av lokaler ${crypto.randomUUID().slice(0, 6)}`,
        publish_consent: true,
      });
      for (const reference of [forwarded, spread]) {
        await moveInDatabase(reference, "received", "in_review");
        await moveInDatabase(reference, "in_review", "assessed");
      }
      const { page, violations } = await patientPage(browser);
      await signInByKeyboard(page, accounts.coordinator);

      // Forwarded to a named actor, with a follow-up date.
      await page.goto(`${base()}/granska/ide/?ref=${forwarded}`);
      await page.locator("#idea-decisions-heading").waitFor({ timeout: 60_000 });
      await chooseRadio(page, "#decision-to", "forwarded");
      expect(await page.locator("#decision-forwarded-to").isVisible()).toBe(true);
      await typeInto(page, "#decision-forwarded-to", "Almi Företagspartner Skaraborg");
      await typeInto(page, "#decision-follow-up-on", dayFromNow(90));
      await typeInto(page, "#decision-reason", "Almi kan ta idén vidare.");
      await expectAccessible(page);
      await submitAndExpect(page, "#decision-move-form", t.done.decided("Vidareförmedlad"));
      await submitAndExpect(page, "#decision-release-form", t.done.released);
      expect(await page.locator("#idea-facts-heading + dl").textContent()).toContain(
        "Almi Företagspartner Skaraborg",
      );
      // The bearer did not consent to publication: the page says so and offers nothing.
      expect(await page.locator("#decision-publication").textContent()).toContain(
        t.publication.noConsent,
      );
      await expectAccessible(page);

      // Accepted, in development, implemented in Skövde, spread to Lidköping.
      await page.goto(`${base()}/granska/ide/?ref=${spread}`);
      await page.locator("#idea-decisions-heading").waitFor({ timeout: 60_000 });
      await chooseRadio(page, "#decision-to", "accepted");
      await typeInto(page, "#decision-reason", "Alla förvaltningar vill ha den.");
      await submitAndExpect(page, "#decision-move-form", t.done.decided("Vidare till utveckling"));
      await submitAndExpect(page, "#decision-release-form", t.done.released);
      await typeInto(page, "#decision-reason", "Projektet har startat.");
      await submitAndExpect(page, "#decision-move-form", t.done.moved("Under utveckling"));
      await tabTo(page, '#decision-municipalities input[value="1496"]');
      await page.keyboard.press("Space");
      await typeInto(page, "#decision-reason", "Införd i Skövde.");
      await expectAccessible(page);
      await submitAndExpect(page, "#decision-move-form", t.done.moved("Införd"));
      await tabTo(page, '#decision-municipalities input[value="1494"]');
      await page.keyboard.press("Space");
      await typeInto(page, "#decision-reason", "Lidköping har tagit efter.");
      await submitAndExpect(page, "#decision-move-form", t.done.moved("Spridd"));
      expect(await page.locator("#decision-interest li").allTextContents()).toEqual(
        expect.arrayContaining([
          expect.stringContaining("Skövde: har infört idén"),
          expect.stringContaining("Lidköping: har infört idén"),
        ]),
      );

      // The idea bank: published with an edited summary, then taken out.
      await typeInto(
        page,
        "#decision-public-summary",
        "Alla lokaler i en gemensam bokningskalender.",
      );
      await submitAndExpect(page, "#decision-publish-form", t.done.published);
      expect(await page.locator("#decision-publication p").first().textContent()).toMatch(
        /^Idén är publicerad i idébanken sedan \d+ \S+ \d{4}\.$/,
      );
      await expectAccessible(page);
      await submitAndExpect(page, "#decision-unpublish-form", t.done.unpublished);

      // A municipality's interest, registered and withdrawn.
      await chooseRadio(page, "#decision-interest-kind", "co_fund");
      await tabTo(page, "#decision-interest-municipality");
      await page.keyboard.type("Mariestad");
      await submitAndExpect(page, "#decision-interest-form", t.done.interestRegistered);
      expect(await page.locator("#decision-interest li").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("Mariestad: vill medfinansiera")]),
      );
      await expectAccessible(page);
      const withdraw = "#decision-interest li:has-text('Mariestad: vill medfinansiera') button";
      await tabTo(page, withdraw);
      await page.keyboard.press("Enter");
      await poll(() => focused(page)).toBe(t.done.interestWithdrawn);

      // Shared with the region, and not any more.
      await submitAndExpect(page, "#decision-sharing-form", t.done.shared);
      expect(await page.locator("#decision-sharing p").textContent()).toBe(t.sharing.shared);
      await expectAccessible(page);
      await submitAndExpect(page, "#decision-sharing-form", t.done.unshared);
      expect(await violations()).toEqual([]);
    },
  );
});
