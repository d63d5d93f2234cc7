import { describe, expect, test } from "vitest";
import { chooseRedirect } from "./redirect-urls.ts";

const site = "http://localhost:4321";
const allowed = [
  "http://localhost:4321/**",
  "http://127.0.0.1:4321/**",
  "https://*.netlify.app/granskning/*",
];

describe("chooseRedirect", () => {
  test("no redirect asked for: the site URL", () => {
    expect(chooseRedirect(null, site, allowed)).toBe(site);
  });

  test("a page on the site itself is allowed", () => {
    expect(chooseRedirect("http://localhost:4321/granskning/?a=1", site, [])).toBe(
      "http://localhost:4321/granskning/?a=1",
    );
  });

  test("** matches any path, * one segment or host label", () => {
    expect(chooseRedirect("http://127.0.0.1:4321/a/b/c", site, allowed)).toBe(
      "http://127.0.0.1:4321/a/b/c",
    );
    expect(chooseRedirect("https://preview.netlify.app/granskning/start", site, allowed)).toBe(
      "https://preview.netlify.app/granskning/start",
    );
    expect(chooseRedirect("https://a.b.netlify.app/granskning/start", site, allowed)).toBe(site);
    expect(chooseRedirect("https://preview.netlify.app/granskning/a/b", site, allowed)).toBe(site);
  });

  test("an address outside the list, or not a URL, falls back to the site URL", () => {
    expect(chooseRedirect("https://evil.example.com/", site, allowed)).toBe(site);
    expect(chooseRedirect("http://localhost:4321.evil.example.com/", site, allowed)).toBe(site);
    expect(chooseRedirect("javascript:alert(1)", site, allowed)).toBe(site);
    expect(chooseRedirect("not a url", site, allowed)).toBe(site);
  });
});
