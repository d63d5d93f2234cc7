import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, test } from "vitest";
import { projectRoot } from "../../scripts/serve.ts";

/*
 * Issue 11: a build that cannot read the database must fail, so that a form without municipalities
 * never goes live; with the database, the built form lists every municipality the migrations create.
 */

describe("the build and the data it needs", () => {
  test("with the database unreachable, the build exits non-zero and says what to check", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "build-without-database-"));
    try {
      const build = promisify(execFile)("npx", ["astro", "build", "--outDir", outDir], {
        cwd: projectRoot,
        env: {
          ...process.env,
          SUPABASE_URL: "http://127.0.0.1:9",
          SUPABASE_PUBLISHABLE_KEY: "sb_publishable_unreachable",
          ALLOW_EMPTY_DATA: "true",
        },
        maxBuffer: 16 * 1024 * 1024,
      });
      const failure = (await build.then(
        () => null,
        (error: unknown) => error,
      )) as { code: number; stdout: string; stderr: string } | null;
      expect(failure, "the build must fail").not.toBeNull();
      expect(failure!.code).not.toBe(0);
      const output = failure!.stdout + failure!.stderr;
      // Even with an empty idea bank allowed, the form's own data is required.
      expect(output).toContain(
        "Bygget kunde inte läsa api.list_form_options från http://127.0.0.1:9",
      );
      expect(output).toContain(
        "Kontrollera SUPABASE_URL och SUPABASE_PUBLISHABLE_KEY och att databasen svarar.",
      );
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  test("with the database, the built form lists the 15 municipalities of Skaraborg", async () => {
    for (const path of ["/skicka-ide/", "/en/submit-idea/"]) {
      const page = await (await fetch(`${inject("baseUrl")}${path}`)).text();
      const codes = [...page.matchAll(/<option value="(\d{4})"/g)].map((match) => match[1]);
      expect(codes, path).toHaveLength(15);
      expect(codes, path).toContain("1496");
    }
  });
});
