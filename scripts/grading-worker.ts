// `npm run worker`: a grader worker for the durable grading queue (lib/grading-queue.ts). Run as
// many as you like, on any machine that reaches both databases:
//   GRADING_QUEUE_URL  the queue's PostgreSQL database (required)
//   DATABASE_URL       the app's database, where attempts are stored (as for `npm start`)
//   GRADER_WORKERS     grader processes, hence jobs at a time (default min(cores, 4))
//   EXERCISES_DIR      the exercise folders (default ./exercises): the same as the web servers'
// It syncs the exercise folders into the app's database, starts its grader pool (isolates in
// child processes, the same limits as the web server's), then takes jobs until SIGINT/SIGTERM,
// when it stops taking jobs and finishes the ones it holds. Exit 0 stopped, 1 could not start,
// 2 usage error (no queue configured).
import { GraderPool } from "../grader/pool";
import { prisma } from "../lib/db";
import { syncOnce } from "../lib/exercise-sync";
import { gradingConfig } from "../lib/grading-backend";
import { runGradingWorker } from "../lib/grading-queue";

async function main(): Promise<number> {
  let config;
  try {
    config = gradingConfig();
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (config.kind !== "pg-boss") {
    console.error("npm run worker needs GRADING_QUEUE_URL=postgresql://… (the queue's database); see README.md, Several machines.");
    return 2;
  }
  const pool = new GraderPool();
  try {
    const sync = await syncOnce();
    for (const error of sync.errors) console.warn(`worker: skipped exercise folder: ${error}`);
    await pool.start();
  } catch (e) {
    console.error(`worker: could not start: ${(e as Error).message}`);
    await pool.close();
    return 1;
  }
  const worker = await runGradingWorker({ url: config.url, concurrency: pool.size, grade: (job) => pool.grade(job) }).catch(async (e: Error) => {
    console.error(`worker: could not reach the grading queue: ${e.message}`);
    await pool.close();
    return undefined;
  });
  if (!worker) return 1;
  console.log(`worker ${process.pid}: ${pool.size} grader processes, taking jobs`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log(`worker ${process.pid}: stopping (finishing the jobs it holds)`);
  await worker.stop();
  await pool.close();
  await prisma.$disconnect();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
