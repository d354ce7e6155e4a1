import { describe, expect, it } from "vitest";
import { decodeWire, encodeWire, fromWireJson, toWireJson, WireOpaque, wireClone } from "../../grader/wire";

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

  it("describes values with no plain form instead of losing them", () => {
    const back = decodeWire(JSON.parse(toWireJson([new Float64Array([1, NaN]), new Map(), () => 1, 12n]))) as unknown[];
    expect(back[0]).toBeInstanceOf(WireOpaque);
    expect((back[0] as WireOpaque).describe()).toBe("a Float64Array");
    expect((back[0] as WireOpaque).value).toEqual([1, NaN]);
    expect((back[1] as WireOpaque).describe()).toBe("a Map");
    expect((back[2] as WireOpaque).describe()).toBe("a function");
    expect(back[3]).toBe(12n);
  });

  it("round-trips opaque values themselves", () => {
    const opaque = new WireOpaque("typed", "Float32Array", [0.5]);
    expect(wireClone(opaque)).toEqual(opaque);
  });
});
