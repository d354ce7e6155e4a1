// Scenarios on a class (issue 17): tests.json `steps` on the fixture exercise
// tests/fixtures/exercise-formats/24-counter (`new Counter(start)`, `add(n)`, `reset()`, `value`).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { testCaseSchema, testsSchema } from "../../grader/exercise-schema";
import { loadExerciseFrom, publicExercise } from "../../grader/exercises";
import { isolateHarness } from "../../grader/harness/isolate-harness";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import type { GraderPool } from "../../grader/pool";
import { scenarioRunner, scenarioShapeProblems } from "../../grader/scenarios";
import type { GradeResult } from "../../grader/types";
import { decodeWire, encodeWire } from "../../grader/wire";
import { FIXTURES, makePool } from "./helpers";

const FORMATS = path.join(FIXTURES, "exercise-formats");
const SLUG = "24-counter";
const REFERENCE = readFileSync(path.join(FORMATS, SLUG, "reference.ts"), "utf8");

/** The reference with one part rewritten. */
const variant = (from: string, to: string) => {
  if (!REFERENCE.includes(from)) throw new Error(`not in the reference: ${from}`);
  return REFERENCE.replace(from, to);
};

describe("the steps field", () => {
  const parse = (c: unknown) => testCaseSchema.safeParse(c);

  it("accepts a scenario and turns it into one argument, the step list", () => {
    const steps = [{ new: [1] }, { call: "add", args: [2], expected: 3 }, { call: "reset" }, { get: "value", expected: 1, decimals: 0 }];
    const r = parse({ id: "a", name: "a", steps });
    expect(r.success).toBe(true);
    expect(r.data!.args).toEqual([[{ new: [1] }, { call: "add", args: [2], expected: 3 }, { call: "reset", args: [] }, { get: "value", expected: 1, decimals: 0 }]]);
  });

  it("refuses a scenario that does not start with new, news twice, has args too, or a case-level expected value", () => {
    const problems = (c: unknown) => JSON.stringify(parse(c).error?.issues ?? []);
    // What a scenario starts with depends on the exercise: the loader checks it.
    const counter = { class: { methods: ["add"] } };
    expect(scenarioShapeProblems(counter, [{ call: "add", args: [1] }, { get: "value" }])).toEqual(['the first step constructs the instance: {"new": [arguments]}']);
    expect(scenarioShapeProblems(counter, [{ new: [1] }])).toEqual(["a scenario constructs an instance and then uses it: at least 2 steps"]);
    expect(scenarioShapeProblems({}, [{ new: [1] }, { get: "value" }])[0]).toContain("steps need a class exercise");
    expect(problems({ id: "a", name: "a", steps: [{ new: [1] }, { new: [2] }] })).toContain("only the first step may be `new`");
    expect(problems({ id: "a", name: "a", args: [1], steps: [{ new: [1] }, { get: "value" }] })).toContain("give either args");
    expect(problems({ id: "a", name: "a" })).toContain("give either args");
    expect(problems({ id: "a", name: "a", steps: [{ new: [1] }, { get: "value" }], expected: 1 })).toContain("expected values per step");
    expect(problems({ id: "a", name: "a", steps: [{ new: [1] }, { get: "value", decimals: 2 }] })).toContain("decimals needs an expected value");
    expect(problems({ id: "a", name: "a", steps: [{ new: [1] }, { call: "add", argz: [1] }] })).not.toBe("[]");
  });

  it("takes a step's expected value as the worked example's", () => {
    const visible = [{ id: "a", name: "a", steps: [{ new: [1] }, { get: "value", expected: 1 }] }];
    const hidden = [{ id: "b", name: "b", args: [1] }];
    expect(testsSchema.safeParse({ visible, hidden }).success).toBe(true);
    const without = [{ id: "a", name: "a", steps: [{ new: [1] }, { get: "value" }] }];
    expect(JSON.stringify(testsSchema.safeParse({ visible: without, hidden }).error?.issues)).toContain("worked example");
  });
});

describe("a scenario example in the browser's copy", () => {
  it("carries the steps without their expected values", () => {
    const ex = loadExerciseFrom(path.join(FORMATS, SLUG));
    const [example] = publicExercise(ex).examples;
    const steps = [{ new: [5] }, { call: "add", args: [2] }, { call: "add", args: [3] }, { get: "value" }];
    expect(example).toEqual({ id: "two-adds", name: "two adds", args: [steps], steps });
    expect(JSON.stringify(example)).not.toContain("expected");
  });
});

describe("scenario loops", () => {
  // A class whose step() returns its own state array and then updates it in place.
  class Leaky {
    h = [0];
    step(x: number) {
      this.h[0] += x;
      return this.h;
    }
    reset() {
      this.h[0] = 0;
    }
  }
  const steps = [{ new: [] }, { call: "step", args: [1] }, { call: "step", args: [2] }, { get: "h" }];

  it("on the host, copy each step's result when it returns", () => {
    const run = scenarioRunner(Leaky, { methods: ["step", "reset"] }, "Leaky");
    expect(run(steps)).toEqual([undefined, [1], [3], [3]]);
  });

  it("in the harness, encode each step's result when it returns, as the host does", () => {
    const harness = isolateHarness(
      { resultNodes: 1000, resultChars: 10_000, consoleKeepBytes: 1000 },
      Object.assign(Object.create(globalThis), { __graderLog: () => false, Atomics: {} }),
    );
    const api = JSON.stringify({ methods: ["step", "reset"], className: "Leaky", instance: "leaky" });
    expect(JSON.parse(harness.load((exports: Record<string, unknown>) => void (exports.Leaky = Leaky), "Leaky", api))).toEqual({ ok: true });
    const reply = JSON.parse(harness.call(JSON.stringify(encodeWire([steps]))));
    expect(reply.ok).toBe(true);
    expect(decodeWire(reply.v)).toEqual([undefined, [1], [3], [3]]);
  });

  it("refuse a trusted export that is not a class, and an instance without a declared method", () => {
    expect(() => scenarioRunner(function Leaky() {}, { methods: ["step"] }, "Leaky")).toThrow("must export a class named `Leaky`");
    const run = scenarioRunner(Leaky, { methods: ["step", "rewind"] }, "Leaky");
    expect(() => run(steps)).toThrow("step 1 (new Leaky()): the class has no method `rewind`");
  });
});

describe("steps that must throw", () => {
  let pool: GraderPool;
  const grade = (code: string, mode: "run" | "submit" = "submit") => pool.grade({ slug: SLUG, code, mode, seed: 1 });
  const VALIDATION = 'if (!Number.isInteger(n)) throw new RangeError("n must be an integer");';
  beforeAll(() => {
    pool = makePool({ size: 1, exercisesDir: FORMATS });
  });
  afterAll(() => pool?.close());

  it("take throws instead of an expected value", () => {
    const steps = [{ new: [1] }, { call: "add", args: [0.5], throws: { includes: "integer" }, expected: 1 }];
    expect(JSON.stringify(testCaseSchema.safeParse({ id: "a", name: "a", steps }).error?.issues)).toContain("a step that throws has no expected value");
  });

  it("fail code that returns instead, naming the step, and give a hidden one the no-error category", async () => {
    const lenient = variant(VALIDATION, "");
    const run = await grade(lenient, "run");
    const t = run.tests.find((x) => x.id === "rejects-a-fraction")!;
    expect(t.status).toBe("fail");
    expect(t.message).toBe('Step 2 of 4, `counter.add(…)`: expected an error whose message contains "integer", but it returned 1.5.');
    const submit = await grade(lenient);
    const hidden = submit.tests.find((x) => x.id === "fraction-after-adds")!;
    expect(hidden.category).toBe("no-error");
    expect(hidden.message).toBe(HIDDEN_CATEGORIES["no-error"]);
  });

  it("fail the wrong error with both messages on a visible step, a category on a hidden one", async () => {
    const wrong = variant(VALIDATION, 'if (!Number.isInteger(n)) throw new RangeError("whole numbers only");');
    const run = await grade(wrong, "run");
    expect(run.tests.find((x) => x.id === "rejects-a-fraction")!.message).toBe(
      'Step 2 of 4, `counter.add(…)`: expected an error whose message contains "integer", but it threw "RangeError: whole numbers only".',
    );
    const submit = await grade(wrong);
    const hidden = submit.tests.find((x) => x.id === "fraction-after-adds")!;
    expect(hidden.category).toBe("wrong-error");
    expect(JSON.stringify(hidden)).not.toContain("whole numbers");
  });

  it("cannot be faked by returning what a matched throw is recorded as", async () => {
    const fake = variant(VALIDATION, 'if (!Number.isInteger(n)) return { threw: "matched" } as unknown as number;');
    const r = await grade(fake, "run");
    expect(r.tests.find((x) => x.id === "rejects-a-fraction")!.status).toBe("fail");
  });

  it("pass the reference, which exercises:check holds to the expected error", async () => {
    expect((await grade(REFERENCE)).status).toBe("pass");
    const dir = mkdtempSync(path.join(os.tmpdir(), "scenarios-"));
    try {
      cpSync(path.join(FORMATS, SLUG), path.join(dir, SLUG), { recursive: true });
      writeFileSync(path.join(dir, SLUG, "reference.ts"), variant(VALIDATION, ""));
      const r = await checkExercise(pool, SLUG, dir, { mutation: "off" });
      expect(r.problems).toContain(
        '24-counter/tests.json: visible case "rejects-a-fraction": step 2 (counter.add(…)): reference.ts returns 1.5, but the step expects an error whose message contains "integer"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("grading scenarios", () => {
  let pool: GraderPool;
  const grade = (code: string, mode: "run" | "submit" = "submit", seed = 1) => pool.grade({ slug: SLUG, code, mode, seed });
  const test = (r: GradeResult, id: string) => r.tests.find((t) => t.id === id)!;

  beforeAll(() => {
    pool = makePool({ size: 2, exercisesDir: FORMATS });
  });
  afterAll(() => pool?.close());

  it("passes the reference class on Run and on Submit, random scenarios included", async () => {
    for (const seed of [1, 2]) {
      const r = await grade(REFERENCE, "submit", seed);
      expect(r.status, JSON.stringify(r.tests)).toBe("pass");
      expect(r.tests.filter((t) => t.kind === "random")).toHaveLength(3);
    }
    const run = await grade(REFERENCE, "run");
    expect(run.status).toBe("pass");
    // A visible scenario shows its steps as the input and the step results as its value.
    expect(run.tests[0].input).toEqual([[{ new: [5] }, { call: "add", args: [2] }, { call: "add", args: [3] }, { get: "value" }]]);
    expect(decodeWire(run.tests[0].expected)).toEqual([undefined, 7, 10, 10]);
  });

  it("fails a class-free solution with a message that asks for a class", async () => {
    const factory = `export function Counter(start: number) {
  const self = { value: start, add(n: number) { self.value += n; return self.value; }, reset() { self.value = start; } };
  return self;
}
`;
    const r = await grade(factory);
    expect(r.status).toBe("error");
    expect(r.error?.kind).toBe("missing-export");
    expect(r.error?.message).toContain("must export a class named `Counter`");
    expect(r.error?.message).toContain("is a function, not a class");
    const none = await grade("export const tally = 1;");
    expect(none.error?.message).toBe("Your code must export a class named `Counter`: `export class Counter { ... }`. It exports `tally`.");
  });

  it("says which method is missing", async () => {
    const r = await grade(variant("  reset(): void {\n    this.value = this.start;\n  }\n", ""), "run");
    expect(r.status).toBe("error");
    expect(r.tests[0].message).toBe("Your class `Counter` has no method `reset`: the tests call `counter.reset(…)` (step 1 (`new Counter(…)`)).");
  });

  it("says which step of a visible scenario failed, with that step's expected and actual values", async () => {
    const r = await grade(variant("this.value += n;", "this.value += n + 1;"), "run");
    expect(r.status).toBe("fail");
    const t = r.tests[0];
    expect(t.message).toBe("Step 2 of 4, `counter.add(…)`: Wrong value: expected 7, got 8 (off by 1.0e+0).");
    expect(t.where).toBe("step 2");
    expect(decodeWire(t.expected)).toBe(7);
    expect(decodeWire(t.actual)).toBe(8);
  });

  it("names the step that threw", async () => {
    const visible = await grade(variant("this.value += n;", 'throw new RangeError("bad n");'), "run");
    expect(visible.tests[0].status).toBe("error");
    expect(visible.tests[0].message).toMatch(/^Your code threw in step 2 \(`counter\.add\(…\)`\) at line \d+: RangeError: bad n$/);
  });

  it("gives a hidden scenario a category only, and the known mistake's hint", async () => {
    const r = await grade(variant("this.value = this.start;", "this.value = 0;"));
    expect(r.status).toBe("fail");
    const t = test(r, "reset-restores-start");
    expect(t.status).toBe("fail");
    expect(t.category).toBe("wrong-value");
    expect(t.message).toBe(HIDDEN_CATEGORIES["wrong-value"]);
    expect(JSON.stringify(t)).not.toMatch(/step|counter\.|"expected"|"actual"|"input"/);
    expect(r.tests.some((x) => x.hint?.id === "reset-to-zero")).toBe(true);
  });

  it("fails a hidden scenario that throws with a category, not the step or the message", async () => {
    const r = await grade(variant("this.value = this.start;", 'throw new Error("secret " + this.value);'));
    const t = test(r, "reset-restores-start");
    expect(t.status).toBe("error");
    expect(JSON.stringify(t)).not.toMatch(/secret|step/);
  });
});

describe("exercises:check on scenarios", () => {
  let pool: GraderPool;
  let dir: string;
  beforeAll(() => {
    pool = makePool({ size: 2, exercisesDir: FORMATS });
  });
  afterAll(() => {
    void pool?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the fixture with one file rewritten. */
  const copyWith = (file: string, edit: (text: string) => string) => {
    dir = mkdtempSync(path.join(os.tmpdir(), "scenarios-"));
    cpSync(path.join(FORMATS, SLUG), path.join(dir, SLUG), { recursive: true });
    const p = path.join(dir, SLUG, file);
    writeFileSync(p, edit(readFileSync(p, "utf8")));
    return dir;
  };

  it("passes the fixture: every scenario run by the reference, mistakes recognised, mutants killed", async () => {
    const r = await checkExercise(pool, SLUG, FORMATS, { mutation: "quick" });
    expect(r.problems).toEqual([]);
    expect(r.data).toMatch(/^ok \(\d+ scenarios\)$/);
    expect(r.mistakes).toBe("2/2 recognised");
  });

  it("reports a step's expected value that the reference does not compute", async () => {
    const d = copyWith("tests.json", (t) => t.replace('{ "get": "value", "expected": 3 }', '{ "get": "value", "expected": 4 }'));
    const r = await checkExercise(pool, SLUG, d, { mutation: "off" });
    expect(r.problems.join("\n")).toContain(
      '24-counter/tests.json: hidden case "reset-restores-start": step 4 (counter.value): expected is not what reference.ts computes: Wrong value: expected 4, got 3',
    );
  });

  it("reports steps the class signature does not declare, and argument types", async () => {
    const d = copyWith("tests.json", (t) => t.replace('{ "call": "reset" }', '{ "call": "rewind" }').replace('"args": [4]', '"args": ["4"]'));
    const r = await checkExercise(pool, SLUG, d, { mutation: "off" });
    const text = r.problems.join("\n");
    expect(text).toContain("step 3 (counter.rewind()): the signature's class declares no method `rewind`");
    expect(text).toContain("step 2 (counter.add(…)): n");
  });

  it("reports a reference that is not a class, and a method list the signature lacks", async () => {
    const d = copyWith("exercise.json", (t) => t.replace('"methods": ["add", "reset"]', '"methods": ["add", "reset", "undo"]'));
    const r = await checkExercise(pool, SLUG, d, { mutation: "off" });
    expect(r.problems.join("\n")).toContain("24-counter/exercise.json: class.methods: `undo` is not a method of the signature's class");
    const d2 = copyWith("reference.ts", () => "export function Counter() {}\n");
    const r2 = await checkExercise(pool, SLUG, d2, { mutation: "off" });
    expect(r2.problems.join("\n")).toContain("24-counter/reference.ts: must export a class named `Counter`");
  });
});
