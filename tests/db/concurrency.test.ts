// 50 concurrent submissions from 10 learners, from three processes writing the same SQLite file
// at the same moment: every one is recorded and progress matches the submissions exactly.
import { SLUG_A, SLUG_B, root, testEnv } from "./helpers";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { GradeMode } from "../../grader/types";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUsers, prisma, syncFixtureExercises } from "./fixtures";

const require = createRequire(path.join(root, "package.json"));

interface Job {
  userId: string;
  slug: string;
  kind: GradeMode;
  passed: number;
  total: number;
}

function runWorker(jobs: Job[], startAt: number): Promise<{ recorded: number; failures: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("tsx/cli"), path.join(__dirname, "concurrent-worker.ts")], {
      cwd: root,
      env: { ...process.env, ...testEnv, WORKER_JOBS: JSON.stringify(jobs), START_AT: String(startAt) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`worker exited ${code}: ${err}`));
      else resolve(JSON.parse(out));
    });
  });
}

describe("concurrent submissions", () => {
  it("50 submissions from 10 learners in 3 processes are all recorded with matching progress", { timeout: 120_000 }, async () => {
    await syncFixtureExercises();
    const learners = await makeUsers(10);
    const jobs: Job[] = Array.from({ length: 50 }, (_, i) => ({
      userId: learners[i % 10].id,
      slug: Math.floor(i / 10) % 2 === 0 ? SLUG_A : SLUG_B,
      kind: i % 7 === 3 ? "run" : "submit",
      passed: (i * 7) % 5,
      total: 4,
    }));
    const share = (k: number) => jobs.filter((_, i) => i % 3 === k);

    // Everyone starts at the same instant, once the workers have booted.
    const startAt = Date.now() + 4000;
    const workers = [runWorker(share(1), startAt), runWorker(share(2), startAt)];
    await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
    const mine = await Promise.all(
      share(0).map((j) =>
        recordSubmission({ id: j.userId, role: "learner" }, { slug: j.slug, kind: j.kind, code: `// ${j.kind}`, result: gradeResult(j.slug, j.kind, j.passed, j.total) }),
      ),
    );
    const others = await Promise.all(workers);
    expect(others.flatMap((w) => w.failures)).toEqual([]);
    expect(mine.length + others.reduce((n, w) => n + w.recorded, 0)).toBe(50);

    // Every job is in the database, and the progress rows agree with the stored submissions.
    const stored = await prisma.submission.findMany({
      where: { userId: { in: learners.map((l) => l.id) } },
      orderBy: { createdAt: "asc" },
      select: { userId: true, kind: true, passed: true, total: true, verdict: true, createdAt: true, exercise: { select: { slug: true } } },
    });
    expect(stored).toHaveLength(50);
    const progress = await prisma.progress.findMany({
      where: { userId: { in: learners.map((l) => l.id) } },
      select: { userId: true, attempts: true, runs: true, bestScore: true, solvedAt: true, attemptsToSolve: true, exercise: { select: { slug: true } } },
    });
    const pairs = new Set(jobs.map((j) => `${j.userId} ${j.slug}`));
    expect(progress).toHaveLength(pairs.size);
    for (const p of progress) {
      const subs = stored.filter((s) => s.userId === p.userId && s.exercise.slug === p.exercise.slug);
      const expectedJobs = jobs.filter((j) => j.userId === p.userId && j.slug === p.exercise.slug);
      expect(subs).toHaveLength(expectedJobs.length);
      const submits = subs.filter((s) => s.kind === "submit");
      expect(p.attempts).toBe(submits.length);
      expect(p.runs).toBe(subs.length - submits.length);
      expect(p.bestScore).toBe(Math.max(0, ...submits.map((s) => s.passed / s.total)));
      const firstSolve = submits.findIndex((s) => s.passed === s.total);
      expect(p.solvedAt?.getTime() ?? null).toBe(firstSolve === -1 ? null : submits[firstSolve].createdAt.getTime());
      expect(p.attemptsToSolve).toBe(firstSolve === -1 ? null : firstSolve + 1);
    }
    expect(progress.reduce((n, p) => n + p.attempts + p.runs, 0)).toBe(50);
  });
});
