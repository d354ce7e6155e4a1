// Shared by the instructor API routes: who is asking (instructors only: 401 signed out, 403 for
// learners, decided on the server for every request) and errors as JSON, never a stack trace.
import { GradeJobError } from "@/grader/pool";
import { assertInstructor } from "@/lib/actor";
import { errorResponse } from "@/lib/domain-errors";
import { getViewer, type Viewer } from "@/lib/viewer";

export async function requireInstructor(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request.headers);
  assertInstructor(viewer);
  return viewer;
}

const NO_STORE = { "Cache-Control": "no-store" };

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** Domain errors as their 4xx, grader refusals as 503, anything else as a logged 500. */
export function failure(error: unknown, what: string): Response {
  const domain = errorResponse(error);
  if (domain) {
    domain.headers.set("Cache-Control", "no-store");
    return domain;
  }
  if (error instanceof GradeJobError) {
    const message =
      error.code === "exercise-broken" || error.code === "unknown-exercise"
        ? error.message
        : "The grader is busy or restarting. Try again in a few seconds.";
    return json({ error: message, code: `grader-${error.code}` }, error.code === "unknown-exercise" ? 404 : 503);
  }
  console.error(`${what}:`, error);
  return json({ error: "Something went wrong on the server. Please try again.", code: "internal" }, 500);
}
