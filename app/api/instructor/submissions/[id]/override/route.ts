// PUT /api/instructor/submissions/<id>/override  body {"percent": 80, "reason": "Right idea; the
// hidden test was too strict."} — the owner or a co-instructor of the learner's classroom sets the
// submit's score (lib/score-overrides.ts): {"override": {score, reason, by, at}}.
// DELETE — clears it: {"cleared": true}. A TA → 403; not one of their learners → 404; a run or a
// bad body → 400; learners → 403; signed out → 401. Every change is logged.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";
import { clearScoreOverride, overrideInputSchema, overrideScore } from "@/lib/score-overrides";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(64) });

export const PUT = route(
  {
    access: "instructor",
    params,
    body: { schema: overrideInputSchema, maxBytes: SMALL_BODY_MAX_BYTES, example: '{"percent": 80, "reason": "Right idea; one hidden test was too strict."}' },
  },
  async ({ viewer, params, body }) => ({ override: await overrideScore(viewer, params.id, body) }),
);

export const DELETE = route({ access: "instructor", params }, async ({ viewer, params }) => {
  await clearScoreOverride(viewer, params.id);
  return { cleared: true };
});
