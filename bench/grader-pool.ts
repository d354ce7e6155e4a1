// Part 1: grading through the grader pool, as the web server does it. For every exercise, a
// correct and a wrong submission graded in Submit mode (compile + sandbox + every test), one
// at a time, with distinct code each round so the compile cache never answers.
import { readFileSync } from "node:fs";
import { GraderPool } from "../grader/pool";
import type { GradeResult } from "../grader/types";
import { childPids, TreeCpu, withDescendants } from "./cpu";
import { median, percentile, sleep, sum } from "./stats";
import { unique, type ExerciseSubmissions, type Submission } from "./submissions";

export interface Sample {
  /** What the caller waited for: pool.grade() from call to resolve (includes IPC). */
  roundTripMs: number;
  result: GradeResult;
  /** The workers' threads during the round trip: time on a CPU and time runnable but waiting for one. */
  sched?: { onCpuMs: number; waitMs: number };
  /**
   * CPU of the grader workers and their children (an esbuild service), every thread, from this
   * submission's start to the next one's: the result, then disposing the isolate and preparing
   * the next spare, which a worker does after answering. Submissions go one at a time.
   */
  cpuMs: number;
  /** Total read at the start (cpuMs is filled in from the next read). */
  cpuAtStart: number;
}

/** Where the slowest grades' time went, from the kernel's per-thread scheduler statistics. */
export interface TailFigures {
  /** Slowest 1% of correct submissions (by grade time). */
  slowest: { grade: number; roundTrip: number; onCpu: number; wait: number };
  /** The faster half, for comparison. */
  typical: { grade: number; roundTrip: number; onCpu: number; wait: number };
}

export interface KindFigures {
  runs: number;
  /** Worker's own time (GradeResult.durationMs). */
  p50: number;
  p99: number;
  roundTripP50: number;
  roundTripP99: number;
  /** Median of (round trip − durationMs): IPC, JSON and the pool's bookkeeping. */
  ipcP50: number;
  /** Median CPU of the workers per submission (see Sample.cpuMs). */
  cpuP50: number;
  /** Sums over all runs, for time shares. */
  totals: { duration: number; compile: number; isolate: number; run: number; compare: number };
  /** Runs whose verdict was not the expected one (should be 0). */
  unexpected: string[];
  durations: number[];
  roundTrips: number[];
  cpu: number[];
}

export interface ExerciseFigures {
  slug: string;
  tests: number;
  correct: KindFigures;
  wrong: KindFigures;
  wrongVariant: string;
}

/** What one hostile submission costs: how long it holds a worker, and the verdict it gets. */
export interface HostileFigures {
  variant: string;
  runs: number;
  p50: number;
  roundTripP50: number;
  /** error kinds seen, e.g. {"timeout": 3} */
  kinds: Record<string, number>;
}

export interface PoolFigures {
  poolSize: number;
  runsPerKind: number;
  gapMs: number;
  exercises: ExerciseFigures[];
  /** Across all exercises, correct submissions: the headline figures. */
  correctAll: KindFigures;
  wrongAll: KindFigures;
  hostile: HostileFigures[];
  tail?: TailFigures;
  wallMs: number;
}

export interface PoolOptions {
  runs: number;
  /** Pause between submissions: arrivals from people clicking, not a tight loop. */
  gapMs: number;
  poolSize?: number;
  /** Runs of each hostile variant (on the first exercise). */
  hostileRuns: number;
  log: (line: string) => void;
}

function figures(samples: Sample[], expected: string, label: string): KindFigures {
  const durations = samples.map((s) => s.result.durationMs);
  const roundTrips = samples.map((s) => s.roundTripMs);
  const t = samples.map((s) => s.result.timings);
  return {
    runs: samples.length,
    p50: median(durations),
    p99: percentile(durations, 99),
    roundTripP50: median(roundTrips),
    roundTripP99: percentile(roundTrips, 99),
    ipcP50: median(samples.map((s) => s.roundTripMs - s.result.durationMs)),
    cpuP50: median(samples.map((s) => s.cpuMs)),
    totals: {
      duration: sum(durations),
      compile: sum(t.map((x) => x.compileMs)),
      isolate: sum(t.map((x) => x.isolateMs)),
      run: sum(t.map((x) => x.runMs)),
      compare: sum(t.map((x) => x.compareMs)),
    },
    unexpected: samples
      .filter((s) => s.result.status !== expected)
      .map((s) => `${label}: ${s.result.status}${s.result.error ? ` (${s.result.error.kind}: ${s.result.error.message})` : ""}`),
    durations,
    roundTrips,
    cpu: samples.map((s) => s.cpuMs),
  };
}

export function mergeFigures(parts: KindFigures[]): KindFigures {
  const durations = parts.flatMap((p) => p.durations);
  const roundTrips = parts.flatMap((p) => p.roundTrips);
  const cpu = parts.flatMap((p) => p.cpu);
  const total = (k: keyof KindFigures["totals"]) => sum(parts.map((p) => p.totals[k]));
  return {
    runs: durations.length,
    p50: median(durations),
    p99: percentile(durations, 99),
    roundTripP50: median(roundTrips),
    roundTripP99: percentile(roundTrips, 99),
    ipcP50: median(roundTrips.map((rt, i) => rt - durations[i])),
    cpuP50: median(cpu),
    totals: {
      duration: total("duration"),
      compile: total("compile"),
      isolate: total("isolate"),
      run: total("run"),
      compare: total("compare"),
    },
    unexpected: parts.flatMap((p) => p.unexpected),
    durations,
    roundTrips,
    cpu,
  };
}

// ---- scheduler statistics of the pool's workers (Linux /proc) -----------------------------------

let workers: number[] = [];

/** Our child processes running the grader worker bundle. */
const findWorkers = () => childPids(process.pid, "worker.cjs");

/**
 * Over the workers' main threads (where the job, the isolate calls and the IPC happen): ns on
 * a CPU and ns runnable but waiting in the run queue. Wall time minus both is time blocked
 * (waiting for esbuild, for the pipe) or idle.
 */
function schedTotals(): { run: number; wait: number } | undefined {
  let run = 0;
  let wait = 0;
  for (const pid of workers) {
    try {
      const [r, w] = readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ").map(Number);
      run += r;
      wait += w;
    } catch {
      return undefined; // a worker was replaced: rescan before the next sample
    }
  }
  return { run, wait };
}

// Every process of the pool, every thread: what grading costs in CPU.
const poolCpu = new TreeCpu(() => withDescendants(findWorkers()));
/** The previous submission, whose CPU ends where the next one starts. */
let previous: Sample | undefined;

function closeCpuInterval(now: number): void {
  if (previous) previous.cpuMs = now - previous.cpuAtStart;
  previous = undefined;
}

async function gradeOnce(pool: GraderPool, sub: Submission, tag: string): Promise<Sample> {
  if (workers.length === 0) workers = findWorkers();
  const cpuAtStart = poolCpu.read();
  closeCpuInterval(cpuAtStart);
  const s0 = schedTotals();
  const t0 = performance.now();
  const result = await pool.grade({ slug: sub.slug, code: unique(sub.code, tag), mode: "submit" });
  const roundTripMs = performance.now() - t0;
  const s1 = schedTotals();
  const sample: Sample = { roundTripMs, result, cpuMs: NaN, cpuAtStart };
  previous = sample;
  if (!s0 || !s1) workers = [];
  else sample.sched = { onCpuMs: (s1.run - s0.run) / 1e6, waitMs: (s1.wait - s0.wait) / 1e6 };
  return sample;
}

/** Ends the last CPU interval once the worker has had time to prepare its next isolate. */
async function settleCpu(): Promise<void> {
  await sleep(100);
  closeCpuInterval(poolCpu.read());
}

function tailOf(samples: Sample[]): TailFigures | undefined {
  const withSched = samples.filter((s) => s.sched).sort((a, b) => a.result.durationMs - b.result.durationMs);
  if (withSched.length < 20) return undefined;
  const mean = (xs: Sample[]) => ({
    grade: sum(xs.map((x) => x.result.durationMs)) / xs.length,
    roundTrip: sum(xs.map((x) => x.roundTripMs)) / xs.length,
    onCpu: sum(xs.map((x) => x.sched!.onCpuMs)) / xs.length,
    wait: sum(xs.map((x) => x.sched!.waitMs)) / xs.length,
  });
  return {
    slowest: mean(withSched.slice(Math.floor(withSched.length * 0.99))),
    typical: mean(withSched.slice(0, Math.floor(withSched.length / 2))),
  };
}

export async function benchPool(all: ExerciseSubmissions[], options: PoolOptions): Promise<PoolFigures> {
  const started = performance.now();
  const pool = new GraderPool(options.poolSize ? { size: options.poolSize } : {});
  const exercises: ExerciseFigures[] = [];
  const hostile: HostileFigures[] = [];
  const allCorrect: Sample[] = [];
  workers = [];
  previous = undefined;
  try {
    await pool.start();
    for (const subs of all) {
      // The wrong submission is the exercise's first known mistake: it also pays for hint matching.
      const wrong = subs.wrong[0];
      // Warm-up: trusted files built and fixed expected values cached in every worker.
      for (let i = 0; i < pool.size * 2; i++) {
        await gradeOnce(pool, subs.correct, `warm ${i}`);
        await gradeOnce(pool, wrong, `warm ${i}`);
      }
      const correct: Sample[] = [];
      const wrongs: Sample[] = [];
      for (let i = 0; i < options.runs; i++) {
        await sleep(options.gapMs);
        correct.push(await gradeOnce(pool, subs.correct, `correct ${i}`));
        await sleep(options.gapMs);
        wrongs.push(await gradeOnce(pool, wrong, `wrong ${i}`));
      }
      await settleCpu();
      allCorrect.push(...correct);
      const row: ExerciseFigures = {
        slug: subs.exercise.slug,
        tests: correct[0]?.result.total ?? 0,
        correct: figures(correct, "pass", `${subs.exercise.slug} reference`),
        wrong: figures(wrongs, "fail", `${subs.exercise.slug} ${wrong.variant}`),
        wrongVariant: wrong.variant,
      };
      exercises.push(row);
      options.log(
        `  ${row.slug.padEnd(26)} correct p50 ${row.correct.p50.toFixed(2)} ms (CPU ${row.correct.cpuP50.toFixed(2)} ms), wrong p50 ${row.wrong.p50.toFixed(2)} ms`,
      );
    }
    if (all.length && options.hostileRuns > 0) {
      for (const sub of all[0].hostile) {
        const samples: Sample[] = [];
        for (let i = 0; i < options.hostileRuns; i++) samples.push(await gradeOnce(pool, sub, `hostile ${i}`));
        await settleCpu();
        const kinds: Record<string, number> = {};
        for (const x of samples) {
          const k = x.result.status === "error" ? (x.result.error?.kind ?? "error") : x.result.status;
          kinds[k] = (kinds[k] ?? 0) + 1;
        }
        hostile.push({
          variant: sub.variant,
          runs: samples.length,
          p50: median(samples.map((x) => x.result.durationMs)),
          roundTripP50: median(samples.map((x) => x.roundTripMs)),
          kinds,
        });
      }
    }
  } finally {
    await pool.close();
  }
  return {
    hostile,
    tail: tailOf(allCorrect),
    poolSize: pool.size,
    runsPerKind: options.runs,
    gapMs: options.gapMs,
    exercises,
    correctAll: mergeFigures(exercises.map((e) => e.correct)),
    wrongAll: mergeFigures(exercises.map((e) => e.wrong)),
    wallMs: performance.now() - started,
  };
}
