// POST /api/instructor/classrooms/<id>/regrades  body {"exercise": "01-rnn-step"} — the owner or a
// co-instructor starts grading, in the background, the class's submits made on an older version
// of the exercise (lib/regrades.ts): {"regrade": {id, status, total, done, changes, ...}}. Nothing
// changes for learners until it is applied. A TA → 403; not their classroom → 404; one already
// running → 409.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";
import { startRegrade, startRegradeSchema } from "@/lib/regrades";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    access: "instructor",
    params: z.object({ id: z.string().min(1).max(64) }),
    body: { schema: startRegradeSchema, maxBytes: SMALL_BODY_MAX_BYTES, example: '{"exercise": "01-rnn-step"}' },
  },
  async ({ viewer, params, body }) => ({ regrade: await startRegrade(viewer, params.id, body) }),
);
