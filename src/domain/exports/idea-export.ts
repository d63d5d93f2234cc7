/**
 * The ideas export (issue 15, decision 0017): which columns a coordinator's CSV or Excel file has,
 * in Swedish, and how each cell is made safe. Pure: the streaming and the database are in
 * src/server/exports/.
 *
 * Safe means two things. A spreadsheet must never run what an idea's bearer wrote: a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice
 * (OWASP "CSV Injection"), so it gets a leading apostrophe and is read as text. And the file must
 * open: CSV fields are quoted when they hold the separator, a quote or a line break (RFC 4180, quotes
 * doubled); XML 1.0 cannot hold most control characters, so the Excel file drops them, and writes
 * line breaks as LF.
 */

/** One idea as `api.list_idea_export_page` returns it. */
export interface IdeaExportRow {
  position: string;
  reference: string;
  title: string;
  state: string;
  state_label: string;
  received_at: string;
  state_changed_at: string;
  municipality_code: string;
  municipality: string;
  area: string;
  shared_regionally: boolean;
  assessments_done: number;
  assessments_expected: number;
  mean: number | null;
  decision: string | null;
  decided_at: string | null;
  decision_released: boolean | null;
  bearer_name: string | null;
  bearer_email: string | null;
  bearer_phone: string | null;
  co_bearers: string | null;
}

/** A cell's value before it is written: text, a number, or nothing. */
export type ExportCell = string | number | null;

/** One column: its Swedish heading and how a row fills it. */
export interface ExportColumn {
  header: string;
  /** Excel column width in characters. */
  width: number;
  value: (row: IdeaExportRow) => ExportCell;
}

const yesNo = (value: boolean | null) => (value === null ? null : value ? "ja" : "nej");

/** The columns of every export, in order. */
export const ideaColumns: readonly ExportColumn[] = [
  { header: "Referens", width: 14, value: (row) => row.reference },
  { header: "Rubrik", width: 50, value: (row) => row.title },
  { header: "Läge", width: 22, value: (row) => row.state_label },
  { header: "Inkom", width: 17, value: (row) => row.received_at },
  { header: "Läget ändrades", width: 17, value: (row) => row.state_changed_at },
  { header: "Kommun", width: 16, value: (row) => row.municipality },
  { header: "Kommunkod", width: 11, value: (row) => row.municipality_code },
  { header: "Område", width: 28, value: (row) => row.area },
  { header: "Delad i regionen", width: 10, value: (row) => yesNo(row.shared_regionally) },
  { header: "Klara bedömningar", width: 10, value: (row) => row.assessments_done },
  { header: "Tilldelade bedömningar", width: 10, value: (row) => row.assessments_expected },
  { header: "Viktat medelvärde", width: 10, value: (row) => row.mean },
  { header: "Beslut", width: 22, value: (row) => row.decision },
  { header: "Beslutsdatum", width: 12, value: (row) => row.decided_at },
  { header: "Beslutet meddelat", width: 10, value: (row) => yesNo(row.decision_released) },
];

/** The bearer's contact details: only when the coordinator ticks the box. */
export const contactColumns: readonly ExportColumn[] = [
  { header: "Idébärare", width: 24, value: (row) => row.bearer_name },
  { header: "E-post", width: 30, value: (row) => row.bearer_email },
  { header: "Telefon", width: 16, value: (row) => row.bearer_phone },
  { header: "Medidébärare", width: 30, value: (row) => row.co_bearers },
];

/** The columns of an export, with or without contact details. */
export function exportColumns(includeContact: boolean): readonly ExportColumn[] {
  return includeContact ? [...ideaColumns, ...contactColumns] : ideaColumns;
}

/** The note at the top of a file that holds personal data (the first line, or the first sheet). */
export const personalDataNote =
  "Filen innehåller personuppgifter: idébärarnas namn och kontaktuppgifter. Dela den inte vidare, spara den inte längre än du behöver och radera den sedan.";

/** The sheet names of the Excel file. */
export const sheetNames = { ideas: "Idéer", personalData: "Personuppgifter" } as const;

/** Characters that start a formula in Excel, LibreOffice or Google Sheets (OWASP). */
const formulaStart = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet reads as text: a formula's first character gets a `'` before it. */
export function neutraliseCell(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** The separator: Excel with Swedish settings reads `;` (the decimal separator is a comma). */
export const csvSeparator = ";";

/** One CSV field: neutralised, and quoted (quotes doubled) when it holds `;`, `"` or a line break. */
export function csvField(value: ExportCell): string {
  if (value === null) return "";
  // Swedish Excel reads 3,25 as a number; a number is never neutralised (it is no formula).
  if (typeof value === "number") return String(value).replace(".", ",");
  const text = neutraliseCell(value);
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, ended by CRLF (RFC 4180). */
export function csvRecord(values: readonly ExportCell[]): string {
  return values.map(csvField).join(csvSeparator) + "\r\n";
}

/** The characters XML 1.0 cannot hold, and lone surrogates: dropped from Excel cells. */
const notInXml =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * One Excel cell: numbers as numbers; text without characters XML cannot hold, neutralised, and with
 * its line breaks as Excel writes them in a cell (LF: an XML reader turns a bare CR into LF anyway).
 */
export function xlsxCell(value: ExportCell): string | number | null {
  if (value === null || typeof value === "number") return value;
  return neutraliseCell(value.replace(notInXml, "")).replace(/\r\n?/g, "\n");
}

/** The file's name: the date, and whether it holds personal data, for whoever finds it later. */
export function exportFileName(format: "csv" | "xlsx", includeContact: boolean, day: string) {
  return `ideer-${includeContact ? "med-personuppgifter-" : ""}${day}.${format}`;
}
