// npm run bench [-- --quick] [--learners N] [--duration s] [--runs N] [--baseline-runs N]
//                [--hostile-share x] [--rate r] [--only grader,runtimes,baseline,http,editor,queue] [--no-build]
//                [--no-node20] [--profile] [--keep] [--out FILE] [--editor-url URL]
//
// The benchmark (not a test): grading in the pool, the secure floor and the runtimes (CPU probe
// under Node 24 and Node 20), a process-per-submission baseline, a classroom burst over HTTP and
// a SIGKILL fault test, the time to a usable editor in Chromium, and the durable grading queue
// (bench/queue.ts: 1, 2, 4 worker processes, latency against the pool, a fault run; needs
// PostgreSQL). Its targets are ratios measured within the run (bench/ratios.ts). Prints
// the tables, writes BENCHMARKS.md and ends with one summary line:
//   grade-p50-ms=… grade-p99-ms=… http-rps=… http-p95-ms=… floor-ratio=… baseline-ratio=…
//   server-cpu-ratio=… queue-ratio=… lost=…
//
// A part is a function that adds its figures to Results (bench/report.ts) and a section
// renderer there; add one to PARTS and to main() below.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchBaseline } from "./baseline";
import { benchEditorLoad } from "./editor-load";
import { DEFAULT_MIX } from "./classroom";
import { benchPool } from "./grader-pool";
import { benchQueue, killQueueProcesses } from "./queue";
import { benchHttp } from "./http";
import { describeMachine } from "./machine";
import { renderMarkdown, renderText, summaryLine, type Results } from "./report";
import { benchRuntimes } from "./runtimes";
import { killAllServers } from "./server";
import { allSubmissions } from "./submissions";

const PARTS = ["grader", "runtimes", "baseline", "http", "editor", "queue"] as const;
type Part = (typeof PARTS)[number];

interface Options {
  quick: boolean;
  learners: number;
  durationS: number;
  runs: number;
  baselineRuns: number;
  baselineExercises: number;
  only: Set<Part>;
  build: boolean;
  node20: boolean;
  profile: boolean;
  keep: boolean;
  out: string;
  hostileShare: number;
  /** Offered rate of the paced burst; default half the measured closed-loop capacity. */
  rate?: number;
  /** Measurements per exercise in the CPU probe. */
  probeReps: number;
  /** Submits of one learner alone over HTTP. */
  unloadedRuns: number;
  /** The editor part against a server already running there (e.g. another checkout). */
  editorUrl?: string;
}

const USAGE =
  "usage: npm run bench -- [--quick] [--learners N] [--duration s] [--runs N] [--baseline-runs N] " +
  "[--hostile-share x] [--rate r] [--only grader,runtimes,baseline,http,editor,queue] [--no-build] [--no-node20] [--profile] [--keep] [--out FILE] [--editor-url URL]";

function parseArgs(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const o: Options = {
    quick,
    learners: 50,
    durationS: quick ? 8 : 30,
    runs: quick ? 40 : 200,
    baselineRuns: quick ? 3 : 10,
    baselineExercises: quick ? 3 : Infinity,
    only: new Set(PARTS),
    build: true,
    node20: true,
    profile: false,
    keep: false,
    out: path.resolve("BENCHMARKS.md"),
    hostileShare: DEFAULT_MIX.hostileShare,
    probeReps: quick ? 15 : 60,
    unloadedRuns: quick ? 20 : 60,
  };
  const number = (i: number, name: string, min: number, max: number): number => {
    const n = Number(argv[i]);
    if (argv[i] === undefined || !Number.isFinite(n) || n < min || n > max) throw new Error(`${name} needs a number from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") continue;
    else if (a === "--learners") o.learners = Math.floor(number(++i, a, 1, 2000));
    else if (a === "--duration") o.durationS = number(++i, a, 1, 3600);
    else if (a === "--runs") o.runs = Math.floor(number(++i, a, 1, 100_000));
    else if (a === "--baseline-runs") o.baselineRuns = Math.floor(number(++i, a, 1, 1000));
    else if (a === "--hostile-share") o.hostileShare = number(++i, a, 0, 1);
    else if (a === "--rate") o.rate = number(++i, a, 0, 100_000);
    else if (a === "--only") {
      const parts = (argv[++i] ?? "").split(",").filter(Boolean);
      if (!parts.length || parts.some((p) => !(PARTS as readonly string[]).includes(p))) throw new Error(`--only takes ${PARTS.join(",")}`);
      o.only = new Set(parts as Part[]);
    } else if (a === "--no-build") o.build = false;
    else if (a === "--no-node20") o.node20 = false;
    else if (a === "--profile") o.profile = true;
    else if (a === "--keep") o.keep = true;
    else if (a === "--out") o.out = path.resolve(argv[++i] ?? "BENCHMARKS.md");
    else if (a === "--editor-url") o.editorUrl = argv[++i];
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

/** Progress goes to stderr so stdout ends with the summary line. */
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const opts = parseArgs(process.argv.slice(2));
  const root = process.cwd();
  const machine = describeMachine();
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), "rnn-bench-"));
  // A hard stop, whatever happens: the benchmark always ends by itself.
  const budgetS = opts.quick ? 600 : 3600 + 2 * opts.durationS;
  const profileDir = opts.profile ? path.join(root, ".cache", "bench-profiles", new Date().toISOString().replace(/[:.]/g, "-")) : undefined;
  const watchdog = setTimeout(() => {
    log(`bench: gave up after ${budgetS} s`);
    killQueueProcesses();
    killAllServers();
    process.exit(3);
  }, budgetS * 1000);
  watchdog.unref();

  const all = allSubmissions();
  const results: Results = {
    quick: opts.quick,
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine,
    totalSeconds: 0,
  };
  log(`bench: ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAtStart}; ${all.length} exercises`);

  try {
    if (opts.only.has("grader")) {
      log(`1. grading in the pool (${opts.runs} correct + ${opts.runs} wrong per exercise)…`);
      try {
        results.pool = await benchPool(all, { runs: opts.runs, gapMs: 2, hostileRuns: opts.quick ? 2 : 5, log });
      } catch (e) {
        results.poolError = (e as Error).message;
        log(`  failed: ${results.poolError}`);
      }
    }
    if (opts.only.has("runtimes")) {
      log(`2. CPU probe: the secure floor and grading CPU, on ${process.version}${opts.node20 ? " and Node 20" : ""} (${opts.probeReps} per exercise)…`);
      try {
        results.runtimes = await benchRuntimes({
          root,
          spec: { slugs: all.map((s) => s.exercise.slug), reps: opts.probeReps, seed: 20_260_401 },
          // Building isolated-vm 5 takes minutes: only a full run does it.
          buildOld: !opts.quick,
          skipOld: !opts.node20,
          profileDir: profileDir && path.join(profileDir, "grading"),
          log,
        });
      } catch (e) {
        results.runtimesError = (e as Error).message;
        log(`  failed: ${results.runtimesError}`);
      }
    }
    if (opts.only.has("baseline")) {
      // Quick mode: a few exercises spread over the catalogue.
      const picked =
        opts.baselineExercises >= all.length
          ? all
          : [...new Set([0, Math.floor((all.length - 1) / 2), all.length - 1])].slice(0, opts.baselineExercises).map((i) => all[i]);
      log(`3. baseline: one node process per submission (${opts.baselineRuns} + ${opts.baselineRuns} on ${picked.length} exercises)…`);
      try {
        results.baseline = await benchBaseline(picked, { root, tmpDir, runs: opts.baselineRuns, log });
      } catch (e) {
        results.baselineError = (e as Error).message;
        log(`  failed: ${results.baselineError}`);
      }
    }
    if (opts.only.has("http")) {
      log(`4–5. classroom burst and fault over HTTP (${opts.learners} learners)…`);
      try {
        results.http = await benchHttp(all, {
          root,
          tmpDir,
          learners: opts.learners,
          burstMs: opts.durationS * 1000,
          pacedRate: opts.rate,
          unloadedRuns: opts.unloadedRuns,
          faultBeforeMs: (opts.quick ? 3 : Math.max(3, opts.durationS / 3)) * 1000,
          faultAfterMs: (opts.quick ? 3 : Math.max(3, opts.durationS / 3)) * 1000,
          mix: { ...DEFAULT_MIX, hostileShare: opts.hostileShare },
          build: opts.build,
          profileDir: profileDir && path.join(profileDir, "server"),
          log,
        });
        if (results.http.profile) log(`  CPU profile of the server written under ${results.http.profile}`);
      } catch (e) {
        results.httpError = (e as Error).message;
        log(`  failed: ${results.httpError}`);
      }
    }
    if (opts.only.has("editor")) {
      log(`6. time to a usable editor in Chromium (${opts.quick ? 3 : 7} runs)…`);
      try {
        results.editor = await benchEditorLoad({ root, tmpDir, runs: opts.quick ? 3 : 7, build: opts.build, url: opts.editorUrl, log });
      } catch (e) {
        results.editorError = (e as Error).message;
        log(`  failed: ${results.editorError}`);
      }
    }
    if (opts.only.has("queue")) {
      const q = opts.quick ? { learners: 6, submitsPerLearner: 4, latencyRuns: 10 } : { learners: 8, submitsPerLearner: 8, latencyRuns: 30 };
      log(`7. durable grading queue: 1, 2, 4 workers (${q.learners} learners × ${q.submitsPerLearner} Submits), latency against the pool, fault run…`);
      try {
        results.queue = await benchQueue(all, { root, tmpDir, ...q, workerCounts: [1, 2, 4], log });
      } catch (e) {
        results.queueError = (e as Error).message;
        log(`  failed: ${results.queueError}`);
      }
    }
  } finally {
    killQueueProcesses();
    killAllServers();
    if (!opts.keep) rmSync(tmpDir, { recursive: true, force: true });
    else log(`bench: kept ${tmpDir}`);
  }

  results.totalSeconds = (performance.now() - started) / 1000;
  writeFileSync(opts.out, renderMarkdown(results));
  process.stdout.write(`${renderText(results)}\n\nwrote ${path.relative(root, opts.out) || opts.out}\n`);
  process.stdout.write(`${summaryLine(results)}\n`);
  clearTimeout(watchdog);
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    killQueueProcesses();
    killAllServers();
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  },
);
