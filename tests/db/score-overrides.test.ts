// Score overrides (lib/score-overrides.ts): the owner or a co-instructor sets a submit's score
// with a reason; the learner sees both; progress, the gradebook and assignment scores use it; a TA
// cannot; every change is logged; clearing it brings the graded score back.
import "./helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssignment, learnerAssignments } from "../../lib/assignments";
import { changeClassroom } from "../../lib/classroom-settings";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { ForbiddenError, NotFoundError, ValidationError } from "../../lib/domain-errors";
import { classroomGradebook } from "../../lib/instructor/dashboard";
import { progressFor } from "../../lib/progress";
import { clearScoreOverride, overrideLog, overrideScore, overridesFor } from "../../lib/score-overrides";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, syncFixtureExercises } from "./fixtures";
import { SLUG_A } from "./helpers";

type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U, co: U, ta: U, stranger: U, learner: U, outsider: U;
let classroomId: string;
let submitId: string;
let runId: string;
let outsiderSubmitId: string;

/** The learner's row of the gradebook CSV, by column name. */
async function gradebookRow(): Promise<Record<string, string>> {
  const { csv } = await classroomGradebook(owner, classroomId);
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
  const mine = rows.find((r) => r[0] === learner.email)!;
  return Object.fromEntries(header.map((h, i) => [h, mine[i]]));
}

beforeAll(async () => {
  await syncFixtureExercises();
  [owner, co, ta, stranger] = await Promise.all([
    makeUser("instructor", "Olga Owner"),
    makeUser("instructor", "Cole Co"),
    makeUser("instructor", "Tara Ta"),
    makeUser("instructor", "Stan Stranger"),
  ]);
  [learner, outsider] = await Promise.all([makeUser("learner", "Lea Learner"), makeUser("learner", "Otto Outsider")]);
  const room = await createClassroom(owner, "Override class");
  classroomId = room.id;
  await joinClassroom(learner, room.joinCode);
  await changeClassroom(owner, classroomId, { action: "add-staff", email: co.email, role: "co-instructor" });
  await changeClassroom(owner, classroomId, { action: "add-staff", email: ta.email, role: "ta" });
  await createAssignment(owner, classroomId, {
    title: "Week 1",
    releaseAt: new Date(Date.now() - 3_600_000).toISOString(),
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    exercises: [SLUG_A],
    latePolicy: { kind: "none" },
  });
  runId = (await recordSubmission(learner, { slug: SLUG_A, kind: "run", code: "// try", result: gradeResult(SLUG_A, "run", 1, 1) })).submission.id;
  submitId = (await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code: "// mine", result: gradeResult(SLUG_A, "submit", 2, 4) })).submission.id;
  outsiderSubmitId = (await recordSubmission(outsider, { slug: SLUG_A, kind: "submit", code: "// other", result: gradeResult(SLUG_A, "submit", 0, 4) })).submission.id;
});

describe("score overrides", () => {
  it("before any override the graded score counts: 2 of 4 tests, not solved", async () => {
    expect((await progressFor(learner))[SLUG_A]).toMatchObject({ state: "attempted", bestScore: 0.5 });
    const row = await gradebookRow();
    expect(row["Solved"]).toBe("0");
    expect(row["Week 1 (%)"]).toBe("50");
  });

  it("the owner sets 100 %: the learner sees score and reason; progress, gradebook and assignment scores use it", async () => {
    const view = await overrideScore(owner, submitId, { percent: 100, reason: "  The hidden test 3 was wrong; your code is right.  " });
    expect(view).toMatchObject({ score: 1, reason: "The hidden test 3 was wrong; your code is right.", by: { name: "Olga Owner" } });
    const seen = (await overridesFor(learner, [submitId])).get(submitId);
    expect(seen).toMatchObject({ score: 1, reason: "The hidden test 3 was wrong; your code is right.", by: { name: "Olga Owner" } });
    expect((await progressFor(learner))[SLUG_A]).toMatchObject({ state: "solved", bestScore: 1, attemptsToSolve: 1 });
    const row = await gradebookRow();
    expect(row["Solved"]).toBe("1");
    expect(row["Week 1 (%)"]).toBe("100");
    const [mine] = await learnerAssignments(learner);
    expect(mine.assignments[0].score).toBe(1);
    // The TA sees it too; others see nothing.
    expect((await overridesFor(ta, [submitId])).get(submitId)?.score).toBe(1);
    expect((await overridesFor(outsider, [submitId])).size).toBe(0);
    expect((await overridesFor(stranger, [submitId])).size).toBe(0);
  });

  it("a co-instructor lowers it; a 75 % override does not solve the exercise", async () => {
    await overrideScore(co, submitId, { percent: 75, reason: "Partly right: the bias is added twice." });
    expect((await progressFor(learner))[SLUG_A]).toMatchObject({ state: "attempted", bestScore: 0.75, solvedAt: null });
    expect((await gradebookRow())["Week 1 (%)"]).toBe("75");
    expect((await overridesFor(learner, [submitId])).get(submitId)).toMatchObject({ score: 0.75, by: { name: "Cole Co" } });
  });

  it("a TA cannot override (403), strangers and other learners' submissions are 404, runs and bad input are 400", async () => {
    await expect(overrideScore(ta, submitId, { percent: 100, reason: "I like it" })).rejects.toThrow(ForbiddenError);
    await expect(clearScoreOverride(ta, submitId)).rejects.toThrow(ForbiddenError);
    await expect(overrideScore(stranger, submitId, { percent: 100, reason: "x" })).rejects.toThrow(NotFoundError);
    await expect(overrideScore(owner, outsiderSubmitId, { percent: 100, reason: "x" })).rejects.toThrow(NotFoundError);
    await expect(overrideScore(owner, "no-such-id", { percent: 100, reason: "x" })).rejects.toThrow(NotFoundError);
    await expect(overrideScore(learner, submitId, { percent: 100, reason: "self" })).rejects.toThrow(/Only instructors/);
    await expect(overrideScore(owner, runId, { percent: 100, reason: "a run" })).rejects.toThrow(ValidationError);
    for (const bad of [{ percent: 101, reason: "x" }, { percent: -1, reason: "x" }, { percent: 50, reason: "   " }, { percent: "50", reason: "x" }, { percent: 50 }]) {
      await expect(overrideScore(owner, submitId, bad)).rejects.toThrow(ValidationError);
    }
    // Nothing changed.
    expect((await overridesFor(learner, [submitId])).get(submitId)?.score).toBe(0.75);
  });

  it("clearing brings the graded score back; the log keeps who did what, when and why", async () => {
    await clearScoreOverride(owner, submitId);
    expect((await overridesFor(learner, [submitId])).size).toBe(0);
    expect((await progressFor(learner))[SLUG_A]).toMatchObject({ state: "attempted", bestScore: 0.5 });
    expect((await gradebookRow())["Week 1 (%)"]).toBe("50");
    const log = await overrideLog(ta, submitId);
    expect(log.map((l) => [l.by.name, l.score, l.reason])).toEqual([
      ["Olga Owner", 1, "The hidden test 3 was wrong; your code is right."],
      ["Cole Co", 0.75, "Partly right: the bias is added twice."],
      ["Olga Owner", null, null],
    ]);
    for (const l of log) expect(l.at).toBeInstanceOf(Date);
    await expect(overrideLog(stranger, submitId)).rejects.toThrow(NotFoundError);
  });

  it("an archived classroom takes no overrides", async () => {
    await changeClassroom(owner, classroomId, { action: "archive" });
    await expect(overrideScore(owner, submitId, { percent: 90, reason: "late change" })).rejects.toThrow(ForbiddenError);
    await changeClassroom(owner, classroomId, { action: "restore" });
  });
});

describe("PUT and DELETE /api/instructor/submissions/<id>/override", () => {
  const ORIGIN = "http://localhost:43141";
  it("401 signed out, 403 for a learner and a TA, 404 for a stranger, 400 for bad bodies and runs, 200 for the owner", async () => {
    const { signedUpAccount } = await import("../instructor/session-accounts");
    const { PUT, DELETE } = await import("../../app/api/instructor/submissions/[id]/override/route");
    const [boss, assistant, outsiderStaff, pupil] = await Promise.all([
      signedUpAccount(ORIGIN, "override.example", "Route Owner", "instructor"),
      signedUpAccount(ORIGIN, "override.example", "Route Ta", "instructor"),
      signedUpAccount(ORIGIN, "override.example", "Route Stranger", "instructor"),
      signedUpAccount(ORIGIN, "override.example", "Route Pupil", "learner"),
    ]);
    const room = await createClassroom(boss, "Route class");
    await joinClassroom(pupil, room.joinCode);
    await changeClassroom(boss, room.id, { action: "add-staff", email: assistant.email, role: "ta" });
    const id = (await recordSubmission(pupil, { slug: SLUG_A, kind: "submit", code: "// r", result: gradeResult(SLUG_A, "submit", 1, 4) })).submission.id;
    const run = (await recordSubmission(pupil, { slug: SLUG_A, kind: "run", code: "// r", result: gradeResult(SLUG_A, "run", 1, 1) })).submission.id;
    const call = (handler: typeof PUT, method: string, body: string | undefined, cookie?: string, target = id) =>
      handler(
        new Request(`${ORIGIN}/api/instructor/submissions/${target}/override`, {
          method,
          headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie } : {}) },
          body,
        }),
        { params: Promise.resolve({ id: target }) },
      );
    const good = JSON.stringify({ percent: 90, reason: "Counted by hand." });
    expect((await call(PUT, "PUT", good)).status).toBe(401);
    expect((await call(PUT, "PUT", good, pupil.cookie)).status).toBe(403);
    expect((await call(PUT, "PUT", good, assistant.cookie)).status).toBe(403);
    expect((await call(PUT, "PUT", good, outsiderStaff.cookie)).status).toBe(404);
    expect((await call(PUT, "PUT", JSON.stringify({ percent: 900, reason: "x" }), boss.cookie)).status).toBe(400);
    expect((await call(PUT, "PUT", JSON.stringify({ percent: 90 }), boss.cookie)).status).toBe(400);
    expect((await call(PUT, "PUT", "{not json", boss.cookie)).status).toBe(400);
    expect((await call(PUT, "PUT", good, boss.cookie, run)).status).toBe(400);
    const ok = await call(PUT, "PUT", good, boss.cookie);
    expect(ok.status).toBe(200);
    expect((await ok.json()).override).toMatchObject({ score: 0.9, reason: "Counted by hand.", by: { name: "Route Owner" } });
    expect((await call(DELETE, "DELETE", undefined, assistant.cookie)).status).toBe(403);
    const cleared = await call(DELETE, "DELETE", undefined, boss.cookie);
    expect(cleared.status).toBe(200);
    expect((await overridesFor(pupil, [id])).size).toBe(0);
  });
});
