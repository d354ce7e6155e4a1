// What a learner learns from a hidden test: its name, its status and one category from a fixed
// list (plus the hint of a matched known mistake). Never a magnitude, an index or path, a line
// number, text the learner's code chose, console output or a duration: learner code receives
// the hidden inputs, so anything it can steer is a channel to read them back out. With a fixed
// category, two submissions whose code behaves alike on the hidden cases get byte-identical
// hidden feedback, whatever the inputs were.
//
// The grader writes hidden results with hiddenTestResult(); lib/ applies redactHiddenTest() again
// before anything is sent or stored, and when stored rows are read (rows written before this
// policy carry old-style messages, which are mapped to their category).
import type { DifferenceKind } from "./compare";
import type { ErrorKind, TestResult } from "./types";

/**
 * Stands, once, for whatever the code printed while hidden inputs were in the isolate (that
 * output could echo them), on every Submit whether or not it printed: a marker that appeared only
 * when the code printed would be one bit it could set from the inputs. Flood detection still
 * counts what was printed.
 */
export const HIDDEN_OUTPUT_MARKER = "── hidden test output withheld ──";

/** Every category, with the one sentence a learner sees for it. */
export const HIDDEN_CATEGORIES = {
  "wrong-value": "Wrong value.",
  "wrong-shape": "Wrong shape: a wrong length, a missing or extra key, or a value of the wrong type.",
  "not-finite": "NaN or Infinity where a finite number was expected.",
  "no-return": "Returned undefined where a value was expected: did you forget to return?",
  "modified-input": "Modified its input: leave the arguments unchanged and return a new value.",
  "no-error": "Returned a value where an error was expected: this input must be rejected by throwing.",
  "wrong-error": "Threw an error, but not the expected one: its message does not match.",
  "not-implemented": "Not implemented yet: your function still throws its placeholder \"not implemented\" error.",
  exception: "Threw an exception. Its message and line are not shown on hidden tests, as they could reveal the inputs.",
  "too-slow": "Too slow: used up its CPU time (an infinite loop?).",
  "out-of-memory": "Ran out of memory.",
  "too-large": "Returned or printed too much.",
  "not-run": "Not run: grading stopped before this test.",
  "not-graded": "Not graded: the grader failed or was overloaded; your code was not at fault.",
} as const;

export type HiddenCategory = keyof typeof HIDDEN_CATEGORIES;

export function isHiddenCategory(v: unknown): v is HiddenCategory {
  return typeof v === "string" && Object.prototype.hasOwnProperty.call(HIDDEN_CATEGORIES, v);
}

export function categoryOfDifference(kind: DifferenceKind): HiddenCategory {
  switch (kind) {
    case "wrong-value":
    case "unordered":
      return "wrong-value";
    case "not-finite":
      return "not-finite";
    case "undefined":
      return "no-return";
    case "wrong-type":
    case "wrong-length":
    case "missing-key":
    case "extra-key":
    case "unsupported":
      return "wrong-shape";
  }
}

export function categoryOfError(kind: ErrorKind): HiddenCategory {
  switch (kind) {
    case "timeout":
      return "too-slow";
    case "memory":
      return "out-of-memory";
    case "output-limit":
      return "too-large";
    case "crash":
    case "overloaded":
      return "not-graded";
    case "compile":
    case "missing-export":
      return "not-run";
    case "runtime":
      return "exception";
  }
}

/**
 * The category of a hidden result stored before categories existed, from its old wording (every
 * message the grader wrote then starts in one of these ways).
 */
export function categoryFromMessage(status: TestResult["status"], message: string | undefined): HiddenCategory {
  const m = message ?? "";
  if (/^Not run/.test(m)) return "not-run";
  if (/^Wrong value/.test(m)) return "wrong-value";
  if (/^(Wrong length|Expected |Missing key|A key is missing|Unexpected key|Returned a)/.test(m)) return "wrong-shape";
  if (/where a finite number was expected/.test(m)) return "not-finite";
  if (/returned undefined|is undefined/.test(m)) return "no-return";
  if (/modified its input/.test(m)) return "modified-input";
  if (/ran for more than|time limit|CPU time/.test(m)) return "too-slow";
  if (/memory limit/.test(m)) return "out-of-memory";
  if (/too large|printed more than/.test(m)) return "too-large";
  if (/grader/i.test(m)) return "not-graded";
  return status === "fail" ? "wrong-value" : "exception";
}

/** A hidden test's whole result: nothing but these fields ever leaves the grader. */
export function hiddenTestResult(
  header: Pick<TestResult, "id" | "name" | "kind">,
  outcome: { status: "pass" } | { status: "fail" | "error"; category: HiddenCategory },
  hint?: TestResult["hint"],
): TestResult {
  const base = { ...(header.id ? { id: header.id } : {}), name: header.name, kind: header.kind, hidden: true };
  if (outcome.status === "pass") return { ...base, status: "pass", durationMs: 0 };
  return {
    ...base,
    status: outcome.status,
    category: outcome.category,
    message: HIDDEN_CATEGORIES[outcome.category],
    ...(hint && typeof hint.id === "string" && typeof hint.text === "string" ? { hint: { id: hint.id, text: hint.text } } : {}),
    durationMs: 0,
  };
}

/** Applies the policy to any test result (visible and random ones pass through untouched). */
export function redactHiddenTest<T extends Pick<TestResult, "hidden">>(test: T): T {
  if (!test.hidden) return test;
  const t = test as unknown as TestResult;
  const status: TestResult["status"] = t.status === "pass" || t.status === "fail" ? t.status : "error";
  const outcome =
    status === "pass"
      ? ({ status } as const)
      : { status, category: isHiddenCategory(t.category) ? t.category : categoryFromMessage(status, t.message) };
  return hiddenTestResult({ id: typeof t.id === "string" ? t.id : undefined, name: String(t.name), kind: "hidden" }, outcome, t.hint) as unknown as T;
}

/** The run-level error caused by a hidden test, in the same words as its row. */
export function hiddenRunError(kind: ErrorKind, testName: string): { kind: ErrorKind; message: string } {
  return { kind, message: `Test "${testName}" (hidden): ${HIDDEN_CATEGORIES[categoryOfError(kind)]}` };
}

const HIDDEN_ERROR_PREFIX = /^Test "(.*?)" \(hidden\): /;

/**
 * A stored run-level error: one caused by a hidden test (rows written before categories quoted a
 * line and the exception's type) is reworded to its category, and its line dropped.
 */
export function redactRunError<E extends { kind: string; message: string; line?: number | null; column?: number | null }>(error: E): Omit<E, "line" | "column"> & Partial<Pick<E, "line" | "column">> {
  const match = HIDDEN_ERROR_PREFIX.exec(error.message);
  if (!match) return error;
  const kind = error.kind as ErrorKind;
  const category = categoryOfError(kind) ?? categoryFromMessage("error", error.message.slice(match[0].length));
  const { line: _line, column: _column, ...rest } = error;
  return { ...rest, message: `Test "${match[1]}" (hidden): ${HIDDEN_CATEGORIES[category] ?? HIDDEN_CATEGORIES.exception}` } as unknown as E;
}
