import { beforeEach, describe, expect, it, vi } from "vitest";

// The loader's paging, without a database: readPublicData answers from a list of pages.
const calls: (Record<string, unknown> | undefined)[] = [];
let pages: (unknown[] | undefined)[] = [];
vi.mock("./public-api.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./public-api.ts")>()),
  readPublicData: vi.fn(
    async (_name: string, _schema: unknown, _need: string, args?: Record<string, unknown>) => {
      calls.push(args);
      return pages.shift();
    },
  ),
}));
const { readAllPublishedIdeas } = await import("./published-ideas.ts");

const idea = (n: number) => ({
  reference: `IS-2026-${String(n).padStart(4, "0")}`,
  published_at: `2026-11-01T10:00:00.${String(n).padStart(6, "0")}+00:00`,
});
const page = (from: number, size: number) => Array.from({ length: size }, (_, i) => idea(from + i));

describe("readAllPublishedIdeas", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("reads page after page, each after the last idea of the one before, until a short page", async () => {
    pages = [page(0, 1000), page(1000, 1000), page(2000, 17)];
    const ideas = await readAllPublishedIdeas();
    expect(ideas).toHaveLength(2017);
    expect(calls).toEqual([
      { page_size: 1000 },
      {
        after_published_at: idea(999).published_at,
        after_reference: idea(999).reference,
        page_size: 1000,
      },
      {
        after_published_at: idea(1999).published_at,
        after_reference: idea(1999).reference,
        page_size: 1000,
      },
    ]);
  });

  it("asks once more after a full last page, and stops at the empty one", async () => {
    pages = [page(0, 1000), []];
    expect(await readAllPublishedIdeas()).toHaveLength(1000);
    expect(calls).toHaveLength(2);
  });

  it("gives undefined when the first page could not be read (the optional, empty idea bank)", async () => {
    pages = [undefined];
    expect(await readAllPublishedIdeas()).toBeUndefined();
  });

  it("fails the build rather than publish part of the idea bank", async () => {
    pages = [page(0, 1000), undefined];
    await expect(readAllPublishedIdeas()).rejects.toThrow(/1000 publicerade idéer/);
  });
});
