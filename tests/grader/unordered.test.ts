// Order-free comparison (exercise.json or a case's "compare", issue 17): arrays compared as
// multisets, numbers within the tolerance, nested arrays at the outer level or at every level.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { caseTolerance, compareValues, describeDifference, type Tolerance } from "../../grader/compare";
import { metaSchema, testCaseSchema } from "../../grader/exercise-schema";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import type { GraderPool } from "../../grader/pool";
import { FIXTURES, makePool } from "./helpers";

const TOL = { rtol: 1e-6, atol: 1e-9 };
const unordered: Tolerance = { ...TOL, order: "unordered" };
const nested: Tolerance = { ...TOL, order: "unordered-nested" };

describe("comparing in any order", () => {
  it("passes a permutation, and still fails it when order matters", () => {
    expect(compareValues([3, 1, 2], [1, 2, 3], unordered)).toBeNull();
    expect(compareValues(["b", "a"], ["a", "b"], unordered)).toBeNull();
    expect(compareValues([3, 1, 2], [1, 2, 3], TOL)?.kind).toBe("wrong-value");
  });

  it("counts repeated elements (a multiset, not a set)", () => {
    const d = compareValues([1, 2, 2], [1, 1, 2], unordered)!;
    expect(d.kind).toBe("unordered");
    expect(d.missing).toEqual([1]);
    expect(d.extra).toEqual([2]);
    expect(describeDifference(d, true)).toBe("The result (compared in any order) is missing `1` and has an unexpected element `2`.");
    expect(compareValues([1, 2], [1, 1, 2], unordered)?.missing).toEqual([1]);
  });

  it("matches numbers within the tolerance, finding a pairing where greedy pairing fails", () => {
    expect(compareValues([2.0000000001, 1], [1, 2], unordered)).toBeNull();
    // atol 1: 0 pairs with 0 or -1, 1 only with 0; pairing 0 with 0 first must be undone
    const loose: Tolerance = { rtol: 0, atol: 1, order: "unordered" };
    expect(compareValues([0, -1], [0, 1], loose)).toBeNull();
    expect(compareValues([0, -2], [0, 1], loose)?.kind).toBe("unordered");
  });

  it("pairs large arrays of numbers by sorting, and bounds the work on large arrays of arrays", () => {
    const n = 20_000;
    const expected = Array.from({ length: n }, (_, i) => i / 7);
    const noisy = expected.map((x) => x * (1 + 1e-9)).reverse();
    expect(compareValues(noisy, expected, unordered)).toBeNull();
    const off = [...noisy];
    off[123] = -5;
    expect(compareValues(off, expected, unordered)).toMatchObject({ kind: "unordered", extra: [-5] });
    expect(compareValues([NaN, Infinity, 1], [1, Infinity, NaN], unordered)).toBeNull();
    expect(compareValues([NaN, 1], [Infinity, 1], unordered)).toMatchObject({ missing: [Infinity], extra: [NaN] });
    // Rows that differ from theirs by rounding pair up, in any order, several hundred of them.
    const pairs = Array.from({ length: 500 }, (_, i) => [i / 3, i + 0.5]);
    expect(compareValues(pairs.map(([a, b]) => [a * (1 + 1e-9), b]).reverse(), pairs, unordered)).toBeNull();
    // Rows that pair with nothing: the comparison stops after a bounded number of tries, failing.
    const rows = Array.from({ length: 3000 }, (_, i) => [i, i + 0.5]);
    const wrong = rows.map(([a, b]) => [a + 0.25, b]);
    expect(compareValues(wrong, rows, unordered)?.kind).toBe("unordered");
  });

  it("compares nested arrays at the outer level only, or at every level", () => {
    expect(compareValues([[3, 4], [1, 2]], [[1, 2], [3, 4]], unordered)).toBeNull();
    expect(compareValues([[2, 1], [4, 3]], [[1, 2], [3, 4]], unordered)?.kind).toBe("unordered");
    expect(compareValues([[4, 3], [2, 1]], [[1, 2], [3, 4]], nested)).toBeNull();
    expect(compareValues([[4, 3], [2, 2]], [[1, 2], [3, 4]], nested)?.missing).toEqual([[1, 2]]);
    // the first array level under an object's key is compared in any order
    expect(compareValues({ words: ["b", "a"], n: 2 }, { words: ["a", "b"], n: 2 }, unordered)).toBeNull();
  });

  it("says what is missing and extra on visible tests, only how many on hidden ones", () => {
    const d = compareValues([["x", "y"], [1, 3]], [[1, 2], ["x", "y"]], unordered)!;
    expect(describeDifference(d, true)).toBe("The result (compared in any order) is missing `[1, 2]` and has an unexpected element `[1, 3]`.");
    expect(describeDifference(d, false)).toBe("Wrong elements (in any order): 1 expected element missing, 1 unexpected element.");
    expect(compareValues("x", ["x"], unordered)?.kind).toBe("wrong-type");
  });

  it("is declared per exercise and per case, the case winning", () => {
    expect(caseTolerance(TOL, "unordered", "ordered")).toEqual(TOL);
    expect(caseTolerance(TOL, undefined, "unordered-nested")).toEqual(nested);
    expect(testCaseSchema.safeParse({ id: "a", name: "a", args: [], compare: "unordered" }).success).toBe(true);
    expect(testCaseSchema.safeParse({ id: "a", name: "a", args: [], compare: "any" }).success).toBe(false);
    const meta = { id: "c3a9e6d4-7b21-4f5a-8e0d-91b2f4c6a813", title: "t", order: 1, summary: "s", difficulty: "easy", export: "f", signature: "export function f(): number[]", params: [] };
    expect(metaSchema.safeParse({ ...meta, compare: "unordered" }).success).toBe(true);
    expect(metaSchema.safeParse({ ...meta, compare: "sorted" }).success).toBe(false);
  });
});

describe("grading an exercise compared in any order", () => {
  const FORMATS = path.join(FIXTURES, "exercise-formats");
  const SLUG = "22-anagrams";
  let pool: GraderPool;
  const grade = (code: string) => pool.grade({ slug: SLUG, code, mode: "submit", seed: 1 });
  const solution = (body: string) => `export function findAnagrams(word: string, candidates: string[]): string[] {
  const key = (w: string) => [...w.toLowerCase()].sort().join("");
  ${body}
}`;

  beforeAll(() => {
    pool = makePool({ size: 1, exercisesDir: FORMATS });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("passes exercises:check, with expected values given in another order than the reference's", async () => {
    const report = await checkExercise(pool, SLUG, FORMATS, { mutation: "off" });
    expect(report.problems).toEqual([]);
  });

  it("passes the anagrams in any order, and fails a missing or extra one with what it is", async () => {
    const reversed = await grade(solution("return candidates.filter((c) => c.toLowerCase() !== word.toLowerCase() && key(c) === key(word)).reverse();"));
    expect(reversed.status).toBe("pass");

    const withSelf = await grade(solution("return candidates.filter((c) => key(c) === key(word));"));
    expect(withSelf.status).toBe("fail");
    const hidden = withSelf.tests.find((t) => t.name === "a word is not its own anagram")!;
    expect(hidden).toMatchObject({ status: "fail", category: "wrong-value", message: HIDDEN_CATEGORIES["wrong-value"] });
    expect(withSelf.tests.find((t) => t.name === "listen")!.status).toBe("pass");

    const partial = await grade(solution('return candidates.filter((c) => key(c) === key(word) && c !== "silent");'));
    expect(partial.tests[0]).toMatchObject({ status: "fail", message: "The result (compared in any order) is missing `\"silent\"`." });
  });
});
