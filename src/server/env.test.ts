import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { envNames, isDeployed, readEnv, requireEnv, siteOrigin } from "./env.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Every source file the product and its local tooling run, tests excluded. */
async function sourceFiles(): Promise<string[]> {
  const files = ["astro.config.ts"];
  for (const dir of ["src", "netlify", "scripts", "supabase/local"]) {
    for (const entry of await readdir(join(root, dir), { recursive: true })) {
      if (/\.(ts|astro|mjs)$/.test(entry) && !entry.endsWith(".test.ts"))
        files.push(join(dir, entry));
    }
  }
  return files;
}

describe("the environment schema", () => {
  test("knows every variable the code reads", async () => {
    const read = new Set<string>();
    for (const file of await sourceFiles()) {
      const text = await readFile(join(root, file), "utf8");
      // process.env.NAME, process.env["NAME"], and a reader's raw `source.NAME`.
      for (const match of text.matchAll(
        /(?:process\.env|\bsource)(?:\.([A-Z][A-Z0-9_]*)|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])/g,
      )) {
        read.add(match[1] ?? match[2]!);
      }
    }
    // Set, not read, by the local tooling for the Supabase CLI it runs.
    read.delete("SUPABASE_TELEMETRY_DISABLED");
    expect([...read].filter((name) => !(envNames as string[]).includes(name))).toEqual([]);
    expect(read.size).toBeGreaterThan(5);
  });

  test(".env.example explains every variable", async () => {
    const example = await readFile(join(root, ".env.example"), "utf8");
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect(envNames.filter((name) => !listed.has(name))).toEqual([]);
  });

  test("a set but wrong value fails with a message naming the variable", () => {
    expect(() => readEnv({ SITE_URL: "innovationsslussen" })).toThrow(
      "SITE_URL saknas eller är fel. Ange webbplatsens adress, till exempel https://example.se.",
    );
    expect(() => readEnv({ PORT: "åtta" })).toThrow("PORT ska vara ett portnummer");
  });

  test("an empty value counts as unset", () => {
    expect(readEnv({ SITE_URL: "", PORT: "" })).toMatchObject({
      SITE_URL: undefined,
      PORT: undefined,
    });
  });

  test("requireEnv names each missing variable under the feature's heading", () => {
    expect(() => requireEnv(["SMTP_URL", "EMAIL_FROM"], "E-post är inte konfigurerat", {})).toThrow(
      /^E-post är inte konfigurerat:\n- SMTP_URL saknas eller är fel[^\n]*\n- EMAIL_FROM saknas/,
    );
  });

  test("tells a deployed function from a developer's machine", () => {
    expect(isDeployed({})).toBe(false);
    expect(isDeployed({ NETLIFY: "true" })).toBe(true);
    expect(isDeployed({ AWS_LAMBDA_FUNCTION_NAME: "ideas" })).toBe(true);
    expect(isDeployed({ AWS_LAMBDA_FUNCTION_NAME: "ideas", NETLIFY_LOCAL: "true" })).toBe(false);
  });

  test("links point at the configured site, or locally at the site that served the request", () => {
    expect(
      siteOrigin("http://localhost:8888/api/ideas", { SITE_URL: "https://idesluss.se/" }),
    ).toBe("https://idesluss.se");
    expect(siteOrigin("http://localhost:8888/api/ideas", {})).toBe("http://localhost:8888");
    expect(siteOrigin(undefined, {})).toBe("http://localhost:4321");
    expect(
      siteOrigin("https://evil.example/api/ideas", { URL: "https://idesluss.netlify.app" }),
    ).toBe("https://idesluss.netlify.app");
    // Deployed, the Host of a request is never trusted for links.
    expect(() => siteOrigin("https://evil.example/x", { NETLIFY: "true" })).toThrow(
      "SITE_URL saknas",
    );
  });
});
