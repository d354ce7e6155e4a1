// Verdicts must not depend on how busy the machine is: time limits are judged on the isolate's
// CPU time, memory and output limits on what the code did. The same hostile and correct
// submissions are graded with the machine as it is, then again while CPU-bound processes compete
// for every core, and must get the same verdicts. Limits are configurable per pool and per
// exercise, and the messages say which limit applied.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, jobBackstopMs } from "../../grader/limits";
import type { GraderPool } from "../../grader/pool";
import type { GradeResult } from "../../grader/types";
import { CORRECT, fixture, job, makePool, ROOT, SLUG } from "./helpers";

const SUBMISSIONS: Record<string, string> = {
  "correct solution": CORRECT,
  "memory bomb (arrays)": fixture("hostile", "memory-bomb-arrays.ts"),
  "memory bomb (string doubling)": fixture("hostile", "memory-bomb-string.ts"),
  "throws a 200 MB message": fixture("hostile", "throw-huge.ts"),
  "huge return (5 M elements)": fixture("hostile", "huge-return-array.ts"),
  "huge return (10 M characters)": fixture("hostile", "huge-return-string.ts"),
  "infinite loop in the function": fixture("hostile", "infinite-loop-in-function.ts"),
  "infinite loop at the top level": fixture("hostile", "infinite-loop-top-level.ts"),
};

/** What a verdict is made of: status, error kind, and each test's status. */
function verdict(r: GradeResult): string {
  return `${r.status}/${r.error?.kind ?? "-"}/${r.tests.map((t) => t.status[0]).join("")}`;
}

async function gradeAll(pool: GraderPool): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // One at a time: each job has a worker of its own, as in a quiet classroom.
  for (const [name, code] of Object.entries(SUBMISSIONS)) out[name] = verdict(await pool.grade(job(code, "submit", 7)));
  return out;
}

/** CPU-bound processes, one more than there are cores. */
function startHogs(): ChildProcess[] {
  const n = os.availableParallelism() + 1;
  return Array.from({ length: n }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
}

describe("verdicts under load", () => {
  let pool: GraderPool;
  let hogs: ChildProcess[] = [];
  beforeAll(async () => {
    pool = makePool({ size: 1 });
    await pool.start();
  });
  afterAll(async () => {
    for (const h of hogs) if (h.pid) process.kill(h.pid, "SIGKILL");
    await pool?.close();
  });

  it("are the same with CPU-bound processes competing for every core as without them", async () => {
    const quiet = await gradeAll(pool);
    // The verdicts themselves, as a learner would expect them.
    expect(quiet["correct solution"]).toMatch(/^pass\/-\//);
    expect(quiet["memory bomb (arrays)"]).toMatch(/^error\/memory\//);
    expect(quiet["memory bomb (string doubling)"]).toMatch(/^error\/memory\//);
    expect(quiet["throws a 200 MB message"]).toMatch(/^error\/memory\//);
    expect(quiet["huge return (5 M elements)"]).toMatch(/^error\/output-limit\//);
    expect(quiet["huge return (10 M characters)"]).toMatch(/^error\/output-limit\//);
    expect(quiet["infinite loop in the function"]).toMatch(/^error\/timeout\//);
    expect(quiet["infinite loop at the top level"]).toMatch(/^error\/timeout\//);

    hogs = startHogs();
    const loaded = await gradeAll(pool);
    for (const h of hogs) if (h.pid) process.kill(h.pid, "SIGKILL");
    hogs = [];
    expect(loaded).toEqual(quiet);
  }, 600_000);
});

describe("configurable limits", () => {
  let tmp: string;
  let pool: GraderPool;
  let tight: GraderPool;
  const loop = fixture("hostile", "infinite-loop-in-function.ts");
  // Quick to hit the limit (one 64 MB buffer at a time), so the tight CPU limit cannot come first.
  const bomb = fixture("hostile", "memory-bomb-buffers.ts");

  beforeAll(async () => {
    // A copy of the exercises where 01 sets its own limits in exercise.json.
    tmp = mkdtempSync(path.join(os.tmpdir(), "grader-limits-"));
    cpSync(path.join(ROOT, "exercises"), tmp, { recursive: true });
    const metaFile = path.join(tmp, SLUG, "exercise.json");
    const meta = JSON.parse(readFileSync(metaFile, "utf8"));
    writeFileSync(metaFile, JSON.stringify({ ...meta, limits: { callCpuMs: 150, memoryMb: 32 } }, null, 2));
    pool = makePool({ size: 1, exercisesDir: tmp });
    tight = makePool({ size: 1, limits: { callCpuMs: 250, totalCpuMs: 2000 } });
    await Promise.all([pool.start(), tight.start()]);
  });
  afterAll(async () => {
    await Promise.all([pool?.close(), tight?.close()]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it("uses the defaults written once in grader/limits.ts", () => {
    expect(DEFAULT_LIMITS).toMatchObject({ memoryMb: 64, loadCpuMs: 500, callCpuMs: 1000, totalCpuMs: 3000 });
    // The pool's backstop leaves every step its own wall-clock backstop first.
    expect(jobBackstopMs({ ...DEFAULT_LIMITS })).toBeGreaterThan(DEFAULT_LIMITS.totalCpuMs * DEFAULT_LIMITS.wallFactor);
  });

  it("takes an exercise's own limits from exercise.json", async () => {
    const slow = await pool.grade(job(loop));
    expect(slow.error).toMatchObject({ kind: "timeout" });
    expect(slow.error!.message).toMatch(/more than 150 ms of CPU time on one test/);
    const big = await pool.grade(job(bomb));
    expect(big.error).toMatchObject({ kind: "memory" });
    expect(big.error!.message).toMatch(/32 MB/);
    expect((await pool.grade(job(CORRECT))).status).toBe("pass");
  }, 120_000);

  it("takes a pool's limits, and an exercise without its own keeps them", async () => {
    const slow = await tight.grade(job(loop));
    expect(slow.error).toMatchObject({ kind: "timeout" });
    expect(slow.error!.message).toMatch(/more than 250 ms of CPU time on one test/);
    expect((await tight.grade(job(CORRECT))).status).toBe("pass");
  }, 120_000);

  it("reports a wall-clock backstop as the grader's overload, never as the learner's loop", async () => {
    const hooked = makePool({ size: 1, testHooks: true, jobTimeoutMs: 1500 });
    try {
      const r = await hooked.grade(job(CORRECT), { hook: "hang" });
      expect(r.status).toBe("error");
      expect(r.error!.kind).toBe("overloaded");
      expect(r.error!.message).toMatch(/overloaded.*not at fault.*try again/);
      expect(r.error!.message).not.toMatch(/infinite loop|timeout/i);
    } finally {
      await hooked.close();
    }
  }, 60_000);
});
