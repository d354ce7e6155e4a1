// What a learner sees for each kind of submission, graded through the pool like the server does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNumber } from "../../grader/compare";
import { exerciseModules } from "../../grader/compile";
import { loadExercise } from "../../grader/exercises";
import type { GraderPool } from "../../grader/pool";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import { decodeWire } from "../../grader/wire";
import { CORRECT, expectHealthy, job, makePool, SLUG } from "./helpers";

let pool: GraderPool;
beforeAll(async () => {
  pool = makePool({ size: 2 });
  await pool.start();
});
afterAll(() => pool?.close());

const ex = loadExercise(SLUG)!;
const VISIBLE = ex.tests.visible.length;
const HIDDEN = ex.tests.hidden.length;
const RANDOM = ex.meta.randomCases;

/** The correct body, reused to build variants with one flaw. */
const BODY = `
  const h: number[] = [];
  for (let i = 0; i < b.length; i++) {
    let s = b[i];
    for (let j = 0; j < x.length; j++) s += Wxh[i][j] * x[j];
    for (let j = 0; j < hPrev.length; j++) s += Whh[i][j] * hPrev[j];
    h.push(Math.tanh(s));
  }`;
const SIGNATURE = "export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[]";
const variant = (ending: string, prelude = "") => `${prelude ? `${prelude}\n` : ""}${SIGNATURE} {${BODY}\n${ending}\n}\n`;

describe("pass", () => {
  it("passes a correct submission on Submit: visible, hidden and random tests", async () => {
    const r = await pool.grade(job(CORRECT, "submit"));
    expect(r.status).toBe("pass");
    expect(r.error).toBeUndefined();
    expect(r.total).toBe(VISIBLE + HIDDEN + RANDOM);
    expect(r.passed).toBe(r.total);
    expect(r.tests.filter((t) => t.kind === "hidden")).toHaveLength(HIDDEN);
    expect(r.tests.filter((t) => t.kind === "random").map((t) => t.name)).toEqual(
      Array.from({ length: RANDOM }, (_, i) => `random #${i + 1}`),
    );
    expect(Number.isInteger(r.seed)).toBe(true);
    for (const key of ["compileMs", "isolateMs", "runMs", "compareMs"] as const) {
      expect(r.timings[key]).toBeGreaterThanOrEqual(0);
    }
  });

  it("offers structuredClone, as the editor's types promise: a correct solution using it passes", async () => {
    const code = `${SIGNATURE} {
  const state = structuredClone({ h: hPrev, w: Wxh, seen: new Map([["b", b]]), at: new Date(0) });
  state.h[0] = 12345; // a deep copy: the input stays as it was
  if (!(state.seen instanceof Map) || !(state.at instanceof Date) || hPrev[0] === 12345) throw new Error("not a deep copy");
  const h: number[] = structuredClone(b);
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < x.length; j++) h[i] += state.w[i][j] * x[j];
    for (let j = 0; j < hPrev.length; j++) h[i] += Whh[i][j] * hPrev[j];
    h[i] = Math.tanh(h[i]);
  }
  return h;
}`;
    const r = await pool.grade(job(code, "submit"));
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("pass");
    // Cycles, shared references, typed arrays; functions refused as browsers refuse them.
    const probe = `export function rnnStep(): any {
  const a: any = { xs: new Float64Array([1, 2]), s: new Set([1]) }; a.self = a; a.pair = [a.xs, a.xs];
  const c = structuredClone(a);
  let refused = "";
  try { structuredClone({ f() {} }); } catch (e: any) { refused = e.name; }
  return [c !== a, c.self === c, c.pair[0] === c.pair[1], c.xs !== a.xs, c.xs[1], c.s.has(1), refused];
}`;
    const p = await pool.grade(job(probe, "run"));
    expect(p.tests[0].actual).toEqual([true, true, true, true, 2, true, "DataCloneError"]);
  });

  it("runs only the visible examples on Run, showing input, expected and actual", async () => {
    const r = await pool.grade(job(CORRECT, "run"));
    expect(r.status).toBe("pass");
    expect(r.tests.map((t) => t.name)).toEqual(ex.tests.visible.map((t) => t.name));
    const first = r.tests[0];
    expect(first.input).toEqual(ex.tests.visible[0].args);
    expect(first.expected).toEqual(first.actual);
  });

  it("accepts TypeScript features: enums, classes with parameter properties, generics, type errors", async () => {
    const code = `
      enum Act { Tanh, Identity }
      class Layer<T extends number[][]> {
        constructor(private readonly w: T, readonly act: Act = Act.Tanh) {}
        apply(v: number[]): number[] { return this.w.map((row) => row.reduce((s, wij, j) => s + wij * v[j], 0)); }
      }
      const wrongOnPurpose: string = 5; // a type error: the editor shows it, grading ignores it
      export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
        const a = new Layer(Wxh).apply(x), r = new Layer(Whh).apply(hPrev);
        return a.map((v, i) => Math.tanh(v + r[i] + b[i]));
      }`;
    const r = await pool.grade(job(code));
    expect(r.status).toBe("pass");
  });

  it("captures console output without letting it affect the verdict", async () => {
    const r = await pool.grade(job(variant(`console.log("h =", h, { n: h.length }); return h;`), "run"));
    expect(r.status).toBe("pass");
    expect(r.console.split("\n")[0]).toMatch(/^h = \[ -?0\.\d+, -?0\.\d+ \] \{ n: 2 \}$/);
    expect(r.consoleTruncated).toBe(false);
  });
});

describe("fail", () => {
  it("fails the starter with per-test messages and no hint it did not earn", async () => {
    const r = await pool.grade(job(ex.starter));
    expect(r.status).toBe("fail");
    expect(r.error).toBeUndefined();
    expect(r.passed).toBeLessThan(r.total);
    const failed = r.tests.filter((t) => t.status === "fail");
    expect(failed.length).toBeGreaterThan(0);
    for (const t of failed) expect(t.message).toMatch(t.hidden ? /^Wrong value\.$/ : /Wrong value at \[\d+\]/);
    expect(r.tests.some((t) => t.hint)).toBe(false);
  });

  it("never shows hidden inputs or expected values, and never quotes them in messages", async () => {
    const r = await pool.grade(job(ex.starter));
    const modules = await exerciseModules(ex);
    const hidden = r.tests.filter((t) => t.hidden);
    expect(hidden).toHaveLength(HIDDEN);
    for (const t of hidden) {
      expect(t.input).toBeUndefined();
      expect(t.expected).toBeUndefined();
      expect(t.actual).toBeUndefined();
      const c = ex.tests.hidden.find((h) => h.name === t.name)!;
      const expected = modules.reference(...structuredClone(c.args)) as number[];
      // values distinctive enough to recognise (not 0 or ±1)
      for (const v of expected.filter((n) => formatNumber(n).length >= 4)) expect(t.message).not.toContain(formatNumber(v));
      for (const v of (c.args.flat(2) as number[]).filter((n) => Math.abs(n) > 1e-3 && !Number.isInteger(n))) {
        expect(t.message).not.toContain(String(v));
      }
    }
    // visible and random tests do show their data
    for (const t of r.tests.filter((t) => !t.hidden)) {
      expect(t.input).toBeDefined();
      expect(t.expected).toBeDefined();
      expect(t.actual).toBeDefined();
    }
  });

  it("says 'wrong length' with the expected length only where inputs are visible", async () => {
    const r = await pool.grade(job(variant("return h.slice(1);")));
    expect(r.status).toBe("fail");
    const visible = r.tests.find((t) => t.kind === "visible")!;
    expect(visible.message).toBe("Wrong length: returned 1 element, expected 2.");
    // A hidden test says only its category: not even the length the code returned.
    const hidden = r.tests.find((t) => t.name === "non-square Wxh (d_h=3, d_x=1)")!;
    expect(hidden).toMatchObject({ category: "wrong-shape", message: HIDDEN_CATEGORIES["wrong-shape"] });
  });

  it("reports NaN where a number was expected, with where it is", async () => {
    const r = await pool.grade(job(variant("h[1] = NaN; return h;"), "run"));
    expect(r.status).toBe("fail");
    expect(r.tests[0]).toMatchObject({ status: "fail", where: "[1]" });
    expect(r.tests[0].message).toBe("Got NaN at [1] where a finite number was expected.");
    expect(decodeWire(r.tests[0].actual)).toEqual([expect.any(Number), NaN]);
  });

  it("asks 'did you forget to return?' when the function returns nothing", async () => {
    const r = await pool.grade(job(variant(""), "run"));
    expect(r.status).toBe("fail");
    expect(r.tests[0].message).toMatch(/returned undefined: did you forget to return\?/);
  });

  it("fails a right answer that modified an input, naming the parameter", async () => {
    const r = await pool.grade(job(variant("hPrev.fill(0); return h;")));
    expect(r.status).toBe("fail");
    const visible = r.tests[0];
    expect(visible.status).toBe("fail");
    expect(visible.message).toBe(
      "Your function modified its input `hPrev`: leave the arguments unchanged and return a new value.",
    );
    // the input shown is the one the function received, not the modified one
    expect(visible.input).toEqual(ex.tests.visible[0].args);
  });

  it("tells a typed array from a plain array", async () => {
    const r = await pool.grade(job(variant("return Float64Array.from(h) as any;"), "run"));
    expect(r.status).toBe("fail");
    expect(r.tests[0].message).toMatch(/Float64Array.*plain array/);
  });

  it("recognises every known mistake with its own hint", async () => {
    for (const m of ex.mistakes) {
      const r = await pool.grade(job(m.source, "submit", 11));
      expect(r.status, m.id).toBe("fail");
      const hinted = r.tests.filter((t) => t.hint);
      expect(hinted.length, m.id).toBeGreaterThan(0);
      expect(hinted.every((t) => t.status === "fail")).toBe(true);
      expect(hinted.some((t) => t.hint!.id === m.id && t.hint!.text === m.hint), m.id).toBe(true);
    }
  });
});

describe("error", () => {
  it("compile: reports line and column in the learner's file", async () => {
    const r = await pool.grade(job("// line 1\nexport function rnnStep(x: number[]) {\n  return x +* 2;\n}\n"));
    expect(r.status).toBe("error");
    expect(r.error).toMatchObject({ kind: "compile", line: 3, column: 13 });
    expect(r.error!.message).toMatch(/^Line 3, column 13: Unexpected "\*"/);
    expect(r.tests).toHaveLength(r.total);
    expect(r.tests.every((t) => t.status === "error" && /Not run/.test(t.message!))).toBe(true);
  });

  it("missing-export: names the expected export and what was exported instead", async () => {
    const r1 = await pool.grade(job("export default function rnnStep(x: number[]) { return x; }", "run"));
    expect(r1.error).toMatchObject({ kind: "missing-export" });
    expect(r1.error!.message).toContain("`rnnStep`");
    expect(r1.error!.message).toMatch(/default export/);

    const r2 = await pool.grade(job("export function rnn_step(x: number[]) { return x; }", "run"));
    expect(r2.error!.message).toContain("`rnn_step`");

    const r3 = await pool.grade(job("export function RnnStep(x: number[]) { return x; }", "run"));
    expect(r3.error!.message).toMatch(/did you mean `rnnStep`\?/);

    const r4 = await pool.grade(job("function rnnStep(x: number[]) { return x; }", "run"));
    expect(r4.error!.message).toMatch(/exports nothing/);

    const r5 = await pool.grade(job("export const rnnStep = [1, 2];", "run"));
    expect(r5.error!.message).toMatch(/not a function/);
  });

  it("runtime: reports the exception and the line in the learner's TypeScript, still reporting every test", async () => {
    const code = [
      "type Vec = number[];", // 1
      "", // 2
      "interface Unused { a: number }", // 3
      "export function rnnStep(x: Vec, hPrev: Vec, Wxh: number[][], Whh: number[][], b: Vec): Vec {", // 4
      "  const out: Vec = [];", // 5
      "  if (x.length > 1) {", // 6
      "    const row = (Wxh as any)[99];", // 7
      "    out.push(row[0]);", // 8
      "  }", // 9
      "  return out;", // 10
      "}", // 11
    ].join("\n");
    const r = await pool.grade(job(code));
    expect(r.status).toBe("error");
    expect(r.error).toMatchObject({ kind: "runtime", line: 8 });
    expect(r.error!.message).toMatch(/TypeError: Cannot read properties of undefined \(reading '0'\)/);
    expect(r.error!.message).toMatch(/line 8/);
    expect(r.tests).toHaveLength(VISIBLE + HIDDEN + RANDOM);
    // a case with a single input ran to the end and got a normal verdict
    const single = r.tests.find((t) => t.name === "non-square Wxh (d_h=3, d_x=1)")!;
    expect(single.status).toBe("fail");
    expect(r.tests.filter((t) => t.status === "error").length).toBeGreaterThan(0);
  });

  it("runtime: an exception at the top level of the file", async () => {
    const r = await pool.grade(job(`const w: number = 1;\nthrow new RangeError("bad setup");\nexport function rnnStep() { return []; }`));
    expect(r.error).toMatchObject({ kind: "runtime", line: 2 });
    expect(r.error!.message).toMatch(/while loading your file.*RangeError: bad setup/);
  });

  it("timeout: an infinite loop in the function stops at the per-call limit", async () => {
    const r = await pool.grade(job(variant("while (h.length) {} return h;")));
    expect(r.status).toBe("error");
    expect(r.error).toMatchObject({ kind: "timeout" });
    expect(r.tests[0].status).toBe("error");
    expect(r.tests.slice(1).every((t) => /^Not run/.test(t.message!))).toBe(true);
  });

  it("timeout: the total CPU budget stops a submission once the tests together used it up", async () => {
    // A pool whose total is below its per-call limit: the third call's loop can only end at the
    // total. (Which call uses how much CPU time depends on the machine's speed, never its load.)
    const small = makePool({ size: 1, limits: { callCpuMs: 2000, totalCpuMs: 1500 } });
    try {
      const r = await small.grade(job(variant("if (++calls > 2) for (;;) {} return h;", "let calls = 0;")));
      expect(r.error).toMatchObject({ kind: "timeout" });
      expect(r.error!.message).toMatch(/total limit of 1.5 s of CPU time/);
      expect(r.tests.filter((t) => t.status === "pass").length).toBe(2);
    } finally {
      await small.close();
    }
  });

  it("memory: allocating past the isolate's limit", async () => {
    const r = await pool.grade(job(variant("const junk: number[][] = []; for (;;) junk.push(new Array(1e5).fill(1.5));")));
    expect(r.error).toMatchObject({ kind: "memory" });
    expect(r.error!.message).toMatch(/64 MB/);
  });

  it("output-limit: a console flood, and a return value too large to compare", async () => {
    const flood = await pool.grade(job(variant("for (let i = 0; i < 1e5; i++) console.log(i, h); return h;")));
    expect(flood.error).toMatchObject({ kind: "output-limit" });
    expect(flood.consoleTruncated).toBe(true);
    const huge = await pool.grade(job(variant("return new Array(1e6).fill(0);")));
    expect(huge.error).toMatchObject({ kind: "output-limit" });
    expect(huge.error!.message).toMatch(/too large/);
  });

  it("runtime: a function that returns a Promise", async () => {
    const r = await pool.grade(job(variant("return Promise.resolve(h) as any;"), "run"));
    expect(r.error).toMatchObject({ kind: "runtime" });
    expect(r.error!.message).toMatch(/must return its value synchronously/);
  });
});

describe("crash and supervision", () => {
  let hooked: GraderPool;
  beforeAll(async () => {
    // A short fixed backstop for the "hang" hook, yet long enough for a real job on a busy machine.
    hooked = makePool({ size: 1, testHooks: true, jobTimeoutMs: 10_000 });
    await hooked.start();
  });
  afterAll(() => hooked?.close());

  it("crash: a worker that dies mid-job is reported as crash and replaced", async () => {
    for (const hook of ["exit", "kill"] as const) {
      const r = await hooked.grade(job(CORRECT), { hook });
      expect(r.status).toBe("error");
      expect(r.error).toMatchObject({ kind: "crash" });
      expect(Number.isInteger(r.seed)).toBe(true);
      await expectHealthy(hooked);
    }
  });

  it("overloaded: the wall-clock backstop kills a stuck worker, and does not blame the code", async () => {
    const r = await hooked.grade(job(CORRECT), { hook: "hang" });
    expect(r.error).toMatchObject({ kind: "overloaded" });
    await expectHealthy(hooked);
  });

  it("keeps test hooks out of reach of an ordinary pool", async () => {
    await expect(pool.grade(job(CORRECT), { hook: "exit" })).rejects.toMatchObject({ code: "invalid-job" });
    await expectHealthy(pool);
  });

  it("rejects malformed jobs and unknown exercises with GradeJobError", async () => {
    await expect(pool.grade({ slug: "99-nope", code: CORRECT, mode: "run" })).rejects.toMatchObject({ code: "unknown-exercise" });
    await expect(pool.grade({ slug: SLUG, code: CORRECT, mode: "walk" as "run" })).rejects.toMatchObject({ code: "invalid-job" });
    await expect(pool.grade({ slug: SLUG, code: CORRECT, mode: "run", seed: -1 })).rejects.toMatchObject({ code: "invalid-job" });
  });

  it("grades jobs concurrently across workers", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => pool.grade(job(CORRECT))));
    expect(results.every((r) => r.status === "pass")).toBe(true);
  });
});

describe("isolation", () => {
  it("gives every submission a fresh isolate: nothing carries over from the previous one", async () => {
    const planter = `(globalThis as any).planted = "from an earlier submission";
      (Math as any).tanh = () => 42;
      export function rnnStep(): number[] { return []; }`;
    const probe = `export function rnnStep(): any { return [typeof (globalThis as any).planted, Math.tanh(0)]; }`;
    for (let i = 0; i < 4; i++) await pool.grade(job(planter, "run")); // reach every worker
    const r = await pool.grade(job(probe, "run"));
    expect(r.tests[0].actual).toEqual(["undefined", 0]);
  });
});

describe("seeds", () => {
  const randomInputs = (r: { tests: { kind: string; input?: unknown[] }[] }) =>
    r.tests.filter((t) => t.kind === "random").map((t) => t.input);

  it("same seed, same random cases; another seed, other cases", async () => {
    const a = await pool.grade(job(CORRECT, "submit", 42));
    const b = await pool.grade(job(CORRECT, "submit", 42));
    const c = await pool.grade(job(CORRECT, "submit", 43));
    expect(a.seed).toBe(42);
    expect(randomInputs(a)).toHaveLength(RANDOM);
    expect(randomInputs(a)).toEqual(randomInputs(b));
    expect(randomInputs(a)).not.toEqual(randomInputs(c));
  });

  it("chooses a seed when none is given, and that seed replays the same cases", async () => {
    const first = await pool.grade(job(ex.starter, "submit"));
    const second = await pool.grade(job(ex.starter, "submit"));
    expect(first.seed).not.toBe(second.seed);
    const replay = await pool.grade(job(ex.starter, "submit", first.seed));
    expect(randomInputs(replay)).toEqual(randomInputs(first));
    expect(replay.tests.map((t) => t.message)).toEqual(first.tests.map((t) => t.message));
  });
});
