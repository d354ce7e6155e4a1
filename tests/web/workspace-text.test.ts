// What the workspace tells a learner, from pure functions: hint math split out for KaTeX, the
// console grouped by test, and the notice after signing up, which must say only what happened.
import { describe, expect, it } from "vitest";
import { splitMath } from "../../app/_components/MathText";
import { groupConsole } from "../../app/_components/ResultsPanel";
import { describeImport } from "../../app/_lib/import-notice";
import type { TestResult } from "../../grader/types";

describe("splitMath", () => {
  it("finds inline and display math, leaves the rest as text", () => {
    expect(splitMath("Row $i$ of $$W_{xh}$$ done")).toEqual([
      { math: false, text: "Row " },
      { math: true, tex: "i", display: false },
      { math: false, text: " of " },
      { math: true, tex: "W_{xh}", display: true },
      { math: false, text: " done" },
    ]);
  });
  it("keeps an escaped dollar as a dollar and plain text as one piece", () => {
    expect(splitMath("costs \\$5 and \\$6")).toEqual([{ math: false, text: "costs $5 and $6" }]);
    expect(splitMath("no math here")).toEqual([{ math: false, text: "no math here" }]);
  });
  it("renders `code` spans as code, and a dollar inside one is not math", () => {
    expect(splitMath("apply $\\tanh$ (`Math.tanh`), not `a$b$`")).toEqual([
      { math: false, text: "apply " },
      { math: true, tex: "\\tanh", display: false },
      { math: false, text: " (" },
      { math: false, text: "Math.tanh", code: true },
      { math: false, text: "), not " },
      { math: false, text: "a$b$", code: true },
    ]);
  });
});

const test = (name: string, extra: Partial<TestResult> = {}): TestResult => ({ name, kind: "visible", hidden: false, status: "pass", durationMs: 1, ...extra });

describe("groupConsole", () => {
  it("splits load output, each test's output and the hidden marker", () => {
    const tests = [test("a", { console: "in a\n" }), test("b"), test("c", { console: "in c\n" }), test("h", { kind: "hidden", hidden: true })];
    const console = "loading\nin a\nin c\n── hidden test output withheld ──\n";
    expect(groupConsole({ console, tests })).toEqual([
      { label: "While loading your file", text: "loading\n" },
      { label: 'Test "a"', text: "in a\n" },
      { label: 'Test "c"', text: "in c\n" },
      { label: "Hidden tests", text: "── hidden test output withheld ──\n" },
    ]);
  });
  it("shows one block when no test carries its own output (results stored before grouping)", () => {
    expect(groupConsole({ console: "old\n", tests: [test("a")] })).toEqual([{ label: "", text: "old\n" }]);
    expect(groupConsole({ console: "", tests: [] })).toEqual([]);
  });
});

describe("describeImport", () => {
  const graded = (slug: string, solved: boolean) => ({ slug, verdict: solved ? ("pass" as const) : ("fail" as const), passed: solved ? 5 : 1, total: 5, solved });
  it("says how many drafts moved and what submitting them found", () => {
    const lines = describeImport({ imported: ["a", "b"], kept: [], graded: [graded("a", true), graded("b", false)], notGraded: [] }, {});
    expect(lines).toEqual([
      "2 drafts from this browser are now in your account.",
      "We submitted each one for you: 1 passes every test and counts as solved; 1 does not pass every test yet and counts as attempted.",
    ]);
  });
  it("never claims a solve the code does not back", () => {
    const local = { a: { state: "solved" as const, updatedAt: 1 }, z: { state: "solved" as const, updatedAt: 1 } };
    const lines = describeImport({ imported: ["a"], kept: [], graded: [graded("a", false)], notGraded: [] }, local);
    expect(lines.join(" ")).not.toMatch(/counts as solved/);
    expect(lines.join(" ")).toMatch(/1 exercise this browser had marked solved was changed afterwards/);
    expect(lines.join(" ")).toMatch(/1 exercise marked solved in this browser had no code left to check/);
  });
  it("reports a failed hand-over as such, and says nothing when there was nothing", () => {
    expect(describeImport(null, {})[0]).toMatch(/could not be moved to your account just now/);
    expect(describeImport({ imported: [], kept: [], graded: [], notGraded: [] }, {})).toEqual([]);
  });
});
