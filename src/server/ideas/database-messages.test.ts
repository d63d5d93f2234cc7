import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { ideaFieldMessages, submissionMessages } from "../../domain/idea/messages.ts";
import { isIdeaField } from "../../domain/idea/schema.ts";
import { localiseFieldError, localiseSubmissionError } from "./database-messages.ts";

const migrations = new URL("../../../supabase/migrations/", import.meta.url);

/** The body of the newest migration's `api.submit_idea`: what the database raises today. */
function submitIdeaSql(): string {
  const files = readdirSync(migrations)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .reverse();
  for (const file of files) {
    const sql = readFileSync(new URL(file, migrations), "utf8");
    const start = sql.search(/create (or replace )?function api\.submit_idea\(/);
    if (start >= 0) return sql.slice(start, sql.indexOf("\n$$;", start));
  }
  throw new Error("no migration defines api.submit_idea");
}

/** Every (code, field, Swedish message) that `api.submit_idea` can raise. */
function raisedMessages(): { code: string; field: string; message: string }[] {
  const sql = submitIdeaSql();
  const raised: { code: string; field: string; message: string }[] = [];
  for (const match of sql.matchAll(
    /errcode = '(IS002|PT422|PT429)'(?:, detail = '(\w+)')?,\s*message = '([^']*)'/g,
  )) {
    raised.push({ code: match[1]!, field: match[2] ?? "", message: match[3]! });
  }
  for (const match of sql.matchAll(
    /private\.submitted_text\(submission, '(\w+)', \d+,\s*(null|'([^']*)'),\s*'([^']*)'\)/g,
  )) {
    if (match[3]) raised.push({ code: "IS002", field: match[1]!, message: match[3] });
    raised.push({ code: "IS002", field: match[1]!, message: match[4]! });
  }
  return raised;
}

describe("the database's Swedish messages in English", () => {
  test("every message api.submit_idea raises is one the message tables know, so each check has its own English", () => {
    const raised = raisedMessages();
    // 32 today: the text fields' messages, the choices, the e-mail, the privacy notice, key, throttle.
    expect(raised.length).toBeGreaterThanOrEqual(30);
    const swedish = new Set<string>(
      Object.values(ideaFieldMessages.sv).filter((value) => typeof value === "string"),
    );
    const unknown = raised.filter(({ code, message }) =>
      code === "IS002"
        ? !swedish.has(message)
        : message !== submissionMessages.sv[code === "PT422" ? "keyReused" : "throttled"],
    );
    expect(unknown).toEqual([]);
  });

  test("each IS002 check gets the same check's English message for its field", () => {
    for (const { code, field, message } of raisedMessages()) {
      if (code !== "IS002") continue;
      const english = localiseFieldError(isIdeaField(field) ? field : "form", message, "en");
      const key = (Object.keys(ideaFieldMessages.sv) as (keyof typeof ideaFieldMessages.sv)[]).find(
        (candidate) => ideaFieldMessages.sv[candidate] === message,
      );
      expect(english).toBe(ideaFieldMessages.en[key!]);
    }
  });

  test("the municipal e-mail check, which only the database makes, reads in English", () => {
    expect(
      localiseFieldError(
        "bearer_email",
        "Använd din e-postadress i jobbet i någon av kommunerna, till exempel namn@skovde.se.",
        "en",
      ),
    ).toBe(
      "Use your work e-mail address at one of the municipalities, for example name@skovde.se.",
    );
  });

  test("a Swedish message the tables do not know gets a clear English message for its field", () => {
    expect(localiseFieldError("bearer_email", "Ny kontroll i databasen.", "en")).toBe(
      "Check your e-mail address: use your work e-mail address at one of the municipalities.",
    );
    expect(localiseFieldError("form", "Något annat.", "en")).toBe(
      "Check your answers and send the idea again.",
    );
  });

  test("Swedish answers pass the database's messages on unchanged", () => {
    expect(localiseFieldError("bearer_email", "Ny kontroll i databasen.", "sv")).toBe(
      "Ny kontroll i databasen.",
    );
    expect(localiseSubmissionError("throttled", "Vänta.", "sv")).toBe("Vänta.");
  });

  test("a reused key and throttling read in English by their codes", () => {
    expect(localiseSubmissionError("keyReused", "Den här inskickningen …", "en")).toBe(
      "This submission has already been used for another idea. Reload the form and send it again.",
    );
    expect(localiseSubmissionError("throttled", "Du har skickat många idéer …", "en")).toBe(
      "You have sent many ideas in a short time. Wait a while and then try again.",
    );
  });
});
