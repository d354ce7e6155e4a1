// Work a server start would otherwise leave to the first learner's Submit: forking and warming
// the grader workers (~0.6 s; with the durable queue, connecting to it instead), loading
// Prisma's query compiler and opening the database, and reading the exercise folders. It also syncs exercises/ into the database (scripts/db-setup.mjs
// leaves that to the server when the database needs nothing else). Called from
// instrumentation.ts in the background: the server answers at once. The pool, the Prisma client
// and the catalogue are process-wide (kept on globalThis), so routes, bundled separately from
// instrumentation.ts, use these very instances; a request that comes first waits on the same
// promises instead of starting its own. Isolates still live only in the pool's child processes.
// Reading the catalogue also starts, in the background, the check of every folder version never
// checked (grader/version-check.ts): on a first start, all of them, served meanwhile.
import { getCatalogue } from "./exercise-catalogue";
import { syncOnce } from "./exercise-sync";
import { getGradingBackend } from "./grading-backend";

export async function warmUp(): Promise<void> {
  const started = performance.now();
  const [pool, sync, ...rest] = await Promise.allSettled([
    // The grader pool's workers, or (GRADING_QUEUE_URL) the queue's connection: no pool here then.
    getGradingBackend().then(async (backend) => {
      await backend.start();
      return backend.kind;
    }),
    syncOnce(),
    Promise.resolve().then(getCatalogue),
  ]);
  // Not fatal: the first request retries whatever failed and reports it the usual way.
  for (const step of [pool, sync, ...rest]) {
    if (step.status === "rejected") console.error(`warm-up: ${(step.reason as Error)?.message ?? String(step.reason)}`);
  }
  if (sync.status === "fulfilled") {
    for (const error of sync.value.errors) console.warn(`warm-up: skipped exercise folder: ${error}`);
    const { exercises, created, newVersions } = sync.value;
    console.log(
      `warm-up: ${exercises.length} exercises synced (${created.length} new, ${newVersions.length} new versions); ` +
        `${pool.status === "fulfilled" ? (pool.value === "pool" ? "grader pool ready" : "grading queue connected (graded by npm run worker)") : "grading not ready"} after ${Math.round(performance.now() - started)} ms`,
    );
  }
}
