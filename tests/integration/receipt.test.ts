import { beforeAll, describe, expect, test } from "vitest";
import receipt from "../../netlify/functions/receipt.ts";
import { createFunctionRouter, type FunctionRouter } from "../support/functions.ts";

/*
 * The receipt for a form sent without JavaScript: netlify.toml hands `/tack/?ref=…` and
 * `/en/thanks/?ref=…` to the receipt function, which shows the reference a static page could not.
 * Netlify's rewrite keeps the receipt's own address, so the function sees `/tack/?ref=…`; these
 * tests give it exactly that. The rewrite itself is tested in routing.test.ts.
 */

let functions: FunctionRouter;

beforeAll(async () => {
  functions = await createFunctionRouter();
});

async function get(path: string, method = "GET") {
  const request = new Request(`http://localhost${path}`, { method });
  const response = path.startsWith("/api/")
    ? await functions.handle(request)
    : await receipt(request, { params: {} });
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
