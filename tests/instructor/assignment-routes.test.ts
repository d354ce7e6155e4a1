// Assignments through their routes as Next.js calls them, with real session cookies: the owner
// creates one and gives an extension; bad input is a 400 naming the field, never a 5xx; learners
// 403, signed out 401, someone else's classroom 404. Then what the learner sees: released
// assignments only, their due time, scores and late submits.
import { SLUG_A, SLUG_B } from "../db/helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "../../app/api/instructor/classrooms/[id]/assignments/route";
import { DELETE as deleteRoute, PUT as updateRoute } from "../../app/api/instructor/classrooms/[id]/assignments/[assignmentId]/route";
import { PUT as extensionRoute } from "../../app/api/instructor/classrooms/[id]/assignments/[assignmentId]/extensions/route";
import { learnerAssignments } from "../../lib/assignments";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { classroomGradebook } from "../../lib/instructor/dashboard";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, prisma, syncFixtureExercises } from "../db/fixtures";
import { signedUpAccount, type Account } from "./session-accounts";

const ORIGIN = "http://localhost:43129";
const HOUR = 3_600_000;

function account(name: string, role: "learner" | "instructor"): Promise<Account> {
  return signedUpAccount(ORIGIN, "assign.example", name, role);
}

function send(method: "POST" | "PUT" | "DELETE", url: string, body: unknown, who?: Account, contentType = "application/json") {
  return new Request(`${ORIGIN}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": contentType }), origin: ORIGIN, ...(who ? { cookie: who.cookie } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

function create(id: string, body: unknown, who?: Account, contentType?: string) {
  return createRoute(send("POST", `/api/instructor/classrooms/${id}/assignments`, body, who, contentType), { params: Promise.resolve({ id }) });
}

function extend(id: string, assignmentId: string, body: unknown, who?: Account) {
  return extensionRoute(send("PUT", `/api/instructor/classrooms/${id}/assignments/${assignmentId}/extensions`, body, who), {
    params: Promise.resolve({ id, assignmentId }),
  });
}

function update(id: string, assignmentId: string, body: unknown, who?: Account) {
  return updateRoute(send("PUT", `/api/instructor/classrooms/${id}/assignments/${assignmentId}`, body, who), {
    params: Promise.resolve({ id, assignmentId }),
  });
}

function remove(id: string, assignmentId: string, who?: Account) {
  return deleteRoute(send("DELETE", `/api/instructor/classrooms/${id}/assignments/${assignmentId}`, undefined, who), {
    params: Promise.resolve({ id, assignmentId }),
  });
}

let teacher: Account;
let other: Account;
let ada: Account;
let bob: Account;
let classroomId: string;

const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

function valid(overrides: Record<string, unknown> = {}) {
  return {
    title: "Week 1",
    exercises: [SLUG_B, SLUG_A],
    releaseAt: iso(-48 * HOUR),
    dueAt: iso(-24 * HOUR),
    latePolicy: { kind: "penalty", percentPerDay: 10, cutoffDays: 3 },
    ...overrides,
  };
}

beforeAll(async () => {
  await syncFixtureExercises();
  teacher = await account("Assign Teacher", "instructor");
  other = await account("Assign Other", "instructor");
  ada = await account("Ada Assign", "learner");
  bob = await account("Bob Assign", "learner");
  const room = await createClassroom(teacher, "Assignments class");
  classroomId = room.id;
  await joinClassroom(ada, room.joinCode);
  await joinClassroom(bob, room.joinCode);
});

describe("POST /api/instructor/classrooms/<id>/assignments", () => {
  it("creates an assignment with its exercises in the given order", async () => {
    const res = await create(classroomId, valid(), teacher);
    expect(res.status).toBe(200);
    const { assignment } = await res.json();
    expect(assignment).toMatchObject({ title: "Week 1", latePolicy: { kind: "penalty", percentPerDay: 10, cutoffDays: 3 } });
    expect(assignment.exercises.map((e: { slug: string }) => e.slug)).toEqual([SLUG_B, SLUG_A]);
  });

  it.each([
    ["no title", valid({ title: "  " }), "title"],
    ["no exercises", valid({ exercises: [] }), "exercises"],
    ["an unknown exercise", valid({ exercises: ["99-nope"] }), "exercises"],
    ["an exercise twice", valid({ exercises: [SLUG_A, SLUG_A] }), "exercises"],
    ["due before release", valid({ dueAt: iso(-72 * HOUR) }), "dueAt"],
    ["a date that is not one", valid({ dueAt: "next friday" }), "dueAt"],
    ["a penalty over 100 %", valid({ latePolicy: { kind: "penalty", percentPerDay: 150, cutoffDays: 2 } }), "latePolicy"],
    ["a negative cut-off", valid({ latePolicy: { kind: "penalty", percentPerDay: 10, cutoffDays: -1 } }), "latePolicy"],
    ["an unknown late policy", valid({ latePolicy: { kind: "lenient" } }), "latePolicy"],
  ])("%s → 400 naming the field", async (_what, body, field) => {
    const res = await create(classroomId, body, teacher);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toContain(field);
  });

  it("malformed or non-JSON bodies are 400 / 415, an oversized one 413", async () => {
    expect((await create(classroomId, "{not json", teacher)).status).toBe(400);
    expect((await create(classroomId, "[1,2]", teacher)).status).toBe(400);
    expect((await create(classroomId, "title=x", teacher, "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await create(classroomId, valid({ title: "x".repeat(10_000) }), teacher)).status).toBe(413);
  });

  it("signed out 401, a learner 403, another instructor's classroom 404 like a made-up id", async () => {
    expect((await create(classroomId, valid(), undefined)).status).toBe(401);
    expect((await create(classroomId, valid(), ada)).status).toBe(403);
    const theirs = await create(classroomId, valid(), other);
    const madeUp = await create("no-such-classroom", valid(), other);
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toBe(await madeUp.text());
  });
});

describe("PUT …/assignments/<assignmentId>/extensions", () => {
  it("gives one learner a later due time, refuses strangers and bad dates, and removes it", async () => {
    const { assignment } = await (await create(classroomId, valid({ title: "Extended" }), teacher)).json();
    const later = iso(24 * HOUR);
    const ok = await extend(classroomId, assignment.id, { learnerId: ada.id, dueAt: later }, teacher);
    expect(ok.status).toBe(200);
    expect((await ok.json()).extension).toMatchObject({ learnerId: ada.id, email: ada.email });

    expect((await extend(classroomId, assignment.id, { learnerId: teacher.id, dueAt: later }, teacher)).status).toBe(400);
    expect((await extend(classroomId, assignment.id, { learnerId: ada.id, dueAt: "soon" }, teacher)).status).toBe(400);
    expect((await extend(classroomId, assignment.id, { dueAt: later }, teacher)).status).toBe(400);
    expect((await extend(classroomId, "made-up", { learnerId: ada.id, dueAt: later }, teacher)).status).toBe(404);
    expect((await extend(classroomId, assignment.id, { learnerId: ada.id, dueAt: later }, other)).status).toBe(404);
    expect((await extend(classroomId, assignment.id, { learnerId: ada.id, dueAt: later }, bob)).status).toBe(403);

    const adaView = (await learnerAssignments(ada)).find((c) => c.classroomId === classroomId)!;
    const mine = adaView.assignments.find((a) => a.title === "Extended")!;
    expect(mine.extended).toBe(true);
    expect(mine.dueAt.toISOString()).toBe(later);
    expect(mine.overdue).toBe(false);
    const bobs = (await learnerAssignments(bob)).find((c) => c.classroomId === classroomId)!.assignments.find((a) => a.title === "Extended")!;
    expect(bobs.extended).toBe(false);
    expect(bobs.overdue).toBe(true);

    expect((await extend(classroomId, assignment.id, { learnerId: ada.id, dueAt: null }, teacher)).status).toBe(200);
    const after = (await learnerAssignments(ada)).find((c) => c.classroomId === classroomId)!.assignments.find((a) => a.title === "Extended")!;
    expect(after.extended).toBe(false);
  });
});

describe("PUT and DELETE …/assignments/<assignmentId>", () => {
  it("an edit replaces title, exercises, times and policy, keeps extensions, and learners and scores follow at once", async () => {
    // Cy is a learner of their own here, so their submit leaves the other tests' numbers alone.
    const cy = await account("Cy Assign", "learner");
    await joinClassroom(cy, (await prisma.classroom.findUniqueOrThrow({ where: { id: classroomId } })).joinCode);
    const { assignment } = await (await create(classroomId, valid({ title: "Draft week", exercises: [SLUG_A], dueAt: iso(-1 * HOUR) }), teacher)).json();
    await extend(classroomId, assignment.id, { learnerId: ada.id, dueAt: iso(24 * HOUR) }, teacher);
    await recordSubmission(cy, { slug: SLUG_A, kind: "submit", code: "x", result: gradeResult(SLUG_A, "submit", 4, 4) });
    const before = (await learnerAssignments(cy)).find((c) => c.classroomId === classroomId)!.assignments.find((a) => a.id === assignment.id)!;
    expect(before.exercises[0].late).toBe(true);

    // The instructor moves the due time a day later, adds exercise B first and drops the late penalty.
    const res = await update(
      classroomId,
      assignment.id,
      valid({ title: "Week 2", exercises: [SLUG_B, SLUG_A], dueAt: iso(24 * HOUR), latePolicy: { kind: "none" } }),
      teacher,
    );
    expect(res.status).toBe(200);
    const edited = (await res.json()).assignment;
    expect(edited).toMatchObject({ id: assignment.id, title: "Week 2", latePolicy: { kind: "none" } });
    expect(edited.exercises.map((e: { slug: string }) => e.slug)).toEqual([SLUG_B, SLUG_A]);

    const after = (await learnerAssignments(cy)).find((c) => c.classroomId === classroomId)!.assignments.find((a) => a.id === assignment.id)!;
    expect(after.title).toBe("Week 2");
    expect(after.exercises.map((e) => e.slug)).toEqual([SLUG_B, SLUG_A]);
    // Cy's pass on A is now on time: full credit for A, nothing yet for B.
    expect(after.exercises[1]).toMatchObject({ slug: SLUG_A, late: false });
    expect(after.score).toBeCloseTo(0.5);
    const adas = (await learnerAssignments(ada)).find((c) => c.classroomId === classroomId)!.assignments.find((a) => a.id === assignment.id)!;
    expect(adas.extended).toBe(true);
  });

  it("bad edits are 400 naming the field and change nothing; others 401/403/404", async () => {
    const { assignment } = await (await create(classroomId, valid({ title: "Kept as is" }), teacher)).json();
    const bad = await update(classroomId, assignment.id, valid({ exercises: ["99-no-such"] }), teacher);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("exercises");
    expect((await update(classroomId, assignment.id, valid({ dueAt: iso(-72 * HOUR) }), teacher)).status).toBe(400);
    expect((await update(classroomId, assignment.id, "{not json", teacher)).status).toBe(400);
    expect((await update(classroomId, assignment.id, valid({ title: "x" }), undefined)).status).toBe(401);
    expect((await update(classroomId, assignment.id, valid({ title: "x" }), ada)).status).toBe(403);
    expect((await update(classroomId, assignment.id, valid({ title: "x" }), other)).status).toBe(404);
    expect((await update(classroomId, "made-up", valid({ title: "x" }), teacher)).status).toBe(404);
    const titles = (await learnerAssignments(bob)).find((c) => c.classroomId === classroomId)!.assignments.map((a) => a.title);
    expect(titles).toContain("Kept as is");
    expect(titles).not.toContain("x");
  });

  it("delete removes the assignment and its gradebook column; learners keep their submissions", async () => {
    const { assignment } = await (await create(classroomId, valid({ title: "To delete" }), teacher)).json();
    await extend(classroomId, assignment.id, { learnerId: ada.id, dueAt: iso(24 * HOUR) }, teacher);
    const submitsBefore = await prisma.submission.count({ where: { userId: bob.id } });
    expect((await remove(classroomId, assignment.id, ada)).status).toBe(403);
    expect((await remove(classroomId, assignment.id, other)).status).toBe(404);
    const res = await remove(classroomId, assignment.id, teacher);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true });
    expect((await remove(classroomId, assignment.id, teacher)).status).toBe(404);
    const titles = (await learnerAssignments(ada)).find((c) => c.classroomId === classroomId)!.assignments.map((a) => a.title);
    expect(titles).not.toContain("To delete");
    const { csv } = await classroomGradebook(teacher, classroomId);
    expect(csv).not.toContain("To delete");
    expect(await prisma.submission.count({ where: { userId: bob.id } })).toBe(submitsBefore);
    expect(await prisma.assignmentExtension.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });
});

describe("what learners see", () => {
  it("released assignments only, with scores; a submit after the due time is late and penalised", async () => {
    await create(classroomId, valid({ title: "Not yet", releaseAt: iso(24 * HOUR), dueAt: iso(48 * HOUR) }), teacher);
    const { assignment } = await (
      await create(classroomId, valid({ title: "Scored", exercises: [SLUG_A, SLUG_B], dueAt: iso(-1 * HOUR) }), teacher)
    ).json();
    // Bob passes exercise A now: one hour late, so 10 % off. Exercise B: nothing.
    await recordSubmission(bob, { slug: SLUG_A, kind: "submit", code: "x", result: gradeResult(SLUG_A, "submit", 4, 4) });
    const view = (await learnerAssignments(bob)).find((c) => c.classroomId === classroomId)!;
    expect(view.assignments.map((a) => a.title)).not.toContain("Not yet");
    const scored = view.assignments.find((a) => a.id === assignment.id)!;
    expect(scored.exercises[0]).toMatchObject({ slug: SLUG_A, late: true, lateSubmits: 1, submits: 1 });
    expect(scored.exercises[0].score).toBeCloseTo(0.9);
    expect(scored.score).toBeCloseTo(0.45);

    // The gradebook has the same numbers, keyed by email.
    const { csv } = await classroomGradebook(teacher, classroomId);
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    const header = lines[0].split(",");
    expect(header[0]).toBe("Email");
    const bobRow = lines.find((l) => l.startsWith(bob.email))!.split(",");
    expect(bobRow[header.indexOf("Scored (%)")]).toBe("45");
    expect(bobRow[header.indexOf(`Scored: 01 One vanilla RNN step (%)`)]).toBe("90");
    expect(header).toContain("Total (%)");
  });
});
