// Staff and roster per classroom (lib/classroom-access.ts, lib/classroom-settings.ts): owners and
// co-instructors manage, TAs only see; removed learners keep their history but leave the class
// views and the gradebook; join codes rotate and turn off; archived classrooms are read-only.
import "./helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as settingsRoute } from "../../app/api/instructor/classrooms/[id]/settings/route";
import { auth } from "../../lib/auth";
import { classroomAssignments, createAssignment, deleteAssignment, setExtension, updateAssignment } from "../../lib/assignments";
import { changeClassroom, classroomSettings } from "../../lib/classroom-settings";
import { classroomRoster, classroomSubmissions, createClassroom, joinClassroom, learnerSubmissionsForInstructor, listMyClassrooms } from "../../lib/classrooms";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../lib/domain-errors";
import { gradebookCsv } from "../../lib/instructor/gradebook";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, prisma, syncFixtureExercises } from "./fixtures";
import { SLUG_A } from "./helpers";

type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U, co: U, ta: U, stranger: U, ada: U, bob: U;
let classroomId: string;
let joinCode: string;

beforeAll(async () => {
  await syncFixtureExercises();
  [owner, co, ta, stranger] = await Promise.all([makeUser("instructor", "Olga Owner"), makeUser("instructor", "Cole Co"), makeUser("instructor", "Tara Ta"), makeUser("instructor", "Stan Stranger")]);
  [ada, bob] = await Promise.all([makeUser("learner", "Ada Learner"), makeUser("learner", "Bob Learner")]);
  const c = await createClassroom(owner, "Sequence models");
  classroomId = c.id;
  joinCode = c.joinCode;
  await joinClassroom(ada, joinCode);
  await joinClassroom(bob, joinCode);
  await recordSubmission(ada, { slug: SLUG_A, kind: "submit", code: "// ada", result: gradeResult(SLUG_A, "submit", 3, 3) });
  await recordSubmission(bob, { slug: SLUG_A, kind: "submit", code: "// bob", result: gradeResult(SLUG_A, "submit", 1, 3) });
});

describe("staff roles", () => {
  it("the owner adds a co-instructor and a TA by email; both then see the classroom, its learners and their work", async () => {
    await changeClassroom(owner, classroomId, { action: "add-staff", email: co.email.toUpperCase(), role: "co-instructor" });
    const after = await changeClassroom(owner, classroomId, { action: "add-staff", email: ta.email, role: "ta" });
    expect(after.staff.map((s) => [s.name, s.role])).toEqual([
      ["Cole Co", "co-instructor"],
      ["Tara Ta", "ta"],
    ]);
    for (const member of [co, ta]) {
      const roster = await classroomRoster(member, classroomId);
      expect(roster.learners.map((l) => l.name)).toEqual(["Ada Learner", "Bob Learner"]);
      expect((await learnerSubmissionsForInstructor(member, ada.id)).submissions).toHaveLength(1);
      const mine = await listMyClassrooms(member);
      expect(mine).toMatchObject({ role: "instructor", owned: [{ id: classroomId }] });
    }
    expect((await classroomSettings(ta, classroomId)).myRole).toBe("ta");
    // Someone with no role sees nothing, as if it did not exist.
    await expect(classroomRoster(stranger, classroomId)).rejects.toThrow(NotFoundError);
    await expect(classroomSettings(stranger, classroomId)).rejects.toThrow(NotFoundError);
    await expect(learnerSubmissionsForInstructor(stranger, ada.id)).rejects.toThrow(NotFoundError);
  });

  it("a TA cannot change anything: every change is 403 and nothing changes", async () => {
    const changes = [
      { action: "rename", name: "Hijacked" },
      { action: "archive" },
      { action: "rotate-join-code" },
      { action: "set-join-code-enabled", enabled: false },
      { action: "remove-learner", userId: ada.id },
      { action: "add-staff", email: stranger.email, role: "co-instructor" },
      { action: "remove-staff", userId: co.id },
    ] as const;
    for (const change of changes) await expect(changeClassroom(ta, classroomId, change), change.action).rejects.toThrow(ForbiddenError);
    const now = await classroomSettings(owner, classroomId);
    expect(now.classroom).toMatchObject({ name: "Sequence models", joinCode, joinCodeEnabled: true, archivedAt: null });
    expect(now.learners).toHaveLength(2);
    expect(now.staff).toHaveLength(2);
  });

  it("assignments take manage rights: a co-instructor creates one and gives an extension, a TA sees it but gets 403", async () => {
    const input = { title: "Week 1", exercises: [SLUG_A], releaseAt: "2026-01-01T00:00:00Z", dueAt: "2026-01-08T00:00:00Z", latePolicy: { kind: "none" } };
    const made = await createAssignment(co, classroomId, input);
    await expect(createAssignment(ta, classroomId, { ...input, title: "By the TA" })).rejects.toThrow(ForbiddenError);
    await expect(setExtension(ta, classroomId, made.id, { learnerId: ada.id, dueAt: "2026-01-10T00:00:00Z" })).rejects.toThrow(ForbiddenError);
    await setExtension(co, classroomId, made.id, { learnerId: ada.id, dueAt: "2026-01-10T00:00:00Z" });
    const seenByTa = await classroomAssignments(ta, classroomId);
    expect(seenByTa.map((a) => a.title)).toEqual(["Week 1"]);
    expect(seenByTa[0].extensions.map((e) => e.learnerId)).toEqual([ada.id]);
    await expect(createAssignment(stranger, classroomId, input)).rejects.toThrow(NotFoundError);
    await expect(updateAssignment(ta, classroomId, made.id, { ...input, title: "Renamed by the TA" })).rejects.toThrow(ForbiddenError);
    await expect(deleteAssignment(ta, classroomId, made.id)).rejects.toThrow(ForbiddenError);
    await expect(deleteAssignment(stranger, classroomId, made.id)).rejects.toThrow(NotFoundError);
    expect((await classroomAssignments(co, classroomId)).map((a) => a.title)).toEqual(["Week 1"]);
  });

  it("staff must hold instructor accounts; the owner cannot be added; a stranger cannot add themselves", async () => {
    await expect(changeClassroom(owner, classroomId, { action: "add-staff", email: ada.email, role: "ta" })).rejects.toThrow(NotFoundError);
    await expect(changeClassroom(owner, classroomId, { action: "add-staff", email: "nobody@nowhere.example", role: "ta" })).rejects.toThrow(NotFoundError);
    await expect(changeClassroom(owner, classroomId, { action: "add-staff", email: owner.email, role: "ta" })).rejects.toThrow(ConflictError);
    await expect(changeClassroom(stranger, classroomId, { action: "add-staff", email: stranger.email, role: "co-instructor" })).rejects.toThrow(NotFoundError);
    await expect(changeClassroom(owner, classroomId, { action: "add-staff", email: co.email, role: "boss" } as never)).rejects.toThrow(ValidationError);
  });

  it("a co-instructor manages: renames and adds staff", async () => {
    await changeClassroom(co, classroomId, { action: "rename", name: "  Sequence models, spring  " });
    expect((await classroomSettings(owner, classroomId)).classroom.name).toBe("Sequence models, spring");
    await expect(changeClassroom(co, classroomId, { action: "rename", name: "   " })).rejects.toThrow(ValidationError);
    await expect(changeClassroom(co, classroomId, { action: "rename", name: "x".repeat(101) })).rejects.toThrow(ValidationError);
  });
});

describe("roster", () => {
  it("a removed learner leaves the matrix, statistics and gradebook, keeps their history, and cannot rejoin until restored", async () => {
    await changeClassroom(owner, classroomId, { action: "remove-learner", userId: bob.id });
    const roster = await classroomRoster(owner, classroomId);
    expect(roster.learners.map((l) => l.name)).toEqual(["Ada Learner"]);
    expect(roster.classroom.learnerCount).toBe(1);
    expect(gradebookCsv(roster)).not.toContain("Bob Learner");
    expect((await classroomSubmissions(owner, classroomId)).map((s) => s.userId)).toEqual([ada.id]);
    // History kept, and still reachable by the staff.
    expect(await prisma.submission.count({ where: { userId: bob.id } })).toBe(1);
    expect((await learnerSubmissionsForInstructor(owner, bob.id)).submissions).toHaveLength(1);
    expect((await classroomSettings(owner, classroomId)).removed.map((r) => r.name)).toEqual(["Bob Learner"]);
    // The learner's own list no longer shows it; the code does not bring them back.
    expect(await listMyClassrooms(bob)).toEqual({ role: "learner", enrolled: [] });
    await expect(joinClassroom(bob, joinCode)).rejects.toThrow(/You were removed/);

    await changeClassroom(owner, classroomId, { action: "restore-learner", userId: bob.id });
    expect((await classroomRoster(owner, classroomId)).learners).toHaveLength(2);
    await expect(changeClassroom(owner, classroomId, { action: "remove-learner", userId: stranger.id })).rejects.toThrow(NotFoundError);
  });

  it("a rotated join code replaces the old one at once; a turned-off code admits nobody new", async () => {
    const newcomer = await makeUser("learner");
    const rotated = await changeClassroom(owner, classroomId, { action: "rotate-join-code" });
    expect(rotated.classroom.joinCode).not.toBe(joinCode);
    await expect(joinClassroom(newcomer, joinCode)).rejects.toThrow(NotFoundError);
    joinCode = rotated.classroom.joinCode;

    await changeClassroom(owner, classroomId, { action: "set-join-code-enabled", enabled: false });
    await expect(joinClassroom(newcomer, joinCode)).rejects.toThrow(/not taking new learners/);
    // Those already in are not affected.
    expect((await joinClassroom(ada, joinCode)).alreadyMember).toBe(true);
    await changeClassroom(owner, classroomId, { action: "set-join-code-enabled", enabled: true });
    expect((await joinClassroom(newcomer, joinCode)).alreadyMember).toBe(false);
  });
});

describe("archive", () => {
  it("an archived classroom is listed apart, read-only (409) and closed to joins, until restored", async () => {
    await changeClassroom(owner, classroomId, { action: "archive" });
    const mine = await listMyClassrooms(owner);
    if (mine.role !== "instructor") throw new Error("unreachable");
    expect(mine.owned.map((c) => c.id)).not.toContain(classroomId);
    expect(mine.archived.map((c) => c.id)).toEqual([classroomId]);
    // Still readable.
    expect((await classroomRoster(ta, classroomId)).learners.length).toBeGreaterThan(0);
    await expect(changeClassroom(owner, classroomId, { action: "rename", name: "Changed" })).rejects.toThrow(ConflictError);
    await expect(changeClassroom(owner, classroomId, { action: "remove-learner", userId: ada.id })).rejects.toThrow(ConflictError);
    await expect(joinClassroom(await makeUser("learner"), joinCode)).rejects.toThrow(/archived/);
    // A TA cannot restore it either.
    await expect(changeClassroom(ta, classroomId, { action: "restore" })).rejects.toThrow(ForbiddenError);
    await changeClassroom(owner, classroomId, { action: "restore" });
    expect((await classroomSettings(owner, classroomId)).classroom.archivedAt).toBeNull();
  });
});

describe("POST /api/instructor/classrooms/<id>/settings", () => {
  const ORIGIN = "http://localhost:43129";
  async function cookieOf(email: string, role: "instructor" | "learner"): Promise<{ cookie: string; id: string }> {
    const res = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email, password: "harbor-violet-42", name: email.split("@")[0] }),
      }),
    );
    expect(res.status).toBe(200);
    const user = await prisma.user.update({ where: { email }, data: { role }, select: { id: true } });
    return { cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), id: user.id };
  }
  const post = (id: string, body: unknown, cookie?: string) =>
    settingsRoute(
      new Request(`${ORIGIN}/api/instructor/classrooms/${id}/settings`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      { params: Promise.resolve({ id }) },
    );

  it("answers 200 to the owner, 403 to a TA, 404 to a stranger, 401 signed out, 400 to a bad body", async () => {
    const boss = await cookieOf("route-owner@test.example", "instructor");
    const helper = await cookieOf("route-ta@test.example", "instructor");
    const other = await cookieOf("route-other@test.example", "instructor");
    const learner = await cookieOf("route-learner@test.example", "learner");
    const room = await createClassroom({ id: boss.id, role: "instructor" }, "Route class");
    expect((await post(room.id, { action: "add-staff", email: "route-ta@test.example", role: "ta" }, boss.cookie)).status).toBe(200);

    const taRename = await post(room.id, { action: "rename", name: "Taken over" }, helper.cookie);
    expect(taRename.status).toBe(403);
    expect((await taRename.json()).error.code).toBe("forbidden");
    expect((await post(room.id, { action: "archive" }, helper.cookie)).status).toBe(403);
    expect((await post(room.id, { action: "rename", name: "Taken over" }, other.cookie)).status).toBe(404);
    expect((await post(room.id, { action: "rename", name: "Taken over" }, learner.cookie)).status).toBe(403);
    expect((await post(room.id, { action: "rename", name: "Taken over" })).status).toBe(401);
    expect((await post(room.id, { action: "explode" }, boss.cookie)).status).toBe(400);
    expect((await post(room.id, { action: "rename", name: 42 }, boss.cookie)).status).toBe(400);
    expect((await post(room.id, "{not json", boss.cookie)).status).toBe(400);
    expect((await post(room.id, { action: "rename", name: "\u0007bell" }, boss.cookie)).status).toBe(400);
    expect((await post(room.id, { action: "rename", name: "x".repeat(5000) }, boss.cookie)).status).toBe(413);

    const renamed = await post(room.id, { action: "rename", name: "Route class, renamed" }, boss.cookie);
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).settings.classroom.name).toBe("Route class, renamed");
    await post(room.id, { action: "archive" }, boss.cookie);
    expect((await post(room.id, { action: "rename", name: "Again" }, boss.cookie)).status).toBe(409);
  });
});
