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
