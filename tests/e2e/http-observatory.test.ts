import { describe, expect, inject, test } from "vitest";

/**
 * The MDN HTTP Observatory's header tests (algorithm of @mdn/mdn-http-observatory 1.4.8), applied to
 * the production build and a function response. The package itself cannot be installed offline: its
 * install step downloads the HSTS preload list. Its redirection test (HTTP → HTTPS) is Netlify's job
 * and cannot be seen on a local HTTP server, so it is left out; every test that depends on our
 * headers is here, with the score modifiers the Observatory gives. A+ needs a score of at least 100.
 */
function parseCsp(header: string): Map<string, Set<string>> {
  return new Map(
    header
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), new Set(sources)]),
  );
}

/** Score modifiers per Observatory test, with the expectation that earns each. */
function observatoryScore(
  headers: Headers,
  html: string,
): { score: number; results: Record<string, string> } {
  const results: Record<string, string> = {};
  let score = 100;
  const add = (test: string, expectation: string, modifier: number) => {
    results[test] = expectation;
    score += modifier;
  };

  const csp = parseCsp(headers.get("content-security-policy") ?? "");
  const scriptSrc = csp.get("script-src") ?? csp.get("default-src") ?? new Set(["*"]);
  const styleSrc = csp.get("style-src") ?? csp.get("default-src") ?? new Set(["*"]);
  const unsafeScript = ["'unsafe-inline'", "data:", "*", "http:", "https:"].some((source) =>
    scriptSrc.has(source),
  );
  const unsafeEval = scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'");
  const formAction = csp.get("form-action");
  if (csp.size === 0) add("content-security-policy", "csp-not-implemented", -25);
  else if (unsafeScript || unsafeEval)
    add("content-security-policy", "csp-implemented-with-unsafe", -20);
  else if (
    csp.get("default-src")?.has("'none'") &&
    csp.get("default-src")?.size === 1 &&
    formAction
  )
    add("content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10);
  else add("content-security-policy", "csp-implemented-with-no-unsafe", 5);

  add("cookies", headers.getSetCookie().length === 0 ? "cookies-not-found" : "cookies-present", 0);
  add(
    "cross-origin-resource-sharing",
    headers.get("access-control-allow-origin") === "*"
      ? "cross-origin-resource-sharing-implemented-with-universal-access"
      : "cross-origin-resource-sharing-not-implemented",
    0,
  );

  const referrer = headers.get("referrer-policy")?.split(",").at(-1)?.trim().toLowerCase();
  if (
    referrer &&
    ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].includes(
      referrer,
    )
  )
    add("referrer-policy", "referrer-policy-private", 5);
  else
    add(
      "referrer-policy",
      referrer ? "referrer-policy-unsafe" : "referrer-policy-not-implemented",
      referrer ? -5 : 0,
    );

  const maxAge = Number(
    /max-age=(\d+)/i.exec(headers.get("strict-transport-security") ?? "")?.[1] ?? -1,
  );
  if (maxAge >= 15_768_000)
    add("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0);
  else
    add(
      "strict-transport-security",
      maxAge < 0 ? "hsts-not-implemented" : "hsts-implemented-max-age-less-than-six-months",
      maxAge < 0 ? -20 : -10,
    );

  const externalScripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].filter((match) =>
    /^(https?:)?\/\//.test(match[1]!),
  );
  add(
    "subresource-integrity",
    externalScripts.length === 0
      ? "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
      : "sri-not-implemented-but-external-scripts-loaded-securely",
    externalScripts.length === 0 ? 0 : -5,
  );

  add(
    "x-content-type-options",
    headers.get("x-content-type-options") === "nosniff"
      ? "x-content-type-options-nosniff"
      : "x-content-type-options-not-implemented",
    headers.get("x-content-type-options") === "nosniff" ? 0 : -5,
  );

  if (csp.get("frame-ancestors")?.has("'none'") || csp.get("frame-ancestors")?.has("'self'"))
    add("x-frame-options", "x-frame-options-implemented-via-csp", 5);
  else if (["deny", "sameorigin"].includes(headers.get("x-frame-options")?.toLowerCase() ?? ""))
    add("x-frame-options", "x-frame-options-sameorigin-or-deny", 0);
  else add("x-frame-options", "x-frame-options-not-implemented", -20);

  const corp = headers.get("cross-origin-resource-policy");
  add(
    "cross-origin-resource-policy",
    corp === "same-origin" || corp === "same-site"
      ? "corp-implemented-with-same-origin"
      : "corp-not-implemented",
    0,
  );
  return { score, results };
}

describe("MDN HTTP Observatory rules", () => {
  test.each(["/", "/tillganglighet/", "/sok/", "/api/health"])(
    "%s scores A+ (at least 100)",
    async (path) => {
      const response = await fetch(`${inject("baseUrl")}${path}`);
      expect(response.status).toBe(200);
      const { score, results } = observatoryScore(response.headers, await response.text());
      expect(results).toEqual({
        "content-security-policy": "csp-implemented-with-no-unsafe",
        cookies: "cookies-not-found",
        "cross-origin-resource-sharing": "cross-origin-resource-sharing-not-implemented",
        "referrer-policy": "referrer-policy-private",
        "strict-transport-security": "hsts-implemented-max-age-at-least-six-months",
        "subresource-integrity": "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        "x-content-type-options": "x-content-type-options-nosniff",
        "x-frame-options": "x-frame-options-implemented-via-csp",
        "cross-origin-resource-policy": "corp-implemented-with-same-origin",
      });
      expect(score).toBe(115);
    },
  );

  test("a policy with 'unsafe-inline' scripts would lose the A+ (the rules can fail)", () => {
    const headers = new Headers({
      "content-security-policy":
        "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      "referrer-policy": "strict-origin-when-cross-origin",
      "strict-transport-security": "max-age=63072000",
      "x-content-type-options": "nosniff",
    });
    expect(observatoryScore(headers, "").score).toBeLessThan(100);
  });
});
