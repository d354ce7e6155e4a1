// Regrades (lib/regrades.ts): an exercise's tolerance is tightened after a class submitted; the
// instructor's dry run grades the older submits again in the background through the grader pool
// and shows whose status would change, without changing anything; applying it updates the
// submissions, progress and gradebook, and keeps each original result. TAs cannot start or apply.
import { exercisesDir, SLUG_A } from "./helpers";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeGraderPool } from "../../grader/pool";
import type { Actor } from "../../lib/actor";
import { changeClassroom } from "../../lib/classroom-settings";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { ConflictError, ForbiddenError, NotFoundError } from "../../lib/domain-errors";
import { syncExercises } from "../../lib/exercise-sync";
import { gradeSubmission } from "../../lib/grading";
import { classroomGradebook } from "../../lib/instructor/dashboard";
import { progressFor } from "../../lib/progress";
import { applyRegrade, regradeOverview, regradeView, startRegrade, type RegradeView } from "../../lib/regrades";
import { getSubmission } from "../../lib/submissions";
import { makeUser, prisma } from "./fixtures";

process.env.EXERCISES_RECHECK_MS = "0";
const metaFile = path.join(exercisesDir, SLUG_A, "exercise.json");
const originalMeta = readFileSync(metaFile, "utf8");
const reference = readFileSync(path.join(exercisesDir, SLUG_A, "reference.ts"), "utf8");
/** Off by a relative 1e-5: within a tolerance of 1e-4, outside 1e-6. */
const NEARLY = reference.replace("return Math.tanh(s);", "return Math.tanh(s) * (1 + 1e-5);");

function setRtol(rtol: number): void {
  const meta = JSON.parse(originalMeta);
  writeFileSync(metaFile, JSON.stringify({ ...meta, tolerance: { ...meta.tolerance, rtol } }, null, 2));
}

type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U, ta: U, exact: U, nearly: U;
let classroomId: string;
let nearlySubmit: string;

async function submit(learner: Actor, code: string): Promise<string> {
  const outcome = await gradeSubmission({ slug: SLUG_A, mode: "submit", body: { code }, learner: { key: `user:${learner.id}`, userId: learner.id, actor: learner } });
  if (!outcome.ok) throw new Error(`submit refused: ${outcome.message}`);
  return outcome.submission!.id;
}

async function untilGraded(id: string): Promise<RegradeView> {
  // Background work: wait for its outcome (not for a time).
  for (;;) {
    const view = await regradeView(owner, classroomId, id);
    if (view.status !== "grading") return view;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function solvedColumn(learner: U): Promise<string> {
  const { csv } = await classroomGradebook(owner, classroomId);
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
  return rows.find((r) => r[0] === learner.email)![header.indexOf("Solved")];
}

beforeAll(async () => {
  setRtol(1e-4);
  await syncExercises();
  [owner, ta] = await Promise.all([makeUser("instructor", "Olga Owner"), makeUser("instructor", "Tara Ta")]);
  [exact, nearly] = await Promise.all([makeUser("learner", "Ed Exact"), makeUser("learner", "Nora Nearly")]);
  const room = await createClassroom(owner, "Regrade class");
  classroomId = room.id;
  await joinClassroom(exact, room.joinCode);
  await joinClassroom(nearly, room.joinCode);
  await changeClassroom(owner, classroomId, { action: "add-staff", email: ta.email, role: "ta" });
  await submit(exact, reference);
  nearlySubmit = await submit(nearly, NEARLY);
});

afterAll(async () => {
  writeFileSync(metaFile, originalMeta);
  await closeGraderPool();
});

describe("regrade after a tolerance change", () => {
  it("under the loose tolerance both learners solved the exercise", async () => {
    expect((await progressFor(nearly))[SLUG_A].state).toBe("solved");
    expect((await progressFor(exact))[SLUG_A].state).toBe("solved");
  });

  it("the tolerance is tightened: the dry run finds the one learner whose status would change, and changes nothing", async () => {
    setRtol(1e-6);
    await syncExercises();
    const overview = await regradeOverview(owner, classroomId);
    expect(overview.find((r) => r.slug === SLUG_A)?.olderSubmits).toBe(2);

    await expect(startRegrade(ta, classroomId, { exercise: SLUG_A })).rejects.toThrow(ForbiddenError);
    await expect(startRegrade(owner, classroomId, { exercise: "99-nope" })).rejects.toThrow(NotFoundError);
    const started = await startRegrade(owner, classroomId, { exercise: SLUG_A });
    expect(started.total).toBe(2);
    const view = await untilGraded(started.id);
    expect(view).toMatchObject({ status: "graded", total: 2, done: 2, changedSubmits: 1 });
    expect(view.changes).toEqual([{ learnerId: nearly.id, name: "Nora Nearly", before: { solved: true, bestScore: 1 }, after: { solved: false, bestScore: expect.any(Number) } }]);
    expect(view.changes[0].after.bestScore).toBeLessThan(1);
    // A TA sees it too.
    expect((await regradeView(ta, classroomId, started.id)).changes).toHaveLength(1);
    // Nothing changed for learners yet.
    expect((await progressFor(nearly))[SLUG_A].state).toBe("solved");
    expect((await getSubmission(nearly, nearlySubmit)).verdict).toBe("pass");

    await expect(applyRegrade(ta, classroomId, started.id)).rejects.toThrow(ForbiddenError);
    const applied = await applyRegrade(owner, classroomId, started.id);
    expect(applied.status).toBe("applied");
    expect(applied.changes.map((c) => [c.name, c.before.solved, c.after.solved])).toEqual([["Nora Nearly", true, false]]);

    // Statuses, submissions and the gradebook follow; the exact learner keeps their solve.
    expect((await progressFor(nearly))[SLUG_A]).toMatchObject({ state: "attempted", solvedAt: null });
    expect((await progressFor(exact))[SLUG_A].state).toBe("solved");
    const regraded = await getSubmission(nearly, nearlySubmit);
    expect(regraded.verdict).toBe("fail");
    expect(regraded.passed).toBeLessThan(regraded.total);
    expect(await solvedColumn(nearly)).toBe("0");
    expect(await solvedColumn(exact)).toBe("1");
    // The original result is kept with the regrade.
    const kept = await prisma.regradeResult.findFirst({ where: { submissionId: nearlySubmit }, select: { original: true, verdict: true } });
    expect(kept?.verdict).toBe("fail");
    expect(JSON.parse(kept!.original!)).toMatchObject({ verdict: "pass" });
    expect((await regradeOverview(owner, classroomId)).find((r) => r.slug === SLUG_A)?.olderSubmits).toBe(0);

    await expect(applyRegrade(owner, classroomId, started.id)).rejects.toThrow(ConflictError);
  });

  it("a regrade of nothing older is done at once; other classrooms' regrades are not found", async () => {
    const view = await startRegrade(owner, classroomId, { exercise: SLUG_A });
    expect(view).toMatchObject({ status: "graded", total: 0, changes: [] });
    const other = await createClassroom(owner, "Another class");
    await expect(regradeView(owner, other.id, view.id)).rejects.toThrow(NotFoundError);
    await expect(regradeView(await makeUser("instructor"), classroomId, view.id)).rejects.toThrow(NotFoundError);
  });
});

describe("an interrupted regrade", () => {
  it("a regrade left grading by a restart shows as failed and does not block a new one", async () => {
    const exercise = await prisma.exercise.findUniqueOrThrow({ where: { slug: SLUG_A }, select: { id: true, versions: { take: 1, select: { id: true } } } });
    const stuck = await prisma.regrade.create({
      data: { classroomId, exerciseId: exercise.id, versionId: exercise.versions[0].id, createdById: owner.id, status: "grading", total: 5, done: 2 },
      select: { id: true },
    });
    expect(await regradeView(owner, classroomId, stuck.id)).toMatchObject({ status: "failed", error: expect.stringContaining("interrupted") });
    await prisma.regrade.update({ where: { id: stuck.id }, data: { status: "grading", error: null } });
    const fresh = await startRegrade(owner, classroomId, { exercise: SLUG_A });
    expect(fresh.id).not.toBe(stuck.id);
    expect((await prisma.regrade.findUniqueOrThrow({ where: { id: stuck.id }, select: { status: true } })).status).toBe("failed");
  });
});

describe("regrade routes", () => {
  const ORIGIN = "http://localhost:43151";
  it("start: 401 signed out, 403 learner and TA, 404 stranger, 400 bad body, 200 owner; TAs read progress; apply is the managers'", async () => {
    const { signedUpAccount } = await import("../instructor/session-accounts");
    const { POST: start } = await import("../../app/api/instructor/classrooms/[id]/regrades/route");
    const { GET: read } = await import("../../app/api/instructor/classrooms/[id]/regrades/[regradeId]/route");
    const { POST: apply } = await import("../../app/api/instructor/classrooms/[id]/regrades/[regradeId]/apply/route");
    const [boss, assistant, stranger, pupil] = await Promise.all([
      signedUpAccount(ORIGIN, "regrade.example", "Rita Owner", "instructor"),
      signedUpAccount(ORIGIN, "regrade.example", "Rita Ta", "instructor"),
      signedUpAccount(ORIGIN, "regrade.example", "Rita Stranger", "instructor"),
      signedUpAccount(ORIGIN, "regrade.example", "Rita Pupil", "learner"),
    ]);
    const room = await createClassroom(boss, "Route regrades");
    await changeClassroom(boss, room.id, { action: "add-staff", email: assistant.email, role: "ta" });
    const base = `${ORIGIN}/api/instructor/classrooms/${room.id}/regrades`;
    const post = (body: string, cookie?: string) =>
      start(new Request(base, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie } : {}) }, body }), { params: Promise.resolve({ id: room.id }) });
    const good = JSON.stringify({ exercise: SLUG_A });
    expect((await post(good)).status).toBe(401);
    expect((await post(good, pupil.cookie)).status).toBe(403);
    expect((await post(good, assistant.cookie)).status).toBe(403);
    expect((await post(good, stranger.cookie)).status).toBe(404);
    expect((await post(JSON.stringify({ exercise: "../etc" }), boss.cookie)).status).toBe(400);
    expect((await post(JSON.stringify({ exercise: "42-not-there" }), boss.cookie)).status).toBe(404);
    const ok = await post(good, boss.cookie);
    expect(ok.status).toBe(200);
    const { regrade } = (await ok.json()) as { regrade: { id: string; status: string; total: number } };
    expect(regrade).toMatchObject({ status: "graded", total: 0 });
    const ctx = { params: Promise.resolve({ id: room.id, regradeId: regrade.id }) };
    const got = await read(new Request(`${base}/${regrade.id}`, { headers: { cookie: assistant.cookie } }), ctx);
    expect(got.status).toBe(200);
    expect((await read(new Request(`${base}/${regrade.id}`, { headers: { cookie: stranger.cookie } }), { params: Promise.resolve({ id: room.id, regradeId: regrade.id }) })).status).toBe(404);
    const applyAs = (cookie: string) =>
      apply(new Request(`${base}/${regrade.id}/apply`, { method: "POST", headers: { origin: ORIGIN, cookie } }), { params: Promise.resolve({ id: room.id, regradeId: regrade.id }) });
    expect((await applyAs(assistant.cookie)).status).toBe(403);
    expect((await applyAs(boss.cookie)).status).toBe(200);
    expect((await applyAs(boss.cookie)).status).toBe(409);
  });
});
