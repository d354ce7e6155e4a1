// Per-exercise statistics and the progress matrix, from hand-built rosters and submits.
import { describe, expect, it } from "vitest";
import { buildMatrix, cellTitle, sortRows } from "../../lib/instructor/matrix";
import { exerciseStats, median, RANDOM_CASES } from "../../lib/instructor/stats";
import { EXERCISES, fields, learner, submit } from "./roster-fixtures";

const MISTAKES = {
  "01-rnn-step": [
    { id: "no-tanh", description: "Forgets tanh.", hint: "Apply tanh." },
    { id: "forgot-bias", description: "Forgets b.", hint: "Add the bias." },
  ],
};

describe("median", () => {
  it("of odd, even, single and empty lists", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 10])).toBe(3);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
    expect(median([2, 2, 9, 2])).toBe(2);
  });
});

describe("exerciseStats", () => {
  it("an empty classroom has zero counts and no share solved", () => {
    const stats = exerciseStats(EXERCISES, [], [], MISTAKES);
    expect(stats.map((s) => s.slug)).toEqual(EXERCISES.map((e) => e.slug));
    expect(stats[0]).toMatchObject({ learners: 0, started: 0, solved: 0, shareSolved: null, attempts: 0, medianAttemptsToSolve: null, failingTests: [] });
    // Known mistakes are listed even before anyone matches them.
    expect(stats[0].mistakes.map((m) => [m.id, m.matches])).toEqual([
      ["no-tanh", 0],
      ["forgot-bias", 0],
    ]);
    expect(stats[1].mistakes).toEqual([]);
  });

  it("learners without submissions count towards the class size only", () => {
    const [s] = exerciseStats(EXERCISES, [learner("u1", "A", {}), learner("u2", "B", {})], []);
    expect(s).toMatchObject({ learners: 2, started: 0, solved: 0, shareSolved: 0, attempts: 0, medianAttemptsToSolve: null });
  });

  it("share solved, submits, runs and median submits to solve", () => {
    const learners = [
      learner("u1", "A", { "01-rnn-step": fields(1, 1, { solvedAfter: 1 }) }),
      learner("u2", "B", { "01-rnn-step": fields(4, 1, { solvedAfter: 3 }) }), // solved at 3, then submitted again
      learner("u3", "C", { "01-rnn-step": fields(6, 1, { solvedAfter: 6, runs: 2 }) }),
      learner("u4", "D", { "01-rnn-step": fields(2, 0.5, { runs: 5 }) }),
      learner("u5", "E", { "01-rnn-step": fields(0, 0, { runs: 1 }) }),
      learner("u6", "F", {}),
    ];
    const [s] = exerciseStats(EXERCISES, learners, []);
    expect(s).toMatchObject({ learners: 6, started: 5, solved: 3, attempts: 13, runs: 8, medianAttemptsToSolve: 3 });
    expect(s.shareSolved).toBeCloseTo(0.5);
    const four = exerciseStats(EXERCISES, [...learners, learner("u7", "G", { "01-rnn-step": fields(2, 1, { solvedAfter: 2 }) })], []);
    expect(four[0].medianAttemptsToSolve).toBe(2.5);
  });

  it("counts failing tests once per submit, by learners too, with random cases pooled", () => {
    const subs = [
      submit("u1", "01-rnn-step", [
        ["example", "visible", "pass"],
        ["non-square", "hidden", "fail", "forgot-bias"],
        ["random #1", "random", "fail", "forgot-bias"],
        ["random #2", "random", "fail"],
      ]),
      submit("u1", "01-rnn-step", [
        ["example", "visible", "pass"],
        ["non-square", "hidden", "fail", "no-tanh"],
        ["random #1", "random", "pass"],
      ]),
      submit("u2", "01-rnn-step", [
        ["example", "visible", "fail", "no-tanh"],
        ["non-square", "hidden", "fail", "no-tanh"],
        ["random #7", "random", "error"], // a runtime error on one case is the code's fault
      ]),
      // Runs and other exercises do not count here.
      { ...submit("u2", "01-rnn-step", [["example", "visible", "fail"]]), kind: "run" as const },
      submit("u2", "02-seq-prob", [["long sequence", "hidden", "fail"]]),
    ];
    const [s, s2] = exerciseStats(EXERCISES, [learner("u1", "A", {}), learner("u2", "B", {})], subs, MISTAKES);
    expect(s.failingTests).toEqual([
      { id: null, name: "non-square", kind: "hidden", failures: 3, learners: 2 },
      { id: null, name: RANDOM_CASES, kind: "random", failures: 2, learners: 2 },
      { id: null, name: "example", kind: "visible", failures: 1, learners: 1 },
    ]);
    expect(s.mistakes.map((m) => [m.id, m.matches, m.learners, m.description])).toEqual([
      ["no-tanh", 2, 2, "Forgets tanh."],
      ["forgot-bias", 1, 1, "Forgets b."],
    ]);
    expect(s2.failingTests).toEqual([{ id: null, name: "long sequence", kind: "hidden", failures: 1, learners: 1 }]);
  });

  it("submits that did not run (compile errors, timeouts) are counted apart, not as failed tests", () => {
    const subs = [
      submit("u1", "01-rnn-step", [["example", "visible", "error"], ["non-square", "hidden", "error"]], { verdict: "error", errorKind: "compile" }),
      submit("u1", "01-rnn-step", [["example", "visible", "error"], ["non-square", "hidden", "error"]], { verdict: "error", errorKind: "timeout" }),
      submit("u1", "01-rnn-step", [["example", "visible", "error"], ["non-square", "hidden", "pass"]], { verdict: "error", errorKind: "runtime" }),
    ];
    const [s] = exerciseStats(EXERCISES, [learner("u1", "A", {})], subs, MISTAKES);
    expect(s.errors).toEqual({ compile: 1, timeout: 1 });
    expect(s.failingTests).toEqual([{ id: null, name: "example", kind: "visible", failures: 1, learners: 1 }]);
  });

  it("counts a test by its permanent id: a renamed test is one row under its current name", () => {
    const tests = { "01-rnn-step": [{ id: "non-square", name: "non-square Wxh (d_h=2, d_x=3)", kind: "hidden" as const }] };
    const subs = [
      // Stored before tests had ids: matched to the test that has this name now.
      submit("u1", "01-rnn-step", [["non-square Wxh (d_h=2, d_x=3)", "hidden", "fail"]]),
      // Stored with its id, before the test was renamed.
      submit("u2", "01-rnn-step", [["non-square Wxh", "hidden", "fail", null, "non-square"]]),
      // A test since removed from tests.json keeps its stored name.
      submit("u1", "01-rnn-step", [["removed case", "hidden", "fail", null, "removed-case"]]),
    ];
    const [s] = exerciseStats(EXERCISES, [learner("u1", "A", {}), learner("u2", "B", {})], subs, MISTAKES, tests);
    expect(s.failingTests).toEqual([
      { id: "non-square", name: "non-square Wxh (d_h=2, d_x=3)", kind: "hidden", failures: 2, learners: 2 },
      { id: "removed-case", name: "removed case", kind: "hidden", failures: 1, learners: 1 },
    ]);
  });

  it("ignores submits of learners who are not on the roster", () => {
    const [s] = exerciseStats(EXERCISES, [learner("u1", "A", {})], [submit("stranger", "01-rnn-step", [["example", "visible", "fail", "no-tanh"]])], MISTAKES);
    expect(s.failingTests).toEqual([]);
    expect(s.mistakes.every((m) => m.matches === 0)).toBe(true);
  });
});

describe("progress matrix", () => {
  const learners = [
    learner("u1", "bea", { "01-rnn-step": fields(2, 1, { solvedAfter: 2 }), "02-seq-prob": fields(1, 0.25) }),
    learner("u2", "Al", { "01-rnn-step": fields(1, 1, { solvedAfter: 1 }), "02-seq-prob": fields(3, 1, { solvedAfter: 3 }) }),
    learner("u3", "Cy", {}),
    learner("u4", "Di", { "02-seq-prob": fields(0, 0, { runs: 2 }) }),
    learner("u5", "Ed", { "01-rnn-step": fields(1, 1, { solvedAfter: 1 }), "02-seq-prob": fields(1, 0.5) }),
  ];
  const m = buildMatrix({ exercises: EXERCISES, learners });

  it("has a cell per learner and exercise, row totals and column totals", () => {
    expect(m.rows).toHaveLength(5);
    expect(m.rows.every((r) => r.cells.length === 2)).toBe(true);
    expect(m.rows.map((r) => r.solved)).toEqual([1, 2, 0, 0, 1]);
    expect(m.solvedPerExercise).toEqual([3, 1]);
    expect(m.startedPerExercise).toEqual([3, 4]);
    expect(m.rows[3].cells[1]).toEqual({ state: "attempted", attempts: 0, runs: 2, bestScore: 0 });
    expect(m.rows[2].lastActivity).toBeNull();
    expect(JSON.parse(JSON.stringify(m))).toEqual(m); // plain data for the client component
  });

  it("sorts by name either way, case-insensitively", () => {
    expect(sortRows(m.rows, "name", "asc").map((r) => r.name)).toEqual(["Al", "bea", "Cy", "Di", "Ed"]);
    expect(sortRows(m.rows, "name", "desc").map((r) => r.name)).toEqual(["Ed", "Di", "Cy", "bea", "Al"]);
  });

  it("sorts by progress (solved, then in progress, then score), ties by name", () => {
    expect(sortRows(m.rows, "progress", "desc").map((r) => r.name)).toEqual(["Al", "Ed", "bea", "Di", "Cy"]);
    expect(sortRows(m.rows, "progress", "asc").map((r) => r.name)).toEqual(["Cy", "Di", "bea", "Ed", "Al"]);
    expect(m.rows.map((r) => r.name)).toEqual(["bea", "Al", "Cy", "Di", "Ed"]); // input untouched
  });

  it("hover text says state, submits, best score and runs", () => {
    expect(cellTitle("Bea", "Step", { state: "attempted", attempts: 2, runs: 1, bestScore: 0.255 })).toBe(
      "Bea · Step: attempted · 2 submits · best score 26% · 1 run",
    );
    expect(cellTitle("Bea", "Step", { state: "solved", attempts: 1, runs: 0, bestScore: 1 })).toBe("Bea · Step: solved · 1 submit · best score 100%");
    expect(cellTitle("Bea", "Step", { state: "attempted", attempts: 0, runs: 3, bestScore: 0 })).toBe("Bea · Step: attempted · 0 submits · 3 runs");
    expect(cellTitle("Bea", "Step", { state: "not-started", attempts: 0, runs: 0, bestScore: 0 })).toBe("Bea · Step: not started");
  });
});
