import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseTypesPath, generateDatabaseTypes } from "../../../supabase/local/cli.ts";
import { projectRoot } from "../../../supabase/local/server.ts";
import { startLocalSupabase, type TestSupabase } from "../../support/local-supabase.ts";

/*
 * The Supabase CLI works against the local database's wire port: its linter finds nothing to warn
 * about in a freshly started server, and the generated TypeScript types in the repository are the
 * ones the migrations produce (CI fails when someone forgets `npm run db:types`).
 */

const run = promisify(execFile);
const supabaseCli = join(projectRoot, "node_modules", "supabase", "dist", "supabase.js");

let local: TestSupabase;

beforeAll(async () => {
  local = await startLocalSupabase();
});

afterAll(async () => {
  await local?.stop();
});

describe("the Supabase CLI against the local database", () => {
  test(
    "supabase db advisors --fail-on warn exits 0 on a freshly started server",
    { timeout: 120_000 },
    async () => {
      const result = await run(
        process.execPath,
        [
          supabaseCli,
          "db",
          "advisors",
          `--remote=${local.databaseUrl}?sslmode=disable`,
          "--level",
          "warn",
          "--fail-on",
          "warn",
        ],
        { cwd: projectRoot, env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1" } },
      ).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(`advisors exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
      });
      expect(result.stdout).not.toMatch(/"level":\s*"(WARN|ERROR)"/);
    },
  );

  test(
    "src/server/database.types.ts is what `npm run db:types` generates from the migrations",
    { timeout: 120_000 },
    async () => {
      const committed = await readFile(databaseTypesPath, "utf8");
      // This file's database was freshly built from the migrations, like the one `db:types` builds.
      const generated = await generateDatabaseTypes(local.databaseUrl);
      expect(generated.length).toBeGreaterThan(0);
      expect(
        committed,
        "database.types.ts is stale: run `npm run db:types` and commit the result",
      ).toBe(generated);
    },
  );
});
