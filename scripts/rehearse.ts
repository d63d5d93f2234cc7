// `npm run rehearse`: a deployment from empty, rehearsed on this machine the way docs/operations.md
// describes it for hosted Supabase and Netlify, then a smoke test of what it deployed:
//
//   1. an empty PostgreSQL database with only what every hosted Supabase database has before the
//      first migration (the API roles and Auth's schema: supabase/local/bootstrap.sql);
//   2. `supabase db push --db-url …` with the Supabase CLI: the migrations, no seed, no demo data;
//   3. the Supabase API (PostgREST and Auth) over it – here the local stand-in, which finds every
//      migration already recorded by the CLI and applies nothing;
//   4. the first coordinator, created through the Auth admin API and one SQL statement, as
//      operations.md step 7 says;
//   5. `npm run build` against it (ALLOW_EMPTY_DATA=true: nothing is published yet) and the
//      production build with its functions served as `npm run serve` serves it;
//   6. the smoke test over HTTP: the health check, an idea submitted through the form's endpoint,
//      the coordinator signing in, starting the review, assessing, deciding and releasing the
//      decision, and the bearer's status page showing it.
//
// Needs the PostgreSQL server in DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres);
// creates a database of its own there and drops it at the end. Prints each step with its time and
// exits non-zero at the first failure.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { environment, readEnv } from "../src/server/env.ts";
import { createScratchDatabase } from "../supabase/local/database.ts";
import { startLocalSupabase } from "../supabase/local/server.ts";
import { projectRoot, startProductionServer } from "./serve.ts";

const run = promisify(execFile);
const serverUrl = readEnv().DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const coordinator = { email: "forsta.samordnaren@skovde.se", password: "Rehearsal-2026-secret!" };

let step = 0;
/** Runs one step, printing its name, time and outcome; a failure ends the rehearsal. */
async function perform<T>(name: string, work: () => Promise<T>): Promise<T> {
  step += 1;
  const started = performance.now();
  try {
    const result = await work();
    console.log(`✓ ${step}. ${name} (${Math.round(performance.now() - started)} ms)`);
    return result;
  } catch (error) {
    console.error(`✗ ${step}. ${name}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Cookies a response sets, as the next request's Cookie header (a browser's cookie jar, minimal). */
function cookiesOf(response: Response, jar: Map<string, string>): string {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const [name = "", ...value] = pair.split("=");
    if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value.join("="));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

async function rehearse(): Promise<void> {
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const database = await perform("an empty database with the hosted baseline", async () => {
      const scratch = await createScratchDatabase(serverUrl);
      cleanup.push(() => scratch.drop());
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        await client.query(
          await readFile(join(projectRoot, "supabase", "local", "bootstrap.sql"), "utf8"),
        );
      } finally {
        await client.end();
      }
      return scratch.url;
    });

    await perform("supabase db push (the migrations, no seed)", async () => {
      await run(
        process.execPath,
        [
          join(projectRoot, "node_modules", "supabase", "dist", "supabase.js"),
          "db",
          "push",
          "--db-url",
          `${database}${database.includes("?") ? "&" : "?"}sslmode=disable`,
          "--yes",
        ],
        { cwd: projectRoot, env: { ...environment(), SUPABASE_TELEMETRY_DISABLED: "1" } },
      );
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        const { rows } = await client.query<{ ideas: number; municipalities: number }>(
          `select (select count(*)::int from app.ideas) as ideas,
                  (select count(*)::int from app.municipalities) as municipalities`,
        );
        assert(rows[0]?.ideas === 0, "the database should hold no ideas after db push");
        assert(
          rows[0]?.municipalities === 15,
          "the migrations should create the 15 municipalities",
        );
      } finally {
        await client.end();
      }
    });

    const supabase = await perform("the Supabase API over it", async () => {
      const local = await startLocalSupabase({
        databaseUrl: database,
        seed: false,
        apiPort: 0,
        dbPort: 0,
        mailPort: 0,
        smtpPort: 0,
      });
      cleanup.push(() => local.stop());
      return local;
    });

    await perform("the first coordinator (Auth admin API and one SQL statement)", async () => {
      const admin = createClient(supabase.url, supabase.secretKey, {
        auth: { persistSession: false, autoRefreshToken: false },
      });
      const { data, error } = await admin.auth.admin.createUser({
        email: coordinator.email,
        password: coordinator.password,
        email_confirm: true,
      });
      if (error) throw new Error(`createUser: ${error.message}`);
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        await client.query(
          `insert into app.reviewers (user_id, display_name, role, municipality_code)
           values ($1, 'Första Samordnaren', 'coordinator', null)`,
          [data.user.id],
        );
      } finally {
        await client.end();
      }
    });

    const settings = {
      ...environment(),
      SUPABASE_URL: supabase.url,
      SUPABASE_PUBLISHABLE_KEY: supabase.publishableKey,
      SUPABASE_SECRET_KEY: supabase.secretKey,
      SMTP_URL: `smtp://127.0.0.1:${supabase.smtpPort}`,
      ALLOW_EMPTY_DATA: "true",
    };
    await perform("npm run build against it (a first deploy: the idea bank is empty)", () =>
      run("npx", ["astro", "build", "--silent"], {
        cwd: projectRoot,
        env: settings,
        maxBuffer: 16 * 1024 * 1024,
      }),
    );
    // The functions the production server runs read these, as Netlify's environment would hold them.
    Object.assign(environment(), settings);

    const site = await perform("the production build with its functions", async () => {
      const server = await startProductionServer(0);
      cleanup.push(() => server.stop());
      return server.url;
    });

    await smokeTest(site);
    console.log("The rehearsal passed: deployed from empty, and the smoke test went through.");
  } finally {
    for (const undo of cleanup.reverse()) await undo().catch(() => {});
  }
}

/** The smoke test: one idea from the form to a released decision, over HTTP as a browser sends it. */
async function smokeTest(site: string): Promise<void> {
  const origin = { Origin: site, "Sec-Fetch-Site": "same-origin" };
  const json = (body: unknown, extra: Record<string, string> = {}) => ({
    method: "POST",
    headers: { "Content-Type": "application/json", ...origin, ...extra },
    body: JSON.stringify(body),
  });

  await perform("GET /api/health", async () => {
    const response = await fetch(`${site}/api/health`);
    assert(response.status === 200, `health answered ${response.status}`);
  });

  const { reference, token } = await perform("an idea through POST /api/ideas", async () => {
    const response = await fetch(
      `${site}/api/ideas`,
      json(
        {
          title: "Repetition: digitala nycklar i hemtjänsten",
          problem: "Personalen hämtar och lämnar nycklar flera gånger per pass.",
          proposal: "Lås som öppnas med mobilen.",
          beneficiaries: ["medarbetare"],
          area_id: "vard-och-omsorg",
          tried: "nej",
          municipality_code: "1496",
          bearer_name: "Rebecka Repetition",
          bearer_email: "rebecka.repetition@skovde.se",
          privacy_notice_read: true,
          contact_consent: true,
          publish_consent: false,
          fill_ms: 60_000,
        },
        { "Idempotency-Key": crypto.randomUUID() },
      ),
    );
    assert(response.status === 201, `the submission answered ${response.status}`);
    const body = (await response.json()) as { reference: string; statusUrl: string };
    return { reference: body.reference, token: new URL(body.statusUrl).hash.slice(1) };
  });

  const jar = new Map<string, string>();
  let cookie = await perform("the coordinator signs in", async () => {
    const response = await fetch(`${site}/api/auth/login`, json(coordinator));
    assert(response.status === 200, `sign-in answered ${response.status}`);
    return cookiesOf(response, jar);
  });

  const idea = `${site}/api/review/ideas/${reference}`;
  const act = async (name: string, path: string, init: RequestInit, status = 200) =>
    perform(name, async () => {
      const response = await fetch(`${idea}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), Cookie: cookie },
      });
      cookie = cookiesOf(response, jar);
      const text = await response.text();
      assert(
        response.status === status,
        `${path} answered ${response.status}: ${text.slice(0, 300)}`,
      );
      return text ? (JSON.parse(text) as unknown) : null;
    });

  await act("the review starts", "/state", json({ to: "in_review", expected: "received" }));
  await act("no jäv", "/conflict-of-interest", json({ has_conflict: false }));
  const { criteria } = await perform("the criteria", async () => {
    const response = await fetch(`${site}/api/review/criteria`, { headers: { Cookie: cookie } });
    assert(response.status === 200, `criteria answered ${response.status}`);
    return (await response.json()) as { criteria: { slug: string }[] };
  });
  await act("the assessment", "/assessment", {
    ...json({
      scores: criteria.map((criterion) => ({
        criterion: criterion.slug,
        score: 4,
        comment: "Tydlig nytta och rimlig kostnad.",
      })),
      recommendation: "vidare",
      comment: "Gå vidare.",
    }),
    method: "PUT",
  });
  await act(
    "assessed",
    "/state",
    json({ to: "assessed", expected: "in_review", reason: "Bedömningen är klar." }),
  );
  await act(
    "the decision",
    "/state",
    json({
      to: "accepted",
      expected: "assessed",
      reason: "Stor nytta för flera kommuner.",
      message: "Tack för din idé! Den går vidare till utveckling.",
    }),
  );
  await act("the decision is released", "/release", json({}));

  await perform("the bearer's status page shows the decision", async () => {
    const response = await fetch(`${site}/api/status`, json({ token }));
    assert(response.status === 200, `the status page answered ${response.status}`);
    const status = (await response.json()) as {
      state: string;
      timeline: { message?: string | null }[];
    };
    assert(status.state === "accepted", `the status page says ${status.state}`);
    assert(
      status.timeline.some((entry) => entry.message?.includes("går vidare till utveckling")),
      "the decision's message is not on the status page",
    );
  });
}

if (import.meta.main) {
  rehearse().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
