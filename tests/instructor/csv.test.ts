// CSV for spreadsheets: RFC 4180 quoting, CRLF rows, UTF-8 BOM, formula-injection guard and a
// download filename that survives any classroom name.
import { describe, expect, it } from "vitest";
import { attachmentDisposition, csvCell, guardFormula, toCsv, UTF8_BOM } from "../../lib/instructor/csv";

/** A small RFC 4180 reader, to prove that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) throw new Error("last row not terminated by CRLF");
  return rows;
}

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvCell(66.7)).toBe("66.7");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("Lovelace, Ada")).toBe('"Lovelace, Ada"');
    expect(csvCell('Ada "the Countess"')).toBe('"Ada ""the Countess"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rlf")).toBe('"cr\rlf"');
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const evil of ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=x", "\r=x"]) {
      expect(guardFormula(evil)).toBe(`'${evil}`);
      expect(csvCell(evil).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(guardFormula("Ada=Byron")).toBe("Ada=Byron");
    // Numbers are numbers, never text: a negative score would stay numeric.
    expect(csvCell(-1)).toBe("-1");
  });
});

describe("toCsv", () => {
  it("starts with a BOM, ends every row with CRLF and reads back cell for cell", () => {
    const rows = [
      ["Name", "Email", "Score"],
      ["Lovelace, Ada", "ada@example.com", 100],
      ['Grace "Amazing" Hopper', "grace@example.com", 66.7],
      ["Multi\nline", "m@example.com", null],
      ["Zoë Ñúñez 李雷", "z@example.com", 0],
    ];
    const csv = toCsv(rows);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual(rows.map((r) => r.map((c) => (c === null ? "" : String(c)))));
  });

  it("an empty table is just the BOM", () => {
    expect(toCsv([])).toBe(UTF8_BOM);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII filename and the exact UTF-8 one", () => {
    expect(attachmentDisposition("gradebook-demo-2026-01-02.csv")).toBe(
      `attachment; filename="gradebook-demo-2026-01-02.csv"; filename*=UTF-8''gradebook-demo-2026-01-02.csv`,
    );
    const d = attachmentDisposition('Zoë "x".csv');
    expect(d).toContain('filename="Zoe x.csv"');
    expect(d).toContain("filename*=UTF-8''Zo%C3%AB%20%22x%22.csv");
  });
});
