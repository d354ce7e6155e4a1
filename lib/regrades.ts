// Regrades: after an exercise changes, an instructor (owner or co-instructor) sees whose status
// would change under the current version and can apply it.
//   1. startRegrade: every submit of the classroom's learners on that exercise that was graded on
//      an older version is graded again on the current one, in the background, one job at a time
//      at low priority (lib/grading.ts gradeCode: a learner's Submit waits for at most the one
//      regrade job running), with the submit's own seed so random cases are the same. Each
//      result is stored as a RegradeResult; nothing a learner sees changes (the dry run).
//   2. regradeView: progress, and the learners whose status (solved / not) or best score would
//      change, computed from all their submits with the regraded results in place.
//   3. applyRegrade: writes the regraded results (and the current version) onto the submissions,
//      keeping each original result in its RegradeResult, and recomputes progress; scores and
//      the gradebook follow. Refused if the exercise changed again since grading.
// Grading runs in this process's background. A regrade still "grading" that no loop in this
// process runs (the server restarted) is marked failed when next read, so it can be started again.
import { z } from "zod";
import type { GradeResult } from "../grader/types";
import { GradeJobError } from "../grader/pool";
import type { Actor } from "./actor";
import { assertMayManage, classroomAccess } from "./classroom-access";
import { prisma } from "./db";
import { ConflictError, NotFoundError, parseInput } from "./domain-errors";
import { getExercise } from "./exercise-catalogue";
import { resolveExerciseVersion } from "./exercise-sync";
import { servedHash } from "./exercise-versions";
import { gradeCode, redactHidden } from "./grading";
import { publishChange } from "./live";
import { recomputeScores, scoreFieldsOf, type StoredSubmit } from "./progress";
import { slugSchema, withoutHiddenValues } from "./submissions";

export type RegradeStatus = "grading" | "graded" | "applied" | "failed";

export interface RegradeChange {
  learnerId: string;
  name: string;
  before: { solved: boolean; bestScore: number };
  after: { solved: boolean; bestScore: number };
}

export interface RegradeView {
  id: string;
  slug: string;
  status: RegradeStatus;
  total: number;
  done: number;
  error: string | null;
  createdAt: Date;
  /** Submits whose verdict or score differs under the current version. */
  changedSubmits: number;
  /** Learners whose status or best score would change (changed, once applied). */
  changes: RegradeChange[];
}

const idSchema = z.string().min(1).max(64);
export const startRegradeSchema = z.object({ exercise: slugSchema });

/** Regrades whose grading loop runs in this process (kept on globalThis across dev reloads). */
const inProcess = ((globalThis as typeof globalThis & { __regradesRunning?: Set<string> }).__regradesRunning ??= new Set<string>());

const INTERRUPTED = "The regrade was interrupted (the server restarted). Start it again.";

/** A "grading" row nobody grades any more is marked failed; returns the status it has now. */
async function settleInterrupted(row: { id: string; status: string }): Promise<string> {
  if (row.status !== "grading" || inProcess.has(row.id)) return row.status;
  await prisma.regrade.updateMany({ where: { id: row.id, status: "grading" }, data: { status: "failed", error: INTERRUPTED } });
  return "failed";
}

/** Pause before asking the grader again when its line is full. */
const BUSY_RETRY_MS = 1000;

function learnersOf(classroomId: string) {
  return { user: { enrollments: { some: { classroomId, removedAt: null } } } };
}

/** Starts grading, in the background, the classroom's submits of `exercise` made on an older version. */
export async function startRegrade(actor: Actor, classroomId: string, input: unknown): Promise<RegradeView> {
  const { classroom } = await assertMayManage(actor, classroomId);
  const { exercise: slug } = parseInput(startRegradeSchema, input, "regrade");
  const ex = getExercise(slug);
  if (!ex) throw new NotFoundError(`There is no exercise called "${slug}".`);
  const { exerciseId, versionId } = await resolveExerciseVersion(slug, ex.hash);
  const running = await prisma.regrade.findFirst({ where: { classroomId: classroom.id, exerciseId, status: "grading" }, select: { id: true, status: true } });
  if (running && (await settleInterrupted(running)) === "grading") {
    throw new ConflictError("A regrade of this exercise is already running for this classroom: wait for it to finish.");
  }
  const submits = await prisma.submission.findMany({
    where: { exerciseId, kind: "submit", versionId: { not: versionId }, ...learnersOf(classroom.id) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, code: true, seed: true },
  });
  const regrade = await prisma.regrade.create({
    data: {
      classroomId: classroom.id,
      exerciseId,
      versionId,
      createdById: actor.id,
      status: submits.length ? "grading" : "graded",
      total: submits.length,
      ...(submits.length ? {} : { gradedAt: new Date() }),
    },
    select: { id: true },
  });
  if (submits.length) {
    inProcess.add(regrade.id);
    void runRegrade(regrade.id, slug, submits).finally(() => inProcess.delete(regrade.id));
  }
  return regradeView(actor, classroomId, regrade.id);
}

async function gradeWhenFree(regradeId: string, slug: string, code: string, seed: number): Promise<GradeResult> {
  for (;;) {
    try {
      return await gradeCode({ slug, code, mode: "submit", seed }, { learner: `regrade:${regradeId}`, priority: "low" });
    } catch (e) {
      // The line is full of learners' jobs: they come first.
      if (e instanceof GradeJobError && (e.code === "queue-full" || e.code === "learner-busy")) {
        await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
        continue;
      }
      throw e;
    }
  }
}

/** Grades each submit in turn and records the results; the row's `done` is the progress. */
async function runRegrade(regradeId: string, slug: string, submits: { id: string; code: string; seed: bigint }[]): Promise<void> {
  try {
    for (const s of submits) {
      const result = redactHidden(await gradeWhenFree(regradeId, slug, s.code, Number(s.seed)));
      await prisma.$transaction([
        prisma.regradeResult.create({
          data: {
            regradeId,
            submissionId: s.id,
            verdict: result.status,
            passed: result.passed,
            total: result.total,
            errorKind: result.error?.kind ?? null,
            errorMessage: result.error?.message ?? null,
            errorLine: result.error?.line ?? null,
            results: JSON.stringify(result.tests.map(withoutHiddenValues)),
            seed: BigInt(result.seed),
          },
          select: { id: true },
        }),
        prisma.regrade.update({ where: { id: regradeId }, data: { done: { increment: 1 } }, select: { id: true } }),
      ]);
    }
    await prisma.regrade.update({ where: { id: regradeId }, data: { status: "graded", gradedAt: new Date() }, select: { id: true } });
  } catch (e) {
    console.error(`regrade ${regradeId} failed:`, e);
    await prisma.regrade
      .update({ where: { id: regradeId }, data: { status: "failed", error: "The grader could not grade this exercise. Check the exercise, then start the regrade again." }, select: { id: true } })
      .catch(() => undefined);
  }
}

type ResultRow = { submissionId: string; verdict: string; passed: number; total: number };

/** Whose status or best score the regraded results change, from all their submits of the exercise. */
async function changesOf(exerciseId: string, results: ResultRow[], applied: boolean): Promise<{ changedSubmits: number; changes: RegradeChange[] }> {
  const bySubmission = new Map(results.map((r) => [r.submissionId, r]));
  const submitIds = results.map((r) => r.submissionId);
  const owners = await prisma.submission.findMany({ where: { id: { in: submitIds } }, select: { userId: true } });
  const userIds = [...new Set(owners.map((o) => o.userId))];
  const submits = await prisma.submission.findMany({
    where: { exerciseId, kind: "submit", userId: { in: userIds } },
    select: { id: true, userId: true, verdict: true, passed: true, total: true, scoreOverride: true, createdAt: true, user: { select: { name: true } } },
  });
  let changedSubmits = 0;
  const perUser = new Map<string, { name: string; original: StoredSubmit[]; regraded: StoredSubmit[] }>();
  for (const s of submits) {
    let u = perUser.get(s.userId);
    if (!u) perUser.set(s.userId, (u = { name: s.user.name, original: [], regraded: [] }));
    const r = bySubmission.get(s.id);
    const now = { verdict: s.verdict, passed: s.passed, total: s.total, scoreOverride: s.scoreOverride, createdAt: s.createdAt };
    if (r && !applied && (r.verdict !== s.verdict || r.passed !== s.passed || r.total !== s.total)) changedSubmits++;
    // Before applying, the stored rows are the original; after, they are the regraded ones.
    u.original.push(now);
    u.regraded.push(r ? { ...now, verdict: r.verdict, passed: r.passed, total: r.total } : now);
  }
  const changes: RegradeChange[] = [];
  for (const [learnerId, u] of perUser) {
    const a = scoreFieldsOf(u.original);
    const b = scoreFieldsOf(u.regraded);
    const before = { solved: a.solvedAt !== null, bestScore: a.bestScore };
    const after = { solved: b.solvedAt !== null, bestScore: b.bestScore };
    if (before.solved !== after.solved || before.bestScore !== after.bestScore) changes.push({ learnerId, name: u.name, before, after });
  }
  changes.sort((x, y) => x.name.localeCompare(y.name));
  return { changedSubmits, changes };
}

async function findRegrade(classroomId: string, regradeId: string) {
  const parsed = idSchema.safeParse(regradeId);
  const row = parsed.success
    ? await prisma.regrade.findFirst({
        where: { id: parsed.data, classroomId },
        select: { id: true, exerciseId: true, versionId: true, status: true, total: true, done: true, error: true, createdAt: true, exercise: { select: { slug: true } } },
      })
    : null;
  if (!row) throw new NotFoundError("No such regrade.");
  return row;
}

/** A regrade's progress and the changes it finds (or made), for the classroom's staff (TAs included). */
export async function regradeView(actor: Actor, classroomId: string, regradeId: string): Promise<RegradeView> {
  const { classroom } = await classroomAccess(actor, classroomId);
  let row = await findRegrade(classroom.id, regradeId);
  if ((await settleInterrupted(row)) !== row.status) row = await findRegrade(classroom.id, regradeId);
  const results = await prisma.regradeResult.findMany({ where: { regradeId: row.id }, select: { submissionId: true, verdict: true, passed: true, total: true, original: true } });
  const applied = row.status === "applied";
  // Once applied, "before" is each submission's original result, kept in its RegradeResult.
  const { changedSubmits, changes } = applied ? await appliedChanges(row.exerciseId, results) : await changesOf(row.exerciseId, results, false);
  return {
    id: row.id,
    slug: row.exercise.slug,
    status: row.status as RegradeStatus,
    total: row.total,
    done: row.done,
    error: row.error,
    createdAt: row.createdAt,
    changedSubmits,
    changes,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const originalSchema = z.object({ verdict: z.string(), passed: z.number().int(), total: z.number().int() });

async function appliedChanges(exerciseId: string, results: (ResultRow & { original: string | null })[]) {
  // Recompute "before" from the originals: pretend the originals are the regrade of the current rows.
  const originals: ResultRow[] = [];
  let changedSubmits = 0;
  for (const r of results) {
    const parsed = r.original ? originalSchema.safeParse(parseJson(r.original)) : null;
    if (!parsed?.success) continue;
    originals.push({ submissionId: r.submissionId, ...parsed.data });
    if (parsed.data.verdict !== r.verdict || parsed.data.passed !== r.passed || parsed.data.total !== r.total) changedSubmits++;
  }
  const { changes } = await changesOf(exerciseId, originals, true);
  // changesOf compared current (regraded) → originals: swap to read as before → after.
  return { changedSubmits, changes: changes.map((c) => ({ ...c, before: c.after, after: c.before })) };
}

/** Writes a graded (dry-run) regrade onto the submissions and recomputes the learners' progress. */
export async function applyRegrade(actor: Actor, classroomId: string, regradeId: string): Promise<RegradeView> {
  const { classroom } = await assertMayManage(actor, classroomId);
  const row = await findRegrade(classroom.id, regradeId);
  if (row.status !== "graded") {
    throw new ConflictError(row.status === "applied" ? "This regrade was already applied." : "This regrade has not finished grading.");
  }
  const ex = getExercise(row.exercise.slug);
  const current = ex ? await resolveExerciseVersion(row.exercise.slug, ex.hash) : null;
  if (!current || current.versionId !== row.versionId) {
    throw new ConflictError("The exercise has changed again since this regrade was graded: start a new regrade.");
  }
  const results = await prisma.regradeResult.findMany({ where: { regradeId: row.id }, select: { id: true, submissionId: true, verdict: true, passed: true, total: true, errorKind: true, errorMessage: true, errorLine: true, results: true, seed: true } });
  const learners = new Set<string>();
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.regrade.updateMany({ where: { id: row.id, status: "graded" }, data: { status: "applied", appliedAt: new Date() } });
    if (claimed.count !== 1) throw new ConflictError("This regrade was already applied.");
    for (const r of results) {
      const s = await tx.submission.findUnique({
        where: { id: r.submissionId },
        select: { userId: true, versionId: true, verdict: true, passed: true, total: true, errorKind: true, errorMessage: true, errorLine: true, results: true, seed: true },
      });
      if (!s) continue;
      learners.add(s.userId);
      const original = JSON.stringify({ ...s, userId: undefined, seed: String(s.seed) });
      await tx.regradeResult.update({ where: { id: r.id }, data: { original }, select: { id: true } });
      await tx.submission.update({
        where: { id: r.submissionId },
        data: { versionId: row.versionId, verdict: r.verdict, passed: r.passed, total: r.total, errorKind: r.errorKind, errorMessage: r.errorMessage, errorLine: r.errorLine, results: r.results, seed: r.seed },
        select: { id: true },
      });
    }
    for (const userId of learners) await recomputeScores(tx, userId, row.exerciseId);
  });
  const at = new Date().toISOString();
  for (const userId of learners) void publishChange({ userId, slug: row.exercise.slug, kind: "submit", at });
  return regradeView(actor, classroomId, regradeId);
}

export interface RegradeOverviewRow {
  slug: string;
  title: string;
  order: number;
  /** Submits of the class graded on an older version than the current one. */
  olderSubmits: number;
  latest: { id: string; status: RegradeStatus; createdAt: Date } | null;
}

/** Per exercise served: how many of the class's submits were graded on an older version, and its latest regrade. */
export async function regradeOverview(actor: Actor, classroomId: string): Promise<RegradeOverviewRow[]> {
  const { classroom } = await classroomAccess(actor, classroomId);
  const rows = await prisma.exercise.findMany({
    where: { active: true },
    orderBy: [{ order: "asc" }, { slug: "asc" }],
    select: { id: true, slug: true, title: true, order: true, currentHash: true, regrades: { where: { classroomId: classroom.id }, orderBy: { createdAt: "desc" }, take: 1, select: { id: true, status: true, createdAt: true } } },
  });
  const out: RegradeOverviewRow[] = [];
  for (const e of rows) {
    const olderSubmits = await prisma.submission.count({ where: { exerciseId: e.id, kind: "submit", version: { hash: { not: servedHash(e) } }, ...learnersOf(classroom.id) } });
    const latest = e.regrades[0];
    out.push({ slug: e.slug, title: e.title, order: e.order, olderSubmits, latest: latest ? { id: latest.id, status: latest.status as RegradeStatus, createdAt: latest.createdAt } : null });
  }
  return out;
}
