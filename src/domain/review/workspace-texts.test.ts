import { describe, expect, test } from "vitest";
import { dateTimeOf, daysInWords, longDateOf, shortDateOf } from "./dates.ts";
import { ideaPageTexts, parseIdeaReference, similarityInWords } from "./idea-page-texts.ts";
import { ideasInWords, queueTexts } from "./queue-texts.ts";

describe("the workspace's dates, in Swedish and Swedish time", () => {
  test("write an instant's date and time as Sweden reads it, the clock with a full stop", () => {
    expect(shortDateOf("2026-12-01T23:30:00Z")).toBe("2 dec. 2026");
    expect(longDateOf("2026-06-15T16:21:00+00:00")).toBe("15 juni 2026");
    expect(dateTimeOf("2026-06-15T16:21:00+00:00")).toBe("15 juni 2026 kl. 18.21");
  });

  test("write a due date as that day, wherever it is read", () => {
    expect(shortDateOf("2026-12-10")).toBe("10 dec. 2026");
    expect(longDateOf("2026-12-10")).toBe("10 december 2026");
  });

  test("count days and ideas in words", () => {
    expect([0, 1, 2].map(daysInWords)).toEqual(["0 dagar", "1 dag", "2 dagar"]);
    expect([1, 12].map(ideasInWords)).toEqual(["1 idé", "12 idéer"]);
  });
});

describe("the queue's sentences", () => {
  test("say how many match, and how many are shown", () => {
    expect(queueTexts.status.total(0)).toBe("Inga idéer matchar filtret.");
    expect(queueTexts.status.total(1)).toBe("1 idé matchar filtret.");
    expect(queueTexts.status.more(50, 100, 160)).toBe("50 idéer till. Visar 100 av 160 idéer.");
    expect(queueTexts.table.caption("waiting", 50, 160)).toBe(
      "Idéer, längst väntan först. Visar 50 av 160.",
    );
  });
});

describe("the idea page's reference and similarity", () => {
  test("reads a reference from the address in any case, and says what is wrong with one", () => {
    expect(parseIdeaReference(" is-2026-0042 ")).toEqual({ ok: true, value: "IS-2026-0042" });
    expect(parseIdeaReference(null)).toEqual({
      ok: false,
      missing: true,
      message: ideaPageTexts.referenceMissing,
    });
    expect(parseIdeaReference("IS-26-1")).toEqual({
      ok: false,
      missing: false,
      message: "Det här är inget diarienummer. Ett diarienummer ser ut så här: IS-2026-0042.",
    });
  });

  test("puts a similarity in words, by the bands measured on the demo ideas", () => {
    expect([0.3, 0.49, 0.5, 0.74, 0.75, 1].map(similarityInWords)).toEqual([
      "Lik",
      "Lik",
      "Mycket lik",
      "Mycket lik",
      "Nästan likadan",
      "Nästan likadan",
    ]);
  });
});
