import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  defaultStateDir,
  projectRoot,
  startLocalSupabase as startServer,
} from "../../../supabase/local/server.ts";
import { startLocalSupabase, type TestSupabase } from "../../support/local-supabase.ts";
import { demoPassword } from "./clients.ts";

/*
 * The database under the API: the baseline a non-Supabase database gets, the migrations recorded
 * as the Supabase CLI records them, the seed, the wire port shared safely with the API, and an
 * embedded database that keeps its data across a restart.
 */

let local: TestSupabase;
let db: pg.Client;

beforeAll(async () => {
  local = await startLocalSupabase();
  db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await local?.stop();
});

describe("a fresh database", () => {
  test("records every migration in supabase_migrations.schema_migrations, in order", async () => {
    const files = (await readdir(join(projectRoot, "supabase", "migrations")))
      .filter((name) => name.endsWith(".sql"))
      .sort();
    const { rows } = await db.query<{ version: string; name: string }>(
      "select version, name from supabase_migrations.schema_migrations order by version",
    );
    expect(rows.map((row) => `${row.version}_${row.name}.sql`)).toEqual(files);
    expect(rows[0]).toEqual({ version: "20261127090000", name: "create_api_schema" });
  });

  test("records the seed in supabase_migrations.seed_files with its hash", async () => {
    const { rows } = await db.query<{ path: string; hash: string }>(
      "select path, hash from supabase_migrations.seed_files",
    );
    expect(rows).toEqual([
      { path: "supabase/seed.sql", hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  test("has the API roles, with service_role bypassing row-level security", async () => {
    const { rows } = await db.query<{
      rolname: string;
      rolbypassrls: boolean;
      rolcanlogin: boolean;
    }>(
      "select rolname, rolbypassrls, rolcanlogin from pg_roles where rolname in ('anon', 'authenticated', 'service_role', 'authenticator') order by rolname",
    );
    expect(rows).toEqual([
      { rolname: "anon", rolbypassrls: false, rolcanlogin: false },
      { rolname: "authenticated", rolbypassrls: false, rolcanlogin: false },
      { rolname: "authenticator", rolbypassrls: false, rolcanlogin: true },
      { rolname: "service_role", rolbypassrls: true, rolcanlogin: false },
    ]);
  });

  test("has pgcrypto and pg_trgm in the extensions schema", async () => {
    const { rows } = await db.query<{ extname: string; schema: string }>(
      "select extname, extnamespace::regnamespace::text as schema from pg_extension where extname in ('pgcrypto', 'pg_trgm') order by extname",
    );
    expect(rows).toEqual([
      { extname: "pg_trgm", schema: "extensions" },
      { extname: "pgcrypto", schema: "extensions" },
    ]);
  });

  test("auth.uid(), auth.role(), auth.email() and auth.jwt() read request.jwt.claims", async () => {
    await db.query("begin");
    try {
      await db.query(
        `select set_config('request.jwt.claims', '{"sub": "00000000-0000-4000-a000-000000000002", "role": "authenticated", "email": "granskare.skovde@example.se"}', true)`,
      );
      const { rows } = await db.query(
        "select auth.uid()::text as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'sub' as sub",
      );
      expect(rows[0]).toEqual({
        uid: "00000000-0000-4000-a000-000000000002",
        role: "authenticated",
        email: "granskare.skovde@example.se",
        sub: "00000000-0000-4000-a000-000000000002",
      });
    } finally {
      await db.query("rollback");
    }
  });

  test("api.whoami is executable by the API roles only, never by PUBLIC", async () => {
    const { rows } = await db.query<{ grantee: string }>(
      `select grantee from information_schema.routine_privileges
       where routine_schema = 'api' and routine_name = 'whoami' and privilege_type = 'EXECUTE' order by grantee`,
    );
    expect(rows.map((row) => row.grantee)).toEqual([
      "anon",
      "authenticated",
      "postgres",
      "service_role",
    ]);
  });

  test("new functions are not executable by PUBLIC by default", async () => {
    await db.query("begin");
    try {
      await db.query(
        "create function api.default_privileges_probe() returns int language sql as 'select 1'",
      );
      const { rows } = await db.query(
        "select has_function_privilege('anon', 'api.default_privileges_probe()', 'execute') as anon, has_function_privilege('authenticated', 'api.default_privileges_probe()', 'execute') as authenticated",
      );
      expect(rows[0]).toEqual({ anon: false, authenticated: false });
    } finally {
      await db.query("rollback");
    }
  });
});

/** Resolves once `condition` holds, checking at every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("the wire port and the API share the database safely", () => {
  test("an API request waits while a wire client holds a transaction open, and sees its committed result", async () => {
    const anon = createClient(local.url, local.publishableKey, {
      db: { schema: "api" },
      auth: { persistSession: false },
    });
    await db.query("begin");
    await db.query(
      "create function api.wire_probe() returns text language sql as $$ select 'committed' $$",
    );
    await db.query("grant execute on function api.wire_probe() to anon");
    const onPglite = !process.env.DATABASE_URL;
    let answered = false;
    const pending = anon.rpc("wire_probe").then((result) => {
      answered = true;
      return result;
    });
    if (onPglite) {
      // The request is queued behind the open transaction: wait until it is, then it must not
      // have been answered before the commit.
      await until(() => local.waitingForDatabase() > 0);
      expect(answered).toBe(false);
      await db.query("commit");
      const { data, error } = await pending;
      expect(error).toBeNull();
      expect(data).toBe("committed");
    } else {
      // On PostgreSQL it runs at once and does not see the uncommitted function.
      const { error } = await pending;
      expect(error?.code).toBe("PGRST202");
      await db.query("commit");
    }
    expect((await anon.rpc("wire_probe")).data).toBe("committed");
  });
});

describe("a wire client that goes away", () => {
  test("mid-transaction, its transaction is rolled back and the API is not blocked", async () => {
    const client = new pg.Client({ connectionString: local.databaseUrl });
    await client.connect();
    await client.query("begin");
    await client.query(
      "create function api.abandoned_probe() returns int language sql as 'select 1'",
    );
    // The client leaves with its transaction still open, as when psql is closed mid-transaction.
    await client.end();
    const anon = createClient(local.url, local.publishableKey, {
      db: { schema: "api" },
      auth: { persistSession: false },
    });
    const { data, error } = await anon.rpc("whoami");
    expect(error).toBeNull();
    expect(data).toMatchObject({ role: "anon" });
    const { rows } = await db.query(
      "select to_regprocedure('api.abandoned_probe()') is null as gone",
    );
    expect(rows[0]).toEqual({ gone: true });
  });
});

describe("the embedded database on disk", () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "local-supabase-data-"));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const startOnDisk = () =>
    startServer({
      apiPort: 0,
      dbPort: 0,
      mailPort: 0,
      smtpPort: 0,
      dataDir: join(dataDir, "pgdata"),
      signingKeyPath: join(dataDir, "signing_keys.json"),
      snapshotDir: join(defaultStateDir, "snapshots"),
    });

  test("a restart keeps users and sessions: the old refresh token still works", async () => {
    const first = await startOnDisk();
    expect(first.fresh).toBe(true);
    const admin = createClient(first.url, first.secretKey, { auth: { persistSession: false } });
    const created = await admin.auth.admin.createUser({
      email: "kvar@example.se",
      password: demoPassword,
      email_confirm: true,
    });
    expect(created.error).toBeNull();
    const client = createClient(first.url, first.publishableKey, {
      auth: { persistSession: false },
    });
    const signedIn = await client.auth.signInWithPassword({
      email: "kvar@example.se",
      password: demoPassword,
    });
    expect(signedIn.error).toBeNull();
    await first.stop();

    const second = await startOnDisk();
    try {
      expect(second.fresh).toBe(false);
      const again = createClient(second.url, second.publishableKey, {
        auth: { persistSession: false },
      });
      const refreshed = await again.auth.refreshSession({
        refresh_token: signedIn.data.session!.refresh_token,
      });
      expect(refreshed.error).toBeNull();
      expect(refreshed.data.user?.email).toBe("kvar@example.se");
      // Same signing key after the restart: the old access token still verifies.
      const user = await again.auth.getUser(signedIn.data.session!.access_token);
      expect(user.data.user?.email).toBe("kvar@example.se");
    } finally {
      await second.stop();
    }
  });
});
