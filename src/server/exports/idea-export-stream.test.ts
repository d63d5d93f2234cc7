import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import type { IdeaExportRow } from "../../domain/exports/idea-export.ts";
import { ideaCsvStream, ideaXlsxStream, type ExportStreamOptions } from "./idea-export-stream.ts";

/*
 * Constant memory (decision 0017): the export asks the database for the next page only when the
 * client has taken about what the last one produced. A client that stops reading must stop the
 * pages; when it reads again, every row arrives.
 */

const pageSize = 1000;
const pages = 60;

function row(index: number): IdeaExportRow {
  return {
    position: `2026-01-01T00:00:00Z|${index}`,
    reference: `IS-2026-${String(index).padStart(5, "0")}`,
    title: `Idé nummer ${index} om digital signering i hemtjänsten ${Math.sin(index)}`,
    state: "assessed",
    state_label: "Bedömd",
    received_at: "2026-01-02 10:11",
    state_changed_at: "2026-02-03 11:12",
    municipality_code: "1496",
    municipality: "Skövde",
    area: "Vård och omsorg",
    shared_regionally: false,
    assessments_done: 2,
    assessments_expected: 3,
    mean: 3.25,
    decision: null,
    decided_at: null,
    decision_released: null,
    bearer_name: null,
    bearer_email: null,
    bearer_phone: null,
    co_bearers: null,
  };
}

function source(): { options: ExportStreamOptions; pagesRead: () => number } {
  let read = 0;
  return {
    options: {
      pageSize,
      includeContact: false,
      readPage: async () => {
        if (read >= pages) return [];
        read += 1;
        return Array.from({ length: pageSize }, (_, index) => row(read * pageSize + index));
      },
    },
    pagesRead: () => read,
  };
}

describe.each([
  ["CSV", ideaCsvStream],
  ["Excel", ideaXlsxStream],
] as const)("the %s export's backpressure", (_name, stream) => {
  test("a client that stops reading stops the pages; reading again brings every row", async () => {
    const { options, pagesRead } = source();
    const reader = stream(options).getReader();
    let bytes = (await reader.read()).value?.byteLength ?? 0;
    // Whatever the stream buffers ahead, it settles: wait until no page has been read for 300 ms
    // (the zip may still be compressing on a busy machine), then it must be well short of the end.
    let whilePaused = pagesRead();
    for (let waited = 0; waited < 10_000; waited += 300) {
      await sleep(300);
      if (pagesRead() === whilePaused) break;
      whilePaused = pagesRead();
    }
    expect(whilePaused).toBeGreaterThan(0);
    expect(whilePaused).toBeLessThan(pages / 2);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    expect(pagesRead()).toBe(pages);
    expect(bytes).toBeGreaterThan(pages * pageSize * 20);
  });
});
