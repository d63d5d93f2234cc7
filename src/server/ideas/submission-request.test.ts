import { describe, expect, test } from "vitest";
import { HttpError } from "../http/errors.ts";
import { readRequestBody } from "../http/request-body.ts";
import { readSubmission, submissionBodyRules } from "./submission-request.ts";

/** Reads a request the way POST /api/ideas does: the toolkit's body reader, then the submission. */
async function readSubmissionRequest(request: Request) {
  return readSubmission(await readRequestBody(request, submissionBodyRules), request);
}

function formPost(body: string): Request {
  return new Request("http://localhost/api/ideas", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

function jsonPost(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/ideas", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("reading the language of a submission", () => {
  test("a form post says its language in the hidden locale field, which is not part of the idea", async () => {
    const request = await readSubmissionRequest(formPost("locale=en&title=Bikes"));
    expect(request.locale).toBe("en");
    expect(request.input).not.toHaveProperty("locale");
    expect(request.values).toEqual({ title: "Bikes" });
  });

  test("a JSON body says its language in its locale field, which is not part of the idea", async () => {
    const request = await readSubmissionRequest(jsonPost({ locale: "en", title: "Bikes" }));
    expect(request.locale).toBe("en");
    expect(request.input).toEqual({ title: "Bikes" });
  });

  test("without a locale field the answer is Swedish, whatever Accept-Language says", async () => {
    expect((await readSubmissionRequest(formPost("title=Cyklar"))).locale).toBe("sv");
    expect(
      (await readSubmissionRequest(jsonPost({ title: "Cyklar" }, { "Accept-Language": "en" })))
        .locale,
    ).toBe("sv");
    expect((await readSubmissionRequest(jsonPost({ locale: "sv" }))).locale).toBe("sv");
  });

  test("a language the site does not have is refused with 400 before anything else", async () => {
    for (const request of [formPost("locale=de&title=x"), jsonPost({ locale: ["en"] })]) {
      const error = await readSubmissionRequest(request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 400, code: "unsupported_locale" });
    }
  });
});

describe("reading how long the form was open", () => {
  test("takes the script's measured duration, not a timestamp, and keeps it out of the idea", async () => {
    const json = await readSubmissionRequest(jsonPost({ fill_ms: 1500, title: "Cyklar" }));
    expect(json.fillMilliseconds).toBe(1500);
    expect(json.input).toEqual({ title: "Cyklar" });
    expect(
      (await readSubmissionRequest(formPost("fill_ms=90000&title=Cyklar"))).fillMilliseconds,
    ).toBe(90_000);
  });

  test("counts a missing or unreadable duration as not measured (a form without JavaScript)", async () => {
    for (const request of [
      formPost("title=Cyklar"),
      formPost("fill_ms=&title=Cyklar"),
      jsonPost({ fill_ms: "snabbt" }),
      jsonPost({ fill_ms: -5 }),
    ]) {
      expect((await readSubmissionRequest(request)).fillMilliseconds).toBeUndefined();
    }
  });
});
