import { afterAll, beforeAll, describe, expect, test } from "vitest";
import outboxSender from "../../netlify/functions/outbox-sender.ts";
import type { DeadEmail } from "../../src/domain/admin/answers.ts";
import { storeIdea, type StoredIdea } from "../support/ideas.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { findMail } from "../support/local-supabase.ts";
import { CookieJar, postJson, sameOriginHeaders, send, signIn } from "../support/session.ts";

/*
 * Dead e-mails (RL-05, decision 0006): a receipt the mail server refused for good is listed for a
 * coordinator with its reason, the address masked; sending it again puts it back in the outbox with
 * a new status link, the sender delivers it, the link works, and the retry is audited.
 */

let stack: FunctionsStack;
const coordinator = new CookieJar();
const coach = new CookieJar();
const savedEnv = { ...process.env };
const siteUrl = "https://innovationsslussen.example.se";
let idea: StoredIdea;
let deadId: number;

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${stack.local.smtpPort}`,
    EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
    SITE_URL: siteUrl,
  });
  idea = await storeIdea(stack.local, { title: "Idé vars kvitto studsade" });
  // The sender gave up: the mail server refused the address, and the token went with the row.
  const { rows } = await stack.db.query<{ id: string }>(
    `update app.email_outbox o
     set status = 'dead', attempts = 1, payload = o.payload - 'status_token',
       last_error = 'EENVELOPE: 550 5.1.1 <' || o.recipient || '>: Recipient address rejected'
     from app.ideas i where i.id = o.idea_id and i.reference = $1 returning o.id`,
    [idea.reference],
  );
  deadId = Number(rows[0]!.id);
  expect((await signIn(stack.functions, coordinator, "samordnare@example.se")).status).toBe(200);
  expect((await signIn(stack.functions, coach, "granskare.skovde@example.se")).status).toBe(200);
});

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
});

const list = (jar: CookieJar) => send(stack.functions, "/api/admin/dead-emails", { jar });
const retry = (id: number | string, jar = coordinator, headers: Record<string, string> = {}) =>
  send(stack.functions, `/api/admin/dead-emails/${id}/retry`, { ...postJson({}, headers), jar });

describe("dead e-mails", () => {
  test("a coordinator sees them with the reason, the address masked", async () => {
    const response = await list(coordinator);
    expect(response.status).toBe(200);
    const { emails } = (await response.json()) as { emails: DeadEmail[] };
    const local = idea.email.split("@")[0]!;
    expect(emails).toContainEqual({
      id: deadId,
      recipient: `${local[0]}***@skovde.se`,
      template: "submission_receipt",
      reference: idea.reference,
      attempts: 1,
      lastError: `EENVELOPE: 550 5.1.1 <${local[0]}***@skovde.se>: Recipient address rejected`,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(emails)).not.toContain(idea.email);
  });

  test("a reviewer gets 403 for the list and the retry, and the row stays dead", async () => {
    const listed = await list(coach);
    expect(listed.status).toBe(403);
    expect(await listed.json()).toEqual({
      error: "forbidden",
      message: "Det här är bara för samordnare.",
    });
    expect((await retry(deadId, coach)).status).toBe(403);
    expect((await retry(deadId, coordinator, { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    const { rows } = await stack.db.query("select status from app.email_outbox where id = $1", [
      deadId,
    ]);
    expect(rows).toEqual([{ status: "dead" }]);
  });

  test("sending one again delivers it with a new, working status link, and is audited", async () => {
    const response = await retry(deadId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      email: {
        id: deadId,
        status: "pending",
        template: "submission_receipt",
        reference: idea.reference,
      },
      message: `Kvitto på inskickad idé för ${idea.reference} skickas igen inom en minut.`,
    });
    const { rows } = await stack.db.query(
      "select status, attempts, last_error, payload ? 'status_token' as has_token from app.email_outbox where id = $1",
      [deadId],
    );
    expect(rows).toEqual([{ status: "pending", attempts: 0, last_error: null, has_token: true }]);

    const sent = await outboxSender();
    expect(await sent.json()).toMatchObject({ sent: 1, dead: 0 });
    const mail = await findMail(stack.local.mailUrl, idea.email);
    expect(mail.Subject).toBe(`Vi har tagit emot din idé ${idea.reference}`);
    const link = mail.Links.find((href) => href.startsWith(`${siteUrl}/status/#`));
    expect(link).toBeDefined();
    const token = link!.slice(`${siteUrl}/status/#`.length);
    expect(token).not.toBe(idea.status_token);

    // The new link opens the idea's status page; the old one still does too.
    for (const each of [token, idea.status_token]) {
      const status = await send(stack.functions, "/api/status", postJson({ token: each }));
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({ reference: idea.reference });
    }

    const { rows: events } = await stack.db.query(
      "select actor_kind, idea_reference, details from app.audit_events where action = 'email_retry'",
    );
    expect(events).toEqual([
      {
        actor_kind: "coordinator",
        idea_reference: idea.reference,
        details: {
          email_id: deadId,
          template: "submission_receipt",
          attempts: 1,
          new_status_link: true,
        },
      },
    ]);
  });

  test("an e-mail that is no longer dead, or an id that is no number, is 404", async () => {
    const again = await retry(deadId);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: "not_found" });
    expect((await retry("abc")).status).toBe(404);
    const listed = (await (await list(coordinator)).json()) as { emails: DeadEmail[] };
    expect(listed.emails.some((email) => email.id === deadId)).toBe(false);
  });

  test("an e-mail to a person whose processing is restricted is not sent again (409)", async () => {
    const restricted = await storeIdea(stack.local, { title: "Idé från en begränsad person" });
    const { rows } = await stack.db.query<{ id: string }>(
      `update app.email_outbox o set status = 'dead', payload = o.payload - 'status_token'
       from app.ideas i where i.id = o.idea_id and i.reference = $1 returning o.id`,
      [restricted.reference],
    );
    await stack.db.query(
      `update app.idea_bearers b set restricted_at = now() from app.ideas i
       where i.id = b.idea_id and i.reference = $1`,
      [restricted.reference],
    );
    const response = await retry(rows[0]!.id);
    expect(response.status).toBe(409);
    // The workspace's one refusal shape (src/server/http/refusal-response.ts): the rule key too.
    expect(await response.json()).toEqual({
      error: "conflict",
      rule: "recipient_restricted",
      message:
        "Behandlingen av mottagarens personuppgifter är begränsad, så e-post skickas inte till hen.",
    });
    const { rows: after } = await stack.db.query(
      "select status from app.email_outbox where id = $1",
      [rows[0]!.id],
    );
    expect(after).toEqual([{ status: "dead" }]);
  });

  test("the same-origin guard holds for the retry without a session too", async () => {
    const response = await send(stack.functions, `/api/admin/dead-emails/${deadId}/retry`, {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json", ...sameOriginHeaders },
    });
    expect(response.status).toBe(401);
  });
});
