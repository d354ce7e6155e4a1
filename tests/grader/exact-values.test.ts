// Map, Set, Date, BigInt and typed arrays are carried over the wire faithfully and compared
// exactly (issue 17): an empty Map no longer passes a word count. Fixture exercises live in
// tests/fixtures/exercise-formats (the ten real exercises are left alone).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareValues, describeDifference, differencePath, type Tolerance } from "../../grader/compare";
import { categoryOfDifference } from "../../grader/hidden-feedback";
import type { GraderPool } from "../../grader/pool";
import { encodeWire, fromWireJson, toWireJson, WireOpaque, wireClone } from "../../grader/wire";
import { FIXTURES, makePool } from "./helpers";

const TOL: Tolerance = { rtol: 1e-6, atol: 1e-9 };
const counts = (...entries: [string, number][]) => new Map(entries);

describe("wire encoding of Map, Set, Date, BigInt and typed arrays", () => {
  it("round-trips them, nested and with keys of any type", () => {
    const value = {
      m: new Map<unknown, unknown>([["go", 2], [3, [NaN, undefined]], [[1, 2], new Set(["a"])]]),
      s: new Set([1, "1", 2n]),
      d: new Date(Date.UTC(2024, 1, 29)),
      bad: new Date(NaN),
      b: 2n ** 80n,
    };
    const back = fromWireJson(toWireJson(value)) as typeof value;
    expect(back.m).toBeInstanceOf(Map);
    expect([...back.m.keys()]).toEqual(["go", 3, [1, 2]]);
    expect(back.m.get(3)).toEqual([NaN, undefined]);
    expect([...back.m.values()][2]).toEqual(new Set(["a"]));
    expect(back.s).toEqual(new Set([1, "1", 2n]));
    expect(back.d.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(Number.isNaN(back.bad.getTime())).toBe(true);
    expect(back.b).toBe(2n ** 80n);
    expect(compareValues(back, value, { rtol: 0, atol: 0 })).toBeNull();
  });

  it("keeps a typed array's type and elements", () => {
    const back = wireClone(new Int16Array([1, -2])) as unknown as WireOpaque;
    expect(back).toMatchObject({ tag: "typed", type: "Int16Array", value: [1, -2] });
    expect(wireClone(new BigInt64Array([-5n])) as unknown).toMatchObject({ type: "BigInt64Array", value: [-5n] });
  });

  it("describes class instances (not only their fields) and other values with no plain form", () => {
    class Counter {
      n = 1;
    }
    expect(encodeWire(new Counter())).toEqual({ $w: "object", type: "Counter" });
    expect(encodeWire(new WeakMap())).toEqual({ $w: "object", type: "WeakMap" });
    expect(encodeWire(Promise.resolve(1))).toEqual({ $w: "object", type: "Promise" });
    // An object with no prototype is still plain data.
    const bare = Object.assign(Object.create(null), { a: 1 });
    expect(encodeWire(bare)).toEqual({ a: 1 });
  });
});

describe("exact comparison", () => {
  it("fails an empty Map where counts were expected, naming the key on visible tests only", () => {
    const d = compareValues(new Map(), counts(["car", 1]), TOL)!;
    expect(d).toMatchObject({ kind: "missing-key" });
    expect(describeDifference(d, true)).toBe('The Map has no key "car".');
    expect(describeDifference(d, false)).not.toMatch(/car/);
    expect(categoryOfDifference(d.kind)).toBe("wrong-shape");
  });

  it("fails one wrong count, with the key and both counts on visible tests only", () => {
    const d = compareValues(counts(["car", 1], ["carpet", 1]), counts(["car", 2], ["carpet", 1]), TOL)!;
    expect(d).toMatchObject({ kind: "wrong-value", path: '.get("car")' });
    expect(describeDifference(d, true)).toBe('Wrong value at .get("car"): expected 2, got 1 (off by 1.0e+0).');
    const hidden = describeDifference(d, false) + differencePath(d, false);
    expect(hidden).not.toMatch(/car/);
    expect(hidden).toContain(".get(…)");
  });

  it("fails an extra key, naming it on visible tests only", () => {
    const d = compareValues(counts(["car", 1], ["Car", 1]), counts(["car", 1]), TOL)!;
    expect(d).toMatchObject({ kind: "extra-key" });
    expect(describeDifference(d, true)).toBe('Unexpected key "Car" in the Map.');
    expect(describeDifference(d, false)).toBe("Unexpected key in the Map.");
  });

  it("passes a correct Map in any insertion order, values within the tolerance", () => {
    expect(compareValues(counts(["b", 0.1 + 0.2], ["a", 1]), counts(["a", 1], ["b", 0.3]), TOL)).toBeNull();
    // keys are exact: 1 is not "1"; object keys match by contents
    expect(compareValues(new Map([[1, 1]]), new Map([["1", 1]]), TOL)).toMatchObject({ kind: "missing-key" });
    expect(compareValues(new Map([[[1, 2], "x"]]), new Map([[[1, 2], "x"]]), TOL)).toBeNull();
    expect(compareValues(new Map([[{ b: 1, a: 2 }, "x"]]), new Map([[{ a: 2, b: 1 }, "x"]]), TOL)).toBeNull();
  });

  it("fails anything but a Map where a Map is expected", () => {
    expect(compareValues({ car: 1 }, counts(["car", 1]), TOL)).toMatchObject({ kind: "wrong-type" });
    expect(describeDifference(compareValues([["car", 1]], counts(["car", 1]), TOL)!, true)).toBe("Expected a Map, got an array.");
  });

  it("compares Sets by members", () => {
    expect(compareValues(new Set([2, 1]), new Set([1, 2]), TOL)).toBeNull();
    const missing = compareValues(new Set([1]), new Set([1, 2]), TOL)!;
    expect(describeDifference(missing, true)).toBe("The Set is missing the member 2.");
    expect(describeDifference(missing, false)).toBe("A member is missing from the Set.");
    expect(describeDifference(compareValues(new Set([1, 2, 3]), new Set([1, 2]), TOL)!, true)).toBe("Unexpected member 3 in the Set.");
    expect(compareValues([1, 2], new Set([1, 2]), TOL)).toMatchObject({ kind: "wrong-type" });
  });

  it("compares Dates by time value", () => {
    expect(compareValues(new Date(0), new Date(0), TOL)).toBeNull();
    const d = compareValues(new Date(1), new Date(0), TOL)!;
    expect(describeDifference(d, true)).toBe("Wrong value: expected 1970-01-01T00:00:00.000Z, got 1970-01-01T00:00:00.001Z.");
    expect(describeDifference(d, false)).toBe("Wrong value.");
    expect(compareValues(new Date(NaN), new Date(NaN), TOL)).toBeNull();
    expect(compareValues(0, new Date(0), TOL)).toMatchObject({ kind: "wrong-type" });
  });

  it("compares BigInts exactly", () => {
    expect(compareValues(2n ** 70n, 2n ** 70n, TOL)).toBeNull();
    expect(compareValues(2n ** 70n + 1n, 2n ** 70n, TOL)).toMatchObject({ kind: "wrong-value" });
    expect(compareValues(12, 12n, TOL)).toMatchObject({ kind: "wrong-type" });
  });

  it("compares typed arrays by type, then elements (float arrays within the tolerance, integer arrays exactly)", () => {
    const typed = (type: string, v: unknown[]) => new WireOpaque("typed", type, v);
    expect(compareValues(typed("Float64Array", [0.1 + 0.2]), typed("Float64Array", [0.3]), TOL)).toBeNull();
    expect(compareValues(typed("Int32Array", [1_000_001]), typed("Int32Array", [1_000_000]), TOL)).toMatchObject({ kind: "wrong-value", path: "[0]" });
    expect(compareValues(typed("Float32Array", [1]), typed("Float64Array", [1]), TOL)).toMatchObject({ kind: "wrong-type" });
    expect(compareValues(typed("BigInt64Array", [2n]), typed("BigInt64Array", [1n]), TOL)).toMatchObject({ kind: "wrong-value" });
  });

  it("never passes a value with no comparison rule, even against the same kind of value", () => {
    for (const v of [new WireOpaque("function"), new WireOpaque("symbol"), new WireOpaque("object", "WeakMap"), new WireOpaque("object", "Counter")]) {
      const d = compareValues(v, v, TOL)!;
      expect(d).toMatchObject({ kind: "unsupported" });
      expect(describeDifference(d, true)).toMatch(/cannot compare/);
    }
    expect(describeDifference(compareValues(new WireOpaque("object", "Counter"), { n: 1 }, TOL)!, true)).toBe("Expected an object, got a Counter.");
    // the learner's class name is their text: not repeated on hidden tests
    expect(describeDifference(compareValues(new WireOpaque("object", "Counter"), { n: 1 }, TOL)!, false)).toBe("Expected an object, got a non-plain object.");
  });
});

describe("grading Map results end to end (fixture exercises)", () => {
  let pool: GraderPool;
  const grade = (slug: string, code: string, mode: "run" | "submit" = "submit") => pool.grade({ slug, code, mode, seed: 5 });
  const wordCount = (body: string) => `export function wordCount(text: string): Map<string, number> {\n${body}\n}\n`;
  const CORRECT = wordCount(
    "  const m = new Map<string, number>();\n  for (const w of text.toLowerCase().match(/[a-z0-9']+/g) ?? []) m.set(w, (m.get(w) ?? 0) + 1);\n  return m;",
  );

  beforeAll(() => {
    pool = makePool({ size: 1, exercisesDir: path.join(FIXTURES, "exercise-formats") });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("passes a correct Map", async () => {
    const r = await grade("01-word-count", CORRECT);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("pass");
    expect(r.passed).toBe(4);
  });

  it("fails an empty Map, naming the missing key on visible tests and only a category on hidden ones", async () => {
    const r = await grade("01-word-count", wordCount("  return new Map();"));
    expect(r.status).toBe("fail");
    expect(r.passed).toBe(0);
    const visible = r.tests.find((t) => t.name === "go go stop")!;
    expect(visible.message).toBe('The Map has no key "go".');
    const hidden = r.tests.filter((t) => t.hidden);
    expect(hidden.map((t) => t.category)).toEqual(["wrong-shape", "wrong-shape"]);
    expect(JSON.stringify(hidden)).not.toMatch(/zebra|okapi|carpet|javascript/i);
  });

  it("fails a solution that skips lower-casing, naming the wrong count on visible tests only", async () => {
    const r = await grade("01-word-count", CORRECT.replace("text.toLowerCase()", "text"));
    expect(r.status).toBe("fail");
    const visible = r.tests.find((t) => t.name === "go go stop")!;
    expect(visible.message).toBe('Wrong value at .get("go"): expected 2, got 1 (off by 1.0e+0).');
    expect(visible.where).toBe('.get("go")');
    const hidden = r.tests.find((t) => t.name === "repeated word")!;
    expect(hidden).toMatchObject({ status: "fail", category: "wrong-value", message: "Wrong value." });
    expect(JSON.stringify(hidden)).not.toMatch(/zebra|okapi/i);
  });

  it("fails a plain object or a class instance where a Map is expected", async () => {
    const obj = await grade("01-word-count", wordCount("  return Object.fromEntries([['go', 2], ['stop', 1]]) as any;"), "run");
    expect(obj.tests[0].message).toBe("Expected a Map, got an object.");
    const instance = await grade("01-word-count", `class Counts { go = 2; stop = 1 }\n${wordCount("  return new Counts() as any;")}`, "run");
    expect(instance.status).toBe("fail");
    expect(instance.tests[0].message).toBe("Expected a Map, got a Counts.");
  });

  it("sends Map, Set, Date, BigInt and typed array arguments into the sandbox as themselves, and back", async () => {
    // random.ts gives them; the learner code proves it received real ones and returns them as is.
    const r = await grade(
      "02-echo",
      `export function echo(x: any): unknown {
  if (typeof x !== "object") return x;
  const real = x.counts instanceof Map && x.members instanceof Set && x.when instanceof Date && typeof x.big === "bigint" &&
    x.floats instanceof Float32Array && x.ints instanceof Int16Array && x.wide instanceof BigInt64Array;
  return real ? x : "not revived";
}`,
    );
    expect(r.error).toBeUndefined();
    expect(r.tests.map((t) => t.status)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    // and a changed entry is noticed, in a Map nested in the argument
    const changed = await grade("02-echo", `export function echo(x: any): unknown {\n  if (typeof x === "object") x.counts.set("go", -1);\n  return x;\n}`);
    const random = changed.tests.find((t) => t.kind === "random")!;
    expect(random.status).toBe("fail");
    expect(random.message).toMatch(/modified its input `x`/);
  });

  it("encodes in the sandbox exactly as grader/wire.ts does on the host", async () => {
    const source = `() => {
  class Counter { n = 1; }
  return {
    m: new Map<unknown, unknown>([["go", 2], [3, [NaN, undefined, -Infinity]], [[1, 2], new Set(["a", 2n])]]),
    d: new Date(Date.UTC(2024, 1, 29)), bad: new Date(NaN), b: 2n ** 80n,
    f32: new Float32Array([0.5, 1]), i16: new Int16Array([-3]), b64: new BigInt64Array([-5n]),
    fn: () => 1, c: new Counter(), w: new WeakMap(), sneaky: { $w: "map", v: [] },
  };
}`;
    const r = await grade("02-echo", `export function echo(x: unknown): unknown {\n  return (${source})();\n}`, "run");
    // eslint-disable-next-line no-new-func
    const hostValue = new Function(`return (${source.replace(/<unknown, unknown>/, "")})();`)();
    expect(r.tests[0].actual).toEqual(encodeWire(hostValue));
  });
});
