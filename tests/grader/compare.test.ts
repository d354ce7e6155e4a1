import { describe, expect, it } from "vitest";
import { compareValues, deepEqual, describeDifference, isClose, type Tolerance } from "../../grader/compare";
import { WireOpaque } from "../../grader/wire";

const TOL: Tolerance = { rtol: 1e-6, atol: 1e-9 };

describe("isClose (numpy.allclose semantics)", () => {
  it("uses atol alone around zero", () => {
    expect(isClose(1e-9, 0, TOL)).toBe(true);
    expect(isClose(-1e-9, 0, TOL)).toBe(true);
    expect(isClose(1.1e-9, 0, TOL)).toBe(false);
  });

  it("scales with rtol·|expected| for large values", () => {
    // allowed error at 1000 is 1e-9 + 1e-3
    expect(isClose(1000 + 0.9e-3, 1000, TOL)).toBe(true);
    expect(isClose(1000 - 0.9e-3, 1000, TOL)).toBe(true);
    expect(isClose(1000 + 1.1e-3, 1000, TOL)).toBe(false);
  });

  it("is asymmetric like numpy: the tolerance scales with the expected value", () => {
    const tol = { rtol: 0.5, atol: 0 };
    expect(isClose(3, 2, tol)).toBe(true); // |1| ≤ 0.5·2: the boundary itself is inside
    expect(isClose(3.25, 2, tol)).toBe(false); // 1.25 > 1
    expect(isClose(2, 3.25, tol)).toBe(true); // 1.25 ≤ 1.625
  });

  it("treats NaN as equal only to NaN, and infinities only to themselves", () => {
    expect(isClose(NaN, NaN, TOL)).toBe(true);
    expect(isClose(0, NaN, TOL)).toBe(false);
    expect(isClose(NaN, 0, TOL)).toBe(false);
    expect(isClose(Infinity, Infinity, TOL)).toBe(true);
    expect(isClose(-Infinity, Infinity, TOL)).toBe(false);
    expect(isClose(1e308, Infinity, TOL)).toBe(false);
    expect(isClose(Infinity, 1e308, TOL)).toBe(false);
  });

  it("uses exact equality when both tolerances are zero", () => {
    expect(isClose(0.1 + 0.2, 0.3, { rtol: 0, atol: 0 })).toBe(false);
    expect(isClose(0.3, 0.3, { rtol: 0, atol: 0 })).toBe(true);
  });
});

describe("compareValues", () => {
  it("accepts equal nested structures within tolerance", () => {
    const expected = { p: 0.5, logp: -0.6931471805599453, rows: [[1, 2], [3, 4]] };
    const actual = { logp: -0.69314718, p: 0.5000000001, rows: [[1, 2], [3, 4.000001]] };
    expect(compareValues(actual, expected, TOL)).toBeNull();
  });

  it("finds the first differing element with its path and error", () => {
    const d = compareValues([0.1, 0.2, 0.6], [0.1, 0.2, 0.3], TOL)!;
    expect(d.kind).toBe("wrong-value");
    expect(d.path).toBe("[2]");
    expect(d.absError).toBeCloseTo(0.3, 12);
  });

  it("reports nested paths in matrices and objects", () => {
    expect(compareValues([[1, 2], [3, 5]], [[1, 2], [3, 4]], TOL)!.path).toBe("[1][1]");
    expect(compareValues({ p: 1, logp: 2 }, { p: 1, logp: 0 }, TOL)!.path).toBe(".logp");
    expect(compareValues({ s: { "odd key": [1] } }, { s: { "odd key": [2] } }, TOL)!.path).toBe('.s["odd key"][0]');
  });

  it("reports a wrong length before comparing elements", () => {
    const d = compareValues([9, 9, 9], [1, 2], TOL)!;
    expect(d.kind).toBe("wrong-length");
    expect(d.path).toBe("");
    const inner = compareValues([[1, 2], [3]], [[1, 2], [3, 4]], TOL)!;
    expect(inner).toMatchObject({ kind: "wrong-length", path: "[1]" });
  });

  it("reports NaN and Infinity where a finite number was expected", () => {
    expect(compareValues([1, NaN], [1, 2], TOL)).toMatchObject({ kind: "not-finite", path: "[1]" });
    expect(compareValues(-Infinity, 0, TOL)).toMatchObject({ kind: "not-finite" });
    // expected non-finite values compare by identity
    expect(compareValues({ logp: -Infinity }, { logp: -Infinity }, TOL)).toBeNull();
    expect(compareValues({ logp: -1e300 }, { logp: -Infinity }, TOL)).toMatchObject({ kind: "wrong-value" });
  });

  it("reports undefined as a missing return, and missing or extra keys", () => {
    expect(compareValues(undefined, [1], TOL)).toMatchObject({ kind: "undefined", path: "" });
    expect(compareValues([1, undefined], [1, 2], TOL)).toMatchObject({ kind: "undefined", path: "[1]" });
    expect(compareValues({ p: 1 }, { p: 1, logp: 0 }, TOL)).toMatchObject({ kind: "missing-key", key: "logp", path: ".logp" });
    expect(compareValues({ p: 1, logp: 0, extra: 1 }, { p: 1, logp: 0 }, TOL)).toMatchObject({ kind: "extra-key", key: "extra" });
  });

  it("reports wrong types, including typed arrays and strings of digits", () => {
    expect(compareValues("0.5", 0.5, TOL)).toMatchObject({ kind: "wrong-type" });
    expect(compareValues({ 0: 1 }, [1], TOL)).toMatchObject({ kind: "wrong-type" });
    expect(compareValues([1], { a: 1 }, TOL)).toMatchObject({ kind: "wrong-type" });
    expect(compareValues(null, 0, TOL)).toMatchObject({ kind: "wrong-type" });
    expect(compareValues(new WireOpaque("typed", "Float64Array", [1]), [1], TOL)).toMatchObject({ kind: "wrong-type" });
  });

  it("compares strings, booleans and null exactly", () => {
    expect(compareValues("a", "a", TOL)).toBeNull();
    expect(compareValues("a", "b", TOL)).toMatchObject({ kind: "wrong-value" });
    expect(compareValues(true, false, TOL)).toMatchObject({ kind: "wrong-value" });
    expect(compareValues(null, null, TOL)).toBeNull();
  });
});

describe("describeDifference", () => {
  it("names the missing return", () => {
    expect(describeDifference(compareValues(undefined, [1], TOL)!, true)).toMatch(/did you forget to return\?/);
  });

  it("quotes expected values for visible tests only", () => {
    const d = compareValues([0.1, 0.2, 0.6], [0.1, 0.2, 0.3], TOL)!;
    const visible = describeDifference(d, true);
    const hidden = describeDifference(d, false);
    expect(visible).toContain("expected 0.3");
    expect(visible).toContain("got 0.6");
    expect(visible).toContain("[2]");
    expect(hidden).toContain("[2]");
    expect(hidden).toMatch(/off by 3\.0e-1/);
    expect(hidden).not.toContain("0.3");
  });

  it("says the length for both, the expected length only when visible", () => {
    const d = compareValues([1, 2, 3], [1, 2, 3, 4], TOL)!;
    expect(describeDifference(d, true)).toBe("Wrong length: returned 3 elements, expected 4.");
    expect(describeDifference(d, false)).toBe("Wrong length: returned 3 elements.");
  });

  it("describes NaN, typed arrays and missing keys in words", () => {
    expect(describeDifference(compareValues([NaN], [1], TOL)!, false)).toBe(
      "Got NaN at [0] where a finite number was expected.",
    );
    expect(describeDifference(compareValues(new WireOpaque("typed", "Float64Array", [1]), [1], TOL)!, true)).toMatch(
      /Float64Array.*plain array/,
    );
    expect(describeDifference(compareValues({ p: 1 }, { p: 1, logp: 2 }, TOL)!, true)).toBe("Missing key `logp`.");
    // Hidden wording never names the key: an object's keys may be data (a word count's words).
    expect(describeDifference(compareValues({ p: 1 }, { p: 1, logp: 2 }, TOL)!, false)).toBe("A key is missing from the object.");
  });
});

describe("deepEqual", () => {
  it("is exact and structural", () => {
    expect(deepEqual([[1, 2], { a: NaN }], [[1, 2], { a: NaN }])).toBe(true);
    expect(deepEqual([1, 2], [1, 2.0000000001])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
  });
});
