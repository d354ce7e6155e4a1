// A grader child process: grades one job at a time, sent by the pool over IPC. Isolates live
// here, never in the web server: V8 may abort a whole process under memory pressure, and the
// pool restarts a worker that dies.
import { compilerWarmUp, exerciseModules } from "./compile";
import { loadCatalogue } from "./exercises";
import { gradeJob } from "./grade";
import { jobBackstopMs } from "./limits";
import type { FromWorker, ToWorker } from "./protocol";
import { Sandbox, stuckIsolate } from "./sandbox";

const hooksEnabled = process.env.GRADER_TEST_HOOKS === "1";

function send(message: FromWorker, then?: () => void): void {
  if (process.connected) process.send!(message, undefined, undefined, () => then?.());
}

function exiting(): { exiting?: true } {
  return stuckIsolate() ? { exiting: true } : {};
}

/** After a job whose isolate could not be stopped: exit, the pool starts a fresh worker. */
function exitIfStuck(): void {
  if (stuckIsolate()) process.exit(0);
}

// The parent went away (closed the pool, or died): nothing is left behind.
process.on("disconnect", () => process.exit(0));

process.on("message", (message: ToWorker) => {
  if (message?.type !== "job") return;
  if (hooksEnabled && message.hook) runHook(message.hook);
  gradeJob(message.job, {
    limits: message.limits,
    onLimits: (limits) => send({ type: "started", id: message.id, backstopMs: jobBackstopMs(limits) }),
  }).then(
    (result) => send({ type: "result", id: message.id, result, ...exiting() }, exitIfStuck),
    (e: Error) =>
      send({ type: "failed", id: message.id, error: { name: e?.name ?? "Error", message: e?.message ?? String(e) }, ...exiting() }, exitIfStuck),
  );
});

function runHook(hook: NonNullable<ToWorker["hook"]>): void {
  if (hook === "exit") process.exit(70);
  if (hook === "kill") process.kill(process.pid, "SIGKILL");
  if (hook === "hang") for (;;);
}

async function warmUp(): Promise<void> {
  // The first isolate and the first compiles are the slow ones: pay for them before saying
  // ready, then build every exercise's trusted files in the background.
  new Sandbox().dispose();
  await compilerWarmUp();
}

warmUp()
  .catch(() => undefined)
  .finally(() => {
    send({ type: "ready" });
    setTimeout(() => {
      for (const ex of loadCatalogue().exercises) exerciseModules(ex).catch(() => undefined);
    }, 0).unref();
  });
