// A version of an exercise folder that loads but that `exercises:check` rejects is never served
// (grader/version-check.ts): learners keep the last version that passed (statement and grading)
// while the instructor sees the check's problems; fixing it serves the new version once its
// background check passed; a folder with no checked version yet is served as soon as it loads.
import { exercisesDir, SLUG_A } from "./helpers";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { snapshotsDir } from "../../grader/exercise-snapshots";
import { loadExerciseFrom } from "../../grader/exercises";
import { closeGraderPool, GraderPool } from "../../grader/pool";
import { readVersionCheck, versionChecksSettled } from "../../grader/version-check";
import { exerciseProblems, getPublicExercise, pendingExerciseVersions } from "../../lib/exercise-catalogue";
import { gradeSubmission } from "../../lib/grading";
import { instructorOverview } from "../../lib/instructor/dashboard";
import { getSubmission } from "../../lib/submissions";
import { makeUser } from "./fixtures";

process.env.EXERCISES_RECHECK_MS = "0";

// A folder of its own (the other db test files use SLUG_A and SLUG_B as they are).
const SLUG = "05-checked-edits";
const folder = path.join(exercisesDir, SLUG);
cpSync(path.join(exercisesDir, SLUG_A), folder, { recursive: true });
const metaFile = path.join(folder, "exercise.json");
writeFileSync(metaFile, JSON.stringify({ ...JSON.parse(readFileSync(metaFile, "utf8")), id: randomUUID(), title: "Checked edits", order: 5 }, null, 2));
const testsFile = path.join(folder, "tests.json");
const statementFile = path.join(folder, "statement.md");
const goodTests = readFileSync(testsFile, "utf8");
const reference = readFileSync(path.join(folder, "reference.ts"), "utf8");
const diskHash = () => loadExerciseFrom(folder, SLUG).hash;

afterAll(async () => {
  await versionChecksSettled();
  rmSync(folder, { recursive: true, force: true });
  await closeGraderPool();
}, 240_000);

async function submitReference() {
  const learner = await makeUser("learner");
  const outcome = await gradeSubmission({ slug: SLUG, mode: "submit", body: { code: reference }, learner: { key: `user:${learner.id}`, userId: learner.id, actor: learner } });
  if (!outcome.ok) throw new Error(`not graded: ${JSON.stringify(outcome)}`);
  return { status: outcome.result.status, version: (await getSubmission(learner, outcome.submission!.id)).version };
}

describe("a version is served once exercises:check passed on it", () => {
  it("first version served at once; a rejected edit keeps learners on it while the instructor sees why; the fix is served after its check", async () => {
    // A folder never checked is served as soon as it loads (nothing older to fall back on) and checked in the background.
    const first = diskHash();
    expect(getPublicExercise(SLUG)?.version).toBe(first);
    await versionChecksSettled();
    expect(readVersionCheck(snapshotsDir(exercisesDir), SLUG, first)).toMatchObject({ ok: true, problems: [] });
    expect(getPublicExercise(SLUG)?.version).toBe(first);

    // The author edits the statement and, by mistake, a visible test's expected value: the folder
    // loads, but the reference no longer passes that test.
    const statement = readFileSync(statementFile, "utf8");
    writeFileSync(statementFile, `${statement}\nSecond edition.\n`);
    // (A test renamed as well: the names tell which version graded a Run.)
    writeFileSync(testsFile, goodTests.replace("0.8483", "0.9483").replace('"name": "bias only"', '"name": "bias only, edited"'));
    const broken = diskHash();
    expect(broken).not.toBe(first);
    // While its check runs, learners keep the checked version and the instructor sees it is pending
    // (asked before this tick ends: the check starts after it, so it cannot have finished).
    const served = getPublicExercise(SLUG)!;
    expect(served.version).toBe(first);
    expect(served.statement).not.toContain("Second edition.");
    expect(pendingExerciseVersions()).toContainEqual({ slug: SLUG, hash: broken });
    await versionChecksSettled();
    expect(readVersionCheck(snapshotsDir(exercisesDir), SLUG, broken)?.ok).toBe(false);

    // Rejected: never served; learners are graded on the checked version and recorded on it.
    expect(getPublicExercise(SLUG)?.version).toBe(first);
    expect(getPublicExercise(SLUG)?.statement).not.toContain("Second edition.");
    expect(await submitReference()).toEqual({ status: "pass", version: first });
    const learner = await makeUser("learner");
    const run = await gradeSubmission({ slug: SLUG, mode: "run", body: { code: reference }, learner: { key: `user:${learner.id}`, userId: learner.id, actor: learner } });
    expect(run.ok && run.result.tests.map((t) => t.name)).toContain("bias only");
    const problem = exerciseProblems().find((p) => p.slug === SLUG);
    expect(problem?.servedHash).toBe(first);
    expect(problem?.message).toContain(`${SLUG}/tests.json: example "notebook example"`);
    const overview = await instructorOverview(await makeUser("instructor"));
    expect(overview.brokenExercises).toContainEqual(problem);
    expect(pendingExerciseVersions()).toEqual([]);
    // `npm run exercises:check`'s pool grades the folder as it is, not the version served.
    const asIs = new GraderPool({ size: 1, folderAsIs: true });
    try {
      const run = await asIs.grade({ slug: SLUG, code: reference, mode: "run" });
      expect(run.tests.map((t) => t.name)).toContain("bias only, edited");
    } finally {
      await asIs.close();
    }

    // Fixed: the new version (with its new statement) is served once its own check passed.
    writeFileSync(testsFile, goodTests);
    const fixed = diskHash();
    expect(fixed).not.toBe(first);
    expect(getPublicExercise(SLUG)?.version).toBe(first);
    await versionChecksSettled();
    const now = getPublicExercise(SLUG)!;
    expect(now.version).toBe(fixed);
    expect(now.statement).toContain("Second edition.");
    expect(exerciseProblems().filter((p) => p.slug === SLUG)).toEqual([]);
    expect(await submitReference()).toEqual({ status: "pass", version: fixed });
  }, 240_000);

  it("a new folder whose first version fails the check is still served (nothing older), and the instructor sees why", async () => {
    const fresh = path.join(exercisesDir, "06-never-passed");
    cpSync(path.join(exercisesDir, SLUG_A), fresh, { recursive: true });
    const freshMeta = path.join(fresh, "exercise.json");
    writeFileSync(freshMeta, JSON.stringify({ ...JSON.parse(readFileSync(freshMeta, "utf8")), id: randomUUID(), title: "Never passed", order: 6 }, null, 2));
    writeFileSync(path.join(fresh, "tests.json"), goodTests.replace("0.8483", "0.9483"));
    try {
      const hash = loadExerciseFrom(fresh, "06-never-passed").hash;
      expect(getPublicExercise("06-never-passed")?.version).toBe(hash);
      await versionChecksSettled();
      expect(getPublicExercise("06-never-passed")?.version).toBe(hash);
      const problem = exerciseProblems().find((p) => p.slug === "06-never-passed");
      expect(problem).toEqual({ slug: "06-never-passed", message: expect.stringContaining('06-never-passed/tests.json: example "notebook example"'), servedHash: hash });
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 240_000);
});
