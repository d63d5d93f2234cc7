import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadLocalConfig } from "./config.ts";
import { findSchemaSources, fingerprintSchema } from "./migrations.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the snapshot key of a fresh database (fingerprintSchema)", () => {
  test("differs between a seeded database and one built from the migrations alone", async () => {
    const config = await loadLocalConfig(join(root, "supabase", "config.toml"));
    const seeded = await findSchemaSources(root, config);
    expect(seeded.seeds).toEqual([join(root, "supabase", "seed.sql")]);
    const seedless = { ...seeded, seeds: [] };

    const seededKey = await fingerprintSchema(seeded, "pglite test");
    // The same files give the same key, so a snapshot is reused only for an identical database…
    expect(await fingerprintSchema({ ...seeded }, "pglite test")).toBe(seededKey);
    // …and a seedless start never picks up the seeded snapshot, nor the reverse.
    expect(await fingerprintSchema(seedless, "pglite test")).not.toBe(seededKey);
  });
});
