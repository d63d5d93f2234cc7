import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { validIdea } from "../support/ideas.ts";
import {
  startFunctionsStack,
  type FunctionRouter,
  type FunctionsStack,
} from "../support/functions.ts";
import type { TestSupabase } from "../support/local-supabase.ts";

/*
 * RL-04: the database stops in the middle of a submission, after the idea, its text, bearer and
 * event are written but before the transaction commits. Nothing may remain, the person gets a clear
 * 503, and sending again with the same key then stores the idea exactly once.
 */

let local: TestSupabase;
let functions: FunctionRouter;
let db: pg.Client;
const onPostgres = Boolean(process.env.DATABASE_URL);

let stack: FunctionsStack;

beforeAll(async () => {
  stack = await startFunctionsStack();
  ({ local, functions, db } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

/** Every row one submission writes, found by the bearer's e-mail or the idempotency key. */
async function rowsFor(email: string, key: string) {
  const { rows } = await db.query<Record<string, number>>(
    `with idea as (select b.idea_id from app.idea_bearers b where b.email = $1)
     select (select count(*)::int from idea) as bearers,
            (select count(*)::int from app.ideas i where i.id in (select idea_id from idea)) as ideas,
            (select count(*)::int from app.idea_versions v where v.idea_id in (select idea_id from idea)) as versions,
            (select count(*)::int from app.idea_events e where e.idea_id in (select idea_id from idea)) as events,
            (select count(*)::int from app.status_tokens t where t.idea_id in (select idea_id from idea)) as tokens,
            (select count(*)::int from app.email_outbox o where o.recipient = $1) as outbox,
            (select count(*)::int from app.idempotency_keys k where k.key = $2::uuid) as keys`,
    [email, key],
  );
  return rows[0]!;
}

const nothing = { bearers: 0, ideas: 0, versions: 0, events: 0, tokens: 0, outbox: 0, keys: 0 };
const once = { bearers: 1, ideas: 1, versions: 1, events: 1, tokens: 1, outbox: 1, keys: 1 };

async function submit(idea: Record<string, unknown>, key: string): Promise<Response> {
  const response = await functions.handle(
    new Request("http://localhost/api/ideas", {
      method: "POST",
      body: JSON.stringify(idea),
      headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    }),
  );
  if (!response) throw new Error("/api/ideas matched no function");
  return response;
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("30");
  expect(await response.json()).toMatchObject({ error: "unavailable" });
}

async function expectStoredOnceAfterRetries(idea: Record<string, unknown>, key: string) {
  const retry = await submit(idea, key);
  expect(retry.status).toBe(201);
  const first = (await retry.json()) as { reference: string; replayed: boolean };
  expect(first.replayed).toBe(false);
  const again = await submit(idea, key);
  expect(await again.json()).toMatchObject({ reference: first.reference, replayed: true });
  expect(await rowsFor(idea.bearer_email as string, key)).toEqual(once);
}

describe("when the database stops in the middle of a submission (RL-04)", () => {
  test("a shutdown raised inside the transaction, at its last write, leaves nothing and a retry succeeds once", async () => {
    const key = crypto.randomUUID();
    const idea = validIdea();
    // The receipt e-mail is the transaction's last write; the database shuts down right there.
    await db.query(`
      create function private.test_stop_mid_submission() returns trigger language plpgsql as $$
      begin
        raise exception using errcode = '57P01', message = 'terminating connection due to administrator command';
      end $$;
      create trigger stop_mid_submission before insert on app.email_outbox
        for each row execute function private.test_stop_mid_submission();`);
    try {
      await expectUnavailable(await submit(idea, key));
    } finally {
      await db.query(
        "drop trigger stop_mid_submission on app.email_outbox; drop function private.test_stop_mid_submission()",
      );
    }
    expect(await rowsFor(idea.bearer_email as string, key)).toEqual(nothing);
    await expectStoredOnceAfterRetries(idea, key);
  });

  test.runIf(onPostgres)(
    "the server process of the transaction is killed while it waits to write, and a retry succeeds once",
    async () => {
      const key = crypto.randomUUID();
      const idea = validIdea();
      // Hold the outbox so the submission stops at its last write, with everything else written.
      const blocker = new pg.Client({ connectionString: local.databaseUrl });
      await blocker.connect();
      try {
        await blocker.query("begin; lock table app.email_outbox in access exclusive mode");
        const pending = submit(idea, key);
        let killed = false;
        for (let waited = 0; !killed && waited < 20_000; waited += 50) {
          const { rows } = await db.query<{ killed: boolean }>(
            `select pg_terminate_backend(pid) as killed from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock' and query like '%submit_idea%'`,
          );
          killed = rows.some((row) => row.killed);
          if (!killed) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(killed).toBe(true);
        await blocker.query("rollback");
        await expectUnavailable(await pending);
      } finally {
        await blocker.end();
      }
      expect(await rowsFor(idea.bearer_email as string, key)).toEqual(nothing);
      await expectStoredOnceAfterRetries(idea, key);
    },
  );
});
