import { SLUG_A, SLUG_B } from "./helpers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  JOIN_CODE_ALPHABET,
  classroomRoster,
  classroomSubmissions,
  createClassroom,
  formatJoinCode,
  joinClassroom,
  learnerSubmissionsForInstructor,
  listMyClassrooms,
  normalizeJoinCode,
} from "../../lib/classrooms";
import { ForbiddenError, NotFoundError, ValidationError } from "../../lib/domain-errors";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, prisma, syncFixtureExercises } from "./fixtures";

beforeAll(async () => {
  await syncFixtureExercises();
});

describe("join codes", () => {
  it("are typed loosely and shown in groups of four", () => {
    expect(normalizeJoinCode(" demo-rnn ")).toBe("DEMORNN");
    expect(normalizeJoinCode("Demo Rnn")).toBe("DEMORNN");
    expect(formatJoinCode("DEMORNN")).toBe("DEMO-RNN");
    expect(formatJoinCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });
});

describe("classrooms", () => {
  it("an instructor creates classrooms with distinct unambiguous codes", async () => {
    const teacher = await makeUser("instructor");
    const a = await createClassroom(teacher, "  Monday group ");
    const b = await createClassroom(teacher, "Tuesday group");
    expect(a).toMatchObject({ name: "Monday group", learnerCount: 0 });
    for (const c of [a, b]) {
      expect(c.joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect([...normalizeJoinCode(c.joinCode)].every((ch) => JOIN_CODE_ALPHABET.includes(ch))).toBe(true);
      expect(c.joinCode).not.toMatch(/[01OIL]/);
    }
    expect(a.joinCode).not.toBe(b.joinCode);
    await expect(createClassroom(teacher, "   ")).rejects.toThrow(ValidationError);
    const mine = await listMyClassrooms(teacher);
    expect(mine.role === "instructor" && mine.owned.map((c) => c.name)).toEqual(["Monday group", "Tuesday group"]);
  });

  it("a learner joins with the code (any case, with or without the dash), once", async () => {
    const teacher = await makeUser("instructor", "Ms Teacher");
    const learner = await makeUser();
    const room = await createClassroom(teacher, "Evening class");
    const first = await joinClassroom(learner, room.joinCode.toLowerCase());
    expect(first).toMatchObject({ alreadyMember: false, classroom: { id: room.id, name: "Evening class", ownerName: "Ms Teacher" } });
    const second = await joinClassroom(learner, normalizeJoinCode(room.joinCode));
    expect(second.alreadyMember).toBe(true);
    expect(second.classroom.joinedAt.getTime()).toBe(first.classroom.joinedAt.getTime());
    await Promise.all([joinClassroom(learner, room.joinCode), joinClassroom(learner, room.joinCode)]);
    expect(await prisma.enrollment.count({ where: { classroomId: room.id } })).toBe(1);

    const mine = await listMyClassrooms(learner);
    expect(mine).toMatchObject({ role: "learner", enrolled: [{ id: room.id, name: "Evening class", ownerName: "Ms Teacher" }] });
    // Learners do not get the join code or other members back.
    expect(JSON.stringify(mine)).not.toContain(normalizeJoinCode(room.joinCode).slice(0, 4) + "-");
  });

  it("a bad code gets a clear message", async () => {
    const learner = await makeUser();
    await expect(joinClassroom(learner, "ZZZZ-ZZZZ")).rejects.toThrow(NotFoundError);
    await expect(joinClassroom(learner, "ZZZZ-ZZZZ")).rejects.toThrow(/No classroom has the join code ZZZZ-ZZZZ/);
    await expect(joinClassroom(learner, "--")).rejects.toThrow(ValidationError);
    await expect(joinClassroom(learner, 12 as never)).rejects.toThrow(ValidationError);
    expect(await prisma.enrollment.count({ where: { userId: learner.id } })).toBe(0);
  });

  it("instructors do not join classrooms; learners do not create them", async () => {
    const teacher = await makeUser("instructor");
    const room = await createClassroom(teacher, "Room");
    await expect(joinClassroom(await makeUser("instructor"), room.joinCode)).rejects.toThrow(ForbiddenError);
    await expect(createClassroom(await makeUser(), "Mine")).rejects.toThrow(ForbiddenError);
  });

  it("the roster shows each learner's progress on every exercise", async () => {
    const teacher = await makeUser("instructor");
    const room = await createClassroom(teacher, "Roster class");
    const ann = await makeUser("learner", "Ann");
    const bob = await makeUser("learner", "Bob");
    const outsider = await makeUser("learner", "Outsider");
    await joinClassroom(ann, room.joinCode);
    await joinClassroom(bob, room.joinCode);
    const code = "export function rnnStep() {}";
    await recordSubmission(ann, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 2, 4) });
    await recordSubmission(ann, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 4, 4) });
    await recordSubmission(ann, { slug: SLUG_B, kind: "run", code, result: gradeResult(SLUG_B, "run", 0, 1) });
    await recordSubmission(outsider, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 4, 4) });

    const roster = await classroomRoster(teacher, room.id);
    expect(roster.classroom).toMatchObject({ id: room.id, learnerCount: 2, joinCode: room.joinCode });
    expect(roster.exercises.map((e) => e.slug)).toEqual([SLUG_A, SLUG_B]);
    expect(roster.learners.map((l) => l.name)).toEqual(["Ann", "Bob"]);
    const [a, b] = roster.learners;
    expect(a.progress[SLUG_A]).toMatchObject({ state: "solved", attempts: 2, bestScore: 1, attemptsToSolve: 2 });
    expect(a.progress[SLUG_B]).toMatchObject({ state: "attempted", attempts: 0, runs: 1 });
    expect(a.solvedCount).toBe(1);
    expect(a.lastActivityAt).toBeInstanceOf(Date);
    expect(b.progress[SLUG_A].state).toBe("not-started");
    expect(b.lastActivityAt).toBeNull();

    const history = await learnerSubmissionsForInstructor(teacher, ann.id, { slug: SLUG_A });
    expect(history.learner.name).toBe("Ann");
    expect(history.submissions.map((s) => s.passed)).toEqual([2, 4]); // oldest first
    expect(history.submissions[1].code).toBe(code);

    const stats = await classroomSubmissions(teacher, room.id, { kind: "submit" });
    expect(stats).toHaveLength(2);
    expect(stats.every((s) => s.userId === ann.id)).toBe(true);
    expect(stats[0].tests.filter((t) => t.status === "fail").map((t) => t.hintId)).toEqual(["no-tanh", "no-tanh"]);
    expect(JSON.stringify(stats)).not.toContain(code);
  });

  it("an empty classroom has an empty roster", async () => {
    const teacher = await makeUser("instructor");
    const room = await createClassroom(teacher, "Empty");
    const roster = await classroomRoster(teacher, room.id);
    expect(roster.learners).toEqual([]);
    expect(roster.exercises).toHaveLength(2);
    expect(await classroomSubmissions(teacher, room.id)).toEqual([]);
  });
});
