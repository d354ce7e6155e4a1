// The domain function behind Run and Submit: validate the request, apply the learner's rate
// limit, grade in the grader pool (child processes; never in this process) and return a result
// that is safe to send to the browser. Routes only translate HTTP to and from this.
import { z } from "zod";
import { boundResult } from "../grader/bounded-result";
import { redactRunError } from "../grader/hidden-feedback";
import { QUEUE_FULL_RETRY_SECONDS } from "../grader/limits";
import { getGraderPool, GradeJobError } from "../grader/pool";
import type { GradeMode, GradeResult } from "../grader/types";
import type { Actor } from "./actor";
import { getExercise } from "./exercise-catalogue";
import { addressKey, clientAddressOf } from "./http/client-address";
import { CODE_BODY_MAX_BYTES, CODE_MAX_BYTES } from "./limits";
import type { ExerciseProgress } from "./progress";
import { describeWait, gradingLimiter } from "./rate-limit";
import { recordSubmission, withoutHiddenValues, type SubmissionSummary } from "./submissions";
import { getViewer } from "./viewer";

/** Largest submission accepted, in UTF-8 bytes (lib/limits.ts). */
export const MAX_CODE_BYTES = CODE_MAX_BYTES;
/** Largest request body read at all (lib/limits.ts). */
export const MAX_BODY_BYTES = CODE_BODY_MAX_BYTES;

export const GRADE_MODES = ["run", "submit"] as const satisfies readonly GradeMode[];

/** Body of POST /api/exercises/<slug>/<mode>. The seed is never taken from the client. */
export const gradeBodySchema = z.object({
  code: z.string({ error: "code must be a string holding your TypeScript file" }),
});

/** Who is asking: a signed-in user id when there is one, else a per-IP key. */
export interface Learner {
  /** Rate-limit key, e.g. "user:<id>" or "ip:<address>". */
  key: string;
  userId?: string;
  /** The signed-in user: their graded attempts are recorded. */
  actor?: Actor;
}

export type GradeRejection = {
  ok: false;
  status: 400 | 404 | 413 | 429 | 503;
  /** Stable machine-readable reason. */
  code:
    | "unknown-exercise"
    | "invalid-mode"
    | "invalid-body"
    | "too-large"
    | "rate-limited"
    | "already-grading"
    | "grader-busy"
    | "grader-unavailable"
    | "not-recorded";
  /** Written for the learner. */
  message: string;
  retryAfterSeconds?: number;
  /** "not-recorded" only: the code was graded but could not be saved; the verdict is still shown. */
  result?: WebGradeResult;
};

/** A result as sent to the browser: hidden tests carry no inputs or values (redactHidden). */
export type WebGradeResult = GradeResult;

/** A signed-in learner's attempt as stored: only present once it is in the database. */
export interface RecordedAttempt {
  submission: SubmissionSummary;
  progress: ExerciseProgress;
}

export type GradeOutcome = ({ ok: true; result: WebGradeResult } & Partial<RecordedAttempt>) | GradeRejection;

export interface GradeRequest {
  slug: string;
  mode: string;
  /** The parsed JSON body, or a marker for a body that could not be read. */
  body: unknown;
  learner: Learner;
}

/** A request body that was not JSON or was too large to read. */
export class UnreadableBody {
  constructor(readonly reason: "malformed" | "too-large") {}
}

function reject(status: GradeRejection["status"], code: GradeRejection["code"], message: string, retryAfterSeconds?: number): GradeRejection {
  return { ok: false, status, code, message, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

function tooLarge(bytes?: number): GradeRejection {
  const size = bytes === undefined ? "" : ` (yours is ${(bytes / 1024).toFixed(1)} KB)`;
  return reject(413, "too-large", `Your code is too large to grade: the limit is 64 KB${size}. A solution here needs a few dozen lines.`);
}

export async function gradeSubmission(req: GradeRequest): Promise<GradeOutcome> {
  const exercise = getExercise(req.slug);
  if (!exercise) return reject(404, "unknown-exercise", `There is no exercise called "${req.slug}".`);
  if (!(GRADE_MODES as readonly string[]).includes(req.mode)) {
    return reject(404, "invalid-mode", `Unknown action "${req.mode}": use run or submit.`);
  }
  const mode = req.mode as GradeMode;

  const limit = await gradingLimiter().take(req.learner.key);
  if (!limit.allowed) {
    return reject(
      429,
      "rate-limited",
      `You are running code faster than the grader allows. Try again in ${describeWait(limit.retryAfterSeconds)}.`,
      limit.retryAfterSeconds,
    );
  }

  if (req.body instanceof UnreadableBody) {
    return req.body.reason === "too-large"
      ? tooLarge()
      : reject(400, "invalid-body", 'The request body must be JSON like {"code": "..."}.');
  }
  const parsed = gradeBodySchema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.path.length ? issue.message : 'The request body must be a JSON object like {"code": "..."}.';
    return reject(400, "invalid-body", message);
  }
  const { code } = parsed.data;
  const bytes = Buffer.byteLength(code, "utf8");
  if (bytes > MAX_CODE_BYTES) return tooLarge(bytes);

  let result: GradeResult;
  try {
    // In turn with other learners: one job of theirs in flight at a time (grader/fair-queue.ts).
    result = await getGraderPool().grade({ slug: exercise.slug, code, mode }, { learner: req.learner.key });
  } catch (e) {
    // The pool reports everything learner code does as a verdict; reaching here means the
    // exercise vanished, its files are broken, or the pool is down. The details go to the log.
    if (e instanceof GradeJobError && e.code === "learner-busy") {
      return reject(429, "already-grading", "Your previous Runs and Submits are still being graded: wait for their results, then try again.", 2);
    }
    if (e instanceof GradeJobError && e.code === "queue-full") {
      return reject(503, "grader-busy", "The grader has too many submissions waiting right now. Try again in a few seconds.", QUEUE_FULL_RETRY_SECONDS);
    }
    console.error(`grading ${exercise.slug}/${mode} failed:`, e);
    if (e instanceof GradeJobError && e.code === "unknown-exercise") {
      return reject(404, "unknown-exercise", `There is no exercise called "${req.slug}".`);
    }
    if (e instanceof GradeJobError && e.code === "exercise-broken") {
      return reject(503, "grader-unavailable", "This exercise cannot be graded right now because its files have a problem. Please tell your instructor.", 60);
    }
    return reject(503, "grader-unavailable", "The grader is busy or restarting. Try again in a few seconds.", 5);
  }
  const safe = redactHidden(result);
  if (!req.learner.actor) return { ok: true, result: safe };
  // Signed in: the attempt is stored (what the learner saw, so history never shows more) with
  // its progress in one transaction. A 2xx always means it is in the database; if storing
  // fails the learner still sees the verdict, with a 503 saying it was not saved.
  try {
    const recorded = await recordSubmission(req.learner.actor, { slug: exercise.slug, version: exercise.hash, kind: mode, code, result: safe });
    return { ok: true, result: safe, ...recorded };
  } catch (e) {
    console.error(`recording ${exercise.slug}/${mode} for user ${req.learner.actor.id} failed:`, e);
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

/**
 * Who sent this request. Signed in (a valid better-auth session cookie): that user, limited per
 * account wherever they connect from. Signed out: the client address as the app's server saw it
 * (lib/http/client-address.ts: the connection, never a client's own X-Forwarded-For).
 */
export async function identifyLearner(headers: Headers): Promise<Learner> {
  // A session verified in the last minute is enough here (lib/session-cache.ts): the id only
  // attributes the attempt and keys the rate limit; it grants nothing.
  const viewer = await getViewer(headers, { allowCached: true });
  if (viewer) return { key: `user:${viewer.id}`, userId: viewer.id, actor: { id: viewer.id, role: viewer.role } };
  return { key: `ip:${addressKey(clientAddressOf(headers))}` };
}
