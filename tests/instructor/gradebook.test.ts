// The gradebook CSV: one row per learner by name, keyed by email (first column, what an LMS
// import matches on); per released assignment a column per exercise and the assignment's score,
// a total, then the practice best per exercise (fixed tests only), solved count and last
// activity; awkward names survive; empty classes still export.
import { describe, expect, it } from "vitest";
import { UTF8_BOM } from "../../lib/instructor/csv";
import { formatUtc, gradebookCsv, gradebookFilename, gradebookRows } from "../../lib/instructor/gradebook";
import type { LatePolicy } from "../../lib/scores";
import { EXERCISES, fields, learner, roster, submit } from "./roster-fixtures";

const HEADER = [
  "Email",
  "Name",
  "Total (%)",
  "01 One vanilla RNN step (practice best %)",
  "02 Sequence probability, log-space (practice best %)",
  "Solved",
  "Last activity (UTC)",
];
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;

function assignment(title: string, dueHours: number, latePolicy: LatePolicy = { kind: "none" }, options: { released?: boolean; extensions?: { learnerId: string; dueAt: Date }[] } = {}) {
  return {
    title,
    dueAt: new Date(T0 + dueHours * HOUR),
    latePolicy,
    exercises: EXERCISES,
    released: options.released ?? true,
    extensions: (options.extensions ?? []).map((x) => ({ ...x, name: "", email: "" })),
  };
}

describe("gradebook rows", () => {
  it("an empty classroom exports the header only", () => {
    expect(gradebookRows(roster([]))).toEqual([HEADER]);
    expect(gradebookCsv(roster([]))).toBe(
      `${UTF8_BOM}Email,Name,Total (%),01 One vanilla RNN step (practice best %),"02 Sequence probability, log-space (practice best %)",Solved,Last activity (UTC)\r\n`,
    );
  });

  it("a learner with no submissions has empty scores, 0 solved and no last activity", () => {
    const rows = gradebookRows(roster([learner("u1", "Quiet Quinn", {})]));
    expect(rows[1]).toEqual(["u1@example.com", "Quiet Quinn", null, null, null, 0, ""]);
  });

  it("practice best counts fixed tests only: lucky random cases add nothing", () => {
    const bea = learner("u1", "Bea", { "01-rnn-step": fields(3, 1, { solvedAfter: 3, minutes: 10 }), "02-seq-prob": fields(2, 2 / 3, { minutes: 42 }) });
    const submits = [
      submit("u1", "01-rnn-step", [["a", "visible", "pass"], ["b", "hidden", "pass"], ["r", "random", "pass"]]),
      // 1 of 2 fixed, random cases all pass by luck: 1 / (2 + 1), not 2 / 3.
      submit("u1", "02-seq-prob", [["a", "visible", "pass"], ["b", "hidden", "fail"], ["r1", "random", "pass"], ["r2", "random", "pass"]]),
      submit("u1", "02-seq-prob", [["a", "visible", "fail"], ["b", "hidden", "fail"], ["r1", "random", "pass"]], { kind: "run" }),
    ];
    const rows = gradebookRows(roster([bea, learner("u2", "Al", { "01-rnn-step": fields(0, 0, { runs: 4, minutes: 5 }) })]), { submits });
    expect(rows.slice(1)).toEqual([
      ["u2@example.com", "Al", null, null, null, 0, "2026-01-05 09:05:00"],
      ["u1@example.com", "Bea", null, 100, 33.3, 1, "2026-01-05 09:42:00"],
    ]);
  });

  it("released assignments get a column per exercise and one for the assignment; the total is their mean", () => {
    const pass = [["a", "visible", "pass"], ["b", "hidden", "pass"]] as [string, "visible" | "hidden", "pass"][];
    const half = [["a", "visible", "pass"], ["b", "hidden", "fail"]] as [string, "visible" | "hidden", "pass" | "fail"][];
    const submits = [
      submit("u1", "01-rnn-step", pass, { createdAt: new Date(T0 + 1 * HOUR) }), // on time for W1, late for W0
      submit("u1", "02-seq-prob", half, { createdAt: new Date(T0) }),
      submit("u2", "01-rnn-step", pass, { createdAt: new Date(T0 + 20 * HOUR) }), // 18 h late for W1: one started day
    ];
    const assignments = [
      assignment("W1", 2, { kind: "penalty", percentPerDay: 20, cutoffDays: 2 }),
      assignment("W0", 0, { kind: "none" }, { extensions: [{ learnerId: "u2", dueAt: new Date(T0 + 40 * HOUR) }] }),
      assignment("Later", 100, { kind: "none" }, { released: false }),
    ];
    const rows = gradebookRows(roster([learner("u1", "Bea", {}), learner("u2", "Cy", {})]), { assignments, submits });
    expect(rows[0].slice(0, 9)).toEqual([
      "Email",
      "Name",
      "W1: 01 One vanilla RNN step (%)",
      "W1: 02 Sequence probability, log-space (%)",
      "W1 (%)",
      "W0: 01 One vanilla RNN step (%)",
      "W0: 02 Sequence probability, log-space (%)",
      "W0 (%)",
      "Total (%)",
    ]);
    expect(rows[0].join()).not.toContain("Later");
    // Bea: W1 = (100 + 50) / 2; W0: exercise 1 was late with no late policy → 0, so (0 + 50) / 2.
    expect(rows[1].slice(0, 9)).toEqual(["u1@example.com", "Bea", 100, 50, 75, 0, 50, 25, 50]);
    // Cy: W1 one day late at 20 % a day → 80; W0 on time thanks to the extension → 100.
    expect(rows[2].slice(0, 9)).toEqual(["u2@example.com", "Cy", 80, 0, 40, 100, 0, 50, 45]);
  });

  it("sorts by name ignoring case and accents, then by email", () => {
    const names = gradebookRows(
      roster([learner("a", "émile", {}), learner("b", "Zed", {}), learner("c", "Adam", {}, "z@x"), learner("d", "adam", {}, "a@x")]),
    )
      .slice(1)
      .map((r) => `${r[1]} ${r[0]}`);
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
      { submits: [submit("u1", "01-rnn-step", [["a", "visible", "pass"], ["b", "hidden", "fail"]])] },
    );
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain('u1@example.com,"Lovelace, Ada ""Countess""",,50,,0,2026-01-05 09:00:00');
    expect(lines).toContain(`u2@example.com,"'=HYPERLINK(""http://evil"")",,,,0,`);
    expect(csv).toContain('u3@example.com,"Two\nLines",,,,0,\r\n');
    expect(lines).toContain("'@at@example.com,'-Minus,,,,0,");
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("cells and filename", () => {
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
