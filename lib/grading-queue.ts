// The durable grading queue: pg-boss on PostgreSQL (GRADING_QUEUE_URL). Web servers enqueue and
// wait; grader workers (`npm run worker`, scripts/grading-worker.ts) on any machine that reaches
// the databases take jobs, grade them in their own grader pool, store the attempt and complete
// the job with the answer the web server sends back.
//
// - Durable: a job is a row in PostgreSQL. A worker that dies mid-job stops its heartbeat; pg-boss
//   fails the job and it is retried on another worker (HEARTBEAT_SECONDS, RETRY_LIMIT). A web
//   server that dies leaves its jobs to be graded and stored all the same.
// - Idempotent: the job carries the submission id, chosen at enqueue. Grading it again stores
//   nothing new: recordSubmission() answers with the stored attempt (lib/submissions.ts).
// - Fair across processes: the queue's `singleton` policy keyed by learner lets one job per learner
//   be active, on every worker together, and skips a busy learner's next job instead of waiting
//   behind it. Enqueuing counts the learner's jobs under an advisory lock: the bounds of
//   grader/limits.ts QUEUE_BOUNDS (1 in flight + 2 waiting, then 429; 200 waiting in all, then 503).
// - Answered: the worker completes the job with the outcome, then NOTIFYs; the web server wakes
//   on it (and checks every second anyway) and reads the job's output. Past the configured wait
//   it answers 503 "still-grading"; a signed-in learner finds the attempt in their history.
import { randomUUID } from "node:crypto";
import { PgBoss } from "pg-boss";
import pg from "pg";
import { z } from "zod";
import { DEFAULT_LIMITS, EXERCISE_LIMIT_BOUNDS, jobBackstopMs, QUEUE_BOUNDS } from "../grader/limits";
import { newSeed } from "../grader/rng";
import type { GradeJob, GradeResult } from "../grader/types";
import { ROLES } from "./actor";
import { gradeAndRecord, GRADER_UNAVAILABLE, LEARNER_BUSY, QUEUE_FULL, reject, type GradeTask } from "./grade-attempt";
import type { GradingBackend, GradingConfig } from "./grading-backend";
import type { GradeOutcome } from "./grading";
import { publishChange } from "./live";
import { submissionIdSchema } from "./submissions";

/** The pg-boss queue every web server sends to and every worker takes from. */
export const GRADING_QUEUE = "grading";
/** pg-boss's tables live in this schema of the queue's database. */
export const QUEUE_SCHEMA = "pgboss";
/** Channel a worker NOTIFYs (payload: the job id) once a job's outcome is stored. */
export const DONE_CHANNEL = "rnn_grading_done";
/** A worker that misses heartbeats this long is presumed dead; its job is retried (pg-boss minimum: 10). */
export const HEARTBEAT_SECONDS = 10;
/**
 * How often some instance looks for jobs whose heartbeat stopped (pg-boss's per-queue monitor,
 * inside its supervise pass; both default to a minute, which would leave a dead worker's learner
 * waiting that long).
 */
export const SUPERVISE_SECONDS = 5;
/** Tries after the first: a job that kills its worker three times is given up (503 to the learner). */
export const RETRY_LIMIT = 2;
/** Completed jobs (with their outputs) are kept this long: past any web server's wait. */
export const KEEP_COMPLETED_SECONDS = 3600;
/** How often a waiting web server reads a job's state even without a notification. */
export const POLL_MS = 1000;

/**
 * The longest a job may run even with its heartbeat alive: the pool's own backstop for the most
 * generous limits an exercise may set, plus a minute.
 */
export const EXPIRE_SECONDS = Math.ceil(
  jobBackstopMs({ ...DEFAULT_LIMITS, loadCpuMs: EXERCISE_LIMIT_BOUNDS.loadCpuMs.max, totalCpuMs: EXERCISE_LIMIT_BOUNDS.totalCpuMs.max }) / 1000 + 60,
);

/** What a job carries: everything a worker needs to grade and store the attempt. */
export const gradingJobSchema = z.object({
  submissionId: submissionIdSchema,
  slug: z.string().min(1).max(100),
  version: z.string().max(64),
  mode: z.enum(["run", "submit"]),
  code: z.string(),
  learnerKey: z.string().min(1).max(200),
  actor: z.object({ id: z.string().min(1), role: z.enum(ROLES) }).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
});
export type GradingJobData = z.infer<typeof gradingJobSchema>;

const date = z.coerce.date();
const rejectionSchema = z.object({
  ok: z.literal(false),
  status: z.union([z.literal(400), z.literal(404), z.literal(413), z.literal(429), z.literal(503)]),
  code: z.enum([
    "unknown-exercise",
    "invalid-mode",
    "invalid-body",
    "too-large",
    "rate-limited",
    "already-grading",
    "grader-busy",
    "grader-unavailable",
    "still-grading",
    "not-recorded",
  ]),
  message: z.string(),
  retryAfterSeconds: z.number().optional(),
  result: z.looseObject({}).optional(),
});
/** A job's output as the web server reads it back: the outcome, with its dates revived. */
export const outcomeSchema = z.union([
  z.object({
    ok: z.literal(true),
    result: z.looseObject({}),
    submission: z.looseObject({ createdAt: date }).optional(),
    progress: z
      .looseObject({ solvedAt: date.nullable(), lastSubmittedAt: date.nullable(), lastActivityAt: date.nullable() })
      .optional(),
  }),
  rejectionSchema,
]);

/** A pg-boss instance on the queue's database, its schema and queue made if missing. */
export async function openQueue(url: string, options: { worker?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    superviseIntervalSeconds: SUPERVISE_SECONDS,
    monitorIntervalSeconds: SUPERVISE_SECONDS,
    // Workers wake on a new job at once instead of at their next poll.
    ...(options.worker ? { useListenNotify: true } : {}),
    application_name: options.worker ? "rnn-grader worker" : "rnn-grader web",
  });
  // pg-boss reports background trouble (a lost connection, a failed upkeep) as events: logged,
  // never fatal, since it reconnects by itself.
  boss.on("error", (e: Error) => console.error(`grading queue: ${e.message}`));
  await boss.start({ attempts: 3 });
  const settings = {
    heartbeatSeconds: HEARTBEAT_SECONDS,
    expireInSeconds: EXPIRE_SECONDS,
    retryLimit: RETRY_LIMIT,
    retryDelay: 1,
    deleteAfterSeconds: KEEP_COMPLETED_SECONDS,
    notify: true,
  };
  const existing = await boss.getQueue(GRADING_QUEUE);
  if (!existing) {
    try {
      await boss.createQueue(GRADING_QUEUE, { policy: "singleton", ...settings });
    } catch (e) {
      // Another process made it first.
      if (!(await boss.getQueue(GRADING_QUEUE))) throw e;
    }
  } else if (existing.policy !== "singleton") {
    throw new Error(`the queue "${GRADING_QUEUE}" in schema ${QUEUE_SCHEMA} has policy ${existing.policy}, not singleton: it was not made by this app`);
  } else {
    // Made by an earlier version: the settings above are the ones that hold now.
    await boss.updateQueue(GRADING_QUEUE, settings);
  }
  return boss;
}

/** The web server's side: enqueue under the learner's bounds, then wait for the outcome. */
export class QueueBackend implements GradingBackend {
  readonly kind = "pg-boss";
  private boss?: Promise<PgBoss>;
  private readonly pool: pg.Pool;
  private listener?: Promise<pg.Client>;
  private readonly waiters = new Map<string, () => void>();
  private closed = false;

  constructor(private readonly config: Extract<GradingConfig, { kind: "pg-boss" }>) {
    this.pool = new pg.Pool({ connectionString: config.url, max: 10, application_name: "rnn-grader web" });
    this.pool.on("error", (e) => console.error(`grading queue connection: ${e.message}`));
  }

  async start(): Promise<void> {
    await Promise.all([this.queue(), this.listen()]);
  }

  private queue(): Promise<PgBoss> {
    if (!this.boss) {
      this.boss = openQueue(this.config.url);
      this.boss.catch(() => (this.boss = undefined));
    }
    return this.boss;
  }

  /** One LISTEN connection per web server; a lost one is remade (the 1 s poll covers the gap). */
  private listen(): Promise<pg.Client> {
    if (!this.listener) {
      const client = new pg.Client({ connectionString: this.config.url, application_name: "rnn-grader web (listen)" });
      const drop = () => {
        if (this.listener === made) this.listener = undefined;
        client.end().catch(() => undefined);
      };
      client.on("error", (e) => {
        console.error(`grading queue listener: ${e.message}`);
        drop();
      });
      client.on("end", drop);
      client.on("notification", (n) => {
        if (n.channel === DONE_CHANNEL && n.payload) this.waiters.get(n.payload)?.();
      });
      const made = client.connect().then(async () => {
        await client.query(`LISTEN ${DONE_CHANNEL}`);
        return client;
      });
      made.catch(drop);
      this.listener = made;
    }
    return this.listener;
  }

  async grade(task: GradeTask): Promise<GradeOutcome> {
    let boss: PgBoss;
    try {
      boss = await this.queue();
      // Not awaited: a listener that cannot connect only costs the 1 s poll.
      this.listen().catch(() => undefined);
    } catch (e) {
      console.error(`grading queue unavailable: ${(e as Error).message}`);
      return GRADER_UNAVAILABLE();
    }
    const data: GradingJobData = {
      submissionId: randomUUID(),
      slug: task.slug,
      version: task.version,
      mode: task.mode,
      code: task.code,
      learnerKey: task.learnerKey,
      ...(task.actor ? { actor: { id: task.actor.id, role: task.actor.role } } : {}),
      // Chosen here, once: a job graded again after a crash draws the same random cases.
      seed: newSeed(),
    };
    let refused: GradeOutcome | undefined;
    try {
      refused = await this.enqueue(boss, data);
    } catch (e) {
      console.error(`enqueueing ${task.slug}/${task.mode} failed:`, e);
      return GRADER_UNAVAILABLE();
    }
    if (refused) return refused;
    const outcome = await this.waitFor(boss, data);
    // The worker stored the attempt in its own process, where no classroom page listens: the open
    // streams of this web server hear of it here (lib/live.ts; in memory, per process).
    if (outcome.ok && outcome.submission && task.actor) {
      void publishChange({ userId: task.actor.id, slug: task.slug, kind: task.mode, at: outcome.submission.createdAt.toISOString() });
    }
    return outcome;
  }

  /** Sends the job unless the learner or the line is at its bound (then the refusal). */
  private async enqueue(boss: PgBoss, data: GradingJobData): Promise<GradeOutcome | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // One enqueue per learner at a time, across web servers: the count below cannot go stale.
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`rnn-grader:${data.learnerKey}`]);
      const { rows } = await client.query<{ mine: string; waiting: string }>(
        `SELECT count(*) FILTER (WHERE singleton_key = $2) AS mine,
                count(*) FILTER (WHERE state < 'active') AS waiting
           FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state <= 'active'`,
        [GRADING_QUEUE, data.learnerKey],
      );
      const mine = Number(rows[0]?.mine ?? 0);
      const waiting = Number(rows[0]?.waiting ?? 0);
      if (mine >= 1 + QUEUE_BOUNDS.waitingPerLearner) {
        await client.query("ROLLBACK");
        return LEARNER_BUSY();
      }
      if (waiting >= QUEUE_BOUNDS.waiting) {
        await client.query("ROLLBACK");
        return QUEUE_FULL();
      }
      await boss.send(GRADING_QUEUE, data, {
        id: data.submissionId,
        singletonKey: data.learnerKey,
        db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) },
      });
      await client.query("COMMIT");
      return undefined;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** The job's outcome once a worker completed it, or a 503 when it failed or took too long. */
  private async waitFor(boss: PgBoss, data: GradingJobData): Promise<GradeOutcome> {
    const id = data.submissionId;
    const deadline = Date.now() + this.config.waitSeconds * 1000;
    let lastError: unknown;
    try {
      for (;;) {
        // A lost connection is retried until the deadline: the job goes on without us.
        const job = await boss.findJobs(GRADING_QUEUE, { id }).then(
          (jobs) => jobs[0] ?? null,
          (e: unknown) => {
            lastError = e;
            return "unknown" as const;
          },
        );
        if (job === "unknown") {
          // fall through to the wait below
        } else if (job?.state === "completed") {
          const parsed = outcomeSchema.safeParse(job.output);
          if (parsed.success) return parsed.data as unknown as GradeOutcome;
          console.error(`grading job ${id} completed with an unreadable output: ${parsed.error.message}`);
          return GRADER_UNAVAILABLE();
        } else if (job === null || job.state === "failed" || job.state === "cancelled") {
          console.error(`grading job ${id} ${job ? job.state : "vanished"}: ${JSON.stringify(job?.output ?? null).slice(0, 500)}`);
          return reject(503, "grader-unavailable", "The grader could not grade this code (its workers kept failing). Try again in a few seconds.", 5);
        }
        const left = deadline - Date.now();
        if (left <= 0 || this.closed) {
          if (lastError) console.error(`waiting for grading job ${id}: ${(lastError as Error).message}`);
          return stillGrading(data);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(POLL_MS, left));
          function done() {
            clearTimeout(timer);
            resolve();
          }
          this.waiters.set(id, done);
        });
        this.waiters.delete(id);
      }
    } catch (e) {
      console.error(`waiting for grading job ${id} failed:`, e);
      return stillGrading(data);
    } finally {
      this.waiters.delete(id);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiters.values()) wake();
    const boss = this.boss;
    const listener = this.listener;
    this.boss = undefined;
    this.listener = undefined;
    await Promise.allSettled([
      boss?.then((b) => b.stop({ graceful: false, close: true })),
      listener?.then((c) => c.end()),
      this.pool.end(),
    ]);
  }
}

function stillGrading(data: GradingJobData): GradeOutcome {
  return reject(
    503,
    "still-grading",
    data.actor
      ? `The grader is busy: your ${data.mode === "run" ? "run" : "submission"} is still waiting to be graded. It will appear in your history (Submissions) once it is.`
      : "The grader is busy: your code is still waiting to be graded. Try again in a minute.",
    10,
  );
}

/**
 * A grader worker: takes jobs from the queue and grades each in `grade` (the worker's own grader
 * pool, same limits and isolation as the web server's), stores the attempt, completes the job
 * with the outcome and tells the waiting web server. `concurrency` jobs at a time: one per
 * grader process. Returns a function that stops taking jobs and lets the running ones finish.
 */
export async function runGradingWorker(options: {
  url: string;
  concurrency: number;
  grade: (job: GradeJob) => Promise<GradeResult>;
  /** Called after each job (tests, the benchmark's accounting). */
  onJob?: (event: { id: string; retryCount: number; outcome: GradeOutcome }) => void;
}): Promise<{ stop: () => Promise<void>; boss: PgBoss }> {
  const boss = await openQueue(options.url, { worker: true });
  await boss.work<GradingJobData>(
    GRADING_QUEUE,
    { localConcurrency: options.concurrency, batchSize: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 5 },
    async ([job]) => {
      const parsed = gradingJobSchema.safeParse(job.data);
      const outcome: GradeOutcome = parsed.success
        ? await gradeAndRecord(taskOf(parsed.data), options.grade, { submissionId: parsed.data.submissionId, seed: parsed.data.seed })
        : reject(503, "grader-unavailable", "The grader could not read this job. Try again.", 5);
      // Completed here rather than by returning, so the NOTIFY below comes after the commit: the
      // web server that wakes on it finds the output. Fenced to this attempt (retryCount): a
      // worker presumed dead that finishes late changes nothing.
      await boss.complete(GRADING_QUEUE, { id: job.id, retryCount: job.retryCount }, outcome as unknown as object);
      await boss.getDb().executeSql("SELECT pg_notify($1, $2)", [DONE_CHANNEL, job.id]);
      options.onJob?.({ id: job.id, retryCount: job.retryCount, outcome });
      // pg-boss waits out its polling interval after every fetch of one job, even with more
      // waiting (NOTIFY only announces new ones): ask this process's workers to fetch again now.
      for (const w of boss.getWipData()) if (w.name === GRADING_QUEUE) boss.notifyWorker(w.id);
    },
  );
  return {
    boss,
    stop: () => boss.stop({ graceful: true, close: true, timeout: EXPIRE_SECONDS * 1000 }),
  };
}

function taskOf(data: GradingJobData): GradeTask {
  return { slug: data.slug, version: data.version, mode: data.mode, code: data.code, learnerKey: data.learnerKey, ...(data.actor ? { actor: data.actor } : {}) };
}
