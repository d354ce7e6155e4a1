// An edit that `exercises:check` rejects is never served (grader/exercise-snapshots.ts): learners
// keep the last good version, the grader grades on it, submissions are recorded against it, and
// the instructor pages list the error. A folder that never loaded has nothing to fall back on.
import { exercisesDir, SLUG_A, SLUG_B } from "./helpers";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { lastGood, loadServedExercise, servedCatalogue, snapshotsDir } from "../../grader/exercise-snapshots";
import { ExerciseFormatError, loadExerciseFrom } from "../../grader/exercises";
import { checkVersion, versionChecksSettled } from "../../grader/version-check";
import { closeGraderPool } from "../../grader/pool";
import { exerciseProblems, getPublicExercise } from "../../lib/exercise-catalogue";
import { syncExercises } from "../../lib/exercise-sync";
import { gradeSubmission } from "../../lib/grading";
import { instructorOverview } from "../../lib/instructor/dashboard";
import { getSubmission } from "../../lib/submissions";
import { makeUser, prisma } from "./fixtures";

process.env.EXERCISES_RECHECK_MS = "0";
const testsFile = path.join(exercisesDir, SLUG_A, "tests.json");
const good = readFileSync(testsFile, "utf8");
const reference = readFileSync(path.join(exercisesDir, SLUG_A, "reference.ts"), "utf8");

afterAll(async () => {
  writeFileSync(testsFile, good);
  await versionChecksSettled();
  await closeGraderPool();
}, 240_000);

describe("last good version of an exercise", () => {
  it("a typo in tests.json: learners keep the last good version, graded and recorded on it; instructors see the error", async () => {
    await syncExercises();
    const before = getPublicExercise(SLUG_A)!;
    expect(before).not.toBeNull();
    expect(exerciseProblems()).toEqual([]);

    // The author breaks the file (a trailing comma).
    writeFileSync(testsFile, good.replace(/\}\s*$/, ",}"));
    const served = getPublicExercise(SLUG_A);
    expect(served?.version).toBe(before.version);
    expect(served?.statement).toBe(before.statement);
    const problems = exerciseProblems();
    expect(problems).toEqual([{ slug: SLUG_A, message: expect.stringContaining(`${SLUG_A}/tests.json: not valid JSON`), servedHash: before.version }]);
    const overview = await instructorOverview(await makeUser("instructor"));
    expect(overview.brokenExercises).toEqual(problems);
    expect(overview.exercises.map((e) => e.slug)).toContain(SLUG_A);

    // Learners still submit, graded on the last good version by the grader workers.
    const learner = await makeUser("learner");
    const outcome = await gradeSubmission({ slug: SLUG_A, mode: "submit", body: { code: reference }, learner: { key: `user:${learner.id}`, userId: learner.id, actor: learner } });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.status).toBe("pass");
    const stored = await getSubmission(learner, outcome.submission!.id);
    expect(stored.version).toBe(before.version);
    // The database keeps the last good version as the exercise's current one.
    await syncExercises();
    expect((await prisma.exercise.findUnique({ where: { slug: SLUG_A }, select: { currentHash: true, active: true } }))).toEqual({ currentHash: before.version, active: true });

    // Fixed: the folder is served again and the banner goes.
    writeFileSync(testsFile, good);
    expect(getPublicExercise(SLUG_A)?.version).toBe(before.version);
    expect(exerciseProblems()).toEqual([]);
  });

  it("the fallback is the newest version that passed the check, and a broken folder with no good version is not served", async () => {
    const dir = exercisesDir;
    // The first test's pages started the background checks of both folders (grader/version-check.ts).
    await versionChecksSettled();
    const first = loadServedExercise(SLUG_B, dir)!;
    const statement = path.join(dir, SLUG_B, "statement.md");
    const text = readFileSync(statement, "utf8");
    writeFileSync(statement, `${text}\nEdited.\n`);
    // An edit is served once its check passed.
    const edited = loadExerciseFrom(path.join(dir, SLUG_B), SLUG_B);
    expect(loadServedExercise(SLUG_B, dir)?.hash).toBe(first.hash);
    expect((await checkVersion(SLUG_B, edited.hash, edited.dir, snapshotsDir(dir)))?.ok).toBe(true);
    const second = loadServedExercise(SLUG_B, dir)!;
    expect(second.hash).not.toBe(first.hash);
    const meta = path.join(dir, SLUG_B, "exercise.json");
    const metaText = readFileSync(meta, "utf8");
    writeFileSync(meta, metaText.replace('"title"', '"titel"'));
    try {
      expect(loadServedExercise(SLUG_B, dir)?.hash).toBe(second.hash);
      expect(lastGood(SLUG_B, dir)?.statement).toContain("Edited.");
      expect(servedCatalogue(dir).stale.map((s) => [s.slug, s.servedHash])).toEqual([[SLUG_B, second.hash]]);
    } finally {
      writeFileSync(meta, metaText);
      writeFileSync(statement, text);
    }

    // A brand-new folder that is broken from the start: nothing to serve, the error is reported.
    const fresh = "07-never-good";
    cpSync(path.join(dir, SLUG_A), path.join(dir, fresh), { recursive: true });
    const freshMeta = path.join(dir, fresh, "exercise.json");
    writeFileSync(freshMeta, JSON.stringify({ ...JSON.parse(readFileSync(freshMeta, "utf8")), id: randomUUID(), order: 7 }));
    writeFileSync(path.join(dir, fresh, "tests.json"), "{");
    try {
      expect(() => loadServedExercise(fresh, dir)).toThrow(ExerciseFormatError);
      expect(getPublicExercise(fresh)).toBeNull();
      expect(exerciseProblems()).toEqual([{ slug: fresh, message: expect.stringContaining("tests.json"), servedHash: null }]);
    } finally {
      rmSync(path.join(dir, fresh), { recursive: true, force: true });
    }
    // A removed folder is not served from its copy either.
    expect(loadServedExercise("08-no-such-folder", dir)).toBeNull();
    // Waits for background checks, which run at low CPU priority: slow on a busy machine.
  }, 240_000);
});
