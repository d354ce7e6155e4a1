// A new exercise is data: scaffold a folder with `npm run exercises:new`, fill it in, and it
// passes `exercises:check`, shows up in the running app's catalogue (no restart), becomes a
// column of the classroom dashboard and the gradebook, and grades in the grader, with no code
// change anywhere. Works on a private copy of exercises/.
import { root, tmpDir } from "../db/helpers";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeGraderPool, getGraderPool } from "../../grader/pool";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { getCatalogue, listExerciseSummaries } from "../../lib/exercise-catalogue";
import { syncCatalogueToDatabase } from "../../lib/instructor/catalogue-sync";
import { classroomDashboard, classroomGradebook, instructorOverview } from "../../lib/instructor/dashboard";
import { exercisePreview, runExerciseLive } from "../../lib/instructor/preview";
import { recordSubmission } from "../../lib/submissions";
import { decodeWire } from "../../grader/wire";
import { gradeResult, makeUser } from "../db/fixtures";

const dir = path.join(tmpDir, "exercises-copy");
cpSync(path.join(root, "exercises"), dir, { recursive: true });
process.env.EXERCISES_DIR = dir;
process.env.EXERCISES_RECHECK_MS = "0"; // notice new files at once, as a dev server would within 0.5 s

const SLUG = "12-scale-vector";
const REFERENCE = `export function scaleVector(v: number[], k: number): number[] {
  return v.map((x) => x * k);
}
`;

function npm(...args: string[]) {
  const r = spawnSync("npm", ["run", "--silent", ...args], {
    cwd: root,
    env: { ...process.env, EXERCISES_DIR: dir },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

let teacher: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;
let classroomId: string;

beforeAll(async () => {
  await syncCatalogueToDatabase();
  teacher = await makeUser("instructor", "Teacher");
  learner = await makeUser("learner", "Lea");
  const room = await createClassroom(teacher, "Authoring class");
  classroomId = room.id;
  await joinClassroom(learner, room.joinCode);
});

afterAll(async () => {
  await closeGraderPool();
});

describe("adding an exercise folder", () => {
  it("before: the app has the eleven exercises of the copy", async () => {
    expect(getCatalogue().exercises.map((e) => e.slug)).not.toContain(SLUG);
    const dash = await classroomDashboard(teacher, classroomId);
    expect(dash.matrix.exercises).toHaveLength(11);
  });

  it("exercises:new scaffolds the next folder, which exercises:check rejects until the reference is written", () => {
    const made = npm("exercises:new", "--", "scale-vector", "--title", "Scale a vector");
    expect(made.status, made.out).toBe(0);
    expect(made.out).toContain(`Created exercises/${SLUG}/`);
    const unfilled = npm("exercises:check", "--", SLUG);
    expect(unfilled.status, unfilled.out).not.toBe(0);
    // The messages name the file to fix.
    expect(unfilled.out).toContain(`${SLUG}/reference.ts`);
    expect(unfilled.out).toContain(`${SLUG}/statement.md`);
  }, 120_000);

  it("filled in, it passes exercises:check", () => {
    writeFileSync(path.join(dir, SLUG, "reference.ts"), REFERENCE);
    const statement = path.join(dir, SLUG, "statement.md");
    writeFileSync(
      statement,
      readFileSync(statement, "utf8").replace(/^TODO:.*$/m, "Scaling a vector multiplies each component by the same number $k$."),
    );
    const meta = path.join(dir, SLUG, "exercise.json");
    writeFileSync(meta, JSON.stringify({ ...JSON.parse(readFileSync(meta, "utf8")), summary: "Multiply every element of a vector by a number." }, null, 2));
    const checked = npm("exercises:check", "--", SLUG);
    expect(checked.status, checked.out).toBe(0);
    expect(checked.out).toMatch(/All 1 exercise\(s\) OK/);
  }, 120_000);

  it("appears in the running app's catalogue without a restart", () => {
    const summaries = listExerciseSummaries();
    expect(summaries.map((e) => e.slug).at(-1)).toBe(SLUG);
    expect(summaries.find((e) => e.slug === SLUG)).toMatchObject({ title: "Scale a vector", order: 12, summary: "Multiply every element of a vector by a number." });
    expect(getCatalogue().errors).toEqual([]);
  });

  it("appears on the dashboard: overview, matrix column, statistics and gradebook", async () => {
    const overview = await instructorOverview(teacher);
    expect(overview.exercises.find((e) => e.slug === SLUG)).toMatchObject({ title: "Scale a vector", visible: 1, hidden: 2, mistakes: 1 });

    await recordSubmission(learner, { slug: SLUG, kind: "submit", code: REFERENCE, result: gradeResult(SLUG, "submit", 1, 3) });
    await recordSubmission(learner, { slug: SLUG, kind: "submit", code: REFERENCE, result: gradeResult(SLUG, "submit", 3, 3) });
    const dash = await classroomDashboard(teacher, classroomId);
    const col = dash.matrix.exercises.findIndex((e) => e.slug === SLUG);
    expect(col).toBe(11);
    expect(dash.matrix.rows[0].cells[col]).toMatchObject({ state: "solved", attempts: 2, runs: 0, bestScore: 1, failedSubmits: 1 });
    expect(dash.matrix.solvedPerExercise[col]).toBe(1);
    const stats = dash.stats.find((s) => s.slug === SLUG)!;
    expect(stats).toMatchObject({ solved: 1, attempts: 2, medianAttemptsToSolve: 2 });
    // The scaffold's known mistake is listed (the fixture results match another id, shown as is).
    expect(stats.mistakes.find((m) => m.id === "ignores-factor")).toMatchObject({ matches: 0, description: "Returns the input unchanged." });

    const { csv } = await classroomGradebook(teacher, classroomId);
    const [header, row] = csv.slice(1).split("\r\n").map((l) => l.split(","));
    const at = header.indexOf("12 Scale a vector (practice best %)");
    expect(at).toBe(14); // after Email, Name, Total and the eleven others
    expect(row[at]).toBe("100");
  });

  it("grades, and its preview shows expected values and passes the live check", async () => {
    const result = await getGraderPool().grade({ slug: SLUG, code: REFERENCE, mode: "submit" });
    expect(result.status).toBe("pass");
    expect(result.total).toBe(1 + 2 + 10);

    const preview = await exercisePreview(teacher, SLUG);
    expect(preview.casesError).toBeNull();
    const worked = preview.cases.find((c) => c.name === "worked example")!;
    expect(decodeWire(worked.expected)).toEqual([3, 6]);
    expect(preview.cases.find((c) => c.name === "negative factor")!.caughtMistakes).toEqual(["ignores-factor"]);

    const live = await runExerciseLive(teacher, SLUG);
    expect(live.runs.map((r) => [r.id, r.ok])).toEqual([
      ["reference", true],
      ["solution:loop", true],
      ["starter", true],
      ["mistake:ignores-factor", true],
    ]);
  }, 60_000);
});
