import { SLUG_A, SLUG_B, exercisesDir } from "./helpers";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import { NotFoundError, ValidationError } from "../../lib/domain-errors";
import { progressFor } from "../../lib/progress";
import { getSubmission, listSubmissions, recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, prisma, syncFixtureExercises } from "./fixtures";

const code = "export function rnnStep() { return []; }";

beforeAll(async () => {
  await syncFixtureExercises();
});

describe("recordSubmission and progress", () => {
  it("stores the submission with its per-test results and counts only submits as attempts", async () => {
    const learner = await makeUser();
    const run = await recordSubmission(learner, { slug: SLUG_A, kind: "run", code, result: gradeResult(SLUG_A, "run", 1, 2) });
    expect(run.submission).toMatchObject({ slug: SLUG_A, kind: "run", verdict: "fail", passed: 1, total: 2 });
    // A run makes the exercise "attempted" but is not an attempt and never sets a score.
    expect(run.progress).toMatchObject({ state: "attempted", attempts: 0, runs: 1, bestScore: 0, solvedAt: null });

    const first = await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 3, 12) });
    expect(first.progress).toMatchObject({ state: "attempted", attempts: 1, runs: 1, bestScore: 0.25, solvedAt: null });

    const detail = await getSubmission(learner, first.submission.id);
    expect(detail.code).toBe(code);
    expect(detail.seed).toBe(3_000_000_000);
    expect(detail.tests).toHaveLength(12);
    expect(detail.tests[5]).toMatchObject({ name: "case 6", status: "fail", hint: { id: "no-tanh" } });
  });

  it("keeps the best score and the first solved time; later solves and worse submits change neither", async () => {
    const learner = await makeUser();
    await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 6, 12) });
    const solved = await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 12, 12) });
    expect(solved.progress).toMatchObject({ state: "solved", attempts: 2, bestScore: 1, attemptsToSolve: 2 });
    const solvedAt = solved.progress.solvedAt;
    expect(solvedAt).toBeInstanceOf(Date);

    await new Promise((r) => setTimeout(r, 5));
    const worse = await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 2, 12) });
    const again = await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 12, 12) });
    await recordSubmission(learner, { slug: SLUG_A, kind: "run", code, result: gradeResult(SLUG_A, "run", 0, 2) });
    expect(worse.progress.bestScore).toBe(1);
    expect(again.progress).toMatchObject({ state: "solved", attempts: 4, attemptsToSolve: 2 });
    expect(again.progress.solvedAt?.getTime()).toBe(solvedAt?.getTime());

    const progress = await progressFor(learner);
    expect(progress[SLUG_A]).toMatchObject({ state: "solved", attempts: 4, runs: 1, bestScore: 1, attemptsToSolve: 2 });
    expect(progress[SLUG_A].solvedAt?.getTime()).toBe(solvedAt?.getTime());
    expect(progress[SLUG_B]).toMatchObject({ state: "not-started", attempts: 0, bestScore: 0 });
  });

  it("a passing run does not solve the exercise", async () => {
    const learner = await makeUser();
    const { progress } = await recordSubmission(learner, { slug: SLUG_B, kind: "run", code, result: gradeResult(SLUG_B, "run", 2, 2) });
    expect(progress).toMatchObject({ state: "attempted", bestScore: 0, solvedAt: null });
  });

  it("never stores inputs or values of hidden tests, even if the caller passes them", async () => {
    const learner = await makeUser();
    const result = gradeResult(SLUG_A, "submit", 1, 2);
    result.tests[0] = { ...result.tests[0], input: [[1, 2]], expected: [0.5], actual: [0.5] };
    result.tests[1] = { ...result.tests[1], input: [[31337]], expected: [271828], actual: [1] };
    const { submission } = await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code, result });
    const stored = await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored.results).not.toContain("31337");
    expect(stored.results).not.toContain("271828");
    const detail = await getSubmission(learner, submission.id);
    expect(detail.tests[0]).toMatchObject({ hidden: false, input: [[1, 2]], expected: [0.5] });
    expect(detail.tests[1]).not.toHaveProperty("input");
    // Only the category: the caller's "off by 3e-1 at element 1" is a magnitude and an index.
    expect(detail.tests[1]).toEqual({ name: "case 2", kind: "hidden", hidden: true, status: "fail", category: "wrong-value", message: HIDDEN_CATEGORIES["wrong-value"], hint: { id: "no-tanh", text: "Apply tanh." }, durationMs: 0 });
  });

  it("reads rows stored before hidden categories by the same policy: no magnitude, index, line or duration", async () => {
    const learner = await makeUser();
    const { submission } = await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 1, 4) });
    // What the grader used to store for hidden tests.
    const old = [
      { name: "case 1", kind: "visible", hidden: false, status: "pass", durationMs: 1.5 },
      { name: "case 2", kind: "hidden", hidden: true, status: "fail", message: "Wrong value at [2]: off by 9.3e-1.", where: "[2]", durationMs: 3.25 },
      { name: "case 3", kind: "hidden", hidden: true, status: "error", message: "Your code threw a RangeError at line 5 of your code. Its message is not shown on hidden tests, as it could reveal their inputs.", line: 5, durationMs: 0.5 },
      { name: "case 4", kind: "hidden", hidden: true, status: "fail", message: "Wrong length: returned 7 elements.", where: "", durationMs: 2 },
    ];
    await prisma.submission.update({
      where: { id: submission.id },
      data: {
        results: JSON.stringify(old),
        errorKind: "runtime",
        errorMessage: 'Test "case 3" (hidden): Your code threw a RangeError at line 5 of your code. Its message is not shown on hidden tests, as it could reveal their inputs.',
        errorLine: 5,
      },
    });
    const detail = await getSubmission(learner, submission.id);
    expect(detail.tests[0]).toMatchObject({ hidden: false, durationMs: 1.5 });
    expect(detail.tests.slice(1)).toEqual([
      { name: "case 2", kind: "hidden", hidden: true, status: "fail", category: "wrong-value", message: HIDDEN_CATEGORIES["wrong-value"], durationMs: 0 },
      { name: "case 3", kind: "hidden", hidden: true, status: "error", category: "exception", message: HIDDEN_CATEGORIES.exception, durationMs: 0 },
      { name: "case 4", kind: "hidden", hidden: true, status: "fail", category: "wrong-shape", message: HIDDEN_CATEGORIES["wrong-shape"], durationMs: 0 },
    ]);
    expect(detail.error).toEqual({ kind: "runtime", message: `Test "case 3" (hidden): ${HIDDEN_CATEGORIES.exception}`, line: null });
    // A row that is not what the grader stores shows no per-test rows rather than a cast.
    await prisma.submission.update({ where: { id: submission.id }, data: { results: JSON.stringify([{ name: 3 }]) } });
    expect((await getSubmission(learner, submission.id)).tests).toEqual([]);
  });

  it("records grader errors with their kind and message", async () => {
    const learner = await makeUser();
    const result = gradeResult(SLUG_A, "submit", 0, 0, {
      status: "error",
      tests: [],
      error: { kind: "compile", message: "';' expected.", line: 3, column: 7 },
    });
    const { submission, progress } = await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code: "export const = ;", result });
    expect(submission).toMatchObject({ verdict: "error", errorKind: "compile", score: 0 });
    expect(progress).toMatchObject({ attempts: 1, bestScore: 0, state: "attempted" });
    expect((await getSubmission(learner, submission.id)).error).toEqual({ kind: "compile", message: "';' expected.", line: 3 });
  });

  it("lists one's own submissions newest first, filtered by exercise", async () => {
    const learner = await makeUser();
    const other = await makeUser();
    for (const [slug, passed] of [[SLUG_A, 1], [SLUG_B, 2], [SLUG_A, 3]] as const) {
      await recordSubmission(learner, { slug, kind: "submit", code, result: gradeResult(slug, "submit", passed, 4) });
    }
    await recordSubmission(other, { slug: SLUG_A, kind: "submit", code, result: gradeResult(SLUG_A, "submit", 4, 4) });

    const all = await listSubmissions(learner);
    expect(all.map((s) => [s.slug, s.passed])).toEqual([[SLUG_A, 3], [SLUG_B, 2], [SLUG_A, 1]]);
    const onlyA = await listSubmissions(learner, { slug: SLUG_A });
    expect(onlyA.map((s) => s.passed)).toEqual([3, 1]);
    expect(all.every((s) => !("code" in s))).toBe(true);
  });

  it("rejects malformed input with a ValidationError and unknown exercises with NotFound", async () => {
    const learner = await makeUser();
    const ok = { slug: SLUG_A, kind: "submit" as const, code, result: gradeResult(SLUG_A, "submit", 1, 1) };
    await expect(recordSubmission(learner, { ...ok, code: "x".repeat(64 * 1024 + 1) })).rejects.toThrow(ValidationError);
    await expect(recordSubmission(learner, { ...ok, slug: "../etc" })).rejects.toThrow(ValidationError);
    await expect(recordSubmission(learner, { ...ok, kind: "run" })).rejects.toThrow(/is a submit, not a run/);
    await expect(recordSubmission(learner, { ...ok, result: gradeResult(SLUG_B, "submit", 1, 1) })).rejects.toThrow(ValidationError);
    await expect(recordSubmission(learner, { ...ok, result: { ...ok.result, passed: 5 } })).rejects.toThrow(ValidationError);
    await expect(
      recordSubmission(learner, { ...ok, slug: "99-no-such-thing", result: gradeResult("99-no-such-thing", "submit", 1, 1) }),
    ).rejects.toThrow(NotFoundError);
    expect(await prisma.submission.count({ where: { userId: learner.id } })).toBe(0);
    expect(await prisma.progress.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("exercise versions", () => {
  it("a changed exercise folder becomes a new version and later submissions point at it", async () => {
    const learner = await makeUser();
    const before = await recordSubmission(learner, { slug: SLUG_B, kind: "submit", code, result: gradeResult(SLUG_B, "submit", 1, 2) });
    const v1 = (await getSubmission(learner, before.submission.id)).version;

    appendFileSync(path.join(exercisesDir, SLUG_B, "statement.md"), "\nA clarified sentence.\n");
    const sync = await syncFixtureExercises();
    expect(sync.newVersions).toHaveLength(1);
    expect(sync.newVersions[0]).toMatch(new RegExp(`^${SLUG_B}@`));
    expect((await syncFixtureExercises()).newVersions).toEqual([]); // idempotent

    const after = await recordSubmission(learner, { slug: SLUG_B, kind: "submit", code, result: gradeResult(SLUG_B, "submit", 2, 2) });
    const v2 = (await getSubmission(learner, after.submission.id)).version;
    expect(v2).not.toBe(v1);
    expect(await prisma.exerciseVersion.count({ where: { exercise: { slug: SLUG_B } } })).toBe(2);
    expect(await prisma.exercise.count()).toBe(2);
    // Progress is per exercise, across versions.
    expect(after.progress).toMatchObject({ attempts: 2, state: "solved" });
  });
});
