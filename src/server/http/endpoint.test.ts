import { describe, expect, test, vi } from "vitest";
import { defineEndpoint } from "./endpoint.ts";
import { jsonResponse } from "./responses.ts";

/** An endpoint that records whether its handler ran and echoes the body it got. */
function echoEndpoint() {
  const handled = vi.fn();
  const endpoint = defineEndpoint({
    methods: ["POST"],
    body: { formats: ["json"], maxBytes: 100 },
    handle: ({ body, locale }) => {
      handled();
      return jsonResponse({ body, locale });
    },
  });
  return { endpoint, handled };
}

const post = (body: string, headers: Record<string, string> = {}, url = "http://localhost/api/x") =>
  new Request(url, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...headers },
  });

describe("defineEndpoint", () => {
  test("hands the handler a JSON body it has read and checked", async () => {
    const { endpoint } = echoEndpoint();
    const response = await endpoint(post('{"a":1}', { Origin: "http://localhost" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      body: { format: "json", json: { a: 1 } },
      locale: "sv",
    });
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  test("refuses another site before any work: Origin or Sec-Fetch-Site (AS-08)", async () => {
    const crossSite: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { "Sec-Fetch-Site": "cross-site", Origin: "http://localhost" },
    ];
    for (const headers of crossSite) {
      const { endpoint, handled } = echoEndpoint();
      const response = await endpoint(post('{"a":1}', headers));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toMatchObject({ error: "forbidden_origin" });
      expect(handled).not.toHaveBeenCalled();
    }
  });

  test("lets the site's own pages and clients without browser headers through (allow twin)", async () => {
    const own: Record<string, string>[] = [
      { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost" },
      { "Sec-Fetch-Site": "none" },
      {},
    ];
    for (const headers of own) {
      const { endpoint, handled } = echoEndpoint();
      expect((await endpoint(post("{}", headers))).status, JSON.stringify(headers)).toBe(200);
      expect(handled).toHaveBeenCalledOnce();
    }
  });

  test("answers 415, 413 and 400 before the handler runs, with stable codes", async () => {
    const cases: [Request, number, string][] = [
      [
        post("a=1", { "Content-Type": "application/x-www-form-urlencoded" }),
        415,
        "unsupported_media_type",
      ],
      [post("x", { "Content-Type": "text/plain" }), 415, "unsupported_media_type"],
      [post(`{"a":"${"x".repeat(200)}"}`), 413, "too_large"],
      [post("{}", { "Content-Length": "5000" }), 413, "too_large"],
      [post("[1,2]"), 400, "bad_json"],
      [post("{broken"), 400, "bad_json"],
      [
        new Request("http://localhost/api/x", {
          method: "POST",
          body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
          headers: { "Content-Type": "application/json" },
        }),
        400,
        "bad_encoding",
      ],
    ];
    for (const [request, status, code] of cases) {
      const { endpoint, handled } = echoEndpoint();
      const response = await endpoint(request);
      expect(response.status, code).toBe(status);
      expect(await response.json()).toMatchObject({ error: code });
      expect(handled).not.toHaveBeenCalled();
    }
  });

  test("answers 405 with Allow for other methods", async () => {
    const { endpoint } = echoEndpoint();
    const response = await endpoint(new Request("http://localhost/api/x"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  test("answers in the language of the page the request came from", async () => {
    const { endpoint } = echoEndpoint();
    const english = await endpoint(
      post("{}", { "Content-Type": "text/plain", Referer: "http://localhost/en/submit-idea/" }),
    );
    expect(await english.json()).toEqual({
      error: "unsupported_media_type",
      message: "Send the information from the website's form or as JSON.",
    });
    const asked = await endpoint(post("{}", {}, "http://localhost/api/x?locale=en"));
    expect(await asked.json()).toMatchObject({ locale: "en" });
  });

  test("shows a browser that navigated here a page, not JSON", async () => {
    const { endpoint } = echoEndpoint();
    const response = await endpoint(
      post("x", { "Content-Type": "text/plain", Accept: "text/html,application/xhtml+xml" }),
    );
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await response.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain("Skicka uppgifterna från webbplatsens formulär eller som JSON.");
  });

  test("turns a thrown error into a generic 500 with a request id, never the error's text", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const endpoint = defineEndpoint({
      methods: ["GET"],
      handle: () => {
        throw new Error("select * from secret_table");
      },
    });
    const response = await endpoint(new Request("http://localhost/api/x"), { requestId: "r-1" });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      error: "internal",
      message: "Något gick fel hos oss. Försök igen om en stund.",
      requestId: "r-1",
    });
    expect(body).not.toContain("secret_table");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
