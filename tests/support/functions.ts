import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Config } from "@netlify/functions";
import pg from "pg";
import type { EndpointContext } from "../../src/server/http/endpoint.ts";
import { startLocalSupabase, type TestSupabase } from "./local-supabase.ts";

/**
 * The functions in-process: a request is matched against each function's `config.path` (the same
 * URLPattern syntax Netlify uses) and handed to its default export with the `Context` fields the
 * endpoints read. Netlify's own local runtime starts a worker and re-imports the bundle for every
 * request (1.2–1.5 s a call on these machines); this costs microseconds, so most tests use it. The
 * routing through Netlify itself – paths, methods, headers, netlify.toml rewrites – is tested once
 * per endpoint in tests/integration/routing.test.ts.
 */
export interface FunctionRouter {
  /**
   * The response, or undefined when no function's path matches (as `NetlifyDev.handle`). `context`
   * overrides the `Context` fields, e.g. `{ ip }` for a request from another client address.
   */
  handle(request: Request, context?: Partial<EndpointContext>): Promise<Response | undefined>;
  /** Waits for the work functions left running after their response (`context.waitUntil`). */
  settle(): Promise<void>;
}

type Handler = (request: Request, context: EndpointContext) => Promise<Response>;

const functionsDir = fileURLToPath(new URL("../../netlify/functions/", import.meta.url));

/** Every function with a path, as Netlify would route them. */
async function loadRoutes(): Promise<{ patterns: URLPattern[]; handler: Handler }[]> {
  const routes = [];
  for (const file of (await readdir(functionsDir)).sort()) {
    if (!file.endsWith(".ts")) continue;
    const module = (await import(pathToFileURL(functionsDir + file).href)) as {
      default: Handler;
      config?: Config;
    };
    const paths = module.config?.path;
    if (!paths) continue; // scheduled functions have no path
    routes.push({
      patterns: (Array.isArray(paths) ? paths : [paths]).map(
        (pathname) => new URLPattern({ pathname }),
      ),
      handler: module.default,
    });
  }
  return routes;
}

/** The in-process router over netlify/functions/. */
export async function createFunctionRouter(): Promise<FunctionRouter> {
  const routes = await loadRoutes();
  const pending: Promise<unknown>[] = [];
  return {
    async handle(request, context = {}) {
      for (const route of routes) {
        for (const pattern of route.patterns) {
          const match = pattern.exec(request.url);
          if (!match) continue;
          const params = Object.fromEntries(
            Object.entries(match.pathname.groups).filter(
              (entry): entry is [string, string] => entry[1] !== undefined,
            ),
          );
          return route.handler(request, {
            requestId: crypto.randomUUID(),
            params,
            ip: "127.0.0.1",
            waitUntil: (promise) => void pending.push(promise),
            ...context,
          });
        }
      }
      return undefined;
    },
    async settle() {
      await Promise.all(pending.splice(0));
    },
  };
}

/** The functions on a local Supabase of the test file's own. */
export interface FunctionsStack {
  local: TestSupabase;
  /** The functions, called in-process. */
  functions: FunctionRouter;
  /** A superuser connection to the same database, for fixtures and for checking what was stored. */
  db: pg.Client;
  stop(): Promise<void>;
}

/**
 * Starts a local Supabase and points the functions at it (publishable key only, as a visitor's
 * request has; `secretKey` adds the secret key, `signingKeyPath` writes Auth's signing key to a file
 * for tests that mint tokens). Call `stop()` in `afterAll`.
 */
export async function startFunctionsStack(
  options: { secretKey?: boolean; signingKeyPath?: string } = {},
): Promise<FunctionsStack> {
  const local = await startLocalSupabase({ signingKeyPath: options.signingKeyPath });
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = local.publishableKey;
  if (options.secretKey) process.env.SUPABASE_SECRET_KEY = local.secretKey;
  else delete process.env.SUPABASE_SECRET_KEY;
  const functions = await createFunctionRouter();
  const db = new pg.Client({ connectionString: local.databaseUrl });
  await db.connect();
  return {
    local,
    functions,
    db,
    async stop() {
      await functions.settle();
      await db.end();
      await local.stop();
    },
  };
}
