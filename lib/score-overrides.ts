// Score overrides: the owner or a co-instructor of a classroom the learner is in replaces a
// submit's score with their own, giving a reason the learner reads on the submission's page.
// Every set and clear is logged (ScoreOverride: who, when, what, why); the score in force is kept
// on the Submission row, where every score rule reads it (lib/scores.ts, lib/progress.ts).
// Teaching assistants see overrides but cannot set them (403); staff of no classroom of the
// learner, or anyone else, get NotFound as for comments (lib/feedback.ts).
import { z } from "zod";
import { assertInstructor, assertSignedIn, type Actor } from "./actor";
import { staffedBy } from "./classroom-access";
import { prisma } from "./db";
import { ForbiddenError, NotFoundError, ValidationError, parseInput } from "./domain-errors";
import { publishChange } from "./live";
import { OVERRIDE_REASON_MAX_LENGTH } from "./limits";
import { recomputeScores } from "./progress";
import { hasControlCharacters, isWellFormed } from "./text";

export interface ScoreOverrideView {
  /** 0..1 */
  score: number;
  reason: string;
  by: { name: string };
  at: Date;
}

export interface ScoreOverrideLogEntry {
  /** null: the override was cleared. */
  score: number | null;
  reason: string | null;
  by: { name: string };
  at: Date;
}

const idSchema = z.string().min(1).max(64);

export const overrideReasonSchema = z
  .string({ error: "reason must be a string" })
  .trim()
  .min(1, { message: "say why (the learner reads it)" })
  .max(OVERRIDE_REASON_MAX_LENGTH, { message: `at most ${OVERRIDE_REASON_MAX_LENGTH} characters` })
  .refine(isWellFormed, { message: "holds a broken character (a lone UTF-16 surrogate)" })
  .refine((b) => !hasControlCharacters(b.replace(/[\n\t]/g, " ")), { message: "no control characters" });

/** Body of PUT /api/instructor/submissions/<id>/override: a percentage, as the pages show scores. */
export const overrideInputSchema = z.object({
  percent: z.number({ error: "percent must be a number from 0 to 100" }).min(0, { message: "at least 0" }).max(100, { message: "at most 100" }),
  reason: overrideReasonSchema,
});

/** Classrooms the actor may change: owner or co-instructor, not archived. */
function managedBy(actorId: string) {
  return { archivedAt: null, OR: [{ ownerId: actorId }, { staff: { some: { userId: actorId, role: "co-instructor" } } }] };
}

function learnerIn(classroom: object) {
  return { user: { enrollments: { some: { removedAt: null, classroom } } } };
}

/** The submission, if the actor may override it; 404 when they cannot see it, 403 when they only see it. */
async function submissionToOverride(actor: Actor, submissionId: string): Promise<{ id: string; userId: string; exerciseId: string; slug: string }> {
  assertInstructor(actor);
  const parsed = idSchema.safeParse(submissionId);
  if (!parsed.success) throw new NotFoundError("No such submission.");
  const select = { id: true, userId: true, exerciseId: true, kind: true, exercise: { select: { slug: true } } } as const;
  const row = await prisma.submission.findFirst({ where: { id: parsed.data, ...learnerIn(managedBy(actor.id)) }, select });
  if (!row) {
    const seen = await prisma.submission.findFirst({ where: { id: parsed.data, ...learnerIn(staffedBy(actor.id)) }, select: { id: true } });
    if (!seen) throw new NotFoundError("No such submission.");
    throw new ForbiddenError("Only the classroom's instructors can override a score (teaching assistants can comment), and not in an archived classroom.");
  }
  if (row.kind !== "submit") throw new ValidationError("Only submits have a score: a run cannot be overridden.");
  return { id: row.id, userId: row.userId, exerciseId: row.exerciseId, slug: row.exercise.slug };
}

async function write(actor: Actor, submissionId: string, score: number | null, reason: string | null): Promise<void> {
  const s = await submissionToOverride(actor, submissionId);
  await prisma.$transaction(async (tx) => {
    await tx.submission.update({ where: { id: s.id }, data: { scoreOverride: score, overrideReason: reason }, select: { id: true } });
    await tx.scoreOverride.create({ data: { submissionId: s.id, authorId: actor.id, score, reason }, select: { id: true } });
    await recomputeScores(tx, s.userId, s.exerciseId);
  });
  // Open classroom pages refresh (lib/live.ts), as after a submit.
  void publishChange({ userId: s.userId, slug: s.slug, kind: "submit", at: new Date().toISOString() });
}

/** Sets the submit's score to `percent` % for `reason`, replacing any earlier override. */
export async function overrideScore(actor: Actor, submissionId: string, input: unknown): Promise<ScoreOverrideView> {
  const { percent, reason } = parseInput(overrideInputSchema, input, "override");
  const score = Math.round(percent * 10) / 1000;
  await write(actor, submissionId, score, reason);
  return (await overridesFor(actor, [submissionId])).get(submissionId)!;
}

/** Removes the override: the graded score counts again. The log keeps the old one. */
export async function clearScoreOverride(actor: Actor, submissionId: string): Promise<void> {
  await write(actor, submissionId, null, null);
}

/** Submissions of `actor` itself, or, for instructors, of learners in a classroom they staff. */
function visibleTo(actor: Actor) {
  return actor.role === "instructor" ? { OR: [{ userId: actor.id }, learnerIn(staffedBy(actor.id))] } : { userId: actor.id };
}

/**
 * The override in force on each of these submissions, keyed by id, with who set it and when:
 * for the submission's learner, or for staff of a classroom the learner is in (TAs included).
 */
export async function overridesFor(actor: Actor, submissionIds: string[]): Promise<Map<string, ScoreOverrideView>> {
  assertSignedIn(actor);
  const ids = submissionIds.filter((id) => idSchema.safeParse(id).success);
  const rows = ids.length
    ? await prisma.submission.findMany({
        where: { id: { in: ids }, scoreOverride: { not: null }, ...visibleTo(actor) },
        select: {
          id: true,
          scoreOverride: true,
          overrideReason: true,
          overrides: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { createdAt: true, author: { select: { name: true } } } },
        },
      })
    : [];
  const byId = new Map<string, ScoreOverrideView>();
  for (const r of rows) {
    const last = r.overrides[0];
    if (r.scoreOverride === null || !last) continue;
    byId.set(r.id, { score: r.scoreOverride, reason: r.overrideReason ?? "", by: { name: last.author.name }, at: last.createdAt });
  }
  return byId;
}

/** Every change to the submission's override, oldest first: for the classroom's staff only. */
export async function overrideLog(actor: Actor, submissionId: string): Promise<ScoreOverrideLogEntry[]> {
  assertInstructor(actor);
  const parsed = idSchema.safeParse(submissionId);
  const row = parsed.success ? await prisma.submission.findFirst({ where: { id: parsed.data, ...learnerIn(staffedBy(actor.id)) }, select: { id: true } }) : null;
  if (!row) throw new NotFoundError("No such submission.");
  return (await overrideLogsFor(actor, [row.id])).get(row.id) ?? [];
}

/** Whether the actor may override this learner's submits (manages a classroom they are in): for showing the form. */
export async function mayOverrideFor(actor: Actor, learnerId: string): Promise<boolean> {
  if (actor.role !== "instructor" || !idSchema.safeParse(learnerId).success) return false;
  const found = await prisma.enrollment.findFirst({ where: { userId: learnerId, removedAt: null, classroom: managedBy(actor.id) }, select: { id: true } });
  return found !== null;
}

/** The override logs of these submissions, oldest first, keyed by id: for the staff of the learner's classrooms (others' ids are left out). */
export async function overrideLogsFor(actor: Actor, submissionIds: string[]): Promise<Map<string, ScoreOverrideLogEntry[]>> {
  assertInstructor(actor);
  const ids = submissionIds.filter((id) => idSchema.safeParse(id).success);
  const rows = ids.length
    ? await prisma.scoreOverride.findMany({
        where: { submissionId: { in: ids }, submission: learnerIn(staffedBy(actor.id)) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { submissionId: true, score: true, reason: true, createdAt: true, author: { select: { name: true } } },
      })
    : [];
  const byId = new Map<string, ScoreOverrideLogEntry[]>();
  for (const l of rows) byId.set(l.submissionId, [...(byId.get(l.submissionId) ?? []), { score: l.score, reason: l.reason, by: { name: l.author.name }, at: l.createdAt }]);
  return byId;
}
