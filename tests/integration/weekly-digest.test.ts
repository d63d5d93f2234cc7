import { afterAll, beforeAll, describe, expect, test } from "vitest";
import outboxSender from "../../netlify/functions/outbox-sender.ts";
import weeklyDigest from "../../netlify/functions/weekly-digest.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { findMail } from "../support/local-supabase.ts";

/*
 * The weekly digest to the coordinators: the scheduled function queues one e-mail per active
 * coordinator in the outbox, the sender delivers it through SMTP (the local mail catcher, in this
 * process) with the counts and references the database holds, and a second run in the same week
 * queues nothing.
 */

let stack: FunctionsStack;
const savedEnv = { ...process.env };
const siteUrl = "https://innovationsslussen.example.se";

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${stack.local.smtpPort}`,
    EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
    SITE_URL: siteUrl,
  });
  // Only the digest in the outbox: the demo data's own e-mails are out of the way.
  await stack.db.query("update app.email_outbox set status = 'sent' where status = 'pending'");
  // A forwarded idea whose follow-up is due this week.
  await stack.db.query(
    `update app.ideas set follow_up_on = (now() at time zone 'Europe/Stockholm')::date
     where id = (select id from app.ideas where state = 'forwarded' order by reference limit 1)`,
  );
});

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
});

async function expected() {
  const today = "(now() at time zone 'Europe/Stockholm')::date";
  const { rows } = await stack.db.query<{
    overdue: number;
    unreleased: number;
    follow_ups: number;
    first_overdue: string | null;
    unreleased_reference: string | null;
    follow_up_reference: string | null;
  }>(`
    select
      (select count(*)::int from app.assignments where done_at is null and due_on < ${today}) as overdue,
      (select count(*)::int from app.decision_messages where released_at is null) as unreleased,
      (select count(*)::int from app.ideas where state = 'forwarded' and follow_up_on <= ${today} + 7) as follow_ups,
      (select i.reference from app.assignments a join app.ideas i on i.id = a.idea_id
        where a.done_at is null and a.due_on < ${today} order by a.due_on, i.reference limit 1) as first_overdue,
      (select i.reference from app.decision_messages m join app.ideas i on i.id = m.idea_id
        where m.released_at is null limit 1) as unreleased_reference,
      (select reference from app.ideas where state = 'forwarded' and follow_up_on <= ${today} + 7
        limit 1) as follow_up_reference`);
  return rows[0]!;
}

describe("the weekly digest", () => {
  test("queues one Swedish e-mail per active coordinator, delivered with counts, references and the workspace link", async () => {
    const facts = await expected();
    // The demo data has some of each (overdue assignments, an unreleased decision, the follow-up).
    expect(facts.overdue).toBeGreaterThan(0);
    expect(facts.unreleased).toBeGreaterThan(0);
    expect(facts.follow_ups).toBeGreaterThan(0);

    const queued = await weeklyDigest();
    expect(queued.status).toBe(200);
    const {
      week,
      queued: count,
      skipped,
    } = (await queued.json()) as {
      week: string;
      queued: number;
      skipped: number;
    };
    expect(week).toMatch(/^\d{4}-W\d{2}$/);
    expect([count, skipped]).toEqual([1, 0]);

    expect(await (await outboxSender()).json()).toMatchObject({ claimed: 1, sent: 1, dead: 0 });
    const mail = await findMail(stack.local.mailUrl, "samordnare@example.se");
    expect(mail.Subject).toBe(`Veckans läge i idéslussen, vecka ${Number(week.slice(-2))}`);
    expect(mail.Text).toContain("Hej Sam Samordnare!");
    expect(mail.Text).toContain(`Bedömningar som är försenade: ${facts.overdue}`);
    expect(mail.Text).toContain(`- ${facts.first_overdue}: `);
    expect(mail.Text).toContain(
      `Beslut som inte har skickats till idébäraren: ${facts.unreleased}`,
    );
    expect(mail.Text).toContain(`- ${facts.unreleased_reference}: `);
    expect(mail.Text).toContain(
      `Vidareförmedlade idéer att följa upp senast om en vecka: ${facts.follow_ups}`,
    );
    expect(mail.Text).toContain(`- ${facts.follow_up_reference}`);
    expect(mail.Links).toContain(`${siteUrl}/granska/`);
    // No bearer's address or name in it.
    expect(mail.Text).not.toMatch(/@(skovde|lidkoping)\.se/);
  });

  test("queues nothing more on a second run in the same week", async () => {
    const again = await weeklyDigest();
    expect(await again.json()).toMatchObject({ queued: 0, skipped: 1 });
    expect(await (await outboxSender()).json()).toMatchObject({ claimed: 0, sent: 0 });
  });
});
