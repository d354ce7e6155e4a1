// Browser side of Run and Submit: POST the code, and turn every way that can go wrong into a
// message for the learner.
import type { GradeMode } from "@/grader/types";
import type { WebGradeResult as GradeResult } from "@/lib/grading";
import type { SubmissionRow } from "./submission-view";

export type GradeResponse =
  | {
      ok: true;
      result: GradeResult;
      /** Signed in: the stored attempt (present only once it is in the database). */
      submission?: SubmissionRow;
    }
  | {
      ok: false;
      status: number;
      message: string;
      retryAfterSeconds?: number;
      /** Graded but not stored (503 "not-recorded"): the verdict can still be shown. */
      result?: GradeResult;
    };

export async function requestGrade(slug: string, mode: GradeMode, code: string, signal?: AbortSignal): Promise<GradeResponse> {
  let res: Response;
  try {
    res = await fetch(`/api/exercises/${encodeURIComponent(slug)}/${mode}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    return { ok: false, status: 0, message: "Could not reach the server. Check your connection and try again." };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // fall through: handled below
  }
  const payload = (body ?? {}) as { result?: GradeResult; submission?: SubmissionRow; error?: { message?: unknown } };
  if (res.ok && body && typeof body === "object" && payload.result) {
    return { ok: true, result: payload.result, ...(payload.submission ? { submission: payload.submission } : {}) };
  }
  const err = payload.error;
  const retry = Number(res.headers.get("Retry-After"));
  return {
    ok: false,
    status: res.status,
    message:
      typeof err?.message === "string"
        ? err.message
        : `The server could not grade your code (HTTP ${res.status}). Please try again.`,
    ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}),
    ...(payload.result ? { result: payload.result } : {}),
  };
}
