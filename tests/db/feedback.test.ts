// Comments on submissions (lib/feedback.ts): staff of the learner's classroom (owner,
// co-instructor, TA) comment; the learner reads them; nobody else sees or writes them.
import "./helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { changeClassroom } from "../../lib/classroom-settings";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { NotFoundError, ValidationError } from "../../lib/domain-errors";
import { addComment, commentsFor } from "../../lib/feedback";
import { COMMENT_MAX_LENGTH } from "../../lib/limits";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, syncFixtureExercises } from "./fixtures";
import { SLUG_A } from "./helpers";

type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U, ta: U, stranger: U, learner: U, otherLearner: U;
let submissionId: string;
let otherSubmissionId: string;

beforeAll(async () => {
  await syncFixtureExercises();
  [owner, ta, stranger] = await Promise.all([makeUser("instructor", "Olga Owner"), makeUser("instructor", "Tara Ta"), makeUser("instructor", "Stan Stranger")]);
  [learner, otherLearner] = await Promise.all([makeUser("learner", "Lea Learner"), makeUser("learner", "Otto Other")]);
  const room = await createClassroom(owner, "Feedback class");
  await joinClassroom(learner, room.joinCode);
  await changeClassroom(owner, room.id, { action: "add-staff", email: ta.email, role: "ta" });
  submissionId = (await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code: "// mine", result: gradeResult(SLUG_A, "submit", 2, 3) })).submission.id;
  otherSubmissionId = (await recordSubmission(otherLearner, { slug: SLUG_A, kind: "submit", code: "// not in class", result: gradeResult(SLUG_A, "submit", 0, 3) })).submission.id;
});

describe("comments on submissions", () => {
  it("the owner and a TA comment; the learner and the staff read them in order; the learner's classmates and strangers do not", async () => {
    await addComment(owner, submissionId, "  Close: the bias is missing.  ");
    await addComment(ta, submissionId, "Line 3:\n\tadd b[i] before tanh.");
    const forLearner = (await commentsFor(learner, [submissionId])).get(submissionId)!;
    expect(forLearner.map((c) => [c.author.name, c.body])).toEqual([
      ["Olga Owner", "Close: the bias is missing."],
      ["Tara Ta", "Line 3:\n\tadd b[i] before tanh."],
    ]);
    expect((await commentsFor(ta, [submissionId])).get(submissionId)).toHaveLength(2);
    expect((await commentsFor(stranger, [submissionId])).size).toBe(0);
    expect((await commentsFor(otherLearner, [submissionId])).size).toBe(0);
  });

  it("refuses comments on someone else's learners (404) and bad bodies (400)", async () => {
    await expect(addComment(owner, otherSubmissionId, "Hello")).rejects.toThrow(NotFoundError);
    await expect(addComment(stranger, submissionId, "Hello")).rejects.toThrow(NotFoundError);
    await expect(addComment(owner, "no-such-id", "Hello")).rejects.toThrow(NotFoundError);
    await expect(addComment(learner, submissionId, "Self-praise")).rejects.toThrow(/Only instructors/);
    for (const bad of ["   ", "x".repeat(COMMENT_MAX_LENGTH + 1), "bell\u0007", "flip\u202Etext"]) {
      await expect(addComment(owner, submissionId, bad)).rejects.toThrow(ValidationError);
    }
  });
});

describe("POST /api/instructor/submissions/<id>/comments", () => {
  const ORIGIN = "http://localhost:43131";
  it("401 signed out, 403 for a learner, 404 for a stranger, 400/413 for bad bodies, 200 for the staff", async () => {
    const { auth } = await import("../../lib/auth");
    const { prisma } = await import("./fixtures");
    const { POST } = await import("../../app/api/instructor/submissions/[id]/comments/route");
    async function cookieFor(user: { id: string; email: string }, role: string): Promise<string> {
      const res = await auth.handler(
        new Request(`${ORIGIN}/api/auth/sign-up/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN },
          body: JSON.stringify({ email: `c-${user.email}`, password: "harbor-violet-42", name: "Cookie Person" }),
        }),
      );
      expect(res.status).toBe(200);
      // Fixture users have no password to sign in with: a signed-up account takes over their
      // ownership and staff roles, so the route sees a real session cookie.
      const fresh = await prisma.user.update({ where: { email: `c-${user.email}` }, data: { role }, select: { id: true } });
      await prisma.classroomStaff.updateMany({ where: { userId: user.id }, data: { userId: fresh.id } });
      await prisma.classroom.updateMany({ where: { ownerId: user.id }, data: { ownerId: fresh.id } });
      return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    }
    const taCookie = await cookieFor(ta, "instructor");
    const strangerCookie = await cookieFor(stranger, "instructor");
    const learnerCookie = await cookieFor(otherLearner, "learner");
    const post = (body: string, cookie?: string, id = submissionId) =>
      POST(
        new Request(`${ORIGIN}/api/instructor/submissions/${id}/comments`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie } : {}) },
          body,
        }),
        { params: Promise.resolve({ id }) },
      );
    expect((await post(JSON.stringify({ body: "Hi" }))).status).toBe(401);
    expect((await post(JSON.stringify({ body: "Hi" }), learnerCookie)).status).toBe(403);
    expect((await post(JSON.stringify({ body: "Hi" }), strangerCookie)).status).toBe(404);
    expect((await post(JSON.stringify({ body: "   " }), taCookie)).status).toBe(400);
    expect((await post(JSON.stringify({ text: "Hi" }), taCookie)).status).toBe(400);
    expect((await post(JSON.stringify({ body: "x".repeat(20_000) }), taCookie)).status).toBe(413);
    const ok = await post(JSON.stringify({ body: "Well done." }), taCookie);
    expect(ok.status).toBe(200);
    expect((await ok.json()).comment).toMatchObject({ body: "Well done.", author: { name: "Cookie Person" } });
  });
});
