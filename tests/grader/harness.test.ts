// The isolate harness (grader/harness/isolate-harness.ts) is a real module: its wire encoder must
// produce exactly what grader/wire.ts's encodeWire produces, on the host (where tsc checks it)
// and inside an isolate (the script text the sandbox runs, built by grader/harness/script.ts).
import ivm from "isolated-vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolateHarness, type HarnessApi } from "../../grader/harness/isolate-harness";
import { harnessFunctionSource, harnessScript } from "../../grader/harness/script";
import { DEFAULT_LIMITS } from "../../grader/limits";
import { decodeWire, encodeWire, WireOpaque } from "../../grader/wire";

/** Values as JavaScript expressions, so the same table is built on the host and in an isolate. */
const VALUES: Record<string, string> = {
  integer: "42",
  fraction: "-1.5e-7",
  "large number": "1e21",
  "negative zero": "-0",
  NaN: "NaN",
  infinities: "[Infinity, -Infinity]",
  undefined: "undefined",
  null: "null",
  booleans: "[true, false]",
  string: '"héllo \\"quoted\\"\\n"',
  "empty containers": "[[], {}, new Map(), new Set()]",
  bigint: "-12345678901234567890n",
  "sparse and undefined elements": "[1, , undefined, 3]",
  "nested plain data": '{ a: [1, { b: [2, 3], c: "x" }], d: { e: { f: null } } }',
  "object with a $w key": '{ $w: "map", v: 1 }',
  "object with a __proto__ key": 'JSON.parse(\'{"__proto__": {"x": 1}, "y": 2}\')',
  "integer-like keys": '({ b: 1, 2: "two", a: 3, 1: "one" })',
  "undefined field": "({ a: undefined, b: 1 })",
  "null-prototype object": "Object.assign(Object.create(null), { k: 1 })",
  map: 'new Map([["a", 1], [2, [NaN, undefined]], [{ k: 1 }, new Set([1])]])',
  set: 'new Set([3, 1, "x", -0, [1, 2]])',
  date: "new Date(Date.UTC(2020, 1, 29, 12, 30))",
  "invalid date": "new Date(NaN)",
  "Float64Array with specials": "new Float64Array([1.5, NaN, -Infinity, -0])",
  Int32Array: "new Int32Array([1, -2, 2147483647])",
  Uint8ClampedArray: "new Uint8ClampedArray([0, 255, 300])",
  BigInt64Array: "new BigInt64Array([1n, -2n])",
  "Map of Dates in a Set in an array": "[new Set([new Map([[new Date(0), 1n]])])]",
  function: "[function f() {}, () => 1]",
  "class instance": "new (class Point { constructor() { this.x = 1; } })()",
  WeakMap: "new WeakMap()",
  "boxed number": "new Number(3)",
  DataView: "new DataView(new ArrayBuffer(4))",
  "nested specials": "{ deep: [[[{ n: NaN, u: undefined, i: -Infinity, b: 7n, d: new Date(5) }]]] }",
};

const CONFIG = {
  resultNodes: DEFAULT_LIMITS.resultNodes,
  resultChars: DEFAULT_LIMITS.resultChars,
  consoleKeepBytes: DEFAULT_LIMITS.consoleKeepBytes,
};

function hostValue(expression: string): unknown {
  return new Function(`return (${expression});`)();
}

/** The wire text as encodeWire would write it. */
function expectedWire(value: unknown): string {
  return JSON.stringify(encodeWire(value));
}

/** Normalises the harness's hand-written JSON the same way (JSON.stringify keeps -0 as 0 either way). */
function normalise(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

/** A fresh harness on the host, on a stand-in global object (the real one keeps its console). */
function hostHarness(): HarnessApi {
  const G = Object.create(globalThis) as Record<string, unknown>;
  G.__graderLog = () => false;
  G.Atomics = {};
  return isolateHarness(CONFIG, G);
}

describe("the harness encoder agrees with encodeWire", () => {
  const harness = hostHarness();
  for (const [name, expression] of Object.entries(VALUES)) {
    it(`on the host: ${name}`, () => {
      const value = hostValue(expression);
      expect(normalise(harness.encode(value))).toBe(expectedWire(value));
    });
  }

  describe("inside an isolate, on values made there", () => {
    let isolate: ivm.Isolate;
    let encodeAt: ivm.Reference<(i: number) => string>;
    const names = Object.keys(VALUES);

    beforeAll(() => {
      isolate = new ivm.Isolate({ memoryLimit: 32 });
      const context = isolate.createContextSync();
      context.global.setSync("__graderLog", new ivm.Callback(() => false));
      const api = isolate.compileScriptSync(harnessScript(DEFAULT_LIMITS)).runSync(context, { reference: true }) as ivm.Reference<unknown>;
      const values = names.map((n) => `(${VALUES[n]})`).join(",\n");
      encodeAt = isolate
        .compileScriptSync(`(function (api) { var values = [${values}]; return function (i) { return api.encode(values[i]); }; })`)
        .runSync(context, { reference: true })
        .applySync(undefined, [api.derefInto()], { result: { reference: true } }) as ivm.Reference<(i: number) => string>;
    });
    afterAll(() => isolate?.dispose());

    for (const [i, name] of names.entries()) {
      it(name, () => {
        const text = encodeAt.applySync(undefined, [i]) as string;
        expect(normalise(text)).toBe(expectedWire(hostValue(VALUES[name])));
      });
    }
  });

  it("symbols decode to the same description-less opaque value (the harness drops learner-chosen text)", () => {
    const fromHarness = decodeWire(JSON.parse(harness.encode(Symbol("secret")))) as WireOpaque;
    const fromHost = decodeWire(encodeWire(Symbol())) as WireOpaque;
    expect(fromHarness).toBeInstanceOf(WireOpaque);
    expect(fromHarness.describe()).toBe("a symbol");
    expect(fromHost.describe()).toBe(fromHarness.describe());
    expect(harness.encode(Symbol("secret"))).not.toContain("secret");
  });
});

describe("the harness on the host", () => {
  it("stops encoding past the result caps", () => {
    const small = isolateHarness({ ...CONFIG, resultNodes: 10 }, Object.assign(Object.create(globalThis), { __graderLog: () => false, Atomics: {} }));
    expect(() => small.encode(new Array(50).fill(1))).toThrow();
    expect(small.encode([1, 2, 3])).toBe("[1,2,3]");
  });

  it("revives wire arguments and reports the call's result and its arguments afterwards", () => {
    const harness = hostHarness();
    const module = (exports: Record<string, unknown>) => {
      exports.f = (m: Map<string, number>, xs: number[]) => {
        xs.push(m.get("a")!);
        return [m instanceof Map, typeof xs[0]];
      };
    };
    expect(JSON.parse(harness.load(module, "f"))).toEqual({ ok: true });
    const args = [encodeWire(new Map([["a", 5]])), encodeWire([NaN])];
    const reply = JSON.parse(harness.call(JSON.stringify(args)));
    expect(reply.ok).toBe(true);
    expect(decodeWire(reply.v)).toEqual([true, "number"]);
    expect(decodeWire(reply.a)).toEqual([new Map([["a", 5]]), [NaN, 5]]);
  });

  it("names what a module exports when the wanted function is missing", () => {
    const harness = hostHarness();
    const reply = JSON.parse(harness.load((exports: Record<string, unknown>) => void (exports.other = 1), "f"));
    expect(reply).toEqual({ ok: false, kind: "missing-export", exported: ["other"], type: "undefined" });
  });
});

describe("the harness script", () => {
  it("is the module's function with its types stripped and nothing added", () => {
    const source = harnessFunctionSource();
    expect(source).toMatch(/^function isolateHarness\(config, G\) \{/m);
    expect(source).not.toMatch(/^\s*(import|export)\b/m);
    // Helpers a loader might add (tsx's __name, sucrase's _optionalChain) would not exist in an isolate.
    expect(source).not.toMatch(/__name|_optionalChain|_nullishCoalesce|__publicField/);
  });
});
