// POST /api/instructor/exercises/<slug>/check → grades the reference, the starter and every known
// mistake (body {"only": "reference" | "starter" | "mistake:<id>"} for one; empty for all) through
// the grader pool and returns each verdict with whether it is what exercises:check expects.
// Instructors only, rate-limited like Run and Submit.
import { z } from "zod";
import { HttpError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { runExerciseLive } from "@/lib/instructor/preview";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";
import { describeWait, gradingLimiter } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

export const POST = route<"instructor", { slug: string }, undefined, { only?: unknown }>(
  {
    access: "instructor",
    body: { schema: z.object({ only: z.unknown().optional() }), optional: true, maxBytes: SMALL_BODY_MAX_BYTES, example: '{"only": "reference"}, or no body' },
  },
  async ({ viewer, params, body }) => {
    // Each request queues several grading jobs in the pool learners use: same limiter as Run/Submit.
    const limit = await gradingLimiter().take(`instructor:${viewer.id}`);
    if (!limit.allowed) {
      throw new HttpError(429, "rate-limited", `Too many grader runs. Try again in ${describeWait(limit.retryAfterSeconds)}.`, { retryAfterSeconds: limit.retryAfterSeconds });
    }
    return runExerciseLive(viewer, params.slug, { only: body.only });
  },
);
