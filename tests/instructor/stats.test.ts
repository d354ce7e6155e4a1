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
    // Started counts learners who submitted: E only pressed Run.
    expect(s).toMatchObject({ learners: 6, started: 4, solved: 3, attempts: 13, runs: 8, medianAttemptsToSolve: 3 });
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
      { id: null, name: "non-square", kind: "hidden", failures: 3, learners: 2, learnerIds: ["u1", "u2"] },
      { id: null, name: RANDOM_CASES, kind: "random", failures: 2, learners: 2, learnerIds: ["u1", "u2"] },
      { id: null, name: "example", kind: "visible", failures: 1, learners: 1, learnerIds: ["u2"] },
    ]);
    expect(s.mistakes.map((m) => [m.id, m.matches, m.learners, m.description])).toEqual([
      ["no-tanh", 2, 2, "Forgets tanh."],
      ["forgot-bias", 1, 1, "Forgets b."],
    ]);
    expect(s2.failingTests).toEqual([{ id: null, name: "long sequence", kind: "hidden", failures: 1, learners: 1, learnerIds: ["u2"] }]);
  });

  it("submits that did not run (compile errors, timeouts) are counted apart, not as failed tests", () => {
    const subs = [
      submit("u1", "01-rnn-step", [["example", "visible", "error"], ["non-square", "hidden", "error"]], { verdict: "error", errorKind: "compile" }),
      submit("u1", "01-rnn-step", [["example", "visible", "error"], ["non-square", "hidden", "error"]], { verdict: "error", errorKind: "timeout" }),
      submit("u1", "01-rnn-step", [["example", "visible", "error"], ["non-square", "hidden", "pass"]], { verdict: "error", errorKind: "runtime" }),
    ];
    const [s] = exerciseStats(EXERCISES, [learner("u1", "A", {})], subs, MISTAKES);
    expect(s.errors).toEqual({ compile: 1, timeout: 1 });
    expect(s.failingTests).toEqual([{ id: null, name: "example", kind: "visible", failures: 1, learners: 1, learnerIds: ["u1"] }]);
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
      { id: "non-square", name: "non-square Wxh (d_h=2, d_x=3)", kind: "hidden", failures: 2, learners: 2, learnerIds: ["u1", "u2"] },
      { id: "removed-case", name: "removed case", kind: "hidden", failures: 1, learners: 1, learnerIds: ["u1"] },
    ]);
  });

  it("ranks tests and mistakes by learners, not submits: one learner submitting 30 times counts once", () => {
    const subs = [
      ...Array.from({ length: 30 }, () => submit("u1", "01-rnn-step", [["example", "visible", "fail", "forgot-bias"], ["non-square", "hidden", "pass"]])),
      submit("u2", "01-rnn-step", [["example", "visible", "pass"], ["non-square", "hidden", "fail", "no-tanh"]]),
      submit("u3", "01-rnn-step", [["example", "visible", "pass"], ["non-square", "hidden", "fail", "no-tanh"]]),
    ];
    const [s] = exerciseStats(EXERCISES, [learner("u1", "A", {}), learner("u2", "B", {}), learner("u3", "C", {})], subs, MISTAKES);
    expect(s.failingTests.map((t) => [t.name, t.learners, t.failures, t.learnerIds])).toEqual([
      ["non-square", 2, 2, ["u2", "u3"]],
      ["example", 1, 30, ["u1"]],
    ]);
    expect(s.mistakes.map((m) => [m.id, m.learners, m.matches, m.learnerIds])).toEqual([
      ["no-tanh", 2, 2, ["u2", "u3"]],
      ["forgot-bias", 1, 30, ["u1"]],
    ]);
  });

  it("ignores submits of learners who are not on the roster", () => {
    const [s] = exerciseStats(EXERCISES, [learner("u1", "A", {})], [submit("stranger", "01-rnn-step", [["example", "visible", "fail", "no-tanh"]])], MISTAKES);
    expect(s.failingTests).toEqual([]);
    expect(s.mistakes.every((m) => m.matches === 0)).toBe(true);
  });
});

describe("progress matrix", () => {
  const NOW = new Date(Date.UTC(2026, 0, 6, 9, 0, 0)); // a day after the fixtures' activity
  const fixed = (status: "pass" | "fail"): [string, "visible", "pass" | "fail"][] => [["example", "visible", status]];
  const learners = [
    learner("u1", "bea", { "01-rnn-step": fields(2, 1, { solvedAfter: 2 }), "02-seq-prob": fields(1, 0.25) }),
    learner("u2", "Al", { "01-rnn-step": fields(1, 1, { solvedAfter: 1 }), "02-seq-prob": fields(3, 1, { solvedAfter: 3 }) }),
    learner("u3", "Cy", {}),
    learner("u4", "Di", { "02-seq-prob": fields(0, 0, { runs: 2 }) }),
    learner("u5", "Ed", { "01-rnn-step": fields(1, 1, { solvedAfter: 1 }), "02-seq-prob": fields(4, 0.5) }),
  ];
  const submits = [
    submit("u1", "01-rnn-step", fixed("fail"), { createdAt: new Date(Date.UTC(2026, 0, 5, 8)) }),
    submit("u1", "01-rnn-step", fixed("pass"), { createdAt: new Date(Date.UTC(2026, 0, 5, 9)) }),
    submit("u1", "02-seq-prob", [["a", "visible", "pass"], ["b", "hidden", "fail"], ["c", "hidden", "fail"], ["d", "hidden", "fail"]]),
    submit("u2", "01-rnn-step", fixed("pass")),
    submit("u2", "02-seq-prob", fixed("pass")),
    submit("u5", "01-rnn-step", fixed("pass")),
    // Ed: four failed submits on exercise 2 and no pass: stuck there.
    ...Array.from({ length: 4 }, () => submit("u5", "02-seq-prob", [["a", "visible", "pass"], ["b", "hidden", "fail"]])),
    { ...submit("u4", "02-seq-prob", fixed("fail")), kind: "run" as const },
  ];
  const m = buildMatrix({ exercises: EXERCISES, learners }, submits, NOW);

  it("has a cell per learner and exercise, row totals and column totals", () => {
    expect(m.rows).toHaveLength(5);
    expect(m.rows.every((r) => r.cells.length === 2)).toBe(true);
    expect(m.rows.map((r) => r.solved)).toEqual([1, 2, 0, 0, 1]);
    expect(m.solvedPerExercise).toEqual([3, 1]);
    // Started counts submits only: Di only ran exercise 2.
    expect(m.startedPerExercise).toEqual([3, 3]);
    expect(m.rows[3].cells[1]).toMatchObject({ state: "attempted", attempts: 0, runs: 2, bestScore: 0, failedSubmits: 0, lastPass: null, stuck: false });
    expect(m.rows[2].lastActivity).toBeNull();
    expect(JSON.parse(JSON.stringify(m))).toEqual(m); // plain data for the client component
  });

  it("cells carry submits, last activity, last pass and the best score from fixed tests", () => {
    const bea = m.rows[0];
    expect(bea.cells[0]).toMatchObject({ attempts: 2, failedSubmits: 1, lastPass: "2026-01-05T09:00:00.000Z", bestScore: 1 });
    expect(bea.cells[1]).toMatchObject({ attempts: 1, bestScore: 0.25, lastPass: null, lastActivity: "2026-01-05T09:00:00.000Z" });
  });

  it("a learner is stuck after several failed submits without a pass, or after days without activity", () => {
    const ed = m.rows[4];
    expect(ed.cells[1]).toMatchObject({ failedSubmits: 4, stuck: true });
    expect(ed).toMatchObject({ stuckOn: 1, idle: false, stuck: true, stuckFailures: 4 });
    expect(m.rows[0].stuck).toBe(false);
    // A week later, everyone with exercises left is idle; Al solved everything.
    const later = buildMatrix({ exercises: EXERCISES, learners }, submits, new Date(NOW.getTime() + 8 * 86_400_000));
    expect(later.rows.map((r) => [r.name, r.idle])).toEqual([
      ["bea", true],
      ["Al", false],
      ["Cy", true],
      ["Di", true],
      ["Ed", true],
    ]);
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

  it("sorts by stuck (most stuck first) and by last activity", () => {
    expect(sortRows(m.rows, "stuck", "desc")[0].name).toBe("Ed");
    expect(sortRows(m.rows, "activity", "asc")[0].name).toBe("Cy"); // never active
  });

  it("hover text says state, submits, best score, failures, runs, last activity and last pass", () => {
    const now = "2026-01-05T12:00:00.000Z";
    const base = { failedSubmits: 0, lastActivity: "2026-01-05T09:00:00.000Z", lastPass: null, stuck: false };
    expect(cellTitle("Bea", "Step", { ...base, state: "attempted", attempts: 2, runs: 1, bestScore: 0.255, failedSubmits: 2 }, now)).toBe(
      "Bea · Step: attempted · 2 submits · best score 26% · 2 failed · 1 run · last active 3 h ago · never passed",
    );
    expect(cellTitle("Bea", "Step", { ...base, state: "solved", attempts: 1, runs: 0, bestScore: 1, lastPass: "2026-01-05T11:55:00.000Z" }, now)).toBe(
      "Bea · Step: solved · 1 submit · best score 100% · last active 3 h ago · last pass 5 min ago",
    );
    expect(cellTitle("Bea", "Step", { ...base, state: "attempted", attempts: 5, runs: 0, bestScore: 0.5, failedSubmits: 5, stuck: true }, now)).toMatch(
      /^Bea · Step: attempted \(stuck\) · 5 submits/,
    );
    expect(cellTitle("Bea", "Step", { ...base, state: "not-started", attempts: 0, runs: 0, bestScore: 0, lastActivity: null }, now)).toBe("Bea · Step: not started");
  });
});
