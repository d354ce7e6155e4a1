// POST /api/instructor/classrooms/<id>/settings  body: one change, e.g. {"action": "rename",
// "name": "…"}, {"action": "archive"}, {"action": "rotate-join-code"}, {"action":
// "set-join-code-enabled", "enabled": false}, {"action": "remove-learner", "userId": "…"},
// {"action": "add-staff", "email": "…", "role": "ta"} (lib/classroom-settings.ts). Answers the
// classroom's settings after the change. Owner and co-instructors only: a TA → 403; archived
// (anything but restore) → 409; not theirs → 404; a bad body → 400.
import { z } from "zod";
import { changeClassroom, classroomChangeSchema } from "@/lib/classroom-settings";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    access: "instructor",
    params: z.object({ id: z.string().min(1).max(64) }),
    body: { schema: classroomChangeSchema, maxBytes: SMALL_BODY_MAX_BYTES, example: '{"action": "rename", "name": "Deep learning, autumn term"}' },
  },
  async ({ viewer, params, body }) => ({ settings: await changeClassroom(viewer, params.id, body) }),
);
