import { describe, expect, test } from "vitest";
import { decisionTexts as t } from "./decision-texts.ts";

describe("the idea page's decisions, in Swedish", () => {
  test("name each move by what it does, from where the idea is", () => {
    expect(t.moves.label("received", "in_review")).toBe("Börja granska idén");
    expect(t.moves.label("assessed", "in_review")).toBe("Öppna granskningen igen");
    expect(t.moves.label("parked", "in_review")).toBe("Ta upp idén igen och granska den");
    expect(t.moves.label("in_review", "assessed")).toBe("Markera idén som bedömd");
    expect(t.moves.label("assessed", "accepted")).toBe("Beslut: vidare till utveckling");
    expect(t.moves.label("assessed", "duplicate")).toBe("Beslut: dubblett av en annan idé");
  });

  test("say plainly what the bearer sees, and when", () => {
    expect(t.moves.bearerSees.move("Bedömd")).toBe(
      "Det här ser idébäraren: läget ”Bedömd” på sin statussida, så fort du sparar. Motiveringen ser idébäraren inte.",
    );
    expect(t.moves.bearerSees.decision).toContain("ingenting ännu");
    expect(t.release.bearerSeesNow("Under bedömning")).toBe(
      "Idébäraren har inte fått något besked. På statussidan ser idébäraren fortfarande läget ”Under bedömning”.",
    );
    expect(t.done.decided("Avslagen")).toBe(
      "Beslutet ”Avslagen” är sparat. Idébäraren ser det inte förrän du släpper det.",
    );
  });

  test("count search results and name who did what", () => {
    expect([0, 1, 3].map(t.duplicate.found)).toEqual([
      "Inga idéer matchar sökningen. Sök på något annat.",
      "1 idé matchar sökningen. Den finns bland valen ovan.",
      "3 idéer matchar sökningen. De finns bland valen ovan.",
    ]);
    expect(t.release.decided(null, "Vilande", "2 dec. 2026 kl. 9.00")).toBe(
      "En samordnare beslutade ”Vilande” 2 dec. 2026 kl. 9.00.",
    );
    expect(t.sharing.notShared("Skövde")).toBe(
      "Idén syns bara för Skövdes idécoacher och för regionens granskare och samordnare.",
    );
    expect(t.interest.item("Lidköping", t.interest.kinds.co_fund)).toBe(
      "Lidköping: vill medfinansiera",
    );
  });
});
