// POST /api/instructor/submissions/<id>/comments  body {"body": "Nice: now clip the gradient."}
// — a comment by the classroom's staff (owner, co-instructor or TA) on a learner's submission
// (lib/feedback.ts): {"comment": {id, body, createdAt, author}}. Not one of their learners' → 404;
// empty or over the limit → 400 / 413; learners → 403; signed out → 401.
import { z } from "zod";
import { addComment } from "@/lib/feedback";
import { route } from "@/lib/http/route";
import { COMMENT_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    access: "instructor",
    params: z.object({ id: z.string().min(1).max(64) }),
    body: { schema: z.object({ body: z.string({ error: "body must be a string" }) }), maxBytes: COMMENT_BODY_MAX_BYTES, example: '{"body": "Nice: now clip the gradient."}' },
  },
  async ({ viewer, params, body }) => ({ comment: await addComment(viewer, params.id, body.body) }),
);
