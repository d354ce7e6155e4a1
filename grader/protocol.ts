// Messages between the pool (parent) and a grader worker (child), over the IPC channel.
import type { GradeJob, GradeResult } from "./types";

/**
 * Test-only ways to make a worker misbehave, to exercise the pool's supervision. Honoured only
 * by workers started with test hooks enabled, and only reachable through the pool API: nothing
 * in a job's content can trigger one.
 */
export type TestHook = "exit" | "kill" | "hang";

export type ToWorker = { type: "job"; id: number; job: GradeJob; hook?: TestHook };

export type FromWorker =
  | { type: "ready" }
  | { type: "result"; id: number; result: GradeResult }
  /** The job could not be graded at all (unknown exercise, broken exercise files). */
  | { type: "failed"; id: number; error: { name: string; message: string } };
