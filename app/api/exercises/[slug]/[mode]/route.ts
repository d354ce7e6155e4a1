// POST /api/exercises/<slug>/run     → grade the visible examples
// POST /api/exercises/<slug>/submit  → grade everything (hidden and random cases included)
// Body: {"code": "<TypeScript>"}. Response: {"result": GradeResult} or {"error": {code, message}}.
// Signed in, the attempt is stored first and the response adds {"submission": {id, ...},
// "progress": {...}}; a 503 "not-recorded" (with the result) says it could not be stored.
import { gradeSubmission, identifyLearner, MAX_BODY_BYTES } from "../../../../../lib/grading";
import { jsonError, readJsonBody } from "../../../_lib/request";

export const dynamic = "force-dynamic";

export async function POST(request: Request, ctx: { params: Promise<{ slug: string; mode: string }> }) {
  const { slug, mode } = await ctx.params;
  try {
    const outcome = await gradeSubmission({
      slug,
      mode,
      body: await readJsonBody(request, MAX_BODY_BYTES),
      learner: await identifyLearner(request.headers),
    });
    if (!outcome.ok) return jsonError(outcome.status, outcome.code, outcome.message, outcome.retryAfterSeconds, outcome.result ? { result: outcome.result } : undefined);
    const { result, submission, progress } = outcome;
    return Response.json({ result, ...(submission ? { submission, progress } : {}) }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    console.error(`POST /api/exercises/${slug}/${mode}:`, e);
    return jsonError(500, "internal", "Something went wrong on the server while grading. Please try again.");
  }
}
