import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";

/*
 * Catalog checks: facts about the schema that must hold for every table and function, including the
 * ones added after this test was written (SB-01, SB-03, SB-04, SB-05, AZ-01).
 */

/** The functions anon may execute, and why: see docs/data-model.md, "What anon may execute". */
const anonAllowList = [
  "api.get_idea_status(text)",
  "api.get_public_statistics()",
  "api.list_published_ideas()",
  "api.reply_as_bearer(text,text)",
  "api.submit_idea(uuid,jsonb)",
  "api.whoami()",
];

describe("the database catalog", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const rowsOf = async (sql: string) => (await stack.db.query(sql)).rows;

  it("has row-level security on every table in app and private", async () => {
    const tables = await rowsOf(`
      select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('app', 'private') and c.relkind in ('r', 'p')
      order by 1`);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((table) => !table.rls)).toEqual([]);
  });

  it("keeps every table out of the api schema", async () => {
    expect(
      await rowsOf(`
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'api' and c.relkind in ('r', 'p', 'v', 'm', 'f')`),
    ).toEqual([]);
  });

  it("gives anon and authenticated no privilege on any table, view or sequence", async () => {
    expect(
      await rowsOf(`
        select r.rolname as role, n.nspname || '.' || c.relname as object, p.privilege
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        cross join (values ('anon'), ('authenticated')) r(rolname)
        cross join (values ('select'), ('insert'), ('update'), ('delete'), ('truncate'), ('references'),
          ('trigger')) p(privilege)
        where c.relkind in ('r', 'p', 'v', 'm', 'f')
          and n.nspname not in ('pg_catalog', 'information_schema')
          and has_table_privilege(r.rolname, c.oid, p.privilege)
        union all
        select r.rolname, n.nspname || '.' || c.relname, 'usage'
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        cross join (values ('anon'), ('authenticated')) r(rolname)
        where c.relkind = 'S' and n.nspname not in ('pg_catalog', 'information_schema')
          and has_sequence_privilege(r.rolname, c.oid, 'usage')
        order by 1, 2, 3`),
    ).toEqual([]);
  });

  it("lets anon execute exactly the documented allow-list in app, private and api", async () => {
    const executable = await rowsOf(`
      select p.oid::regprocedure::text as signature
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('api', 'app', 'private') and has_function_privilege('anon', p.oid, 'execute')
      order by 1`);
    expect(executable.map((row) => row.signature)).toEqual(anonAllowList);
  });

  it("lets authenticated execute nothing in app and private", async () => {
    expect(
      await rowsOf(`
        select p.oid::regprocedure::text as signature
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('app', 'private') and has_function_privilege('authenticated', p.oid, 'execute')`),
    ).toEqual([]);
  });

  it("pins search_path to '' on every security-definer function in our schemas", async () => {
    const definers = await rowsOf(`
      select p.oid::regprocedure::text as signature, p.proconfig as config
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and n.nspname in ('api', 'app', 'private', 'public')
      order by 1`);
    expect(definers.length).toBeGreaterThan(5);
    expect(definers.filter((fn) => !(fn.config ?? []).includes('search_path=""'))).toEqual([]);
  });

  it("runs every security-definer api function as api_owner, which cannot bypass row-level security", async () => {
    const owners = await rowsOf(`
      select p.oid::regprocedure::text as signature, pg_get_userbyid(p.proowner) as owner
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'api' and p.prosecdef
      order by 1`);
    expect(owners.filter((fn) => fn.owner !== "api_owner")).toEqual([]);
    expect(
      await rowsOf(
        `select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'api_owner'`,
      ),
    ).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
  });

  it("names every policy for a role, never for public", async () => {
    expect(
      await rowsOf(`
        select schemaname, tablename, policyname from pg_policies
        where schemaname in ('app', 'private') and roles = '{public}'`),
    ).toEqual([]);
  });

  it("holds the lifecycle's allowed transitions as data", async () => {
    const transitions = await rowsOf(
      `select from_state || ' → ' || to_state as move from app.idea_transitions order by 1`,
    );
    expect(transitions.map((row) => row.move)).toEqual([
      "accepted → in_development",
      "assessed → accepted",
      "assessed → declined",
      "assessed → duplicate",
      "assessed → forwarded",
      "assessed → in_review",
      "assessed → parked",
      "duplicate → in_review",
      "implemented → spread",
      "in_development → implemented",
      "in_review → assessed",
      "in_review → duplicate",
      "in_review → needs_info",
      "needs_info → in_review",
      "parked → in_review",
      "received → duplicate",
      "received → in_review",
    ]);
  });
});
