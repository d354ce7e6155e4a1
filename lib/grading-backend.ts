// Where a Run or Submit is graded. One seam, two backends, chosen once from the environment:
//
// - "pool" (the default; nothing to set): the grader pool's child processes under this web server
//   (grader/pool.ts), its per-learner line in memory (grader/fair-queue.ts).
// - "pg-boss": a durable queue on PostgreSQL (GRADING_QUEUE_URL, or GRADING_QUEUE=pg-boss with
//   DATABASE_URL on PostgreSQL: the queue then shares the app's database). The web server enqueues and
//   waits; `npm run worker` processes anywhere that reach the databases grade and store the
//   attempt (lib/grading-queue.ts). Jobs survive a web server or worker crash, and the
//   per-learner bounds hold across every web server.
import { z } from "zod";
import { getGraderPool } from "../grader/pool";
import { gradeAndRecord, type GradeTask } from "./grade-attempt";
import type { GradeOutcome } from "./grading";

export type { GradeTask } from "./grade-attempt";

export interface GradingBackend {
  readonly kind: "pool" | "pg-boss";
  /** Gets ready to grade (workers forked, queue created); the first grade() does it otherwise. */
  start(): Promise<void>;
  /** Grades one attempt in turn with other learners' and answers as lib/grading.ts does. */
  grade(task: GradeTask): Promise<GradeOutcome>;
  close(): Promise<void>;
}

/** Longest a web server waits for the queue's answer by default (a job's own backstop is ~2 min). */
export const DEFAULT_QUEUE_WAIT_SECONDS = 150;

const postgresUrl = z
  .string()
  .trim()
  .refine((s) => /^postgres(ql)?:\/\/./.test(s), { message: "GRADING_QUEUE_URL must be a postgresql:// URL" });

const envSchema = z.object({
  GRADING_QUEUE: z.enum(["", "pool", "pg-boss"], { error: 'GRADING_QUEUE must be "pool" or "pg-boss"' }).optional(),
  GRADING_QUEUE_URL: z.union([z.literal(""), postgresUrl]).optional(),
  GRADING_QUEUE_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  DATABASE_URL: z.string().optional(),
});

export type GradingConfig =
  | { kind: "pool" }
  | {
      kind: "pg-boss";
      /** The PostgreSQL database that holds the queue (pg-boss's schema `pgboss`). */
      url: string;
      /** How long a web server waits for a job's outcome before answering 503 "still-grading". */
      waitSeconds: number;
    };

/** The grading configuration, from the environment: the one place it is read. */
export function gradingConfig(env: Record<string, string | undefined> = process.env): GradingConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Grading configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const { GRADING_QUEUE: kind, GRADING_QUEUE_URL: queueUrl, GRADING_QUEUE_WAIT_SECONDS: wait, DATABASE_URL: databaseUrl } = parsed.data;
  if (kind === "pool" && queueUrl) throw new Error("Grading configuration: GRADING_QUEUE=pool contradicts GRADING_QUEUE_URL; unset one of them");
  // GRADING_QUEUE=pg-boss alone: the queue lives in the app's own PostgreSQL database (its own schema).
  const url = queueUrl || (kind === "pg-boss" ? databaseUrl : undefined);
  if (!url) {
    if (kind === "pg-boss") throw new Error("Grading configuration: GRADING_QUEUE=pg-boss needs GRADING_QUEUE_URL, or DATABASE_URL on PostgreSQL");
    return { kind: "pool" };
  }
  if (!postgresUrl.safeParse(url).success) {
    throw new Error("Grading configuration: GRADING_QUEUE=pg-boss needs a PostgreSQL database: set GRADING_QUEUE_URL=postgresql://… (DATABASE_URL is not one)");
  }
  return { kind: "pg-boss", url, waitSeconds: wait ?? DEFAULT_QUEUE_WAIT_SECONDS };
}

/** The in-process pool: grade and store right here. */
export class PoolBackend implements GradingBackend {
  readonly kind = "pool";
  start(): Promise<void> {
    return getGraderPool().start();
  }
  grade(task: GradeTask): Promise<GradeOutcome> {
    // In turn with other learners: one job of theirs in flight at a time (grader/fair-queue.ts).
    return gradeAndRecord(task, (job) => getGraderPool().grade(job, { learner: task.learnerKey }));
  }
  async close(): Promise<void> {}
}

const GLOBAL_KEY = Symbol.for("rnn-grader.grading-backend");
type BackendGlobal = typeof globalThis & { [GLOBAL_KEY]?: Promise<GradingBackend> };

/** The process-wide backend; kept on globalThis so routes and instrumentation share it. */
export function getGradingBackend(): Promise<GradingBackend> {
  const g = globalThis as BackendGlobal;
  g[GLOBAL_KEY] ??= createBackend(gradingConfig());
  return g[GLOBAL_KEY];
}

async function createBackend(config: GradingConfig): Promise<GradingBackend> {
  if (config.kind === "pool") return new PoolBackend();
  // Loaded only when configured: the default install never opens PostgreSQL.
  const { QueueBackend } = await import("./grading-queue");
  return new QueueBackend(config);
}
