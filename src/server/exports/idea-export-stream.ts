import { PassThrough, Readable } from "node:stream";
import { once } from "node:events";
import { setImmediate as setImmediatePromise, setTimeout as sleep } from "node:timers/promises";
import ExcelJS from "exceljs";
import {
  csvRecord,
  exportColumns,
  personalDataNote,
  sheetNames,
  xlsxCell,
  type IdeaExportRow,
} from "../../domain/exports/idea-export.ts";

/**
 * The ideas export as a byte stream in constant memory (decision 0017): the rows arrive a keyset
 * page at a time from `api.list_idea_export_page`, and each page is written out before the next is
 * asked for. The CSV stream reads the next page only when the reader pulls (backpressure from the
 * client's download); the Excel stream waits for its zip to drain after each page.
 */

/** Reads the page after a row's `position` (null: the first page); fewer rows than asked: the last. */
export type ExportPageReader = (after: string | null) => Promise<readonly IdeaExportRow[]>;

/** What both formats need. */
export interface ExportStreamOptions {
  readPage: ExportPageReader;
  /** Rows per page, as asked of the database; a shorter page is the last. */
  pageSize: number;
  includeContact: boolean;
  /** Called once at the end with the number of rows written, or with the error that stopped it. */
  onEnd?: (outcome: { rows: number; error?: unknown }) => void;
}

/**
 * The rows, page by page, until a page comes back short. The next page is asked for as soon as a
 * page arrives, so the database works on it while this one is written out (two pages in memory at
 * most); a page that fails is thrown when it is due.
 */
async function* pagesOf(readPage: ExportPageReader, pageSize: number) {
  let pending = readPage(null);
  for (;;) {
    const page = await pending;
    const last = page.length < pageSize;
    if (!last) {
      pending = readPage(page[page.length - 1]!.position);
      // Handled where it is awaited; this only keeps an early failure from being "unhandled".
      pending.catch(() => undefined);
    }
    if (page.length > 0) yield page;
    if (last) return;
  }
}

const byteOrderMark = "\uFEFF";

/**
 * CSV in UTF-8 with a byte order mark (so Excel reads å, ä, ö), `;`-separated, CRLF, every field
 * neutralised and quoted as needed; with contact details, the personal-data note is the first line.
 */
export function ideaCsvStream(options: ExportStreamOptions): ReadableStream<Uint8Array> {
  const columns = exportColumns(options.includeContact);
  const encoder = new TextEncoder();
  const pages = pagesOf(options.readPage, options.pageSize);
  let rows = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const note = options.includeContact ? csvRecord([personalDataNote]) : "";
        controller.enqueue(
          encoder.encode(byteOrderMark + note + csvRecord(columns.map((column) => column.header))),
        );
      },
      async pull(controller) {
        try {
          const next = await pages.next();
          if (next.done) {
            controller.close();
            options.onEnd?.({ rows });
            return;
          }
          let text = "";
          for (const row of next.value) {
            text += csvRecord(columns.map((column) => column.value(row)));
          }
          rows += next.value.length;
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          options.onEnd?.({ rows, error });
          controller.error(error);
        }
      },
      async cancel() {
        await pages.return(undefined);
        options.onEnd?.({ rows, error: new Error("cancelled") });
      },
    },
    // One page of text at a time in the queue: the next page is read when the client has taken it.
    { highWaterMark: 1 },
  );
}

/** About three pages of a sheet's XML: the most that may wait to be compressed (see below). */
const uncompressedLimit = 2 * 1024 * 1024;

/** A stream's buffered bytes, for readable-stream 3 as archiver uses it and for Node's own. */
interface BufferedStream {
  _writableState?: { length: number };
  _readableState?: { length: number };
}

/**
 * How much of a sheet ExcelJS has written that the zip has not compressed yet. ExcelJS's streaming
 * writer (4.4) ignores backpressure between the sheet and the zip: the sheet's buffer (`stream`, a
 * StreamBuf) hands each 64 KiB on to the zip entry's source (its `pipes`) however full that is, so
 * a client that reads slowly would let the whole sheet wait there uncompressed. These are ExcelJS
 * and archiver internals, read defensively; src/server/exports/idea-export-stream.test.ts fails if
 * an upgrade changes them so that pages are no longer held back.
 */
function uncompressedBytes(sheet: ExcelJS.Worksheet): number {
  const buffer = (
    sheet as unknown as {
      stream?: { buffers?: { length: number }[]; pipes?: BufferedStream[] };
    }
  ).stream;
  const waiting = (buffer?.buffers ?? []).reduce((sum, part) => sum + part.length, 0);
  return (buffer?.pipes ?? []).reduce(
    (sum, pipe) => sum + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0),
    waiting,
  );
}

/**
 * Excel (.xlsx) through ExcelJS's streaming WorkbookWriter: no shared strings and no styles, so
 * nothing grows with the rows; each row is committed (written to the zip) as it is added. With
 * contact details, a first sheet holds the personal-data note.
 */
export function ideaXlsxStream(options: ExportStreamOptions): ReadableStream<Uint8Array> {
  const columns = exportColumns(options.includeContact);
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  workbook.creator = "Innovationsslussen";
  let rows = 0;

  async function write() {
    if (options.includeContact) {
      const note = workbook.addWorksheet(sheetNames.personalData);
      note.addRow([personalDataNote]).commit();
      note.commit();
    }
    const sheet = workbook.addWorksheet(sheetNames.ideas, {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
    for await (const page of pagesOf(options.readPage, options.pageSize)) {
      for (const row of page) {
        sheet.addRow(columns.map((column) => xlsxCell(column.value(row)))).commit();
      }
      rows += page.length;
      // Wait, before the next page is read, until the zip has compressed all but a few pages of
      // what was written and the client has taken what it produced: memory holds a few pages.
      await setImmediatePromise();
      while (!output.destroyed && uncompressedBytes(sheet) > uncompressedLimit) await sleep(1);
      if (output.writableNeedDrain && !output.destroyed) await once(output, "drain");
    }
    sheet.commit();
    await workbook.commit();
  }

  write().then(
    () => options.onEnd?.({ rows }),
    (error: unknown) => {
      options.onEnd?.({ rows, error });
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
