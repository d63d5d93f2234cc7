import { z } from "zod";
import type { RequestIdentity } from "./api-keys.ts";
import type { LocalConfig } from "./config.ts";
import { isDatabaseError, type Database, type Queryable } from "./database.ts";
import { json } from "./http.ts";
import type { SigningKey } from "./jwt.ts";
import { fromDatabaseError, postgrestError, type PostgrestError } from "./postgrest-errors.ts";

/** What the PostgREST emulation needs from the server. */
export interface PostgrestContext {
  db: Database;
  config: LocalConfig;
  signingKey: SigningKey;
}

/** A function's input parameter, as the catalog describes it. */
interface Parameter {
  name: string;
  type: string;
  hasDefault: boolean;
}

/** A candidate function for `/rpc/<name>`, from pg_proc. */
interface Routine {
  schema: string;
  name: string;
  parameters: Parameter[];
  returnsSet: boolean;
  returnsComposite: boolean;
  returnsVoid: boolean;
  volatility: "i" | "s" | "v";
}

/** The role and JWT claims a request runs with, after the gateway and the JWT check. */
interface RequestRole {
  role: string;
  claims: Record<string, unknown>;
}

/** Query parameters PostgREST reserves; on GET every other parameter is a function argument. */
const reservedParameters = new Set([
  "select",
  "order",
  "limit",
  "offset",
  "columns",
  "on_conflict",
]);

const routineRowSchema = z.object({
  name: z.string(),
  returns_set: z.boolean(),
  returns_composite: z.boolean(),
  returns_void: z.boolean(),
  volatility: z.enum(["i", "s", "v"]),
  parameters: z.array(z.object({ name: z.string(), type: z.string(), has_default: z.boolean() })),
});

/** The per-request settings PostgREST makes before calling a function. */
interface RequestSettings {
  searchPath: string;
  role: string;
  claims: string;
  headers: string;
  cookies: string;
  method: string;
  path: string;
}

/**
 * In one statement: sets the request's transaction-local settings as PostgREST does (role,
 * search_path, request.jwt.claims, request.headers, request.cookies, request.method, request.path)
 * and reads every function called `name` in `schema`, with its input parameters (IN, INOUT,
 * VARIADIC) and the shape of its result. Parameter types are schema-qualified by hand, so the
 * lookup does not depend on the search_path. Read on every request, so a migration applied to the
 * running server is seen at once: hosted Supabase reloads PostgREST's schema cache on DDL too.
 */
async function prepareRequest(
  tx: Queryable,
  schema: string,
  name: string,
  settings: RequestSettings,
): Promise<Routine[]> {
  const [row] = await tx.query<{ routines: unknown }>(
    `select set_config('search_path', $3, true) as search_path, set_config('role', $4, true) as role,
            set_config('request.jwt.claims', $5, true) as claims, set_config('request.headers', $6, true) as headers,
            set_config('request.cookies', $7, true) as cookies, set_config('request.method', $8, true) as method,
            set_config('request.path', $9, true) as path,
            coalesce((
              with fn as (
                select p.oid, p.proname, p.proretset, p.provolatile, p.pronargs, p.pronargdefaults, p.prorettype,
                       coalesce(p.proallargtypes, p.proargtypes::oid[]) as types,
                       coalesce(p.proargmodes, pg_catalog.array_fill('i'::"char", array[pg_catalog.cardinality(coalesce(p.proallargtypes, p.proargtypes::oid[]))])) as modes,
                       coalesce(p.proargnames, pg_catalog.array_fill(''::text, array[pg_catalog.cardinality(coalesce(p.proallargtypes, p.proargtypes::oid[]))])) as names
                from pg_catalog.pg_proc p
                join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                where n.nspname = $1 and p.proname = $2 and p.prokind = 'f'
              )
              select pg_catalog.json_agg(pg_catalog.json_build_object(
                       'name', fn.proname,
                       'returns_set', fn.proretset,
                       'returns_composite', t.typtype = 'c' or fn.prorettype = 'pg_catalog.record'::pg_catalog.regtype,
                       'returns_void', fn.prorettype = 'pg_catalog.void'::pg_catalog.regtype,
                       'volatility', fn.provolatile::text,
                       'parameters', coalesce((
                         select pg_catalog.json_agg(pg_catalog.json_build_object(
                                  'name', a.name,
                                  'type', case
                                    when at.typnamespace = 'pg_catalog'::pg_catalog.regnamespace then pg_catalog.format_type(a.type, null)
                                    when at.typcategory = 'A' and et.oid is not null then
                                      pg_catalog.quote_ident(en.nspname) || '.' || pg_catalog.quote_ident(et.typname) || '[]'
                                    else pg_catalog.quote_ident(an.nspname) || '.' || pg_catalog.quote_ident(at.typname)
                                  end,
                                  'has_default', a.position > fn.pronargs - fn.pronargdefaults
                                ) order by a.position)
                         from (
                           select u.name, u.type, pg_catalog.row_number() over (order by u.ord) as position
                           from unnest(fn.types, fn.modes, fn.names) with ordinality as u(type, mode, name, ord)
                           where u.mode in ('i', 'b', 'v')
                         ) a
                         join pg_catalog.pg_type at on at.oid = a.type
                         join pg_catalog.pg_namespace an on an.oid = at.typnamespace
                         left join pg_catalog.pg_type et on et.oid = at.typelem
                         left join pg_catalog.pg_namespace en on en.oid = et.typnamespace
                       ), '[]'::json)
                     ))
              from fn
              join pg_catalog.pg_type t on t.oid = fn.prorettype
            ), '[]'::json) as routines`,
    [
      schema,
      name,
      settings.searchPath,
      settings.role,
      settings.claims,
      settings.headers,
      settings.cookies,
      settings.method,
      settings.path,
    ],
  );
  return z
    .array(routineRowSchema)
    .parse(row?.routines ?? [])
    .map((parsed) => ({
      schema,
      name: parsed.name,
      parameters: parsed.parameters.map((p) => ({
        name: p.name,
        type: p.type,
        hasDefault: p.has_default,
      })),
      returnsSet: parsed.returns_set,
      returnsComposite: parsed.returns_composite,
      returnsVoid: parsed.returns_void,
      volatility: parsed.volatility,
    }));
}

/** PostgREST's overload resolution for named arguments: every key is a parameter, every parameter without a default has a key. */
function matches(routine: Routine, keys: string[]): boolean {
  const names = new Set(routine.parameters.map((p) => p.name));
  return (
    keys.every((key) => names.has(key)) &&
    routine.parameters.every((p) => p.hasDefault || keys.includes(p.name))
  );
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** The result of a call, as the JSON body PostgREST would send. */
interface CallResult {
  body: string | null;
  rows: number | null;
  total: number | null;
}

/**
 * Calls the function with the named arguments converted to its parameter types by
 * `json_to_record`, as PostgREST does, and shapes the result as PostgREST shapes it: a scalar or a
 * single object for a function returning one value, an array for a set.
 */
async function callRoutine(
  tx: Queryable,
  routine: Routine,
  args: Record<string, unknown>,
  maxRows: number,
): Promise<CallResult> {
  const given = routine.parameters.filter((p) => Object.hasOwn(args, p.name));
  const recordType = given.map((p) => `${quote(p.name)} ${p.type}`).join(", ");
  const callArgs = given.map((p) => `${quote(p.name)} := _args.${quote(p.name)}`).join(", ");
  const call = `${quote(routine.schema)}.${quote(routine.name)}(${callArgs})`;
  const params = given.length > 0 ? [JSON.stringify(args)] : [];
  // The arguments as one typed row, joined laterally so the function runs exactly once.
  const argsRow = given.length > 0 ? `json_to_record($1::json) as _args(${recordType})` : "";
  const fromCall = (alias: string) =>
    argsRow ? `from ${argsRow}, lateral ${call} as ${alias}` : `from ${call} as ${alias}`;

  if (routine.returnsVoid) {
    await tx.query(`select ${call} ${argsRow ? `from ${argsRow}` : ""}`, params);
    return { body: null, rows: null, total: null };
  }
  if (!routine.returnsSet) {
    const sql = routine.returnsComposite
      ? `select row_to_json(_r)::text as body ${fromCall("_r")}`
      : `select to_json(_r.pgrst_scalar)::text as body ${fromCall("_r(pgrst_scalar)")}`;
    const [row] = await tx.query<{ body: string | null }>(sql, params);
    return { body: row?.body ?? "null", rows: null, total: null };
  }
  const element = routine.returnsComposite ? "row_to_json(_r)" : "to_json(_r.pgrst_scalar)";
  const [row] = await tx.query<{ body: string; rows: number; total: number }>(
    `select coalesce(json_agg(_n.element order by _n.position) filter (where _n.position <= ${maxRows}), '[]'::json)::text as body,
            least(count(*), ${maxRows})::int as rows,
            count(*)::int as total
     from (select ${element} as element, row_number() over () as position
           ${fromCall(routine.returnsComposite ? "_r" : "_r(pgrst_scalar)")}) _n`,
    params,
  );
  return { body: row?.body ?? "[]", rows: row?.rows ?? 0, total: row?.total ?? 0 };
}

/** Reads `response.status` and `response.headers`, which a function may set to shape its response. */
async function responseOverrides(
  tx: Queryable,
): Promise<{ status: number | null; headers: Record<string, string> }> {
  const [row] = await tx.query<{ status: string | null; headers: string | null }>(
    "select current_setting('response.status', true) as status, current_setting('response.headers', true) as headers",
  );
  const headers: Record<string, string> = {};
  if (row?.headers) {
    const parsed = z.array(z.record(z.string(), z.string())).safeParse(JSON.parse(row.headers));
    if (parsed.success) for (const entry of parsed.data) Object.assign(headers, entry);
  }
  const status = row?.status ? Number(row.status) : null;
  return { status: status !== null && Number.isInteger(status) ? status : null, headers };
}

function errorResponse(error: PostgrestError): Response {
  return json(error.status, error.body, error.headers ?? {});
}

/** Verifies a user's token the way PostgREST does and returns the role it runs as. */
async function resolveRole(
  identity: RequestIdentity,
  signingKey: SigningKey,
): Promise<RequestRole | PostgrestError> {
  const now = Math.floor(Date.now() / 1000);
  if (identity.kind === "key") {
    // Supabase's gateway swaps a new-format key for a short-lived JWT with just the key's role.
    return {
      role: identity.role,
      claims: { iss: "supabase", ref: "local", role: identity.role, iat: now, exp: now + 60 },
    };
  }
  if (identity.token === "") {
    return postgrestError(
      401,
      "PGRST301",
      "Empty JWT is sent in Authorization header",
      null,
      null,
      {
        "WWW-Authenticate":
          'Bearer error="invalid_token", error_description="Empty JWT is sent in Authorization header"',
      },
    );
  }
  const verdict = await signingKey.verify(identity.token);
  if (!verdict.ok) {
    const message =
      verdict.problem === "expired"
        ? "JWT expired"
        : verdict.problem === "bad_signature"
          ? "JWT cryptographic operation failed"
          : verdict.detail.startsWith("Expected 3 parts")
            ? verdict.detail
            : "JWT couldn't be decoded";
    return postgrestError(
      401,
      verdict.problem === "expired" ? "PGRST303" : "PGRST301",
      message,
      null,
      null,
      {
        "WWW-Authenticate": `Bearer error="invalid_token", error_description="${message}"`,
      },
    );
  }
  const role = typeof verdict.claims.role === "string" ? verdict.claims.role : "anon";
  return { role, claims: verdict.claims };
}

/** The arguments of the call: the JSON object body for POST, the query parameters for GET. */
async function readArguments(
  request: Request,
  url: URL,
): Promise<{ ok: true; args: Record<string, unknown> } | { ok: false; error: PostgrestError }> {
  if (request.method === "GET" || request.method === "HEAD") {
    const args: Record<string, unknown> = {};
    for (const [key, value] of url.searchParams)
      if (!reservedParameters.has(key)) args[key] = value;
    return { ok: true, args };
  }
  const text = await request.text();
  if (text.trim() === "") return { ok: true, args: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return { ok: true, args: parsed as Record<string, unknown> };
    }
  } catch {
    // Falls through to PostgREST's own error below.
  }
  return { ok: false, error: postgrestError(400, "PGRST102", "Empty or invalid json") };
}

/** The request's headers and cookies, as PostgREST puts them in `request.headers` and `request.cookies`. */
function requestSettings(request: Request): { headers: string; cookies: string } {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
  }
  return { headers: JSON.stringify(headers), cookies: JSON.stringify(cookies) };
}

/**
 * `/rest/v1/*`: PostgREST's RPC for what supabase-js sends (POST and GET `/rpc/<fn>`, Accept- and
 * Content-Profile, `Prefer: count=exact`, `Accept: application/vnd.pgrst.object+json`). One
 * transaction per request with the role from the JWT and `request.jwt.claims` / `request.headers`
 * set as PostgREST sets them. Table and view endpoints answer 404: this project exposes none.
 */
export async function handleRest(
  request: Request,
  path: string,
  identity: RequestIdentity,
  context: PostgrestContext,
): Promise<Response> {
  const url = new URL(request.url);
  const { schemas } = context.config.api;
  const readMethod = request.method === "GET" || request.method === "HEAD";
  const profile =
    request.headers.get(readMethod ? "accept-profile" : "content-profile") ?? schemas[0]!;
  if (!schemas.includes(profile)) {
    return errorResponse(
      postgrestError(
        406,
        "PGRST106",
        `Invalid schema: ${profile}`,
        null,
        `Only the following schemas are exposed: ${schemas.join(", ")}`,
      ),
    );
  }
  if (path === "" || path === "/") {
    return errorResponse(postgrestError(404, "PGRST126", "Root endpoint metadata is disabled"));
  }
  const rpc = /^\/rpc\/([^/]+)$/.exec(path);
  if (!rpc) {
    const table = decodeURIComponent(path.replace(/^\//, ""));
    return errorResponse(
      postgrestError(
        404,
        "PGRST205",
        `Could not find the table '${profile}.${table}' in the schema cache`,
        null,
        "This project exposes no tables or views through the Data API; call a function with POST /rest/v1/rpc/<name>.",
      ),
    );
  }
  const functionName = decodeURIComponent(rpc[1]!);
  if (!["GET", "HEAD", "POST"].includes(request.method)) {
    return errorResponse(
      postgrestError(405, "PGRST101", `Cannot use the ${request.method} method on RPC`),
    );
  }
  const accept = request.headers.get("accept") ?? "*/*";
  const singular = accept.includes("application/vnd.pgrst.object+json");
  if (!singular && !/(^|,)\s*(\*\/\*|application\/json|application\/\*)/.test(accept)) {
    return errorResponse(
      postgrestError(406, "PGRST107", `None of these media types are available: ${accept}`),
    );
  }
  const select = url.searchParams.get("select");
  const unsupported = [...url.searchParams.keys()].filter(
    (key) =>
      (readMethod ? reservedParameters.has(key) : true) &&
      !(key === "select" && (select === "*" || select === "")),
  );
  if (unsupported.length > 0) {
    return errorResponse(
      postgrestError(
        400,
        "PGRST127",
        "Feature not implemented",
        `The local Supabase does not filter, order, page or project RPC results (${unsupported.join(", ")}); return what is needed from the function.`,
      ),
    );
  }

  const requestRole = await resolveRole(identity, context.signingKey);
  if ("status" in requestRole) return errorResponse(requestRole);
  const read = await readArguments(request, url);
  if (!read.ok) return errorResponse(read.error);
  const { args } = read;
  const keys = Object.keys(args);
  const authenticated = requestRole.role !== "anon";
  const prefer = request.headers.get("prefer") ?? "";
  const countExact = /count=exact/.test(prefer);
  const settings = requestSettings(request);

  try {
    return await context.db.transaction(
      async (tx) => {
        const routines = await prepareRequest(tx, profile, functionName, {
          searchPath: [profile, ...context.config.api.extra_search_path].map(quote).join(", "),
          role: requestRole.role,
          claims: JSON.stringify(requestRole.claims),
          headers: settings.headers,
          cookies: settings.cookies,
          method: request.method,
          path: url.pathname.replace(/^\/rest\/v1/, ""),
        });
        const candidates = routines.filter((routine) => matches(routine, keys));
        if (candidates.length === 0) {
          const signature =
            keys.length > 0 ? `(${[...keys].sort().join(", ")})` : " without parameters";
          const searched =
            keys.length > 0
              ? ` with parameter${keys.length > 1 ? "s" : ""} ${[...keys].sort().join(", ")}`
              : " without parameters";
          return errorResponse(
            postgrestError(
              404,
              "PGRST202",
              `Could not find the function ${profile}.${functionName}${signature} in the schema cache`,
              `Searched for the function ${profile}.${functionName}${searched}${readMethod ? "" : " or with a single unnamed json/jsonb parameter"}, but no matches were found in the schema cache.`,
              null,
            ),
          );
        }
        if (candidates.length > 1) {
          return errorResponse(
            postgrestError(
              300,
              "PGRST203",
              `Could not choose the best candidate function between: ${candidates
                .map(
                  (c) =>
                    `${c.schema}.${c.name}(${c.parameters.map((p) => `${p.name} => ${p.type}`).join(", ")})`,
                )
                .join(", ")}`,
              null,
              "Try renaming the parameters or the function itself in the database so function overloading can be resolved",
            ),
          );
        }
        const routine = candidates[0]!;
        if (!readMethod && routine.volatility !== "v") await tx.query("set transaction read only");
        const result = await callRoutine(tx, routine, args, context.config.api.max_rows);
        const overrides = await responseOverrides(tx);
        const headers: Record<string, string> = { ...overrides.headers };
        if (result.body === null) {
          return new Response(null, { status: overrides.status ?? 204, headers });
        }
        let body = result.body;
        if (result.rows !== null) {
          headers["Content-Range"] =
            result.rows === 0
              ? `*/${countExact ? result.total : "*"}`
              : `0-${result.rows - 1}/${countExact ? result.total : "*"}`;
          if (singular) {
            if (result.rows !== 1) {
              return errorResponse(
                postgrestError(
                  406,
                  "PGRST116",
                  "Cannot coerce the result to a single JSON object",
                  `The result contains ${result.total} rows`,
                ),
              );
            }
            body = JSON.stringify((JSON.parse(body) as unknown[])[0]);
          }
        }
        return new Response(request.method === "HEAD" ? null : body, {
          status: overrides.status ?? 200,
          headers: {
            "Content-Type": singular
              ? "application/vnd.pgrst.object+json; charset=utf-8"
              : "application/json; charset=utf-8",
            ...headers,
          },
        });
      },
      { readOnly: readMethod },
    );
  } catch (error) {
    if (isDatabaseError(error)) return errorResponse(fromDatabaseError(error, authenticated));
    throw error;
  }
}
