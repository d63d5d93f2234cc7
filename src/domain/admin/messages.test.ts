import { readdir, readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { adminRefusalMessage, emailTemplateLabel, knownAdminRules } from "./messages.ts";
import { decisionFieldErrors, personalDataDecisionSchema } from "./schema.ts";

const migrations = new URL("../../../supabase/migrations/", import.meta.url);

describe("the operations pages' refusal messages", () => {
  test("have a text for every rule the operations functions raise", async () => {
    const raised = new Set<string>();
    for (const file of (await readdir(migrations)).filter((name) =>
      name.startsWith("20261202360"),
    )) {
      const sql = await readFile(new URL(file, migrations), "utf8");
      for (const match of sql.matchAll(
        /errcode = '(IS002|PT404|PT409|42501)', message = '([a-z_]+)'(?:,\s*detail = '([a-z_]+)')?/g,
      )) {
        const [, code, rule, field] = match;
        raised.add(code === "IS002" ? `IS002:${field}:${rule}` : `${code}:${rule}`);
      }
    }
    // Raised only towards the jobs' secret key, never shown to a person.
    raised.delete("42501:secret_key_only");
    raised.delete("IS002:now_at:invalid");
    raised.delete("IS002:now_at:missing");
    expect(raised.size).toBeGreaterThan(10);
    expect([...raised].filter((rule) => !knownAdminRules().includes(rule))).toEqual([]);
  });

  test("have a text for every rule the ideas export raises (issue 15)", async () => {
    const raised = new Set<string>();
    for (const file of (await readdir(migrations)).filter((name) =>
      name.endsWith("_create_idea_export.sql"),
    )) {
      const sql = await readFile(new URL(file, migrations), "utf8");
      for (const match of sql.matchAll(
        /errcode = '(IS002|PT404|PT409|42501)', message = '([a-z_]+)'(?:,\s*detail = '([a-z_]+)')?/g,
      )) {
        const [, code, rule, field] = match;
        // A detail that is a variable names a filter the queue's parser refuses first.
        if (code === "IS002" && !field) continue;
        raised.add(code === "IS002" ? `IS002:${field}:${rule}` : `${code}:${rule}`);
      }
    }
    expect([...raised].sort()).toEqual([
      "42501:coordinator_only",
      "IS002:area:unknown_value",
      "IS002:cursor:invalid_cursor",
      "IS002:filters:not_an_object",
      "IS002:format:unknown_value",
      "IS002:municipality:unknown_value",
      "IS002:page_size:out_of_range",
      "IS002:search:too_long",
      "IS002:sort:unknown_value",
      "IS002:state:unknown_value",
    ]);
    expect([...raised].filter((rule) => !knownAdminRules().includes(rule))).toEqual([]);
  });

  test("say what to do, by field", () => {
    expect(adminRefusalMessage({ code: "IS002", rule: "invalid", field: "email" })).toBe(
      "Skriv e-postadressen i rätt format, till exempel namn@skovde.se.",
    );
    expect(adminRefusalMessage({ code: "42501", rule: "coordinator_only" })).toBe(
      "Det här är bara för samordnare.",
    );
    expect(adminRefusalMessage({ code: "PT409", rule: "anything" })).toBe(
      "Det gick inte. Ladda om sidan och försök igen.",
    );
  });

  test("name the templates, and show an unknown one by its key", () => {
    expect(emailTemplateLabel("submission_receipt")).toBe("Kvitto på inskickad idé");
    expect(emailTemplateLabel("newsletter")).toBe("newsletter");
  });
});

describe("the decision form's schema", () => {
  test("accepts a decision with a reason, trimmed and lower-cased", () => {
    expect(
      personalDataDecisionSchema.parse({
        email: " Anna.Andersson@Skovde.se ",
        decision: "erasure",
        reason: " Personen har begärt radering. ",
      }),
    ).toEqual({
      email: "anna.andersson@skovde.se",
      decision: "erasure",
      reason: "Personen har begärt radering.",
    });
  });

  test("names each missing field with an instruction", () => {
    const parsed = personalDataDecisionSchema.safeParse({ email: "", reason: "" });
    expect(parsed.success).toBe(false);
    expect(decisionFieldErrors(parsed.error!.issues)).toEqual({
      email: "Skriv personens e-postadress.",
      decision: "Välj om begäran gäller radering eller begränsning.",
      reason: "Skriv varför begäran beviljas och vad som finns kvar.",
    });
  });
});
