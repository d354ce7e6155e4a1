// Optional expected values on hidden cases (issue 17): exercises:check verifies the reference
// against them, so a reference bug is caught before a learner meets it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { testCaseSchema } from "../../grader/exercise-schema";
import type { GraderPool } from "../../grader/pool";
import { FIXTURES, makePool } from "./helpers";

const FORMATS = path.join(FIXTURES, "exercise-formats");

describe("expected values on hidden cases", () => {
  let dir: string;
  let pool: GraderPool;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "grader-expected-"));
    const copy = (from: string, slug: string, edit: (d: string) => void = () => {}) => {
      const d = path.join(dir, slug);
      cpSync(path.join(FORMATS, from), d, { recursive: true });
      edit(d);
    };
    const replace = (file: string, a: string, b: string) => {
      const text = readFileSync(file, "utf8");
      if (!text.includes(a)) throw new Error(`${a} not in ${file}`);
      writeFileSync(file, text.replace(a, b));
    };
    copy("01-word-count", "01-word-count");
    copy("03-hamming", "03-hamming");
    // A reference bug the tests alone do not show: only the stored expected values do.
    copy("03-hamming", "04-hamming-off-by-one", (d) => replace(path.join(d, "reference.ts"), "i < a.length;", "i < a.length - 1;"));
    copy("01-word-count", "05-word-count-case", (d) => replace(path.join(d, "reference.ts"), "text.toLowerCase()", "text"));
    pool = makePool({ size: 1, exercisesDir: dir });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("are accepted by the schema, but not beside throws, and decimals need one", () => {
    expect(testCaseSchema.safeParse({ id: "a", name: "a", args: [1], expected: 0.25, decimals: 2 }).success).toBe(true);
    expect(testCaseSchema.safeParse({ id: "a", name: "a", args: [1], expected: 1, throws: true }).success).toBe(false);
    expect(testCaseSchema.safeParse({ id: "a", name: "a", args: [1], decimals: 2 }).success).toBe(false);
  });

  it("pass exercises:check when the reference computes them (numbers and Maps)", async () => {
    for (const slug of ["01-word-count", "03-hamming"]) {
      const report = await checkExercise(pool, slug, dir, { mutation: "off" });
      expect(report.problems, slug).toEqual([]);
    }
  });

  it("catch a reference bug that every test of the reference alone lets through", async () => {
    const report = await checkExercise(pool, "04-hamming-off-by-one", dir, { mutation: "off" });
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(
      '04-hamming-off-by-one/tests.json: hidden case "only the last position differs": expected is not what reference.ts computes: Wrong value: expected 1, got 0 (off by 1.0e+0).',
    );
    const words = await checkExercise(pool, "05-word-count-case", dir, { mutation: "off" });
    expect(words.problems.join("\n")).toContain('05-word-count-case/tests.json: hidden case "repeated word": expected is not what reference.ts computes: Wrong value at .get("zebra"): expected 3, got 1 (off by 2.0e+0).');
  });
});
