import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import type { Pool, PoolClient } from "pg";

/** A row as the drivers return it: column name → value. */
export type Row = Record<string, unknown>;

/** Something SQL can be sent to: the database, or one transaction on it. */
export interface Queryable {
  /** One statement with `$1…` parameters; returns its rows. Parameters are strings, numbers, booleans or null. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Any number of statements without parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

/** Options for one transaction. */
export interface TransactionOptions {
  /** `begin read only`, as PostgREST does for GET and for stable functions. */
  readOnly?: boolean;
}

/**
 * The database the local Supabase runs on: the embedded PGlite, or a real PostgreSQL when
 * `DATABASE_URL` is set. Everything the HTTP API does happens in {@link Database.transaction}, one
 * transaction per request, as PostgREST and GoTrue do.
 */
export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** The error fields PostgreSQL reports (both drivers expose them under these names). */
export interface DatabaseError {
  code: string;
  message: string;
  detail?: string | undefined;
  hint?: string | undefined;
}

/** Whether an error came from PostgreSQL (it has a SQLSTATE), rather than from the driver or our code. */
export function isDatabaseError(error: unknown): error is DatabaseError & Error {
  return (
    error instanceof Error &&
    typeof (error as Partial<DatabaseError>).code === "string" &&
    /^[0-9A-Z]{5}$/.test((error as unknown as DatabaseError).code)
  );
}

/**
 * Exclusive use of PGlite's single connection. PGlite is one PostgreSQL backend: two transactions
 * must never interleave on it. The HTTP API holds the lease for a whole transaction; a client on the
 * wire port holds it from its first message until it is idle again (see socket-server.ts). Waiters
 * are served in arrival order.
 */
export class ConnectionLease {
  #held = false;
  #waiting: (() => void)[] = [];

  /** Waits for the lease; call the returned function exactly once to hand it on. */
  async acquire(): Promise<() => void> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#held = false;
    };
  }

  /** How many are waiting for the lease right now (tests wait for a request to queue, not for time). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `work` while holding the lease. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** The embedded database, with what the wire-port server needs to share it safely. */
export interface PgliteDatabase extends Database {
  readonly kind: "pglite";
  readonly pglite: PGlite;
  readonly lease: ConnectionLease;
}

/** Where the embedded database comes from. */
export interface PgliteSource {
  /** Directory to keep the database in (persisted across restarts); omitted: in memory. */
  dataDir?: string | undefined;
  /** A data-directory tarball (PGlite's `dumpDataDir`) to start from instead of an empty cluster. */
  snapshot?: Blob | undefined;
}

/**
 * Opens PGlite with the two extensions the migrations use (pgcrypto for bcrypt and random bytes,
 * pg_trgm for similar ideas), loaded from `@electric-sql/pglite/contrib/*`.
 */
export async function openPgliteDatabase(source: PgliteSource = {}): Promise<PgliteDatabase> {
  const pglite = await PGlite.create({
    ...(source.dataDir ? { dataDir: source.dataDir } : {}),
    ...(source.snapshot ? { loadDataDir: source.snapshot } : {}),
    extensions: { pgcrypto, pg_trgm },
  });
  const lease = new ConnectionLease();
  const wrap = (target: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const direct = wrap(pglite);
  return {
    kind: "pglite",
    pglite,
    lease,
    query: (sql, params) => lease.run(() => direct.query(sql, params)),
    exec: (sql) => lease.run(() => direct.exec(sql)),
    transaction: (work, options = {}) =>
      lease.run(() =>
        pglite.transaction(async (tx) => {
          if (options.readOnly) await tx.exec("set transaction read only");
          return work(wrap(tx));
        }),
      ),
    async close() {
      await lease.run(() => pglite.close());
    },
  };
}

/**
 * node-postgres, loaded only when a real PostgreSQL is used: the embedded database starts faster
 * without it.
 */
async function loadPg() {
  return (await import("pg")).default;
}

/** A connection pool on a real PostgreSQL server (DATABASE_URL). */
export async function openPostgresDatabase(url: string): Promise<Database> {
  const pg = await loadPg();
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client that loses its connection must not crash the server; the next query reconnects.
  pool.on("error", () => {});
  const wrap = (target: Pool | PoolClient): Queryable => ({
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  const direct = wrap(pool);
  return {
    kind: "postgres",
    query: direct.query,
    exec: direct.exec,
    async transaction(work, options = {}) {
      const client = await pool.connect();
      // A connection that dies while checked out (the server restarts, the backend is terminated)
      // reports on the client, not the pool: listen, so it fails this request instead of the
      // process, and destroy the client instead of returning it to the pool.
      let broken = false;
      const onError = () => {
        broken = true;
      };
      client.on("error", onError);
      try {
        await client.query(options.readOnly ? "begin read only" : "begin");
        const result = await work(wrap(client));
        await client.query("commit");
        return result;
      } catch (error) {
        if (!broken)
          broken = !(await client.query("rollback").then(
            () => true,
            () => false,
          ));
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** A database created for one run, on a PostgreSQL server, and dropped afterwards. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named, empty database on the server `serverUrl` points at, so parallel test
 * files never share state. Roles are cluster-wide and stay; everything else goes with `drop()`.
 */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const pg = await loadPg();
  const name = `local_supabase_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
