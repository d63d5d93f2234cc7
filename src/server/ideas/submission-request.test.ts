import { describe, expect, test } from "vitest";
import { readSubmissionRequest, UnreadableRequest } from "./submission-request.ts";

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
      expect(error).toBeInstanceOf(UnreadableRequest);
      expect(error).toMatchObject({ status: 400, code: "unsupported_locale" });
    }
  });
});
