import { describe, expect, test } from "vitest";
import {
  clearedSessionCookies,
  isSessionCookie,
  readSessionCookies,
  serializeSessionCookie,
} from "./cookies.ts";

describe("session cookies", () => {
  test("every one is __Host-, HttpOnly, Secure, SameSite=Lax, Path=/ and without Domain", () => {
    for (const name of ["__Host-sb-session", "__Host-sb-session.0", "__Host-sb-session.1"]) {
      expect(serializeSessionCookie(name, "base64-abc", 3600)).toBe(
        `${name}=base64-abc; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax`,
      );
    }
    expect(serializeSessionCookie("__Host-sb-session-code-verifier", "v", 43_200)).toBe(
      "__Host-sb-session-code-verifier=v; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax",
    );
    expect(serializeSessionCookie("__Host-sb-session.0", "", 3600)).toBe(
      "__Host-sb-session.0=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
    );
  });

  test("no other cookie is read or written", () => {
    expect(() => serializeSessionCookie("sb-127-auth-token", "x", 1)).toThrow();
    expect(isSessionCookie("__Host-sb-sessionx")).toBe(false);
    const request = new Request("https://example.se/", {
      headers: { Cookie: "theme=dark; __Host-sb-session.0=a; __Host-sb-session.1=b" },
    });
    expect(readSessionCookies(request)).toEqual([
      { name: "__Host-sb-session.0", value: "a" },
      { name: "__Host-sb-session.1", value: "b" },
    ]);
    expect(clearedSessionCookies(request)).toEqual([
      "__Host-sb-session.0=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
      "__Host-sb-session.1=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
    ]);
  });
});
