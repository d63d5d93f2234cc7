import { describe, expect, test } from "vitest";
import { findTranslation, footerMenu, translatedPaths } from "./navigation.ts";

describe("navigation", () => {
  test("finds a page's counterpart from either language", () => {
    expect(findTranslation("/om-projektet/")?.en).toBe("/en/about/");
    expect(findTranslation("/en/privacy/")?.sv).toBe("/personuppgifter/");
    expect(findTranslation("/utbildning/")).toBeUndefined();
  });

  test("the idea form and its receipt have English counterparts for the language switch", () => {
    expect(findTranslation("/skicka-ide/")?.en).toBe("/en/submit-idea/");
    expect(findTranslation("/en/submit-idea/")?.sv).toBe("/skicka-ide/");
    expect(findTranslation("/tack/")?.en).toBe("/en/thanks/");
    expect(findTranslation("/en/thanks/")?.sv).toBe("/tack/");
  });

  test("every translated path ends with a slash and English paths live under /en/", () => {
    for (const pair of translatedPaths) {
      expect(pair.sv).toMatch(/^\/(?!en\/).*\/$|^\/$/);
      expect(pair.en).toMatch(/^\/en\/.*$/);
      expect(pair.en.endsWith("/")).toBe(true);
    }
  });

  test("the footer links the accessibility statement in both languages (LG-01)", () => {
    expect(footerMenu.sv.map((link) => link.href)).toContain("/tillganglighet/");
    expect(footerMenu.en.map((link) => link.href)).toContain("/en/accessibility/");
  });
});
