// Progress per learner and exercise. The rules live in nextProgress(); recordSubmission applies
// them in the same transaction that stores the submission, so the two never disagree.
//   attempts        = number of submits (runs are counted separately and never change scores)
//   bestScore       = max passed/total over submits, 0..1
//   solvedAt        = time of the first passing submit; later solves leave it unchanged
//   attemptsToSolve = attempts at that first passing submit
//   state           = solved if solvedAt, attempted if any run or submit, else not-started
// An instructor's score override (lib/score-overrides.ts) or a regrade changes a stored submit:
// recomputeScores() then replays the learner's submits of that exercise, where an overridden
// submit scores its override and solves only when the override is 100 %.
import type { Prisma } from "../generated/prisma/client";
import { assertSignedIn, type Actor } from "./actor";
import { prisma, provider } from "./db";

export type ProgressState = "not-started" | "attempted" | "solved";

export interface ExerciseProgress {
  slug: string;
  state: ProgressState;
  bestScore: number;
  attempts: number;
  runs: number;
  solvedAt: Date | null;
  attemptsToSolve: number | null;
  lastSubmittedAt: Date | null;
  lastActivityAt: Date | null;
}

/** The stored progress fields nextProgress() reads and writes. */
export interface ProgressFields {
  bestScore: number;
  attempts: number;
  runs: number;
  solvedAt: Date | null;
  attemptsToSolve: number | null;
  lastSubmittedAt: Date | null;
  lastActivityAt: Date;
}

export interface GradedAttempt {
  kind: "run" | "submit";
  verdict: "pass" | "fail" | "error";
  passed: number;
  total: number;
  at: Date;
}

/** Score of one graded attempt, 0..1. */
export function scoreOf(passed: number, total: number): number {
  return total > 0 ? Math.min(1, Math.max(0, passed / total)) : 0;
}

/** A submit that passed every test. */
export function isSolvingAttempt(a: Pick<GradedAttempt, "kind" | "verdict" | "passed" | "total">): boolean {
  return a.kind === "submit" && a.verdict === "pass" && a.total > 0 && a.passed === a.total;
}

/** The progress after one more graded attempt (pure; `previous` is null for the first one). */
export function nextProgress(previous: ProgressFields | null, attempt: GradedAttempt): ProgressFields {
  const prev: ProgressFields = previous ?? {
    bestScore: 0,
    attempts: 0,
    runs: 0,
    solvedAt: null,
    attemptsToSolve: null,
    lastSubmittedAt: null,
    lastActivityAt: attempt.at,
  };
  if (attempt.kind === "run") {
    return { ...prev, runs: prev.runs + 1, lastActivityAt: attempt.at };
  }
  const attempts = prev.attempts + 1;
  const solvesNow = isSolvingAttempt(attempt) && prev.solvedAt === null;
  return {
    ...prev,
    attempts,
    bestScore: Math.max(prev.bestScore, scoreOf(attempt.passed, attempt.total)),
    solvedAt: solvesNow ? attempt.at : prev.solvedAt,
    attemptsToSolve: solvesNow ? attempts : prev.attemptsToSolve,
    lastSubmittedAt: attempt.at,
    lastActivityAt: attempt.at,
  };
}

/**
 * Takes SQLite's write lock (PostgreSQL: this learner and exercise's lock) for the caller's transaction and reads the learner's progress row
 * (null when there is none yet), in one statement. The adapter's BEGIN is deferred; an UPDATE
 * takes the write lock even when it matches no row, waiting on busy_timeout while another
 * process writes. From here until commit nobody else can write, so what this returns cannot go
 * stale and timestamps taken after it follow commit order. `SET "id" = "id"` changes nothing.
 */
export async function lockProgress(tx: Prisma.TransactionClient, userId: string, exerciseId: string): Promise<ProgressFields | null> {
  if (provider() === "postgresql") {
    // PostgreSQL locks rows, not the database: the UPDATE below would lock nothing while the row
    // does not exist yet, and two first attempts would both create it. A transaction-scoped
    // advisory lock on this learner and exercise serializes their writers (others run on); it
    // is released at commit or rollback.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`progress:${userId}:${exerciseId}`}, 0))`;
  }
  const rows = await tx.$queryRaw<Record<keyof ProgressFields, unknown>[]>`
    UPDATE "Progress" SET "id" = "id" WHERE "userId" = ${userId} AND "exerciseId" = ${exerciseId}
    RETURNING "bestScore", "attempts", "runs", "solvedAt", "attemptsToSolve", "lastSubmittedAt", "lastActivityAt"`;
  const row = rows[0];
  if (!row) return null;
  // A raw query's values are typed from the columns' declared types; say what we rely on.
  const date = (v: unknown) => (v === null ? null : new Date(v as Date | string));
  return {
    bestScore: Number(row.bestScore),
    attempts: Number(row.attempts),
    runs: Number(row.runs),
    solvedAt: date(row.solvedAt),
    attemptsToSolve: row.attemptsToSolve === null ? null : Number(row.attemptsToSolve),
    lastSubmittedAt: date(row.lastSubmittedAt),
    lastActivityAt: date(row.lastActivityAt)!,
  };
}

/**
 * Applies one graded attempt to the learner's progress, inside the caller's transaction, given
 * the row as lockProgress() read it. Returns the new fields.
 */
export async function applyAttempt(
  tx: Prisma.TransactionClient,
  userId: string,
  exerciseId: string,
  previous: ProgressFields | null,
  attempt: GradedAttempt,
): Promise<ProgressFields> {
  const next = nextProgress(previous, attempt);
  if (previous) await tx.progress.update({ where: { userId_exerciseId: { userId, exerciseId } }, data: next, select: { id: true } });
  else await tx.progress.create({ data: { userId, exerciseId, ...next }, select: { id: true } });
  return next;
}

/** What recomputeScores() reads of each submit. */
export interface StoredSubmit {
  verdict: string;
  passed: number;
  total: number;
  scoreOverride: number | null;
  createdAt: Date;
}

/** A submit's score for progress, 0..1: the instructor's override when there is one. */
export function effectiveScore(s: Pick<StoredSubmit, "passed" | "total" | "scoreOverride">): number {
  return s.scoreOverride ?? scoreOf(s.passed, s.total);
}

/** Whether the submit solves the exercise: an override decides (100 % solves), else the verdict. */
export function effectivelySolves(s: Pick<StoredSubmit, "verdict" | "passed" | "total" | "scoreOverride">): boolean {
  if (s.scoreOverride !== null) return s.scoreOverride >= 1;
  return isSolvingAttempt({ kind: "submit", verdict: s.verdict as GradedAttempt["verdict"], passed: s.passed, total: s.total });
}

/** bestScore, solvedAt and attemptsToSolve from every submit of one learner and exercise (pure). */
export function scoreFieldsOf(submits: readonly StoredSubmit[]): Pick<ProgressFields, "bestScore" | "solvedAt" | "attemptsToSolve"> {
  const ordered = [...submits].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let bestScore = 0;
  let solvedAt: Date | null = null;
  let attemptsToSolve: number | null = null;
  ordered.forEach((s, i) => {
    bestScore = Math.max(bestScore, effectiveScore(s));
    if (solvedAt === null && effectivelySolves(s)) {
      solvedAt = s.createdAt;
      attemptsToSolve = i + 1;
    }
  });
  return { bestScore, solvedAt, attemptsToSolve };
}

/**
 * Recomputes the score fields of a learner's progress on one exercise from their stored submits,
 * inside the caller's transaction (after a score override or a regrade). Counts and activity
 * times are left as they are: those did not change.
 */
export async function recomputeScores(tx: Prisma.TransactionClient, userId: string, exerciseId: string): Promise<void> {
  const previous = await lockProgress(tx, userId, exerciseId);
  if (!previous) return;
  const submits = await tx.submission.findMany({
    where: { userId, exerciseId, kind: "submit" },
    select: { verdict: true, passed: true, total: true, scoreOverride: true, createdAt: true },
  });
  await tx.progress.update({ where: { userId_exerciseId: { userId, exerciseId } }, data: scoreFieldsOf(submits), select: { id: true } });
}

export const progressSelect = {
  bestScore: true,
  attempts: true,
  runs: true,
  solvedAt: true,
  attemptsToSolve: true,
  lastSubmittedAt: true,
  lastActivityAt: true,
} as const;

export function stateOf(fields: Pick<ProgressFields, "solvedAt"> | null): ProgressState {
  if (!fields) return "not-started";
  return fields.solvedAt ? "solved" : "attempted";
}

export function toExerciseProgress(slug: string, fields: ProgressFields | null): ExerciseProgress {
  return {
    slug,
    state: stateOf(fields),
    bestScore: fields?.bestScore ?? 0,
    attempts: fields?.attempts ?? 0,
    runs: fields?.runs ?? 0,
    solvedAt: fields?.solvedAt ?? null,
    attemptsToSolve: fields?.attemptsToSolve ?? null,
    lastSubmittedAt: fields?.lastSubmittedAt ?? null,
    lastActivityAt: fields?.lastActivityAt ?? null,
  };
}

/**
 * The acting user's progress on every known exercise, keyed by slug (exercises never touched are
 * "not-started"; slugs the database has not seen yet are simply absent: treat them the same).
 */
export async function progressFor(user: Actor): Promise<Record<string, ExerciseProgress>> {
  assertSignedIn(user);
  const [exercises, rows] = await Promise.all([
    prisma.exercise.findMany({ select: { id: true, slug: true }, orderBy: [{ order: "asc" }, { slug: "asc" }] }),
    prisma.progress.findMany({ where: { userId: user.id }, select: { exerciseId: true, ...progressSelect } }),
  ]);
  const byExercise = new Map(rows.map((r) => [r.exerciseId, r]));
  const result: Record<string, ExerciseProgress> = {};
  for (const ex of exercises) result[ex.slug] = toExerciseProgress(ex.slug, byExercise.get(ex.id) ?? null);
  return result;
}

/** Counts for a progress bar: how many exercises are solved / attempted out of `total`. */
export function progressTotals(progress: Record<string, ExerciseProgress>, slugs: string[]): { solved: number; attempted: number; total: number } {
  let solved = 0;
  let attempted = 0;
  for (const slug of slugs) {
    const state = progress[slug]?.state ?? "not-started";
    if (state === "solved") solved++;
    else if (state === "attempted") attempted++;
  }
  return { solved, attempted, total: slugs.length };
}
