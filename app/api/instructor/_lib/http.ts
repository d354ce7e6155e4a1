// Shared by the instructor API routes: who is asking (instructors only: 401 signed out, 403 for
// learners, decided on the server for every request) and errors as JSON, never a stack trace.
import { GradeJobError } from "@/grader/pool";
import { assertInstructor } from "@/lib/actor";
import { getViewer, type Viewer } from "@/lib/viewer";
import { failure as accountFailure, json } from "../../_lib/account";
import { jsonError } from "../../_lib/request";

export { json };

export async function requireInstructor(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request.headers);
  assertInstructor(viewer);
  return viewer;
}

/** Grader refusals as 404/503; domain errors and anything else as the learner routes answer them. */
export function failure(error: unknown, what: string): Response {
  if (error instanceof GradeJobError) {
    const message =
      error.code === "exercise-broken" || error.code === "unknown-exercise"
        ? error.message
        : "The grader is busy or restarting. Try again in a few seconds.";
    return jsonError(error.code === "unknown-exercise" ? 404 : 503, `grader-${error.code}`, message);
  }
  return accountFailure(error, what);
}
