// PUT /api/instructor/classrooms/<id>/assignments/<assignmentId>/extensions
//   body {"learnerId": "…", "dueAt": "2026-12-10T17:00:00Z"} gives that learner a new due time
//   ({"dueAt": null} removes it) → {"extension": {learnerId, name, email, dueAt} | null}.
// The learner must be in the classroom (400 otherwise); unknown assignment or classroom → 404.
import { z } from "zod";
import { setExtension } from "@/lib/assignments";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const PUT = route<"instructor", { id: string; assignmentId: string }, undefined, Record<string, unknown>>(
  {
    access: "instructor",
    body: {
      schema: z.record(z.string(), z.unknown()),
      maxBytes: SMALL_BODY_MAX_BYTES,
      example: '{"learnerId": "…", "dueAt": "2026-12-10T17:00:00Z"}',
    },
  },
  async ({ viewer, params, body }) => ({ extension: await setExtension(viewer, params.id, params.assignmentId, body) }),
);
