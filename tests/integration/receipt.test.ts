import type { NetlifyDev } from "@netlify/dev";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startNetlifyDev } from "../../scripts/serve.ts";

/*
 * The receipt for a form sent without JavaScript: netlify.toml hands `/tack/?ref=…` and
 * `/en/thanks/?ref=…` to the receipt function, which shows the reference a static page could not.
 */

let netlifyDev: NetlifyDev;

beforeAll(async () => {
  netlifyDev = await startNetlifyDev();
});

afterAll(async () => {
  await netlifyDev?.stop();
});

async function get(path: string, method = "GET") {
  const response = await netlifyDev.handle(new Request(`http://localhost${path}`, { method }));
  if (!response) throw new Error(`${path} matched nothing`);
  return response;
}

describe("the receipt with a reference in its address", () => {
  test("/tack/?ref= shows the reference in Swedish, with the security headers, never cached", async () => {
    const response = await get("/tack/?ref=IS-2026-0042");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    const page = await response.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain("<title>Tack för din idé – Innovationsslussen</title>");
    expect(page).toMatch(
      /<p id="receipt-reference-line">\s*Ditt diarienummer är <strong id="receipt-reference">IS-2026-0042<\/strong>\./,
    );
  });

  test("/en/thanks/?ref= shows it in English", async () => {
    const page = await (await get("/en/thanks/?ref=IS-2026-0042")).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(
      'Your reference number is <strong id="receipt-reference">IS-2026-0042</strong>',
    );
  });

  test("anything that is not a reference is left out, never echoed", async () => {
    const page = await (await get("/tack/?ref=%3Cscript%3Ealert(1)%3C%2Fscript%3E")).text();
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("alert(1)");
    expect(page).toContain('<p id="receipt-reference-line" hidden>');
  });

  test("answers only GET and HEAD", async () => {
    const response = await get("/api/receipt/sv?ref=IS-2026-0042", "POST");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});
