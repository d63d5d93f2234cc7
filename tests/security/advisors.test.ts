import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";

/*
 * Supabase's own linter (splinter, `supabase db advisors`) finds no warning or error in the database
 * the migrations build (SB-09): no table without row-level security, no mutable search_path, no
 * unindexed foreign key worth a warning, no policy that is always true.
 */

const run = promisify(execFile);

describe("supabase db advisors", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("reports no warning or error for the migrated database", { timeout: 120_000 }, async () => {
    const { stdout } = await run(
      "npx",
      [
        "supabase",
        "db",
        "advisors",
        `--remote=${stack.databaseUrl}`,
        "--level",
        "warn",
        "--fail-on",
        "warn",
      ],
      { env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1" } },
    ).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
      throw new Error(`advisors exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
    });
    expect(stdout).not.toMatch(/"level": "(WARN|ERROR)"/);
  });
});
