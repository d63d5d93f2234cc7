import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLocalSupabase, type TestSupabase } from "../../support/local-supabase.ts";
import { createTestClient, demoAccounts, signedInClient } from "./clients.ts";

/*
 * The PostgREST contract: what supabase-js's .rpc() sends and gets back, on functions this file
 * creates in schema api of its own fresh database. The status codes and error bodies are
 * PostgREST's (stack-facts 3.4), so code tested here behaves the same on hosted Supabase.
 */

let local: TestSupabase;

const fixtures = `
  create schema contract;
  create table contract.items (id int primary key, parent int references contract.items (id));

  create function api.contract_echo(word text, times int default 1) returns text
    language sql immutable as $$ select repeat(word, times) $$;
  create function api.contract_numbers(upto int) returns setof int
    language sql stable as $$ select generate_series(1, upto) $$;
  create function api.contract_rows(upto int) returns table (n int, label text)
    language sql stable as $$ select g, 'nr ' || g from generate_series(1, upto) g $$;
  create function api.contract_forbidden() returns int
    language sql stable as $$ select 1 $$;
  create function api.contract_raise() returns void language plpgsql as $$
    begin
      raise exception 'Idén finns inte' using detail = 'IS-2026-0042', hint = 'Kontrollera referensen';
    end $$;
  create function api.contract_payment() returns void language plpgsql as $$
    begin raise sqlstate 'PT402' using message = 'Betalning krävs'; end $$;
  create function api.contract_custom() returns void language plpgsql as $$
    begin
      raise sqlstate 'PGRST' using
        message = '{"code": "S001", "message": "Egen status", "details": "d", "hint": "h"}',
        detail = '{"status": 418, "headers": {"X-Custom": "ja"}}';
    end $$;
  create function api.contract_insert(id int, parent int default null) returns void
    language sql security definer set search_path = ''
    as $$ insert into contract.items (id, parent) values (contract_insert.id, contract_insert.parent) $$;
  create function api.contract_insert_then_fail(id int) returns void
    language plpgsql security definer set search_path = '' as $$
    begin
      insert into contract.items (id) values (contract_insert_then_fail.id);
      raise exception 'efter insert';
    end $$;
  create function api.contract_count() returns int
    language sql stable security definer set search_path = ''
    as $$ select count(*)::int from contract.items $$;
  create function api.contract_header(name text) returns text
    language sql stable as $$ select current_setting('request.headers', true)::json ->> name $$;
  create function api.contract_claims() returns jsonb
    language sql stable as $$ select auth.jwt() $$;
  create type contract.mood as enum ('glad', 'ledsen');
  grant usage on schema contract to anon, authenticated, service_role;
  create function api.contract_moods(first contract.mood, rest contract.mood[] default '{}', tags text[] default '{}')
    returns text language sql immutable
    as $$ select first::text || '/' || array_to_string(rest, ',') || '/' || array_to_string(tags, ',') $$;

  grant execute on function
    api.contract_echo(text, int), api.contract_numbers(int), api.contract_rows(int), api.contract_raise(),
    api.contract_payment(), api.contract_custom(), api.contract_insert(int, int),
    api.contract_insert_then_fail(int), api.contract_count(), api.contract_header(text), api.contract_claims(),
    api.contract_moods(contract.mood, contract.mood[], text[])
  to anon, authenticated, service_role;
`;

beforeAll(async () => {
  local = await startLocalSupabase();
  const db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
  try {
    await db.query(fixtures);
  } finally {
    await db.end();
  }
});

afterAll(async () => {
  await local?.stop();
});

describe("rpc results", () => {
  test("whoami as anon runs as role anon with no user", async () => {
    const { client } = createTestClient(local);
    const { data, error, status } = await client.rpc("whoami");
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual({ role: "anon", user_id: null, email: null });
  });

  test("whoami as a signed-in reviewer runs as authenticated with the user's id and e-mail", async () => {
    const account = demoAccounts[1];
    const { client } = await signedInClient(local, account.email);
    const { data, error } = await client.rpc("whoami");
    expect(error).toBeNull();
    expect(data).toEqual({ role: "authenticated", user_id: account.id, email: account.email });
  });

  test("whoami with the secret key runs as service_role", async () => {
    const { client } = createTestClient(local, "secret");
    const { data } = await client.rpc("whoami");
    expect(data).toEqual({ role: "service_role", user_id: null, email: null });
  });

  test("named arguments reach the function, defaults fill in the rest, GET passes them as query parameters", async () => {
    const { client } = createTestClient(local);
    expect((await client.rpc("contract_echo", { word: "ja", times: 3 })).data).toBe("jajaja");
    expect((await client.rpc("contract_echo", { word: "nej" })).data).toBe("nej");
    expect((await client.rpc("contract_echo", { word: "get", times: 2 }, { get: true })).data).toBe(
      "getget",
    );
  });

  test("arguments of the schema's own types and arrays are converted as PostgREST converts them", async () => {
    const { client } = createTestClient(local);
    const { data, error } = await client.rpc("contract_moods", {
      first: "glad",
      rest: ["ledsen", "glad"],
      tags: ["a", "b"],
    });
    expect(error).toBeNull();
    expect(data).toBe("glad/ledsen,glad/a,b");
    const invalid = await client.rpc("contract_moods", { first: "arg" });
    expect(invalid.status).toBe(400);
    expect(invalid.error).toMatchObject({
      code: "22P02",
      message: 'invalid input value for enum contract.mood: "arg"',
    });
  });

  test("a set of scalars is an array of values, a table is an array of objects", async () => {
    const { client } = createTestClient(local);
    expect((await client.rpc("contract_numbers", { upto: 3 })).data).toEqual([1, 2, 3]);
    expect((await client.rpc("contract_rows", { upto: 2 })).data).toEqual([
      { n: 1, label: "nr 1" },
      { n: 2, label: "nr 2" },
    ]);
    expect((await client.rpc("contract_rows", { upto: 0 })).data).toEqual([]);
  });

  test("count=exact reports the number of rows", async () => {
    const { client } = createTestClient(local);
    const { data, count } = await client.rpc("contract_rows", { upto: 4 }, { count: "exact" });
    expect(count).toBe(4);
    expect(data).toHaveLength(4);
  });

  test(".single() returns the one row as an object and refuses several with 406 PGRST116", async () => {
    const { client } = createTestClient(local);
    expect((await client.rpc("contract_rows", { upto: 1 }).single()).data).toEqual({
      n: 1,
      label: "nr 1",
    });
    const { error, status } = await client.rpc("contract_rows", { upto: 2 }).single();
    expect(status).toBe(406);
    expect(error).toMatchObject({
      code: "PGRST116",
      message: "Cannot coerce the result to a single JSON object",
      details: "The result contains 2 rows",
    });
  });

  test("request.headers and request.jwt.claims are set as PostgREST sets them", async () => {
    const { client } = await signedInClient(local, demoAccounts[0].email);
    const header = await client.rpc("contract_header", { name: "x-client-info" });
    expect(header.data).toMatch(/^supabase-js/);
    const claims = await client.rpc("contract_claims");
    expect(claims.data).toMatchObject({
      sub: demoAccounts[0].id,
      role: "authenticated",
      aud: "authenticated",
    });
    const anonClaims = await createTestClient(local).client.rpc("contract_claims");
    expect(anonClaims.data).toMatchObject({ role: "anon" });
  });

  test("one transaction per request: a function that writes and then fails leaves nothing behind", async () => {
    const { client } = createTestClient(local);
    const failed = await client.rpc("contract_insert_then_fail", { id: 900 });
    expect(failed.error).toMatchObject({ code: "P0001", message: "efter insert" });
    const { data } = await client.rpc("contract_count");
    expect(data).toBe(0);
  });
});

describe("rpc errors map to PostgREST's statuses", () => {
  test("a function the caller may not execute is 401 for anon (42501)", async () => {
    const { client } = createTestClient(local);
    const { error, status } = await client.rpc("contract_forbidden");
    expect(status).toBe(401);
    expect(error).toMatchObject({
      code: "42501",
      message: "permission denied for function contract_forbidden",
    });
  });

  test("the same function is 403 for a signed-in user (42501)", async () => {
    const { client } = await signedInClient(local, demoAccounts[2].email);
    const { error, status } = await client.rpc("contract_forbidden");
    expect(status).toBe(403);
    expect(error?.code).toBe("42501");
  });

  test("raise exception is 400 with message, details and hint (P0001)", async () => {
    const { client } = createTestClient(local);
    const { error, status } = await client.rpc("contract_raise");
    expect(status).toBe(400);
    expect(error).toEqual({
      code: "P0001",
      message: "Idén finns inte",
      details: "IS-2026-0042",
      hint: "Kontrollera referensen",
    });
  });

  test("sqlstate PT402 is HTTP 402", async () => {
    const { client } = createTestClient(local);
    const { error, status } = await client.rpc("contract_payment");
    expect(status).toBe(402);
    expect(error).toMatchObject({ code: "PT402", message: "Betalning krävs" });
  });

  test("a unique violation is 409 (23505) and a foreign-key violation is 409 (23503)", async () => {
    const { client } = createTestClient(local);
    expect((await client.rpc("contract_insert", { id: 1 })).status).toBe(204);
    const duplicate = await client.rpc("contract_insert", { id: 1 });
    expect(duplicate.status).toBe(409);
    expect(duplicate.error?.code).toBe("23505");
    const orphan = await client.rpc("contract_insert", { id: 2, parent: 99 });
    expect(orphan.status).toBe(409);
    expect(orphan.error?.code).toBe("23503");
  });

  test("an unknown function is 404 PGRST202", async () => {
    const { client } = createTestClient(local);
    const { error, status } = await client.rpc("does_not_exist", { a: 1 });
    expect(status).toBe(404);
    expect(error).toMatchObject({
      code: "PGRST202",
      message: "Could not find the function api.does_not_exist(a) in the schema cache",
    });
  });

  test("arguments the function does not have are 404 PGRST202 too", async () => {
    const { client } = createTestClient(local);
    const { error, status } = await client.rpc("contract_echo", { words: "x" });
    expect(status).toBe(404);
    expect(error?.code).toBe("PGRST202");
  });

  test("GET runs read-only: a function that writes is refused with 405 (25006)", async () => {
    const { client } = createTestClient(local);
    const { error, status } = await client.rpc("contract_insert", { id: 5 }, { get: true });
    expect(status).toBe(405);
    expect(error?.code).toBe("25006");
  });

  test("raise sqlstate 'PGRST' sets status, body and headers", async () => {
    const response = await fetch(`${local.url}/rest/v1/rpc/contract_custom`, {
      method: "POST",
      headers: {
        apikey: local.publishableKey,
        "Content-Type": "application/json",
        "Content-Profile": "api",
      },
      body: "{}",
    });
    expect(response.status).toBe(418);
    expect(response.headers.get("x-custom")).toBe("ja");
    expect(await response.json()).toEqual({
      code: "S001",
      message: "Egen status",
      details: "d",
      hint: "h",
    });
  });
});

describe("what the Data API does not expose", () => {
  test("a table or view endpoint is 404 PGRST205 with a clear message", async () => {
    const response = await fetch(`${local.url}/rest/v1/ideas?select=*`, {
      headers: { apikey: local.secretKey },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: "PGRST205",
      message: "Could not find the table 'api.ideas' in the schema cache",
      details: null,
      hint: "This project exposes no tables or views through the Data API; call a function with POST /rest/v1/rpc/<name>.",
    });
  });

  test("a schema other than api is refused with 406 PGRST106", async () => {
    const response = await fetch(`${local.url}/rest/v1/rpc/whoami`, {
      method: "POST",
      headers: {
        apikey: local.publishableKey,
        "Content-Profile": "public",
        "Content-Type": "application/json",
      },
      body: "{}",
    });
    expect(response.status).toBe(406);
    expect(await response.json()).toEqual({
      code: "PGRST106",
      message: "Invalid schema: public",
      details: null,
      hint: "Only the following schemas are exposed: api",
    });
  });

  test("filters on rpc results are refused rather than silently ignored", async () => {
    const response = await fetch(`${local.url}/rest/v1/rpc/contract_rows?n=eq.1`, {
      method: "POST",
      headers: { apikey: local.publishableKey, "Content-Type": "application/json" },
      body: JSON.stringify({ upto: 2 }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("PGRST127");
  });
});
