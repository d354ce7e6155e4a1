// Every domain function, called as the wrong user: 401 when signed out, 403 for the wrong role,
// 404 for someone else's data (same answer as for an id that does not exist), nothing leaked.
import { SLUG_A } from "./helpers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/actor";
import {
  classroomRoster,
  classroomSubmissions,
  createClassroom,
  joinClassroom,
  learnerSubmissionsForInstructor,
  listMyClassrooms,
  submissionForInstructor,
} from "../../lib/classrooms";
import { DomainError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../../lib/domain-errors";
import { errorResponse } from "../../lib/http/errors";
import { getDraft, importDrafts, listDrafts, saveDraft } from "../../lib/drafts";
import { progressFor } from "../../lib/progress";
import { getSubmission, listSubmissions, recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, syncFixtureExercises } from "./fixtures";

const SECRET_CODE = "export function rnnStep() { /* alice's secret solution */ }";

let alice: Actor; // learner in teacher's classroom
let bob: Actor; // another learner, in no classroom
let teacher: Actor; // owns alice's classroom
let otherTeacher: Actor; // owns an unrelated classroom
let aliceSubmission: string;
let classroomId: string;
let otherClassroomId: string;

/** Calls fn, expects the given DomainError, and checks the HTTP answer leaks nothing. */
async function expectDenied(fn: () => Promise<unknown>, kind: new (...args: never[]) => DomainError, status: number) {
  const error = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  const response = errorResponse(error)!;
  expect(response.status).toBe(status);
  const body = await response.text();
  for (const secret of [SECRET_CODE, "secret solution", aliceSubmission, alice.id, "Alice"]) expect(body).not.toContain(secret);
}

beforeAll(async () => {
  await syncFixtureExercises();
  alice = await makeUser("learner", "Alice");
  bob = await makeUser("learner", "Bob");
  teacher = await makeUser("instructor", "Teacher");
  otherTeacher = await makeUser("instructor", "Other teacher");
  const room = await createClassroom(teacher, "Alice's class");
  classroomId = room.id;
  otherClassroomId = (await createClassroom(otherTeacher, "Unrelated class")).id;
  await joinClassroom(alice, room.joinCode);
  const rec = await recordSubmission(alice, { slug: SLUG_A, kind: "submit", code: SECRET_CODE, result: gradeResult(SLUG_A, "submit", 4, 4) });
  aliceSubmission = rec.submission.id;
  await saveDraft(alice, { slug: SLUG_A, code: SECRET_CODE });
});

describe("learners see only their own work", () => {
  it("another learner's submission id is not found, like a made-up id", async () => {
    await expectDenied(() => getSubmission(bob, aliceSubmission), NotFoundError, 404);
    await expectDenied(() => getSubmission(bob, "made-up-id"), NotFoundError, 404);
    await expect(getSubmission(bob, aliceSubmission)).rejects.toThrow("No such submission.");
    await expect(getSubmission(bob, "made-up-id")).rejects.toThrow("No such submission.");
    // Even her instructor cannot use the learner endpoint for it (they have their own, below).
    await expectDenied(() => getSubmission(teacher, aliceSubmission), NotFoundError, 404);
  });

  it("lists, progress and drafts never include another learner's", async () => {
    expect(await listSubmissions(bob)).toEqual([]);
    expect(await listSubmissions(bob, { slug: SLUG_A })).toEqual([]);
    expect((await progressFor(bob))[SLUG_A].state).toBe("not-started");
    expect(await getDraft(bob, SLUG_A)).toBeNull();
    expect(await listDrafts(bob)).toEqual({});
    await saveDraft(bob, { slug: SLUG_A, code: "bob's" });
    await importDrafts(bob, { [SLUG_A]: { code: "bob's import", updatedAt: Date.now() } });
    expect((await getDraft(alice, SLUG_A))?.code).toBe(SECRET_CODE);
    expect((await getSubmission(alice, aliceSubmission)).code).toBe(SECRET_CODE);
  });
});

describe("instructors see only their own classrooms' learners", () => {
  it("another instructor's classroom is not found, like a made-up id", async () => {
    await expectDenied(() => classroomRoster(otherTeacher, classroomId), NotFoundError, 404);
    await expectDenied(() => classroomRoster(otherTeacher, "made-up-id"), NotFoundError, 404);
    await expectDenied(() => classroomSubmissions(otherTeacher, classroomId), NotFoundError, 404);
    await expectDenied(() => classroomRoster(teacher, otherClassroomId), NotFoundError, 404);
    const theirs = await listMyClassrooms(otherTeacher);
    expect(theirs.role === "instructor" && theirs.owned.map((c) => c.id)).toEqual([otherClassroomId]);
  });

  it("a learner outside the instructor's classrooms is not found", async () => {
    await expectDenied(() => learnerSubmissionsForInstructor(otherTeacher, alice.id), NotFoundError, 404);
    await expectDenied(() => learnerSubmissionsForInstructor(teacher, bob.id), NotFoundError, 404);
    await expectDenied(() => learnerSubmissionsForInstructor(teacher, "made-up-id"), NotFoundError, 404);
    await expectDenied(() => submissionForInstructor(otherTeacher, aliceSubmission), NotFoundError, 404);
    // Her own instructor does see it.
    expect((await submissionForInstructor(teacher, aliceSubmission)).code).toBe(SECRET_CODE);
    expect((await learnerSubmissionsForInstructor(teacher, alice.id)).submissions).toHaveLength(1);
  });

  it("learners calling instructor functions are forbidden", async () => {
    await expectDenied(() => classroomRoster(alice, classroomId), ForbiddenError, 403);
    await expectDenied(() => classroomSubmissions(alice, classroomId), ForbiddenError, 403);
    await expectDenied(() => learnerSubmissionsForInstructor(bob, alice.id), ForbiddenError, 403);
    await expectDenied(() => submissionForInstructor(alice, aliceSubmission), ForbiddenError, 403);
    await expectDenied(() => createClassroom(alice, "My own class"), ForbiddenError, 403);
  });
});

describe("signed out", () => {
  const nobody = null as unknown as Actor;
  const forged = { id: "x", role: "admin" } as unknown as Actor;
  const calls: [string, (actor: Actor) => Promise<unknown>][] = [
    ["recordSubmission", (a) => recordSubmission(a, { slug: SLUG_A, kind: "run", code: "", result: gradeResult(SLUG_A, "run", 0, 1) })],
    ["getSubmission", (a) => getSubmission(a, aliceSubmission)],
    ["listSubmissions", (a) => listSubmissions(a)],
    ["progressFor", (a) => progressFor(a)],
    ["saveDraft", (a) => saveDraft(a, { slug: SLUG_A, code: "" })],
    ["getDraft", (a) => getDraft(a, SLUG_A)],
    ["listDrafts", (a) => listDrafts(a)],
    ["importDrafts", (a) => importDrafts(a, {})],
    ["createClassroom", (a) => createClassroom(a, "x")],
    ["joinClassroom", (a) => joinClassroom(a, "DEMO-RNN")],
    ["listMyClassrooms", (a) => listMyClassrooms(a)],
    ["classroomRoster", (a) => classroomRoster(a, classroomId)],
    ["classroomSubmissions", (a) => classroomSubmissions(a, classroomId)],
    ["learnerSubmissionsForInstructor", (a) => learnerSubmissionsForInstructor(a, alice.id)],
    ["submissionForInstructor", (a) => submissionForInstructor(a, aliceSubmission)],
  ];
  it.each(calls)("%s needs a signed-in user with a known role (401)", async (_name, call) => {
    await expectDenied(() => call(nobody), UnauthenticatedError, 401);
    await expectDenied(() => call(forged), UnauthenticatedError, 401);
  });
});
