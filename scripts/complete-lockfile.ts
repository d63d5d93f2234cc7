// Adds lockfile entries for optional per-platform packages that the registry mirror does not serve.
//
// Packages such as the Supabase CLI and Pagefind ship their binaries as optional dependencies, one
// per platform (`@pagefind/darwin-arm64`, …). The mirror these machines reach serves only the Linux
// x64 builds, so npm leaves the others out of package-lock.json and `npm ci` then refuses the
// lockfile as out of sync. This script adds each missing one with the os/cpu/libc its name states,
// which lets npm skip it on Linux and fetch it on the platform it is for. Run it after
// `npm install <package>`: `node scripts/complete-lockfile.ts`. See docs/decisions/0001.
import { readFile, writeFile } from "node:fs/promises";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

const platformPattern =
  /[-/](darwin|linux|windows|win32|freebsd)-(x64|arm64|ia32)(-(musl|gnu|msvc))?$/;

/** The os/cpu/libc a platform package's name states, or undefined for other names. */
export function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> | undefined {
  const match = platformPattern.exec(name);
  if (!match) return undefined;
  const [, os, cpu, , libc] = match;
  return {
    os: [os === "windows" ? "win32" : os!],
    cpu: [cpu!],
    ...(libc === "musl" ? { libc: ["musl"] } : os === "linux" ? { libc: ["glibc"] } : {}),
  };
}

/** Returns the names of the entries added to the lockfile's `packages`. */
export function completeLockfile(packages: Record<string, LockEntry>): string[] {
  const added: string[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const key = `node_modules/${name}`;
      const platform = platformOf(name);
      if (packages[key] || !platform) continue;
      packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
      added.push(`${name}@${version} (for ${path})`);
    }
  }
  return added;
}

if (import.meta.main) {
  const file = new URL("../package-lock.json", import.meta.url);
  const lock = JSON.parse(await readFile(file, "utf8")) as { packages: Record<string, LockEntry> };
  const added = completeLockfile(lock.packages);
  const [root, ...rest] = Object.entries(lock.packages);
  lock.packages = Object.fromEntries([root!, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
  await writeFile(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(added.length ? `Lade till:\n${added.join("\n")}` : "Lockfilen var komplett.");
}
