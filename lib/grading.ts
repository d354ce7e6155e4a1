// The domain function behind Run and Submit: validate the request, apply the learner's rate
// limit, grade through the grading backend (lib/grading-backend.ts: the grader pool's child
// processes, or the durable queue's workers; never in this process) and return a result that is
// safe to send to the browser. Routes only translate HTTP to and from this.
import { z } from "zod";
import { getGraderPool } from "../grader/pool";
import type { GradeJob, GradeMode, GradeResult } from "../grader/types";
import type { Actor } from "./actor";
import { getExercise } from "./exercise-catalogue";
import { addressKey, clientAddressOf } from "./http/client-address";
import { CODE_BODY_MAX_BYTES, CODE_MAX_BYTES } from "./limits";
import type { ExerciseProgress } from "./progress";
import { describeWait, gradingLimiter } from "./rate-limit";
import { reject } from "./grade-attempt";
import { getGradingBackend } from "./grading-backend";
import type { SubmissionSummary } from "./submissions";
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
    | "still-grading"
    | "not-recorded";
  /** Written for the learner. */
  message: string;
  retryAfterSeconds?: number;
  /**
   * "not-recorded" only: the code was graded but could not be saved; the verdict is still shown.
   * ("still-grading": the queue did not answer in time; the attempt will be graded and, signed
   * in, appear in the learner's history.)
   */
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

  const backend = await getGradingBackend();
  return backend.grade({ slug: exercise.slug, version: exercise.hash, mode, code, learnerKey: req.learner.key, actor: req.learner.actor });
}

/** Hidden tests stripped of inputs and values again, result bounded (lib/grade-attempt.ts). */
export { redactHidden } from "./grade-attempt";

/**
 * Grades code without storing it: background regrades (lib/regrades.ts). `learner` keys the fair
 * queue (one job in flight per key); `priority: "low"` runs a job only when no learner's job is
 * waiting, so a learner's Submit waits for at most one regrade job. Rejects with GradeJobError
 * (grader/pool.ts).
 *
 * Always this server's grader pool, whichever backend serves Run and Submit: the durable queue's
 * jobs store a learner's attempt, which a regrade must not do. With the queue, regrades cost this
 * web server's CPU; a queue job kind for them would move that to the workers.
 */
export async function gradeCode(job: GradeJob, options: { learner: string; priority?: "low" }): Promise<GradeResult> {
  return getGraderPool().grade(job, options);
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
