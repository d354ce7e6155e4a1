// Several exports per exercise and callbacks named in the test data (issue 17), on the fixture
// tests/fixtures/exercise-formats/25-count-keep: keepIf(xs, pred) and countIf(xs, pred), where
// pred is {"$fn": "isEven"} or {"$fn": "isPositive"} from the exercise's callbacks.ts.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackRefs, resolveCallbacks } from "../../grader/callbacks";
import { checkExercise } from "../../grader/check";
import { loadExerciseFrom } from "../../grader/exercises";
import { isolateHarness } from "../../grader/harness/isolate-harness";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import type { GraderPool } from "../../grader/pool";
import { decodeWire } from "../../grader/wire";
import { FIXTURES, makePool } from "./helpers";

const FORMATS = path.join(FIXTURES, "exercise-formats");
const SLUG = "25-count-keep";
const REFERENCE = readFileSync(path.join(FORMATS, SLUG, "reference.ts"), "utf8");

describe("callback references", () => {
  const isEven = (x: unknown) => (x as number) % 2 === 0;

  it("are {\"$fn\": name} exactly, found anywhere in the arguments and resolved on a copy", () => {
    const args = [[1, 2], { $fn: "isEven" }, { nested: [{ $fn: "isEven" }] }, { $fn: "isEven", other: 1 }];
    expect(callbackRefs(args)).toEqual(["isEven", "isEven"]);
    const resolved = resolveCallbacks(args, { isEven }) as unknown[];
    expect(resolved[1]).toBe(isEven);
    expect((resolved[2] as { nested: unknown[] }).nested[0]).toBe(isEven);
    expect(resolved[3]).toEqual({ $fn: "isEven", other: 1 });
    expect(args[1]).toEqual({ $fn: "isEven" });
    expect(() => resolveCallbacks([{ $fn: "isOdd" }], { isEven })).toThrow('{"$fn": "isOdd"}: callbacks.ts exports no function of that name');
  });

  it("become the exercise's function inside the harness, and are reported back as references", () => {
    const harness = isolateHarness(
      { resultNodes: 1000, resultChars: 10_000, consoleKeepBytes: 1000 },
      Object.assign(Object.create(globalThis), { __graderLog: () => false, Atomics: {} }),
    );
    expect(JSON.parse(harness.callbacks((exports: Record<string, unknown>) => void (exports.isEven = isEven)))).toEqual({ ok: true });
    const keep = (exports: Record<string, unknown>) => {
      exports.keepIf = (xs: number[], pred: (x: number) => boolean) => [typeof pred, xs.filter(pred)];
    };
    expect(JSON.parse(harness.load(keep, "keepIf"))).toEqual({ ok: true });
    const reply = JSON.parse(harness.call(JSON.stringify([[1, 2, 3, 4], { $fn: "isEven" }])));
    expect(decodeWire(reply.v)).toEqual(["function", [2, 4]]);
    // The arguments after the call: unchanged, so no "modified its input".
    expect(reply.a).toEqual([[1, 2, 3, 4], { $fn: "isEven" }]);
  });
});

describe("an exercise with several exports", () => {
  it("turns each case into one call of the export it names (default: `export`)", () => {
    const ex = loadExerciseFrom(path.join(FORMATS, SLUG));
    expect(ex.tests.visible.map((c) => c.steps)).toEqual([
      [{ call: "keepIf", args: [[1, 2, 3, 4], { $fn: "isEven" }], expected: [2, 4] }],
      [{ call: "countIf", args: [[1, 2, 3, 4], { $fn: "isEven" }], expected: 2 }],
    ]);
    expect(ex.callbacks).toContain("export function isEven");
  });

  let pool: GraderPool;
  let dir: string | undefined;
  const grade = (code: string, mode: "run" | "submit" = "submit") => pool.grade({ slug: SLUG, code, mode, seed: 1 });
  beforeAll(() => {
    pool = makePool({ size: 2, exercisesDir: FORMATS });
  });
  afterAll(() => {
    void pool?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("passes the reference, with the callbacks running in the learner's isolate", async () => {
    const r = await grade(REFERENCE);
    expect(r.status, JSON.stringify(r.tests)).toBe("pass");
    // Two visible, two hidden and three random calls (random.ts returns one-call scenarios).
    expect(r.total).toBe(7);
    const random = r.tests.filter((t) => t.kind === "random");
    expect(random.map((t) => (t.input as { call: string }[][])[0][0].call).every((c) => c === "keepIf" || c === "countIf")).toBe(true);
  });

  it("fails code that ignores the callback it was given", async () => {
    const evenOnly = REFERENCE.replaceAll("pred(x)", "x % 2 === 0");
    const run = await grade(evenOnly, "run");
    expect(run.status).toBe("pass");
    const submit = await grade(evenOnly);
    expect(submit.status).toBe("fail");
    const hidden = submit.tests.find((t) => t.id === "keep-positive")!;
    expect(hidden.category).toBe("wrong-shape");
    expect(hidden.message).toBe(HIDDEN_CATEGORIES["wrong-shape"]);
    expect(JSON.stringify(hidden)).not.toMatch(/keepIf|"expected"|"actual"|"input"/);
  });

  it("names the call of a failing visible case, and which export is missing", async () => {
    const r = await grade(REFERENCE.replace("return xs.filter((x) => pred(x)).length;", "return xs.length;"), "run");
    const t = r.tests.find((x) => x.id === "count-even")!;
    expect(t.message).toBe("`countIf(…)`: Wrong value: expected 2, got 4 (off by 2.0e+0).");
    expect(r.tests.find((x) => x.id === "count-even")!.hint?.id).toBe("count-all");
    const missing = await grade(REFERENCE.replace("export function countIf", "function countIf"));
    expect(missing.status).toBe("error");
    expect(missing.error?.message).toBe("Your code must export a function named `countIf`: `export function countIf(...) { ... }`. It exports `keepIf`.");
  });

  it("takes a stub that throws \"not implemented\" as unfinished, not as a crash", async () => {
    const stub = 'export function keepIf(xs: number[], pred: (x: number) => boolean): number[] {\n  throw new Error("Not implemented");\n}\n\nexport function countIf(xs: number[], pred: (x: number) => boolean): number {\n  throw new Error("Not implemented");\n}\n';
    const r = await grade(stub);
    expect(r.status).toBe("fail");
    expect(r.error).toBeUndefined();
    const visible = r.tests.find((t) => t.id === "count-even")!;
    expect(visible.message).toContain("Not implemented yet");
    expect(r.tests.find((t) => t.id === "count-positive")!.category).toBe("not-implemented");
    // Any other throw is still the code's error.
    const crash = await grade(stub.replaceAll("Not implemented", "boom"));
    expect(crash.status).toBe("error");
  });

  it("exercises:check reports an unknown callback, a plain value where a callback goes, and an undeclared export", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "exports-"));
    cpSync(path.join(FORMATS, SLUG), path.join(dir, SLUG), { recursive: true });
    const tests = path.join(dir, SLUG, "tests.json");
    writeFileSync(tests, readFileSync(tests, "utf8").replace('{ "$fn": "isPositive" }]', '{ "$fn": "isOdd" }]').replace('[[9, -3, 2, -1, 4], { "$fn": "isPositive" }]', "[[9, -3, 2, -1, 4], 1]"));
    const r = await checkExercise(pool, SLUG, dir, { mutation: "off" });
    const text = r.problems.join("\n");
    expect(text).toContain('hidden case "keep-positive": step 1 (keepIf(…)): pred: callbacks.ts exports no function `isOdd`');
    expect(text).toContain('hidden case "count-positive": step 1 (countIf(…)): pred is a function: write {"$fn": "name"} for a function of callbacks.ts');
    const meta = path.join(dir, SLUG, "exercise.json");
    writeFileSync(meta, readFileSync(meta, "utf8").replace("export function countIf(", "export function countAll("));
    const r2 = await checkExercise(pool, SLUG, dir, { mutation: "off" });
    expect(r2.problems).toEqual(
      expect.arrayContaining([
        "25-count-keep/exercise.json: module.functions: `countIf` is not declared in the signature",
        "25-count-keep/exercise.json: signature: declares `countAll`, which module.functions does not list",
      ]),
    );
  });

  it("the loader refuses `call` without several exports and a call to an unlisted function", () => {
    const d = mkdtempSync(path.join(os.tmpdir(), "exports-"));
    try {
      cpSync(path.join(FORMATS, SLUG), path.join(d, SLUG), { recursive: true });
      const tests = path.join(d, SLUG, "tests.json");
      writeFileSync(tests, readFileSync(tests, "utf8").replace('"call": "countIf"', '"call": "sumIf"'));
      expect(() => loadExerciseFrom(path.join(d, SLUG))).toThrow("step 1: `sumIf` is not in exercise.json module.functions");
      const meta = path.join(d, SLUG, "exercise.json");
      writeFileSync(meta, readFileSync(meta, "utf8").replace(/"module": \{[^}]*\},/, ""));
      expect(() => loadExerciseFrom(path.join(d, SLUG))).toThrow('call needs several exports (exercise.json "module")');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
