// Profiles one grader worker: forks the pool's worker bundle with --cpu-prof, feeds it every
// exercise's correct and wrong submission over the pool's IPC protocol, and summarises where
// the worker's CPU time went. The pool always forks with fixed flags, hence this separate tool.
//   npx tsx bench/profile-worker.ts [rounds]
import { fork } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { GraderPool } from "../grader/pool";
import type { FromWorker, ToWorker } from "../grader/protocol";
import type { GradeResult } from "../grader/types";
import { summarise } from "./profile-summary";
import { allSubmissions, unique } from "./submissions";

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 100);
  const root = process.cwd();
  // Starting a pool builds node_modules/.cache/grader/worker.cjs, the file the pool forks.
  const pool = new GraderPool({ size: 1 });
  await pool.start();
  await pool.close();
  const workerFile = path.join(root, "node_modules", ".cache", "grader", "worker.cjs");
  const dir = path.join(root, ".cache", "bench-profiles", `worker-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  mkdirSync(dir, { recursive: true });

  const child = fork(workerFile, [], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: "production", EXERCISES_DIR: path.join(root, "exercises") },
    execArgv: ["--no-node-snapshot", "--cpu-prof", `--cpu-prof-dir=${dir}`],
    serialization: "json",
  });
  const waiting = new Map<number, (r: GradeResult) => void>();
  await new Promise<void>((resolve) => {
    child.on("message", (m: FromWorker) => {
      if (m.type === "ready") resolve();
      else if (m.type === "result") waiting.get(m.id)?.(m.result);
    });
  });
  let id = 0;
  const grade = (slug: string, code: string) =>
    new Promise<GradeResult>((resolve) => {
      const msg: ToWorker = { type: "job", id: ++id, job: { slug, code, mode: "submit", seed: id } };
      waiting.set(id, resolve);
      child.send(msg);
    });
  const t0 = performance.now();
  let graded = 0;
  for (const subs of allSubmissions()) {
    for (let i = 0; i < rounds; i++) {
      await grade(subs.exercise.slug, unique(subs.correct.code, `p${i}`));
      await grade(subs.exercise.slug, unique(subs.wrong[0].code, `p${i}`));
      graded += 2;
    }
  }
  const wall = performance.now() - t0;
  // Closing the IPC channel makes the worker exit normally, which writes the profile.
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.disconnect();
  await exited;
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  console.log(`${graded} submissions in ${(wall / 1000).toFixed(1)} s (${(wall / graded).toFixed(2)} ms each, back to back)\n`);
  if (file) console.log(summarise(path.join(dir, file), 30));
}

void main();
