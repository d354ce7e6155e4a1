// Rosters built by hand for the pure statistics and gradebook tests (the shapes that
// lib/classrooms.ts classroomRoster returns).
import type { ClassSubmissionRow, ExerciseColumn, Roster, RosterLearner } from "../../lib/classrooms";
import { toExerciseProgress, type ProgressFields } from "../../lib/progress";

export const EXERCISES: ExerciseColumn[] = [
  { slug: "01-rnn-step", title: "One vanilla RNN step", order: 1 },
  { slug: "02-seq-prob", title: "Sequence probability, log-space", order: 2 },
];

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Progress fields as lib/progress.ts stores them; `solvedAfter` = submits it took to solve. */
export function fields(attempts: number, bestScore: number, options: { solvedAfter?: number; runs?: number; minutes?: number } = {}): ProgressFields {
  const at = new Date(T0 + (options.minutes ?? 0) * 60_000);
  return {
    attempts,
    bestScore,
    runs: options.runs ?? 0,
    solvedAt: options.solvedAfter ? at : null,
    attemptsToSolve: options.solvedAfter ?? null,
    lastSubmittedAt: attempts ? at : null,
    lastActivityAt: at,
  };
}

export function learner(id: string, name: string, progress: Record<string, ProgressFields | null>, email = `${id}@example.com`): RosterLearner {
  const map: RosterLearner["progress"] = {};
  let solvedCount = 0;
  let lastActivityAt: Date | null = null;
  for (const ex of EXERCISES) {
    const p = toExerciseProgress(ex.slug, progress[ex.slug] ?? null);
    map[ex.slug] = p;
    if (p.state === "solved") solvedCount++;
    if (p.lastActivityAt && (!lastActivityAt || p.lastActivityAt > lastActivityAt)) lastActivityAt = p.lastActivityAt;
  }
  return { id, name, email, joinedAt: new Date(T0), progress: map, solvedCount, lastActivityAt };
}

export function roster(learners: RosterLearner[], name = "Class A"): Roster {
  return {
    classroom: { id: "c1", name, joinCode: "ABCD-EFGH", createdAt: new Date(T0), learnerCount: learners.length },
    exercises: EXERCISES,
    learners,
  };
}

type TestOutcome = [name: string, kind: "visible" | "hidden" | "random", status: "pass" | "fail" | "error", hintId?: string | null, testId?: string];

export function submit(userId: string, slug: string, tests: TestOutcome[], extra: Partial<ClassSubmissionRow> = {}): ClassSubmissionRow {
  const passed = tests.filter((t) => t[2] === "pass").length;
  return {
    userId,
    slug,
    kind: "submit",
    verdict: passed === tests.length ? "pass" : "fail",
    errorKind: null,
    passed,
    total: tests.length,
    createdAt: new Date(T0),
    scoreOverride: null,
    tests: tests.map(([name, kind, status, hintId, testId]) => ({ id: testId ?? null, name, kind, status, hintId: hintId ?? null })),
    ...extra,
  };
}
