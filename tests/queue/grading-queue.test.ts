// The durable grading queue (lib/grading-queue.ts) with real grader worker processes: a Submit
// goes web → PostgreSQL → worker → stored attempt → back to the web side that asked; hostile code
// gets its verdict through it; a worker killed mid-job (SIGKILL, its grader processes too) leaves
// the job to another worker, which grades and stores it exactly once; a job delivered twice
// stores one submission and answers the same; a job outlives the web server that sent it; the
// per-learner bound holds at enqueue, across two web servers.
// The app's database is this file's SQLite file (tests/db/helpers), which the workers open too.
// Skipped, saying why, when PostgreSQL cannot be reached.
import { dbFile, exercisesDir, SLUG_A } from "../db/helpers";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, prisma, syncFixtureExercises } from "../db/fixtures";
import { makeQueueDatabase, postgresReachable, startWorker, waitUntil, type WorkerProcess } from "./helpers";

const reachable = await postgresReachable();
if (!reachable.ok) console.warn(`tests/queue skipped: PostgreSQL is not reachable (${reachable.reason})`);

const REFERENCE = readFileSync(path.join(exercisesDir, SLUG_A, "reference.ts"), "utf8");
const INFINITE_LOOP = "export function rnnStep(): number[] { for (;;) {} }";

describe.skipIf(!reachable.ok)("grading through the durable queue (pg-boss on PostgreSQL)", () => {
  let db: Awaited<ReturnType<typeof makeQueueDatabase>>;
  let workerEnv: Record<string, string>;
  const workers: WorkerProcess[] = [];
  let queue: typeof import("../../lib/grading-queue");
  let grading: typeof import("../../lib/grading");
  let boss: import("pg-boss").PgBoss;

  beforeAll(async () => {
    db = await makeQueueDatabase();
    process.env.GRADING_QUEUE_URL = db.url;
    // A job killed mid-way waits for its heartbeat to lapse, then for another worker.
    process.env.GRADING_QUEUE_WAIT_SECONDS = "240";
    workerEnv = { DATABASE_URL: `file:${dbFile}`, EXERCISES_DIR: exercisesDir, GRADING_QUEUE_URL: db.url, GRADER_WORKERS: "1" };
    await syncFixtureExercises();
    queue = await import("../../lib/grading-queue");
    grading = await import("../../lib/grading");
    boss = await queue.openQueue(db.url);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    const { getGradingBackend } = await import("../../lib/grading-backend");
    await (await getGradingBackend()).close();
    await boss?.stop({ graceful: false, close: true });
    await db?.drop();
  }, 60_000);

  const jobOf = async (id: string) => (await boss.findJobs<Record<string, unknown>>(queue.GRADING_QUEUE, { id }))[0];

  it("refuses with 503 grader-busy and Retry-After when the line holds its bound of waiting jobs", async () => {
    // No worker yet: a full line of other learners' jobs, as many web servers would have sent.
    const { QUEUE_BOUNDS, QUEUE_FULL_RETRY_SECONDS } = await import("../../grader/limits");
    await boss.insert(
      queue.GRADING_QUEUE,
      Array.from({ length: QUEUE_BOUNDS.waiting }, (_, i) => ({ data: { filler: i }, singletonKey: `ip:198.51.100.${i}` })),
    );
    const web = new queue.QueueBackend({ kind: "pg-boss", url: db.url, waitSeconds: 1 });
    try {
      const task = { slug: SLUG_A, version: "0000000000000000", mode: "run" as const, code: "export const x = 1;", learnerKey: "ip:192.0.2.9" };
      expect(await web.grade(task)).toMatchObject({ ok: false, status: 503, code: "grader-busy", retryAfterSeconds: QUEUE_FULL_RETRY_SECONDS });
      expect(await boss.findJobs(queue.GRADING_QUEUE, { key: task.learnerKey })).toHaveLength(0);
    } finally {
      await web.close();
      await boss.deleteQueuedJobs(queue.GRADING_QUEUE);
    }
  });

  it("holds a learner to one job in flight and two waiting, across web servers, at enqueue (429 beyond)", async () => {
    // No worker yet: whatever is sent stays queued. A second backend is a second web server.
    const web1 = new queue.QueueBackend({ kind: "pg-boss", url: db.url, waitSeconds: 1 });
    const web2 = new queue.QueueBackend({ kind: "pg-boss", url: db.url, waitSeconds: 1 });
    const task = { slug: SLUG_A, version: "0000000000000000", mode: "run" as const, code: "export const x = 1;", learnerKey: "ip:192.0.2.1" };
    try {
      const outcomes = await Promise.all([web1.grade(task), web2.grade(task), web1.grade(task), web2.grade(task), web1.grade(task)]);
      const codes = outcomes.map((o) => (o.ok ? "ok" : o.code)).sort();
      // Three accepted (then not graded within the 1 s wait), two refused.
      expect(codes).toEqual(["already-grading", "already-grading", "still-grading", "still-grading", "still-grading"]);
      const refused = outcomes.find((o) => !o.ok && o.code === "already-grading");
      expect(refused).toMatchObject({ status: 429, retryAfterSeconds: 2 });
      const waiting = outcomes.find((o) => !o.ok && o.code === "still-grading");
      expect(waiting).toMatchObject({ status: 503, retryAfterSeconds: 10 });
      // Another learner is not held up by that one.
      const other = await web1.grade({ ...task, learnerKey: "ip:192.0.2.2" });
      expect(other).toMatchObject({ ok: false, code: "still-grading" });
    } finally {
      await Promise.all([web1.close(), web2.close()]);
    }
  });

  let orphan: { userId: string; jobId: string } | undefined;
  it("keeps a job whose web server went away before any worker took it", async () => {
    const web = new queue.QueueBackend({ kind: "pg-boss", url: db.url, waitSeconds: 60 });
    const user = await makeUser();
    const exercise = await prisma.exercise.findUniqueOrThrow({ where: { slug: SLUG_A } });
    const answer = web.grade({ slug: SLUG_A, version: exercise.currentHash, mode: "submit", code: REFERENCE, learnerKey: `user:${user.id}`, actor: user });
    const job = await waitUntil(async () => (await boss.findJobs(queue.GRADING_QUEUE, { key: `user:${user.id}` }))[0], "the job to be enqueued", 30_000, 20);
    // The web server stops while waiting: its learner is told the attempt is still being graded.
    await web.close();
    expect(await answer).toMatchObject({ ok: false, status: 503, code: "still-grading" });
    expect(await prisma.submission.count({ where: { userId: user.id } })).toBe(0);
    orphan = { userId: user.id, jobId: job.id };
  });

  it("grades a Submit end to end in a worker process and stores it once, under the job's id", async () => {
    workers.push(startWorker(workerEnv));
    await workers[0].ready;
    const user = await makeUser();
    // A classroom page open on this web server hears of the attempt a worker stored.
    const { subscribe } = await import("../../lib/live");
    const heard: string[] = [];
    const unsubscribe = subscribe((c) => c.userId === user.id && heard.push(`${c.slug}/${c.kind}`));
    const outcome = await grading.gradeSubmission({
      slug: SLUG_A,
      mode: "submit",
      body: { code: REFERENCE },
      learner: { key: `user:${user.id}`, userId: user.id, actor: user },
    });
    unsubscribe();
    expect(heard).toEqual([`${SLUG_A}/submit`]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.status).toBe("pass");
    expect(outcome.result.passed).toBe(outcome.result.total);
    expect(outcome.submission?.verdict).toBe("pass");
    expect(outcome.submission?.createdAt).toBeInstanceOf(Date);
    expect(outcome.progress?.state).toBe("solved");
    // Hidden tests reach the web side as they would from the in-process pool: no inputs or values.
    for (const t of outcome.result.tests.filter((t) => t.hidden)) {
      expect(t).not.toHaveProperty("input");
      expect(t).not.toHaveProperty("expected");
      expect(t).not.toHaveProperty("actual");
    }
    const id = outcome.submission!.id;
    const job = await jobOf(id);
    expect(job?.state).toBe("completed");
    const rows = await prisma.submission.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.id)).toEqual([id]);

    // The same job delivered again (a retry after a crash between storing and completing): it
    // answers with the stored attempt and stores nothing new; progress counts one attempt.
    const again = await boss.send(queue.GRADING_QUEUE, job!.data, { singletonKey: `user:${user.id}` });
    const replay = await waitUntil(async () => {
      const j = await jobOf(again!);
      return j?.state === "completed" ? j : undefined;
    }, "the second delivery to complete");
    const output = replay.output as { ok: boolean; submission: { id: string; verdict: string }; result: { passed: number; seed: number } };
    expect(output.ok).toBe(true);
    expect(output.submission.id).toBe(id);
    expect(output.submission.verdict).toBe("pass");
    expect(output.result.passed).toBe(outcome.result.passed);
    expect(output.result.seed).toBe(outcome.result.seed);
    expect(await prisma.submission.count({ where: { userId: user.id } })).toBe(1);
    const progress = await prisma.progress.findFirst({ where: { userId: user.id } });
    expect(progress?.attempts).toBe(1);

    // The job whose web server went away was graded and stored all the same, under its id.
    const stored = await waitUntil(
      async () => (await prisma.submission.findUnique({ where: { id: orphan!.jobId } })) ?? undefined,
      "the orphaned job's submission",
    );
    expect(stored).toMatchObject({ userId: orphan!.userId, verdict: "pass" });
  });

  it("gives hostile code (an endless loop) its verdict through the queue", async () => {
    const user = await makeUser();
    const outcome = await grading.gradeSubmission({
      slug: SLUG_A,
      mode: "submit",
      body: { code: INFINITE_LOOP },
      learner: { key: `user:${user.id}`, userId: user.id, actor: user },
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.status).toBe("error");
    expect(outcome.result.error?.kind).toBe("timeout");
    expect(outcome.submission?.errorKind).toBe("timeout");
  });

  it("survives a worker killed mid-job: another worker grades it, and it is stored exactly once", async () => {
    const user = await makeUser();
    const pending = grading.gradeSubmission({
      slug: SLUG_A,
      mode: "submit",
      body: { code: INFINITE_LOOP },
      learner: { key: `user:${user.id}`, userId: user.id, actor: user },
    });
    // Wait until the first worker holds the job, then kill it and its grader process at once.
    const active = await waitUntil(async () => {
      const jobs = await boss.findJobs<{ learnerKey: string }>(queue.GRADING_QUEUE, { key: `user:${user.id}` });
      return jobs.find((j) => j.state === "active");
    }, "the job to be taken", 60_000, 20);
    workers[0].crash();
    const second = startWorker(workerEnv);
    workers.push(second);
    await second.ready;
    const outcome = await pending;
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.error?.kind).toBe("timeout");
    expect(outcome.submission?.id).toBe(active.id);
    const job = await jobOf(active.id);
    expect(job?.state).toBe("completed");
    // Taken again after the first worker's heartbeat stopped.
    expect(job?.retryCount).toBeGreaterThanOrEqual(1);
    const rows = await prisma.submission.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.id)).toEqual([active.id]);
    expect((await prisma.progress.findFirst({ where: { userId: user.id } }))?.attempts).toBe(1);
  }, 240_000);
});
