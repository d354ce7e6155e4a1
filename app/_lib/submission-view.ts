// How a stored submission is shown in lists (history panel, /submissions): plain JSON-safe data,
// the same shape the Submit response and the pages pass to client components.
import type { ErrorKind, GradeResult } from "@/grader/types";
import type { SubmissionDetail, SubmissionSummary } from "@/lib/submissions";

export interface SubmissionRow {
  id: string;
  slug: string;
  kind: "run" | "submit";
  verdict: "pass" | "fail" | "error";
  errorKind: string | null;
  passed: number;
  total: number;
  /** ISO time. */
  createdAt: string;
  /** Set when it was graded on an older version of the exercise than the current one: that version ("v1 · 28 Nov"). */
  olderVersion?: string;
}

export function toSubmissionRow(s: SubmissionSummary): SubmissionRow {
  return {
    id: s.id,
    slug: s.slug,
    kind: s.kind,
    verdict: s.verdict,
    errorKind: s.errorKind,
    passed: s.passed,
    total: s.total,
    createdAt: s.createdAt.toISOString(),
  };
}

const VERDICT_LABEL: Record<SubmissionRow["verdict"], string> = { pass: "Passed", fail: "Failed", error: "Error" };

export function verdictLabel(row: Pick<SubmissionRow, "verdict" | "errorKind">): string {
  if (row.verdict === "error" && row.errorKind) return `Error (${row.errorKind.replace(/-/g, " ")})`;
  return VERDICT_LABEL[row.verdict];
}

/** "21 Nov 2025, 14:03:12" in the viewer's locale and time zone (rendered in the browser). */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** A stored submission in the shape the results panel shows (history and instructor pages). */
export function asGradeResult(s: SubmissionDetail): GradeResult {
  return {
    exercise: s.slug,
    mode: s.kind,
    status: s.verdict,
    ...(s.error ? { error: { kind: s.error.kind as ErrorKind, message: s.error.message, ...(s.error.line ? { line: s.error.line } : {}) } } : {}),
    tests: s.tests,
    passed: s.passed,
    total: s.total,
    seed: s.seed,
    console: s.console,
    consoleTruncated: false,
    durationMs: s.durationMs,
    timings: { compileMs: 0, isolateMs: 0, runMs: 0, compareMs: 0 },
  };
}
