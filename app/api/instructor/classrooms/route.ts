// POST /api/instructor/classrooms  body {"name": "Deep learning, spring term"} — creates a
// classroom owned by the signed-in instructor, with a fresh join code:
// {"classroom": {id, name, joinCode, createdAt, learnerCount}}. Learners → 403; signed out → 401.
import { z } from "zod";
import { createClassroom } from "@/lib/classrooms";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    access: "instructor",
    body: { schema: z.object({ name: z.string({ error: "name must be a string" }) }), maxBytes: SMALL_BODY_MAX_BYTES, example: '{"name": "Deep learning, spring term"}' },
  },
  async ({ viewer, body }) => ({ classroom: await createClassroom(viewer, body.name) }),
);
