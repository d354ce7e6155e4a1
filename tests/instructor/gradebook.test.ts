// The gradebook CSV from a roster: one row per learner by name, best score per exercise in
// percent, solved count and last activity; awkward names survive; empty classes still export.
import { describe, expect, it } from "vitest";
import { UTF8_BOM } from "../../lib/instructor/csv";
import { formatUtc, gradebookCsv, gradebookFilename, gradebookRows, scoreCell } from "../../lib/instructor/gradebook";
import { fields, learner, roster } from "./roster-fixtures";

const HEADER = ["Name", "Email", "01 One vanilla RNN step (best %)", "02 Sequence probability, log-space (best %)", "Solved", "Last activity (UTC)"];

describe("gradebook rows", () => {
  it("an empty classroom exports the header only", () => {
    expect(gradebookRows(roster([]))).toEqual([HEADER]);
    expect(gradebookCsv(roster([]))).toBe(`${UTF8_BOM}Name,Email,01 One vanilla RNN step (best %),"02 Sequence probability, log-space (best %)",Solved,Last activity (UTC)\r\n`);
  });

  it("a learner with no submissions has empty scores, 0 solved and no last activity", () => {
    const rows = gradebookRows(roster([learner("u1", "Quiet Quinn", {})]));
    expect(rows[1]).toEqual(["Quiet Quinn", "u1@example.com", null, null, 0, ""]);
  });

  it("best score in percent, empty where never submitted (runs only), solved count and last activity", () => {
    const rows = gradebookRows(
      roster([
        learner("u1", "Bea", { "01-rnn-step": fields(3, 1, { solvedAfter: 3, minutes: 10 }), "02-seq-prob": fields(2, 2 / 3, { minutes: 42 }) }),
        learner("u2", "Al", { "01-rnn-step": fields(0, 0, { runs: 4, minutes: 5 }) }),
      ]),
    );
    expect(rows.slice(1)).toEqual([
      ["Al", "u2@example.com", null, null, 0, "2026-01-05 09:05:00"],
      ["Bea", "u1@example.com", 100, 66.7, 1, "2026-01-05 09:42:00"],
    ]);
  });

  it("sorts by name ignoring case and accents, then by email", () => {
    const names = gradebookRows(
      roster([learner("a", "émile", {}), learner("b", "Zed", {}), learner("c", "Adam", {}, "z@x"), learner("d", "adam", {}, "a@x")]),
    )
      .slice(1)
      .map((r) => `${r[0]} ${r[1]}`);
    expect(names).toEqual(["adam a@x", "Adam z@x", "émile a@example.com", "Zed b@example.com"]);
  });

  it("quotes names with commas, quotes and line breaks, and defuses formulas", () => {
    const csv = gradebookCsv(
      roster([
        learner("u1", 'Lovelace, Ada "Countess"', { "01-rnn-step": fields(1, 0.5) }),
        learner("u2", "=HYPERLINK(\"http://evil\")", {}),
        learner("u3", "Two\nLines", {}),
        learner("u4", "-Minus", {}, "@at@example.com"),
      ]),
    );
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain('"Lovelace, Ada ""Countess""",u1@example.com,50,,0,2026-01-05 09:00:00');
    expect(lines).toContain(`"'=HYPERLINK(""http://evil"")",u2@example.com,,,0,`);
    expect(csv).toContain('"Two\nLines",u3@example.com,,,0,\r\n');
    expect(lines).toContain("'-Minus,'@at@example.com,,,0,");
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("cells and filename", () => {
  it("scoreCell rounds to one decimal and is empty without a submit", () => {
    expect(scoreCell({ attempts: 1, bestScore: 1 / 3 })).toBe(33.3);
    expect(scoreCell({ attempts: 4, bestScore: 0 })).toBe(0);
    expect(scoreCell({ attempts: 0, bestScore: 0 })).toBeNull();
    expect(scoreCell(undefined)).toBeNull();
  });

  it("formatUtc is a spreadsheet-friendly UTC time", () => {
    expect(formatUtc(new Date(Date.UTC(2026, 10, 21, 7, 3, 9, 500)))).toBe("2026-11-21 07:03:09");
    expect(formatUtc(null)).toBe("");
  });

  it("the filename is a safe slug of the classroom name and the day", () => {
    const day = new Date(Date.UTC(2026, 10, 21, 23, 59));
    expect(gradebookFilename("Demo classroom", day)).toBe("gradebook-demo-classroom-2026-11-21.csv");
    expect(gradebookFilename('Zoë\'s "RNN", 2/3 ../..', day)).toBe("gradebook-zoe-s-rnn-2-3-2026-11-21.csv");
    expect(gradebookFilename("???", day)).toBe("gradebook-2026-11-21.csv");
  });
});
