import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

/*
 * What the browser bundles may import. The islands share chunks with the idea form, whose page must
 * stay within 20 KB of gzipped JavaScript (tests/e2e/submit-idea.test.ts): one module that reaches
 * the classic `zod` (instead of `zod/mini`) puts its every string format into the shared chunk. The
 * end-to-end test finds that after a build; this finds the import that causes it, in milliseconds.
 */

const clientRoot = resolve(import.meta.dirname);
const projectRoot = resolve(clientRoot, "../..");

/** The modules a file imports at run time (`import type` is erased and left out). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const imports: string[] = [];
  for (const match of source.matchAll(
    /^\s*import\s+(type\s+)?([^"';]*?\s+from\s+)?["']([^"']+)["']/gm,
  )) {
    if (!match[1]) imports.push(match[3]!);
  }
  return imports;
}

function clientEntries(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return clientEntries(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every path from a client module to a module importing `specifier`, as chains of files. */
function chainsTo(specifier: string): string[] {
  const seen = new Set<string>();
  const chains: string[] = [];
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of runtimeImports(file)) {
      if (imported === specifier)
        chains.push([...chain, file].map((f) => relative(projectRoot, f)).join(" → "));
      if (!imported.startsWith(".")) continue;
      const target = resolve(dirname(file), imported);
      if (existsSync(target)) walk(target, [...chain, file]);
    }
  };
  for (const entry of clientEntries(clientRoot)) walk(entry, []);
  return chains;
}

describe("the browser bundles' imports", () => {
  test("reach zod only as zod/mini", () => {
    expect(chainsTo("zod")).toEqual([]);
    expect(chainsTo("zod/mini").length).toBeGreaterThan(0);
  });

  test("the check sees an import of the classic zod where there is one", () => {
    // The allow twin: the server's environment schema imports the classic zod, so a walk that
    // starts from src/server finds it; the walk above would, too, if a client module reached it.
    expect(runtimeImports(resolve(projectRoot, "src/server/env.ts"))).toContain("zod");
  });
});
