import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { LocalConfig } from "./config.ts";
import type { Database, Queryable } from "./database.ts";

/** A migration file, `<version>_<name>.sql` as `supabase migration new` names it. */
export interface MigrationFile {
  version: string;
  name: string;
  path: string;
}

/** The files the database is built from, in the order they are applied. */
export interface SchemaSources {
  bootstrap: string;
  migrations: MigrationFile[];
  seeds: string[];
}

const migrationName = /^([0-9]+)_(.*)\.sql$/;

/** Lists supabase/migrations/*.sql by version, as the Supabase CLI orders them. */
export async function listMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const names = await readdir(migrationsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  return names
    .flatMap((name) => {
      const match = migrationName.exec(name);
      return match
        ? [{ version: match[1]!, name: match[2]!, path: join(migrationsDir, name) }]
        : [];
    })
    .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

/** Finds the bootstrap, migrations and seed files of the project at `root`. */
export async function findSchemaSources(root: string, config: LocalConfig): Promise<SchemaSources> {
  const supabaseDir = join(root, "supabase");
  return {
    bootstrap: join(supabaseDir, "local", "bootstrap.sql"),
    migrations: config.db.migrations.enabled
      ? await listMigrations(join(supabaseDir, "migrations"))
      : [],
    seeds: config.db.seed.enabled
      ? config.db.seed.sql_paths.map((path) => join(supabaseDir, path))
      : [],
  };
}

/**
 * A hash of everything that shapes a fresh database: bootstrap, every migration (name and text) and
 * the seed. Two fresh databases with the same fingerprint are identical, so a snapshot of one can
 * stand in for building the other (see snapshots in server.ts).
 */
export async function fingerprintSchema(sources: SchemaSources, salt: string): Promise<string> {
  const hash = createHash("sha256").update(salt);
  for (const path of [
    sources.bootstrap,
    ...sources.migrations.map((file) => file.path),
    ...sources.seeds,
  ]) {
    hash.update(`\0${path.split(/[\\/]/).pop()}\0`).update(await readFile(path));
  }
  return hash.digest("hex").slice(0, 16);
}

/** A real Supabase database already has Auth's own roles; it needs no bootstrap. */
async function isSupabaseDatabase(db: Queryable): Promise<boolean> {
  const rows = await db.query(
    "select 1 from pg_catalog.pg_roles where rolname = 'supabase_auth_admin'",
  );
  return rows.length > 0;
}

/** What {@link migrateDatabase} did. */
export interface MigrationReport {
  /** The database had no migration history: it was bootstrapped and seeded. */
  fresh: boolean;
  /** Versions applied now, in order. */
  applied: string[];
}

/**
 * Brings a database up to date the way `supabase db reset` / `supabase migration up` do:
 * bootstrap (only on a non-Supabase database), then every migration not yet recorded in
 * `supabase_migrations.schema_migrations` (the CLI's own table, so `supabase db push` and this
 * server agree), each in its own transaction, then the seed files on a fresh database, recorded in
 * `supabase_migrations.seed_files` with their hash as the CLI records them.
 */
export async function migrateDatabase(
  db: Database,
  sources: SchemaSources,
  root: string,
): Promise<MigrationReport> {
  const history = await db.query<{ exists: boolean }>(
    "select to_regclass('supabase_migrations.schema_migrations') is not null as exists",
  );
  // The baseline comes before the first migration; a database with a history already has it.
  if (!history[0]?.exists && !(await isSupabaseDatabase(db))) {
    await db.transaction((tx) => readFile(sources.bootstrap, "utf8").then((sql) => tx.exec(sql)));
  }
  await db.exec(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
    alter table supabase_migrations.schema_migrations add column if not exists statements text[];
    alter table supabase_migrations.schema_migrations add column if not exists name text;
    create table if not exists supabase_migrations.seed_files (path text not null primary key, hash text not null);
  `);
  const recorded = (
    await db.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations order by version",
    )
  ).map((row) => row.version);
  const local = new Set(sources.migrations.map((file) => file.version));
  const missing = recorded.filter((version) => !local.has(version));
  if (missing.length > 0) {
    throw new Error(
      `The database has migrations that supabase/migrations does not: ${missing.join(", ")}. ` +
        "Run `npm run db:reset` for a fresh local database.",
    );
  }
  const last = recorded.at(-1) ?? "";
  const pending = sources.migrations.filter((file) => !recorded.includes(file.version));
  const outOfOrder = pending.filter((file) => file.version < last);
  if (outOfOrder.length > 0) {
    throw new Error(
      `Found local migration files to be inserted before the last migration on the database: ` +
        `${outOfOrder.map((file) => file.version).join(", ")}. Run \`npm run db:reset\`.`,
    );
  }
  for (const file of pending) {
    const sql = await readFile(file.path, "utf8");
    await db
      .transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query(
          "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, array[$3::text])",
          [file.version, file.name, sql],
        );
      })
      .catch((error: unknown) => {
        throw new Error(
          `Migration ${relative(root, file.path)} failed: ${(error as Error).message}`,
          { cause: error },
        );
      });
  }
  const fresh = recorded.length === 0;
  if (fresh) {
    for (const path of sources.seeds) {
      const sql = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return null;
        throw error;
      });
      if (sql === null) continue;
      const name = relative(root, path).replaceAll("\\", "/");
      await db
        .transaction(async (tx) => {
          await tx.exec(sql);
          await tx.query(
            "insert into supabase_migrations.seed_files (path, hash) values ($1, $2) on conflict (path) do update set hash = excluded.hash",
            [name, createHash("sha256").update(sql).digest("hex")],
          );
        })
        .catch((error: unknown) => {
          throw new Error(`Seed ${name} failed: ${(error as Error).message}`, { cause: error });
        });
    }
  }
  return { fresh, applied: pending.map((file) => file.version) };
}
