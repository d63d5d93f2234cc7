import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMailCatcher, type MailCatcher } from "../../../supabase/local/mail-catcher.ts";
import { findMail } from "../../support/local-supabase.ts";

/*
 * The local mail catcher: whatever arrives over SMTP is readable in the browser and through the
 * Mailpit-style API, and nothing in a message can run or inject markup in the web UI.
 */

let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher({ host: "127.0.0.1", smtpPort: 0, webPort: 0, log: () => {} });
});

afterAll(async () => {
  await catcher?.stop();
});

function send(message: { to: string; subject: string; html?: string; text?: string }) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: catcher.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  return transport.sendMail({ from: '"Idéslussen" <noreply@example.se>', ...message });
}

describe("mail catcher", () => {
  test("a message sent over SMTP can be found by recipient with its text, HTML and links", async () => {
    await send({
      to: "idebarare@example.se",
      subject: "Tack för din idé IS-2026-0042",
      html: '<p>Följ din idé: <a href="http://localhost:4321/status/abc?x=1&amp;y=2">status</a></p>',
      text: "Följ din idé: http://localhost:4321/status/abc?x=1&y=2",
    });
    const mail = await findMail(catcher.url, "idebarare@example.se");
    expect(mail).toMatchObject({
      Subject: "Tack för din idé IS-2026-0042",
      From: { Name: "Idéslussen", Address: "noreply@example.se" },
      To: [{ Name: "", Address: "idebarare@example.se" }],
      Links: ["http://localhost:4321/status/abc?x=1&y=2"],
    });
    expect(mail.Text).toBe("Följ din idé: http://localhost:4321/status/abc?x=1&y=2");
  });

  test("the web UI escapes everything a message contains and runs no script", async () => {
    await send({
      to: "granskare@example.se",
      subject: '<script>alert("ämne")</script>',
      html: '<img src=x onerror="alert(1)"><script>alert("kropp")</script><a href="javascript:alert(2)">x</a>',
      text: "<b>inte fet</b>",
    });
    const list = await fetch(catcher.url);
    expect(list.headers.get("content-security-policy")).toMatch(/^default-src 'none';/);
    expect(list.headers.get("referrer-policy")).toBe("no-referrer");
    const listHtml = await list.text();
    expect(listHtml).toContain("&lt;script&gt;alert(&quot;ämne&quot;)&lt;/script&gt;");
    expect(listHtml).not.toContain('<script>alert("ämne")');

    const mail = await findMail(catcher.url, "granskare@example.se");
    const page = await (await fetch(`${catcher.url}/view/${mail.ID}`)).text();
    expect(page).not.toMatch(/<script>|<img src=x/);
    expect(page).toContain("&lt;b&gt;inte fet&lt;/b&gt;");
    // The message's own HTML only ever appears escaped inside a sandboxed iframe without scripts.
    expect(page).toMatch(
      /<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" [^>]*srcdoc="&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/,
    );
    expect(mail.Links).toEqual([]);
  });

  test("deleting all messages empties the mailbox", async () => {
    await send({ to: "bort@example.se", subject: "Tas bort", text: "x" });
    const deleted = await fetch(`${catcher.url}/api/v1/messages`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    const { total } = (await (await fetch(`${catcher.url}/api/v1/messages`)).json()) as {
      total: number;
    };
    expect(total).toBe(0);
  });
});
