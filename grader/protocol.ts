// Messages between the pool (parent) and a grader worker (child), over the IPC channel.
import type { SandboxLimits } from "./limits";
import type { GradeJob, GradeResult } from "./types";

/**
 * Test-only ways to make a worker misbehave, to exercise the pool's supervision. Honoured only
 * by workers started with test hooks enabled, and only reachable through the pool API: nothing
 * in a job's content can trigger one.
 */
export type TestHook = "exit" | "kill" | "hang";

/** `limits`: the pool's limits (an exercise's own override them). */
export type ToWorker = { type: "job"; id: number; job: GradeJob; limits?: Partial<SandboxLimits>; hook?: TestHook };

export type FromWorker =
  | { type: "ready" }
  /** The job's limits are known (the exercise's included): its wall-clock backstop. */
  | { type: "started"; id: number; backstopMs: number }
  /** exiting: the worker leaves after this (an isolate it could not stop); send it nothing more. */
  | { type: "result"; id: number; result: GradeResult; exiting?: boolean }
  /** The job could not be graded at all (unknown exercise, broken exercise files). */
  | { type: "failed"; id: number; error: { name: string; message: string }; exiting?: boolean };
