// Shared by the grader tests: a pool per test file and a known-good submission.
import { readFileSync } from "node:fs";
import path from "node:path";
import { GraderPool, type GraderPoolOptions } from "../../grader/pool";
import type { GradeJob, GradeResult } from "../../grader/types";

export const ROOT = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");
export const SLUG = "01-rnn-step";

export function fixture(...parts: string[]): string {
  return readFileSync(path.join(FIXTURES, ...parts), "utf8");
}

export const CORRECT = fixture("submissions", "rnn-step-correct.ts");

export function makePool(options: GraderPoolOptions = {}): GraderPool {
  return new GraderPool({ size: 2, root: ROOT, exercisesDir: path.join(ROOT, "exercises"), ...options });
}

export function job(code: string, mode: GradeJob["mode"] = "submit", seed?: number): GradeJob {
  return { slug: SLUG, code, mode, ...(seed !== undefined ? { seed } : {}) };
}

/** Asserts the pool still grades a correct submission correctly. */
export async function expectHealthy(pool: GraderPool): Promise<GradeResult> {
  const r = await pool.grade(job(CORRECT, "submit"));
  if (r.status !== "pass" || r.passed !== r.total || r.total === 0) {
    throw new Error(`pool no longer grades a correct submission: ${JSON.stringify(r).slice(0, 500)}`);
  }
  return r;
}
