import { describe, expect, test } from "vitest";
import { localEmailEnv, readEmailEnv } from "./config.ts";

describe("readEmailEnv", () => {
  test("uses the local mail catcher on a developer's machine", () => {
    expect(readEmailEnv({})).toEqual(localEmailEnv);
  });

  test("requires the mail server and sender in a deployed function, and takes Netlify's URL", () => {
    expect(() => readEmailEnv({ NETLIFY: "true", URL: "https://example.se" })).toThrow(
      /SMTP_URL saknas[\s\S]*EMAIL_FROM saknas/,
    );
    expect(
      readEmailEnv({
        AWS_LAMBDA_FUNCTION_NAME: "outbox-sender",
        SMTP_URL: "smtps://user:secret@smtp.example.se:465",
        EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
        URL: "https://example.se",
      }).SITE_URL,
    ).toBe("https://example.se");
  });

  test("refuses a sender with a line break and a mail server that is not SMTP", () => {
    expect(() =>
      readEmailEnv({ EMAIL_FROM: "a@example.se\r\nBcc: b@example.se", SMTP_URL: "https://x.se" }),
    ).toThrow(/SMTP_URL saknas eller är fel[\s\S]*radbrytningar/);
  });
});
