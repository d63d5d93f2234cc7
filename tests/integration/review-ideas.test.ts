import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { IdeaPageAnswer, QueueIdea, QueuePage } from "../../src/domain/review/answers.ts";
import { ideaPageTexts } from "../../src/domain/review/idea-page-texts.ts";
import { queueParameterMessages } from "../../src/domain/review/queue-messages.ts";
import { sessionRefusalMessages } from "../../src/domain/session/messages.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { storeIdea } from "../support/ideas.ts";
import { CookieJar, send, signIn } from "../support/session.ts";

/*
 * The reviewer's queue and idea page through the functions, in-process, signed in as each demo
 * account: GET /api/review/ideas (the query parameters, the scope, the paging, the 422s) and
 * GET /api/review/ideas/:reference (the idea, its bearer for those who may see it, the similar
 * ideas of every municipality). What the SQL returns for every filter is proved in
 * tests/security/review-queue.test.ts; here, that each parameter reaches it and the answer keeps
 * its shape.
 */

let stack: FunctionsStack;
const jars = {
  coordinator: new CookieJar(),
  skovde: new CookieJar(),
  lidkoping: new CookieJar(),
  region: new CookieJar(),
};
type Account = keyof typeof jars;
const emails: Record<Account, string> = {
  coordinator: "samordnare@example.se",
  skovde: "granskare.skovde@example.se",
  lidkoping: "granskare.lidkoping@example.se",
  region: "granskare.region@example.se",
};
/** The demo accounts' user ids (supabase/seed.sql). */
const userIds: Record<Account, string> = {
  coordinator: "00000000-0000-4000-a000-000000000001",
  skovde: "00000000-0000-4000-a000-000000000002",
  lidkoping: "00000000-0000-4000-a000-000000000003",
  region: "00000000-0000-4000-a000-000000000004",
};
/** Each account's scope as SQL over `app.ideas i`. */
const scopeSql: Record<Account, string> = {
  coordinator: "true",
  region: "true",
  skovde: "(i.municipality_code = '1496' or i.shared_regionally)",
  lidkoping: "(i.municipality_code = '1494' or i.shared_regionally)",
};

/** Fixture ideas submitted through POST /api/ideas. */
let skovdeOnly: { reference: string; email: string };
let skovdeShared: { reference: string; email: string };

const get = (account: Account, path: string) => send(stack.functions, path, { jar: jars[account] });

async function queue(account: Account, query = ""): Promise<QueuePage> {
  const response = await get(account, `/api/review/ideas${query ? `?${query}` : ""}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as QueuePage;
}

/** Every page of the queue, following `next`. */
async function allPages(account: Account, query = "", limit = 50) {
  const separator = query ? "&" : "";
  const first = await queue(account, `${query}${separator}limit=${limit}`);
  const ideas: QueueIdea[] = [...first.ideas];
  let next = first.next;
  for (let pages = 1; next; pages += 1) {
    if (pages > 100) throw new Error("the queue never ends");
    const page = await queue(
      account,
      `${query}${separator}limit=${limit}&cursor=${encodeURIComponent(next)}`,
    );
    expect(page.counts).toBeNull();
    expect(page.total).toBeNull();
    ideas.push(...page.ideas);
    next = page.next;
  }
  return { first, ideas, references: ideas.map((idea) => idea.reference) };
}

/** The references in the account's scope that match `where`, in the queue's order. */
async function expected(account: Account, where = "true", sort = "received") {
  const order = sort === "waiting" ? "i.state_changed_at, i.id" : "i.received_at desc, i.id desc";
  const { rows } = await stack.db.query<{ reference: string }>(
    `select i.reference from app.ideas i where ${scopeSql[account]} and (${where}) order by ${order}`,
  );
  return rows.map((row) => row.reference);
}

async function submit(overrides: Record<string, unknown>) {
  const { reference, email } = await storeIdea(stack.local, overrides);
  return { reference, email };
}

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  for (const account of Object.keys(jars) as Account[]) {
    const response = await signIn(stack.functions, jars[account], emails[account]);
    expect(response.status, emails[account]).toBe(200);
  }
  skovdeOnly = await submit({
    municipality_code: "1496",
    bearer_email: "ada.adamsson@skovde.se",
    title: "Köksträdgård vid Skövdes äldreboende",
  });
  skovdeShared = await submit({
    municipality_code: "1496",
    bearer_email: "delad.idebarare@skovde.se",
    bearer_name: "Delad Idébärare",
    title: "Gemensam nattpatrull för hemtjänsten i Skaraborg",
  });
  await stack.db.query("update app.ideas set shared_regionally = true where reference = $1", [
    skovdeShared.reference,
  ]);
});

afterAll(async () => {
  await stack?.stop();
});

describe("without a session", () => {
  test.each(["/api/review/ideas", "/api/review/ideas/IS-2026-0001"])(
    "GET %s is 401 and says to sign in",
    async (path) => {
      const response = await send(stack.functions, path);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: "unauthenticated",
        reason: "none",
        message: sessionRefusalMessages.none,
        signInUrl: "/granska/logga-in/",
      });
    },
  );

  test("a POST to the queue is 405: it only reads", async () => {
    const response = await send(stack.functions, "/api/review/ideas", {
      method: "POST",
      jar: jars.coordinator,
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
  });
});

describe("the scope", () => {
  test("the Lidköping coach's queue holds no Skövde idea that is not shared, and its page is 404", async () => {
    const { ideas, references } = await allPages("lidkoping");
    expect(references).not.toContain(skovdeOnly.reference);
    expect(
      ideas.filter((idea) => idea.municipality.code !== "1494" && !idea.sharedRegionally),
    ).toEqual([]);
    expect(references).toEqual(await expected("lidkoping"));

    const refused = await get("lidkoping", `/api/review/ideas/${skovdeOnly.reference}`);
    expect(refused.status).toBe(404);
    const body = await refused.json();
    expect(body).toEqual({
      error: "not_found",
      rule: "not_found",
      message: ideaPageTexts.notFoundHeading + ".",
    });
    // Exactly what a reference that does not exist gets: nothing tells the two apart.
    const unknown = await get("lidkoping", "/api/review/ideas/IS-2099-9999");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(body);
  });

  test("the Skövde coach gets the same idea, with its bearer (the allow twin)", async () => {
    const { references } = await allPages("skovde");
    expect(references).toContain(skovdeOnly.reference);
    const response = await get("skovde", `/api/review/ideas/${skovdeOnly.reference}`);
    expect(response.status).toBe(200);
    const { idea } = (await response.json()) as IdeaPageAnswer;
    expect(idea).toMatchObject({
      reference: skovdeOnly.reference,
      state: "received",
      stateLabel: "Inkommen",
      municipality: { code: "1496", name: "Skövde" },
      bearerVisible: true,
      bearer: { email: skovdeOnly.email, contactConsent: true },
    });
  });

  test("a regionally shared Skövde idea is in the Lidköping coach's queue, and its page has no bearer", async () => {
    const { ideas } = await allPages("lidkoping", "q=nattpatrull");
    expect(ideas.map((idea) => idea.reference)).toEqual([skovdeShared.reference]);
    expect(ideas[0]).toMatchObject({ sharedRegionally: true, municipality: { code: "1496" } });

    const response = await get("lidkoping", `/api/review/ideas/${skovdeShared.reference}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const { idea } = JSON.parse(text) as IdeaPageAnswer;
    expect(idea).toMatchObject({ reference: skovdeShared.reference, bearerVisible: false });
    expect(idea.bearer).toBeNull();
    expect(idea.current.title).toBe("Gemensam nattpatrull för hemtjänsten i Skaraborg");
    expect(text).not.toContain(skovdeShared.email);
    expect(text).not.toContain("Delad Idébärare");

    // The allow twin: the idea's own coach sees who sent it.
    const own = (await (
      await get("skovde", `/api/review/ideas/${skovdeShared.reference}`)
    ).json()) as IdeaPageAnswer;
    expect(own.idea.bearer).toMatchObject({ name: "Delad Idébärare", email: skovdeShared.email });
  });

  test("the regional reviewer sees every idea, bearers included", async () => {
    const { references } = await allPages("region");
    expect(references).toEqual(await expected("region"));
    const { idea } = (await (
      await get("region", `/api/review/ideas/${skovdeOnly.reference}`)
    ).json()) as IdeaPageAnswer;
    expect(idea.bearer?.email).toBe(skovdeOnly.email);
  });
});

describe("the queue's pages and answer", () => {
  test("paging returns each idea once, in order, across pages, for every account", async () => {
    for (const account of Object.keys(jars) as Account[]) {
      for (const sort of ["received", "waiting"]) {
        const { first, references } = await allPages(account, `sort=${sort}`, 40);
        expect(new Set(references).size, `${account} ${sort}`).toBe(references.length);
        expect(references, `${account} ${sort}`).toEqual(await expected(account, "true", sort));
        expect(first.total).toBe(references.length);
      }
    }
  });

  test("the coordinator's demo queue has several pages of 50", async () => {
    const first = await queue("coordinator");
    expect(first.ideas).toHaveLength(50);
    expect(first.next).toEqual(expect.any(String));
    expect(first.total).toBeGreaterThan(150);
  });

  test("each idea and the counts per state have the documented shape, in camelCase with Swedish labels", async () => {
    const page = await queue("skovde", "assignedToMe=true&limit=5");
    expect(page.ideas.length).toBeGreaterThan(0);
    for (const idea of page.ideas) {
      expect(Object.keys(idea).sort()).toEqual(
        [
          "area",
          "assessments",
          "assignedToMe",
          "assignees",
          "daysWaiting",
          "dueOn",
          "mean",
          "municipality",
          "overdue",
          "receivedAt",
          "reference",
          "sharedRegionally",
          "state",
          "stateChangedAt",
          "stateLabel",
          "title",
        ].sort(),
      );
      expect(idea.assignedToMe).toBe(true);
      expect(idea.assignees.map((assignee) => assignee.name)).toContain("Greta Granskare");
    }
    expect(page.counts?.map((count) => count.label)).toEqual([
      "Inkommen",
      "Under bedömning",
      "Komplettering begärd",
      "Bedömd",
      "Vidare till utveckling",
      "Vilande",
      "Avslagen",
      "Vidareförmedlad",
      "Dubblett",
      "Under utveckling",
      "Införd",
      "Spridd",
    ]);
    expect(page.counts?.reduce((sum, count) => sum + count.count, 0)).toBe(page.total);
  });
});

describe("each filter parameter", () => {
  const today = "(now() at time zone 'Europe/Stockholm')::date";
  const cases: { query: string; where: (account: Account) => string; sort?: string }[] = [
    { query: "state=in_review", where: () => "i.state = 'in_review'" },
    { query: "municipality=1499", where: () => "i.municipality_code = '1499'" },
    { query: "area=vard-och-omsorg", where: () => "i.area_id = 'vard-och-omsorg'" },
    {
      query: "assignedToMe=true",
      where: (account) =>
        `exists (select 1 from app.assignments a where a.idea_id = i.id and a.reviewer_id = '${userIds[account]}')`,
    },
    {
      query: "awaitingMyAssessment=true",
      where: (account) =>
        `exists (select 1 from app.assignments a where a.idea_id = i.id and a.reviewer_id = '${userIds[account]}' and a.done_at is null)`,
    },
    {
      query: "overdue=true",
      where: () =>
        `exists (select 1 from app.assignments a where a.idea_id = i.id and a.done_at is null and a.due_on < ${today})`,
    },
    {
      query: "q=hemtj%C3%A4nsten",
      where: () => "i.search_vector @@ websearch_to_tsquery('swedish', 'hemtjänsten')",
    },
    { query: "sort=waiting", where: () => "true", sort: "waiting" },
    {
      query: "state=in_review&assignedToMe=false&q=&municipality=1496&sort=waiting",
      where: () => "i.state = 'in_review' and i.municipality_code = '1496'",
      sort: "waiting",
    },
  ];

  for (const { query, where, sort } of cases) {
    test(`?${query} gives exactly the matching ideas in scope`, async () => {
      for (const account of ["skovde", "region"] as const) {
        const matching = await expected(account, where(account), sort);
        const { first, references } = await allPages(account, query);
        expect(references, account).toEqual(matching);
        expect(first.total, account).toBe(matching.length);
      }
      // Something matches for someone, so the test tests something.
      expect((await expected("region", where("region"), sort)).length).toBeGreaterThan(0);
    });
  }
});

describe("bad parameters", () => {
  test.each([
    ["state=pending", "state", queueParameterMessages.state],
    ["municipality=Sk%C3%B6vde", "municipality", queueParameterMessages.municipality],
    ["area=v%C3%A5rd", "area", queueParameterMessages.area],
    ["assignedToMe=ja", "assignedToMe", queueParameterMessages.flag("assignedToMe")],
    [
      "awaitingMyAssessment=1",
      "awaitingMyAssessment",
      queueParameterMessages.flag("awaitingMyAssessment"),
    ],
    ["overdue=yes", "overdue", queueParameterMessages.flag("overdue")],
    [`q=${"a".repeat(201)}`, "q", queueParameterMessages.q],
    ["sort=title", "sort", queueParameterMessages.sort],
    ["cursor=%3Cscript%3E", "cursor", queueParameterMessages.cursor],
    ["limit=101", "limit", queueParameterMessages.limit],
    ["limit=0", "limit", queueParameterMessages.limit],
    ["colour=red", "colour", queueParameterMessages.unknown("colour")],
    ["state=received&state=in_review", "state", queueParameterMessages.repeated("state")],
    // Well formed, but no such municipality or area: the database says so, by the same parameter.
    ["municipality=9999", "municipality", "Välj en kommun i listan."],
    ["area=skog-och-mark", "area", "Välj ett verksamhetsområde i listan."],
    // A cursor in the right form that the queue never handed out.
    [
      `cursor=${Buffer.from('["received","inte en tid","x"]').toString("base64url")}`,
      "cursor",
      "Sidan kunde inte visas. Börja om från första sidan.",
    ],
  ])("?%s is 422 naming %s", async (query, field, message) => {
    const response = await get("skovde", `/api/review/ideas?${query}`);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: "invalid",
      field,
      message,
      fields: { [field]: message },
    });
  });

  test("a cursor from the other sort is 422 naming cursor", async () => {
    const { next } = await queue("coordinator", "sort=received");
    const response = await get(
      "coordinator",
      `/api/review/ideas?sort=waiting&cursor=${encodeURIComponent(next!)}`,
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ field: "cursor" });
  });

  test("an idea's address that is no reference is 404, like any other idea action; case does not matter", async () => {
    const response = await get("coordinator", "/api/review/ideas/IS-26-1");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "not_found",
      rule: "not_found",
      message: ideaPageTexts.notFoundHeading + ".",
    });
    const lower = await get(
      "coordinator",
      `/api/review/ideas/${skovdeOnly.reference.toLowerCase()}`,
    );
    expect(lower.status).toBe(200);
    expect(((await lower.json()) as IdeaPageAnswer).idea.reference).toBe(skovdeOnly.reference);
  });
});

describe("the idea page's answer", () => {
  test("holds the current text, every version, the timeline, assignments and links in camelCase", async () => {
    const { rows } = await stack.db.query<{ id: string }>(
      "select id from app.ideas where reference = $1",
      [skovdeOnly.reference],
    );
    const ideaId = rows[0]!.id;
    await stack.db.query(
      `insert into app.idea_versions (idea_id, version, title, problem, proposal, beneficiaries, expected_effects,
         tried, resources, workplace, created_by)
       select idea_id, 2, 'Köksträdgårdar vid alla äldreboenden', problem, proposal, beneficiaries, expected_effects,
         tried, resources, workplace, $2
       from app.idea_versions where idea_id = $1 and version = 1`,
      [ideaId, userIds.coordinator],
    );
    await stack.db.query(
      `insert into app.assignments (idea_id, reviewer_id, assigned_by, due_on)
       values ($1, $2, $3, current_date - 3)`,
      [ideaId, userIds.skovde, userIds.coordinator],
    );

    const response = await get("skovde", `/api/review/ideas/${skovdeOnly.reference}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const { idea, similar } = (await response.json()) as IdeaPageAnswer;
    expect(
      idea.versions.map((version) => [version.version, version.title, version.createdBy]),
    ).toEqual([
      [1, "Köksträdgård vid Skövdes äldreboende", null],
      [2, "Köksträdgårdar vid alla äldreboenden", "Sam Samordnare"],
    ]);
    expect(idea.current).toEqual(idea.versions[1]);
    expect(idea.current).toMatchObject({
      expectedEffects: expect.any(String),
      beneficiaries: expect.any(Array),
      tried: expect.stringMatching(/^(nej|delvis|ja)$/),
    });
    expect(idea.timeline[0]).toMatchObject({
      actorKind: "bearer",
      fromState: null,
      toState: "received",
      decision: null,
    });
    expect(idea.assignments).toEqual([
      {
        reviewerName: "Greta Granskare",
        dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        doneAt: null,
        overdue: true,
        isMe: true,
        reviewerId: userIds.skovde,
      },
    ]);
    // What get_review_idea adds for the assessment is passed on, in camelCase.
    expect(Object.keys(idea)).toEqual(
      expect.arrayContaining(["visibleAssessments", "aggregates", "canAssess", "notes"]),
    );
    expect(idea.assessments).toEqual({ done: 0, expected: 1 });
    expect(similar.length).toBeLessThanOrEqual(5);
  });

  test("the similar ideas include another municipality's, outside the scope, without its text", async () => {
    // The demo data has "Medborgardialog med digital karta" in several municipalities: Lidköping's
    // own, one in a municipality that shares it regionally, and one that does not.
    const { rows } = await stack.db.query<{ reference: string }>(
      "select reference from app.ideas where municipality_code = '1494' and title like 'Medborgardialog med digital karta%'",
    );
    const response = await get("lidkoping", `/api/review/ideas/${rows[0]!.reference}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const { similar } = JSON.parse(text) as IdeaPageAnswer;
    expect(similar.length).toBeGreaterThan(1);
    expect(similar.map((idea) => idea.similarity)).toEqual(
      [...similar.map((idea) => idea.similarity)].sort((a, b) => b - a),
    );
    const outside = similar.filter((idea) => !idea.inScope);
    expect(outside.length).toBeGreaterThan(0);
    for (const idea of outside) {
      expect(Object.keys(idea).sort()).toEqual(
        [
          "inScope",
          "municipality",
          "reference",
          "similarity",
          "state",
          "stateLabel",
          "title",
        ].sort(),
      );
      expect(idea.municipality.code).not.toBe("1494");
      const hidden = await stack.db.query<{ problem: string; email: string }>(
        `select i.problem, b.email from app.ideas i join app.idea_bearers b on b.idea_id = i.id
         where i.reference = $1 and not i.shared_regionally`,
        [idea.reference],
      );
      expect(hidden.rows).toHaveLength(1);
      // (The Lidköping idea itself has the same text: these are copies, so only the list is checked.)
      expect(JSON.stringify(similar)).not.toContain(hidden.rows[0]!.problem);
      expect(text).not.toContain(hidden.rows[0]!.email);
      // And the coach cannot open it.
      expect((await get("lidkoping", `/api/review/ideas/${idea.reference}`)).status).toBe(404);
    }
    // An idea shared regionally is in the coach's scope, and can be opened.
    const inside = similar.find((idea) => idea.inScope && idea.municipality.code !== "1494");
    expect(inside).toBeDefined();
    expect((await get("lidkoping", `/api/review/ideas/${inside!.reference}`)).status).toBe(200);
  });
});

describe("a search with more matches than are counted (issue 17)", () => {
  test("says more than 1 000 and gives no counts or total; a narrower search is counted", async () => {
    // Last in this file: the 1 001 ideas stay (ideas cannot be deleted).
    await stack.db.query(
      `insert into app.ideas (reference, municipality_code, area_id, title, problem, proposal)
       select 'IS-2026-' || (90000 + n), '1496', 'administration-och-digitalisering',
         'Gränsordet nummer ' || n, 'Ett problem som gränsordet beskriver.',
         case when n <= 10 then 'Ett förslag med specialordet.' else 'Ett förslag.' end
       from generate_series(1, 1001) n`,
    );
    const broad = await queue("coordinator", "q=gr%C3%A4nsordet");
    expect(broad.moreThan).toBe(1000);
    expect(broad.counts).toBeNull();
    expect(broad.total).toBeNull();
    expect(broad.ideas.length).toBeGreaterThan(0);
    expect(broad.ideas.every((idea) => idea.title.startsWith("Gränsordet"))).toBe(true);
    expect(broad.next).not.toBeNull();

    const narrow = await queue("coordinator", "q=gr%C3%A4nsordet%20specialordet");
    expect(narrow.moreThan).toBeNull();
    expect(narrow.total).toBe(10);
    expect(narrow.counts!.reduce((sum, count) => sum + count.count, 0)).toBe(10);
  });
});
