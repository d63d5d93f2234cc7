import { createServer, type Server } from "node:http";
import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Database } from "../../src/server/database.types.ts";
import ideaBankBuild from "../../netlify/functions/idea-bank-build.ts";
import outboxSender from "../../netlify/functions/outbox-sender.ts";
import type { BuildRunReport } from "../../src/server/build-hook/idea-bank-build.ts";
import type { DeliveryReport } from "../../src/server/email/outbox.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { ideaSummariesOutOfStep } from "../support/idea-summaries.ts";
import { storeIdea, validIdea, type StoredIdea } from "../support/ideas.ts";
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
 * Issue 14 through the functions, in-process, signed in as the workspace's pages are: the whole
 * journey from the form to a released decision on the bearer's status page, two coordinators
 * deciding at once, duplicates linked and unlinked, forwarding and its follow-up list, the later
 * states, interest, regional sharing, publishing and the idea bank's build hook (a local recorder
 * stands in for Netlify's), and the overview. E-mails go through the outbox to the local mail
 * catcher in this process.
 */

const siteUrl = "https://innovationsslussen.example.se";
const accounts = {
  coordinator: "samordnare@example.se",
  second: "samordnare2@example.se",
  skovde: "granskare.skovde@example.se",
  lidkoping: "granskare.lidkoping@example.se",
  region: "granskare.region@example.se",
} as const;
type Account = keyof typeof accounts;
const reviewerIds = {
  skovde: "00000000-0000-4000-a000-000000000002",
  region: "00000000-0000-4000-a000-000000000004",
  second: "00000000-0000-4000-a000-000000000005",
} as const;

/** PGlite serves one connection at a time: requests "at once" would only take turns. */
const onPglite = !process.env.DATABASE_URL;

let stack: FunctionsStack;
const jars = {} as Record<Account, CookieJar>;
let coordinatorApi: ReturnType<typeof apiClient>;
const savedEnv = { ...process.env };

function apiClient() {
  return createClient<Database, "api">(stack.local.url, stack.local.publishableKey, {
    db: { schema: "api" },
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

/** A second coordinator, written like the seed's demo accounts: two people can decide at once. */
async function addSecondCoordinator(): Promise<void> {
  await stack.db.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token,
       email_change_token_new, email_change, email_change_token_current, phone_change, phone_change_token,
       reauthentication_token, is_sso_user, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
       extensions.crypt($3, extensions.gen_salt('bf')), now(), '{"provider": "email", "providers": ["email"]}',
       '{"name": "Siv Samordnare"}', now(), now(), '', '', '', '', '', '', '', '', false, false)`,
    [reviewerIds.second, accounts.second, demoPassword],
  );
  await stack.db.query(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     select u.id, u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
       'email', now(), now(), now()
     from auth.users u where u.id = $1::uuid`,
    [reviewerIds.second],
  );
  await stack.db.query(
    "insert into app.reviewers (user_id, display_name, role) values ($1, 'Siv Samordnare', 'coordinator')",
    [reviewerIds.second],
  );
}

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${stack.local.smtpPort}`,
    EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
    SITE_URL: siteUrl,
  });
  delete process.env.BUILD_HOOK_URL;
  await addSecondCoordinator();
  for (const [account, email] of Object.entries(accounts) as [Account, string][]) {
    jars[account] = new CookieJar();
    const signedIn = await signIn(stack.functions, jars[account], email);
    expect(signedIn.status, email).toBe(200);
  }
  coordinatorApi = apiClient();
  const { error } = await coordinatorApi.auth.signInWithPassword({
    email: accounts.coordinator,
    password: demoPassword,
  });
  expect(error).toBeNull();
});

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
});

/** Requests from the workspace's pages as the account. */
function as(account: Account) {
  const jar = jars[account];
  const withBody = (method: string) => (path: string, body: unknown) =>
    send(stack.functions, path, { ...postJson(body), method, jar });
  return {
    get: (path: string) => send(stack.functions, path, { jar }),
    post: withBody("POST"),
    put: withBody("PUT"),
    delete: (path: string, body?: unknown) =>
      body === undefined
        ? send(stack.functions, path, { method: "DELETE", headers: sameOriginHeaders, jar })
        : withBody("DELETE")(path, body),
  };
}

const ideaPath = (reference: string, action: string) => `/api/review/ideas/${reference}/${action}`;

const daysFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", {
    timeZone: "Europe/Stockholm",
  });

/** `api.get_review_idea` as the coordinator, straight from the API. */
async function reviewIdea(reference: string) {
  const { data, error } = await coordinatorApi.rpc("get_review_idea", { reference });
  expect(error).toBeNull();
  return data as Record<string, unknown> & {
    state: string;
    public_state: string;
    decision_templates: Record<string, string>;
    pending_decision: { state: string; message: string; decided_by: string } | null;
    links: unknown[];
    link_history: Record<string, unknown>[];
    interest: { municipality: { code: string }; kind: string; registered_by: string }[];
    can: Record<string, boolean>;
  };
}

/** The bearer's view of their idea, as the status page reads it. */
async function bearerSees(token: string) {
  const response = await send(stack.functions, "/api/status", postJson({ token }));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    state: string;
    timeline: { state: string; message: string | null }[];
  };
}

/** A new idea moved by the coordinator along the path (decisions with a message). */
async function ideaAt(
  path: string[],
  overrides: Record<string, unknown> = {},
): Promise<StoredIdea> {
  const idea = await storeIdea(stack.local, overrides);
  let current = "received";
  for (const to of path) {
    const response = await as("coordinator").post(ideaPath(idea.reference, "state"), {
      to,
      expected: current,
      reason: `Testet flyttar idén till ${to}.`,
      message: "Ett beslut i testet.",
    });
    expect(response.status, `${current} → ${to}`).toBe(200);
    current = to;
  }
  return idea;
}

async function sendAllEmails(): Promise<void> {
  for (;;) {
    const response = await outboxSender();
    expect(response.status).toBe(200);
    const report = (await response.json()) as DeliveryReport;
    expect(report.dead).toBe(0);
    if (report.claimed === 0) return;
  }
}

const assessment = (score: number) => ({
  scores: ["nytta", "effekter", "genomforbarhet"].map((criterion) => ({
    criterion,
    score,
    comment: `Bedömt till ${score}.`,
  })),
  recommendation: "vidare",
});

describe("the journey from the form to the bearer's decision", () => {
  test("submit → review → assign → assess → decide → release: the bearer sees the decision only when released", async () => {
    // An idea from the English form: the bearer's e-mails and status page are English.
    const submitted = await send(
      stack.functions,
      "/api/ideas",
      postJson(validIdea({ title: "Resan: bokningsbar lånecykel", locale: "en" }), {
        "Idempotency-Key": crypto.randomUUID(),
      }),
    );
    expect(submitted.status).toBe(201);
    const { reference, statusUrl } = (await submitted.json()) as {
      reference: string;
      statusUrl: string;
    };
    const token = statusUrl.split("#")[1]!;
    const coordinator = as("coordinator");

    expect(
      (
        await coordinator.post(ideaPath(reference, "state"), {
          to: "in_review",
          expected: "received",
        })
      ).status,
    ).toBe(200);
    for (const account of ["skovde", "region"] as const) {
      const assigned = await coordinator.post(ideaPath(reference, "assignments"), {
        reviewer_id: reviewerIds[account],
        due_on: daysFromToday(7),
      });
      expect(assigned.status).toBe(200);
      const answered = await as(account).post(ideaPath(reference, "conflict-of-interest"), {
        has_conflict: false,
      });
      expect(answered.status).toBe(200);
      const assessed = await as(account).put(ideaPath(reference, "assessment"), assessment(4));
      expect(assessed.status).toBe(200);
    }
    expect(
      (
        await coordinator.post(ideaPath(reference, "state"), {
          to: "assessed",
          expected: "in_review",
          reason: "Två bedömningar klara.",
        })
      ).status,
    ).toBe(200);

    // The coordinator starts from the template, with the idea's reference and title filled in.
    const { decision_templates: templates } = await reviewIdea(reference);
    expect(templates.accepted).toContain(`”Resan: bokningsbar lånecykel” (${reference})`);
    expect(Object.keys(templates).sort()).toEqual([
      "accepted",
      "declined",
      "duplicate",
      "duplicate_removed",
      "forwarded",
      "parked",
    ]);
    const message = `${templates.accepted}\n\nVi startar en pilot i Skövde i januari.`;
    const decided = await coordinator.post(ideaPath(reference, "state"), {
      to: "accepted",
      expected: "assessed",
      reason: "Hög nytta och genomförbar.",
      message,
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ state: "accepted", awaiting_release: true });

    // Not released: the bearer sees the assessment, no decision, no message, no e-mail.
    const before = await bearerSees(token);
    expect(before.state).toBe("assessed");
    expect(before.timeline.map((step) => step.state)).toEqual([
      "received",
      "in_review",
      "assessed",
    ]);
    expect(JSON.stringify(before)).not.toContain("pilot");
    const pending = await reviewIdea(reference);
    expect(pending.pending_decision).toMatchObject({
      state: "accepted",
      message,
      decided_by: "Sam Samordnare",
    });
    expect(pending.can).toMatchObject({ release: true });
    await sendAllEmails();
    const decisionMails = await stack.db.query(
      "select count(*)::int as n from app.email_outbox o join app.ideas i on i.id = o.idea_id where i.reference = $1 and o.template = 'decision_released'",
      [reference],
    );
    expect(decisionMails.rows[0]).toEqual({ n: 0 });

    const released = await coordinator.post(ideaPath(reference, "release"), {});
    expect(released.status).toBe(200);
    expect(await released.json()).toMatchObject({
      reference,
      public_state: "accepted",
      state_label: "vidare till utveckling",
      message,
      email_queued: true,
    });

    const after = await bearerSees(token);
    expect(after.state).toBe("accepted");
    expect(after.timeline.at(-1)).toEqual(expect.objectContaining({ state: "accepted", message }));
    // The English status page shows the coordinator's Swedish words marked as Swedish.
    const page = await send(stack.functions, "/api/status", {
      method: "POST",
      body: new URLSearchParams({ token, locale: "en" }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const html = (await page.text()).replace(/\s+/g, " ");
    expect(html).toContain("<h3>Decision and explanation</h3>");
    expect(html).toContain('<div lang="sv"><p>Hej!</p>');
    expect(html).toContain("<p>Vi startar en pilot i Skövde i januari.</p>");

    await sendAllEmails();
    const mail = await findMail(stack.local.mailUrl, validIdeaEmail(await reviewIdea(reference)));
    expect(mail.Subject).toBe(`Decision on your idea ${reference}`);
    expect(mail.Text).toContain("Vi startar en pilot i Skövde i januari.");
    // Released once: a second release has nothing to send.
    const again = await coordinator.post(ideaPath(reference, "release"), {});
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({
      rule: "no_pending_decision",
      message: "Det finns inget beslut som väntar på att skickas till idébäraren.",
    });
  });

  test("a reviewer may not release a decision; without a session nobody may", async () => {
    const idea = await ideaAt(["in_review", "assessed", "parked"]);
    const refused = await as("skovde").post(ideaPath(idea.reference, "release"), {});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      rule: "coordinator_only",
      message: "Bara en samordnare får skicka ett beslut till idébäraren.",
    });
    const anonymous = await send(
      stack.functions,
      ideaPath(idea.reference, "release"),
      postJson({}),
    );
    expect(anonymous.status).toBe(401);
    expect((await as("coordinator").post(ideaPath(idea.reference, "release"), {})).status).toBe(
      200,
    );
  });
});

/** The bearer's address, from what the coordinator sees. */
function validIdeaEmail(idea: Record<string, unknown>): string {
  return (idea.bearer as { email: string }).email;
}

describe("two coordinators deciding the same idea", () => {
  const decide = (account: Account, reference: string, to: "accepted" | "declined") =>
    as(account).post(ideaPath(reference, "state"), {
      to,
      expected: "assessed",
      reason: "Beslut i testet.",
      message: "Ett beslut.",
    });

  test("the one who comes second is told who decided first, and the decision stands", async () => {
    const idea = await ideaAt(["in_review", "assessed"]);
    expect((await decide("second", idea.reference, "declined")).status).toBe(200);
    const late = await decide("coordinator", idea.reference, "accepted");
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({
      error: "conflict",
      rule: "stale_state",
      current: "declined",
      changed_by: "Siv Samordnare",
      message:
        "Siv Samordnare har redan ändrat idén, och den är nu ”avslagen”. Ladda om sidan och försök igen.",
    });
    expect((await reviewIdea(idea.reference)).state).toBe("declined");
  });

  test.skipIf(onPglite)(
    "at once: one wins, the other gets 409 naming the winner (PostgreSQL; PGlite has one connection)",
    async () => {
      const idea = await ideaAt(["in_review", "assessed"]);
      const [first, second] = await Promise.all([
        decide("coordinator", idea.reference, "accepted"),
        decide("second", idea.reference, "declined"),
      ]);
      const statuses = [first.status, second.status].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = first.status === 200 ? "Sam Samordnare" : "Siv Samordnare";
      const state = first.status === 200 ? "accepted" : "declined";
      const label = state === "accepted" ? "vidare till utveckling" : "avslagen";
      const loser = first.status === 409 ? first : second;
      expect(await loser.json()).toMatchObject({
        rule: "stale_state",
        current: state,
        changed_by: winner,
        message: `${winner} har redan ändrat idén, och den är nu ”${label}”. Ladda om sidan och försök igen.`,
      });
      const seen = await reviewIdea(idea.reference);
      expect(seen.state).toBe(state);
      const decisions = await stack.db.query(
        "select count(*)::int as n from app.decision_messages dm join app.ideas i on i.id = dm.idea_id where i.reference = $1",
        [idea.reference],
      );
      expect(decisions.rows[0]).toEqual({ n: 1 });
    },
  );
});

describe("duplicates", () => {
  test("linking tells the bearer on release; unlinking returns the idea to review and keeps the link's history", async () => {
    const original = await ideaAt(["in_review"]);
    const idea = await storeIdea(stack.local);
    const coordinator = as("coordinator");
    await coordinator.post(ideaPath(idea.reference, "state"), {
      to: "in_review",
      expected: "received",
    });
    const linked = await coordinator.post(ideaPath(idea.reference, "state"), {
      to: "duplicate",
      expected: "in_review",
      reason: "Samma förslag.",
      message: "Din idé är en dubblett.",
      duplicate_of: original.reference.toLowerCase(),
    });
    expect(linked.status).toBe(200);
    expect((await coordinator.post(ideaPath(idea.reference, "release"), {})).status).toBe(200);
    expect((await bearerSees(idea.status_token)).state).toBe("duplicate");

    // Back to review through the state change: refused, the link would be left behind.
    const moved = await coordinator.post(ideaPath(idea.reference, "state"), {
      to: "in_review",
      expected: "duplicate",
      reason: "Fel.",
    });
    expect(moved.status).toBe(422);
    expect(await moved.json()).toMatchObject({ rule: "unlink_required" });

    // The bearer was told: the message is needed, and named.
    const silent = await coordinator.post(ideaPath(idea.reference, "unlink"), {
      expected: "duplicate",
      reason: "Olika idéer.",
    });
    expect(silent.status).toBe(422);
    expect(await silent.json()).toEqual({
      error: "invalid",
      rule: "missing",
      field: "message",
      fields: {
        message:
          "Idébäraren har fått veta att idén är en dubblett. Skriv ett meddelande om att den inte längre är det.",
      },
      message:
        "Idébäraren har fått veta att idén är en dubblett. Skriv ett meddelande om att den inte längre är det.",
    });
    const { decision_templates: templates } = await reviewIdea(idea.reference);
    const unlinked = await coordinator.post(ideaPath(idea.reference, "unlink"), {
      expected: "duplicate",
      reason: "Olika idéer.",
      message: templates.duplicate_removed,
    });
    expect(unlinked.status).toBe(200);
    expect(await unlinked.json()).toMatchObject({
      state: "in_review",
      bearer_told: true,
      decision_withdrawn: false,
      link: { idea: { reference: original.reference }, removed_by: "Sam Samordnare" },
    });

    const seen = await reviewIdea(idea.reference);
    expect(seen.state).toBe("in_review");
    expect(seen.links).toEqual([]);
    expect(seen.link_history).toMatchObject([
      {
        kind: "duplicate_of",
        idea: { reference: original.reference },
        created_by: "Sam Samordnare",
        removed_by: "Sam Samordnare",
      },
    ]);
    const status = await bearerSees(idea.status_token);
    expect(status.state).toBe("in_review");
    expect(status.timeline.at(-1)).toMatchObject({ state: "in_review" });
    expect(status.timeline.at(-1)?.message).toContain(
      "Den är inte längre markerad som en dubblett",
    );
    await sendAllEmails();
    const mail = await findMail(stack.local.mailUrl, idea.email);
    expect(mail.Subject).toBe(`Din idé ${idea.reference} bedöms igen`);

    // A second unlink: the idea is no longer a duplicate.
    const stale = await coordinator.post(ideaPath(idea.reference, "unlink"), {
      expected: "duplicate",
      reason: "Igen.",
      message: "Igen.",
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      current: "in_review",
      changed_by: "Sam Samordnare",
    });
  });
});

describe("forwarding and the follow-up list", () => {
  test("a forwarded idea has an actor and a follow-up date, and is listed when due", async () => {
    const idea = await ideaAt(["in_review", "assessed"]);
    const forward = (body: Record<string, unknown>) =>
      as("coordinator").post(ideaPath(idea.reference, "state"), {
        to: "forwarded",
        expected: "assessed",
        reason: "Regionens innovationsstöd kan ta den vidare.",
        message: "Vi har skickat din idé vidare.",
        forwarded_to: "Västra Götalandsregionens innovationsstöd",
        ...body,
      });
    const undated = await forward({});
    expect(undated.status).toBe(422);
    expect(await undated.json()).toMatchObject({
      field: "follow_up_on",
      message: "Välj ett datum då idén ska följas upp.",
    });
    expect((await forward({ follow_up_on: daysFromToday(3) })).status).toBe(200);

    const list = await as("coordinator").get("/api/review/follow-ups");
    expect(list.status).toBe(200);
    const { items, within_days: withinDays } = (await list.json()) as {
      items: Record<string, unknown>[];
      within_days: number;
    };
    expect(withinDays).toBe(7);
    expect(items).toContainEqual(
      expect.objectContaining({
        reference: idea.reference,
        forwarded_to: "Västra Götalandsregionens innovationsstöd",
        follow_up_on: daysFromToday(3),
        overdue: false,
        forwarded_by: "Sam Samordnare",
      }),
    );
    const tomorrow = await as("coordinator").get("/api/review/follow-ups?within_days=1");
    expect(
      ((await tomorrow.json()) as { items: { reference: string }[] }).items.map((i) => i.reference),
    ).not.toContain(idea.reference);
    const wrong = await as("coordinator").get("/api/review/follow-ups?within_days=500");
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({
      field: "within_days",
      message: "Välj mellan 0 och 365 dagar framåt.",
    });
    const reviewer = await as("skovde").get("/api/review/follow-ups");
    expect(reviewer.status).toBe(403);
    expect(await reviewer.json()).toMatchObject({
      message: "Bara en samordnare ser listan över vidareförmedlade idéer att följa upp.",
    });
  });
});

describe("into development and across the region", () => {
  test("implemented and spread record the municipalities, which the idea bank shows", async () => {
    const idea = await ideaAt(["in_review", "assessed", "accepted"], { publish_consent: true });
    const coordinator = as("coordinator");
    await coordinator.post(ideaPath(idea.reference, "release"), {});
    const move = (to: string, expected: string, municipalities?: string[]) =>
      coordinator.post(ideaPath(idea.reference, "state"), {
        to,
        expected,
        reason: `Idén är nu ${to}.`,
        ...(municipalities ? { municipalities } : {}),
      });
    expect((await move("in_development", "accepted")).status).toBe(200);
    const without = await move("implemented", "in_development");
    expect(without.status).toBe(422);
    expect(await without.json()).toMatchObject({
      field: "municipalities",
      message: "Välj minst en kommun som har infört idén.",
    });
    expect((await move("implemented", "in_development", ["1496"])).status).toBe(200);
    expect((await move("spread", "implemented", ["1494"])).status).toBe(200);
    const published = await coordinator.put(ideaPath(idea.reference, "publication"), {
      public_summary: "Lånecyklar som bokas i appen, nu i två kommuner.",
    });
    expect(published.status).toBe(200);

    const { data } = await apiClient().rpc("list_published_ideas");
    expect((data ?? []).find((row) => row.reference === idea.reference)).toMatchObject({
      state: "spread",
      implemented_in: [
        { code: "1494", name: "Lidköping" },
        { code: "1496", name: "Skövde" },
      ],
    });
  });
});

describe("interest and regional sharing", () => {
  test("a coach registers and withdraws their municipality's interest; regional staff name the municipality", async () => {
    const idea = await storeIdea(stack.local);
    const path = ideaPath(idea.reference, "interest");
    const registered = await as("skovde").post(path, { kind: "join" });
    expect(registered.status).toBe(200);
    expect(await registered.json()).toMatchObject({
      municipality: { code: "1496", name: "Skövde" },
      kind: "join",
      added: true,
    });
    const foreign = await as("skovde").post(path, { kind: "co_fund", municipality: "1494" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({
      rule: "not_own_municipality",
      message: "Du kan bara anmäla eller ta tillbaka intresse för din egen kommun.",
    });
    const unnamed = await as("region").post(path, { kind: "co_fund" });
    expect(unnamed.status).toBe(422);
    expect(await unnamed.json()).toMatchObject({
      field: "municipality",
      message: "Välj vilken kommun intresset gäller.",
    });
    const named = await as("region").post(path, { kind: "co_fund", municipality: "1499" });
    expect(named.status).toBe(200);
    expect((await reviewIdea(idea.reference)).interest).toMatchObject([
      { municipality: { code: "1499" }, kind: "co_fund", registered_by: "Rut Regiongranskare" },
      { municipality: { code: "1496" }, kind: "join", registered_by: "Greta Granskare" },
    ]);
    const withdrawn = await as("skovde").delete(path, { kind: "join" });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({
      removed: true,
      interest: [{ kind: "co_fund" }],
    });
    const badKind = await as("skovde").post(path, { kind: "maybe" });
    expect(badKind.status).toBe(422);
    expect(await badKind.json()).toMatchObject({
      field: "kind",
      message: "Välj vara med, medfinansiera eller har infört idén.",
    });
  });

  test("the idea's own coach shares it so every coach sees it; another coach cannot", async () => {
    const idea = await storeIdea(stack.local);
    const sharing = ideaPath(idea.reference, "sharing");
    const lidkoping = await as("lidkoping").post(sharing, { shared: true });
    expect(lidkoping.status).toBe(404);
    const region = await as("region").post(sharing, { shared: true });
    expect(region.status).toBe(403);
    const shared = await as("skovde").post(sharing, { shared: true });
    expect(shared.status).toBe(200);
    expect(await shared.json()).toMatchObject({ shared_regionally: true, changed: true });
    // Now the Lidköping coach may act on it: register Lidköping's interest.
    const interest = await as("lidkoping").post(ideaPath(idea.reference, "interest"), {
      kind: "join",
    });
    expect(interest.status).toBe(200);
  });
});

describe("publishing and the idea bank's build hook", () => {
  let recorder: Server;
  const calls: { method: string; url: string }[] = [];

  beforeAll(async () => {
    recorder = createServer((request, response) => {
      calls.push({ method: request.method ?? "", url: request.url ?? "" });
      request.resume();
      response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    delete process.env.BUILD_HOOK_URL;
    await new Promise((resolve) => recorder.close(resolve));
  });

  const hookUrl = () => {
    const address = recorder.address();
    if (!address || typeof address === "string") throw new Error("no recorder");
    return `http://127.0.0.1:${address.port}/build_hooks/testkrok`;
  };

  const runSchedule = async () => (await (await ideaBankBuild()).json()) as BuildRunReport;

  test("publishing needs the bearer's consent", async () => {
    const idea = await storeIdea(stack.local, { publish_consent: false });
    const refused = await as("coordinator").put(ideaPath(idea.reference, "publication"), {
      public_summary: "En sammanfattning.",
    });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: "invalid",
      rule: "not_given",
      field: "publish_consent",
      fields: {
        publish_consent:
          "Idébäraren har inte gett sitt samtycke till publicering, så idén kan inte publiceras.",
      },
      message:
        "Idébäraren har inte gett sitt samtycke till publicering, så idén kan inte publiceras.",
    });
    const consenting = await storeIdea(stack.local, { publish_consent: true });
    const allowed = await as("coordinator").put(ideaPath(consenting.reference, "publication"), {
      public_summary: "En sammanfattning.",
    });
    expect(allowed.status).toBe(200);
    // A reviewer may not, and a summary that looks like it holds a personnummer is refused.
    expect(
      (
        await as("skovde").put(ideaPath(consenting.reference, "publication"), {
          public_summary: "En annan.",
        })
      ).status,
    ).toBe(403);
    const personal = await as("coordinator").put(ideaPath(consenting.reference, "publication"), {
      public_summary: "Kontakta Tolvan på 19121212-1212 för mer.",
    });
    expect(personal.status).toBe(422);
    expect(await personal.json()).toMatchObject({ field: "public_summary" });
    const unpublished = await as("coordinator").delete(
      ideaPath(consenting.reference, "publication"),
    );
    expect(unpublished.status).toBe(200);
    expect(await unpublished.json()).toMatchObject({ published_at: null, was_published: true });
  });

  test("ten publications within the window call the build hook once", async () => {
    process.env.BUILD_HOOK_URL = hookUrl();
    await stack.functions.settle();
    await stack.db.query("update app.build_requests set built_at = now() where built_at is null");
    calls.length = 0;
    const ideas = await Promise.all(
      Array.from({ length: 10 }, () => storeIdea(stack.local, { publish_consent: true })),
    );
    for (const [index, idea] of ideas.entries()) {
      const published = await as("coordinator").put(ideaPath(idea.reference, "publication"), {
        public_summary: `Publicering nummer ${index + 1} i testet.`,
      });
      expect(published.status).toBe(200);
    }
    // Each publication tried at once, after its answer: the window is still open.
    await stack.functions.settle();
    expect(calls).toEqual([]);
    expect(await runSchedule()).toMatchObject({ outcome: "nothing_due", pending: 10 });

    // A minute later (moved back in time rather than waited for): one build for all ten.
    await stack.db.query(
      "update app.build_requests set requested_at = requested_at - interval '61 seconds' where built_at is null",
    );
    expect(await runSchedule()).toEqual({
      outcome: "built",
      requests: 10,
      pending: 0,
      status: 200,
    });
    expect(await runSchedule()).toMatchObject({ outcome: "nothing_due", pending: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe("POST");
    const called = new URL(calls[0]!.url, "http://recorder");
    expect(called.pathname).toBe("/build_hooks/testkrok");
    expect(called.searchParams.get("trigger_title")).toBe("Idébanken: 10 ändringar");
  });

  test("a hook that fails leaves the requests for the next run; a missing hook is logged, never an error", async () => {
    process.env.BUILD_HOOK_URL = "http://127.0.0.1:9/build_hooks/ingen-lyssnar";
    await stack.db.query("update app.build_requests set built_at = now() where built_at is null");
    const idea = await storeIdea(stack.local, { publish_consent: true });
    await as("coordinator").put(ideaPath(idea.reference, "publication"), {
      public_summary: "En publicering när kroken inte svarar.",
    });
    await stack.functions.settle();
    await stack.db.query(
      "update app.build_requests set requested_at = requested_at - interval '61 seconds' where built_at is null",
    );
    expect(await runSchedule()).toMatchObject({ outcome: "hook_failed", requests: 1 });
    process.env.BUILD_HOOK_URL = hookUrl();
    calls.length = 0;
    expect(await runSchedule()).toMatchObject({ outcome: "built", requests: 1 });
    expect(calls).toHaveLength(1);

    delete process.env.BUILD_HOOK_URL;
    const logged = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const unpublished = await as("coordinator").delete(ideaPath(idea.reference, "publication"));
      expect(unpublished.status).toBe(200);
      await stack.functions.settle();
      const response = await ideaBankBuild();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ outcome: "not_configured", requests: 0, pending: 0 });
      const lines = logged.mock.calls.map(
        ([line]) => JSON.parse(String(line)) as Record<string, unknown>,
      );
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: "info",
          event: "idea_bank_build_skipped",
          trigger: "schedule",
          reason: "not_configured",
        }),
      );
    } finally {
      logged.mockRestore();
    }
    expect(calls).toHaveLength(1);
  });
});

describe("the overview", () => {
  test("gives a coordinator the sluice at a glance, and nobody else", async () => {
    const waiting = await ideaAt(["in_review", "assessed", "parked"]);
    const forwarded = await ideaAt(["in_review", "assessed"]);
    await as("coordinator").post(ideaPath(forwarded.reference, "state"), {
      to: "forwarded",
      expected: "assessed",
      reason: "Vidare.",
      message: "Vidare.",
      forwarded_to: "RISE",
      follow_up_on: daysFromToday(1),
    });
    const response = await as("coordinator").get("/api/review/overview");
    expect(response.status).toBe(200);
    const overview = (await response.json()) as {
      ideas_total: number;
      funnel: { state: string; count: number }[];
      per_municipality: { code: string; count: number }[];
      per_area: { id: string; count: number }[];
      median_days: { to_first_assessment: number | null; to_decision: number | null };
      overdue_assessments: { reviewer: { name: string }; count: number }[];
      follow_ups: { items: { reference: string }[] };
      unreleased_decisions: { count: number; items: { reference: string; decided_by: string }[] };
    };
    const { rows } = await stack.db.query<{ n: number }>(
      "select count(*)::int as n from app.ideas",
    );
    expect(overview.ideas_total).toBe(rows[0]!.n);
    expect(overview.funnel.map((row) => row.state)).toHaveLength(12);
    expect(overview.funnel.reduce((sum, row) => sum + row.count, 0)).toBe(rows[0]!.n);
    expect(overview.per_municipality.reduce((sum, row) => sum + row.count, 0)).toBe(rows[0]!.n);
    expect(overview.per_area.reduce((sum, row) => sum + row.count, 0)).toBe(rows[0]!.n);
    expect(overview.median_days.to_first_assessment).toEqual(expect.any(Number));
    expect(overview.median_days.to_decision).toEqual(expect.any(Number));
    expect(overview.overdue_assessments.length).toBeGreaterThan(0);
    expect(overview.follow_ups.items.map((item) => item.reference)).toContain(forwarded.reference);
    expect(overview.unreleased_decisions.items).toContainEqual(
      expect.objectContaining({ reference: waiting.reference, decided_by: "Sam Samordnare" }),
    );
    const reviewer = await as("region").get("/api/review/overview");
    expect(reviewer.status).toBe(403);
    expect(await reviewer.json()).toMatchObject({ message: "Bara en samordnare ser översikten." });
  });
});

describe("the summary columns the export reads", () => {
  test("after every decision, release, withdrawal and assessment above, each idea's summary is as computed afresh", async () => {
    const summaries = await ideaSummariesOutOfStep(stack.db);
    expect(summaries.kept).toEqual([]);
    expect(summaries.recounted).toEqual([]);
    expect(summaries.decided).toBeGreaterThan(0);
    expect(summaries.scored).toBeGreaterThan(0);
  });
});
