// Assignments: an instructor gives a classroom an ordered set of exercises with a release time,
// a due time, a late policy and per-learner extensions; learners see the released ones with what
// is due when and their score. Scores follow lib/scores.ts. As in lib/classrooms.ts, anything
// that is not the acting instructor's is NotFound.
import { z } from "zod";
import { assertLearner, type Actor } from "./actor";
import { ownedClassroom, type ExerciseColumn } from "./classrooms";
import { assertMayManage } from "./classroom-access";
import { prisma } from "./db";
import { NotFoundError, parseInput, ValidationError } from "./domain-errors";
import { ASSIGNMENT_MAX_EXERCISES, ASSIGNMENT_TITLE_MAX_LENGTH, LATE_CUTOFF_MAX_DAYS } from "./limits";
import { assignmentScore, dueFor, exerciseScore, isLate, type ExerciseScore, type LatePolicy, type ScoredSubmission, type TestKind } from "./scores";
import { parseStoredTests, slugSchema } from "./submissions";
import { hasControlCharacters } from "./text";

export interface AssignmentInfo {
  id: string;
  classroomId: string;
  title: string;
  releaseAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  /** In the order learners see them. */
  exercises: ExerciseColumn[];
}

export interface ExtensionInfo {
  learnerId: string;
  name: string;
  email: string;
  dueAt: Date;
}

export interface InstructorAssignment extends AssignmentInfo {
  released: boolean;
  extensions: ExtensionInfo[];
}

const dateSchema = z
  .string({ error: "give a date and time" })
  .max(40, { message: "not a date and time" })
  .pipe(z.iso.datetime({ offset: true, message: "use an ISO date and time such as 2026-12-01T17:00:00Z" }))
  .transform((s) => new Date(s));

export const latePolicySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("none") }),
    z.object({
      kind: z.literal("penalty"),
      percentPerDay: z.number({ error: "percentPerDay must be a number" }).int({ message: "a whole percentage" }).min(1).max(100),
      cutoffDays: z.number({ error: "cutoffDays must be a number" }).int({ message: "a whole number of days" }).min(1).max(LATE_CUTOFF_MAX_DAYS),
    }),
  ],
  { error: 'latePolicy is {"kind": "none"} or {"kind": "penalty", "percentPerDay": 10, "cutoffDays": 3}' },
);

export const assignmentInputSchema = z
  .object({
    title: z
      .string({ error: "title must be a string" })
      .trim()
      .min(1, { message: "give the assignment a title" })
      .max(ASSIGNMENT_TITLE_MAX_LENGTH, { message: `at most ${ASSIGNMENT_TITLE_MAX_LENGTH} characters` })
      .refine((t) => !hasControlCharacters(t), { message: "no control characters" }),
    exercises: z
      .array(slugSchema, { error: "exercises is a list of exercise slugs" })
      .min(1, { message: "pick at least one exercise" })
      .max(ASSIGNMENT_MAX_EXERCISES, { message: `at most ${ASSIGNMENT_MAX_EXERCISES} exercises` })
      .refine((list) => new Set(list).size === list.length, { message: "an exercise is listed twice" }),
    releaseAt: dateSchema,
    dueAt: dateSchema,
    latePolicy: latePolicySchema,
  })
  // zod still runs this when a field failed; only compare two real dates.
  .refine((a) => !(a.dueAt instanceof Date && a.releaseAt instanceof Date) || a.dueAt.getTime() > a.releaseAt.getTime(), {
    message: "the due time must be after the release time",
    path: ["dueAt"],
  });

export type AssignmentInput = z.input<typeof assignmentInputSchema>;

const idSchema = z.string().min(1).max(64);

export const extensionInputSchema = z.object({
  learnerId: idSchema,
  /** null removes the extension. */
  dueAt: dateSchema.nullable(),
});

function policyOf(row: { latePenaltyPerDay: number | null; lateCutoffDays: number | null }): LatePolicy {
  return row.latePenaltyPerDay !== null && row.lateCutoffDays !== null
    ? { kind: "penalty", percentPerDay: row.latePenaltyPerDay, cutoffDays: row.lateCutoffDays }
    : { kind: "none" };
}

const assignmentSelect = {
  id: true,
  classroomId: true,
  title: true,
  releaseAt: true,
  dueAt: true,
  latePenaltyPerDay: true,
  lateCutoffDays: true,
  exercises: { orderBy: { position: "asc" }, select: { exercise: { select: { slug: true, title: true, order: true } } } },
} as const;

type AssignmentRow = {
  id: string;
  classroomId: string;
  title: string;
  releaseAt: Date;
  dueAt: Date;
  latePenaltyPerDay: number | null;
  lateCutoffDays: number | null;
  exercises: { exercise: ExerciseColumn }[];
};

function toInfo(row: AssignmentRow): AssignmentInfo {
  return {
    id: row.id,
    classroomId: row.classroomId,
    title: row.title,
    releaseAt: row.releaseAt,
    dueAt: row.dueAt,
    latePolicy: policyOf(row),
    exercises: row.exercises.map((e) => e.exercise),
  };
}

/**
 * The exercise ids of an assignment's slugs, in order. Only active exercises can be added; one the
 * assignment already has (`keep`) stays allowed after its folder was removed, so editing the
 * title of an old assignment never fails on it.
 */
async function exerciseIdsFor(slugs: string[], keep: ReadonlySet<string> = new Set()): Promise<string[]> {
  const found = await prisma.exercise.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, active: true } });
  const idBySlug = new Map(found.filter((e) => e.active || keep.has(e.id)).map((e) => [e.slug, e.id]));
  const missing = slugs.filter((s) => !idBySlug.has(s));
  if (missing.length) throw new ValidationError(`Invalid assignment: exercises: no exercise "${missing[0]}"`, [{ path: "exercises", message: `no exercise "${missing[0]}"` }]);
  return slugs.map((slug) => idBySlug.get(slug)!);
}

/** The assignment's own columns as stored. */
function assignmentColumns(data: z.output<typeof assignmentInputSchema>) {
  return {
    title: data.title,
    releaseAt: data.releaseAt,
    dueAt: data.dueAt,
    latePenaltyPerDay: data.latePolicy.kind === "penalty" ? data.latePolicy.percentPerDay : null,
    lateCutoffDays: data.latePolicy.kind === "penalty" ? data.latePolicy.cutoffDays : null,
  };
}

/** Creates an assignment in one of the acting instructor's classrooms. */
export async function createAssignment(instructor: Actor, classroomId: string, input: unknown): Promise<AssignmentInfo> {
  // Owner and co-instructors only; a TA gets 403, an archived classroom 409 (lib/classroom-access.ts).
  const { classroom } = await assertMayManage(instructor, classroomId);
  const data = parseInput(assignmentInputSchema, input, "assignment");
  const exerciseIds = await exerciseIdsFor(data.exercises);
  const row = await prisma.assignment.create({
    data: {
      classroomId: classroom.id,
      ...assignmentColumns(data),
      exercises: { create: exerciseIds.map((exerciseId, position) => ({ exerciseId, position })) },
    },
    select: assignmentSelect,
  });
  return toInfo(row);
}

/** One assignment of a classroom the actor may manage; anything else is NotFound. */
async function managedAssignment(instructor: Actor, classroomId: string, assignmentId: string) {
  const { classroom } = await assertMayManage(instructor, classroomId);
  const parsedId = idSchema.safeParse(assignmentId);
  const assignment = parsedId.success
    ? await prisma.assignment.findFirst({
        where: { id: parsedId.data, classroomId: classroom.id },
        select: { id: true, exercises: { select: { exerciseId: true } } },
      })
    : null;
  if (!assignment) throw new NotFoundError("No such assignment.");
  return { classroom, assignment };
}

/**
 * Replaces an assignment's title, exercises, times and late policy (the same body as creating
 * one). Extensions stay. Scores follow at once: they are computed from submissions on read.
 */
export async function updateAssignment(instructor: Actor, classroomId: string, assignmentId: string, input: unknown): Promise<AssignmentInfo> {
  const { assignment } = await managedAssignment(instructor, classroomId, assignmentId);
  const data = parseInput(assignmentInputSchema, input, "assignment");
  const exerciseIds = await exerciseIdsFor(data.exercises, new Set(assignment.exercises.map((e) => e.exerciseId)));
  const [, , , row] = await prisma.$transaction([
    prisma.assignmentExercise.deleteMany({ where: { assignmentId: assignment.id } }),
    prisma.assignment.update({ where: { id: assignment.id }, data: assignmentColumns(data) }),
    prisma.assignmentExercise.createMany({ data: exerciseIds.map((exerciseId, position) => ({ assignmentId: assignment.id, exerciseId, position })) }),
    prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id }, select: assignmentSelect }),
  ]);
  return toInfo(row);
}

/**
 * Deletes an assignment with its extensions. Learners' submissions and progress are theirs and
 * stay; only the assignment's column leaves the gradebook.
 */
export async function deleteAssignment(instructor: Actor, classroomId: string, assignmentId: string): Promise<void> {
  const { assignment } = await managedAssignment(instructor, classroomId, assignmentId);
  await prisma.assignment.delete({ where: { id: assignment.id } });
}

/** The assignments of one of the acting instructor's classrooms, by due time, with extensions. */
export async function classroomAssignments(instructor: Actor, classroomId: string, now = new Date()): Promise<InstructorAssignment[]> {
  const classroom = await ownedClassroom(instructor, classroomId);
  const rows = await prisma.assignment.findMany({
    where: { classroomId: classroom.id },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    select: {
      ...assignmentSelect,
      extensions: { orderBy: { dueAt: "asc" }, select: { dueAt: true, user: { select: { id: true, name: true, email: true } } } },
    },
  });
  return rows.map((r) => ({
    ...toInfo(r),
    released: r.releaseAt.getTime() <= now.getTime(),
    extensions: r.extensions.map((e) => ({ learnerId: e.user.id, name: e.user.name, email: e.user.email, dueAt: e.dueAt })),
  }));
}

/**
 * Gives one learner of the classroom a different due time on one assignment (dueAt null removes
 * it). The learner must be enrolled; the assignment must be in the classroom.
 */
export async function setExtension(instructor: Actor, classroomId: string, assignmentId: string, input: unknown): Promise<ExtensionInfo | null> {
  const { classroom, assignment } = await managedAssignment(instructor, classroomId, assignmentId);
  const data = parseInput(extensionInputSchema, input, "extension");
  const enrolment = await prisma.enrollment.findUnique({
    where: { classroomId_userId: { classroomId: classroom.id, userId: data.learnerId } },
    select: { removedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!enrolment || enrolment.removedAt) throw new ValidationError("Invalid extension: learnerId: no such learner in this classroom", [{ path: "learnerId", message: "no such learner in this classroom" }]);
  const key = { assignmentId_userId: { assignmentId: assignment.id, userId: data.learnerId } };
  if (data.dueAt === null) {
    await prisma.assignmentExtension.deleteMany({ where: { assignmentId: assignment.id, userId: data.learnerId } });
    return null;
  }
  await prisma.assignmentExtension.upsert({
    where: key,
    create: { assignmentId: assignment.id, userId: data.learnerId, dueAt: data.dueAt },
    update: { dueAt: data.dueAt },
  });
  const u = enrolment.user;
  return { learnerId: u.id, name: u.name, email: u.email, dueAt: data.dueAt };
}

/** A submit reduced to what scoring needs. */
export interface ScoringSubmit extends ScoredSubmission {
  userId: string;
  slug: string;
}

export interface ExerciseResult extends ExerciseScore {
  slug: string;
}

export interface LearnerAssignmentResult {
  /** The learner's due time (their extension, if any). */
  dueAt: Date;
  extended: boolean;
  exercises: ExerciseResult[];
  /** 0..1 */
  score: number;
}

/** Scores of one learner on one assignment (pure; `submits` are that learner's, any exercise). */
export function scoreAssignmentFor(
  assignment: Pick<AssignmentInfo, "dueAt" | "latePolicy" | "exercises">,
  extensionDueAt: Date | null,
  submits: readonly ScoringSubmit[],
): LearnerAssignmentResult {
  const dueAt = dueFor(assignment.dueAt, extensionDueAt);
  const exercises = assignment.exercises.map((e) => ({
    slug: e.slug,
    ...exerciseScore(
      submits.filter((s) => s.slug === e.slug),
      dueAt,
      assignment.latePolicy,
    ),
  }));
  return { dueAt, extended: extensionDueAt !== null, exercises, score: assignmentScore(exercises.map((e) => e.score)) };
}

export interface LearnerAssignment extends LearnerAssignmentResult {
  id: string;
  title: string;
  releaseAt: Date;
  latePolicy: LatePolicy;
  exerciseColumns: ExerciseColumn[];
  /** The learner's due time has passed. */
  overdue: boolean;
}

export interface LearnerClassroomAssignments {
  classroomId: string;
  classroomName: string;
  assignments: LearnerAssignment[];
}

function toScoringTests(results: string): { kind: TestKind; status: string }[] {
  return parseStoredTests(results).map((t) => ({ kind: t.kind, status: t.status }));
}

/** The acting learner's released assignments in every classroom they joined, with their scores. */
export async function learnerAssignments(learner: Actor, now = new Date()): Promise<LearnerClassroomAssignments[]> {
  assertLearner(learner);
  const enrolments = await prisma.enrollment.findMany({
    where: { userId: learner.id, removedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      classroom: {
        select: {
          id: true,
          name: true,
          assignments: {
            where: { releaseAt: { lte: now } },
            orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
            select: { ...assignmentSelect, extensions: { where: { userId: learner.id }, select: { dueAt: true } } },
          },
        },
      },
    },
  });
  const slugs = new Set(enrolments.flatMap((e) => e.classroom.assignments.flatMap((a) => a.exercises.map((x) => x.exercise.slug))));
  const rows = slugs.size
    ? await prisma.submission.findMany({
        where: { userId: learner.id, kind: "submit", exercise: { slug: { in: [...slugs] } } },
        select: { verdict: true, createdAt: true, results: true, scoreOverride: true, exercise: { select: { slug: true } } },
      })
    : [];
  const submits: ScoringSubmit[] = rows.map((r) => ({
    userId: learner.id,
    slug: r.exercise.slug,
    verdict: r.verdict as ScoredSubmission["verdict"],
    createdAt: r.createdAt,
    tests: toScoringTests(r.results),
    scoreOverride: r.scoreOverride,
  }));
  return enrolments.map(({ classroom }) => ({
    classroomId: classroom.id,
    classroomName: classroom.name,
    assignments: classroom.assignments.map((a) => {
      const info = toInfo(a);
      const result = scoreAssignmentFor(info, a.extensions[0]?.dueAt ?? null, submits);
      return {
        id: info.id,
        title: info.title,
        releaseAt: info.releaseAt,
        latePolicy: info.latePolicy,
        exerciseColumns: info.exercises,
        ...result,
        overdue: isLate(now, result.dueAt),
      };
    }),
  }));
}

/** "none" → "No late submits"; penalty → "−10% per day late, up to 3 days". */
export function describeLatePolicy(policy: LatePolicy): string {
  if (policy.kind === "none") return "Late submits earn nothing";
  return `−${policy.percentPerDay}% per day late, up to ${policy.cutoffDays} ${policy.cutoffDays === 1 ? "day" : "days"}`;
}


/** The learners of one of the acting instructor's classrooms, by name: whom an extension can be for. */
export async function classroomLearners(instructor: Actor, classroomId: string): Promise<{ id: string; name: string; email: string }[]> {
  const classroom = await ownedClassroom(instructor, classroomId);
  const rows = await prisma.enrollment.findMany({ where: { classroomId: classroom.id, removedAt: null }, select: { user: { select: { id: true, name: true, email: true } } } });
  return rows.map((r) => r.user).sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.email.localeCompare(b.email));
}
