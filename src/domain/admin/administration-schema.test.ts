import { describe, expect, test } from "vitest";
import {
  areaSchema,
  criterionRevisionSchema,
  fieldErrors,
  inviteReviewerSchema,
  municipalitySchema,
  splitDomains,
  welcomeSchema,
} from "./administration-schema.ts";

describe("the administration's inputs", () => {
  test("an invitation: the address trimmed and lower-cased, a scope or regional", () => {
    expect(
      inviteReviewerSchema.parse({
        email: " Lina.L@Lidkoping.se ",
        name: " Lina ",
        role: "reviewer",
        municipalityCode: "1494",
      }),
    ).toEqual({
      email: "lina.l@lidkoping.se",
      name: "Lina",
      role: "reviewer",
      municipalityCode: "1494",
    });
    const empty = inviteReviewerSchema.safeParse({ email: "", name: "", municipalityCode: null });
    expect(empty.success).toBe(false);
    expect(fieldErrors(empty.error!.issues)).toEqual({
      email: "Skriv personens e-postadress.",
      name: "Skriv personens namn.",
      role: "Välj om personen är granskare eller samordnare.",
    });
  });

  test("a criterion revision needs five level texts and a weight of 0.1–10 with two decimals", () => {
    const revision = {
      name: "Nytta",
      description: "Vilken nytta.",
      levels: ["1", "2", "3", "4", "5"],
      weight: 1.5,
    };
    expect(criterionRevisionSchema.safeParse(revision).success).toBe(true);
    for (const weight of [0, 0.05, 10.5, 1.234, Number.NaN]) {
      const parsed = criterionRevisionSchema.safeParse({ ...revision, weight });
      expect(fieldErrors(parsed.error!.issues), String(weight)).toEqual({
        weight: "Skriv en vikt mellan 0,1 och 10, till exempel 1 eller 1,5.",
      });
    }
    const blank = criterionRevisionSchema.safeParse({
      ...revision,
      levels: ["1", " ", "3", "4", "5"],
    });
    expect(fieldErrors(blank.error!.issues)).toEqual({ "levels.1": "Skriv vad poängen betyder." });
  });

  test("a municipality: a four-digit code and domains as typed, with commas", () => {
    expect(splitDomains(" lidkoping.se, @skola.lidkoping.se;  ")).toEqual([
      "lidkoping.se",
      "skola.lidkoping.se",
    ]);
    expect(
      municipalitySchema.parse({
        code: "1494",
        name: "Lidköping",
        emailDomains: ["Lidkoping.se"],
        active: true,
      }).emailDomains,
    ).toEqual(["lidkoping.se"]);
    const wrong = municipalitySchema.safeParse({
      code: "149",
      name: "Lidköping",
      emailDomains: ["namn@lidkoping.se"],
      active: true,
    });
    expect(fieldErrors(wrong.error!.issues)).toEqual({
      code: "Skriv kommunkoden med fyra siffror, till exempel 1494.",
      "emailDomains.0":
        "Skriv domänerna utan @, med kommatecken emellan, till exempel lidkoping.se.",
    });
  });

  test("an area: an order from 0 to 10000", () => {
    expect(areaSchema.safeParse({ name: "Räddning", sortOrder: 10, active: true }).success).toBe(
      true,
    );
    expect(
      fieldErrors(
        areaSchema.safeParse({ name: "Räddning", sortOrder: -1, active: true }).error!.issues,
      ),
    ).toEqual({ sortOrder: "Skriv ordningen som ett heltal mellan 0 och 10000." });
  });

  test("the welcome page: at least 12 characters, typed twice the same", () => {
    const token = "a".repeat(56);
    expect(
      welcomeSchema.safeParse({
        token,
        password: "Ett-långt-lösenord",
        repeatPassword: "Ett-långt-lösenord",
      }).success,
    ).toBe(true);
    expect(
      fieldErrors(
        welcomeSchema.safeParse({ token, password: "Ett-långt-lösenord", repeatPassword: "annat" })
          .error!.issues,
      ),
    ).toEqual({ repeatPassword: "Skriv samma lösenord två gånger." });
    expect(
      fieldErrors(
        welcomeSchema.safeParse({ token: "", password: "kort", repeatPassword: "kort" }).error!
          .issues,
      ),
    ).toEqual({
      token: "Länken är inte hel. Öppna länken i inbjudan igen.",
      password: "Lösenordet måste ha minst 12 tecken.",
    });
  });
});
