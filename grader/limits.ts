// Every bound the grader puts on learner code, written once. The sandbox enforces them, the
// pool sends them to its workers, exercise.json may override the per-exercise ones (within the
// bounds below), and the docs quote them (README.md, exercises/README.md).
//
// Time is judged on CPU time, never on the wall clock: on a busy machine a loop of one second's
// work still gets one second of CPU, however long that takes, so verdicts do not depend on load.
// The wall clock only backs that up, generously, and a backstop that fires is the grader's
// fault ("overloaded"), never the learner's.

export interface SandboxLimits {
  /** Heap limit of the isolate. */
  memoryMb: number;
  /** CPU time for the module's top level. */
  loadCpuMs: number;
  /** CPU time for one call of the learner's function (encoding its result included). */
  callCpuMs: number;
  /** CPU time for the whole submission (load + every call). */
  totalCpuMs: number;
  /**
   * Wall-clock backstop of one step (the top level or one call): this many times its CPU budget,
   * and at least wallMinMs. When it fires the verdict is "overloaded", not the learner's fault.
   */
  wallFactor: number;
  wallMinMs: number;
  /** Console output kept and shown to the learner. */
  consoleKeepBytes: number;
  /** Console output beyond this is a flood: verdict error, kind output-limit. */
  consoleMaxBytes: number;
  /** Caps on a return value, counted inside the isolate while encoding it: values and characters. */
  resultNodes: number;
  resultChars: number;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  memoryMb: 64,
  loadCpuMs: 500,
  callCpuMs: 1000,
  totalCpuMs: 3000,
  wallFactor: 30,
  wallMinMs: 5000,
  consoleKeepBytes: 16 * 1024,
  consoleMaxBytes: 256 * 1024,
  resultNodes: 100_000,
  resultChars: 2_000_000,
});

/** What an exercise.json may set (`limits`), and the range each must stay in. */
export const EXERCISE_LIMIT_BOUNDS = {
  memoryMb: { min: 16, max: 256 },
  loadCpuMs: { min: 50, max: 5000 },
  callCpuMs: { min: 50, max: 10_000 },
  totalCpuMs: { min: 100, max: 30_000 },
} as const;

export type ExerciseLimits = Partial<Pick<SandboxLimits, keyof typeof EXERCISE_LIMIT_BOUNDS>>;

/** The limits one job runs under: the pool's, then the exercise's own. */
export function effectiveLimits(pool: Partial<SandboxLimits> | undefined, exercise: ExerciseLimits | undefined): SandboxLimits {
  return { ...DEFAULT_LIMITS, ...(pool ?? {}), ...(exercise ?? {}) };
}

/**
 * The pool's wall-clock backstop for one job: the worst a job can take when every step runs into
 * its own wall backstop, plus room for compiling and planning. Past it the worker is killed and
 * the verdict is "overloaded".
 */
export function jobBackstopMs(limits: SandboxLimits): number {
  const step = (cpu: number) => Math.max(limits.wallMinMs, cpu * limits.wallFactor);
  return step(limits.loadCpuMs) + step(limits.totalCpuMs) + 10_000;
}

/** Shown when a wall-clock backstop fires: the machine was too busy, the code did nothing wrong. */
export const OVERLOADED_MESSAGE =
  "The grader was overloaded and stopped before your code had used its CPU time: your code was not at fault — try again.";

/**
 * Caps on what a result carries, whatever the code returned. Values in a result are previews
 * (the first elements, characters or keys and the full count) of at most `valueBytes` each; when
 * the whole result would still pass `maxBytes` (JSON, UTF-8), previews shrink step by step. With
 * the code (64 KB at most) and the console (16 KB), a stored submission stays under 256 KB, and so
 * does a Run or Submit response.
 */
export const RESULT_BOUNDS = Object.freeze({
  maxBytes: 160 * 1024,
  valueBytes: [4096, 1024, 256, 64, 0] as readonly number[],
  messageChars: 2000,
});

/**
 * The pool's queue (grader/fair-queue.ts): one job in flight per learner, round-robin between
 * learners; a learner may have this many more waiting (then 429), and this many learners' jobs
 * may wait in all (then 503 with Retry-After).
 */
export const QUEUE_BOUNDS = Object.freeze({ waitingPerLearner: 2, waiting: 200 });
/** Retry-After when the queue is full. */
export const QUEUE_FULL_RETRY_SECONDS = 10;
