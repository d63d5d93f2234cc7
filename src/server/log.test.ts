import { afterEach, describe, expect, test, vi } from "vitest";
import { errorFacts, log } from "./log.ts";

function captured(spy: ReturnType<typeof vi.spyOn>): Record<string, unknown> {
  return JSON.parse(String(spy.mock.calls[0]?.[0])) as Record<string, unknown>;
}

afterEach(() => vi.restoreAllMocks());

describe("the log", () => {
  test("writes one JSON line with the level, the event and the facts", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    log.info("request", { requestId: "r-1", path: "/api/ideas", status: 201, durationMs: 12 });
    expect(captured(info)).toMatchObject({
      level: "info",
      event: "request",
      requestId: "r-1",
      path: "/api/ideas",
      status: 201,
      durationMs: 12,
    });
  });

  test("never writes an e-mail address or a sentence, whatever a caller passes", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    log.warn("oops", {
      recipient: "anna.andersson@skovde.se",
      title: "Digitala lås i hemtjänsten",
    });
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line).not.toContain("anna.andersson");
    expect(line).not.toContain("Digitala");
    expect(captured(warn)).toMatchObject({ recipient: "[text]", title: "[text]" });
  });

  test("logs an error's class and code, never its message", () => {
    const error = Object.assign(new Error("550 <anna@skovde.se>: Recipient rejected"), {
      code: "EENVELOPE",
      responseCode: 550,
    });
    expect(errorFacts(error)).toEqual({ error: "Error", code: "EENVELOPE", responseCode: 550 });
  });
});
