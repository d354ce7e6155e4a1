// Shared by the signed-in learner's API routes (drafts, submissions, progress, classrooms): who
// is asking, decided on the server from the session cookie of this request, and domain errors
// as JSON in the same {"error": {code, message}} shape as Run and Submit, never a stack trace.
import { errorResponse } from "@/lib/domain-errors";
import { requireViewer, type Viewer } from "@/lib/viewer";
import { jsonError } from "./request";

/** The signed-in user of this request; throws a 401 DomainError when there is none. */
export function viewerOf(request: Request): Promise<Viewer> {
  return requireViewer(request.headers);
}

/** A JSON response that no cache keeps (it is one user's data). */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** DomainErrors as their 4xx; anything else is logged and answered with a plain 500. */
export function failure(error: unknown, what: string): Response {
  const domain = errorResponse(error);
  if (domain) return domain;
  console.error(`${what}:`, error);
  return jsonError(500, "internal", "Something went wrong on the server. Please try again.");
}
