import { describe, expect, it } from "vitest";
import { decodeWire, encodeWire, fromWireJson, toWireJson, WireOpaque, wireClone } from "../../grader/wire";
import { boundResult, previewWire } from "../../grader/bounded-result";
import { RESULT_BOUNDS } from "../../grader/limits";

describe("wire encoding", () => {
  it("round-trips the numbers JSON cannot carry, and undefined", () => {
    const value = { p: NaN, logp: -Infinity, big: Infinity, rows: [[1, undefined, -2.5]], nothing: undefined };
    const text = toWireJson(value);
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).not.toMatch(/null/);
    const back = fromWireJson(text) as typeof value;
    expect(back.p).toBeNaN();
    expect(back.logp).toBe(-Infinity);
    expect(back.big).toBe(Infinity);
    expect(back.rows[0]).toEqual([1, undefined, -2.5]);
    expect(Object.prototype.hasOwnProperty.call(back, "nothing")).toBe(true);
    expect(back.nothing).toBeUndefined();
  });

  it("keeps plain data as plain JSON", () => {
    const value = { task: "many-to-one", dims: [2, 3], ok: true, none: null };
    expect(encodeWire(value)).toEqual(value);
    expect(wireClone(value)).toEqual(value);
  });

  it("escapes objects that own the tag key, so learner data cannot fake a special value", () => {
    const sneaky = { $w: "NaN" };
    const encoded = encodeWire(sneaky);
    expect(encoded).toEqual({ $w: "escaped", v: { $w: "NaN" } });
    expect(decodeWire(JSON.parse(JSON.stringify(encoded)))).toEqual({ $w: "NaN" });
  });

  it("keeps a key named __proto__ as data", () => {
    const value = JSON.parse('{"__proto__": [1, 2], "a": 1}');
    const back = wireClone(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual([1, 2]);
  });

  it("describes values with no plain form instead of losing them, and carries Map, Set, Date and BigInt as themselves", () => {
    const back = decodeWire(JSON.parse(toWireJson([new Float64Array([1, NaN]), new Map([["a", 1]]), () => 1, 12n, new Set([1]), new Date(5), new WeakSet()]))) as unknown[];
    expect(back[0]).toBeInstanceOf(WireOpaque);
    expect((back[0] as WireOpaque).describe()).toBe("a Float64Array");
    expect((back[0] as WireOpaque).value).toEqual([1, NaN]);
    expect(back[1]).toEqual(new Map([["a", 1]]));
    expect((back[2] as WireOpaque).describe()).toBe("a function");
    expect(back[3]).toBe(12n);
    expect(back[4]).toEqual(new Set([1]));
    expect(back[5]).toEqual(new Date(5));
    expect((back[6] as WireOpaque).describe()).toBe("a WeakSet");
  });

  it("previews a long Map as its first entries and its size", () => {
    const big = new Map(Array.from({ length: 5000 }, (_, i) => [`word${i}`, i] as const));
    const p = decodeWire(previewWire(encodeWire(big), 1000)) as WireOpaque;
    expect(p).toMatchObject({ tag: "truncated", type: "Map", value: { length: 5000 } });
    expect((p.value as { head: unknown[] }).head[0]).toEqual(["word0", 0]);
    expect(p.describe()).toBe("a Map of 5,000 entries, too long to show in full");
  });

  it("round-trips opaque values themselves", () => {
    const opaque = new WireOpaque("typed", "Float32Array", [0.5]);
    expect(wireClone(opaque)).toEqual(opaque);
  });
});

describe("previews of large values (grader/bounded-result.ts)", () => {
  it("keeps values that fit, and the first part and full length of those that do not", () => {
    expect(previewWire([1, 2, 3], 100)).toEqual([1, 2, 3]);
    const long = Array.from({ length: 10_000 }, (_, i) => i);
    const p = decodeWire(previewWire(long, 1000)) as WireOpaque;
    expect(p).toMatchObject({ tag: "truncated", type: "array", value: { length: 10_000 } });
    const head = (p.value as { head: number[] }).head;
    expect(head.slice(0, 3)).toEqual([0, 1, 2]);
    expect(JSON.stringify(previewWire(long, 1000)).length).toBeLessThan(1200);
    const s = decodeWire(previewWire("é".repeat(5000), 500)) as WireOpaque;
    expect(s).toMatchObject({ tag: "truncated", type: "string", value: { length: 5000 } });
    expect(s.describe()).toBe("a string of 5,000 characters, too long to show in full");
    // nested: a matrix keeps its first rows, each row its first elements
    const m = decodeWire(previewWire([long, long], 600)) as WireOpaque;
    expect((m.value as { head: unknown[] }).head[0]).toMatchObject({ tag: "truncated", type: "array" });
  });

  it("keeps special values and escaped keys readable in a preview", () => {
    const v = encodeWire([NaN, { $w: 1, x: "y".repeat(2000) }]);
    const back = decodeWire(previewWire(v, 300)) as unknown[];
    expect(back[0]).toBeNaN();
    // The object owning "$w" keeps it as the learner's own key; its long string is cut.
    expect((back[1] as Record<string, unknown>).$w).toBe(1);
    expect((back[1] as Record<string, unknown>).x).toMatchObject({ tag: "truncated", type: "string", value: { length: 2000 } });
  });

  it("caps a whole result, shrinking previews until it fits", () => {
    const big = encodeWire("z".repeat(100_000));
    const tests = Array.from({ length: 50 }, (_, i) => ({ name: `t${i}`, kind: "random" as const, hidden: false, status: "fail" as const, actual: big, expected: [1], input: [big], durationMs: 1 }));
    const r = boundResult({ exercise: "x", mode: "submit", status: "fail", tests, passed: 0, total: 50, seed: 1, console: "", consoleTruncated: false, durationMs: 1, timings: { compileMs: 0, isolateMs: 0, runMs: 0, compareMs: 0 } });
    expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThanOrEqual(RESULT_BOUNDS.maxBytes);
    expect(r.tests).toHaveLength(50);
    expect(r.tests[0].expected).toEqual([1]);
  });
});
