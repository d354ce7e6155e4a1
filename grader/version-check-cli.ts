// The child process of grader/version-check.ts: reads [{slug, hash, folder}] as JSON on stdin,
// checks each folder as `exercises:check --mutants=off` would (grader/check.ts), and prints one
// JSON line per version: {slug, hash, ok, problems, durationMs}. It runs at the lowest CPU
// priority (its grader worker inherits it), so learners' grading goes first.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkExercise } from "./check";
import { GraderPool } from "./pool";

const Jobs = (input: unknown): { slug: string; hash: string; folder: string }[] => {
  if (!Array.isArray(input)) throw new Error("expected a JSON array of {slug, hash, folder}");
  return input.map((j) => ({ slug: String(j.slug), hash: String(j.hash), folder: String(j.folder) }));
};

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

/**
 * Below the web server and the learners' grading, not at the very bottom: at 19 a check starved
 * behind two CPU-bound processes on two cores (more than 30 s for one version); at 10 it still
 * yields about nine tenths of the CPU to normal-priority work (Linux's CFS weights).
 */
const CHECK_NICENESS = 10;

// The server went away (stopped, or a test file ended): its checks are not wanted any more.
process.on("disconnect", () => process.exit(0));

async function main(): Promise<void> {
  try {
    os.setPriority(CHECK_NICENESS);
  } catch {
    // not allowed here: the check still runs
  }
  const jobs = Jobs(JSON.parse(await readStdin()));
  const scratch = mkdtempSync(path.join(os.tmpdir(), "rnn-grader-version-check-"));
  // Where the workers' own loads would keep copies: not among the server's versions.
  process.env.EXERCISE_SNAPSHOTS_DIR = path.join(scratch, "snapshots");
  const root = path.resolve(process.env.GRADER_ROOT ?? process.cwd());
  // One pool for the batch; a second version of the same slug gets a fresh folder and pool (a
  // worker caches exercises by slug).
  let round = 0;
  let dir = "";
  let pool: GraderPool | undefined;
  const slugs = new Set<string>();
  try {
    for (const job of jobs) {
      if (!pool || slugs.has(job.slug)) {
        await pool?.close();
        dir = path.join(scratch, `round-${round++}`);
        pool = new GraderPool({ size: 1, root, exercisesDir: dir, folderAsIs: true });
        slugs.clear();
      }
      slugs.add(job.slug);
      cpSync(job.folder, path.join(dir, job.slug), { recursive: true });
      try {
        const report = await checkExercise(pool, job.slug, dir, { mutation: "off" });
        process.stdout.write(`${JSON.stringify({ slug: job.slug, hash: job.hash, ok: report.ok, problems: report.problems, durationMs: report.durationMs })}\n`);
      } catch (e) {
        process.stderr.write(`${job.slug}@${job.hash}: the check failed to run: ${(e as Error).stack ?? e}\n`);
      }
    }
  } finally {
    await pool?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
