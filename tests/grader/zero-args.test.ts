// Zero-argument functions (issue 17): `"params": []` and `"args": []` work through the loader,
// exercises:check, grading (fixed and random cases) and the public examples. On the fixture
// exercise tests/fixtures/exercise-formats/21-hello-world.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { loadExerciseFrom, publicExercise } from "../../grader/exercises";
import type { GraderPool } from "../../grader/pool";
import { FIXTURES, makePool } from "./helpers";

const FORMATS = path.join(FIXTURES, "exercise-formats");
const SLUG = "21-hello-world";

describe("a zero-argument function", () => {
  let pool: GraderPool;
  const grade = (code: string, mode: "run" | "submit" = "submit") => pool.grade({ slug: SLUG, code, mode, seed: 3 });

  beforeAll(() => {
    pool = makePool({ size: 1, exercisesDir: FORMATS });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("loads, with examples that have no arguments", () => {
    const ex = loadExerciseFrom(path.join(FORMATS, SLUG));
    expect(ex.meta.params).toEqual([]);
    expect(publicExercise(ex).examples).toEqual([{ id: "say-hi", name: "say hi", args: [] }]);
  });

  it("passes exercises:check (reference, throwing starter, random cases, test data)", async () => {
    const report = await checkExercise(pool, SLUG, FORMATS, { mutation: "off" });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("grades fixed and random cases, each called with no arguments", async () => {
    const right = await grade('export function hello(): string { return "Hello, World!"; }');
    expect(right.status).toBe("pass");
    expect(right.tests.map((t) => t.kind)).toEqual(["visible", "hidden", "random", "random"]);
    expect(right.tests.find((t) => t.kind === "random")!.input).toEqual([]);

    // the function sees no arguments at all
    const counting = await grade('export function hello(...a: unknown[]): string { return a.length === 0 ? "Hello, World!" : "args"; }');
    expect(counting.status).toBe("pass");

    const wrong = await grade('export function hello(): string { return "Hello!"; }', "run");
    expect(wrong.status).toBe("fail");
    expect(wrong.tests[0]).toMatchObject({ status: "fail", input: [], message: 'Wrong value: expected "Hello, World!", got "Hello!".' });
  });
});
