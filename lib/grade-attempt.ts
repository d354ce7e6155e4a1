// One attempt, from a validated job to what the learner is answered: grade it, put the result
// through the hidden-test policy, and (signed in) store it with the learner's progress. Both
// grading backends end here (lib/grading-backend.ts): the in-process pool inside the web server,
// and the queue's worker process (lib/grading-queue.ts), which then hands the outcome back to the
// web server that asked through the job's output.
import { boundResult } from "../grader/bounded-result";
import { redactRunError } from "../grader/hidden-feedback";
import { QUEUE_FULL_RETRY_SECONDS } from "../grader/limits";
import { GradeJobError } from "../grader/pool";
import type { GradeJob, GradeMode, GradeResult } from "../grader/types";
import type { Actor } from "./actor";
import type { GradeOutcome, GradeRejection } from "./grading";
import { recordSubmission, storedResult, withoutHiddenValues } from "./submissions";

/** A Run or Submit that passed every check of lib/grading.ts, ready to grade. */
export interface GradeTask {
  slug: string;
  /** Content hash of the exercise as the web server knows it. */
  version: string;
  mode: GradeMode;
  code: string;
  /** Fairness key: "user:<id>" or "ip:<address>". */
  learnerKey: string;
  /** Signed in: the attempt is stored. */
  actor?: Actor;
}

export function reject(status: GradeRejection["status"], code: GradeRejection["code"], message: string, retryAfterSeconds?: number): GradeRejection {
  return { ok: false, status, code, message, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** Both backends refuse with these when the learner or the whole line is over its bound. */
export const LEARNER_BUSY = () =>
  reject(429, "already-grading", "Your previous Runs and Submits are still being graded: wait for their results, then try again.", 2);
export const QUEUE_FULL = () =>
  reject(503, "grader-busy", "The grader has too many submissions waiting right now. Try again in a few seconds.", QUEUE_FULL_RETRY_SECONDS);
/** The grader (pool or queue) cannot take the job right now: nothing the learner did. */
export const GRADER_UNAVAILABLE = () => reject(503, "grader-unavailable", "The grader is busy or restarting. Try again in a few seconds.", 5);

/**
 * Grades `task` with `grade` and stores it when signed in. `submissionId` (the queue's, chosen at
 * enqueue) makes it idempotent: when that submission is already stored, its stored result is the
 * answer and nothing is graded or counted again.
 */
export async function gradeAndRecord(
  task: GradeTask,
  grade: (job: GradeJob) => Promise<GradeResult>,
  options: { submissionId?: string; seed?: number } = {},
): Promise<GradeOutcome> {
  const { slug, mode, code, actor } = task;
  if (actor && options.submissionId !== undefined) {
    const stored = await storedResult(actor.id, options.submissionId);
    if (stored) return record(task, stored.result, options.submissionId);
  }
  let result: GradeResult;
  try {
    result = await grade({ slug, code, mode, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  } catch (e) {
    // The pool reports everything learner code does as a verdict; reaching here means the
    // exercise vanished, its files are broken, or the pool is down. The details go to the log.
    if (e instanceof GradeJobError && e.code === "learner-busy") return LEARNER_BUSY();
    if (e instanceof GradeJobError && e.code === "queue-full") return QUEUE_FULL();
    console.error(`grading ${slug}/${mode} failed:`, e);
    if (e instanceof GradeJobError && e.code === "unknown-exercise") {
      return reject(404, "unknown-exercise", `There is no exercise called "${slug}".`);
    }
    if (e instanceof GradeJobError && e.code === "exercise-broken") {
      return reject(503, "grader-unavailable", "This exercise cannot be graded right now because its files have a problem. Please tell your instructor.", 60);
    }
    return GRADER_UNAVAILABLE();
  }
  return record(task, redactHidden(result), options.submissionId);
}

async function record(task: GradeTask, safe: GradeResult, submissionId: string | undefined): Promise<GradeOutcome> {
  const { slug, version, mode, code, actor } = task;
  if (!actor) return { ok: true, result: safe };
  // Signed in: the attempt is stored (what the learner saw, so history never shows more) with
  // its progress in one transaction. A 2xx always means it is in the database; if storing
  // fails the learner still sees the verdict, with a 503 saying it was not saved.
  try {
    const recorded = await recordSubmission(actor, { ...(submissionId !== undefined ? { id: submissionId } : {}), slug, version, kind: mode, code, result: safe });
    return { ok: true, result: safe, ...recorded };
  } catch (e) {
    console.error(`recording ${slug}/${mode} for user ${actor.id} failed:`, e);
    return {
      ...reject(503, "not-recorded", `Your code was graded, but the ${mode === "run" ? "run" : "submission"} could not be saved to your history. Please ${mode} again in a few seconds.`, 5),
      result: safe,
    };
  }
}

/**
 * Hidden cases stay secret whatever the submission does. The grader keeps them so for every
 * consumer (web, CLI, benchmarks): it omits their inputs and values, withholds console output
 * printed once hidden inputs are in the isolate (a marker line says so), and words hidden
 * tests' exceptions and differences without learner-controlled text. Defence in depth here:
 * hidden tests are stripped of inputs and values again, so a grader regression that attached
 * them would still not reach the browser or the stored history.
 */
export function redactHidden(result: GradeResult): GradeResult {
  // Bounded again here: what is sent and stored stays small even if a grader regression did not.
  return boundResult({
    ...result,
    ...(result.error ? { error: redactRunError(result.error) } : {}),
    tests: result.tests.map(withoutHiddenValues),
  });
}
