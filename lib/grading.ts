// The domain function behind Run and Submit: validate the request, apply the learner's rate
// limit, grade in the grader pool (child processes; never in this process) and return a result
// that is safe to send to the browser. Routes only translate HTTP to and from this.
import { z } from "zod";
import { getGraderPool, GradeJobError } from "../grader/pool";
import type { GradeMode, GradeResult, TestResult } from "../grader/types";
import { getExercise } from "./exercise-catalogue";
import { gradingLimiter } from "./rate-limit";

/** Largest submission accepted, in UTF-8 bytes. */
export const MAX_CODE_BYTES = 64 * 1024;
/** Largest request body read at all: JSON escaping can make a 64 KB file several times larger. */
export const MAX_BODY_BYTES = 8 * MAX_CODE_BYTES;

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
}

export type GradeRejection = {
  ok: false;
  status: 400 | 404 | 413 | 429 | 503;
  /** Stable machine-readable reason. */
  code: "unknown-exercise" | "invalid-mode" | "invalid-body" | "too-large" | "rate-limited" | "grader-unavailable";
  /** Written for the learner. */
  message: string;
  retryAfterSeconds?: number;
};

/** A result as sent to the browser. */
export interface WebGradeResult extends GradeResult {
  /** Set on Submit: what the code printed is withheld, as it could echo hidden inputs. */
  consoleWithheld?: boolean;
}

export type GradeOutcome = { ok: true; result: WebGradeResult } | GradeRejection;

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

export function describeWait(seconds: number): string {
  return seconds <= 1 ? "1 second" : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

export async function gradeSubmission(req: GradeRequest): Promise<GradeOutcome> {
  const exercise = getExercise(req.slug);
  if (!exercise) return reject(404, "unknown-exercise", `There is no exercise called "${req.slug}".`);
  if (!(GRADE_MODES as readonly string[]).includes(req.mode)) {
    return reject(404, "invalid-mode", `Unknown action "${req.mode}": use run or submit.`);
  }
  const mode = req.mode as GradeMode;

  const limit = gradingLimiter().take(req.learner.key);
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
    result = await getGraderPool().grade({ slug: exercise.slug, code, mode });
  } catch (e) {
    // The pool reports everything learner code does as a verdict; reaching here means the
    // exercise vanished, its files are broken, or the pool is down. The details go to the log.
    console.error(`grading ${exercise.slug}/${mode} failed:`, e);
    if (e instanceof GradeJobError && e.code === "unknown-exercise") {
      return reject(404, "unknown-exercise", `There is no exercise called "${req.slug}".`);
    }
    if (e instanceof GradeJobError && e.code === "exercise-broken") {
      return reject(503, "grader-unavailable", "This exercise cannot be graded right now because its files have a problem. Please tell your instructor.", 60);
    }
    return reject(503, "grader-unavailable", "The grader is busy or restarting. Try again in a few seconds.", 5);
  }
  // Hook for the db part: record the submission and update progress here, e.g.
  //   await recordSubmission({ learner: req.learner, exercise, mode, code, result });
  return { ok: true, result: protectHiddenCases(result, exercise.tests.hidden.map((c) => c.name)) };
}

/**
 * Hidden cases stay secret whatever the submission does. The grader already omits their inputs
 * and values; this also closes the channels learner code controls:
 * - console output on Submit (code can print its arguments while hidden cases run);
 * - exception messages from hidden cases (code can throw its arguments), reduced to the error
 *   type and line.
 */
export function protectHiddenCases(result: GradeResult, hiddenNames: string[]): WebGradeResult {
  const hiddenRan = result.tests.some((t) => t.hidden);
  const out: WebGradeResult = { ...redactHidden(result) };
  out.tests = out.tests.map((t) => (t.hidden && t.status === "error" && t.message ? { ...t, message: scrubThrown(t.message) } : t));
  if (out.error) {
    const name = hiddenNames.find((n) => out.error!.message.startsWith(`Test "${n}":`));
    if (name) {
      out.error = { ...out.error, message: `Test "${name}" (hidden): ${scrubThrown(out.error.message.slice(`Test "${name}":`.length).trim())}` };
    }
  }
  if (result.mode === "submit" && hiddenRan && result.console) {
    out.console = "";
    out.consoleTruncated = false;
    out.consoleWithheld = true;
  }
  return out;
}

/** "Your code threw at line 3: Error: <anything>" → the error type and line only. */
function scrubThrown(message: string): string {
  if (!/\bthrew\b/.test(message)) return message; // the grader's own wording: nothing from the learner
  const line = /\bline (\d+)/.exec(message)?.[1];
  const type = /:\s*([A-Z][A-Za-z]*Error)\b/.exec(message)?.[1];
  return (
    `Your code threw ${type ? `a ${type}` : "an exception"}${line ? ` at line ${line}` : ""} on this hidden test. ` +
    "Its message is not shown because it could reveal the hidden inputs: try inputs like the ones the test name describes."
  );
}

/** Hidden tests never carry inputs or values, whatever the grader sent. */
export function redactHidden(result: GradeResult): GradeResult {
  return {
    ...result,
    tests: result.tests.map((t): TestResult => {
      if (!t.hidden) return t;
      const { input: _input, expected: _expected, actual: _actual, ...rest } = t;
      return rest;
    }),
  };
}

/**
 * Who sent this request. Signed out: the client address. The rightmost X-Forwarded-For entry
 * is the one added by the nearest proxy (Next.js itself fills the header from the socket when
 * there is no proxy), so it is the hardest to spoof.
 * Hook for the db part: look up the better-auth session from `headers` first and return
 * { key: `user:${id}`, userId: id } for a signed-in learner.
 */
export async function identifyLearner(headers: Headers): Promise<Learner> {
  const forwarded = headers.get("x-forwarded-for");
  const ip =
    forwarded
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .pop() ||
    headers.get("x-real-ip")?.trim() ||
    "unknown";
  return { key: `ip:${ip}` };
}
