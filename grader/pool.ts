// A small supervised pool of grader child processes. The web server, the CLI, the exercise
// check and the benchmarks all grade through it.
//
// The pool is imported by the bundled Next.js server, so it relies on no __dirname: it bundles
// grader/worker.ts with esbuild into node_modules/.cache/grader/ (under GRADER_ROOT or the
// working directory) and forks that file.
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { bundleForNode } from "../scripts/bundle-entry.mjs";
import { FairQueue, QueueRefusal, type FairQueueBounds } from "./fair-queue";
import { effectiveLimits, jobBackstopMs, OVERLOADED_MESSAGE, QUEUE_BOUNDS, type SandboxLimits } from "./limits";
import type { FromWorker, TestHook, ToWorker } from "./protocol";
import { newSeed } from "./rng";
import type { GradeJob, GradeResult } from "./types";

export interface GraderPoolOptions {
  /** Number of workers; default GRADER_WORKERS or min(available parallelism, 4). */
  size?: number;
  /**
   * Wall-clock backstop per job: the worker is killed and the job reported as "overloaded" (the
   * machine was too busy; never the learner's fault). Default: derived from each job's limits
   * (grader/limits.ts jobBackstopMs), generous enough that only a starved machine reaches it.
   */
  jobTimeoutMs?: number;
  /** The sandbox's limits for every job of this pool (an exercise's own override them). */
  limits?: Partial<SandboxLimits>;
  /** Bounds of the waiting line (default QUEUE_BOUNDS in grader/limits.ts). */
  queue?: Partial<FairQueueBounds>;
  /** Project root (holds grader/ and node_modules/); default GRADER_ROOT or the working directory. */
  root?: string;
  /** Exercise folders; default EXERCISES_DIR or <root>/exercises. */
  exercisesDir?: string;
  /** Let jobs carry a TestHook (tests of the pool's supervision only). */
  testHooks?: boolean;
  /**
   * Grade each exercise folder as it is on disk, not the version served to learners
   * (grader/exercise-snapshots.ts, which holds an edit back until it passed its check): what
   * `exercises:check` and the background version check need, since they check that edit.
   */
  folderAsIs?: boolean;
}

/** A job the pool refuses: malformed, unknown exercise, broken exercise files, or pool closed. */
export class GradeJobError extends Error {
  constructor(
    readonly code: "invalid-job" | "unknown-exercise" | "exercise-broken" | "unavailable" | "closed" | "learner-busy" | "queue-full",
    message: string,
  ) {
    super(message);
    this.name = "GradeJobError";
  }
}

interface Pending {
  id: number;
  /** Whose job: the learner's key, or a key of its own for trusted callers. */
  learner: string;
  job: GradeJob & { seed: number };
  hook?: TestHook;
  resolve: (r: GradeResult) => void;
  reject: (e: Error) => void;
}

type Running = Pending & { timer: NodeJS.Timeout; timedOut: boolean };

interface Slot {
  child: ChildProcess;
  ready: boolean;
  current?: Running;
  stderrTail: string;
  /** The worker said it is exiting after its last job: dispatch nothing more to it. */
  retiring?: boolean;
  /** What the worker wrote to stderr during its current job (V8's last words, if it aborts). */
  jobStderr: string;
}

const MAX_SEED = 2 ** 32 - 1;

export class GraderPool {
  readonly size: number;
  /** Fixed backstop (option), or undefined: each job's own, from its limits. */
  private readonly fixedJobTimeoutMs?: number;
  /** Backstop until the worker reports the job's limits. */
  private readonly defaultJobTimeoutMs: number;
  private readonly limits?: Partial<SandboxLimits>;
  private readonly root: string;
  private readonly exercisesDir: string;
  private readonly testHooks: boolean;
  private readonly folderAsIs: boolean;
  private readonly slots = new Set<Slot>();
  private readonly queue: FairQueue<Pending>;
  private workerFile?: Promise<string>;
  private readyWaiters: (() => void)[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;
  private failure?: GradeJobError;

  constructor(options: GraderPoolOptions = {}) {
    const fromEnv = Number(process.env.GRADER_WORKERS);
    this.size = Math.max(
      1,
      Math.floor(options.size ?? (fromEnv > 0 ? fromEnv : Math.min(os.availableParallelism(), 4))),
    );
    this.fixedJobTimeoutMs = options.jobTimeoutMs;
    this.limits = options.limits;
    this.defaultJobTimeoutMs = options.jobTimeoutMs ?? jobBackstopMs(effectiveLimits(options.limits, undefined));
    this.root = path.resolve(options.root ?? process.env.GRADER_ROOT ?? process.cwd());
    this.exercisesDir = path.resolve(options.exercisesDir ?? process.env.EXERCISES_DIR ?? path.join(this.root, "exercises"));
    this.testHooks = options.testHooks ?? false;
    this.folderAsIs = options.folderAsIs ?? false;
    this.queue = new FairQueue<Pending>({ ...QUEUE_BOUNDS, ...(options.queue ?? {}) });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Starts the workers (once) and resolves when at least one is ready to grade. */
  async start(): Promise<void> {
    if (this.closed) throw new GradeJobError("closed", "The grader pool is closed.");
    if (!this.workerFile) {
      this.workerFile = bundleWorker(this.root);
      const file = await this.workerFile.catch((e: Error) => {
        this.fail(`Could not build the grader worker: ${e.message}`);
        throw this.failure;
      });
      for (let i = 0; i < this.size; i++) this.spawn(file);
    }
    await this.workerFile.catch(() => undefined);
    if (this.failure) throw this.failure;
    if ([...this.slots].some((s) => s.ready)) return;
    await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /**
   * Grades a job on the next free worker, in turn with other learners' jobs (`learner`: whose job,
   * e.g. "user:<id>"; none for trusted callers). Rejects only with GradeJobError: "learner-busy"
   * when that learner already has the most jobs allowed waiting, "queue-full" when the line is.
   * `priority: "low"` (background regrades): the job runs only when no other waiting job can.
   */
  async grade(job: GradeJob, options: { hook?: TestHook; learner?: string; priority?: "low" } = {}): Promise<GradeResult> {
    const checked = validateJob(job);
    if (options.hook && !this.testHooks) throw new GradeJobError("invalid-job", "Test hooks are disabled in this pool.");
    await this.start();
    if (this.closed) throw new GradeJobError("closed", "The grader pool is closed.");
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const learner = options.learner !== undefined ? `learner:${options.learner}` : `job:${id}`;
    let pending!: Pending;
    const result = new Promise<GradeResult>((resolve, reject) => {
      pending = { id, learner, job: checked, hook: options.hook, resolve, reject };
    });
    try {
      this.queue.push(learner, pending, options.learner !== undefined, options.priority === "low");
    } catch (e) {
      if (!(e instanceof QueueRefusal)) throw e;
      throw e.reason === "learner-busy"
        ? new GradeJobError("learner-busy", "Your previous submissions are still being graded: wait for their results before sending more.")
        : new GradeJobError("queue-full", "The grader has too many submissions waiting. Try again in a few seconds.");
    }
    this.dispatch();
    return result;
  }

  /** Stops every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closedError = new GradeJobError("closed", "The grader pool was closed.");
    for (const p of this.queue.drain()) p.reject(closedError);
    this.wakeReadyWaiters();
    await Promise.all(
      [...this.slots].map(
        (slot) =>
          new Promise<void>((resolve) => {
            if (slot.current) {
              clearTimeout(slot.current.timer);
              slot.current.reject(closedError);
              slot.current = undefined;
            }
            const { child } = slot;
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => child.kill("SIGKILL"), 2000);
            child.once("exit", () => {
              clearTimeout(force);
              resolve();
            });
            // A worker exits when its IPC channel closes; SIGTERM covers one stuck in a sync call.
            if (child.connected) child.disconnect();
            child.kill("SIGTERM");
          }),
      ),
    );
    this.slots.clear();
  }

  private spawn(file: string): void {
    if (this.closed) return;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      NODE_ENV: process.env.NODE_ENV ?? "production",
      EXERCISES_DIR: this.exercisesDir,
    };
    // Where the worker's temp files would go (not a secret; tests point it at a private dir).
    if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
    // Where the last good version of each exercise is kept (grader/exercise-snapshots.ts).
    if (process.env.EXERCISE_SNAPSHOTS_DIR) env.EXERCISE_SNAPSHOTS_DIR = process.env.EXERCISE_SNAPSHOTS_DIR;
    if (this.testHooks) env.GRADER_TEST_HOOKS = "1";
    if (this.folderAsIs) env.GRADE_FOLDER_AS_IS = "1";
    const child = fork(file, [], {
      cwd: this.root,
      env,
      execArgv: ["--no-node-snapshot"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    const slot: Slot = { child, ready: false, stderrTail: "", jobStderr: "" };
    this.slots.add(slot);
    // Worker output is diagnostics (e.g. V8's last words before an abort), never learner output.
    const forward = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      slot.stderrTail = (slot.stderrTail + text).slice(-2000);
      if (slot.current) slot.jobStderr = (slot.jobStderr + text).slice(-4000);
      process.stderr.write(text.replace(/^(?=.)/gm, `[grader ${child.pid}] `));
    };
    child.stdout!.on("data", forward);
    child.stderr!.on("data", forward);
    child.on("message", (message: FromWorker) => this.onMessage(slot, message));
    child.on("error", () => undefined); // 'exit' follows and does the bookkeeping
    // "close", not "exit": it comes once stderr is read to the end, which says why a worker died.
    child.on("close", (code, signal) => this.onExit(slot, code, signal));
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === "ready") {
      slot.ready = true;
      this.startFailures = 0;
      this.wakeReadyWaiters();
      this.dispatch();
      return;
    }
    const current = slot.current;
    if (!current || current.id !== message.id) return;
    if (message.type === "started") {
      if (this.fixedJobTimeoutMs === undefined) {
        clearTimeout(current.timer);
        current.timer = this.backstop(slot, current, message.backstopMs);
      }
      return;
    }
    clearTimeout(current.timer);
    slot.current = undefined;
    this.queue.done(current.learner);
    // A worker on its way out takes no more jobs; its exit starts a replacement.
    if (message.exiting) slot.retiring = true;
    if (message.type === "result") current.resolve(message.result);
    else {
      const failure = jobFailure(message.error);
      if (failure) current.reject(failure);
      else current.resolve(crashResult(current.job, `The grader failed on this submission: ${message.error.message}`));
    }
    this.dispatch();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    this.slots.delete(slot);
    const current = slot.current;
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      this.queue.done(current.learner);
      current.resolve(
        current.timedOut
          ? backstopResult(current.job)
          : V8_OUT_OF_MEMORY.test(slot.jobStderr)
            ? memoryResult(current.job)
            : crashResult(current.job),
      );
    }
    if (this.closed) return;
    // That learner's next job may now run on another free worker.
    if (current) this.dispatch();
    if (!slot.ready && !slot.retiring && ++this.startFailures >= 3) {
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      this.fail(`Grader workers keep dying on startup (${how}): ${slot.stderrTail.trim().slice(-500)}`);
      return;
    }
    void this.workerFile!.then((file) => this.spawn(file));
  }

  private fail(message: string): void {
    this.failure = new GradeJobError("unavailable", message);
    for (const p of this.queue.drain()) p.reject(this.failure);
    this.wakeReadyWaiters();
  }

  private wakeReadyWaiters(): void {
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /** Kills the worker when the job outlives its wall-clock backstop. */
  private backstop(slot: Slot, current: Running, ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      if (slot.current !== current) return;
      current.timedOut = true;
      slot.child.kill("SIGKILL");
    }, ms);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.size === 0) return;
      if (!slot.ready || slot.retiring || slot.current || !slot.child.connected) continue;
      const taken = this.queue.take();
      if (!taken) return; // every waiting learner has a job running
      const next = taken.item;
      const current: Running = { ...next, timer: undefined as unknown as NodeJS.Timeout, timedOut: false };
      current.timer = this.backstop(slot, current, this.defaultJobTimeoutMs);
      slot.current = current;
      slot.jobStderr = "";
      const message: ToWorker = {
        type: "job",
        id: next.id,
        job: next.job,
        ...(this.limits ? { limits: this.limits } : {}),
        ...(next.hook ? { hook: next.hook } : {}),
      };
      slot.child.send(message, (err) => {
        if (err && slot.current === current) slot.child.kill("SIGKILL");
      });
    }
  }
}

function validateJob(job: GradeJob): GradeJob & { seed: number } {
  const problems: string[] = [];
  if (!job || typeof job !== "object") throw new GradeJobError("invalid-job", "A grade job must be an object.");
  if (typeof job.slug !== "string" || job.slug.length === 0) problems.push("slug must be a non-empty string");
  if (typeof job.code !== "string") problems.push("code must be a string");
  if (job.mode !== "run" && job.mode !== "submit") problems.push('mode must be "run" or "submit"');
  if (job.seed !== undefined && !(Number.isInteger(job.seed) && job.seed >= 0 && job.seed <= MAX_SEED)) {
    problems.push(`seed must be an integer from 0 to ${MAX_SEED}`);
  }
  if (problems.length) throw new GradeJobError("invalid-job", `Invalid grade job: ${problems.join("; ")}.`);
  // The pool picks the seed so that even a crashed job reports one.
  return { slug: job.slug, code: job.code, mode: job.mode, seed: job.seed ?? newSeed() };
}

/** A refusal for problems with the job or the exercise; undefined for a grader bug (a crash). */
function jobFailure(error: { name: string; message: string }): GradeJobError | undefined {
  if (error.name === "UnknownExerciseError") return new GradeJobError("unknown-exercise", error.message);
  if (error.name === "ExerciseFormatError" || error.name === "ExerciseCodeError") {
    return new GradeJobError("exercise-broken", `This exercise cannot be graded: ${error.message}`);
  }
  return undefined;
}

function emptyResult(job: GradeJob & { seed: number }): Omit<GradeResult, "status" | "error"> {
  return {
    exercise: job.slug,
    mode: job.mode,
    tests: [],
    passed: 0,
    total: 0,
    seed: job.seed,
    console: "",
    consoleTruncated: false,
    durationMs: 0,
    timings: { compileMs: 0, isolateMs: 0, runMs: 0, compareMs: 0 },
  };
}

function crashResult(
  job: GradeJob & { seed: number },
  message = "The grader process running your code died (it may have exhausted memory). Your code was not graded.",
): GradeResult {
  return { ...emptyResult(job), status: "error", error: { kind: "crash", message } };
}

/**
 * V8 aborts the whole process when one allocation cannot be made at all (Array.from with 10^8
 * elements asks for 800 MB at once), before the isolate's limit can stop it; it says so first.
 */
const V8_OUT_OF_MEMORY = /Last few GCs|Reached heap limit|CALL_AND_RETRY_LAST|Allocation failed - JavaScript heap out of memory|Fatal JavaScript invalid size error/;

function memoryResult(job: GradeJob & { seed: number }): GradeResult {
  return {
    ...emptyResult(job),
    status: "error",
    error: { kind: "memory", message: "Your code asked for more memory than the grader can give at once and was stopped (e.g. an array of hundreds of millions of elements)." },
  };
}

function backstopResult(job: GradeJob & { seed: number }): GradeResult {
  return { ...emptyResult(job), status: "error", error: { kind: "overloaded", message: OVERLOADED_MESSAGE } };
}

// One bundle per process: later pools reuse it.
let bundled: Promise<string> | undefined;

/** Bundles grader/worker.ts into a single CommonJS file that plain `node` can fork. */
function bundleWorker(root: string): Promise<string> {
  bundled ??= bundleForNode(root, path.join("grader", "worker.ts"), "grader", "worker");
  bundled.catch(() => {
    bundled = undefined;
  });
  return bundled;
}

const GLOBAL_KEY = Symbol.for("rnn-grader.pool");
type PoolGlobal = typeof globalThis & { [GLOBAL_KEY]?: GraderPool };

/** The process-wide pool, started lazily; kept on globalThis so dev hot reloads reuse it. */
export function getGraderPool(): GraderPool {
  const g = globalThis as PoolGlobal;
  let pool = g[GLOBAL_KEY];
  if (!pool || pool.isClosed) {
    pool = new GraderPool();
    g[GLOBAL_KEY] = pool;
  }
  return pool;
}

/** Closes the process-wide pool, if one was started. */
export async function closeGraderPool(): Promise<void> {
  const g = globalThis as PoolGlobal;
  const pool = g[GLOBAL_KEY];
  g[GLOBAL_KEY] = undefined;
  await pool?.close();
}
