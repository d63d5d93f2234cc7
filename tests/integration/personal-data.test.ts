import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import gallring from "../../netlify/functions/gallring.ts";
import type { PersonalDataFindings } from "../../src/domain/admin/answers.ts";
import { storeIdea, type StoredIdea } from "../support/ideas.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { CookieJar, postJson, sameOriginHeaders, send, signIn } from "../support/session.ts";

/*
 * Personal-data requests through the functions (LG-10; issue 16's acceptance): two people with
 * ideas, questions and answers, e-mails, and internal notes that mention each of them by name. The
 * export for one holds everything about that person and nothing about the other, as JSON and as a
 * Swedish page; every search and export is audited without the address; only coordinators may ask.
 * Then an erasure decision, carried out by the gallring job (contact details go, the text stays),
 * and a restriction, which hides the contact details and stops e-mail at once.
 */

let stack: FunctionsStack;
const coordinator = new CookieJar();
const coach = new CookieJar();

const tag = crypto.randomUUID().slice(0, 8);
const anna = { name: "Anna Andersson", email: `anna.andersson.${tag}@skovde.se` };
const bertil = { name: "Bertil Berg", email: `bertil.berg.${tag}@lidkoping.se` };
const texts = {
  annaAnswer: "Annas svar: vi har tolv nyckelknippor på avdelningen.",
  bertilAnswer: "Bertils svar: låsen finns redan i Lidköping.",
  noteAboutAnna: "Anna Andersson har en liknande idé om nycklar, ring henne.",
  noteAboutBertil: "Bertil Berg i Lidköping har provat liknande lås.",
  bertilTitle: "Bertils idé om digitala lås i Lidköping",
};

let annaFirst: StoredIdea;
let annaSecond: StoredIdea;
let bertilIdea: StoredIdea;
let cecilia: StoredIdea;

const ideaId = async (reference: string) =>
  (
    await stack.db.query<{ id: string }>("select id from app.ideas where reference = $1", [
      reference,
    ])
  ).rows[0]!.id;

const coordinatorId = async () =>
  (
    await stack.db.query<{ id: string }>(
      "select id from auth.users where email = 'samordnare@example.se'",
    )
  ).rows[0]!.id;

/** A question to the bearer and their answer, written as the functions would. */
async function questionAndAnswer(reference: string, answer: string) {
  const id = await ideaId(reference);
  await stack.db.query(
    `insert into app.messages (idea_id, direction, author_id, body)
     values ($1, 'to_bearer', $2, 'Hur många nycklar gäller det?')`,
    [id, await coordinatorId()],
  );
  await stack.db.query(
    "insert into app.messages (idea_id, direction, body) values ($1, 'from_bearer', $2)",
    [id, answer],
  );
}

async function note(ideaIdValue: string, body: string) {
  await stack.db.query(
    "insert into app.internal_notes (idea_id, author_id, body) values ($1, $2, $3)",
    [ideaIdValue, await coordinatorId(), body],
  );
}

const findingsOf = async (email: string, format?: "json" | "html", jar = coordinator) =>
  send(
    stack.functions,
    `/api/admin/personal-data?email=${encodeURIComponent(email)}${format ? `&format=${format}` : ""}`,
    { jar },
  );

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  annaFirst = await storeIdea(stack.local, {
    bearer_name: anna.name,
    bearer_email: anna.email,
    bearer_phone: "0500-11 22 33",
    title: "Annas idé om digitala nycklar",
  });
  annaSecond = await storeIdea(stack.local, {
    bearer_name: anna.name,
    bearer_email: anna.email,
    title: "Annas andra idé om matsvinn",
  });
  bertilIdea = await storeIdea(stack.local, {
    bearer_name: bertil.name,
    bearer_email: bertil.email,
    municipality_code: "1494",
    title: texts.bertilTitle,
  });
  // A third person names Anna among the co-bearers.
  cecilia = await storeIdea(stack.local, {
    bearer_name: "Cecilia Citron",
    bearer_email: `cecilia.${tag}@skovde.se`,
    co_bearers: "Anna Andersson, Kim Kollega",
  });
  await questionAndAnswer(annaFirst.reference, texts.annaAnswer);
  await questionAndAnswer(bertilIdea.reference, texts.bertilAnswer);
  // A note on a demo idea mentions Anna; a note on Anna's own idea mentions Bertil.
  const demo = (
    await stack.db.query<{ id: string }>("select id from app.ideas order by reference limit 1")
  ).rows[0]!.id;
  await note(demo, texts.noteAboutAnna);
  await note(await ideaId(annaFirst.reference), texts.noteAboutBertil);

  expect((await signIn(stack.functions, coordinator, "samordnare@example.se")).status).toBe(200);
  expect((await signIn(stack.functions, coach, "granskare.skovde@example.se")).status).toBe(200);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await stack?.stop();
});

describe("a coordinator's personal-data request", () => {
  test("finds everything about one person and nothing about the other, as JSON to download", async () => {
    const response = await findingsOf(anna.email, "json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="personuppgifter-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = await response.text();
    const findings = JSON.parse(body) as PersonalDataFindings;

    expect(findings.email).toBe(anna.email);
    expect(findings.names).toEqual([anna.name]);
    expect(findings.ideas.map((idea) => idea.reference)).toEqual([
      annaFirst.reference,
      annaSecond.reference,
    ]);
    expect(findings.ideas[0]).toMatchObject({
      title: "Annas idé om digitala nycklar",
      state: "received",
      municipality: { code: "1496", name: "Skövde" },
      bearer: { name: anna.name, email: anna.email, phone: "0500-11 22 33", restrictedAt: null },
      consents: { contact: true, publish: false },
      original: { title: "Annas idé om digitala nycklar", gallradAt: null },
      messages: [
        { direction: "to_bearer", body: "Hur många nycklar gäller det?" },
        { direction: "from_bearer", body: texts.annaAnswer },
      ],
      emails: [{ template: "submission_receipt", status: "pending", sentAt: null }],
    });
    expect(findings.ideas[1]!.messages).toEqual([]);
    expect(findings.noteMentions).toEqual([
      expect.objectContaining({
        body: texts.noteAboutAnna,
        matchedName: anna.name,
        possibleMatch: true,
      }),
    ]);
    expect(findings.coBearerOn).toEqual([
      expect.objectContaining({
        reference: cecilia.reference,
        coBearers: "Anna Andersson, Kim Kollega",
        possibleMatch: true,
      }),
    ]);
    expect(findings.reviewer).toBeNull();

    // Nothing about Bertil: not his address, name, idea, answer, or the note about him on Anna's idea.
    for (const other of [
      bertil.email,
      "Bertil",
      bertilIdea.reference,
      texts.bertilTitle,
      texts.bertilAnswer,
      texts.noteAboutBertil,
    ]) {
      expect(body).not.toContain(other);
    }
  });

  test("shows the same as a readable Swedish page, saying the idea's text stays", async () => {
    const response = await findingsOf(anna.email, "html");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await response.text();
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain("<h1>Dina personuppgifter i Innovationsslussen</h1>");
    expect(page).toContain(anna.email);
    expect(page).toContain(`${annaFirst.reference}: Annas idé om digitala nycklar`);
    expect(page).toContain(annaSecond.reference);
    expect(page).toContain("blir en allmän handling hos kommunen");
    expect(page).toContain("Därför sparas idéns text");
    expect(page).toContain("Annas svar: vi har tolv nyckelknippor på avdelningen.");
    expect(page).toContain("Interna anteckningar som nämner ditt namn (möjliga träffar)");
    for (const other of [bertil.email, "Bertil", bertilIdea.reference, texts.bertilAnswer]) {
      expect(page).not.toContain(other);
    }
  });

  test("the export for the other person holds theirs, and not the first person's", async () => {
    const response = await findingsOf(bertil.email);
    expect(response.status).toBe(200);
    const { findings } = (await response.json()) as { findings: PersonalDataFindings };
    expect(findings.ideas.map((idea) => idea.reference)).toEqual([bertilIdea.reference]);
    expect(findings.noteMentions.map((note) => note.body)).toEqual([texts.noteAboutBertil]);
    // The note about him sits on Anna's idea, so that idea's reference shows where it was found;
    // nothing of Anna's does.
    expect(findings.noteMentions[0]!.reference).toBe(annaFirst.reference);
    const body = JSON.stringify(findings);
    for (const other of [anna.email, "Anna", annaSecond.reference, texts.annaAnswer]) {
      expect(body).not.toContain(other);
    }
  });

  test("audits every search and export with a keyed hash, never the address", async () => {
    const { rows } = await stack.db.query<{
      action: string;
      details: Record<string, unknown>;
      actor_kind: string;
      subject_hash: string;
    }>(
      `select action, details, actor_kind, subject_hash from app.audit_events
       where action like 'personal_data_%' order by id`,
    );
    expect(rows.map((row) => [row.action, row.details.format ?? null])).toEqual([
      ["personal_data_export", "json"],
      ["personal_data_export", "html"],
      ["personal_data_search", null],
    ]);
    expect(rows.every((row) => row.actor_kind === "coordinator")).toBe(true);
    expect(rows[0]!.subject_hash).toBe(rows[1]!.subject_hash);
    expect(rows[2]!.subject_hash).not.toBe(rows[0]!.subject_hash);
    const trail = JSON.stringify((await stack.db.query("select * from app.audit_events")).rows);
    expect(trail).not.toContain(anna.email);
    expect(trail).not.toContain(bertil.email);
  });

  test("is for coordinators only: a reviewer gets 403, no session 401 (the coordinator is the allow twin)", async () => {
    const asCoach = await findingsOf(anna.email, undefined, coach);
    expect(asCoach.status).toBe(403);
    expect(await asCoach.json()).toEqual({
      error: "forbidden",
      message: "Det här är bara för samordnare.",
    });
    const decisionAsCoach = await send(stack.functions, "/api/admin/personal-data/decisions", {
      ...postJson({ email: anna.email, decision: "restriction", reason: "Test." }),
      jar: coach,
    });
    expect(decisionAsCoach.status).toBe(403);
    expect((await findingsOf(anna.email, undefined, new CookieJar())).status).toBe(401);
    expect((await findingsOf(anna.email)).status).toBe(200);
  });

  test("names the field when the address or the format is wrong", async () => {
    const wrong = await findingsOf("inte-en-adress");
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toEqual({
      error: "invalid",
      field: "email",
      message: "Skriv e-postadressen i rätt format, till exempel namn@skovde.se.",
    });
    const format = await send(
      stack.functions,
      `/api/admin/personal-data?email=${encodeURIComponent(anna.email)}&format=pdf`,
      { jar: coordinator },
    );
    expect(format.status).toBe(422);
    expect(await format.json()).toMatchObject({ field: "format" });
  });

  test("never logs the address it was asked about", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "info").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    try {
      expect((await findingsOf(anna.email)).status).toBe(200);
    } finally {
      spy.mockRestore();
    }
    expect(lines.some((line) => line.includes('"path":"/api/admin/personal-data"'))).toBe(true);
    expect(lines.join("\n")).not.toContain(anna.email);
    expect(lines.join("\n")).not.toContain("anna.andersson");
  });
});

describe("a decision on a request", () => {
  test("erasure: the gallring job removes the contact details and e-mails; the text stays", async () => {
    const before = await stack.db.query(
      "select reference, received_at::text, title from app.ideas where reference = any($1) order by reference",
      [[annaFirst.reference, annaSecond.reference]],
    );
    const recorded = await send(stack.functions, "/api/admin/personal-data/decisions", {
      ...postJson({
        email: ` ${anna.email.toUpperCase()} `,
        decision: "erasure",
        reason: "Anna har begärt radering. Idéernas text är allmän handling och finns kvar.",
      }),
      jar: coordinator,
    });
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toEqual({
      decision: {
        id: expect.any(Number),
        decision: "erasure",
        ideas: [annaFirst.reference, annaSecond.reference],
        carriedOutAt: null,
      },
      message:
        "Beslutet om radering är sparat för 2 idéer. Kontaktuppgifterna tas bort vid nästa gallring, senast i natt.",
    });

    // Nothing happens until the job runs.
    const bearers = () =>
      stack.db.query(
        "select b.name from app.idea_bearers b join app.ideas i on i.id = b.idea_id where i.reference = any($1)",
        [[annaFirst.reference, annaSecond.reference]],
      );
    expect((await bearers()).rows).toHaveLength(2);

    const run = await gallring();
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ dryRun: false, erasuresCarriedOut: 1 });

    expect((await bearers()).rows).toEqual([]);
    expect(
      (
        await stack.db.query(
          "select count(*)::int as n from app.email_outbox where lower(recipient) = $1",
          [anna.email],
        )
      ).rows[0],
    ).toEqual({ n: 0 });
    // The ideas, their reference, received_at and text stay (allmänna handlingar).
    const after = await stack.db.query(
      "select reference, received_at::text, title from app.ideas where reference = any($1) order by reference",
      [[annaFirst.reference, annaSecond.reference]],
    );
    expect(after.rows).toEqual(before.rows);
    const { rows: messages } = await stack.db.query(
      "select m.body from app.messages m join app.ideas i on i.id = m.idea_id where i.reference = $1 order by m.id",
      [annaFirst.reference],
    );
    expect(messages.map((row) => row.body)).toContain(texts.annaAnswer);

    // Each removal audited under the decision.
    const { rows: events } = await stack.db.query(
      `select idea_reference, category, rule ->> 'decision' as decision from app.audit_events
       where action = 'gallring' and rule ? 'decision_id' order by idea_reference, category`,
    );
    expect(events).toEqual([
      { idea_reference: annaFirst.reference, category: "bearer_contact", decision: "erasure" },
      { idea_reference: annaFirst.reference, category: "email_outbox", decision: "erasure" },
      { idea_reference: annaSecond.reference, category: "bearer_contact", decision: "erasure" },
      { idea_reference: annaSecond.reference, category: "email_outbox", decision: "erasure" },
    ]);

    // A later request finds no contact details, and the decision, carried out.
    const { findings } = (await (await findingsOf(anna.email)).json()) as {
      findings: PersonalDataFindings;
    };
    expect(findings.ideas).toEqual([]);
    expect(findings.decisions).toEqual([
      expect.objectContaining({
        decision: "erasure",
        ideas: [annaFirst.reference, annaSecond.reference],
        carriedOutAt: expect.any(String),
      }),
    ]);
  });

  test("restriction: at once the contact details are hidden from the workspace and no e-mail goes out", async () => {
    const recorded = await send(stack.functions, "/api/admin/personal-data/decisions", {
      ...postJson({
        email: bertil.email,
        decision: "restriction",
        reason: "Bertil bestrider att uppgifterna är riktiga (art. 18.1 a).",
      }),
      jar: coordinator,
    });
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toMatchObject({
      decision: { decision: "restriction", carriedOutAt: expect.any(String) },
    });

    const client = createClient(stack.local.url, stack.local.publishableKey, {
      db: { schema: "api" },
      auth: { persistSession: false },
    });
    await client.auth.signInWithPassword({
      email: "samordnare@example.se",
      password: "Innovation-2026!",
    });
    const { data: idea } = await client.rpc("get_review_idea", { reference: bertilIdea.reference });
    expect(idea).toMatchObject({ bearer_visible: false, bearer: null });

    const id = await ideaId(bertilIdea.reference);
    expect(
      (
        await client.rpc("change_idea_state", {
          idea_id: id,
          expected_state: "received",
          to_state: "in_review",
          reason: "Granskningen börjar.",
        })
      ).error,
    ).toBeNull();
    const asked = await client.rpc("ask_bearer", {
      idea_id: id,
      expected_state: "in_review",
      question: "Stämmer uppgifterna nu?",
    });
    expect(asked.error).toBeNull();
    const { rows } = await stack.db.query(
      "select template from app.email_outbox where idea_id = $1 order by id",
      [id],
    );
    // The receipt from before the restriction; no question e-mail after it.
    expect(rows).toEqual([{ template: "submission_receipt" }]);
  });

  test("an address without ideas gets 404, and a missing reason names the field", async () => {
    const unknown = await send(stack.functions, "/api/admin/personal-data/decisions", {
      ...postJson({ email: `ingen.${tag}@skovde.se`, decision: "erasure", reason: "Test." }),
      jar: coordinator,
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "not_found" });
    const missing = await send(stack.functions, "/api/admin/personal-data/decisions", {
      ...postJson({ email: bertil.email, decision: "erasure", reason: " " }),
      jar: coordinator,
    });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({
      fields: { reason: "Skriv varför begäran beviljas och vad som finns kvar." },
    });
    // From another site: refused before any work.
    const crossSite = await send(stack.functions, "/api/admin/personal-data/decisions", {
      method: "POST",
      body: JSON.stringify({ email: bertil.email, decision: "erasure", reason: "Test." }),
      headers: {
        "Content-Type": "application/json",
        ...sameOriginHeaders,
        "Sec-Fetch-Site": "cross-site",
      },
      jar: coordinator,
    });
    expect(crossSite.status).toBe(403);
  });
});
