// A stub that throws "not implemented" (most of Exercism's starters do) is an unfinished
// function, not a crash: its tests fail as "Not implemented yet" and exercises:check accepts it
// as a starter (issue 17). On the fixture exercise tests/fixtures/exercise-formats/03-hamming.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { isNotImplemented } from "../../grader/expected-errors";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import type { GraderPool } from "../../grader/pool";
import { FIXTURES, makePool } from "./helpers";

const FORMATS = path.join(FIXTURES, "exercise-formats");
const SLUG = "03-hamming";
const stub = (thrown: string) => `export function hamming(a: string, b: string): number {
  ${thrown}
}
`;
const NOT_IMPLEMENTED = stub('throw new Error("Not implemented");');
const EXERCISM = stub("throw new Error('Remove this line and implement the function');");
const CRASH = stub('throw new Error("oops");');

describe("the not-implemented rule", () => {
  it("recognises the usual stub messages and nothing else", () => {
    for (const message of ["Not implemented", "not implemented yet", "TODO: not yet implemented", "Remove this line and implement the function", "Remove this statement and implement this function"]) {
      expect(isNotImplemented({ name: "Error", message }), message).toBe(true);
    }
    for (const message of ["oops", "strands must be of equal length", "implemented", "unimplementedFeature"]) {
      expect(isNotImplemented({ name: "Error", message }), message).toBe(false);
    }
  });
});

describe("grading a stub that throws", () => {
  let pool: GraderPool;
  const grade = (code: string) => pool.grade({ slug: SLUG, code, mode: "submit", seed: 1 });

  beforeAll(() => {
    pool = makePool({ size: 1, exercisesDir: FORMATS });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("fails every test as not implemented yet, with no runtime error or stack", async () => {
    for (const [code, placeholder] of [
      [NOT_IMPLEMENTED, "Not implemented"],
      [EXERCISM, "Remove this line and implement the function"],
    ]) {
      const r = await grade(code);
      expect(r.status).toBe("fail");
      expect(r.error).toBeUndefined();
      expect(r.passed).toBe(0);
      for (const t of r.tests) {
        expect(t.status, t.name).toBe("fail");
        if (t.hidden) {
          expect(t.category).toBe("not-implemented");
          expect(t.message).toBe(HIDDEN_CATEGORIES["not-implemented"]);
        } else {
          expect(t.message).toBe(`Not implemented yet: your function still throws its placeholder error (${JSON.stringify(placeholder)}). Replace the throw with your implementation.`);
          expect(t.message).not.toMatch(/line \d|at hamming/);
        }
      }
      // a case that accepts any error is not passed by the stub's throw
      expect(r.tests.find((t) => t.name === "second strand longer")).toMatchObject({ status: "fail", category: "not-implemented" });
    }
  });

  it("still reports any other throw as a runtime error", async () => {
    const r = await grade(CRASH);
    expect(r.status).toBe("error");
    expect(r.error?.kind).toBe("runtime");
    expect(r.tests.find((t) => t.name === "long strands")).toMatchObject({ status: "error" });
  });
});

describe("exercises:check on a throwing starter", () => {
  let dir: string;
  let pool: GraderPool;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "grader-stub-"));
    const copy = (slug: string, starter: string) => {
      cpSync(path.join(FORMATS, SLUG), path.join(dir, slug), { recursive: true });
      writeFileSync(path.join(dir, slug, "starter.ts"), starter);
    };
    copy("03-hamming", NOT_IMPLEMENTED);
    copy("04-crashing-starter", CRASH);
    pool = makePool({ size: 1, exercisesDir: dir });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("accepts a starter that throws \"not implemented\"", async () => {
    const report = await checkExercise(pool, "03-hamming", dir, { mutation: "off" });
    expect(report.problems).toEqual([]);
    expect(report.starter).toBe("fails 6/6");
  });

  it("refuses a starter that throws anything else", async () => {
    const report = await checkExercise(pool, "04-crashing-starter", dir, { mutation: "off" });
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toMatch(/04-crashing-starter\/starter\.ts: verdict error instead of fail/);
  });
});
