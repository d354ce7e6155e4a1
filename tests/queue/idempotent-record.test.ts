// What makes a retried grading job safe, without PostgreSQL: an attempt stored under the id the
// queue chose at enqueue is stored once, however often (and however concurrently) it is recorded
// or graded again; a replay answers with what was stored. And the one place that reads the
// grading configuration: the in-process pool unless GRADING_QUEUE_URL names a PostgreSQL database.
import { SLUG_A } from "../db/helpers";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError } from "../../lib/domain-errors";
import { gradeAndRecord } from "../../lib/grade-attempt";
import { DEFAULT_QUEUE_WAIT_SECONDS, gradingConfig } from "../../lib/grading-backend";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, prisma, syncFixtureExercises } from "../db/fixtures";

beforeAll(async () => {
  await syncFixtureExercises();
});

describe("recording under a chosen submission id", () => {
  it("stores one row and counts one attempt when the same attempt is recorded again, even at once", async () => {
    const learner = await makeUser();
    const id = randomUUID();
    const input = { id, slug: SLUG_A, kind: "submit" as const, code: "x", result: gradeResult(SLUG_A, "submit", 3, 4) };
    const results = await Promise.all([recordSubmission(learner, input), recordSubmission(learner, input), recordSubmission(learner, input)]);
    for (const r of results) {
      expect(r.submission).toMatchObject({ id, verdict: "fail", passed: 3, total: 4 });
      expect(r.progress).toMatchObject({ attempts: 1, bestScore: 0.75 });
    }
    expect(await prisma.submission.count({ where: { userId: learner.id } })).toBe(1);
    // A later record with that id but another result changes nothing either: the first one stands.
    const later = await recordSubmission(learner, { ...input, result: gradeResult(SLUG_A, "submit", 4, 4) });
    expect(later.submission).toMatchObject({ id, passed: 3 });
    expect(later.progress).toMatchObject({ attempts: 1, bestScore: 0.75, state: "attempted" });
  });

  it("refuses an id that another learner's attempt already holds", async () => {
    const [ada, bob] = [await makeUser(), await makeUser()];
    const id = randomUUID();
    await recordSubmission(ada, { id, slug: SLUG_A, kind: "run", code: "x", result: gradeResult(SLUG_A, "run", 1, 1) });
    await expect(recordSubmission(bob, { id, slug: SLUG_A, kind: "run", code: "x", result: gradeResult(SLUG_A, "run", 1, 1) })).rejects.toBeInstanceOf(ConflictError);
  });

  it("does not grade a stored attempt again: the replay answers with the stored result", async () => {
    const learner = await makeUser();
    const id = randomUUID();
    const task = { slug: SLUG_A, version: "", mode: "submit" as const, code: "x", learnerKey: `user:${learner.id}`, actor: learner };
    let gradings = 0;
    const grade = async () => {
      gradings++;
      return gradeResult(SLUG_A, "submit", 2 + gradings, 12, { console: `grading ${gradings}` });
    };
    const first = await gradeAndRecord({ ...task, version: (await prisma.exercise.findUniqueOrThrow({ where: { slug: SLUG_A } })).currentHash }, grade, { submissionId: id });
    const second = await gradeAndRecord({ ...task, version: (await prisma.exercise.findUniqueOrThrow({ where: { slug: SLUG_A } })).currentHash }, grade, { submissionId: id });
    expect(gradings).toBe(1);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.submission?.id).toBe(id);
    expect(second.result).toMatchObject({ status: first.result.status, passed: 3, total: 12, seed: first.result.seed, console: "grading 1" });
    expect(second.result.tests.map((t) => [t.name, t.status])).toEqual(first.result.tests.map((t) => [t.name, t.status]));
    expect(second.progress?.attempts).toBe(1);
  });
});

describe("gradingConfig", () => {
  it("is the in-process pool when nothing is set, and the queue when GRADING_QUEUE_URL is", () => {
    expect(gradingConfig({})).toEqual({ kind: "pool" });
    expect(gradingConfig({ GRADING_QUEUE_URL: "" })).toEqual({ kind: "pool" });
    expect(gradingConfig({ GRADING_QUEUE_URL: "postgresql://u@db.example:5432/queue" })).toEqual({
      kind: "pg-boss",
      url: "postgresql://u@db.example:5432/queue",
      waitSeconds: DEFAULT_QUEUE_WAIT_SECONDS,
    });
    expect(gradingConfig({ GRADING_QUEUE_URL: "postgres://h/q", GRADING_QUEUE_WAIT_SECONDS: "30" })).toMatchObject({ waitSeconds: 30 });
  });

  it("puts the queue in the app's database with GRADING_QUEUE=pg-boss when that is PostgreSQL", () => {
    expect(gradingConfig({ GRADING_QUEUE: "pg-boss", DATABASE_URL: "postgresql://app@db/rnn" })).toMatchObject({ kind: "pg-boss", url: "postgresql://app@db/rnn" });
    expect(gradingConfig({ GRADING_QUEUE: "pg-boss", DATABASE_URL: "postgresql://app@db/rnn", GRADING_QUEUE_URL: "postgresql://q@queue/jobs" })).toMatchObject({ url: "postgresql://q@queue/jobs" });
    expect(gradingConfig({ GRADING_QUEUE: "pool", DATABASE_URL: "postgresql://app@db/rnn" })).toEqual({ kind: "pool" });
    expect(() => gradingConfig({ GRADING_QUEUE: "pg-boss", DATABASE_URL: "file:./data/app.db" })).toThrow(/needs a PostgreSQL database/);
    expect(() => gradingConfig({ GRADING_QUEUE: "pg-boss" })).toThrow(/needs GRADING_QUEUE_URL, or DATABASE_URL on PostgreSQL/);
    expect(() => gradingConfig({ GRADING_QUEUE: "pool", GRADING_QUEUE_URL: "postgresql://q@queue/jobs" })).toThrow(/contradicts/);
    expect(() => gradingConfig({ GRADING_QUEUE: "redis" })).toThrow(/GRADING_QUEUE must be "pool" or "pg-boss"/);
  });

  it("says what is wrong with a bad setting instead of grading somewhere unexpected", () => {
    expect(() => gradingConfig({ GRADING_QUEUE_URL: "file:./data/app.db" })).toThrow(/GRADING_QUEUE_URL must be a postgresql:\/\/ URL/);
    expect(() => gradingConfig({ GRADING_QUEUE_URL: "postgresql://h/q", GRADING_QUEUE_WAIT_SECONDS: "0" })).toThrow(/Grading configuration/);
  });
});
