// POST /api/instructor/exercises/<slug>/check → grades the reference, the starter and every known
// mistake (body {"only": "reference" | "starter" | "mistake:<id>"} for one) through the grader
// pool and returns each verdict with whether it is what exercises:check expects. Instructors only,
// rate-limited like Run and Submit.
import { describeWait, MAX_BODY_BYTES, UnreadableBody } from "@/lib/grading";
import { gradingLimiter } from "@/lib/rate-limit";
import { ValidationError } from "@/lib/domain-errors";
import { runExerciseLive } from "@/lib/instructor/preview";
import { jsonError, readJsonBody } from "../../../../_lib/request";
import { failure, json, requireInstructor } from "../../../_lib/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  try {
    const instructor = await requireInstructor(request);
    // Each request queues several grading jobs in the pool learners use: same limiter as Run/Submit.
    const limit = gradingLimiter().take(`instructor:${instructor.id}`);
    if (!limit.allowed) {
      const wait = describeWait(limit.retryAfterSeconds);
      return jsonError(429, "rate-limited", `Too many grader runs. Try again in ${wait}.`, limit.retryAfterSeconds);
    }
    // An empty body means "everything".
    const hasBody = request.headers.get("content-length") !== "0" && request.body !== null;
    const body = hasBody ? await readJsonBody(request, Math.min(MAX_BODY_BYTES, 4096)) : {};
    if (body instanceof UnreadableBody) throw new ValidationError('The body must be JSON like {"only": "reference"}, or empty.');
    const only = body && typeof body === "object" ? (body as { only?: unknown }).only : undefined;
    return json(await runExerciseLive(instructor, slug, { only }));
  } catch (e) {
    return failure(e, `POST check ${slug}`);
  }
}
