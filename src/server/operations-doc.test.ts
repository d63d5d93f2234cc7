import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { envNames } from "./env.ts";

const operations = new URL("../../docs/operations.md", import.meta.url);

describe("docs/operations.md", () => {
  test("explains every environment variable the code reads", async () => {
    const text = await readFile(operations, "utf8");
    expect(envNames.filter((name) => !text.includes(`| \`${name}\``))).toEqual([]);
  });

  test("has the sections a municipality needs to take the sluice into use (LG-12)", async () => {
    const headings = [...(await readFile(operations, "utf8")).matchAll(/^#{2,3} (.+)$/gm)].map(
      (match) => match[1],
    );
    for (const heading of [
      "Deploying from empty accounts",
      "Environment variables",
      "Gallring",
      "Personal-data requests",
      "Backup and restore",
      "Record of processing (GDPR Art. 30)",
      "Processors",
      "Runbook",
    ]) {
      expect(headings).toContain(heading);
    }
  });
});
