// Comments on submissions: anyone on the staff of a classroom the learner is in (owner,
// co-instructor, TA: lib/classroom-access.ts) may comment; the learner reads them on the
// submission's page. Someone else asking about the submission gets NotFound.
import { z } from "zod";
import { assertInstructor, assertSignedIn, type Actor } from "./actor";
import { staffedBy } from "./classroom-access";
import { prisma } from "./db";
import { NotFoundError, parseInput } from "./domain-errors";
import { COMMENT_MAX_LENGTH } from "./limits";
import { hasControlCharacters, isWellFormed } from "./text";

export interface SubmissionCommentView {
  id: string;
  body: string;
  createdAt: Date;
  author: { name: string };
}

const idSchema = z.string().min(1).max(64);

/** Line breaks and tabs are a comment's own; other control characters and bidi overrides are not. */
export const commentBodySchema = z
  .string({ error: "body must be a string" })
  .trim()
  .min(1, { message: "write something first" })
  .max(COMMENT_MAX_LENGTH, { message: `at most ${COMMENT_MAX_LENGTH} characters` })
  .refine(isWellFormed, { message: "holds a broken character (a lone UTF-16 surrogate)" })
  .refine((b) => !hasControlCharacters(b.replace(/[\n\t]/g, " ")), { message: "no control characters" });

const commentSelect = { id: true, body: true, createdAt: true, author: { select: { name: true } } } as const;

/** Staff of a classroom the submission's author is in may see and comment on it. */
function staffMaySee(actorId: string) {
  return { user: { enrollments: { some: { classroom: staffedBy(actorId) } } } };
}

export async function addComment(staff: Actor, submissionId: string, body: string): Promise<SubmissionCommentView> {
  assertInstructor(staff);
  const text = parseInput(commentBodySchema, body, "comment");
  const parsed = idSchema.safeParse(submissionId);
  const submission = parsed.success ? await prisma.submission.findFirst({ where: { id: parsed.data, ...staffMaySee(staff.id) }, select: { id: true } }) : null;
  if (!submission) throw new NotFoundError("No such submission.");
  return prisma.submissionComment.create({ data: { submissionId: submission.id, authorId: staff.id, body: text }, select: commentSelect });
}

/**
 * Comments on these submissions, oldest first, keyed by submission id: for the submission's own
 * learner, or for staff of a classroom its learner is in. Ids the actor may not see are left out.
 */
export async function commentsFor(actor: Actor, submissionIds: string[]): Promise<Map<string, SubmissionCommentView[]>> {
  assertSignedIn(actor);
  const ids = submissionIds.filter((id) => idSchema.safeParse(id).success);
  const visible = actor.role === "instructor" ? { OR: [{ userId: actor.id }, staffMaySee(actor.id)] } : { userId: actor.id };
  const rows = ids.length
    ? await prisma.submissionComment.findMany({
        where: { submissionId: { in: ids }, submission: visible },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { ...commentSelect, submissionId: true },
      })
    : [];
  const byId = new Map<string, SubmissionCommentView[]>();
  for (const { submissionId, ...comment } of rows) byId.set(submissionId, [...(byId.get(submissionId) ?? []), comment]);
  return byId;
}
