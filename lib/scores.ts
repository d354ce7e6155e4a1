// The score rules, written once: the gradebook, the learner's assignment list and the class view
// all compute scores here. Pure (no database), and safe to import from client components.
//
//   submission  = 1 when it passed (every test, random cases included). Otherwise partial credit
//                 from the fixed tests (visible examples + hidden tests): passed fixed tests
//                 / (fixed tests + 1 if the exercise has random cases). The random cases together
//                 are that one extra test, and a submit that did not pass never gets it: which
//                 cases a seed draws is luck, so they never add credit, but failing one still
//                 keeps a submit below full marks. A submit that did not run (compile error,
//                 timeout…) passed no test and scores 0. Runs never score. An instructor's
//                 override (lib/score-overrides.ts) replaces all of this for that submit.
//   late factor = 1 up to the learner's due time (the assignment's, or their extension's).
//                 After it: with no late policy 0; with a penalty of p % per started day late,
//                 1 − p/100 × days (never below 0), and 0 beyond the cut-off (in days).
//   exercise    = the highest submission score × late factor over the learner's submits of
//                 that exercise (on time or late): the best on-time submit wins unless a late
//                 one is still worth more after its penalty. No submit: 0.
//   assignment  = the mean of its exercise scores (every exercise weighs the same).
//   total       = the mean of the scores of the assignments released so far.
// Scores are 0..1 here; the pages and the CSV show percentages with one decimal.

export type TestKind = "visible" | "hidden" | "random";

export interface ScoredSubmission {
  verdict: "pass" | "fail" | "error";
  createdAt: Date;
  /** Per-test outcome as stored (hidden tests carry no inputs, but their kind and status). */
  tests: readonly { kind: TestKind; status: string }[];
  /** An instructor's score for this submit, 0..1, used instead of the graded one. */
  scoreOverride?: number | null;
}

export type LatePolicy = { kind: "none" } | { kind: "penalty"; percentPerDay: number; cutoffDays: number };

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Score of one submit, 0..1 (see the rules above). */
export function submissionScore(s: Pick<ScoredSubmission, "verdict" | "tests" | "scoreOverride">): number {
  if (s.scoreOverride !== undefined && s.scoreOverride !== null) return s.scoreOverride;
  if (s.verdict === "pass") return 1;
  const fixed = s.tests.filter((t) => t.kind !== "random");
  const randomCases = s.tests.length > fixed.length ? 1 : 0;
  const out = fixed.length + randomCases;
  return out === 0 ? 0 : fixed.filter((t) => t.status === "pass").length / out;
}

/** Whether a submit at `at` is after the learner's due time (late). */
export function isLate(at: Date, dueAt: Date): boolean {
  return at.getTime() > dueAt.getTime();
}

/** Started days late: 1 ms after the due time is 1 day, exactly 24 h after is still 1. */
export function daysLate(at: Date, dueAt: Date): number {
  const ms = at.getTime() - dueAt.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}

/** What a submit at `at` keeps of its score under the policy, 0..1. */
export function lateFactor(at: Date, dueAt: Date, policy: LatePolicy): number {
  const days = daysLate(at, dueAt);
  if (days === 0) return 1;
  if (policy.kind === "none" || days > policy.cutoffDays) return 0;
  return Math.max(0, 1 - (policy.percentPerDay / 100) * days);
}

export interface ExerciseScore {
  /** 0..1, late penalty applied. */
  score: number;
  /** The submit the score comes from was late (its penalty is already applied). */
  late: boolean;
  submits: number;
  /** Submits after the due time, whatever they earned. */
  lateSubmits: number;
}

/** The exercise's score for one learner in one assignment (see the rules above). */
export function exerciseScore(submits: readonly ScoredSubmission[], dueAt: Date, policy: LatePolicy): ExerciseScore {
  let best = 0;
  let late = false;
  let lateSubmits = 0;
  for (const s of submits) {
    const isLateSubmit = isLate(s.createdAt, dueAt);
    if (isLateSubmit) lateSubmits++;
    const value = submissionScore(s) * lateFactor(s.createdAt, dueAt, policy);
    // Ties go to the on-time submit: "late" is only shown when lateness decided the score.
    if (value > best || (value === best && late && !isLateSubmit)) {
      best = value;
      late = isLateSubmit && value > 0;
    }
  }
  return { score: best, late, submits: submits.length, lateSubmits };
}

/** Mean of the exercise scores, 0 for an assignment without exercises. */
export function assignmentScore(exerciseScores: readonly number[]): number {
  return exerciseScores.length ? exerciseScores.reduce((a, b) => a + b, 0) / exerciseScores.length : 0;
}

/** Mean over the released assignments; null when none is released yet. */
export function totalScore(assignmentScores: readonly number[]): number | null {
  return assignmentScores.length ? assignmentScores.reduce((a, b) => a + b, 0) / assignmentScores.length : null;
}

/** 0.66666 → 66.7: what the pages and the CSV show. */
export function percent(score: number): number {
  return Math.round(score * 1000) / 10;
}

/** The learner's due time: their extension if they have one, else the assignment's. */
export function dueFor(assignmentDueAt: Date, extensionDueAt: Date | null | undefined): Date {
  return extensionDueAt ?? assignmentDueAt;
}
