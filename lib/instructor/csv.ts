// CSV that spreadsheets open cleanly: RFC 4180 quoting and CRLF rows, a UTF-8 byte order mark
// (Excel otherwise guesses a legacy code page and mangles accented names), and text cells that
// would start a formula neutralised with a leading quote (CSV injection: "=HYPERLINK(…)").

/** Cells starting with one of these are read as formulas by Excel, LibreOffice and Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

export const UTF8_BOM = "\uFEFF";

export type CsvValue = string | number | null | undefined;

/** A text cell with a would-be formula made inert: "=1+1" → "'=1+1". Numbers are not text. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell: numbers as they are, text guarded, then quoted when it holds , " CR or LF. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole document: BOM, then one CRLF-terminated line per row. */
export function toCsv(rows: CsvValue[][]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}

/**
 * Content-Disposition for a download: a plain ASCII filename for old clients and the exact
 * UTF-8 name in filename* (RFC 6266 / 5987).
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "") || "download.csv";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
