// Choosing the one hint a learner sees: the mistake that explains every failing test wins over
// one listed earlier that explains only some, it is shown once, and for object results a
// mistake made in one field is still recognised.
import { afterAll, describe, expect, it } from "vitest";
import { chooseHint, mistakeExplains } from "../../grader/hints";
import type { GradeResult } from "../../grader/types";
import { fixture, makePool } from "./helpers";

const TOL = { rtol: 1e-6, atol: 1e-9 };
const out = (value: unknown, mutated: string[] = []) => ({ value, mutated });

describe("mistakeExplains", () => {
  it("matches the same wrong value and the same modified inputs", () => {
    expect(mistakeExplains(out([1, 2]), out([1, 2 + 1e-9]), [1, 3], TOL)).toBe(true);
    expect(mistakeExplains(out([1, 2]), out([1, 2.5]), [1, 3], TOL)).toBe(false);
    // Right values but a modified input: explained by the in-place mistake only.
    expect(mistakeExplains(out([1, 3], ["g"]), out([1, 3], ["g"]), [1, 3], TOL)).toBe(true);
    expect(mistakeExplains(out([1, 3], ["g"]), out([1, 3]), [1, 3], TOL)).toBe(false);
    // A mistake that is right on this case explains nothing here.
    expect(mistakeExplains(out([1, 3]), out([1, 3]), [1, 3], TOL)).toBe(false);
    expect(mistakeExplains(out(NaN), out(NaN), 0, TOL)).toBe(true);
  });

  it("for an object result, explains the fields the learner got wrong even if the others are right", () => {
    const expected = { maskedLoss: 0.6, shortLoss: 0.65, longLoss: 0.5667 };
    const mistake = { maskedLoss: 0.6083, shortLoss: 0.6, longLoss: 0.5 }; // wrong in all three
    expect(mistakeExplains(out({ ...expected, maskedLoss: 0.6083 }), out(mistake), expected, TOL)).toBe(true);
    expect(mistakeExplains(out({ ...expected, maskedLoss: 0.7 }), out(mistake), expected, TOL)).toBe(false);
    // A wrong field the mistake gets right is not this mistake.
    expect(mistakeExplains(out({ ...expected, maskedLoss: 0.6083, longLoss: 9 }), out(mistake), expected, TOL)).toBe(false);
    // A missing key is a different problem.
    expect(mistakeExplains(out({ maskedLoss: 0.6083, shortLoss: 0.65 }), out(mistake), expected, TOL)).toBe(false);
  });
});

describe("chooseHint", () => {
  const ORDER = ["swapped-gates", "no-input-gate", "squashed-cell", "coupled-gates"];

  it("the mistake that explains every failing test wins over an earlier one that explains some, and only it is marked", () => {
    // 05, a learner who wrote i = 1 − f: no-input-gate coincides with it on one test only.
    const explained = [[], ["no-input-gate", "coupled-gates"], ["coupled-gates"], [], ["coupled-gates"]];
    expect(chooseHint(explained, ORDER)).toEqual({ id: "coupled-gates", tests: [1, 2, 4] });
  });

  it("ties go to mistakes.json order; without a full explanation, the broadest one wins", () => {
    expect(chooseHint([["squashed-cell", "swapped-gates"], ["squashed-cell", "swapped-gates"]], ORDER)).toEqual({ id: "swapped-gates", tests: [0, 1] });
    expect(chooseHint([["swapped-gates"], ["coupled-gates"], ["coupled-gates"]], ORDER)).toEqual({ id: "coupled-gates", tests: [1, 2] });
  });

  it("no hint when no mistake explains a failing test", () => {
    expect(chooseHint([[], []], ORDER)).toBeNull();
    expect(chooseHint([], ORDER)).toBeNull();
  });
});

describe("hints through the grader", () => {
  const pool = makePool();
  afterAll(() => pool.close());
  /** The distinct hints a result carries (one diagnosis, marked on each test it explains). */
  const hintsOf = (r: GradeResult) => [...new Set(r.tests.filter((t) => t.hint).map((t) => t.hint!.id))];

  it("05: a learner who wrote i = 1 − f is told so, once, although another mistake matches one of the tests", async () => {
    const code = fixture("..", "..", "exercises", "05-lstm-cell-update", "mistakes", "coupled-gates.ts");
    const r = await pool.grade({ slug: "05-lstm-cell-update", code, mode: "submit", seed: 1 });
    expect(r.status).toBe("fail");
    expect(r.tests.filter((t) => t.status === "fail").length).toBeGreaterThan(1);
    expect(hintsOf(r)).toEqual(["coupled-gates"]);
    // Marked on every failing test it explains, so the panel can point each of them at it.
    expect(r.tests.filter((t) => t.hint).length).toBeGreaterThan(1);
  });

  it("10: averaging per-sequence means in shortLoss and longLoss only still earns the per-sequence-mean hint", async () => {
    // The known mistake does it in all three losses, so its whole result never equals this one.
    const code = fixture("plausible", "10-rnn-diagnostics", "per-sequence-mean-groups-only.ts");
    const r = await pool.grade({ slug: "10-rnn-diagnostics", code, mode: "submit", seed: 1 });
    expect(r.status).toBe("fail");
    expect(r.tests.filter((t) => t.status === "fail").length).toBeGreaterThan(3);
    expect(hintsOf(r)).toEqual(["per-sequence-mean"]);
    expect(r.tests.find((t) => t.hint)!.where).toMatch(/^\.(short|long)Loss$/);
  });
});
