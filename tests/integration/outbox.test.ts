import type { Context } from "@netlify/functions";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import submitEndpoint from "../../netlify/functions/ideas.ts";
import outboxSender from "../../netlify/functions/outbox-sender.ts";
import type { DeliveryReport } from "../../src/server/email/outbox.ts";
import type { Database } from "../../src/server/database.types.ts";
import { storeIdea, validIdea } from "../support/ideas.ts";
import { findMail, startLocalSupabase, type TestSupabase } from "../support/local-supabase.ts";

/*
 * The e-mail outbox sender against a local Supabase and real SMTP servers in this process: the
 * local mail catcher, a server that refuses every recipient, and a port where nothing listens.
 */

const siteUrl = "https://innovationsslussen.example.se";
let local: TestSupabase;
let db: pg.Client;
let refusingServer: SMTPServer;
let refusingPort: number;
const savedEnv = { ...process.env };

beforeAll(async () => {
  local = await startLocalSupabase();
  db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
  refusingServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo: (_address, _session, callback) =>
      callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 })),
  });
  refusingPort = await new Promise<number>((resolve) => {
    refusingServer.listen(0, "127.0.0.1", () => {
      const address = refusingServer.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
});

function useMailServer(smtpUrl: string) {
  Object.assign(process.env, {
    SUPABASE_URL: local.url,
    SUPABASE_PUBLISHABLE_KEY: local.publishableKey,
    SUPABASE_SECRET_KEY: local.secretKey,
    SMTP_URL: smtpUrl,
    EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
    SITE_URL: siteUrl,
  });
}

const catcher = () => `smtp://127.0.0.1:${local.smtpPort}`;
/** A port nothing listens on: the mail server is down. */
const nowhere = "smtp://127.0.0.1:9";

afterEach(async () => {
  // Each test starts with an empty outbox, so what one leaves behind cannot pass another.
  await db.query(
    "update app.email_outbox set status = 'sent', payload = payload - 'status_token' where status = 'pending'",
  );
});

afterAll(async () => {
  process.env = savedEnv;
  await new Promise<void>((resolve) => refusingServer.close(() => resolve()));
  await db?.end();
  await local?.stop();
});

const submit = (overrides: Record<string, unknown> = {}) => storeIdea(local, overrides);

async function runSender(): Promise<DeliveryReport> {
  const response = await outboxSender();
  expect(response.status).toBe(200);
  return (await response.json()) as DeliveryReport;
}

async function outboxRow(reference: string) {
  const { rows } = await db.query<{
    id: string;
    status: string;
    attempts: number;
    has_token: boolean;
    sent_at: Date | null;
    last_error: string | null;
    due_in_seconds: number;
  }>(
    `select o.id, o.status, o.attempts, o.payload ? 'status_token' as has_token, o.sent_at, o.last_error,
            extract(epoch from o.send_after - now())::int as due_in_seconds
     from app.email_outbox o join app.ideas i on i.id = o.idea_id where i.reference = $1`,
    [reference],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function mailsTo(address: string): Promise<number> {
  const response = await fetch(
    `${local.mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}`,
  );
  return ((await response.json()) as { messages: unknown[] }).messages.length;
}

describe("the outbox sender", () => {
  test("sends the receipt with the reference and the private status link, then forgets the token", async () => {
    useMailServer(catcher());
    const idea = await submit({ title: "Digitala nycklar i hemtjänsten" });
    expect(await outboxRow(idea.reference)).toMatchObject({ status: "pending", has_token: true });

    const report = await runSender();
    expect(report).toEqual({ claimed: 1, sent: 1, retrying: 0, dead: 0 });

    const mail = await findMail(local.mailUrl, idea.email);
    expect(mail.Subject).toBe(`Vi har tagit emot din idé ${idea.reference}`);
    expect(mail.From?.Address).toBe("no-reply@example.se");
    expect(mail.Text).toContain("”Digitala nycklar i hemtjänsten”");
    expect(mail.Text).toContain(`diarienumret ${idea.reference}`);
    expect(mail.Links).toContain(`${siteUrl}/status/#${idea.status_token}`);
    const row = await outboxRow(idea.reference);
    expect(mail.MessageID).toBe(`<outbox-${row.id}@innovationsslussen.example.se>`);
    expect(row).toMatchObject({ status: "sent", has_token: false, attempts: 1, last_error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  test("writes to a bearer who used the English form in English, questions included", async () => {
    useMailServer(catcher());
    const idea = await submit({ locale: "en", title: "Digital keys in home care" });
    expect(await runSender()).toMatchObject({ claimed: 1, sent: 1 });
    const receipt = await findMail(local.mailUrl, idea.email);
    expect(receipt.Subject).toBe(`We have received your idea ${idea.reference}`);
    expect(receipt.Text).toContain(`Thank you for your idea "Digital keys in home care".`);
    // The English status page (issue 11: an English receipt leads to /en/status/).
    expect(receipt.Links).toContain(`${siteUrl}/en/status/#${idea.status_token}`);
    expect(receipt.Links).toContain(`${siteUrl}/en/privacy/`);

    // A later e-mail, queued by another function, takes the language from the bearer.
    await db.query(
      `insert into app.email_outbox (idea_id, template, recipient, payload)
       select i.id, 'question_to_bearer', $2, jsonb_build_object('reference', i.reference)
       from app.ideas i where i.reference = $1`,
      [idea.reference, idea.email],
    );
    expect(await runSender()).toMatchObject({ claimed: 1, sent: 1 });
    const question = await findMail(local.mailUrl, idea.email);
    expect(question.Subject).toBe(`We have a question about your idea ${idea.reference}`);
  });

  test("never sends a row twice: a second run, and two runs at once, send each e-mail once (NF-08, RL-05)", async () => {
    useMailServer(catcher());
    const first = await submit();
    expect(await runSender()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await runSender()).toEqual({ claimed: 0, sent: 0, retrying: 0, dead: 0 });
    expect(await mailsTo(first.email)).toBe(1);

    const ideas = await Promise.all([submit(), submit(), submit(), submit()]);
    const reports = await Promise.all([runSender(), runSender(), runSender()]);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(4);
    for (const idea of ideas) {
      expect(await mailsTo(idea.email)).toBe(1);
      expect(await outboxRow(idea.reference)).toMatchObject({ status: "sent", has_token: false });
    }
  });

  test("with the mail server down a submission still gets 201, and the receipt goes out later (RL-07)", async () => {
    useMailServer(nowhere);
    const background: Promise<unknown>[] = [];
    const idea = validIdea();
    const response = await submitEndpoint(
      new Request("http://localhost/api/ideas", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify(idea),
      }),
      {
        requestId: "outbox-test",
        waitUntil: (promise: Promise<unknown>) => background.push(promise),
      } as unknown as Context,
    );
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    // The response did not wait for e-mail; the attempt right after it fails and is recorded.
    expect(background).toHaveLength(1);
    await Promise.all(background);
    const failed = await outboxRow(reference);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, has_token: true });
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    expect(failed.due_in_seconds).toBeGreaterThan(0);

    // Not due yet: the back-off holds it even when the server is back.
    useMailServer(catcher());
    expect(await runSender()).toMatchObject({ claimed: 0 });
    await db.query(
      "update app.email_outbox o set send_after = now() from app.ideas i where i.id = o.idea_id and i.reference = $1",
      [reference],
    );
    expect(await runSender()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await mailsTo(idea.bearer_email as string)).toBe(1);
    expect(await outboxRow(reference)).toMatchObject({
      status: "sent",
      attempts: 2,
      has_token: false,
    });
  });

  test("a row the mail server refuses for good, or that no template fits, is dead and keeps no token", async () => {
    useMailServer(`smtp://127.0.0.1:${refusingPort}`);
    const refused = await submit();
    expect(await runSender()).toEqual({ claimed: 1, sent: 0, retrying: 0, dead: 1 });
    const row = await outboxRow(refused.reference);
    expect(row).toMatchObject({ status: "dead", has_token: false });
    expect(row.last_error).toMatch(/550/);

    useMailServer(catcher());
    const broken = await submit();
    await db.query(
      'update app.email_outbox o set payload = \'{"reference": "nej"}\' from app.ideas i where i.id = o.idea_id and i.reference = $1',
      [broken.reference],
    );
    expect(await runSender()).toEqual({ claimed: 1, sent: 0, retrying: 0, dead: 1 });
    expect((await outboxRow(broken.reference)).last_error).toMatch(
      /Fel innehåll för mallen submission_receipt: reference, title, received_at, status_token/,
    );
    expect(await mailsTo(broken.email)).toBe(0);
  });

  test("gives up after the eighth failed attempt", async () => {
    useMailServer(nowhere);
    const idea = await submit();
    await db.query(
      "update app.email_outbox o set attempts = 7 from app.ideas i where i.id = o.idea_id and i.reference = $1",
      [idea.reference],
    );
    expect(await runSender()).toEqual({ claimed: 1, sent: 0, retrying: 0, dead: 1 });
    expect(await outboxRow(idea.reference)).toMatchObject({
      status: "dead",
      attempts: 8,
      has_token: false,
    });
  });

  test("refuses to claim for anyone but the server with the secret key", async () => {
    const anon = createClient<Database, "api">(local.url, local.publishableKey, {
      db: { schema: "api" },
      auth: { persistSession: false },
    });
    const { error } = await anon.rpc("claim_outbox_emails", {});
    expect(error?.code).toBe("42501");
  });
});
