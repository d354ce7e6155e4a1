// Graded runs and submits: recording them (with progress, atomically) and reading one's own.
// Instructors read their learners' submissions through lib/classrooms.ts.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { GradeResult, TestResult } from "../grader/types";
import { SLUG_PATTERN } from "../grader/exercise-schema";
import { redactHiddenTest, redactRunError } from "../grader/hidden-feedback";
import { assertSignedIn, type Actor } from "./actor";
import { prisma } from "./db";
import { publishChange } from "./live";
import { ConflictError, NotFoundError, ValidationError, parseInput } from "./domain-errors";
import { resolveExerciseVersion } from "./exercise-sync";
import { CODE_MAX_BYTES, HISTORY_PAGE_SIZE, SUBMISSION_LIST_MAX } from "./limits";
import { pageWindow, type PageWindow } from "./pagination";
import { applyAttempt, lockProgress, progressSelect, scoreOf, toExerciseProgress, type ExerciseProgress } from "./progress";
import { isWellFormed } from "./text";

export const codeSchema = z
  .string({ error: "code must be a string" })
  .refine(isWellFormed, { message: "code holds a broken character (a lone UTF-16 surrogate)" })
  .refine((code) => Buffer.byteLength(code, "utf8") <= CODE_MAX_BYTES, { message: `code is larger than ${CODE_MAX_BYTES / 1024} KB` });

export const slugSchema = z.string({ error: "slug must be a string" }).regex(SLUG_PATTERN, { message: "not an exercise slug" });

const testResultSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  kind: z.enum(["visible", "hidden", "random"]),
  hidden: z.boolean(),
  status: z.enum(["pass", "fail", "error"]),
});

/** The parts of a GradeResult that are stored; the rest passes through untouched. */
const gradeResultSchema = z.looseObject({
  exercise: z.string(),
  mode: z.enum(["run", "submit"]),
  status: z.enum(["pass", "fail", "error"]),
  error: z.looseObject({ kind: z.string(), message: z.string(), line: z.number().int().optional() }).optional(),
  tests: z.array(testResultSchema),
  passed: z.number().int().min(0),
  total: z.number().int().min(0),
  seed: z.number().int().min(0).max(2 ** 53),
  console: z.string().default(""),
  durationMs: z.number().min(0),
});

/** Ids the queue chooses at enqueue (UUIDs); cuid()s when the database chooses. */
export const submissionIdSchema = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, { message: "not a submission id" });

const recordInputSchema = z.object({
  id: submissionIdSchema.optional(),
  slug: slugSchema,
  /** Content hash of the exercise the grader used; defaults to the current one. */
  version: z.string().regex(/^[0-9a-f]{8,64}$/, { message: "not an exercise version hash" }).optional(),
  kind: z.enum(["run", "submit"]),
  code: codeSchema,
  result: gradeResultSchema,
});

export interface RecordSubmissionInput {
  /**
   * The submission's id, chosen by whoever enqueued the grading job (lib/grading-queue.ts): a
   * job that is graded again after a worker crash records under the same id, so it never makes
   * a second row nor counts twice in progress. Omitted: the database makes one.
   */
  id?: string;
  slug: string;
  version?: string;
  kind: "run" | "submit";
  code: string;
  result: GradeResult;
}

export interface SubmissionSummary {
  id: string;
  slug: string;
  kind: "run" | "submit";
  verdict: "pass" | "fail" | "error";
  errorKind: string | null;
  passed: number;
  total: number;
  /** passed/total, 0..1. */
  score: number;
  createdAt: Date;
  /** The ExerciseVersion it was graded on (lib/exercise-versions.ts labels it). */
  versionId: string;
}

export interface SubmissionDetail extends SubmissionSummary {
  userId: string;
  version: string;
  code: string;
  error: { kind: string; message: string; line: number | null } | null;
  /** The grader's per-test results, as returned to the learner at the time. */
  tests: TestResult[];
  console: string;
  seed: number;
  durationMs: number;
}

export const summarySelect = {
  id: true,
  kind: true,
  verdict: true,
  errorKind: true,
  passed: true,
  total: true,
  createdAt: true,
  versionId: true,
  exercise: { select: { slug: true } },
} as const;

export const detailSelect = {
  ...summarySelect,
  userId: true,
  code: true,
  errorMessage: true,
  errorLine: true,
  results: true,
  console: true,
  seed: true,
  durationMs: true,
  version: { select: { hash: true } },
} as const;

type SummaryRow = {
  id: string;
  kind: string;
  verdict: string;
  errorKind: string | null;
  passed: number;
  total: number;
  createdAt: Date;
  versionId: string;
  exercise: { slug: string };
};

type DetailRow = SummaryRow & {
  userId: string;
  code: string;
  errorMessage: string | null;
  errorLine: number | null;
  results: string;
  console: string;
  seed: bigint;
  durationMs: number;
  version: { hash: string };
};

export function toSummary(row: SummaryRow): SubmissionSummary {
  return {
    id: row.id,
    slug: row.exercise.slug,
    kind: row.kind as SubmissionSummary["kind"],
    verdict: row.verdict as SubmissionSummary["verdict"],
    errorKind: row.errorKind,
    passed: row.passed,
    total: row.total,
    score: scoreOf(row.passed, row.total),
    createdAt: row.createdAt,
    versionId: row.versionId,
  };
}

const storedTestsSchema = z.array(testResultSchema.extend({ durationMs: z.number().default(0) }));

/**
 * The per-test results stored with a submission (JSON written by recordSubmission), parsed and
 * put through the hidden-test policy again: rows stored before it quoted more (line numbers,
 * magnitudes, indices, durations) and are shown by category like new ones.
 */
export function parseStoredTests(results: string): TestResult[] {
  let data: unknown;
  try {
    data = JSON.parse(results);
  } catch {
    // Stored from validated JSON; an unreadable row shows no per-test rows.
    return [];
  }
  const parsed = storedTestsSchema.safeParse(data);
  return parsed.success ? parsed.data.map((t) => redactHiddenTest(t as TestResult)) : [];
}

function storedRunError(kind: string, message: string | null, line: number | null): SubmissionDetail["error"] {
  const error = redactRunError({ kind, message: message ?? "", line });
  return { kind: error.kind, message: error.message, line: error.line ?? null };
}

export function toDetail(row: DetailRow): SubmissionDetail {
  const tests = parseStoredTests(row.results);
  return {
    ...toSummary(row),
    userId: row.userId,
    version: row.version.hash,
    code: row.code,
    error: row.errorKind ? storedRunError(row.errorKind, row.errorMessage, row.errorLine) : null,
    tests,
    console: row.console,
    seed: Number(row.seed),
    durationMs: row.durationMs,
  };
}

/**
 * Hidden tests carry their name, status, category and matched hint, nothing else, whatever the
 * caller passed (grader/hidden-feedback.ts): learners and instructors read these back.
 */
export function withoutHiddenValues<T extends { hidden: boolean }>(test: T): T {
  return redactHiddenTest(test);
}

function isRetryableLock(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  const message = e instanceof Error ? e.message : "";
  // P1008 is how Prisma surfaces SQLITE_BUSY from the driver adapter; P2028 a transaction
  // that could not start in time.
  return code === "P1008" || code === "P2028" || /SQLITE_BUSY|database is locked|SocketTimeout/i.test(message);
}

/**
 * Runs `fn` again after a short random pause when SQLite reports the database busy beyond the
 * busy timeout (a long burst of writers from several processes): the submission is never lost.
 */
async function withLockRetry<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isRetryableLock(e)) throw e;
      await new Promise((r) => setTimeout(r, 25 * i + Math.random() * 50 * i));
    }
  }
}

/**
 * Stores one graded run or submit by the acting user and updates their progress on that
 * exercise, in one transaction. Returns the stored summary and the new progress.
 */
export async function recordSubmission(
  user: Actor,
  input: RecordSubmissionInput,
): Promise<{ submission: SubmissionSummary; progress: ExerciseProgress }> {
  assertSignedIn(user);
  const data = parseInput(recordInputSchema, input, "submission");
  const { result } = data;
  if (result.exercise !== data.slug) throw new ValidationError(`The result is for "${result.exercise}", not "${data.slug}".`);
  if (result.mode !== data.kind) throw new ValidationError(`The result is a ${result.mode}, not a ${data.kind}.`);
  if (result.passed > result.total) throw new ValidationError("The result passed more tests than it has.");

  const { exerciseId, versionId } = await resolveExerciseVersion(data.slug, data.version);
  const attempt = { kind: data.kind, verdict: result.status, passed: result.passed, total: result.total };
  const results = JSON.stringify(result.tests.map(withoutHiddenValues));
  const storedError = result.error ? redactRunError({ kind: result.error.kind, message: result.error.message, line: result.error.line }) : undefined;
  // Three statements: every one is a Prisma query compiled on this thread, and the adapter runs
  // one transaction at a time per process, so each costs every concurrent Submit.
  const stored = await withLockRetry(() =>
    prisma.$transaction(async (tx) => {
      // First the write lock (see lockProgress): from here on the progress read cannot go stale
      // and `at` follows commit order, across processes too.
      const previous = await lockProgress(tx, user.id, exerciseId);
      // A retried grading job: the attempt is already stored (and counted). Answer with what was
      // stored, change nothing. Under the progress lock, so two retries cannot both miss it.
      if (data.id !== undefined) {
        const existing = await storedAttempt(tx, user.id, data.id, data.slug);
        if (existing) return existing;
      }
      const at = new Date();
      const row = await tx.submission.create({
        data: {
          ...(data.id !== undefined ? { id: data.id } : {}),
          userId: user.id,
          exerciseId,
          versionId,
          kind: data.kind,
          code: data.code,
          verdict: result.status,
          errorKind: result.error?.kind ?? null,
          errorMessage: storedError?.message ?? null,
          errorLine: storedError?.line ?? null,
          passed: result.passed,
          total: result.total,
          results,
          console: result.console,
          seed: BigInt(result.seed),
          durationMs: Math.round(result.durationMs),
          createdAt: at,
        },
        select: { id: true },
      });
      const fields = await applyAttempt(tx, user.id, exerciseId, previous, { ...attempt, at });
      // Everything in the summary is known here: no read back of the row and its exercise.
      const submission = toSummary({ id: row.id, ...attempt, errorKind: result.error?.kind ?? null, createdAt: at, versionId, exercise: { slug: data.slug } });
      return { submission, progress: toExerciseProgress(data.slug, fields), replayed: false };
    }),
  ).catch(async (e: unknown) => {
    // Two deliveries of one job stored at the same moment where the progress lock does not
    // cover a learner's first attempt (no row yet to lock): the id's primary key let one in.
    const existing =
      data.id !== undefined && (e as { code?: unknown })?.code === "P2002"
        ? await prisma.$transaction((tx) => storedAttempt(tx, user.id, data.id!, data.slug))
        : null;
    if (!existing) throw e;
    return existing;
  });
  if (stored.replayed) return { submission: stored.submission, progress: stored.progress };
  // After the commit: an open classroom page hears of it within a second (lib/live.ts).
  void publishChange({ userId: user.id, slug: data.slug, kind: data.kind, at: stored.submission.createdAt.toISOString() });
  return { submission: stored.submission, progress: stored.progress };
}

/**
 * The submission stored under `id`, with the learner's progress as it is now, or null when there
 * is none. A row with that id that is not this learner's is a broken job: refused, never shown.
 */
async function storedAttempt(
  tx: Prisma.TransactionClient,
  userId: string,
  id: string,
  slug: string,
): Promise<{ submission: SubmissionSummary; progress: ExerciseProgress; replayed: true } | null> {
  const row = await tx.submission.findUnique({ where: { id }, select: { ...summarySelect, userId: true, exerciseId: true } });
  if (!row) return null;
  if (row.userId !== userId || row.exercise.slug !== slug) throw new ConflictError("That submission id belongs to another attempt.");
  const progress = await tx.progress.findUnique({ where: { userId_exerciseId: { userId, exerciseId: row.exerciseId } }, select: progressSelect });
  return { submission: toSummary(row), progress: toExerciseProgress(slug, progress ?? null), replayed: true };
}

/**
 * One stored submission as the grader's result (what its learner was shown): for a grading job
 * that is run again after its attempt was stored, so the answer is the stored one, not a new
 * grading. Null when there is none.
 */
export async function storedResult(userId: string, id: string): Promise<{ result: GradeResult; slug: string; kind: "run" | "submit" } | null> {
  const parsed = submissionIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const row = await prisma.submission.findFirst({ where: { id: parsed.data, userId }, select: detailSelect });
  if (!row) return null;
  const detail = toDetail(row);
  const result: GradeResult = {
    exercise: detail.slug,
    mode: detail.kind,
    status: detail.verdict,
    ...(detail.error ? { error: { kind: detail.error.kind, message: detail.error.message, ...(detail.error.line !== null ? { line: detail.error.line } : {}) } as GradeResult["error"] } : {}),
    tests: detail.tests,
    passed: detail.passed,
    total: detail.total,
    seed: detail.seed,
    console: detail.console,
    consoleTruncated: false,
    durationMs: detail.durationMs,
    timings: { compileMs: 0, isolateMs: 0, runMs: 0, compareMs: 0 },
  };
  return { result, slug: detail.slug, kind: detail.kind };
}

const idSchema = z.string().min(1).max(64);

/** One of the acting user's own submissions, with code and per-test results. Others' → 404. */
export async function getSubmission(user: Actor, id: string): Promise<SubmissionDetail> {
  assertSignedIn(user);
  const parsed = idSchema.safeParse(id);
  const row = parsed.success
    ? await prisma.submission.findFirst({ where: { id: parsed.data, userId: user.id }, select: detailSelect })
    : null;
  if (!row) throw new NotFoundError("No such submission.");
  return toDetail(row);
}

const listOptionsSchema = z.object({
  slug: slugSchema.optional(),
  kind: z.enum(["run", "submit"]).optional(),
  limit: z.number().int().min(1).max(SUBMISSION_LIST_MAX).default(100),
});

/** The acting user's own submissions, newest first (optionally for one exercise / kind). */
export async function listSubmissions(
  user: Actor,
  options: { slug?: string; kind?: "run" | "submit"; limit?: number } = {},
): Promise<SubmissionSummary[]> {
  assertSignedIn(user);
  const { slug, kind, limit } = parseInput(listOptionsSchema, options, "filter");
  const rows = await prisma.submission.findMany({
    where: { userId: user.id, ...(slug ? { exercise: { slug } } : {}), ...(kind ? { kind } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/** The acting user's own submissions of one exercise by its row id (a removed exercise has no usable slug), newest first. */
export async function listSubmissionsOfExercise(user: Actor, exerciseId: string): Promise<SubmissionSummary[]> {
  assertSignedIn(user);
  if (!idSchema.safeParse(exerciseId).success) return [];
  const rows = await prisma.submission.findMany({
    where: { userId: user.id, exerciseId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SUBMISSION_LIST_MAX,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/**
 * One page of the acting user's own submissions, newest first (page 1 is the newest), summaries
 * only: the history page shows no code. `page` may be anything a URL holds.
 */
export async function listSubmissionPage(user: Actor, page: unknown, pageSize = HISTORY_PAGE_SIZE): Promise<PageWindow & { submissions: SubmissionSummary[] }> {
  assertSignedIn(user);
  const total = await prisma.submission.count({ where: { userId: user.id } });
  const window = pageWindow(total, pageSize, page);
  const rows = await prisma.submission.findMany({
    where: { userId: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: window.skip,
    take: pageSize,
    select: summarySelect,
  });
  return { ...window, submissions: rows.map(toSummary) };
}
