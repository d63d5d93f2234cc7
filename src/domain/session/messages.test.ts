import { describe, expect, test } from "vitest";
import {
  isSignInNoticeCode,
  minutesInWords,
  sessionMessages,
  signInNoticeCodes,
  signInPageWithNotice,
  swedishClockTime,
} from "./messages.ts";
import { signInFieldErrors, signInSchema } from "./schema.ts";

describe("the session's texts", () => {
  test("every notice the sign-in page may be sent to has a text", () => {
    for (const code of signInNoticeCodes) {
      expect(sessionMessages.notices[code].length).toBeGreaterThan(10);
      expect(isSignInNoticeCode(code)).toBe(true);
    }
    expect(isSignInNoticeCode("<script>")).toBe(false);
    expect(signInPageWithNotice("/granska/logga-in/", "idle")).toBe(
      "/granska/logga-in/?meddelande=idle",
    );
  });

  test("times and durations are written the Swedish way", () => {
    expect(swedishClockTime(new Date("2026-07-01T08:30:00Z"))).toBe("10.30");
    expect(swedishClockTime(new Date("2026-12-01T08:30:00Z"))).toBe("09.30");
    expect(minutesInWords(1)).toBe("1 minut");
    expect(minutesInWords(2)).toBe("2 minuter");
    expect(sessionMessages.idleWarning(2)).toContain("om 2 minuter");
  });

  test("the role and scope in words", () => {
    expect(sessionMessages.roleAndScope("coordinator", null)).toBe("Samordnare för alla kommuner");
    expect(sessionMessages.roleAndScope("reviewer", { code: "1496", name: "Skövde" })).toBe(
      "Idécoach i Skövde",
    );
    expect(sessionMessages.roleAndScope("reviewer", null)).toBe(
      "Regional granskare för alla kommuner",
    );
  });
});

describe("the sign-in schema", () => {
  test("trims and lower-cases the address and keeps the password as typed", () => {
    expect(signInSchema.parse({ email: "  Greta@Skovde.SE ", password: " lösen ord " })).toEqual({
      email: "greta@skovde.se",
      password: " lösen ord ",
    });
  });

  test("names each missing or malformed field in Swedish, once", () => {
    const result = signInSchema.safeParse({ email: "inte-en-adress" });
    expect(result.success).toBe(false);
    expect(signInFieldErrors(result.error!.issues)).toEqual({
      email: "Skriv e-postadressen i rätt format, till exempel namn@kommun.se.",
      password: "Skriv ditt lösenord.",
    });
    expect(signInFieldErrors(signInSchema.safeParse({}).error!.issues)).toEqual({
      email: "Skriv din e-postadress.",
      password: "Skriv ditt lösenord.",
    });
  });

  test("refuses keys it does not know", () => {
    expect(
      signInSchema.safeParse({ email: "a@b.se", password: "x", role: "coordinator" }).success,
    ).toBe(false);
  });
});
