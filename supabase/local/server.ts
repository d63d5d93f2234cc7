import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { localApiKeys } from "./api-keys.ts";
import { createAuthMailer } from "./auth-mail.ts";
import { loadLocalConfig } from "./config.ts";
import {
  openPgliteDatabase,
  openPostgresDatabase,
  type Database,
  type PgliteDatabase,
} from "./database.ts";
import { createGateway } from "./gateway.ts";
import type { GotrueContext } from "./gotrue.ts";
import { serveHttp } from "./http.ts";
import { loadSigningKey } from "./jwt.ts";
import { startMailCatcher } from "./mail-catcher.ts";
import {
  findSchemaSources,
  fingerprintSchema,
  migrateDatabase,
  type SchemaSources,
} from "./migrations.ts";
import { RateLimiter } from "./rate-limit.ts";
import { startSocketServer, type SocketServer } from "./socket-server.ts";

/** The repository root (where supabase/ lives), found from this file's location. */
export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Where `npm run supabase:start` and `npm run dev` keep the embedded database and the signing key. */
export const defaultStateDir = join(projectRoot, ".data", "local-supabase");

/** How to start the local Supabase. Every field has a default from supabase/config.toml. */
export interface LocalSupabaseOptions {
  /** The project root holding supabase/config.toml, migrations and seed. */
  root?: string;
  /** Interface to listen on; only loopback is sensible (nothing here is authenticated for real). */
  host?: string;
  /** Ports; 0 picks a free one. Defaults: config.toml's 54321, 54322, 54324, 54325. */
  apiPort?: number;
  dbPort?: number;
  mailPort?: number;
  smtpPort?: number;
  /** A PostgreSQL URL to run on instead of PGlite (the database must exist; it is migrated). */
  databaseUrl?: string | undefined;
  /** PGlite's data directory, kept across restarts; null keeps the database in memory. */
  dataDir?: string | null;
  /** The ES256 signing key file; null generates a key in memory. */
  signingKeyPath?: string | null;
  /** Where snapshots of freshly built databases are cached (see {@link openEmbeddedDatabase}); null: none. */
  snapshotDir?: string | null;
  /** Where start-up progress and errors go. */
  log?: (line: string) => void;
}

/** A running local Supabase. */
export interface LocalSupabase {
  /** `SUPABASE_URL`: the API (PostgREST under /rest/v1, Auth under /auth/v1). */
  url: string;
  publishableKey: string;
  secretKey: string;
  /** `DATABASE_URL`: the wire port in front of PGlite, or the PostgreSQL it runs on. */
  databaseUrl: string;
  /** The mail catcher's web UI and Mailpit-style API. */
  mailUrl: string;
  smtpPort: number;
  /** Milliseconds from the call to ready. */
  startupMs: number;
  /** Whether the database was built fresh (migrations and seed applied) by this start. */
  fresh: boolean;
  /**
   * Replaces the embedded database kept on disk with a fresh one (migrations and seed), while the
   * API, wire port and mail catcher keep running: `npm run db:reset` on a running server.
   */
  reset(): Promise<void>;
  /** Requests waiting for the embedded database's single connection (always 0 on PostgreSQL). */
  waitingForDatabase(): number;
  stop(): Promise<void>;
}

/** The installed PGlite's version: a snapshot is only valid for the PGlite that wrote it. */
async function pgliteVersion(): Promise<string> {
  // createRequire, not import.meta.resolve: Vitest's module runner (global setups) lacks the latter.
  let dir = join(createRequire(import.meta.url).resolve("@electric-sql/pglite"), "..");
  while (!existsSync(join(dir, "package.json")) || !dir.includes("pglite")) dir = join(dir, "..");
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
    version?: string;
  };
  return manifest.version ?? "unknown";
}

async function readSnapshot(path: string): Promise<Blob | null> {
  try {
    return new Blob([await readFile(path)]);
  } catch {
    return null;
  }
}

/**
 * A freshly built embedded database takes PGlite's initdb (several seconds) plus every migration. A
 * snapshot of the result, keyed by the fingerprint of bootstrap, migrations and seed, makes the next
 * fresh database a copy: the same bytes, in about a second. Older snapshots are removed.
 */
async function freshSnapshot(
  sources: SchemaSources,
  root: string,
  snapshotDir: string | null,
  log: (line: string) => void,
): Promise<{ fingerprint: string; snapshot: Blob }> {
  const fingerprint = await fingerprintSchema(sources, `pglite ${await pgliteVersion()}`);
  const path = snapshotDir ? join(snapshotDir, `${fingerprint}.tar`) : null;
  const cached = path ? await readSnapshot(path) : null;
  if (cached) return { fingerprint, snapshot: cached };
  log("Building a fresh database (initdb, migrations, seed); later starts reuse a snapshot of it.");
  const db = await openPgliteDatabase();
  try {
    await migrateDatabase(db, sources, root);
    // A checkpoint first, so a copy starts without replaying the write-ahead log.
    await db.exec("checkpoint");
    const snapshot = await db.pglite.dumpDataDir("none");
    if (path && snapshotDir) {
      await mkdir(snapshotDir, { recursive: true });
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, Buffer.from(await snapshot.arrayBuffer()));
      await rename(temporary, path);
      for (const name of await readdir(snapshotDir)) {
        if (name.startsWith(fingerprint) || name.endsWith(".tmp")) continue;
        const old = join(snapshotDir, name);
        // Another process may be reading a snapshot it just chose; leave recent ones alone.
        if (Date.now() - (await stat(old)).mtimeMs > 60_000)
          await rm(old, { recursive: true, force: true });
      }
    }
    return { fingerprint, snapshot };
  } finally {
    await db.close();
  }
}

/**
 * A fresh data directory on disk. Unpacking the snapshot through PGlite's file system is slow, so
 * the snapshot is unpacked once into a template directory next to it, and every fresh data
 * directory after that is a plain file copy of the template.
 */
async function freshDataDir(
  dataDir: string,
  sources: SchemaSources,
  root: string,
  snapshotDir: string | null,
  log: (line: string) => void,
): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
  if (!snapshotDir) {
    const { snapshot } = await freshSnapshot(sources, root, snapshotDir, log);
    await mkdir(dataDir, { recursive: true });
    await (await openPgliteDatabase({ dataDir, snapshot })).close();
    return;
  }
  const template = join(
    snapshotDir,
    await fingerprintSchema(sources, `pglite ${await pgliteVersion()}`),
  );
  if (!existsSync(join(template, "PG_VERSION"))) {
    const { snapshot } = await freshSnapshot(sources, root, snapshotDir, log);
    const unpacking = `${template}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(unpacking, { recursive: true });
    await (await openPgliteDatabase({ dataDir: unpacking, snapshot })).close();
    await rename(unpacking, template).catch(async () => {
      // Another process unpacked the same template first; theirs is as good.
      await rm(unpacking, { recursive: true, force: true });
    });
  }
  await cp(template, dataDir, { recursive: true });
}

/**
 * Opens the embedded database: an existing data directory as it is (with new migrations applied),
 * or a fresh one from the snapshot of bootstrap + migrations + seed (kept on disk when `dataDir`
 * is given, in memory otherwise).
 */
async function openEmbeddedDatabase(
  sources: SchemaSources,
  root: string,
  dataDir: string | null,
  snapshotDir: string | null,
  log: (line: string) => void,
) {
  if (!dataDir) {
    const { snapshot } = await freshSnapshot(sources, root, snapshotDir, log);
    return { db: await openPgliteDatabase({ snapshot }), fresh: true };
  }
  const fresh = !existsSync(join(dataDir, "PG_VERSION"));
  if (fresh) await freshDataDir(dataDir, sources, root, snapshotDir, log);
  const db = await openPgliteDatabase({ dataDir });
  const report = await migrateDatabase(db, sources, root).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  if (report.applied.length > 0) log(`Applied new migrations: ${report.applied.join(", ")}`);
  return { db, fresh };
}

/**
 * Starts the local Supabase: the database (PGlite or PostgreSQL) migrated and, when fresh, seeded;
 * the PostgreSQL wire port (PGlite only); the mail catcher; and the HTTP API that supabase-js
 * talks to. Stop it with `stop()`; a second start on the same data directory keeps the data.
 */
export async function startLocalSupabase(
  options: LocalSupabaseOptions = {},
): Promise<LocalSupabase> {
  const started = performance.now();
  const root = options.root ?? projectRoot;
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const config = await loadLocalConfig(join(root, "supabase", "config.toml"));
  const sources = await findSchemaSources(root, config);
  const cleanup: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of cleanup.splice(0).reverse())
      await step().catch((error: unknown) => log(String(error)));
  };

  try {
    const signingKey = await loadSigningKey(
      options.signingKeyPath === undefined ? null : options.signingKeyPath,
    );
    const dataDir = options.dataDir ?? null;
    const snapshotDir = options.snapshotDir === undefined ? null : options.snapshotDir;
    const dbPort = options.dbPort ?? config.db.port;
    let db: Database;
    let databaseUrl: string;
    let fresh: boolean;
    /** The embedded database and its wire port, replaced as a pair by reset(). */
    let embedded: { db: PgliteDatabase; socket: SocketServer } | null = null;
    if (options.databaseUrl) {
      const postgres = await openPostgresDatabase(options.databaseUrl);
      db = postgres;
      cleanup.push(() => postgres.close());
      const report = await migrateDatabase(db, sources, root);
      fresh = report.fresh;
      databaseUrl = options.databaseUrl;
    } else {
      const opened = await openEmbeddedDatabase(sources, root, dataDir, snapshotDir, log);
      fresh = opened.fresh;
      const socket = await startSocketServer(opened.db, { host, port: dbPort }).catch(
        async (error: unknown) => {
          await opened.db.close();
          throw new Error(`The database port ${dbPort} is taken: ${(error as Error).message}`, {
            cause: error,
          });
        },
      );
      embedded = { db: opened.db, socket };
      cleanup.push(async () => {
        await embedded?.db.close();
      });
      cleanup.push(async () => {
        await embedded?.socket.stop();
      });
      db = opened.db;
      databaseUrl = `postgresql://postgres:postgres@${host}:${embedded.socket.port}/postgres`;
    }

    const mail = await startMailCatcher({
      host,
      smtpPort: options.smtpPort ?? config.local_smtp.smtp_port,
      webPort: options.mailPort ?? config.local_smtp.port,
      log,
    });
    cleanup.push(() => mail.stop());

    // The API's address is only known once it listens (port 0), and Auth needs it for issuer and
    // links, so the gateway reads it from this object.
    const context: GotrueContext = {
      db,
      config,
      signingKey,
      mailer: createAuthMailer(config, root, mail.smtpPort),
      limiter: new RateLimiter(),
      externalUrl: "",
    };
    const api = await serveHttp(createGateway(context), {
      host,
      port: options.apiPort ?? config.api.port,
      log,
    });
    cleanup.push(() => api.stop());
    context.externalUrl = `http://${host}:${api.port}`;

    return {
      url: context.externalUrl,
      publishableKey: localApiKeys.publishable,
      secretKey: localApiKeys.secret,
      databaseUrl,
      mailUrl: mail.url,
      smtpPort: mail.smtpPort,
      startupMs: Math.round(performance.now() - started),
      fresh,
      async reset() {
        if (!embedded || !dataDir)
          throw new Error("Only the embedded database kept on disk can be reset while running.");
        const { port } = embedded.socket;
        await embedded.socket.stop();
        await embedded.db.close();
        await rm(dataDir, { recursive: true, force: true });
        const opened = await openEmbeddedDatabase(sources, root, dataDir, snapshotDir, log);
        embedded = { db: opened.db, socket: await startSocketServer(opened.db, { host, port }) };
        context.db = opened.db;
      },
      waitingForDatabase: () => embedded?.db.lease.waiting ?? 0,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
