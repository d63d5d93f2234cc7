import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  exportColumns,
  neutraliseCell,
  personalDataNote,
  sheetNames,
  xlsxCell,
} from "../../src/domain/exports/idea-export.ts";
import type { AuditPage } from "../../src/domain/admin/answers.ts";
import { storeIdea, type StoredIdea } from "../support/ideas.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { CookieJar, send, signIn } from "../support/session.ts";

/*
 * The ideas export (issue 15): CSV and Excel of the queue's filter, coordinators only, audited with
 * the filter and the row count. The property test writes hostile text – formula prefixes, quotes,
 * line breaks, separators, script tags, control characters – into every field an export shows and
 * checks that both files open, read back to the same rows, and that no cell starts a formula.
 */

let stack: FunctionsStack;
const coordinator = new CookieJar();
const coach = new CookieJar();
/** A municipality and an area of the test's own, so a filter selects exactly its idea. */
const own = { code: "9990", area: "egenskapstest" };
let hostile: StoredIdea;

const exportOf = (format: "csv" | "xlsx", query: string, jar = coordinator) =>
  send(stack.functions, `/api/admin/exports/ideas.${format}?${query}`, { jar });

function parseCsv(text: string, from = 1): string[][] {
  return parse(text, { delimiter: ";", bom: true, from_line: from, relax_column_count: true });
}

async function readXlsx(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

/** The text cells of a worksheet row, as strings ('' for an empty cell). */
function xlsxRow(sheet: ExcelJS.Worksheet, number: number, columns: number): unknown[] {
  const row = sheet.getRow(number);
  return Array.from({ length: columns }, (_, index) => {
    const value = row.getCell(index + 1).value;
    return value ?? null;
  });
}

const formulaStart = /^[=+\-@\t\r]/;

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
  await stack.db.query(
    "insert into app.municipalities (code, name, email_domains) values ($1, 'Egenskapsby', '{egenskap.example}')",
    [own.code],
  );
  await stack.db.query(
    "insert into app.areas (id, name, sort_order) values ($1, 'Egenskapsområde', 99)",
    [own.area],
  );
  hostile = await storeIdea(stack.local, { title: "Idé som får fientlig text" });
  await stack.db.query(
    "update app.ideas set municipality_code = $1, area_id = $2 where reference = $3",
    [own.code, own.area, hostile.reference],
  );
  expect((await signIn(stack.functions, coordinator, "samordnare@example.se")).status).toBe(200);
  expect((await signIn(stack.functions, coach, "granskare.skovde@example.se")).status).toBe(200);
});

afterAll(async () => {
  await stack?.stop();
});

describe("who may export", () => {
  test("a reviewer who is not a coordinator is refused both exports, and nothing is audited", async () => {
    const before = await stack.db.query("select count(*)::int as n from app.audit_events");
    for (const format of ["csv", "xlsx"] as const) {
      const response = await exportOf(format, "", coach);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: "forbidden",
        message: "Det här är bara för samordnare.",
      });
    }
    const after = await stack.db.query("select count(*)::int as n from app.audit_events");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  test("the coordinator (the allow twin) gets every idea of the filter as CSV with a BOM", async () => {
    const response = await exportOf("csv", "municipality=1496&sort=waiting");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="ideer-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(exportColumns(false).map((column) => column.header));
    const { rows: expected } = await stack.db.query<{ reference: string }>(
      "select reference from app.ideas where municipality_code = '1496' order by state_changed_at, id",
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(rows.slice(1).map((row) => row[0])).toEqual(expected.map((row) => row.reference));
    // No contact details unless asked for.
    expect(rows[0]).not.toContain("E-post");
    // The decision and the weighted mean, as the database has them for each idea.
    const column = (name: string) => rows[0]!.indexOf(name);
    const { rows: facts } = await stack.db.query<{
      reference: string;
      decision: string | null;
      mean: string | null;
    }>(
      `select i.reference,
         (select st.label from app.idea_events e join app.idea_states st on st.state = e.to_state
          where e.idea_id = i.id and st.is_decision order by e.occurred_at desc, e.id desc limit 1) as decision,
         (select round(sum(s.score * cv.weight) / nullif(sum(cv.weight), 0), 2)::text
          from app.scores s join app.criteria_versions cv on cv.id = s.criteria_version_id
          where s.idea_id = i.id) as mean
       from app.ideas i where i.municipality_code = '1496'`,
    );
    const byReference = new Map(rows.slice(1).map((row) => [row[0], row]));
    for (const fact of facts) {
      const row = byReference.get(fact.reference)!;
      expect(row[column("Beslut")], fact.reference).toBe(fact.decision ?? "");
      expect(row[column("Viktat medelvärde")], fact.reference).toBe(
        fact.mean === null ? "" : String(Number(fact.mean)).replace(".", ","),
      );
    }
    expect(facts.some((fact) => fact.decision !== null)).toBe(true);
  });

  test("a filter the database does not know is refused in Swedish before any file", async () => {
    const response = await exportOf("csv", "municipality=0000");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      field: "municipality",
      message: "Den kommunen finns inte. Välj en kommun i listan och exportera igen.",
    });
  });
});

describe("the audit trail", () => {
  test("records each export with its filter, format and row count, and the coordinator reads it", async () => {
    const csv = await exportOf("csv", "state=received&q=parkering");
    const csvRows = parseCsv(await csv.text()).length - 1;
    const xlsx = await exportOf("xlsx", `municipality=${own.code}&contact=true`);
    const workbook = await readXlsx(xlsx);
    const xlsxRows = workbook.getWorksheet(sheetNames.ideas)!.rowCount - 1;

    const page = await send(stack.functions, "/api/admin/audit?action=ideas_export&limit=2", {
      jar: coordinator,
    });
    expect(page.status).toBe(200);
    const body = (await page.json()) as AuditPage;
    expect(body.items.map((item) => [item.action, item.actorKind, item.details])).toEqual([
      [
        "ideas_export",
        "coordinator",
        {
          format: "xlsx",
          filters: { municipality: own.code },
          sort: "received",
          rows: xlsxRows,
          personalData: true,
        },
      ],
      [
        "ideas_export",
        "coordinator",
        {
          format: "csv",
          filters: { state: "received", search: "parkering" },
          sort: "received",
          rows: csvRows,
          personalData: false,
        },
      ],
    ]);
    expect(body.items[0]!.category).toBe("bearer_contact");
    expect(body.items[0]!.actorName).toBeTruthy();
  });

  test("a reviewer who is not a coordinator cannot read the trail; the coordinator can", async () => {
    expect((await send(stack.functions, "/api/admin/audit", { jar: coach })).status).toBe(403);
    expect((await send(stack.functions, "/api/admin/audit", { jar: coordinator })).status).toBe(
      200,
    );
  });

  test("pages through the trail with before", async () => {
    const first = (await (
      await send(stack.functions, "/api/admin/audit?limit=1", { jar: coordinator })
    ).json()) as AuditPage;
    expect(first.items).toHaveLength(1);
    expect(first.next).toBe(first.items[0]!.id);
    const second = (await (
      await send(stack.functions, `/api/admin/audit?limit=1&before=${first.next}`, {
        jar: coordinator,
      })
    ).json()) as AuditPage;
    expect(second.items[0]!.id).toBeLessThan(first.items[0]!.id);
  });
});

/** Text built to break a spreadsheet: a formula prefix, hostile middle, a hostile end. */
const hostileText = (maxLength: number) =>
  fc
    .tuple(
      fc.constantFrom("=", "+", "-", "@", "\t", "\r", '"', "<script>", " =", "", "'"),
      fc.string({ unit: "binary", minLength: 1, maxLength: Math.min(40, maxLength - 20) }),
      fc.constantFrom('"', "\n", "\r\n", ";", ",", "<script>alert(1)</script>", "=1+1", ""),
    )
    .map((parts) => parts.join("").replaceAll("\u0000", "").slice(0, maxLength))
    .filter((text) => text.length > 0);

/** The local part of an e-mail address: no space, no @. */
const hostileEmail = fc
  .tuple(
    fc.constantFrom("=", "+", "-", "@", '"', ""),
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 20 }),
  )
  .map(([prefix, rest]) => `${prefix}${rest}`.replace(/[\s@]/g, "x") + "@egenskap.example")
  .filter((email) => !email.startsWith("@"));

describe("hostile text in every field", () => {
  test("both exports neutralise every cell, quote it properly, open, and read back to the same rows", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: hostileText(150),
          municipality: hostileText(90),
          area: hostileText(90),
          name: hostileText(150),
          email: hostileEmail,
          phone: hostileText(40),
          coBearers: hostileText(500),
        }),
        async (texts) => {
          run += 1;
          // Unique names: the reference tables require them.
          const municipality = `${texts.municipality}${run}`;
          const area = `${texts.area}${run}`;
          await stack.db.query("update app.ideas set title = $1 where reference = $2", [
            texts.title,
            hostile.reference,
          ]);
          await stack.db.query("update app.municipalities set name = $1 where code = $2", [
            municipality,
            own.code,
          ]);
          await stack.db.query("update app.areas set name = $1 where id = $2", [area, own.area]);
          await stack.db.query(
            `update app.idea_bearers set name = $1, email = $2, phone = $3, co_bearers = $4
             where idea_id = (select id from app.ideas where reference = $5)`,
            [texts.name, texts.email, texts.phone, texts.coBearers, hostile.reference],
          );
          const hostileCells = new Map<string, string>([
            ["Rubrik", texts.title],
            ["Kommun", municipality],
            ["Område", area],
            ["Idébärare", texts.name],
            ["E-post", texts.email],
            ["Telefon", texts.phone],
            ["Medidébärare", texts.coBearers],
          ]);
          const columns = exportColumns(true);
          const headers = columns.map((column) => column.header);

          // CSV: the note, the header, one row; parsed back with a real CSV parser.
          const csv = await exportOf("csv", `municipality=${own.code}&contact=true`);
          expect(csv.status).toBe(200);
          expect(csv.headers.get("content-disposition")).toMatch(
            /filename="ideer-med-personuppgifter-\d{4}-\d{2}-\d{2}\.csv"/,
          );
          const records = parseCsv(await csv.text());
          expect(records[0]).toEqual([personalDataNote]);
          expect(records[1]).toEqual(headers);
          expect(records).toHaveLength(3);
          const csvRow = records[2]!;
          expect(csvRow).toHaveLength(headers.length);
          expect(csvRow[0]).toBe(hostile.reference);
          for (const [header, text] of hostileCells) {
            expect(csvRow[headers.indexOf(header)]).toBe(neutraliseCell(text));
          }
          for (const cell of csvRow) expect(cell).not.toMatch(formulaStart);

          // Excel: the personal-data sheet, the header, one row; read back with ExcelJS.
          const xlsx = await exportOf("xlsx", `municipality=${own.code}&contact=true`);
          expect(xlsx.status).toBe(200);
          const workbook = await readXlsx(xlsx);
          expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
            sheetNames.personalData,
            sheetNames.ideas,
          ]);
          expect(workbook.getWorksheet(sheetNames.personalData)!.getCell("A1").value).toBe(
            personalDataNote,
          );
          const sheet = workbook.getWorksheet(sheetNames.ideas)!;
          expect(sheet.rowCount).toBe(2);
          expect(xlsxRow(sheet, 1, headers.length)).toEqual(headers);
          const xlsxCells = xlsxRow(sheet, 2, headers.length);
          for (const [header, text] of hostileCells) {
            expect(xlsxCells[headers.indexOf(header)]).toBe(xlsxCell(text));
          }
          for (const cell of xlsxCells) {
            if (typeof cell === "string") expect(cell).not.toMatch(formulaStart);
            else expect(cell === null || typeof cell === "number").toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
