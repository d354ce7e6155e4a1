// The code the benchmark submits: for every exercise a correct solution (its reference), wrong
// ones (its known mistakes and its starter), and hostile ones that must end in an error verdict
// (an infinite loop, a memory bomb). All of it comes from the exercise folders, so a new
// exercise is benchmarked without touching this file.
import { loadCatalogue, type Exercise } from "../grader/exercises";
import type { Verdict } from "../grader/types";

export type Category = "correct" | "wrong" | "loop" | "memory";

export interface Submission {
  slug: string;
  category: Category;
  /** Which variant: "reference", "starter", a mistake id, "loop-call", "loop-top", "memory". */
  variant: string;
  code: string;
  /** The verdict the grader must give. */
  expected: Verdict;
}

export interface ExerciseSubmissions {
  exercise: Exercise;
  correct: Submission;
  /** Known mistakes first, then the starter. */
  wrong: Submission[];
  hostile: Submission[];
}

function signatureOf(ex: Exercise): string {
  // "export function f(a: T, ...): R" → callable with any arguments; types do not matter here.
  return `export function ${ex.meta.export}(...args: any[]): any`;
}

export function submissionsFor(ex: Exercise): ExerciseSubmissions {
  const make = (category: Category, variant: string, code: string, expected: Verdict): Submission => ({
    slug: ex.slug,
    category,
    variant,
    code,
    expected,
  });
  const sig = signatureOf(ex);
  return {
    exercise: ex,
    correct: make("correct", "reference", ex.reference, "pass"),
    wrong: [
      ...ex.mistakes.map((m) => make("wrong", m.id, m.source, "fail")),
      make("wrong", "starter", ex.starter, "fail"),
    ],
    hostile: [
      // Spins inside the learner's function: stopped by the per-call time limit.
      make("loop", "loop-call", `${sig} {\n  let i = 0;\n  for (;;) i++;\n}\n`, "error"),
      // Spins at module top level: stopped by the load time limit.
      make("loop", "loop-top", `while (true) {}\n${sig} {\n  return args;\n}\n`, "error"),
      // Grows the heap until the isolate's memory limit stops it.
      make(
        "memory",
        "memory",
        `${sig} {\n  const hoard: number[][] = [];\n  for (;;) hoard.push(new Array(1 << 20).fill(Math.random()));\n}\n`,
        "error",
      ),
    ],
  };
}

export function allSubmissions(): ExerciseSubmissions[] {
  const { exercises, errors } = loadCatalogue();
  if (errors.length) {
    process.stderr.write(`bench: skipping broken exercise folders: ${errors.map((e) => e.message).join("; ")}\n`);
  }
  return exercises.map(submissionsFor);
}

/** Makes the code unique per submission so the grader's compile cache cannot flatter a figure. */
export function unique(code: string, tag: string): string {
  return `${code}\n// bench ${tag}\n`;
}
