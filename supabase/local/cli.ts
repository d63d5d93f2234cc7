import { execFile, spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseEnv, promisify } from "node:util";
import { z } from "zod";
import { loadLocalConfig } from "./config.ts";
import { defaultStateDir, projectRoot, startLocalSupabase, type LocalSupabase } from "./server.ts";

/*
 * The local Supabase's commands, run by Node 24 directly (type stripping):
 *   node supabase/local/cli.ts start    npm run supabase:start  the server, until Ctrl-C
 *   node supabase/local/cli.ts status   npm run supabase:status SUPABASE_URL=… lines of the running server
 *   node supabase/local/cli.ts reset    npm run db:reset        a fresh embedded database (migrations + seed)
 *   node supabase/local/cli.ts types    npm run db:types        src/server/database.types.ts from the migrations
 *   node supabase/local/cli.ts dev      npm run dev             the server, then `astro dev`; both stop together
 *   node supabase/local/cli.ts build    npm run build           the server, then `astro build`; both stop after it
 *   node supabase/local/cli.ts serve    npm run serve           the server, then the production build on :8888
 */

const run = promisify(execFile);
const stateFile = join(defaultStateDir, "server.json");
const dataDir = join(defaultStateDir, "pgdata");
const signingKeyPath = join(defaultStateDir, "signing_keys.json");
const snapshotDir = join(defaultStateDir, "snapshots");
/** Where `npm run db:types` writes the generated types. */
export const databaseTypesPath = join(projectRoot, "src", "server", "database.types.ts");

const stateSchema = z.object({
  pid: z.number().int(),
  url: z.string(),
  publishableKey: z.string(),
  secretKey: z.string(),
  databaseUrl: z.string(),
  mailUrl: z.string(),
  smtpPort: z.number().int(),
  resetAt: z.number().optional(),
});

/** What a running server writes to .data/local-supabase/server.json for `status`, `reset` and `dev`. */
type ServerState = z.infer<typeof stateSchema>;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The lines `supabase:status` prints, ready for `.env` or `eval`. */
function envLines(
  state: Pick<ServerState, "url" | "publishableKey" | "secretKey" | "databaseUrl">,
): string {
  return [
    `SUPABASE_URL=${state.url}`,
    `SUPABASE_PUBLISHABLE_KEY=${state.publishableKey}`,
    `SUPABASE_SECRET_KEY=${state.secretKey}`,
    `DATABASE_URL=${state.databaseUrl}`,
  ].join("\n");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running server's state, or null when none answers. */
async function readRunningState(): Promise<ServerState | null> {
  let state: ServerState;
  try {
    state = stateSchema.parse(JSON.parse(await readFile(stateFile, "utf8")));
  } catch {
    return null;
  }
  if (!isAlive(state.pid)) return null;
  try {
    const response = await fetch(`${state.url}/auth/v1/health`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok ? state : null;
  } catch {
    return null;
  }
}

/**
 * The PostgreSQL to run on: `DATABASE_URL` when it names another server. A DATABASE_URL that points
 * at this server's own wire port (copied from `supabase:status`) is ignored.
 */
async function externalDatabaseUrl(): Promise<string | undefined> {
  const value = process.env.DATABASE_URL;
  if (!value) return undefined;
  const config = await loadLocalConfig(join(projectRoot, "supabase", "config.toml"));
  const url = new URL(value);
  const ownPort =
    ["127.0.0.1", "localhost"].includes(url.hostname) && url.port === String(config.db.port);
  return ownPort ? undefined : value;
}

async function startPersistent(): Promise<LocalSupabase> {
  const databaseUrl = await externalDatabaseUrl();
  const server = await startLocalSupabase({
    databaseUrl,
    dataDir,
    signingKeyPath,
    snapshotDir,
    log,
  });
  await writeState(server);
  return server;
}

async function writeState(server: LocalSupabase, extra: Partial<ServerState> = {}): Promise<void> {
  const state: ServerState = {
    pid: process.pid,
    url: server.url,
    publishableKey: server.publishableKey,
    secretKey: server.secretKey,
    databaseUrl: server.databaseUrl,
    mailUrl: server.mailUrl,
    smtpPort: server.smtpPort,
    ...extra,
  };
  await mkdir(defaultStateDir, { recursive: true });
  await writeFile(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function printReady(server: LocalSupabase): void {
  log(
    [
      `Local Supabase ready in ${server.startupMs} ms${server.fresh ? " (fresh database: migrations and seed applied)" : ""}.`,
      `  API          ${server.url}`,
      `  Database     ${server.databaseUrl}`,
      `  Mail (web)   ${server.mailUrl}`,
      `  Mail (SMTP)  127.0.0.1:${server.smtpPort}`,
      "  Demo users   samordnare@example.se, granskare.skovde@example.se, granskare.lidkoping@example.se, granskare.region@example.se",
      "               password Innovation-2026! (local only)",
      "  Keys         the Supabase CLI's public development keys (npm run supabase:status): local only.",
    ].join("\n"),
  );
}

/** Stops the server on Ctrl-C or SIGTERM, and resets it on SIGUSR2 (sent by `db:reset`). */
function serveUntilSignalled(server: LocalSupabase, onStop: () => void = () => {}): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await rm(stateFile, { force: true });
    onStop();
  };
  process.on("SIGINT", () => void stop().then(() => process.exit(130)));
  process.on("SIGTERM", () => void stop().then(() => process.exit(143)));
  process.on("SIGUSR2", () => {
    void server
      .reset()
      .then(() => writeState(server, { resetAt: Date.now() }))
      .then(() => log("Database reset: migrations and seed applied."))
      .catch((error: unknown) => log(`Reset failed: ${(error as Error).message}`));
  });
}

async function start(): Promise<void> {
  const running = await readRunningState();
  if (running) {
    log(`The local Supabase is already running (pid ${running.pid}).`);
    process.stdout.write(`${envLines(running)}\n`);
    return;
  }
  const server = await startPersistent();
  printReady(server);
  process.stdout.write(`${envLines(server)}\n`);
  serveUntilSignalled(server);
}

async function status(): Promise<void> {
  const running = await readRunningState();
  if (!running) {
    log(
      "The local Supabase is not running. Start it with `npm run supabase:start` or `npm run dev`.",
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${envLines(running)}\n`);
}

async function reset(): Promise<void> {
  const running = await readRunningState();
  if (running) {
    const requested = Date.now();
    process.kill(running.pid, "SIGUSR2");
    const deadline = requested + 120_000;
    for (;;) {
      const state = stateSchema.safeParse(
        JSON.parse(await readFile(stateFile, "utf8").catch(() => "{}")),
      );
      if (state.success && (state.data.resetAt ?? 0) >= requested) break;
      if (Date.now() > deadline)
        throw new Error("The running server did not confirm the reset within two minutes.");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    log("The running local Supabase now has a fresh database (migrations and seed applied).");
    return;
  }
  if (await externalDatabaseUrl()) {
    throw new Error(
      "db:reset manages the embedded database only; reset the PostgreSQL in DATABASE_URL yourself.",
    );
  }
  await rm(dataDir, { recursive: true, force: true });
  const server = await startLocalSupabase({
    dataDir,
    signingKeyPath,
    snapshotDir,
    apiPort: 0,
    dbPort: 0,
    mailPort: 0,
    smtpPort: 0,
    log,
  });
  await server.stop();
  log("Fresh local database ready (migrations and seed applied).");
}

/**
 * Generates the api schema's TypeScript types with the Supabase CLI (`gen types typescript`) from a
 * throw-away database built from the migrations, so the result depends on the migrations only
 * (or from `databaseUrl`, a database freshly built from them, e.g. a test's).
 * `sslmode=disable`: the wire port has no TLS, and the CLI would otherwise print a notice about it
 * into the generated file.
 */
export async function generateDatabaseTypes(databaseUrl?: string): Promise<string> {
  const server = databaseUrl
    ? null
    : await startLocalSupabase({ apiPort: 0, dbPort: 0, mailPort: 0, smtpPort: 0, snapshotDir });
  const remote = databaseUrl ?? server?.databaseUrl ?? "";
  try {
    const { stdout } = await run(
      process.execPath,
      [
        join(projectRoot, "node_modules", "supabase", "dist", "supabase.js"),
        "gen",
        "types",
        "typescript",
        `--remote=${remote}${remote.includes("?") ? "&" : "?"}sslmode=disable`,
        "--schema",
        "api",
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1" },
        maxBuffer: 10_000_000,
      },
    );
    // The CLI starts its output with an empty line; the file starts with the code.
    return stdout.trimStart();
  } finally {
    await server?.stop();
  }
}

async function types(): Promise<void> {
  await writeFile(databaseTypesPath, await generateDatabaseTypes());
  log(`Wrote ${databaseTypesPath}`);
}

/**
 * SUPABASE_URL as `astro dev` will see it: the shell's, else the last of the .env files Vite reads
 * for development that sets it.
 */
async function configuredSupabaseUrl(): Promise<string | undefined> {
  if (process.env.SUPABASE_URL) return process.env.SUPABASE_URL;
  let found: string | undefined;
  for (const name of [".env", ".env.local", ".env.development", ".env.development.local"]) {
    const text = await readFile(join(projectRoot, name), "utf8").catch(() => null);
    const value = text === null ? undefined : parseEnv(text).SUPABASE_URL;
    if (value) found = value;
  }
  return found;
}

/** What to run beside the local Supabase, and whether it ends by itself. */
interface ChildCommand {
  /** The script to run with this Node, and its arguments. */
  script: string;
  args: string[];
  /** What the command is, for the log line. */
  label: string;
}

/**
 * Runs a command with the local Supabase's address and keys in its environment: the local Supabase
 * is started first, unless SUPABASE_URL points somewhere else (hosted Supabase or `supabase start`),
 * one is already running, or this is a Netlify build (which must be configured, never fall back).
 * When the command ends, or on Ctrl-C, both stop.
 */
async function runWithLocalSupabase(command: ChildCommand): Promise<void> {
  const config = await loadLocalConfig(join(projectRoot, "supabase", "config.toml"));
  const localUrls = [`http://127.0.0.1:${config.api.port}`, `http://localhost:${config.api.port}`];
  const configured = await configuredSupabaseUrl();
  let env: NodeJS.ProcessEnv = { ...process.env };
  let server: LocalSupabase | null = null;
  if (process.env.NETLIFY === "true") {
    log(`Netlify build: ${command.label} with the configured Supabase (SUPABASE_URL).`);
  } else if (configured && !localUrls.includes(configured.replace(/\/$/, ""))) {
    log(`SUPABASE_URL is set to ${configured}; not starting the local Supabase.`);
  } else {
    const running = await readRunningState();
    if (running) {
      log(`Using the local Supabase already running (pid ${running.pid}).`);
      env = {
        ...env,
        SUPABASE_URL: running.url,
        SUPABASE_PUBLISHABLE_KEY: running.publishableKey,
        SUPABASE_SECRET_KEY: running.secretKey,
      };
    } else {
      server = await startPersistent();
      printReady(server);
      env = {
        ...env,
        SUPABASE_URL: server.url,
        SUPABASE_PUBLISHABLE_KEY: server.publishableKey,
        SUPABASE_SECRET_KEY: server.secretKey,
      };
    }
  }
  const child = spawn(process.execPath, [command.script, ...command.args], {
    cwd: projectRoot,
    env,
    stdio: "inherit",
  });
  if (server) serveUntilSignalled(server, () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => {
    const exit = () => process.exit(code ?? (signal ? 1 : 0));
    if (server)
      void server
        .stop()
        .then(() => rm(stateFile, { force: true }))
        .then(exit);
    else exit();
  });
}

const astroBin = join(projectRoot, "node_modules", "astro", "bin", "astro.mjs");

/** `npm run dev`: `astro dev` with the functions, beside the local Supabase. */
const dev = (args: string[]) =>
  runWithLocalSupabase({ script: astroBin, args: ["dev", ...args], label: "astro dev" });

/**
 * `npm run build`: the static site, built from the database it reads (the form's choices, the idea
 * bank, the statistics) – the local Supabase on a developer's machine.
 */
const build = (args: string[]) =>
  runWithLocalSupabase({ script: astroBin, args: ["build", ...args], label: "astro build" });

/** `npm run serve`: the production build with its functions on port 8888, beside the local Supabase. */
const serve = (args: string[]) =>
  runWithLocalSupabase({
    script: join(projectRoot, "scripts", "serve.ts"),
    args,
    label: "the production build",
  });

const commands: Record<string, (args: string[]) => Promise<void>> = {
  start,
  status,
  reset,
  types,
  dev,
  build,
  serve,
};

if (import.meta.main) {
  const [command = "", ...args] = process.argv.slice(2);
  const action = commands[command];
  if (!action) {
    log(`Usage: node supabase/local/cli.ts <${Object.keys(commands).join("|")}>`);
    process.exitCode = 2;
  } else {
    action(args).catch((error: unknown) => {
      log(`local Supabase: ${(error as Error).message}`);
      process.exit(1);
    });
  }
}
