// Part 2: the same gradings done one fresh `node` process per submission, the way container-
// and process-per-run graders work (and they pay more: a container on top of the process).
// bench/one-shot.ts is bundled once, like the pool bundles its worker, and spawned per job.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bundleForNode } from "../scripts/bundle-entry.mjs";
import type { GradeResult } from "../grader/types";
import { median, percentile } from "./stats";
import { unique, type ExerciseSubmissions, type Submission } from "./submissions";

export interface BaselineRow {
  slug: string;
  correctMs: number[];
  wrongMs: number[];
  /** Worker-side durationMs reported by the one-shot process (the grading itself). */
  gradeMs: number[];
}

export interface BaselineFigures {
  rows: BaselineRow[];
  correctP50: number;
  correctP99: number;
  wrongP50: number;
  /** `node -e 0`: the floor any process-per-run design pays before doing anything. */
  bareNodeP50: number;
  /** Median of the one-shot's own durationMs: grading in a cold process. */
  coldGradeP50: number;
  unexpected: string[];
  runsPerKind: number;
}

export interface BaselineOptions {
  root: string;
  tmpDir: string;
  runs: number;
  log: (line: string) => void;
}

function bundleOneShot(root: string): Promise<string> {
  return bundleForNode(root, path.join("bench", "one-shot.ts"), "bench", "one-shot");
}

interface Spawned {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killed after timeoutMs) and times it from spawn to exit. */
function timed(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Spawned> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - t0, code, stdout, stderr });
    });
  });
}

export async function benchBaseline(all: ExerciseSubmissions[], options: BaselineOptions): Promise<BaselineFigures> {
  const script = await bundleOneShot(options.root);
  const jobsDir = path.join(options.tmpDir, "one-shot-jobs");
  mkdirSync(jobsDir, { recursive: true });
  // The same small environment the pool gives its workers.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    NODE_ENV: "production",
    EXERCISES_DIR: path.join(options.root, "exercises"),
  };
  const unexpected: string[] = [];
  const rows: BaselineRow[] = [];
  let n = 0;

  const gradeOnce = async (sub: Submission): Promise<{ ms: number; result?: GradeResult }> => {
    const file = path.join(jobsDir, `job-${n++}.ts`);
    writeFileSync(file, unique(sub.code, `one-shot ${n}`));
    const run = await timed(["--no-node-snapshot", script, sub.slug, file], options.root, env);
    let result: GradeResult | undefined;
    try {
      result = JSON.parse(run.stdout) as GradeResult;
    } catch {
      unexpected.push(`${sub.slug} ${sub.variant}: exit ${run.code}, no JSON (${run.stderr.trim().slice(0, 200)})`);
    }
    if (result && result.status !== sub.expected) {
      unexpected.push(`${sub.slug} ${sub.variant}: ${result.status}, expected ${sub.expected}`);
    }
    return { ms: run.ms, result };
  };

  const bare: number[] = [];
  for (let i = 0; i < Math.max(3, Math.min(10, options.runs)); i++) {
    bare.push((await timed(["-e", "0"], options.root, env)).ms);
  }

  for (const subs of all) {
    const row: BaselineRow = { slug: subs.exercise.slug, correctMs: [], wrongMs: [], gradeMs: [] };
    for (let i = 0; i < options.runs; i++) {
      const c = await gradeOnce(subs.correct);
      row.correctMs.push(c.ms);
      if (c.result) row.gradeMs.push(c.result.durationMs);
      row.wrongMs.push((await gradeOnce(subs.wrong[0])).ms);
    }
    rows.push(row);
    options.log(`  ${row.slug.padEnd(26)} one process per submission: p50 ${median(row.correctMs).toFixed(0)} ms`);
  }
  const correct = rows.flatMap((r) => r.correctMs);
  return {
    rows,
    correctP50: median(correct),
    correctP99: percentile(correct, 99),
    wrongP50: median(rows.flatMap((r) => r.wrongMs)),
    bareNodeP50: median(bare),
    coldGradeP50: median(rows.flatMap((r) => r.gradeMs)),
    unexpected,
    runsPerKind: options.runs,
  };
}
