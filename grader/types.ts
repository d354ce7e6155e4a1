// Plain-data shapes that cross process boundaries (worker → pool → route → browser).
// Everything here must survive JSON: values use the wire encoding in ./wire.ts.

import type { HiddenCategory } from "./hidden-feedback";

export type Verdict = "pass" | "fail" | "error";
export type TestStatus = "pass" | "fail" | "error";
export type ErrorKind =
  | "compile"
  | "missing-export"
  | "timeout"
  | "memory"
  | "runtime"
  | "output-limit"
  | "crash"
  /** A wall-clock backstop fired before the code used its CPU time: the grader's fault, not the code's. */
  | "overloaded";
export type GradeMode = "run" | "submit";
/** visible: worked examples shown on Run; hidden: fixed cases only on Submit; random: seeded cases on Submit. */
export type TestKind = "visible" | "hidden" | "random";

export interface GradeJob {
  slug: string;
  code: string;
  mode: GradeMode;
  /** Seed for random cases; chosen by the grader when absent and always reported back. */
  seed?: number;
}

export interface TestResult {
  /** Permanent id of a fixed case (tests.json), so statistics survive a renamed test; absent for random cases. */
  id?: string;
  name: string;
  kind: TestKind;
  /** True for hidden fixed cases: their inputs and expected values never leave the server. */
  hidden: boolean;
  status: TestStatus;
  /**
   * What went wrong, written for a learner. For hidden tests it never quotes expected values nor
   * text the learner's code chose (exception messages, returned strings, keys, type tags).
   */
  message?: string;
  /**
   * Hidden tests only: what went wrong, as one of a fixed list (grader/hidden-feedback.ts); their
   * message is that category's sentence and nothing else.
   */
  category?: HiddenCategory;
  /** Set when the output matches a known mistake of this exercise. */
  hint?: { id: string; text: string };
  /** Only for visible and random tests (wire-encoded values). */
  input?: unknown[];
  expected?: unknown;
  actual?: unknown;
  /** Where the first difference is, e.g. "[2]" or ".logp" (all kinds). */
  where?: string;
  /**
   * What the learner's code printed during this case (part of GradeResult.console), for
   * visible and random cases only: output printed during hidden cases is withheld.
   */
  console?: string;
  durationMs: number;
}

export interface GradeError {
  kind: ErrorKind;
  message: string;
  /** 1-based position in the learner's file, when known. */
  line?: number;
  column?: number;
}

export interface GradeTimings {
  /** CPU time the learner's code used in the sandbox (what its time limits are judged on). */
  cpuMs?: number;
  compileMs: number;
  isolateMs: number;
  runMs: number;
  compareMs: number;
}

export interface GradeResult {
  exercise: string;
  mode: GradeMode;
  status: Verdict;
  error?: GradeError;
  tests: TestResult[];
  passed: number;
  total: number;
  seed: number;
  /**
   * What the learner printed with console.*, truncated: at load and during visible and random
   * cases. Output printed during hidden cases is replaced by one HIDDEN_OUTPUT_MARKER line.
   */
  console: string;
  consoleTruncated: boolean;
  durationMs: number;
  timings: GradeTimings;
}
