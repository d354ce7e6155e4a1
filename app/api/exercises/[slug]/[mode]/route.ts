// POST /api/exercises/<slug>/run     → grade the visible examples
// POST /api/exercises/<slug>/submit  → grade everything (hidden and random cases included)
// Body: {"code": "<TypeScript>"}. Response: {"result": GradeResult} or {"error": {code, message}}.
// Signed in, the attempt is stored first and the response adds {"submission": {id, ...},
// "progress": {...}}; a 503 "not-recorded" (with the result) says it could not be stored.
// The HTTP layer refuses what is not JSON, not this site's, or not valid Unicode before grading;
// lib/grading.ts validates the rest (its own 400/404/413/429 messages).
import { gradeSubmission, identifyLearner, UnreadableBody } from "@/lib/grading";
import { errorJson } from "@/lib/http/errors";
import { route, type BodyRead } from "@/lib/http/route";
import { CODE_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route<"anyone", { slug: string; mode: string }, undefined, BodyRead>(
  { access: "anyone", body: { raw: true, maxBytes: CODE_BODY_MAX_BYTES } },
  async ({ request, params, body }) => {
    const outcome = await gradeSubmission({
      slug: params.slug,
      mode: params.mode,
      body: body.ok ? body.value : new UnreadableBody(body.reason),
      learner: await identifyLearner(request.headers),
    });
    if (!outcome.ok) {
      return errorJson(outcome.status, outcome.code, outcome.message, {
        retryAfterSeconds: outcome.retryAfterSeconds,
        extra: outcome.result ? { result: outcome.result } : undefined,
      });
    }
    const { result, submission, progress } = outcome;
    return { result, ...(submission ? { submission, progress } : {}) };
  },
);
