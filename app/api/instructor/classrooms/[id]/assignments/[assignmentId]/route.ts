// PUT /api/instructor/classrooms/<id>/assignments/<assignmentId>  body as for creating one
//   (title, exercises, releaseAt, dueAt, latePolicy) → {"assignment": {...}}: replaces them;
//   extensions stay.
// DELETE …/assignments/<assignmentId> → {"deleted": true}: the assignment and its extensions go;
//   submissions and progress stay.
// Owner and co-instructors only (a TA 403); unknown assignment or someone else's classroom → 404.
import { z } from "zod";
import { deleteAssignment, updateAssignment } from "@/lib/assignments";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

const EXAMPLE = '{"title": "Week 1", "exercises": ["01-rnn-step"], "releaseAt": "2026-12-01T09:00:00Z", "dueAt": "2026-12-08T17:00:00Z", "latePolicy": {"kind": "none"}}';

export const PUT = route<"instructor", { id: string; assignmentId: string }, undefined, Record<string, unknown>>(
  {
    access: "instructor",
    body: { schema: z.record(z.string(), z.unknown()), maxBytes: SMALL_BODY_MAX_BYTES, example: EXAMPLE },
  },
  async ({ viewer, params, body }) => ({ assignment: await updateAssignment(viewer, params.id, params.assignmentId, body) }),
);

export const DELETE = route<"instructor", { id: string; assignmentId: string }>({ access: "instructor" }, async ({ viewer, params }) => {
  await deleteAssignment(viewer, params.id, params.assignmentId);
  return { deleted: true };
});
