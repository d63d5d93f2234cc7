import { randomUUID } from "node:crypto";
import type { AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import { json, serveHttp, type HttpServer } from "./http.ts";

/** An address as Mailpit's API writes it. */
export interface MailAddress {
  Name: string;
  Address: string;
}

/** A caught message, in the field names of Mailpit's API (what `supabase start` runs). */
export interface CaughtMessage {
  ID: string;
  MessageID: string;
  From: MailAddress | null;
  To: MailAddress[];
  Cc: MailAddress[];
  Subject: string;
  Created: string;
  Text: string;
  HTML: string;
  Size: number;
  /** Every link in the message (from the HTML's href attributes and the text), in order. */
  Links: string[];
}

/** The SMTP server and its web UI. */
export interface MailCatcher {
  smtpPort: number;
  webPort: number;
  url: string;
  messages(): readonly CaughtMessage[];
  stop(): Promise<void>;
}

/** Messages kept; older ones are dropped first. */
const capacity = 1000;

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list
    .flatMap((group) => group.value)
    .map((entry) => ({ Name: entry.name, Address: entry.address ?? "" }));
}

function decodeEntities(text: string): string {
  return text
    .replaceAll("&#34;", '"')
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The http(s) links in a message: href attributes of its HTML, then URLs in its text, each once. */
export function findLinks(html: string, text: string): string[] {
  const links = [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((match) =>
    decodeEntities(match[1] ?? ""),
  );
  const plain = [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => match[0]);
  return [...new Set([...links, ...plain])].filter((link) => /^https?:/i.test(link));
}

/** Escapes text for HTML content and double-quoted attributes. Every caught value goes through it. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function formatAddress(address: MailAddress | null): string {
  if (!address) return "";
  return address.Name ? `${address.Name} <${address.Address}>` : address.Address;
}

/**
 * The web UI's pages carry a Content-Security-Policy without scripts; a message's own HTML is shown
 * in a sandboxed iframe (no scripts, no same-origin), so a caught e-mail can never run code here.
 * No Referer leaves the page, so a link's tokens are not sent to other sites.
 */
const pageHeaders = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "SAMEORIGIN",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

function page(title: string, body: string): Response {
  return new Response(
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ccc}iframe{width:100%;height:30rem;border:1px solid #ccc}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style></head>
<body>${body}</body>
</html>`,
    { headers: pageHeaders },
  );
}

function listPage(messages: readonly CaughtMessage[]): Response {
  const rows = [...messages]
    .reverse()
    .map(
      (message) =>
        `<tr><td>${escapeHtml(message.Created)}</td><td>${escapeHtml(formatAddress(message.From))}</td>` +
        `<td>${escapeHtml(message.To.map(formatAddress).join(", "))}</td>` +
        `<td><a href="/view/${encodeURIComponent(message.ID)}">${escapeHtml(message.Subject || "(no subject)")}</a></td></tr>`,
    )
    .join("\n");
  return page(
    "Local mail",
    `<h1>Local mail catcher</h1>
<p>Every e-mail the local stack sends ends here; nothing leaves this machine. ${messages.length} message(s).
<a href="/">Refresh</a></p>
<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead>
<tbody>${rows || '<tr><td colspan="4">No messages yet.</td></tr>'}</tbody></table>`,
  );
}

function messagePage(message: CaughtMessage): Response {
  const links = message.Links.map(
    (link) => `<li><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></li>`,
  ).join("\n");
  return page(
    message.Subject,
    `<p><a href="/">All messages</a></p>
<h1>${escapeHtml(message.Subject || "(no subject)")}</h1>
<dl><dt>From</dt><dd>${escapeHtml(formatAddress(message.From))}</dd>
<dt>To</dt><dd>${escapeHtml(message.To.map(formatAddress).join(", "))}</dd>
<dt>Received</dt><dd>${escapeHtml(message.Created)}</dd></dl>
${links ? `<h2>Links</h2><ul>${links}</ul>` : ""}
${message.HTML ? `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="The message as HTML" srcdoc="${escapeHtml(message.HTML)}"></iframe>` : ""}
${message.Text ? `<h2>Text</h2><pre>${escapeHtml(message.Text)}</pre>` : ""}`,
  );
}

function summary(message: CaughtMessage) {
  return {
    ID: message.ID,
    MessageID: message.MessageID,
    From: message.From,
    To: message.To,
    Cc: message.Cc,
    Subject: message.Subject,
    Created: message.Created,
    Snippet: message.Text.slice(0, 250),
    Size: message.Size,
  };
}

/** Mailpit's search syntax, the parts tests use: `to:address`, `from:address`, `subject:"words"`, free text. */
function search(messages: readonly CaughtMessage[], query: string): CaughtMessage[] {
  const terms = [...query.matchAll(/(\w+:)?("([^"]*)"|\S+)/g)].map((match) => ({
    field: match[1]?.slice(0, -1).toLowerCase() ?? "",
    value: (match[3] ?? match[2] ?? "").toLowerCase(),
  }));
  return messages.filter((message) =>
    terms.every(({ field, value }) => {
      if (field === "to") return message.To.some((to) => to.Address.toLowerCase().includes(value));
      if (field === "from") return (message.From?.Address.toLowerCase() ?? "").includes(value);
      if (field === "subject") return message.Subject.toLowerCase().includes(value);
      return `${message.Subject} ${message.Text} ${message.HTML}`.toLowerCase().includes(value);
    }),
  );
}

function listJson(messages: CaughtMessage[]): Response {
  const newestFirst = [...messages].reverse();
  return json(200, {
    total: newestFirst.length,
    unread: 0,
    count: newestFirst.length,
    messages_count: newestFirst.length,
    start: 0,
    tags: [],
    messages: newestFirst.map(summary),
  });
}

/**
 * A local mail catcher: an SMTP server on 127.0.0.1 that accepts every message (no TLS, no
 * authentication, nothing relayed), and a web UI plus a subset of Mailpit's JSON API to read them:
 * `GET /api/v1/messages`, `GET /api/v1/search?query=…`, `GET /api/v1/message/{ID}`,
 * `DELETE /api/v1/messages`. Messages live in memory.
 */
export async function startMailCatcher(options: {
  host: string;
  smtpPort: number;
  webPort: number;
  log: (line: string) => void;
}): Promise<MailCatcher> {
  const messages: CaughtMessage[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    banner: "Local mail catcher",
    logger: false,
    size: 10_000_000,
    onData(stream, _session, callback) {
      // mailparser is loaded with the first message, not at start-up.
      import("mailparser")
        .then(({ simpleParser }) => simpleParser(stream))
        .then((parsed) => {
          const html = typeof parsed.html === "string" ? parsed.html : "";
          const text = parsed.text ?? "";
          messages.push({
            ID: randomUUID(),
            MessageID: parsed.messageId ?? "",
            From: addresses(parsed.from)[0] ?? null,
            To: addresses(parsed.to),
            Cc: addresses(parsed.cc),
            Subject: parsed.subject ?? "",
            Created: new Date().toISOString(),
            Text: text,
            HTML: html,
            Size: html.length + text.length,
            Links: findLinks(html, text),
          });
          if (messages.length > capacity) messages.shift();
          callback();
        })
        .catch((error: unknown) => {
          options.log(`mail catcher: unreadable message: ${(error as Error).message}`);
          callback(error as Error);
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(options.smtpPort, options.host, () => resolve());
  });
  smtp.on("error", (error) => options.log(`mail catcher: ${error.message}`));
  const smtpAddress = smtp.server.address();
  const smtpPort =
    typeof smtpAddress === "object" && smtpAddress ? smtpAddress.port : options.smtpPort;

  const web: HttpServer = await serveHttp(
    async (request) => {
      const url = new URL(request.url);
      const find = (id: string) => messages.find((message) => message.ID === id);
      if (request.method === "GET" && url.pathname === "/") return listPage(messages);
      const view = /^\/view\/([^/]+)$/.exec(url.pathname);
      if (request.method === "GET" && view) {
        const message = find(decodeURIComponent(view[1]!));
        return message
          ? messagePage(message)
          : page("Not found", '<p>No such message. <a href="/">All messages</a></p>');
      }
      if (request.method === "GET" && url.pathname === "/api/v1/messages")
        return listJson(messages);
      if (request.method === "GET" && url.pathname === "/api/v1/search") {
        return listJson(search(messages, url.searchParams.get("query") ?? ""));
      }
      const one = /^\/api\/v1\/message\/([^/]+)$/.exec(url.pathname);
      if (request.method === "GET" && one) {
        const message = find(decodeURIComponent(one[1]!));
        return message
          ? json(200, {
              ...summary(message),
              Text: message.Text,
              HTML: message.HTML,
              Links: message.Links,
              Date: message.Created,
            })
          : json(404, { message: "message not found" });
      }
      if (request.method === "DELETE" && url.pathname === "/api/v1/messages") {
        messages.length = 0;
        return new Response("ok", { headers: { "Content-Type": "text/plain" } });
      }
      return json(404, { message: "not found" });
    },
    { host: options.host, port: options.webPort, log: options.log },
  );

  return {
    smtpPort,
    webPort: web.port,
    url: `http://${options.host}:${web.port}`,
    messages: () => messages,
    async stop() {
      await web.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
