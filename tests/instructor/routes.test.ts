// The instructor routes as Next.js calls them, with real better-auth session cookies: signed out
// → 401, a learner → 403, another instructor's classroom → 404 exactly like a made-up id, and
// nothing of the classroom, its learners or the exercises' secrets in any refusal.
import { SLUG_A, SLUG_B } from "../db/helpers";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { GET as gradebook } from "../../app/api/instructor/classrooms/[id]/gradebook/route";
import { POST as check } from "../../app/api/instructor/exercises/[slug]/check/route";
import { loadCatalogue } from "../../grader/exercises";
import { closeGraderPool } from "../../grader/pool";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { ForbiddenError, UnauthenticatedError } from "../../lib/domain-errors";
import { classroomDashboard, classroomGradebook, instructorOverview } from "../../lib/instructor/dashboard";
import { exercisePreview, runExerciseLive } from "../../lib/instructor/preview";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, prisma, syncFixtureExercises } from "../db/fixtures";
import { signedUpAccount, type Account } from "./session-accounts";
import { allSecretNeedles, findInText, type Needle } from "../web/leak-scan";

const ORIGIN = "http://localhost:43128";
const SECRET_CODE = "export function rnnStep() { /* Zed's private attempt */ }";

function account(name: string, role: "learner" | "instructor"): Promise<Account> {
  return signedUpAccount(ORIGIN, "test.example", name, role);
}

function getGradebook(id: string, who?: Account) {
  const request = new Request(`${ORIGIN}/api/instructor/classrooms/${id}/gradebook`, { headers: who ? { cookie: who.cookie } : {} });
  return gradebook(request, { params: Promise.resolve({ id }) });
}

function postCheck(slug: string, body: unknown, who?: Account) {
  const request = new Request(`${ORIGIN}/api/instructor/exercises/${slug}/check`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, ...(who ? { cookie: who.cookie } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return check(request, { params: Promise.resolve({ slug }) });
}

let teacher: Account;
let otherTeacher: Account;
let zed: Account; // learner in teacher's classroom
let classroomId: string;
let needles: Needle[];

/** The response is JSON with this status and contains nothing private. */
async function expectRefusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  const text = await res.text();
  expect(JSON.parse(text)).toMatchObject({ error: { code } });
  for (const secret of [SECRET_CODE, "private attempt", zed.name, zed.email, zed.id, "Zed's class", "DEMO"]) expect(text).not.toContain(secret);
  expect(findInText("refusal", text, needles)).toEqual([]);
  expect(text).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  await syncFixtureExercises();
  needles = (await allSecretNeedles()).filter((n) => n.slug === SLUG_A);
  teacher = await account("Teacher", "instructor");
  otherTeacher = await account("Other Teacher", "instructor");
  zed = await account("Zed, the \"learner\"", "learner");
  const room = await createClassroom(teacher, "Zed's class");
  classroomId = room.id;
  await createClassroom(otherTeacher, "Unrelated class");
  await joinClassroom(zed, room.joinCode);
  await recordSubmission(zed, { slug: SLUG_A, kind: "submit", code: SECRET_CODE, result: gradeResult(SLUG_A, "submit", 2, 4) });
  await recordSubmission(zed, { slug: SLUG_A, kind: "submit", code: SECRET_CODE, result: gradeResult(SLUG_A, "submit", 4, 4) });
});

afterAll(async () => {
  await closeGraderPool();
});

describe("GET /api/instructor/classrooms/<id>/gradebook", () => {
  it("gives the owner the CSV as a download", async () => {
    const res = await getGradebook(classroomId, teacher);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="gradebook-zed-s-class-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("Email,Name,Total (%),01 One vanilla RNN step (practice best %),02 Copy of step one (practice best %),Solved,Last activity (UTC)");
    expect(lines[1]).toMatch(/^zed-the-learner-@test\.example,"Zed, the ""learner""",,100,,1,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(lines[2]).toBe("");
    expect(bytes.toString("utf8")).not.toContain(SECRET_CODE);
  });

  it("signed out → 401", async () => {
    await expectRefusal(await getGradebook(classroomId), 401, "unauthenticated");
  });

  it("a learner, even one in the classroom → 403", async () => {
    await expectRefusal(await getGradebook(classroomId, zed), 403, "forbidden");
  });

  it("another instructor's classroom → 404, the same answer as a made-up id", async () => {
    const theirs = await getGradebook(classroomId, otherTeacher);
    const madeUp = await getGradebook("no-such-classroom", otherTeacher);
    const huge = await getGradebook("x".repeat(500), otherTeacher);
    await expectRefusal(theirs.clone(), 404, "not-found");
    await expectRefusal(madeUp.clone(), 404, "not-found");
    expect(await theirs.text()).toBe(await madeUp.text());
    expect(huge.status).toBe(404);
  });
});

describe("POST /api/instructor/exercises/<slug>/check", () => {
  it("signed out → 401, learner → 403, no grading and no secrets", async () => {
    await expectRefusal(await postCheck(SLUG_A, {}), 401, "unauthenticated");
    await expectRefusal(await postCheck(SLUG_A, {}, zed), 403, "forbidden");
    await expectRefusal(await postCheck(SLUG_A, { only: "reference" }, zed), 403, "forbidden");
  });

  it("bad requests get a clear 4xx", async () => {
    await expectRefusal(await postCheck("99-no-such", {}, teacher), 404, "not-found");
    await expectRefusal(await postCheck("../etc", {}, teacher), 404, "not-found");
    const badOnly = await postCheck(SLUG_A, { only: "everything!" }, teacher);
    expect(badOnly.status).toBe(400);
    expect((await badOnly.json()).error.message).toMatch(/reference.*starter.*mistake/);
    expect((await postCheck(SLUG_A, "{not json", teacher)).status).toBe(400);
    expect((await postCheck(SLUG_A, { only: "mistake:not-a-mistake" }, teacher)).status).toBe(404);
  });

  it("is rate-limited per instructor like Run and Submit", async () => {
    // The defaults, whatever the environment running the tests says.
    vi.stubEnv("RATE_LIMIT_PER_MINUTE", "30");
    vi.stubEnv("RATE_LIMIT_BURST", "10");
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const busy = await account("Busy Teacher", "instructor");
    const answers: number[] = [];
    // Malformed requests still cost a token: hammering cannot get around the limit.
    for (let i = 0; i < 12; i++) answers.push((await postCheck(SLUG_A, { only: "nope" }, busy)).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(400));
    const limited = await postCheck(SLUG_A, {}, busy);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.message).toMatch(/Try again in/);
    // Other instructors are not affected.
    expect((await postCheck(SLUG_A, { only: "nope" }, otherTeacher)).status).toBe(400);
  });

  it("grades the reference, the starter and every mistake in the real grader", async () => {
    const res = await postCheck(SLUG_A, {}, teacher);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Awaited<ReturnType<typeof runExerciseLive>>;
    const ex = loadCatalogue(process.env.EXERCISES_DIR).exercises.find((e) => e.slug === SLUG_A)!;
    const mistakes = ex.mistakes.map((m) => `mistake:${m.id}`);
    const solutions = ex.solutions.map((s) => `solution:${s.name}`);
    expect(solutions.length).toBeGreaterThan(0);
    expect(body.runs.map((r) => r.id)).toEqual(["reference", ...solutions, "starter", ...mistakes]);
    for (const r of body.runs) {
      expect(r.ok, `${r.id}: ${r.result.status}`).toBe(true);
      expect(r.result.seed).toBe(body.seed);
    }
    const reference = body.runs[0].result;
    expect(reference.status).toBe("pass");
    expect(reference.passed).toBe(reference.total);
    expect(reference.tests.some((t) => t.kind === "hidden")).toBe(true);
    const noTanh = body.runs.find((r) => r.id === "mistake:no-tanh")!.result;
    expect(noTanh.status).toBe("fail");
    expect(noTanh.tests.some((t) => t.hint?.id === "no-tanh")).toBe(true);

    const one = await postCheck(SLUG_A, { only: "mistake:forgot-bias" }, teacher);
    expect(((await one.json()) as typeof body).runs.map((r) => [r.id, r.ok])).toEqual([["mistake:forgot-bias", true]]);
  });
});

describe("domain functions behind the pages", () => {
  it("refuse learners and the signed-out with 403/401 before doing anything", async () => {
    await expect(instructorOverview(zed)).rejects.toThrow(ForbiddenError);
    await expect(classroomDashboard(zed, classroomId)).rejects.toThrow(ForbiddenError);
    await expect(classroomGradebook(zed, classroomId)).rejects.toThrow(ForbiddenError);
    await expect(exercisePreview(zed, SLUG_A)).rejects.toThrow(ForbiddenError);
    await expect(runExerciseLive(zed, SLUG_A)).rejects.toThrow(ForbiddenError);
    await expect(classroomDashboard(null as never, classroomId)).rejects.toThrow(UnauthenticatedError);
  });

  it("another instructor sees none of this classroom", async () => {
    const overview = await instructorOverview(otherTeacher);
    expect(overview.classrooms.map((c) => c.name)).toEqual(["Unrelated class"]);
    await expect(classroomDashboard(otherTeacher, classroomId)).rejects.toThrow("No such classroom.");
  });

  it("the owner's dashboard has the learner's cells and per-exercise statistics", async () => {
    const dash = await classroomDashboard(teacher, classroomId);
    expect(dash.classroom.learnerCount).toBe(1);
    expect(dash.matrix.exercises.map((e) => e.slug)).toEqual([SLUG_A, SLUG_B]);
    expect(dash.matrix.rows).toHaveLength(1);
    expect(dash.matrix.rows[0]).toMatchObject({ name: zed.name, solved: 1 });
    expect(dash.matrix.rows[0].cells[0]).toMatchObject({ state: "solved", attempts: 2, runs: 0, bestScore: 1, failedSubmits: 1, stuck: false });
    expect(dash.matrix.rows[0].cells[0].lastPass).not.toBeNull();
    expect(dash.matrix.solvedPerExercise).toEqual([1, 0]);
    const [a] = dash.stats;
    expect(a).toMatchObject({ attempts: 2, solved: 1, shareSolved: 1, medianAttemptsToSolve: 2 });
    // gradeResult(…, 2, 4) fails "case 3" and "case 4" with the no-tanh hint.
    expect(a.failingTests.map((t) => [t.name, t.failures])).toEqual([
      ["case 3", 1],
      ["case 4", 1],
    ]);
    expect(a.mistakes.find((m) => m.id === "no-tanh")).toMatchObject({ matches: 1, learners: 1 });
    expect(JSON.stringify(dash)).not.toContain(SECRET_CODE);
  });
});
