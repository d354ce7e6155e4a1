// Optional and undefined arguments in plain JSON (issue 17): a case may leave out trailing optional
// parameters, give its arguments by parameter name, or write null for an optional parameter to
// pass undefined; calls are shown as `greet("Ada")` / `greet("Ada", undefined)`. On the fixture
// exercise tests/fixtures/exercise-formats/23-greet.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { ExerciseFormatError, loadExerciseFrom, publicExercise } from "../../grader/exercises";
import type { GraderPool } from "../../grader/pool";
import { callText, normalizeArgs, signatureParams, type ParamInfo } from "../../grader/signature-params";
import { decodeWire } from "../../grader/wire";
import { FIXTURES, makePool } from "./helpers";

const FORMATS = path.join(FIXTURES, "exercise-formats");
const SLUG = "23-greet";
const p = (name: string, optional = false, nullable = false): ParamInfo => ({ name, optional, nullable });

describe("reading optional parameters from the signature", () => {
  it("marks `name?:` parameters, and those whose type admits null", () => {
    expect(signatureParams("export function greet(name: string, greeting?: string, p?: string | null): string")).toEqual([
      p("name"),
      p("greeting", true),
      p("p", true, true),
    ]);
    expect(signatureParams("export function hello(): string")).toEqual([]);
    // commas and `?` inside types are not parameters
    expect(signatureParams("export function f(o: { a?: number; b: [number, string] }, g: (x: number, y?: Map<string, number>) => number, c?: (number | null)[]): void")).toEqual([
      p("o"),
      p("g"),
      p("c", true),
    ]);
    expect(signatureParams("const f = 1")).toBeNull();
  });
});

describe("arguments as written in tests.json", () => {
  const params = [p("name"), p("greeting", true), p("punctuation", true), p("x", true, true)];

  it("leaves out trailing optional arguments, by list or by name", () => {
    expect(normalizeArgs(["Ada"], params)).toEqual({ args: ["Ada"] });
    expect(normalizeArgs({ name: "Ada" }, params)).toEqual({ args: ["Ada"] });
    const byName = normalizeArgs({ name: "Ada", punctuation: "?" }, params) as { args: unknown[] };
    expect(byName.args).toHaveLength(3);
    expect(byName.args).toEqual(["Ada", undefined, "?"]);
  });

  it("turns null for an optional parameter into undefined, unless its type admits null", () => {
    const r = normalizeArgs(["Ada", null, "!", null], params) as { args: unknown[] };
    expect(r.args).toEqual(["Ada", undefined, "!", null]);
    expect(r.args[1]).toBeUndefined();
    expect(r.args[3]).toBeNull();
    // a required parameter's null stays null
    expect((normalizeArgs([null], params) as { args: unknown[] }).args).toEqual([null]);
  });

  it("says what is wrong: a required argument left out, an unknown name, too many", () => {
    expect(normalizeArgs([], params)).toEqual({ problem: expect.stringContaining("missing: name") });
    expect(normalizeArgs({ greeting: "Hi" }, params)).toEqual({ problem: "args misses the required parameter `name`" });
    expect(normalizeArgs({ name: "Ada", nmae: 1 }, params)).toEqual({ problem: expect.stringContaining("`nmae`, which is not a parameter") });
    expect(normalizeArgs([1, 2, 3, 4, 5], params)).toEqual({ problem: "5 args but exercise.json lists 4 params" });
    expect(normalizeArgs("Ada", params)).toEqual({ problem: "args must be a list of arguments or an object by parameter name" });
  });

  it("writes calls readably, left-out and undefined arguments told apart", () => {
    expect(callText("greet", ["name", "greeting"], ["Ada"])).toBe('greet("Ada")');
    expect(callText("greet", ["name", "greeting"], ["Ada", undefined])).toBe('greet("Ada", undefined)');
    expect(callText("f", ["a", "b"], [1, null])).toBe("f(1, null)");
    expect(callText("hello", [], [])).toBe("hello()");
    expect(callText("rnnStep", ["x", "h"], [[1, 2], 0.5])).toBe("rnnStep(x, 0.5)");
  });
});

describe("an exercise with optional arguments", () => {
  let pool: GraderPool;
  let dir: string;

  beforeAll(() => {
    pool = makePool({ size: 1, exercisesDir: FORMATS });
    dir = mkdtempSync(path.join(os.tmpdir(), "optional-args-"));
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads each case as the argument list of its call, and shows it without wire tags", () => {
    const ex = loadExerciseFrom(path.join(FORMATS, SLUG));
    expect(ex.tests.visible.map((c) => c.args.length)).toEqual([1, 3, 2]);
    expect(ex.tests.hidden.map((c) => c.args)).toEqual([["Bo", "Hi", "."], ["Bo", "Hey"]]);
    const examples = publicExercise(ex).examples;
    expect(examples.map((c) => callText(ex.meta.export, ex.meta.params, c.args))).toEqual(['greet("Ada")', 'greet("Ada", undefined, "?")', 'greet("Ada", undefined)']);
    expect(JSON.stringify(examples)).not.toContain("$w");
  });

  it("passes exercises:check (the test data is checked against the optional parameters)", async () => {
    const report = await checkExercise(pool, SLUG, FORMATS, { mutation: "off" });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("calls the learner's function with exactly those arguments", async () => {
    const r = await pool.grade({
      slug: SLUG,
      mode: "run",
      seed: 1,
      code: 'export function greet(...a: unknown[]): string { return a.length + ":" + a.map((x) => (x === undefined ? "u" : String(x))).join(","); }',
    });
    expect(r.tests.map((t) => t.actual)).toEqual(["1:Ada", "3:Ada,u,?", "2:Ada,u"]);
    // the results panel's call line reads the input back the same way
    expect(r.tests.map((t) => callText("greet", ["name", "greeting", "punctuation"], (t.input as unknown[]).map(decodeWire)))).toEqual([
      'greet("Ada")',
      'greet("Ada", undefined, "?")',
      'greet("Ada", undefined)',
    ]);
    const right = await pool.grade({ slug: SLUG, mode: "submit", seed: 1, code: 'export function greet(n: string, g?: string, p?: string): string { return `${g ?? "Hello"}, ${n}${p ?? "!"}`; }' });
    expect(right.status).toBe("pass");
  });

  it("refuses a case that leaves out a required argument, naming the test", () => {
    cpSync(path.join(FORMATS, SLUG), path.join(dir, SLUG), { recursive: true });
    writeFileSync(
      path.join(dir, SLUG, "tests.json"),
      JSON.stringify({ visible: [{ id: "a", name: "no name", args: { greeting: "Hi" }, expected: "x" }], hidden: [{ id: "b", name: "empty", args: [] }] }),
    );
    let error: unknown;
    try {
      loadExerciseFrom(path.join(dir, SLUG));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExerciseFormatError);
    expect(String((error as Error).message)).toContain('test "no name": args misses the required parameter `name`');
    expect(String((error as Error).message)).toContain('test "empty": 0 args but exercise.json lists 3 params');
  });
});
