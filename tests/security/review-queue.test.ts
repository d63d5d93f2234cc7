import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecurityStack, type Actor, type SecurityStack } from "./harness/stack.ts";
import { moveIdea, submitIdea, type SubmittedIdea } from "./harness/fixtures.ts";

/*
 * The reviewer's queue and idea page (api.list_review_queue, api.get_review_idea): each caller sees
 * exactly their scope, page by page, every filter returns exactly the ideas that match it (checked
 * against the tables read directly as superuser), the counts add up, and the bearer's contact
 * details reach only regional staff, coordinators and the coach of the idea's own municipality.
 */

/** The demo accounts' user ids (supabase/seed.sql). */
const userIds = {
  coordinator: "00000000-0000-4000-a000-000000000001",
  skovdeReviewer: "00000000-0000-4000-a000-000000000002",
  lidkopingReviewer: "00000000-0000-4000-a000-000000000003",
  regionReviewer: "00000000-0000-4000-a000-000000000004",
} as const;
type Reviewer = keyof typeof userIds;

/** Each reviewer's scope, as SQL over `app.ideas i`: the rule the queue must apply. */
const scopeSql: Record<Reviewer, string> = {
  coordinator: "true",
  regionReviewer: "true",
  skovdeReviewer: "(i.municipality_code = '1496' or i.shared_regionally)",
  lidkopingReviewer: "(i.municipality_code = '1494' or i.shared_regionally)",
};

interface QueueItem {
  reference: string;
  title: string;
  state: string;
  municipality: { code: string; name: string };
  area: { id: string; name: string };
  received_at: string;
  state_changed_at: string;
  days_waiting: number;
  assignees: { name: string; done: boolean }[];
  assessments: { done: number; expected: number };
  due_on: string | null;
  overdue: boolean;
  assigned_to_me: boolean;
  shared_regionally: boolean;
}
interface QueuePage {
  items: QueueItem[];
  next: string | null;
  counts: { state: string; count: number }[] | null;
  total: number | null;
}

describe("the reviewer's queue and idea page", () => {
  let stack: SecurityStack;
  let skovdeOnly: SubmittedIdea;
  let skovdeShared: SubmittedIdea;
  let lidkopingIdea: SubmittedIdea;

  /** One page as the reviewer, failing the test on an error. */
  async function page(
    actor: Actor,
    args: {
      filters?: Record<string, unknown>;
      sort?: string;
      cursor?: string | null;
      page_size?: number;
    } = {},
  ): Promise<QueuePage> {
    const result = await stack.call(actor, "list_review_queue", args);
    if (result.error)
      throw new Error(`list_review_queue: ${result.error.code} ${result.error.message}`);
    return result.data as QueuePage;
  }

  /** Every page of the queue, following `next` until it is null. */
  async function allPages(
    actor: Actor,
    filters: Record<string, unknown> = {},
    sort = "received",
    pageSize = 50,
  ) {
    const first = await page(actor, { filters, sort, page_size: pageSize });
    const items = [...first.items];
    let next = first.next;
    for (let pages = 1; next !== null; pages += 1) {
      if (pages > 200) throw new Error("the queue never ends");
      const more = await page(actor, { filters, sort, cursor: next, page_size: pageSize });
      expect(more.counts).toBeNull();
      expect(more.items.length).toBeGreaterThan(0);
      items.push(...more.items);
      next = more.next;
    }
    return { first, items, references: items.map((item) => item.reference) };
  }

  /** The references the queue must return, read from the tables as superuser, in the queue's order. */
  async function expected(
    reviewer: Reviewer,
    where = "true",
    params: unknown[] = [],
    sort = "received",
  ) {
    const order = sort === "waiting" ? "i.state_changed_at, i.id" : "i.received_at desc, i.id desc";
    const { rows } = await stack.db.query<{ reference: string }>(
      `select i.reference from app.ideas i where ${scopeSql[reviewer]} and (${where}) order by ${order}`,
      params,
    );
    return rows.map((row) => row.reference);
  }

  beforeAll(async () => {
    stack = await startSecurityStack();
    skovdeOnly = await submitIdea(stack, "1496", { title: "Kökets nya diskrutin i Skövde" });
    skovdeShared = await submitIdea(stack, "1496", {
      title: "Gemensam nattpatrull för hemtjänsten",
      bearer_name: "Delad Idébärare",
      bearer_phone: "0500-123456",
    });
    await stack.db.query("update app.ideas set shared_regionally = true where id = $1", [
      skovdeShared.id,
    ]);
    lidkopingIdea = await submitIdea(stack, "1494", {
      title: "Lånecyklar vid Lidköpings kommunhus",
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("keeps an idea of Skövde that is not shared out of the Lidköping coach's queue and page, but not the Skövde coach's", async () => {
    const lidkoping = await allPages("lidkopingReviewer");
    expect(lidkoping.references).not.toContain(skovdeOnly.reference);
    expect(
      lidkoping.items.filter(
        (item) => item.municipality.code !== "1494" && !item.shared_regionally,
      ),
    ).toEqual([]);
    expect(lidkoping.references).toContain(lidkopingIdea.reference);

    const refused = await stack.call("lidkopingReviewer", "get_review_idea", {
      reference: skovdeOnly.reference,
    });
    expect(refused).toMatchObject({ status: 404, error: { code: "PT404", message: "not_found" } });
    // The same answer as for a reference that does not exist.
    const unknown = await stack.call("lidkopingReviewer", "get_review_idea", {
      reference: "IS-1999-9999",
    });
    expect(unknown).toMatchObject({ status: 404, error: { code: "PT404", message: "not_found" } });

    const skovde = await allPages("skovdeReviewer");
    expect(skovde.references).toContain(skovdeOnly.reference);
    const opened = await stack.call("skovdeReviewer", "get_review_idea", {
      reference: skovdeOnly.reference.toLowerCase(),
    });
    expect(opened.error).toBeNull();
    expect(opened.data).toMatchObject({
      reference: skovdeOnly.reference,
      municipality: { code: "1496" },
    });
  });

  it("shows a regionally shared Skövde idea to the Lidköping coach without its bearer's contact details", async () => {
    const lidkoping = await allPages("lidkopingReviewer");
    expect(lidkoping.references).toContain(skovdeShared.reference);

    const shared = await stack.call("lidkopingReviewer", "get_review_idea", {
      reference: skovdeShared.reference,
    });
    expect(shared.error).toBeNull();
    expect(shared.data).toMatchObject({
      reference: skovdeShared.reference,
      shared_regionally: true,
      bearer_visible: false,
      bearer: null,
    });
    const text = JSON.stringify(shared.data);
    expect(text).not.toContain(skovdeShared.email);
    expect(text).not.toContain("Delad Idébärare");
    expect(text).not.toContain("0500-123456");

    for (const actor of ["skovdeReviewer", "regionReviewer", "coordinator"] as const) {
      const full = await stack.call(actor, "get_review_idea", {
        reference: skovdeShared.reference,
      });
      expect(full.data, actor).toMatchObject({
        bearer_visible: true,
        bearer: {
          name: "Delad Idébärare",
          email: skovdeShared.email,
          phone: "0500-123456",
          co_bearers: null,
          contact_consent: true,
        },
      });
    }
  });

  it("lets the Lidköping coach ask a shared idea's bearer a question, e-mailed to an address the coach cannot read", async () => {
    const idea = await submitIdea(stack, "1496");
    await stack.db.query("update app.ideas set shared_regionally = true where id = $1", [idea.id]);
    await moveIdea(stack, idea, ["in_review"]);
    const asked = await stack.call("lidkopingReviewer", "ask_bearer", {
      idea_id: idea.id,
      expected_state: "in_review",
      question: "Hur många nattpass gäller det?",
    });
    expect(asked.error).toBeNull();
    const { rows } = await stack.db.query(
      "select recipient from app.email_outbox where idea_id = $1 and template = 'question_to_bearer'",
      [idea.id],
    );
    expect(rows).toEqual([{ recipient: idea.email }]);
    const page = await stack.call("lidkopingReviewer", "get_review_idea", {
      reference: idea.reference,
    });
    expect(page.data).toMatchObject({
      state: "needs_info",
      bearer: null,
      messages: [
        {
          direction: "to_bearer",
          body: "Hur många nattpass gäller det?",
          author_name: "Lars Granskare",
        },
      ],
    });
  });

  for (const [actor, sort, pageSize] of [
    ["coordinator", "received", 50],
    ["coordinator", "waiting", 50],
    ["skovdeReviewer", "received", 23],
    ["skovdeReviewer", "waiting", 50],
    ["lidkopingReviewer", "received", 10],
  ] as const) {
    it(`gives ${actor} every idea in scope exactly once across pages of ${pageSize}, sorted by ${sort}`, async () => {
      const { first, references } = await allPages(actor, {}, sort, pageSize);
      const all = await expected(actor, "true", [], sort);
      expect(all.length).toBeGreaterThan(pageSize);
      expect(new Set(references).size).toBe(references.length);
      expect(references).toEqual(all);
      expect(first.total).toBe(all.length);
      expect(first.items).toHaveLength(pageSize);
    });
  }

  it("has at least two pages of 50 for the coordinator and more than 50 ideas for the Skövde coach in the demo data", async () => {
    expect((await page("coordinator")).total).toBeGreaterThan(100);
    expect((await page("regionReviewer")).total).toBeGreaterThan(100);
    expect((await page("skovdeReviewer")).total).toBeGreaterThan(50);
  });

  const today = "(now() at time zone 'Europe/Stockholm')::date";
  /** Each filter, and the same rule as SQL; `state` apart, because the counts leave it out. */
  const filterCases: {
    name: string;
    filters: Record<string, unknown>;
    state?: string;
    where: (reviewer: Reviewer) => string;
  }[] = [
    { name: "state", filters: { state: "in_review" }, state: "in_review", where: () => "true" },
    {
      name: "municipality",
      filters: { municipality: "1496" },
      where: () => "i.municipality_code = '1496'",
    },
    {
      name: "another municipality",
      filters: { municipality: "1499" },
      where: () => "i.municipality_code = '1499'",
    },
    {
      name: "area",
      filters: { area: "vard-och-omsorg" },
      where: () => "i.area_id = 'vard-och-omsorg'",
    },
    {
      name: "assigned_to_me",
      filters: { assigned_to_me: true },
      where: (reviewer) =>
        `exists (select 1 from app.assignments a where a.idea_id = i.id and a.reviewer_id = '${userIds[reviewer]}')`,
    },
    {
      name: "awaiting_my_assessment",
      filters: { awaiting_my_assessment: true },
      where: (reviewer) =>
        `exists (select 1 from app.assignments a where a.idea_id = i.id and a.reviewer_id = '${userIds[reviewer]}' and a.done_at is null)`,
    },
    {
      name: "overdue",
      filters: { overdue: true },
      where: () =>
        `exists (select 1 from app.assignments a where a.idea_id = i.id and a.done_at is null and a.due_on < ${today})`,
    },
    {
      name: "search",
      filters: { search: "hemtjänsten" },
      where: () => "i.search_vector @@ websearch_to_tsquery('swedish', 'hemtjänsten')",
    },
    {
      name: "several at once (and empty ones)",
      filters: {
        state: "in_review",
        assigned_to_me: true,
        overdue: false,
        search: "",
        municipality: null,
      },
      state: "in_review",
      where: (reviewer) =>
        `exists (select 1 from app.assignments a where a.idea_id = i.id and a.reviewer_id = '${userIds[reviewer]}')`,
    },
  ];

  for (const filterCase of filterCases) {
    for (const reviewer of ["coordinator", "regionReviewer", "skovdeReviewer"] as const) {
      it(`filters on ${filterCase.name} for ${reviewer}: exactly the matching ideas, and their counts per state`, async () => {
        const { first, references } = await allPages(reviewer, filterCase.filters);
        const where = filterCase.where(reviewer);
        const matching = await expected(
          reviewer,
          filterCase.state ? `${where} and i.state = $1` : where,
          filterCase.state ? [filterCase.state] : [],
        );
        expect(references).toEqual(matching);
        expect(first.total).toBe(matching.length);

        // The counts are for the same filters without the state filter, every state listed.
        const { rows } = await stack.db.query<{ state: string; count: number }>(
          `select s.state, (select count(*)::int from app.ideas i
             where i.state = s.state and ${scopeSql[reviewer]} and (${where})) as count
           from app.idea_states s order by s.sort_order`,
        );
        expect(first.counts).toEqual(rows);
      });
    }
  }

  it("finds some ideas with every demo filter, so the filter tests above test something", async () => {
    for (const filters of [
      { assigned_to_me: true },
      { awaiting_my_assessment: true },
      { overdue: true },
    ]) {
      expect(
        (await page("skovdeReviewer", { filters })).total,
        JSON.stringify(filters),
      ).toBeGreaterThan(0);
      expect(
        (await page("regionReviewer", { filters })).total,
        JSON.stringify(filters),
      ).toBeGreaterThan(0);
    }
  });

  it("shows each row's assignees, assessments, earliest open due date and whether it is overdue", async () => {
    const { items } = await allPages("regionReviewer", { assigned_to_me: true });
    const { rows } = await stack.db.query<{
      reference: string;
      names: string[];
      done: number;
      expected: number;
      due_on: string | null;
      overdue: boolean;
    }>(
      `select i.reference, array_agg(r.display_name order by a.assigned_at, a.id) as names,
         (count(*) filter (where a.done_at is not null))::int as done, count(*)::int as expected,
         to_char(min(a.due_on) filter (where a.done_at is null), 'YYYY-MM-DD') as due_on,
         coalesce(min(a.due_on) filter (where a.done_at is null) < ${today}, false) as overdue
       from app.ideas i join app.assignments a on a.idea_id = i.id join app.reviewers r on r.user_id = a.reviewer_id
       where exists (select 1 from app.assignments m where m.idea_id = i.id and m.reviewer_id = $1)
       group by i.reference`,
      [userIds.regionReviewer],
    );
    const byReference = new Map(rows.map((row) => [row.reference, row]));
    expect(items.length).toBe(rows.length);
    for (const item of items) {
      const row = byReference.get(item.reference)!;
      expect(
        item.assignees.map((assignee) => assignee.name),
        item.reference,
      ).toEqual(row.names);
      expect(item.assessments).toEqual({ done: row.done, expected: row.expected });
      expect(item.due_on).toBe(row.due_on);
      expect(item.overdue).toBe(row.overdue);
      expect(item.assigned_to_me).toBe(true);
      expect(item.days_waiting).toBe(
        Math.floor((Date.now() - Date.parse(item.state_changed_at)) / 86_400_000),
      );
    }
    expect(items.some((item) => item.overdue)).toBe(true);
    expect(items.some((item) => !item.overdue)).toBe(true);
  });

  it("refuses a cursor from another sort, or one that was not handed out, with IS002 invalid_cursor", async () => {
    const first = await page("coordinator", { sort: "waiting" });
    for (const cursor of [first.next, "not-a-cursor", "WyJyZWNlaXZlZCIsICJpZ2FyIiwgIngiXQ"]) {
      const result = await stack.call("coordinator", "list_review_queue", { cursor });
      expect(result, String(cursor)).toMatchObject({
        status: 400,
        error: { code: "IS002", message: "invalid_cursor", details: "cursor" },
      });
    }
  });

  it("keeps a coach in their scope even with a cursor taken from the coordinator's queue", async () => {
    const coordinatorPage = await page("coordinator");
    const { items } = await page("skovdeReviewer", {
      cursor: coordinatorPage.next,
      page_size: 100,
    });
    expect(items.length).toBeGreaterThan(0);
    expect(
      items.filter((item) => item.municipality.code !== "1496" && !item.shared_regionally),
    ).toEqual([]);
  });

  for (const [args, message, details] of [
    [{ filters: { colour: "red" } }, "unknown_filter", "colour"],
    [{ filters: { state: "klar" } }, "unknown_value", "state"],
    [{ filters: { state: 3 } }, "unknown_value", "state"],
    [{ filters: { municipality: "9999" } }, "unknown_value", "municipality"],
    [{ filters: { area: "rymden" } }, "unknown_value", "area"],
    [{ filters: { assigned_to_me: "ja" } }, "not_boolean", "assigned_to_me"],
    [{ filters: { awaiting_my_assessment: 1 } }, "not_boolean", "awaiting_my_assessment"],
    [{ filters: { overdue: "true" } }, "not_boolean", "overdue"],
    [{ filters: { search: ["lås"] } }, "not_a_string", "search"],
    [{ filters: { search: "x".repeat(201) } }, "too_long", "search"],
    [{ filters: ["state"] }, "not_an_object", "filters"],
    [{ sort: "title" }, "unknown_value", "sort"],
    [{ page_size: 0 }, "out_of_range", "page_size"],
    [{ page_size: 101 }, "out_of_range", "page_size"],
  ] as const) {
    it(`refuses ${JSON.stringify(args)} with IS002 ${message} (${details})`, async () => {
      const result = await stack.call("skovdeReviewer", "list_review_queue", args);
      expect(result).toMatchObject({ status: 400, error: { code: "IS002", message, details } });
    });
  }

  it("opens an idea with every version, the timeline, assignments and a link to an idea outside the scope", async () => {
    const idea = await submitIdea(stack, "1496", {
      title: "Digitala lås i korttidsboendet",
      workplace: "Korttidsboendet Ekängen",
      co_bearers: "Kim Kollega",
    });
    await moveIdea(stack, idea, ["in_review"]);
    await stack.db.query(
      `insert into app.idea_versions (idea_id, version, title, problem, proposal, beneficiaries, expected_effects,
         tried, resources, workplace, created_by)
       select idea_id, 2, 'Digitala lås i alla korttidsboenden', problem, proposal, beneficiaries, expected_effects,
         tried, resources, workplace, $2
       from app.idea_versions where idea_id = $1 and version = 1`,
      [idea.id, userIds.coordinator],
    );
    await stack.db.query(
      `insert into app.assignments (idea_id, reviewer_id, assigned_by, due_on)
       values ($1, $2, $3, current_date - 3), ($1, $3, $3, current_date + 10)`,
      [idea.id, userIds.skovdeReviewer, userIds.coordinator],
    );
    await stack.db.query(
      `insert into app.idea_links (idea_id, linked_idea_id, kind, created_by) values ($1, $2, 'related', $3)`,
      [idea.id, lidkopingIdea.id, userIds.coordinator],
    );

    const result = await stack.call("skovdeReviewer", "get_review_idea", {
      reference: idea.reference,
    });
    expect(result.error).toBeNull();
    const data = result.data as Record<string, unknown>;
    expect(data).toMatchObject({
      reference: idea.reference,
      state: "in_review",
      state_label: "under bedömning",
      municipality: { code: "1496", name: "Skövde" },
      area: { id: "vard-och-omsorg", name: "Vård och omsorg" },
      current: {
        version: 2,
        title: "Digitala lås i alla korttidsboenden",
        created_by: "Sam Samordnare",
      },
      versions: [
        {
          version: 1,
          title: "Digitala lås i korttidsboendet",
          problem: "Personalen letar nycklar flera gånger per pass.",
          proposal: "Byt till digitala lås som öppnas med personalens telefon.",
          beneficiaries: ["brukare_patienter", "medarbetare"],
          expected_effects: "Mer tid för de boende.",
          tried: "nej",
          resources: "Låsen och en dags utbildning.",
          workplace: "Korttidsboendet Ekängen",
          created_by: null,
        },
        { version: 2, created_by: "Sam Samordnare" },
      ],
      bearer: { email: idea.email, co_bearers: "Kim Kollega" },
      timeline: [
        {
          to_state: "received",
          from_state: null,
          actor_kind: "bearer",
          actor_name: null,
          decision: null,
        },
        {
          to_state: "in_review",
          from_state: "received",
          actor_kind: "coordinator",
          actor_name: "Sam Samordnare",
        },
      ],
      assignments: [
        { reviewer_name: "Greta Granskare", overdue: true, is_me: true, done_at: null },
        { reviewer_name: "Sam Samordnare", overdue: false, is_me: false },
      ],
      assessments: { done: 0, expected: 2 },
      links: [
        {
          kind: "related",
          direction: "to",
          idea: {
            reference: lidkopingIdea.reference,
            title: "Lånecyklar vid Lidköpings kommunhus",
            municipality: { code: "1494", name: "Lidköping" },
            state: "received",
            in_scope: false,
          },
        },
      ],
      interest: [],
    });
    // The linked idea outside the scope shows its summary and nothing more.
    const link = (data.links as { idea: Record<string, unknown> }[])[0]!;
    expect(Object.keys(link.idea).sort()).toEqual([
      "in_scope",
      "municipality",
      "reference",
      "state",
      "title",
    ]);
    expect(data).not.toHaveProperty("similar");
  });

  it("shows a decision's message and when it was released in the timeline", async () => {
    const idea = await submitIdea(stack, "1494");
    await moveIdea(stack, idea, ["in_review", "assessed", "accepted"]);
    const before = await stack.call("lidkopingReviewer", "get_review_idea", {
      reference: idea.reference,
    });
    expect((before.data as { timeline: unknown[] }).timeline.at(-1)).toMatchObject({
      to_state: "accepted",
      visible_to_bearer: false,
      decision: { message: "Tack för din idé! Den går vidare till utveckling.", released_at: null },
    });
    await stack.call("coordinator", "release_decision", { idea_id: idea.id });
    const after = await stack.call("lidkopingReviewer", "get_review_idea", {
      reference: idea.reference,
    });
    expect(
      (after.data as { timeline: { decision: { released_at: string | null } }[] }).timeline.at(-1)
        ?.decision.released_at,
    ).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("keeps app.idea_counts equal to the ideas counted afresh, after ideas arrived, moved and were shared", async () => {
    const idea = await submitIdea(stack, "1494");
    await moveIdea(stack, idea, ["in_review", "needs_info"]);
    await stack.db.query(
      "update app.ideas set shared_regionally = true, area_id = 'annat' where id = $1",
      [idea.id],
    );
    const { rows } = await stack.db.query(
      `select coalesce(c.key, i.key) as key, c.ideas as kept, i.ideas as counted
       from (select municipality_code || '/' || area_id || '/' || shared_regionally || '/' || state as key, ideas::int
             from app.idea_counts where ideas > 0) c
       full join (select municipality_code || '/' || area_id || '/' || shared_regionally || '/' || state as key,
                    count(*)::int as ideas from app.ideas group by 1) i on i.key = c.key
       where c.ideas is distinct from i.ideas`,
    );
    expect(rows).toEqual([]);
  });

  it("refuses a missing reference with IS002 missing (reference)", async () => {
    const result = await stack.call("coordinator", "get_review_idea", { reference: " " });
    expect(result).toMatchObject({
      status: 400,
      error: { code: "IS002", message: "missing", details: "reference" },
    });
  });
});
