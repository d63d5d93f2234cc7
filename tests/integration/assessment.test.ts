import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../src/server/database.types.ts";
import outboxSender from "../../netlify/functions/outbox-sender.ts";
import type { DeliveryReport } from "../../src/server/email/outbox.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { ideaSummariesOutOfStep } from "../support/idea-summaries.ts";
import { storeIdea, type StoredIdea } from "../support/ideas.ts";
import { findMail } from "../support/local-supabase.ts";
import {
  CookieJar,
  demoPassword,
  postJson,
  sameOriginHeaders,
  send,
  signIn,
} from "../support/session.ts";

/*
 * The assessment through the functions (issue 13), in-process: the reviewers sign in as the
 * workspace's pages do and call /api/review/*; the e-mails go through the outbox to the local
 * mail catcher's SMTP server in this process. The blind rule is also checked straight from the
 * API – supabase-js with the reviewer's own token, as anyone with a session could call it – since
 * a page that hides scores proves nothing.
 */

const siteUrl = "https://innovationsslussen.example.se";
const accounts = {
  skovde: "granskare.skovde@example.se",
  lidkoping: "granskare.lidkoping@example.se",
  region: "granskare.region@example.se",
  coordinator: "samordnare@example.se",
} as const;
type Account = keyof typeof accounts;
const reviewerIds = {
  skovde: "00000000-0000-4000-a000-000000000002",
  region: "00000000-0000-4000-a000-000000000004",
} as const;

const notFound = "Idén finns inte, eller så har du inte behörighet att se den.";

let stack: FunctionsStack;
const jars = {} as Record<Account, CookieJar>;
const direct = {} as Record<Account, ReturnType<typeof apiClient>>;
const savedEnv = { ...process.env };

function apiClient() {
  return createClient<Database, "api">(stack.local.url, stack.local.publishableKey, {
    db: { schema: "api" },
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${stack.local.smtpPort}`,
    EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
    SITE_URL: siteUrl,
  });
  for (const [account, email] of Object.entries(accounts) as [Account, string][]) {
    jars[account] = new CookieJar();
    const signedIn = await signIn(stack.functions, jars[account], email);
    expect(signedIn.status, email).toBe(200);
    direct[account] = apiClient();
    const { error } = await direct[account].auth.signInWithPassword({
      email,
      password: demoPassword,
    });
    expect(error, email).toBeNull();
  }
});

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
});

/** A request from the workspace's pages as the account. */
function as(account: Account) {
  const jar = jars[account];
  const withBody = (method: string) => (path: string, body: unknown) =>
    send(stack.functions, path, { ...postJson(body), method, jar });
  return {
    get: (path: string) => send(stack.functions, path, { jar }),
    post: withBody("POST"),
    put: withBody("PUT"),
    delete: (path: string) =>
      send(stack.functions, path, { method: "DELETE", headers: sameOriginHeaders, jar }),
  };
}

const ideaPath = (reference: string, action: string) => `/api/review/ideas/${reference}/${action}`;

/** A complete assessment body with the given scores on nytta, effekter and genomförbarhet. */
function assessment([nytta, effekter, genomforbarhet]: number[], comment = "Bra idé.") {
  return {
    scores: [
      { criterion: "nytta", score: nytta, comment: `Nyttan bedöms till ${nytta}.` },
      { criterion: "effekter", score: effekter, comment: `Effekterna bedöms till ${effekter}.` },
      {
        criterion: "genomforbarhet",
        score: genomforbarhet,
        comment: `Genomförbarheten bedöms till ${genomforbarhet}.`,
      },
    ],
    recommendation: "vidare",
    comment,
  };
}

/** A new Skövde idea, taken up for review by the coordinator through the state endpoint. */
async function ideaInReview(overrides: Record<string, unknown> = {}): Promise<StoredIdea> {
  const idea = await storeIdea(stack.local, overrides);
  const started = await as("coordinator").post(ideaPath(idea.reference, "state"), {
    to: "in_review",
    expected: "received",
  });
  expect(started.status).toBe(200);
  return idea;
}

async function answerNo(account: Account, reference: string) {
  const response = await as(account).post(ideaPath(reference, "conflict-of-interest"), {
    has_conflict: false,
  });
  expect(response.status).toBe(200);
}

/** `api.get_review_idea` straight from the API with the account's own token. */
async function reviewIdea(account: Account, reference: string) {
  const { data, error } = await direct[account].rpc("get_review_idea", { reference });
  expect(error).toBeNull();
  return data as Record<string, unknown> & {
    visible_assessments: { reviewer: { id: string }; scores: { score: number }[] }[];
    aggregates: { visible: boolean; overall: number | null };
    assignments: { reviewer_id: string }[];
    conflicts: { reviewer: { id: string }; reason: string }[];
    timeline: {
      actor_name: string | null;
      actor_kind: string;
      from_state: string;
      to_state: string;
      reason: string;
    }[];
    messages: { direction: string; body: string }[];
  };
}

/** Runs the outbox sender until nothing is left to send. */
async function sendAllEmails(): Promise<void> {
  for (;;) {
    const response = await outboxSender();
    expect(response.status).toBe(200);
    const report = (await response.json()) as DeliveryReport;
    expect(report.dead).toBe(0);
    if (report.claimed === 0) return;
  }
}

const daysFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", {
    timeZone: "Europe/Stockholm",
  });

describe("the criteria", () => {
  test("GET /api/review/criteria gives the criteria in force with five levels each", async () => {
    const response = await as("skovde").get("/api/review/criteria");
    expect(response.status).toBe(200);
    const { criteria } = (await response.json()) as {
      criteria: {
        slug: string;
        name: string;
        weight: number;
        levels: { score: number; description: string }[];
      }[];
    };
    expect(criteria.map((c) => [c.slug, c.name, c.weight])).toEqual([
      ["nytta", "Nytta", 1],
      ["effekter", "Effekter", 1],
      ["genomforbarhet", "Genomförbarhet", 1],
    ]);
    expect(criteria[0]!.levels[0]).toEqual({
      score: 1,
      description: "Ingen tydlig nytta för någon målgrupp.",
    });
    expect(criteria[0]!.levels.map((level) => level.score)).toEqual([1, 2, 3, 4, 5]);
    // Without a session, nothing.
    expect((await send(stack.functions, "/api/review/criteria")).status).toBe(401);
  });
});

describe("jäv", () => {
  test("a reviewer who declares jäv is taken off the idea and refused scoring; without jäv they score", async () => {
    const idea = await ideaInReview();
    const assigned = await as("coordinator").post(ideaPath(idea.reference, "assignments"), {
      reviewer_id: reviewerIds.skovde,
      due_on: daysFromToday(7),
    });
    expect(assigned.status).toBe(200);

    const declared = await as("skovde").post(ideaPath(idea.reference, "conflict-of-interest"), {
      has_conflict: true,
      reason: "Idébäraren är min syster.",
    });
    expect(declared.status).toBe(200);
    expect(await declared.json()).toMatchObject({ has_conflict: true, assignment_removed: true });

    const refused = await as("skovde").put(
      ideaPath(idea.reference, "assessment"),
      assessment([4, 4, 4]),
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: "invalid",
      rule: "conflict_of_interest",
      message: "Du har anmält jäv för den här idén och kan inte bedöma den.",
    });

    // The coordinator sees the jäv with its reason; the assignment is gone.
    const seen = await reviewIdea("coordinator", idea.reference);
    expect(seen.conflicts).toMatchObject([
      { reviewer: { id: reviewerIds.skovde }, reason: "Idébäraren är min syster." },
    ]);
    expect(seen.assignments.map((a) => a.reviewer_id)).not.toContain(reviewerIds.skovde);
    // Assigning them again is refused.
    const again = await as("coordinator").post(ideaPath(idea.reference, "assignments"), {
      reviewer_id: reviewerIds.skovde,
      due_on: daysFromToday(7),
    });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ rule: "reviewer_has_conflict" });

    // The allow twin: the same reviewer, without jäv, on another idea.
    const other = await ideaInReview();
    await answerNo("skovde", other.reference);
    const saved = await as("skovde").put(
      ideaPath(other.reference, "assessment"),
      assessment([4, 4, 4]),
    );
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ reference: other.reference, status: "complete" });
  });

  test("asks for a reason with yes, naming the field", async () => {
    const idea = await ideaInReview();
    const response = await as("skovde").post(ideaPath(idea.reference, "conflict-of-interest"), {
      has_conflict: true,
      reason: " ",
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      field: "reason",
      message: "Skriv varför du har jäv, till exempel att du känner idébäraren.",
    });
  });
});

describe("the blind rule", () => {
  test("holds when the scores are fetched straight from the API", async () => {
    const idea = await ideaInReview();
    await answerNo("skovde", idea.reference);
    const saved = await as("skovde").put(
      ideaPath(idea.reference, "assessment"),
      assessment([5, 1, 3], "Greta tycker att idén är mycket nyttig."),
    );
    expect(saved.status).toBe(200);

    const before = await reviewIdea("region", idea.reference);
    expect(before.visible_assessments).toEqual([]);
    expect(before.aggregates).toMatchObject({ visible: false, overall: null });
    expect(JSON.stringify(before)).not.toContain("Greta tycker");
    expect(JSON.stringify(before)).not.toContain("Nyttan bedöms");
    // A coordinator sees everything.
    const coordinator = await reviewIdea("coordinator", idea.reference);
    expect(coordinator.visible_assessments.map((a) => a.reviewer.id)).toEqual([reviewerIds.skovde]);
    expect(coordinator.aggregates).toMatchObject({ visible: true, overall: 3 });

    await answerNo("region", idea.reference);
    expect(
      (await as("region").put(ideaPath(idea.reference, "assessment"), assessment([3, 3, 3])))
        .status,
    ).toBe(200);
    const after = await reviewIdea("region", idea.reference);
    expect(after.visible_assessments.map((a) => a.reviewer.id)).toEqual([
      reviewerIds.region,
      reviewerIds.skovde,
    ]);
    expect(JSON.stringify(after)).toContain("Greta tycker att idén är mycket nyttig.");
    expect(after.aggregates).toMatchObject({ visible: true, overall: 3 });
  });
});

describe("scope and the decision", () => {
  test("a reviewer outside the idea's scope gets 404 from every action; the idea's own coach does not", async () => {
    const idea = await ideaInReview();
    const lidkoping = as("lidkoping");
    const responses = [
      await lidkoping.put(ideaPath(idea.reference, "assessment"), assessment([3, 3, 3])),
      await lidkoping.post(ideaPath(idea.reference, "conflict-of-interest"), {
        has_conflict: false,
      }),
      await lidkoping.post(ideaPath(idea.reference, "state"), {
        to: "needs_info",
        expected: "in_review",
        reason: "Fråga",
      }),
      await lidkoping.post(ideaPath(idea.reference, "notes"), { body: "Hej" }),
      await lidkoping.post(ideaPath(idea.reference, "questions"), {
        question: "Hur?",
        expected: "in_review",
      }),
      await lidkoping.get(`/api/review/reviewers?reference=${idea.reference}`),
    ];
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: "not_found",
        rule: "not_found",
        message: notFound,
      });
    }
    // A reference that is none is no idea either.
    expect(
      (await as("skovde").put(ideaPath("IS-20-1", "assessment"), assessment([3, 3, 3]))).status,
    ).toBe(404);
    // The allow twin: the Skövde coach reaches the same idea.
    const reviewers = await as("skovde").get(`/api/review/reviewers?reference=${idea.reference}`);
    expect(reviewers.status).toBe(200);
    const { reviewers: list } = (await reviewers.json()) as {
      reviewers: { id: string; name: string }[];
    };
    expect(list.map((r) => r.name)).toEqual(
      expect.arrayContaining(["Greta Granskare", "Rut Regiongranskare", "Sam Samordnare"]),
    );
    expect(list.map((r) => r.name)).not.toContain("Lars Granskare");
  });

  test("scores after the decision are refused; before it they could be revised", async () => {
    const idea = await ideaInReview();
    await answerNo("skovde", idea.reference);
    expect(
      (await as("skovde").put(ideaPath(idea.reference, "assessment"), assessment([4, 4, 4])))
        .status,
    ).toBe(200);
    const coordinator = as("coordinator");
    expect(
      (
        await coordinator.post(ideaPath(idea.reference, "state"), {
          to: "assessed",
          expected: "in_review",
          reason: "Bedömd.",
        })
      ).status,
    ).toBe(200);
    // Revised while assessed: the twin.
    expect(
      (await as("skovde").put(ideaPath(idea.reference, "assessment"), assessment([5, 4, 4])))
        .status,
    ).toBe(200);
    const decided = await coordinator.post(ideaPath(idea.reference, "state"), {
      to: "accepted",
      expected: "assessed",
      reason: "Stor nytta.",
      message: "Tack! Idén går vidare till utveckling.",
    });
    expect(decided.status).toBe(200);
    const refused = await as("skovde").put(
      ideaPath(idea.reference, "assessment"),
      assessment([1, 1, 1]),
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: "invalid",
      rule: "decided",
      message:
        "Idén är redan beslutad (”vidare till utveckling”), så bedömningen kan inte ändras längre.",
    });
    const seen = await reviewIdea("coordinator", idea.reference);
    expect(seen.visible_assessments[0]!.scores.map((s) => s.score)).toEqual([5, 4, 4]);
  });
});

describe("the state change", () => {
  test("starting the review is recorded in the timeline; a late second start is told who started it", async () => {
    const idea = await storeIdea(stack.local);
    const started = await as("region").post(ideaPath(idea.reference, "state"), {
      to: "in_review",
      expected: "received",
    });
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ reference: idea.reference, state: "in_review" });

    const late = await as("skovde").post(ideaPath(idea.reference, "state"), {
      to: "in_review",
      expected: "received",
    });
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({
      error: "conflict",
      rule: "stale_state",
      current: "in_review",
      changed_by: "Rut Regiongranskare",
      message:
        "Rut Regiongranskare har redan ändrat idén, och den är nu ”under bedömning”. Ladda om sidan och försök igen.",
    });
    const { timeline } = await reviewIdea("skovde", idea.reference);
    expect(timeline.at(-1)).toMatchObject({
      actor_kind: "reviewer",
      actor_name: "Rut Regiongranskare",
      from_state: "received",
      to_state: "in_review",
      reason: "Granskningen påbörjades.",
    });
  });

  test("a reviewer may not decide, and a body without a target state names the field", async () => {
    const idea = await ideaInReview();
    const missing = await as("skovde").post(ideaPath(idea.reference, "state"), {
      expected: "in_review",
    });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({
      field: "to",
      message: "Välj vilket läge idén ska få.",
    });
    const forbidden = await as("skovde").post(ideaPath(idea.reference, "state"), {
      to: "assessed",
      expected: "in_review",
      reason: "Klar.",
    });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({
      rule: "coordinator_only",
      message: "Bara en samordnare får flytta idén från ”under bedömning” till ”bedömd”.",
    });
  });
});

describe("the assessment's input", () => {
  test("is refused naming the criterion's field, before and in the database", async () => {
    const idea = await ideaInReview();
    await answerNo("skovde", idea.reference);
    const body = assessment([7, 3, 3]);
    const schema = await as("skovde").put(ideaPath(idea.reference, "assessment"), body);
    expect(schema.status).toBe(422);
    expect(await schema.json()).toMatchObject({
      error: "invalid",
      field: "scores.nytta.score",
      message: "Välj ett betyg från 1 till 5.",
    });
    // Which criteria are in force is data: the database finds the missing one.
    const short = { ...assessment([3, 3, 3]), scores: assessment([3, 3, 3]).scores.slice(0, 2) };
    const database = await as("skovde").put(ideaPath(idea.reference, "assessment"), short);
    expect(database.status).toBe(422);
    expect(await database.json()).toEqual({
      error: "invalid",
      rule: "missing_criteria",
      field: "scores",
      fields: { scores: "Ge ett betyg från 1 till 5 på varje kriterium." },
      message: "Ge ett betyg från 1 till 5 på varje kriterium.",
    });
  });
});

describe("e-mails through the outbox", () => {
  test("an assigned reviewer gets an e-mail with who asked, the due date and the link; unassigning is the coordinator's", async () => {
    const idea = await ideaInReview();
    const dueOn = daysFromToday(10);
    const assigned = await as("coordinator").post(ideaPath(idea.reference, "assignments"), {
      reviewer_id: reviewerIds.region,
      due_on: dueOn,
    });
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({
      reviewer_id: reviewerIds.region,
      due_on: dueOn,
      created: true,
    });
    await sendAllEmails();
    const mail = await findMail(stack.local.mailUrl, accounts.region);
    expect(mail.Subject).toBe(`Du har fått en idé att bedöma: ${idea.reference}`);
    expect(mail.Text).toContain(`Sam Samordnare har bett dig bedöma idén ${idea.reference}.`);
    const due = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long" }).format(
      new Date(`${dueOn}T12:00:00Z`),
    );
    expect(mail.Text).toContain(`Bedömningen ska vara klar senast ${due}.`);
    expect(mail.Links).toContain(`${siteUrl}/granska/ide/?ref=${idea.reference}`);
    // No idea text in the e-mail.
    expect(mail.Text).not.toContain("nycklar");

    const byCoach = await as("skovde").delete(
      `${ideaPath(idea.reference, "assignments")}/${reviewerIds.region}`,
    );
    expect(byCoach.status).toBe(403);
    expect(await byCoach.json()).toMatchObject({
      message: "Bara en samordnare får ta bort en granskare från en idé.",
    });
    const removed = await as("coordinator").delete(
      `${ideaPath(idea.reference, "assignments")}/${reviewerIds.region}`,
    );
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({
      reference: idea.reference,
      reviewer_id: reviewerIds.region,
      removed: true,
    });
  });

  test("a mentioned reviewer gets an e-mail naming who mentioned them, never the note; the bearer never sees notes", async () => {
    const idea = await ideaInReview();
    const note = await as("skovde").post(ideaPath(idea.reference, "notes"), {
      body: "Internt: budgeten är redan lagd för 2027.",
      mentions: [reviewerIds.region],
    });
    expect(note.status).toBe(200);
    const { id } = (await note.json()) as { id: number };
    await sendAllEmails();
    const mail = await findMail(stack.local.mailUrl, accounts.region);
    expect(mail.Subject).toBe(`Du har nämnts i en anteckning om idén ${idea.reference}`);
    expect(mail.Text).toContain(
      `Greta Granskare nämnde dig i en intern anteckning om idén ${idea.reference}.`,
    );
    expect(mail.Links).toContain(`${siteUrl}/granska/ide/?ref=${idea.reference}`);
    expect(mail.Text).not.toContain("budgeten");

    const reply = await as("region").post(ideaPath(idea.reference, "notes"), {
      body: "Då väntar vi till 2028.",
      reply_to: id,
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ reply_to: id, mentions: [] });
    const { notes } = (await reviewIdea("coordinator", idea.reference)) as unknown as {
      notes: { id: number; reply_to: number | null; body: string; mentions: { name: string }[] }[];
    };
    expect(notes.map((n) => [n.reply_to === id, n.body, n.mentions.map((m) => m.name)])).toEqual([
      [false, "Internt: budgeten är redan lagd för 2027.", ["Rut Regiongranskare"]],
      [true, "Då väntar vi till 2028.", []],
    ]);

    const status = await send(
      stack.functions,
      "/api/status",
      postJson({ token: idea.status_token }),
    );
    expect(status.status).toBe(200);
    expect(await status.text()).not.toContain("budgeten");
  });

  test("a question reaches the bearer by e-mail; their answer returns the idea to review and shows in the timeline", async () => {
    const idea = await ideaInReview();
    await sendAllEmails(); // the receipt
    const asked = await as("skovde").post(ideaPath(idea.reference, "questions"), {
      question: "Hur många medarbetare berörs?",
      expected: "in_review",
    });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toEqual({ reference: idea.reference, state: "needs_info" });
    await sendAllEmails();
    const mail = await findMail(stack.local.mailUrl, idea.email);
    expect(mail.Subject).toBe(`Vi har en fråga om din idé ${idea.reference}`);

    const answered = await send(
      stack.functions,
      "/api/status/reply",
      postJson({ token: idea.status_token, body: "Ungefär 40 medarbetare." }),
    );
    expect(answered.status).toBe(200);
    const seen = await reviewIdea("skovde", idea.reference);
    expect(seen.state).toBe("in_review");
    expect(seen.messages.map((m) => [m.direction, m.body])).toEqual([
      ["to_bearer", "Hur många medarbetare berörs?"],
      ["from_bearer", "Ungefär 40 medarbetare."],
    ]);
    expect(seen.timeline.slice(-2)).toMatchObject([
      { from_state: "in_review", to_state: "needs_info", actor_name: "Greta Granskare" },
      { from_state: "needs_info", to_state: "in_review", actor_kind: "bearer", actor_name: null },
    ]);
    // Asked again with the state the page showed before: 409, the bearer has answered since.
    const stale = await as("skovde").post(ideaPath(idea.reference, "questions"), {
      question: "En till fråga?",
      expected: "needs_info",
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      message:
        "Idébäraren har svarat under tiden, och idén är nu ”under bedömning”. Ladda om sidan och försök igen.",
    });
  });
});

describe("the summary columns the export reads", () => {
  test("after every assignment, jäv declaration and score above, each idea's summary is as computed afresh", async () => {
    const summaries = await ideaSummariesOutOfStep(stack.db);
    expect(summaries.kept).toEqual([]);
    expect(summaries.recounted).toEqual([]);
    expect(summaries.scored).toBeGreaterThan(0);
  });
});
