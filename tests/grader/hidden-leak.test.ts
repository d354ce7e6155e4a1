// On Submit the learner's code receives the hidden cases' inputs: it must not be able to get
// them back out through anything the grader returns (console output, exception text, return
// values quoted in messages, object keys, type tags), while output from visible and random
// cases still reaches the learner. Graded through the pool, as the web server, CLI and
// benchmarks do, so every consumer gets the same protection.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareValues, describeDifference, differencePath } from "../../grader/compare";
import { loadExercise, type Exercise } from "../../grader/exercises";
import type { GraderPool } from "../../grader/pool";
import { HIDDEN_CATEGORIES, HIDDEN_OUTPUT_MARKER } from "../../grader/hidden-feedback";
import type { GradeJob, GradeResult } from "../../grader/types";
import { WireOpaque } from "../../grader/wire";
import { CORRECT, makePool, ROOT, SLUG } from "./helpers";

const SEED = 20240611;
const rnn = loadExercise(SLUG)!;
const seqSlug = "02-sequence-probability";
const seq = loadExercise(seqSlug)!;

let pool: GraderPool;
/** Distinctive text forms of each exercise's hidden inputs, none of them in a benign result. */
const needles = new Map<string, string[]>();

/** The ways code can turn an argument into text: JSON, console's "[ 1, 2 ]", String()'s "1,2". */
function textForms(v: unknown): string[] {
  const forms: string[] = [];
  const fmt = (x: unknown): string => (Array.isArray(x) ? (x.length ? `[ ${x.map(fmt).join(", ")} ]` : "[]") : String(x));
  const walk = (x: unknown) => {
    if (!Array.isArray(x)) return;
    forms.push(JSON.stringify(x), fmt(x), x.map((y) => (Array.isArray(y) ? JSON.stringify(y) : String(y))).join(","), String(x));
    x.forEach(walk);
  };
  walk(v);
  return forms;
}

function grade(slug: string, code: string, mode: GradeJob["mode"] = "submit"): Promise<GradeResult> {
  return pool.grade({ slug, code, mode, seed: SEED });
}

/** Every hidden input's text form that a benign submission's full result (and printout) lacks. */
async function hiddenNeedles(ex: Exercise, benign: string): Promise<string[]> {
  const r = await grade(ex.slug, benign);
  const shown = r.tests.filter((t) => !t.hidden).flatMap((t) => textForms(t.input));
  const publicText = JSON.stringify(r) + "\n" + shown.join("\n");
  const candidates = ex.tests.hidden.flatMap((c) => textForms(c.args));
  return [...new Set(candidates)].filter((n) => n.length >= 6 && !publicText.includes(n));
}

function leaks(slug: string, r: GradeResult): string[] {
  const text = JSON.stringify(r);
  return needles.get(slug)!.filter((n) => text.includes(n));
}

beforeAll(async () => {
  pool = makePool({ size: 2 });
  await pool.start();
  needles.set(SLUG, await hiddenNeedles(rnn, CORRECT));
  needles.set(seqSlug, await hiddenNeedles(seq, seq.reference));
}, 60_000);
afterAll(() => pool?.close());

const VISIBLE = rnn.tests.visible.length;
const RANDOM = rnn.meta.randomCases;
const spy = (body: string, prelude = "") => `${prelude}\nexport function rnnStep(...args: any[]): any {\n${body}\n}\n`;
/** A correct answer, so the verdict of visible and random cases is a real one. */
const SOLVE = `const [x, hPrev, Wxh, Whh, b] = args;
  const h = b.map((bi: number, i: number) => Math.tanh(bi + x.reduce((s: number, xj: number, j: number) => s + Wxh[i][j] * xj, 0) + hPrev.reduce((s: number, hj: number, j: number) => s + Whh[i][j] * hj, 0)));`;

it("has distinctive hidden inputs to look for (the scan is not vacuous)", () => {
  expect(needles.get(SLUG)!.length).toBeGreaterThanOrEqual(30);
  // e.g. the recurrent weights of "recurrent weights matter", as JSON and as console prints them
  expect(needles.get(SLUG)).toEqual(expect.arrayContaining(["[[0.3,0.9],[-0.6,0.2]]", "[ [ 0.3, 0.9 ], [ -0.6, 0.2 ] ]"]));
  // and short vectors (b, hPrev) that the console tests print
  expect(needles.get(SLUG)).toEqual(expect.arrayContaining(["[-0.3,0,0.7]", "[ 0, 0.5, -0.5 ]", "[0.1,-0.1]"]));
  expect(needles.get(seqSlug)).toEqual(expect.arrayContaining(["[1e-200,1e-200]"]));
});

describe("console output", () => {
  // Output is kept to 16 KB: these print short vectors (b and hPrev) so nothing is truncated
  // before the hidden cases run, which would hide a leak.
  it("keeps what visible and random cases print, withholds what hidden cases print, marked once", async () => {
    const r = await grade(SLUG, spy(`${SOLVE}\n  console.log("b:", JSON.stringify(b)); console.error(hPrev); return h;`, 'console.log("loaded");'));
    expect(r.status).toBe("pass");
    expect(r.consoleTruncated).toBe(false);
    expect(leaks(SLUG, r)).toEqual([]);
    const lines = r.console.trimEnd().split("\n");
    expect(lines[0]).toBe("loaded");
    // two lines per visible and random case, then the marker (hidden cases run last)
    expect(lines).toHaveLength(1 + 2 * (VISIBLE + RANDOM) + 1);
    expect(lines.slice(1, 3)).toEqual(["b: [0,0]", "[ 0.5, 0 ]"]);
    const randomInput = r.tests.find((t) => t.kind === "random")!.input!;
    expect(r.console).toContain(`b: ${JSON.stringify(randomInput[4])}`);
    expect(lines.filter((l) => l === HIDDEN_OUTPUT_MARKER)).toHaveLength(1);
    expect(lines.at(-1)).toBe(HIDDEN_OUTPUT_MARKER);
  });

  it("withholds everything printed on hidden cases, however much of the inputs it shows", async () => {
    const r = await grade(
      SLUG,
      spy(`${SOLVE}\n  if (++calls > ${VISIBLE + RANDOM}) { console.log(JSON.stringify(args)); console.error(args); console.log(String(args)); }\n  return h;`, "let calls = 0;"),
    );
    expect(r.status).toBe("pass");
    expect(leaks(SLUG, r)).toEqual([]);
    expect(r.console).toBe(`${HIDDEN_OUTPUT_MARKER}\n`);
  });

  it("shows everything on Run, with no marker", async () => {
    const r = await grade(SLUG, spy(`${SOLVE}\n  console.log(JSON.stringify(args)); return h;`), "run");
    expect(r.console).toBe(rnn.tests.visible.map((c) => JSON.stringify(c.args) + "\n").join(""));
    expect(r.console).not.toContain(HIDDEN_OUTPUT_MARKER);
  });

  it("withholds every console method and output from promise callbacks", async () => {
    const r = await grade(
      SLUG,
      spy(`${SOLVE}
  const t = JSON.stringify(b);
  console.info(t); console.warn(hPrev); console.debug(t); console.trace(t); console.dir(b); console.table(hPrev);
  console.assert(false, t, hPrev);
  Promise.resolve().then(() => console.log("later", t));
  return h;`),
    );
    expect(r.status).toBe("pass");
    expect(r.consoleTruncated).toBe(false);
    expect(leaks(SLUG, r)).toEqual([]);
    expect(r.console).toContain("later [0,0]\n");
    expect(r.console).toContain("Assertion failed: [0,0] [ 0.5, 0 ]\n");
    expect(r.console.endsWith(`${HIDDEN_OUTPUT_MARKER}\n`)).toBe(true);
    expect(r.console.split(HIDDEN_OUTPUT_MARKER)).toHaveLength(2);
  });

  it("still counts withheld output towards the flood limit", async () => {
    // Quiet on visible and random cases, a flood once the hidden ones run.
    const r = await grade(
      SLUG,
      spy(`${SOLVE}\n  if (++calls > ${VISIBLE + RANDOM}) for (let i = 0; i < 5000; i++) console.log(JSON.stringify(args));\n  return h;`, "let calls = 0;"),
    );
    expect(r.status).toBe("error");
    expect(r.error).toMatchObject({ kind: "output-limit" });
    expect(leaks(SLUG, r)).toEqual([]);
    expect(r.console).toBe(`${HIDDEN_OUTPUT_MARKER}\n`);
  });
});

describe("exceptions", () => {
  const thrower = (statement: string) =>
    [
      "let calls = 0;", // 1
      "export function rnnStep(...args: any[]): any {", // 2
      "  const t = JSON.stringify(args);", // 3
      `  if (++calls > ${VISIBLE + RANDOM}) {`, // 4: hidden cases only (they run last)
      `    ${statement}`, // 5
      "  }", // 6
      "  return [];", // 7
      "}", // 8
    ].join("\n");

  it("words a hidden test's exception by its category only (no type, no line), in the test and in the run-level error", async () => {
    const r = await grade(SLUG, thrower("throw new RangeError(`bad input ${t}`);"));
    expect(leaks(SLUG, r)).toEqual([]);
    const hidden = r.tests.filter((t) => t.hidden);
    expect(hidden.length).toBe(rnn.tests.hidden.length);
    for (const t of hidden) {
      expect(t).toEqual({ id: expect.any(String), name: t.name, kind: "hidden", hidden: true, status: "error", category: "exception", message: HIDDEN_CATEGORIES.exception, durationMs: 0 });
    }
    expect(r.error).toEqual({ kind: "runtime", message: `Test "${rnn.tests.hidden[0].name}" (hidden): ${HIDDEN_CATEGORIES.exception}` });
  });

  it("keeps the full message where the inputs are shown anyway", async () => {
    const r = await grade(SLUG, spy("throw new TypeError(`visible ${JSON.stringify(args)}`);"));
    expect(leaks(SLUG, r)).toEqual([]);
    const visible = r.tests.find((t) => t.kind === "visible")!;
    expect(visible.message).toContain(`TypeError: visible ${JSON.stringify(rnn.tests.visible[0].args)}`);
    expect(r.error!.message).toMatch(/^Test "notebook example": Your code threw at line 3: TypeError: visible \[\[1,-1\]/);
    const random = r.tests.find((t) => t.kind === "random")!;
    expect(random.message).toContain(JSON.stringify(random.input));
    expect(r.tests.filter((t) => t.hidden).every((t) => t.message === HIDDEN_CATEGORIES.exception)).toBe(true);
  });

  it("does not repeat a thrown non-Error value, a custom error name or a thrown object's fields", async () => {
    const cases = [
      "throw t;",
      "throw args[0][0] * 1000 + 0.5;",
      "throw [t];",
      "throw { name: t, message: t };",
      "throw { name: 'TypeError', message: t, stack: 'solution.ts:5:5 ' + t };",
      "class Leak extends Error { constructor() { super(t); this.name = 'Leak' + t; } } throw new Leak();",
      "const e: any = new Error(t); e.name = t; throw e;",
    ];
    for (const statement of cases) {
      const r = await grade(SLUG, thrower(statement));
      expect(leaks(SLUG, r), statement).toEqual([]);
      const hidden = r.tests.find((t) => t.hidden)!;
      expect(hidden.message, statement).toBe(HIDDEN_CATEGORIES.exception);
      expect(r.error!.message, statement).toContain("(hidden)");
      expect(r.error!.line, statement).toBeUndefined();
    }
  });

  it("ignores what a forged stack says, beyond a line that exists in the learner's file", async () => {
    const forgeries = [
      // a stack naming a line far past the end of the file, with the inputs in it
      "const e = new Error('x'); e.stack = 'Error: ' + t + '\\n    at rnnStep (solution.ts:99999:1)'; throw e;",
      // a stack formatter that returns the inputs
      "(Error as any).prepareStackTrace = () => t; throw new Error(t);",
      // the inputs in a message that the stack's first line repeats
      "throw new Error('solution.ts:' + t);",
      // a message that cannot be read
      "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw new Error(t); } }); throw e;",
    ];
    for (const statement of forgeries) {
      const r = await grade(SLUG, thrower(statement));
      expect(leaks(SLUG, r), statement).toEqual([]);
      const hidden = r.tests.find((t) => t.hidden)!;
      expect(hidden.status, statement).toBe("error");
      expect(hidden.message, statement).toBe(HIDDEN_CATEGORIES.exception);
      expect(r.error!.line, statement).toBeUndefined();
    }
  });

  it("scrubs an exception from a getter on the returned value, and from a promise callback", async () => {
    const getter = await grade(
      SLUG,
      thrower("const out: any = [0]; Object.defineProperty(out, 0, { enumerable: true, get() { throw new Error(t); } }); return out;"),
    );
    expect(leaks(SLUG, getter)).toEqual([]);
    expect(getter.tests.find((t) => t.hidden)!.message).toBe(HIDDEN_CATEGORIES.exception);

    // A getter on an argument: read by the harness after the call to see whether inputs changed.
    const argGetter = await grade(SLUG, thrower("Object.defineProperty(args[0], 0, { get() { throw new Error(t); } }); return [];"));
    expect(leaks(SLUG, argGetter)).toEqual([]);

    const rejected = await grade(SLUG, thrower("Promise.resolve().then(() => { throw new Error(t); }); Promise.reject(new Error(t)); return [0];"));
    expect(leaks(SLUG, rejected)).toEqual([]);
  });
});

describe("return values", () => {
  it("never quotes a string, number or type tag returned on a hidden test", async () => {
    const returns = [
      "return t;",
      "return [t, t];",
      "return 'x'.repeat(100000) + t;",
      "return args[0][0] * 1000 + 0.5;",
      "return [args[2][0][0] * 1000 + 0.5];",
      "return { [Symbol.toStringTag]: t };",
      "return [{ [Symbol.toStringTag]: t }];",
      "const a: any = new Float64Array(2); Object.defineProperty(a, Symbol.toStringTag, { value: t }); return a;",
      "return { [t]: 1 };",
      "return [true];",
    ];
    for (const statement of returns) {
      const r = await grade(SLUG, spy(`const t = JSON.stringify(args);\n  ${statement}`));
      expect(r.status, statement).not.toBe("pass");
      expect(leaks(SLUG, r), statement).toEqual([]);
      // The hidden message still says what kind of thing went wrong, from the fixed list.
      const hidden = r.tests.find((t) => t.hidden)!;
      expect([HIDDEN_CATEGORIES["wrong-value"], HIDDEN_CATEGORIES["wrong-shape"]], statement).toContain(hidden.message);
      // Visible cases show the learner's value in full.
      expect(r.tests[0].actual, statement).toBeDefined();
    }
  });

  it("does not name a key the learner added to an object (exercise 02), on hidden tests only", async () => {
    const code = `export function sequenceProbability(probs: number[]): any {
      const logp = probs.reduce((s, p) => s + Math.log(p), 0);
      return { p: Math.exp(logp), logp, [JSON.stringify(probs).slice(0, 60)]: 1 };
    }`;
    const r = await grade(seqSlug, code);
    expect(r.status).toBe("fail");
    expect(leaks(seqSlug, r)).toEqual([]);
    for (const t of r.tests.filter((t) => t.hidden)) {
      expect(t.message).toBe(HIDDEN_CATEGORIES["wrong-shape"]);
      expect(t.where).toBeUndefined();
    }
    const visible = r.tests.find((t) => t.kind === "visible")!;
    const key = JSON.stringify(seq.tests.visible[0].args[0]);
    expect(visible.message).toBe(`Unexpected key \`${key}\`: return only the fields in the signature.`);
    expect(visible.where).toBe(`[${JSON.stringify(key)}]`);
  });

  it("names missing keys on visible tests only: a hidden test says 'wrong shape'", async () => {
    const r = await grade(seqSlug, "export function sequenceProbability(probs: number[]): any { return { p: 1 }; }");
    expect(r.tests.find((t) => !t.hidden)!.message).toMatch(/^(Missing key `logp`|Wrong value at \.p: expected)/);
    const hidden = r.tests.find((t) => t.hidden)!;
    expect(hidden).toMatchObject({ status: "fail", category: "wrong-shape", message: HIDDEN_CATEGORIES["wrong-shape"] });
    expect(hidden.where).toBeUndefined();
  });
});

describe("state kept between cases", () => {
  it("cannot carry hidden inputs into a case whose output, exceptions or values are shown", async () => {
    // Remembers every input it sees, then prints, returns and throws all of them on every call.
    const code = spy(
      `seen.push(JSON.stringify(args));
  const all = seen.join(" | ");
  console.log(all);
  if (seen.length % 3 === 0) throw new Error(all);
  return [all];`,
      "const seen: string[] = [];",
    );
    const r = await grade(SLUG, code);
    expect(leaks(SLUG, r)).toEqual([]);
    // The memory worked: the last random case reported every earlier input.
    const lastRandom = r.tests.filter((t) => t.kind === "random").at(-1)!;
    expect(JSON.stringify(lastRandom)).toContain(JSON.stringify(rnn.tests.visible[1].args));
  });
});

describe("compare wording for hidden tests (unit)", () => {
  const TOL = { rtol: 1e-6, atol: 1e-9 };

  it("keeps the learner's key out of the message and of where", () => {
    const d = compareValues({ a: { p: 1, "[0.3,0.7]": 2 } }, { a: { p: 1 } }, TOL)!;
    expect(d.kind).toBe("extra-key");
    expect(describeDifference(d, false)).toBe("Unexpected key in .a: return only the fields in the signature.");
    expect(differencePath(d, false)).toBe(".a");
    expect(describeDifference(d, true)).toContain("[0.3,0.7]");
    expect(differencePath(d, true)).toBe('.a["[0.3,0.7]"]');
  });

  it("does not quote a returned string or number, nor a type tag the learner could choose", () => {
    const str = compareValues(["secret 0.123"], [1], TOL)!;
    expect(describeDifference(str, false)).toBe("Expected a number at [0], got a string.");
    expect(describeDifference(str, true)).toContain("secret 0.123");
    expect(describeDifference(compareValues(123.456, [1], TOL)!, false)).toBe("Expected an array, got a number.");
    expect(describeDifference(compareValues("abc", "abd", TOL)!, false)).toBe("Wrong value.");
    const tagged = new WireOpaque("object", "0.123,0.456");
    expect(describeDifference(compareValues(tagged, [1], TOL)!, false)).toBe("Expected an array, got a non-plain object.");
    expect(describeDifference(compareValues(new WireOpaque("object", "Map"), [1], TOL)!, false)).toBe("Expected an array, got a Map.");
    const typed = new WireOpaque("typed", "0.123", [1]);
    expect(describeDifference(compareValues(typed, [1], TOL)!, false)).toBe("Returned a typed array; return a plain array (e.g. Array.from(...)).");
  });
});

// Learner code receives the hidden inputs, so it can encode them into whatever the grader
// reports. Each probe below is graded on the real exercise and on a copy whose test inputs are
// all different (every number moved): the probe's channel works where results are shown (the
// visible rows differ), yet the hidden rows and the run-level error are byte-identical.
describe("probes that encode the hidden inputs get identical hidden feedback", () => {
  let tmp: string;
  let other: GraderPool;
  const moved = (v: unknown): unknown => (Array.isArray(v) ? v.map(moved) : typeof v === "number" ? Math.round((v * 1.37 + 0.11) * 1e6) / 1e6 : v);

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "hidden-probe-"));
    cpSync(path.join(ROOT, "exercises", SLUG), path.join(tmp, SLUG), { recursive: true });
    const file = path.join(tmp, SLUG, "tests.json");
    const tests = JSON.parse(readFileSync(file, "utf8"));
    for (const c of [...tests.visible, ...tests.hidden]) c.args = moved(c.args);
    writeFileSync(file, JSON.stringify(tests, null, 2));
    other = makePool({ size: 1, exercisesDir: tmp });
    await other.start();
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function both(code: string): Promise<[GradeResult, GradeResult]> {
    return Promise.all([grade(SLUG, code), other.grade({ slug: SLUG, code, mode: "submit", seed: SEED })]);
  }
  const hiddenPart = (r: GradeResult) =>
    JSON.stringify({ tests: r.tests.filter((t) => t.hidden), error: r.error?.message.includes("(hidden)") ? r.error : null, status: r.status });
  const visiblePart = (r: GradeResult) => JSON.stringify(r.tests.filter((t) => t.kind === "visible"));

  /** A number made of the inputs: different for every moved case. */
  const code = (statement: string) => spy(`const k = Math.abs(Math.round(JSON.stringify(args).split("").reduce((s, ch) => s * 31 + ch.charCodeAt(0), 7) % 997));\n  ${statement}`);

  it("in its return value: magnitudes, lengths, indices of the first difference", async () => {
    for (const statement of [
      "return [k / 1000, -k];", // the value itself
      "return new Array(20 + (k % 7)).fill(0);", // the length
      "const out = [0.9, 0.9]; out[k % 2] = 1e9; return out;", // where the difference is
    ]) {
      const [a, b] = await both(code(statement));
      expect(visiblePart(a), statement).not.toBe(visiblePart(b));
      expect(hiddenPart(a), statement).toBe(hiddenPart(b));
    }
  });

  it("in its exception: message, type, and the line it throws from", async () => {
    const thrower = code(`switch (k % 4) {
    case 0: throw new Error("k=" + k);
    case 1: throw new RangeError("k=" + k);
    case 2:
      throw new TypeError("k=" + k);
    default:


      throw "k=" + k;
  }`);
    const [a, b] = await both(thrower);
    expect(visiblePart(a)).not.toBe(visiblePart(b));
    expect(hiddenPart(a)).toBe(hiddenPart(b));
  });

  it("in its timing: CPU time spent per test", async () => {
    const slow = code("let s = 0; for (let i = 0; i < k * 20000; i++) s += Math.sqrt(i); return [s, s];");
    const [a, b] = await both(slow);
    expect(hiddenPart(a)).toBe(hiddenPart(b));
    for (const t of a.tests.filter((t) => t.hidden)) expect(t.durationMs).toBe(0);
  });

  it("in its console output: printing or not on a hidden test changes nothing shown", async () => {
    const chatty = code("if (k % 2) console.log('k', k); return [0, 0];");
    const quiet = code("return [0, 0];");
    const [a, b] = await both(chatty);
    const [c] = await both(quiet);
    expect(hiddenPart(a)).toBe(hiddenPart(b));
    // The console ends with the marker on every Submit, whether hidden tests printed or not.
    expect(a.console.endsWith(`${HIDDEN_OUTPUT_MARKER}\n`)).toBe(true);
    expect(c.console).toBe(`${HIDDEN_OUTPUT_MARKER}\n`);
  });
});
