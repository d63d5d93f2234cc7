import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../src/server/database.types.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { storeIdea } from "../support/ideas.ts";
import { findMail } from "../support/local-supabase.ts";
import { CookieJar, demoPassword, postJson, send, signIn } from "../support/session.ts";

/*
 * The administration through the functions (issue 15), in-process: a coordinator invites a
 * reviewer (Auth's generate_link, the invitation through the outbox to the mail catcher, the welcome
 * page's password), changes and deactivates them, revises a criterion as a new version, and adds a
 * municipality and an area that the idea form offers at once. A reviewer is refused every admin
 * function, each with the coordinator as its allow twin.
 */

const siteUrl = "https://innovationsslussen.example.se";
const accounts = {
  skovde: "granskare.skovde@example.se",
  region: "granskare.region@example.se",
  coordinator: "samordnare@example.se",
} as const;
type Account = keyof typeof accounts;
const ids = {
  coordinator: "00000000-0000-4000-a000-000000000001",
  skovde: "00000000-0000-4000-a000-000000000002",
} as const;

let stack: FunctionsStack;
const jars = {} as Record<Account, CookieJar>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${stack.local.smtpPort}`,
    EMAIL_FROM: "Innovationsslussen <no-reply@example.se>",
    SITE_URL: siteUrl,
  });
  for (const [account, email] of Object.entries(accounts) as [Account, string][]) {
    jars[account] = new CookieJar();
    expect((await signIn(stack.functions, jars[account], email)).status, email).toBe(200);
  }
});

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
});

function as(jar: CookieJar) {
  return {
    get: (path: string) => send(stack.functions, path, { jar }),
    post: (path: string, body: unknown) => send(stack.functions, path, { ...postJson(body), jar }),
    put: (path: string, body: unknown) =>
      send(stack.functions, path, { ...postJson(body), method: "PUT", jar }),
  };
}

const auditActions = async () =>
  (
    await stack.db.query<{ action: string }>("select action from app.audit_events order by id")
  ).rows.map((row) => row.action);

describe("a reviewer is refused every admin function; the coordinator is not", () => {
  const calls: [string, "GET" | "POST", unknown, number][] = [
    ["/api/admin/reviewers", "GET", undefined, 200],
    [
      "/api/admin/invitations",
      "POST",
      {
        email: "tva.granskare@skovde.se",
        name: "Tova Två",
        role: "reviewer",
        municipalityCode: "1496",
      },
      201,
    ],
    [
      `/api/admin/reviewers/${ids.skovde}`,
      "POST",
      { role: "reviewer", municipalityCode: "1496", active: true },
      200,
    ],
    ["/api/admin/criteria", "GET", undefined, 200],
    [
      "/api/admin/criteria/effekter/versions",
      "POST",
      {
        name: "Effekter",
        description: "Vilka effekter idén kan ge, och hur säkra de är.",
        levels: ["Inga", "Små", "Märkbara", "Stora", "Mycket stora"],
        weight: 1,
      },
      201,
    ],
    ["/api/admin/places", "GET", undefined, 200],
    [
      "/api/admin/municipalities",
      "POST",
      { code: "1496", name: "Skövde", emailDomains: ["skovde.se"], active: true },
      200,
    ],
    ["/api/admin/areas", "POST", { name: "Arbetsmarknad", sortOrder: 70, active: true }, 201],
  ];

  for (const [path, method, body, allowed] of calls) {
    test(`${method} ${path}`, async () => {
      const call = (jar: CookieJar) =>
        method === "GET" ? as(jar).get(path) : as(jar).post(path, body);
      const before = await auditActions();
      const refused = await call(jars.skovde);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({
        error: "forbidden",
        message: "Det här är bara för samordnare.",
      });
      expect(await auditActions()).toEqual(before);
      const allowedResponse = await call(jars.coordinator);
      expect(allowedResponse.status, await allowedResponse.clone().text()).toBe(allowed);
    });
  }

  test("the SQL functions refuse a reviewer too, called straight with their own token", async () => {
    const client = createClient<Database, "api">(stack.local.url, stack.local.publishableKey, {
      db: { schema: "api" },
      auth: { persistSession: false, autoRefreshToken: false },
    });
    await client.auth.signInWithPassword({ email: accounts.skovde, password: demoPassword });
    const results = [
      await client.rpc("list_reviewers"),
      await client.rpc("update_reviewer", {
        user_id: ids.skovde,
        role: "coordinator",
        municipality_code: null as unknown as string,
        active: true,
      }),
      await client.rpc("list_criteria_versions"),
      await client.rpc("list_places"),
      await client.rpc("save_area", {
        id: null as unknown as string,
        name: "Smygområde",
        sort_order: 1,
        active: true,
      }),
    ];
    for (const result of results) {
      expect(result.error).toMatchObject({ code: "42501", message: "coordinator_only" });
    }
    const { rows } = await stack.db.query("select role from app.reviewers where user_id = $1", [
      ids.skovde,
    ]);
    expect(rows).toEqual([{ role: "reviewer" }]);
  });
});

describe("inviting a reviewer", () => {
  const email = "nils.nystrom@lidkoping.se";
  const password = "Ett-långt-lösenord-2026";
  const invited = new CookieJar();
  let token = "";
  let userId = "";

  test("the invitation arrives in Swedish with a link to the welcome page", async () => {
    const response = await as(jars.coordinator).post("/api/admin/invitations", {
      email: " Nils.Nystrom@Lidkoping.se ",
      name: "Nils Nyström",
      role: "reviewer",
      municipalityCode: "1494",
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      reviewer: {
        userId: string;
        email: string;
        municipality: unknown;
        active: boolean;
        signedIn: boolean;
      };
      message: string;
    };
    expect(body.reviewer).toMatchObject({
      email,
      name: "Nils Nyström",
      role: "reviewer",
      municipality: { code: "1494", name: "Lidköping" },
      active: true,
      signedIn: false,
    });
    expect(body.message).toBe(
      `Nils Nyström är inbjuden. En inbjudan har skickats till ${email}. Länken i den gäller i en timme.`,
    );
    userId = body.reviewer.userId;
    await stack.functions.settle();
    const mail = await findMail(stack.local.mailUrl, email);
    expect(mail.Subject).toBe("Du är inbjuden att granska idéer i Innovationsslussen");
    expect(mail.Text).toContain("Hej Nils Nyström!");
    expect(mail.Text).toContain(
      "Sam Samordnare har bjudit in dig till Innovationsslussen som granskare. Du kommer att se idéer från Lidköping.",
    );
    const link = /https:\/\/\S+\/granska\/valkommen\/\?token=([A-Za-z0-9_-]+)/.exec(mail.Text);
    expect(link?.[0].startsWith(`${siteUrl}/granska/valkommen/?token=`)).toBe(true);
    token = link![1]!;
    // The token left the outbox once sent; the audit trail names no address.
    const outbox = await stack.db.query(
      "select status, payload from app.email_outbox where template = 'reviewer_invitation' and recipient = $1",
      [email],
    );
    expect(outbox.rows).toMatchObject([{ status: "sent" }]);
    expect(outbox.rows[0].payload).not.toHaveProperty("invitation_token");
    const audit = await stack.db.query(
      "select actor_user_id, details from app.audit_events where action = 'reviewer_invited' order by id desc limit 1",
    );
    expect(audit.rows[0]).toMatchObject({
      actor_user_id: ids.coordinator,
      details: { user_id: userId, role: "reviewer", municipality_code: "1494" },
    });
    expect(JSON.stringify(audit.rows)).not.toContain("nystrom");
  });

  test("inviting again before the first sign-in sends a new link; the old one stops working", async () => {
    const again = await as(jars.coordinator).post("/api/admin/invitations", {
      email,
      name: "Nils Nyström",
      role: "reviewer",
      municipalityCode: "1494",
    });
    expect(again.status).toBe(201);
    await stack.functions.settle();
    const mail = await findMail(stack.local.mailUrl, email);
    const fresh = /\/granska\/valkommen\/\?token=([A-Za-z0-9_-]+)/.exec(mail.Text)![1]!;
    expect(fresh).not.toBe(token);
    const old = await send(stack.functions, "/api/auth/welcome", {
      ...postJson({ token, password, repeatPassword: password }),
    });
    expect(old.status).toBe(410);
    expect(await old.json()).toMatchObject({ error: "link_expired" });
    token = fresh;
    expect(await auditActions()).toContain("reviewer_invited_again");
  });

  test("the welcome page's password: too short is refused, then set, and the person is signed in", async () => {
    const short = await send(stack.functions, "/api/auth/welcome", {
      ...postJson({ token, password: "kort", repeatPassword: "kort" }),
      jar: invited,
    });
    expect(short.status).toBe(422);
    expect(await short.json()).toMatchObject({
      fields: { password: "Lösenordet måste ha minst 12 tecken." },
    });
    const welcomed = await send(stack.functions, "/api/auth/welcome", {
      ...postJson({ token, password, repeatPassword: password }),
      jar: invited,
    });
    expect(welcomed.status, await welcomed.clone().text()).toBe(200);
    expect(await welcomed.json()).toMatchObject({
      redirectTo: "/granska/",
      user: { name: "Nils Nyström", role: "reviewer", municipality: { code: "1494" } },
    });
    expect((await as(invited).get("/api/auth/session")).status).toBe(200);
    // The link works once.
    const reused = await send(stack.functions, "/api/auth/welcome", {
      ...postJson({ token, password, repeatPassword: password }),
    });
    expect(reused.status).toBe(410);
    // The password works for the next sign-in.
    expect((await signIn(stack.functions, new CookieJar(), email, password)).status).toBe(200);
    // Once they have signed in, the address cannot be invited again.
    const again = await as(jars.coordinator).post("/api/admin/invitations", {
      email,
      name: "Nils Nyström",
      role: "reviewer",
      municipalityCode: "1494",
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ rule: "account_exists" });
  });

  test("the reviewer sees only Lidköping's ideas", async () => {
    await storeIdea(stack.local, { municipality_code: "1494", bearer_email: "a.b@lidkoping.se" });
    const response = await as(invited).get("/api/review/ideas");
    expect(response.status).toBe(200);
    const { ideas } = (await response.json()) as {
      ideas: { municipality: { code: string }; sharedRegionally: boolean }[];
    };
    expect(ideas.length).toBeGreaterThan(0);
    // Lidköping's own, and ideas another municipality shared with the whole region (SPEC).
    const own = ideas.filter((idea) => !idea.sharedRegionally);
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((idea) => idea.municipality.code))).toEqual(new Set(["1494"]));
  });

  test("deactivated, their next request is refused and every session has ended; reactivated, they sign in again", async () => {
    const kept = invited.copy();
    const deactivated = await as(jars.coordinator).post(`/api/admin/reviewers/${userId}`, {
      role: "reviewer",
      municipalityCode: "1494",
      active: false,
    });
    expect(deactivated.status).toBe(200);
    expect(await deactivated.json()).toMatchObject({
      reviewer: { active: false },
      message: "Nils Nyström är inaktiverad. Personen loggas ut direkt och kan inte logga in igen.",
    });
    expect((await as(invited).get("/api/review/ideas")).status).toBe(401);
    expect((await as(kept).get("/api/auth/session")).status).toBe(401);
    const { rows } = await stack.db.query(
      "select count(*)::int as n from auth.sessions where user_id = $1",
      [userId],
    );
    expect(rows).toEqual([{ n: 0 }]);
    expect((await signIn(stack.functions, new CookieJar(), email, password)).status).toBe(403);

    const reactivated = await as(jars.coordinator).post(`/api/admin/reviewers/${userId}`, {
      role: "reviewer",
      municipalityCode: "1494",
      active: true,
    });
    expect(reactivated.status).toBe(200);
    expect((await signIn(stack.functions, new CookieJar(), email, password)).status).toBe(200);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["reviewer_invited", "reviewer_deactivated", "reviewer_reactivated"]),
    );
  });

  test("the list shows the reviewer with role, scope and whether active", async () => {
    const response = await as(jars.coordinator).get("/api/admin/reviewers");
    const { reviewers } = (await response.json()) as { reviewers: Record<string, unknown>[] };
    expect(reviewers).toContainEqual(
      expect.objectContaining({
        userId,
        email,
        role: "reviewer",
        municipality: { code: "1494", name: "Lidköping" },
        active: true,
        signedIn: true,
      }),
    );
  });
});

describe("the coordinators stay", () => {
  test("a coordinator cannot deactivate themselves", async () => {
    const response = await as(jars.coordinator).post(`/api/admin/reviewers/${ids.coordinator}`, {
      role: "coordinator",
      municipalityCode: null,
      active: false,
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      rule: "cannot_deactivate_self",
      message: "Du kan inte inaktivera ditt eget konto. Be en annan samordnare.",
    });
  });

  test("the last active coordinator cannot be made a reviewer; with a second coordinator they can", async () => {
    const demote = () =>
      as(jars.coordinator).post(`/api/admin/reviewers/${ids.coordinator}`, {
        role: "reviewer",
        municipalityCode: null,
        active: true,
      });
    const refused = await demote();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ rule: "last_coordinator" });
    const regionId = (
      await stack.db.query<{ id: string }>("select id from auth.users where email = $1", [
        accounts.region,
      ])
    ).rows[0]!.id;
    const promoted = await as(jars.coordinator).post(`/api/admin/reviewers/${regionId}`, {
      role: "coordinator",
      municipalityCode: null,
      active: true,
    });
    expect(promoted.status).toBe(200);
    // Allow twin, then back as it was.
    const demoted = await demote();
    expect(demoted.status).toBe(200);
    await stack.db.query("update app.reviewers set role = 'coordinator' where user_id = $1", [
      ids.coordinator,
    ]);
    await stack.db.query("update app.reviewers set role = 'reviewer' where user_id = $1", [
      regionId,
    ]);
  });
});

describe("criteria versions", () => {
  const ideaPath = (reference: string, action: string) =>
    `/api/review/ideas/${reference}/${action}`;
  const assessment = (scores: number[]) => ({
    scores: ["nytta", "effekter", "genomforbarhet"].map((criterion, index) => ({
      criterion,
      score: scores[index],
      comment: "Motivering.",
    })),
    recommendation: "vidare",
    comment: "Bra idé.",
  });
  const overall = async (reference: string) => {
    const client = createClient<Database, "api">(stack.local.url, stack.local.publishableKey, {
      db: { schema: "api" },
      auth: { persistSession: false, autoRefreshToken: false },
    });
    await client.auth.signInWithPassword({ email: accounts.coordinator, password: demoPassword });
    const { data, error } = await client.rpc("get_review_idea", { reference });
    expect(error).toBeNull();
    return (data as { aggregates: { overall: number | null } }).aggregates.overall;
  };

  test("a new version leaves existing scores and their means unchanged and applies to new scores", async () => {
    const idea = await storeIdea(stack.local);
    const started = await as(jars.coordinator).post(ideaPath(idea.reference, "state"), {
      to: "in_review",
      expected: "received",
    });
    expect(started.status).toBe(200);
    for (const jar of [jars.skovde]) {
      expect(
        (
          await as(jar).post(ideaPath(idea.reference, "conflict-of-interest"), {
            has_conflict: false,
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (await as(jars.skovde).put(ideaPath(idea.reference, "assessment"), assessment([5, 1, 3])))
        .status,
    ).toBe(200);
    expect(await overall(idea.reference)).toBe(3);

    const revised = await as(jars.coordinator).post("/api/admin/criteria/nytta/versions", {
      name: "Nytta",
      description: "Vilken nytta idén ger invånare eller medarbetare.",
      levels: ["Ingen", "Liten", "Viss", "Stor", "Mycket stor"],
      weight: 3,
    });
    expect(revised.status).toBe(201);
    const { criterion, message } = (await revised.json()) as {
      criterion: { version: number; weight: number };
      message: string;
    };
    expect(criterion).toMatchObject({ version: 2, weight: 3 });
    expect(message).toBe(
      "Version 2 av Nytta är sparad. Nya bedömningar görs mot den. Bedömningar som redan är gjorda behåller sin version.",
    );
    // The existing score keeps version 1 and its weight: the mean does not move.
    expect(await overall(idea.reference)).toBe(3);
    const kept = await stack.db.query(
      `select cv.version from app.scores s join app.criteria_versions cv on cv.id = s.criteria_version_id
       join app.ideas i on i.id = s.idea_id where i.reference = $1 and s.criterion_id = 'nytta'`,
      [idea.reference],
    );
    expect(kept.rows).toEqual([{ version: 1 }]);

    // A new score is given against version 2, weight 3: (5·3 + 1 + 1) / 5 = 3.4 for it; overall
    // (9 + 17) / (3 + 5) = 3.25. With the old weights it would be (9 + 7) / 6 = 2.67.
    const regionJar = new CookieJar();
    expect((await signIn(stack.functions, regionJar, accounts.region)).status).toBe(200);
    expect(
      (
        await as(regionJar).post(ideaPath(idea.reference, "conflict-of-interest"), {
          has_conflict: false,
        })
      ).status,
    ).toBe(200);
    expect(
      (await as(regionJar).put(ideaPath(idea.reference, "assessment"), assessment([5, 1, 1])))
        .status,
    ).toBe(200);
    expect(await overall(idea.reference)).toBe(3.25);
    const versions = await stack.db.query(
      `select r.display_name, cv.version from app.scores s
       join app.criteria_versions cv on cv.id = s.criteria_version_id
       join app.reviewers r on r.user_id = s.reviewer_id
       join app.ideas i on i.id = s.idea_id where i.reference = $1 and s.criterion_id = 'nytta'
       order by cv.version`,
      [idea.reference],
    );
    expect(versions.rows.map((row) => row.version)).toEqual([1, 2]);

    // The same text again is no new version.
    const unchanged = await as(jars.coordinator).post("/api/admin/criteria/nytta/versions", {
      name: "Nytta",
      description: "Vilken nytta idén ger invånare eller medarbetare.",
      levels: ["Ingen", "Liten", "Viss", "Stor", "Mycket stor"],
      weight: 3,
    });
    expect(unchanged.status).toBe(409);
    const listed = await as(jars.coordinator).get("/api/admin/criteria");
    const { criteria } = (await listed.json()) as {
      criteria: { slug: string; versions: { version: number; weight: number; scores: number }[] }[];
    };
    const nytta = criteria.find((c) => c.slug === "nytta")!;
    expect(nytta.versions.map((v) => [v.version, v.weight])).toEqual([
      [2, 3],
      [1, 1],
    ]);
  });

  test("a weight outside 0.1–10 is refused with a Swedish instruction", async () => {
    const response = await as(jars.coordinator).post("/api/admin/criteria/nytta/versions", {
      name: "Nytta",
      description: "Text.",
      levels: ["1", "2", "3", "4", "5"],
      weight: 11,
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      fields: { weight: "Skriv en vikt mellan 0,1 och 10, till exempel 1 eller 1,5." },
    });
  });
});

describe("municipalities and areas", () => {
  const formOptions = async () => {
    const client = createClient<Database, "api">(stack.local.url, stack.local.publishableKey, {
      db: { schema: "api" },
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const { data } = await client.rpc("list_form_options");
    return data as { municipalities: { code: string }[]; areas: { id: string; name: string }[] };
  };

  test("a new municipality and area are on the form at once; deactivated, they are gone", async () => {
    const added = await as(jars.coordinator).post("/api/admin/municipalities", {
      code: "1489",
      name: "Alingsås",
      emailDomains: ["Alingsas.se", "skola.alingsas.se"],
      active: true,
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      municipality: {
        code: "1489",
        name: "Alingsås",
        emailDomains: ["alingsas.se", "skola.alingsas.se"],
      },
      message: "Alingsås är tillagd. Kommunen finns nu att välja i idéformuläret.",
    });
    expect((await formOptions()).municipalities.map((m) => m.code)).toContain("1489");

    const area = await as(jars.coordinator).post("/api/admin/areas", {
      name: "Räddningstjänst",
      sortOrder: 80,
      active: true,
    });
    expect(area.status).toBe(201);
    expect(await area.json()).toMatchObject({ area: { id: "raddningstjanst" } });
    expect((await formOptions()).areas.map((a) => a.id)).toContain("raddningstjanst");

    expect(
      (
        await as(jars.coordinator).post("/api/admin/municipalities", {
          code: "1489",
          name: "Alingsås",
          emailDomains: ["alingsas.se"],
          active: false,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await as(jars.coordinator).post("/api/admin/areas", {
          id: "raddningstjanst",
          name: "Räddningstjänst",
          sortOrder: 80,
          active: false,
        })
      ).status,
    ).toBe(200);
    const after = await formOptions();
    expect(after.municipalities.map((m) => m.code)).not.toContain("1489");
    expect(after.areas.map((a) => a.id)).not.toContain("raddningstjanst");
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        "municipality_added",
        "municipality_changed",
        "area_added",
        "area_changed",
      ]),
    );
  });

  test("a name that is taken is refused", async () => {
    const response = await as(jars.coordinator).post("/api/admin/municipalities", {
      code: "1488",
      name: "Skövde",
      emailDomains: ["skovde2.se"],
      active: true,
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      rule: "name_taken",
      message: "Det namnet finns redan. Välj ett annat namn.",
    });
  });
});
