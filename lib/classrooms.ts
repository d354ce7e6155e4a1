// Classrooms: instructors create them and see their own learners; learners join with a code.
// An instructor asking about a classroom or learner that is not theirs gets NotFound, exactly
// as if it did not exist, so ids are never confirmed.
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { TestResult } from "../grader/types";
import { assertInstructor, assertLearner, assertSignedIn, type Actor } from "./actor";
import { classroomAccess, staffedBy, type ClassroomRole } from "./classroom-access";
import { prisma } from "./db";
import { ConflictError, NotFoundError, parseInput, TooManyAttemptsError } from "./domain-errors";
import { addressKey } from "./http/client-address";
import { CLASSROOM_NAME_MAX_LENGTH, JOIN_CODE_INPUT_MAX_LENGTH, JOIN_CODE_MAX_LENGTH, JOIN_CODE_MIN_LENGTH, LEARNER_PAGE_SIZE } from "./limits";
import { pageWindow, type PageWindow } from "./pagination";
import { hasControlCharacters } from "./text";
import { backoffFor, describeWait, forgiveAttempt, JOIN_CODE_PER_ADDRESS, JOIN_CODE_PER_LEARNER, recordFailure, takeAttempt } from "./rate-limit";
import { progressSelect, toExerciseProgress, type ExerciseProgress } from "./progress";
import { detailSelect, parseStoredTests, slugSchema, toDetail, type SubmissionDetail } from "./submissions";

/** No 0/O, 1/I/L: codes are read aloud and copied from a projector. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

/** Canonical stored form: upper-case letters and digits only ("demo-rnn" → "DEMORNN"). */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** Display form, in groups of four ("DEMORNN" → "DEMO-RNN", "ABCDEFGH" → "ABCD-EFGH"). */
export function formatJoinCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? [code]).join("-");
}

export function generateJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

export interface ClassroomSummary {
  id: string;
  name: string;
  /** Display form, e.g. "ABCD-EFGH". */
  joinCode: string;
  createdAt: Date;
  learnerCount: number;
  /** The viewer's role here (lib/classroom-access.ts); "owner" for the one who made it. */
  myRole?: ClassroomRole;
  archivedAt?: Date | null;
}

export interface Membership {
  id: string;
  name: string;
  ownerName: string;
  joinedAt: Date;
}

export type MyClassrooms =
  | { role: "instructor"; owned: ClassroomSummary[]; archived: ClassroomSummary[] }
  | { role: "learner"; enrolled: Membership[] };

export interface ExerciseColumn {
  slug: string;
  title: string;
  order: number;
  /** False for an exercise whose folder was removed: kept as a column while learners have history on it. */
  active?: boolean;
}

export interface RosterLearner {
  id: string;
  name: string;
  email: string;
  joinedAt: Date;
  /** Every active exercise, keyed by slug ("not-started" where untouched). */
  progress: Record<string, ExerciseProgress>;
  solvedCount: number;
  lastActivityAt: Date | null;
}

export interface Roster {
  classroom: ClassroomSummary;
  exercises: ExerciseColumn[];
  learners: RosterLearner[];
}

export const classroomNameSchema = z
  .string({ error: "name must be a string" })
  .trim()
  .min(1, { message: "give the classroom a name" })
  .max(CLASSROOM_NAME_MAX_LENGTH, { message: `at most ${CLASSROOM_NAME_MAX_LENGTH} characters` })
  .refine((name) => !hasControlCharacters(name), { message: "no control characters" });

const idSchema = z.string().min(1).max(64);

function toSummary(row: { id: string; name: string; joinCode: string; createdAt: Date; _count: { enrollments: number } }): ClassroomSummary {
  return { id: row.id, name: row.name, joinCode: formatJoinCode(row.joinCode), createdAt: row.createdAt, learnerCount: row._count.enrollments };
}

// Removed learners (Enrollment.removedAt) are not counted.
const summarySelect = { id: true, name: true, joinCode: true, createdAt: true, _count: { select: { enrollments: { where: { removedAt: null } } } } } as const;

/** Creates a classroom owned by the acting instructor, with a fresh random join code. */
export async function createClassroom(instructor: Actor, name: string): Promise<ClassroomSummary> {
  assertInstructor(instructor);
  const cleanName = parseInput(classroomNameSchema, name, "classroom name");
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await prisma.classroom.create({
        data: { name: cleanName, ownerId: instructor.id, joinCode: generateJoinCode() },
        select: summarySelect,
      });
      return toSummary(row);
    } catch (e) {
      // 31^8 codes: a collision is rare; try another.
      if ((e as { code?: unknown })?.code !== "P2002" || attempt >= 5) throw e;
    }
  }
}

const joinCodeSchema = z
  .string({ error: "join code must be a string" })
  .max(JOIN_CODE_INPUT_MAX_LENGTH, { message: "that is too long for a join code" })
  .transform(normalizeJoinCode)
  .pipe(
    z
      .string()
      .min(JOIN_CODE_MIN_LENGTH, { message: `a join code has at least ${JOIN_CODE_MIN_LENGTH} letters or digits` })
      .max(JOIN_CODE_MAX_LENGTH, { message: "that is too long for a join code" }),
  );

/**
 * Wrong join codes make the next try wait (lib/rate-limit.ts), per learner and per client
 * address, so codes cannot be guessed. A right code costs nothing; it never resets the count,
 * or a learner could alternate guesses with a code they know.
 */
async function guardJoinAttempt(learnerId: string, clientAddress: string | null): Promise<{ learnerKey: string; addressKey: string }> {
  const keys = { learnerKey: `join-learner:${learnerId}`, addressKey: `join-address:${addressKey(clientAddress)}` };
  const tooMany = (wait: number) =>
    new TooManyAttemptsError(`Too many wrong join codes. Check the code with your instructor and try again in ${describeWait(wait)}.`, wait);
  const addressWait = await backoffFor(keys.addressKey, JOIN_CODE_PER_ADDRESS);
  if (addressWait > 0) throw tooMany(addressWait);
  const learnerWait = await takeAttempt(keys.learnerKey, JOIN_CODE_PER_LEARNER);
  if (learnerWait > 0) throw tooMany(learnerWait);
  return keys;
}

/**
 * Enrols the acting learner in the classroom with this join code; joining twice is harmless.
 * `clientAddress` (where the request came from) keys the limit on wrong codes.
 */
export async function joinClassroom(
  learner: Actor,
  code: string,
  options: { clientAddress?: string | null } = {},
): Promise<{ classroom: Membership; alreadyMember: boolean }> {
  assertLearner(learner);
  const joinCode = parseInput(joinCodeSchema, code, "join code");
  const attempt = await guardJoinAttempt(learner.id, options.clientAddress ?? null);
  const classroom = await prisma.classroom.findUnique({
    where: { joinCode },
    select: { id: true, name: true, joinCodeEnabled: true, archivedAt: true, owner: { select: { name: true } } },
  });
  if (!classroom) {
    await recordFailure(attempt.addressKey, JOIN_CODE_PER_ADDRESS);
    throw new NotFoundError(`No classroom has the join code ${formatJoinCode(joinCode)}. Check it with your instructor.`);
  }
  await forgiveAttempt(attempt.learnerKey);
  const key = { classroomId_userId: { classroomId: classroom.id, userId: learner.id } };
  const existing = await prisma.enrollment.findUnique({ where: key, select: { createdAt: true, removedAt: true } });
  // A removed learner stays out until the staff restore them; a closed classroom takes nobody new.
  if (existing?.removedAt) throw new ConflictError(`You were removed from ${classroom.name}. Ask your instructor if you should be back in it.`);
  if (!existing && (classroom.archivedAt || !classroom.joinCodeEnabled)) {
    throw new ConflictError(`${classroom.name} is not taking new learners${classroom.archivedAt ? ": it is archived" : " right now"}. Ask your instructor.`);
  }
  let joinedAt = existing?.createdAt;
  if (!joinedAt) {
    // upsert: two concurrent joins by the same learner still make one enrolment.
    const row = await prisma.enrollment.upsert({
      where: key,
      create: { classroomId: classroom.id, userId: learner.id },
      update: {},
      select: { createdAt: true },
    });
    joinedAt = row.createdAt;
  }
  return {
    classroom: { id: classroom.id, name: classroom.name, ownerName: classroom.owner.name, joinedAt },
    alreadyMember: Boolean(existing),
  };
}

/** Instructors: the classrooms they own. Learners: the classrooms they joined. */
export async function listMyClassrooms(user: Actor): Promise<MyClassrooms> {
  assertSignedIn(user);
  if (user.role === "instructor") {
    // Classrooms they own or are on the staff of; archived ones apart.
    const rows = await prisma.classroom.findMany({
      where: staffedBy(user.id),
      orderBy: { createdAt: "asc" },
      select: { ...summarySelect, ownerId: true, archivedAt: true, staff: { where: { userId: user.id }, select: { role: true } } },
    });
    const summaries = rows.map((r) => ({
      ...toSummary(r),
      myRole: (r.ownerId === user.id ? "owner" : r.staff[0]?.role === "co-instructor" ? "co-instructor" : "ta") as ClassroomRole,
      archivedAt: r.archivedAt,
    }));
    return { role: "instructor", owned: summaries.filter((c) => !c.archivedAt), archived: summaries.filter((c) => c.archivedAt) };
  }
  const rows = await prisma.enrollment.findMany({
    where: { userId: user.id, removedAt: null },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, classroom: { select: { id: true, name: true, owner: { select: { name: true } } } } },
  });
  return {
    role: "learner",
    enrolled: rows.map((r) => ({ id: r.classroom.id, name: r.classroom.name, ownerName: r.classroom.owner.name, joinedAt: r.createdAt })),
  };
}

/**
 * A classroom the acting instructor may see (owner, co-instructor or TA: lib/classroom-access.ts),
 * or NotFound (also for someone else's).
 */
export async function ownedClassroom(instructor: Actor, classroomId: string) {
  const { classroom } = await classroomAccess(instructor, classroomId);
  return prisma.classroom.findUniqueOrThrow({ where: { id: classroom.id }, select: summarySelect });
}

/**
 * Exercises in catalogue order: the columns of the progress matrix and the gradebook. Active
 * ones, plus, for a class (`learnerIds`), removed ones its learners have progress on: removing
 * a folder must not take back their scores, solved count or last activity.
 */
export async function exerciseColumns(learnerIds: readonly string[] = []): Promise<(ExerciseColumn & { id: string })[]> {
  const kept = learnerIds.length ? { active: false, progress: { some: { userId: { in: [...learnerIds] } } } } : null;
  return prisma.exercise.findMany({
    where: kept ? { OR: [{ active: true }, kept] } : { active: true },
    orderBy: [{ order: "asc" }, { slug: "asc" }],
    select: { id: true, slug: true, title: true, order: true, active: true },
  });
}

/** Learners of one of the acting instructor's classrooms, each with progress on every exercise. */
export async function classroomRoster(instructor: Actor, classroomId: string): Promise<Roster> {
  const classroom = await ownedClassroom(instructor, classroomId);
  const enrollments = await prisma.enrollment.findMany({
    where: { classroomId: classroom.id, removedAt: null },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const userIds = enrollments.map((e) => e.user.id);
  const exercises = await exerciseColumns(userIds);
  const rows = userIds.length
    ? await prisma.progress.findMany({
        where: { userId: { in: userIds }, exerciseId: { in: exercises.map((e) => e.id) } },
        select: { userId: true, exerciseId: true, ...progressSelect },
      })
    : [];
  const byKey = new Map(rows.map((r) => [`${r.userId}\0${r.exerciseId}`, r]));
  const learners = enrollments.map(({ user, createdAt }) => {
    const progress: Record<string, ExerciseProgress> = {};
    let solvedCount = 0;
    let lastActivityAt: Date | null = null;
    for (const ex of exercises) {
      const p = toExerciseProgress(ex.slug, byKey.get(`${user.id}\0${ex.id}`) ?? null);
      progress[ex.slug] = p;
      if (p.state === "solved") solvedCount++;
      if (p.lastActivityAt && (!lastActivityAt || p.lastActivityAt > lastActivityAt)) lastActivityAt = p.lastActivityAt;
    }
    return { ...user, joinedAt: createdAt, progress, solvedCount, lastActivityAt };
  });
  return {
    classroom: toSummary(classroom),
    exercises: exercises.map(({ slug, title, order, active }) => ({ slug, title, order, active })),
    learners,
  };
}

/**
 * Whether `learnerId` is enrolled in at least one classroom the instructor owns or staffs. A
 * removed learner's history stays reachable (from the classroom's settings page).
 */
async function teaches(instructorId: string, learnerId: string): Promise<boolean> {
  const hit = await prisma.enrollment.findFirst({
    where: { userId: learnerId, classroom: staffedBy(instructorId) },
    select: { id: true },
  });
  return hit !== null;
}

/** A submission shown on the instructor's learner page, with the code of the one before it (for the diff). */
export interface LearnerSubmission extends SubmissionDetail {
  /** The learner's previous submission of the same exercise: what the diff compares with. */
  previous: { id: string; kind: "run" | "submit"; createdAt: Date; code: string } | null;
}

export interface LearnerHistoryPage extends PageWindow {
  learner: { id: string; name: string; email: string };
  /** This page's submissions, oldest first; pages run from the oldest (1) to the newest. */
  submissions: LearnerSubmission[];
  /** How many submissions the learner has per exercise (for the filter), whatever the page. */
  perExercise: { slug: string; count: number }[];
}

/** Orders submissions by time, ties by id: "before" in this order. */
const timeOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/**
 * One page of a learner's submissions in time order, with code and per-test results and, for
 * each, the code of the previous submission of the same exercise. Only the page's rows and those
 * previous codes are read: never the whole history. Only for learners in one of the acting
 * instructor's classrooms; anyone else is NotFound. `page` may be anything a URL holds; by
 * default the newest page.
 */
export async function learnerSubmissionsForInstructor(
  instructor: Actor,
  learnerId: string,
  options: { slug?: string; page?: unknown; pageSize?: number } = {},
): Promise<LearnerHistoryPage> {
  assertInstructor(instructor);
  const parsed = idSchema.safeParse(learnerId);
  if (!parsed.success || !(await teaches(instructor.id, parsed.data))) throw new NotFoundError("No such learner.");
  const userId = parsed.data;
  const slug = options.slug === undefined ? undefined : parseInput(slugSchema, options.slug, "exercise");
  const where = { userId, ...(slug ? { exercise: { slug } } : {}) };
  const pageSize = options.pageSize ?? LEARNER_PAGE_SIZE;
  const [learner, total, counts] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true } }),
    prisma.submission.count({ where }),
    prisma.submission.groupBy({ by: ["exerciseId"], where: { userId }, _count: { _all: true } }),
  ]);
  const window = pageWindow(total, pageSize, options.page, "last");
  const rows = (await prisma.submission.findMany({ where, orderBy: timeOrder, skip: window.skip, take: pageSize, select: detailSelect })).map(toDetail);

  // The previous submission of each exercise: inside the page, or the last one before it.
  const first = rows[0];
  const before = first
    ? await Promise.all(
        [...new Set(rows.map((r) => r.slug))].map((s) =>
          prisma.submission.findFirst({
            where: { userId, exercise: { slug: s }, OR: [{ createdAt: { lt: first.createdAt } }, { createdAt: first.createdAt, id: { lt: first.id } }] },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            select: { id: true, kind: true, createdAt: true, code: true, exercise: { select: { slug: true } } },
          }),
        ),
      )
    : [];
  const latest = new Map<string, LearnerSubmission["previous"]>();
  for (const b of before) if (b) latest.set(b.exercise.slug, { id: b.id, kind: b.kind as "run" | "submit", createdAt: b.createdAt, code: b.code });
  const submissions = rows.map((row) => {
    const previous = latest.get(row.slug) ?? null;
    latest.set(row.slug, { id: row.id, kind: row.kind, createdAt: row.createdAt, code: row.code });
    return { ...row, previous };
  });

  const slugs = new Map(
    (await prisma.exercise.findMany({ where: { id: { in: counts.map((c) => c.exerciseId) } }, select: { id: true, slug: true, order: true } })).map((e) => [e.id, e]),
  );
  const perExercise = counts
    .flatMap((c) => {
      const ex = slugs.get(c.exerciseId);
      return ex ? [{ slug: ex.slug, count: c._count._all, order: ex.order }] : [];
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug))
    .map(({ slug, count }) => ({ slug, count }));
  return { ...window, learner, submissions, perExercise };
}

/** One submission of a learner the acting instructor teaches; anything else is NotFound. */
export async function submissionForInstructor(instructor: Actor, submissionId: string): Promise<SubmissionDetail> {
  assertInstructor(instructor);
  const parsed = idSchema.safeParse(submissionId);
  const row = parsed.success
    ? await prisma.submission.findFirst({
        where: { id: parsed.data, user: { enrollments: { some: { classroom: staffedBy(instructor.id) } } } },
        select: detailSelect,
      })
    : null;
  if (!row) throw new NotFoundError("No such submission.");
  return toDetail(row);
}

export interface ClassSubmissionRow {
  userId: string;
  slug: string;
  kind: "run" | "submit";
  verdict: "pass" | "fail" | "error";
  errorKind: string | null;
  passed: number;
  total: number;
  createdAt: Date;
  /** An instructor's score for this submit, 0..1 (lib/score-overrides.ts), or null. */
  scoreOverride: number | null;
  /**
   * Per-test outcome only (test id, name, kind, status, matched mistake id): enough for class
   * statistics. `id` is null in results stored before tests had ids.
   */
  tests: { id: string | null; name: string; kind: TestResult["kind"]; status: TestResult["status"]; hintId: string | null }[];
}

/**
 * Every submission by the learners of one of the acting instructor's classrooms, oldest first,
 * reduced to what per-exercise statistics need (failing tests, matched mistakes). No code.
 */
export async function classroomSubmissions(
  instructor: Actor,
  classroomId: string,
  options: { kind?: "run" | "submit" } = {},
): Promise<ClassSubmissionRow[]> {
  const classroom = await ownedClassroom(instructor, classroomId);
  const kind = options.kind === undefined ? undefined : parseInput(z.enum(["run", "submit"]), options.kind, "kind");
  const rows = await prisma.submission.findMany({
    where: { user: { enrollments: { some: { classroomId: classroom.id, removedAt: null } } }, ...(kind ? { kind } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      userId: true,
      kind: true,
      verdict: true,
      errorKind: true,
      passed: true,
      total: true,
      createdAt: true,
      scoreOverride: true,
      results: true,
      exercise: { select: { slug: true } },
    },
  });
  return rows.map((r) => {
    const tests = parseStoredTests(r.results);
    return {
      userId: r.userId,
      slug: r.exercise.slug,
      kind: r.kind as ClassSubmissionRow["kind"],
      verdict: r.verdict as ClassSubmissionRow["verdict"],
      errorKind: r.errorKind,
      passed: r.passed,
      total: r.total,
      createdAt: r.createdAt,
      scoreOverride: r.scoreOverride,
      tests: tests.map((t) => ({ id: t.id ?? null, name: t.name, kind: t.kind, status: t.status, hintId: t.hint?.id ?? null })),
    };
  });
}
