// POST /api/instructor/classrooms/<id>/assignments  body
//   {"title": "Week 1", "exercises": ["01-rnn-step"], "releaseAt": "2026-12-01T09:00:00Z",
//    "dueAt": "2026-12-08T17:00:00Z", "latePolicy": {"kind": "penalty", "percentPerDay": 10, "cutoffDays": 3}}
// → {"assignment": {...}}. The fields are checked by lib/assignments.ts (400 naming the field);
// learners → 403, signed out → 401, someone else's classroom → 404.
import { z } from "zod";
import { createAssignment } from "@/lib/assignments";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

const EXAMPLE = '{"title": "Week 1", "exercises": ["01-rnn-step"], "releaseAt": "2026-12-01T09:00:00Z", "dueAt": "2026-12-08T17:00:00Z", "latePolicy": {"kind": "none"}}';

export const POST = route<"instructor", { id: string }, undefined, Record<string, unknown>>(
  {
    access: "instructor",
    body: { schema: z.record(z.string(), z.unknown()), maxBytes: SMALL_BODY_MAX_BYTES, example: EXAMPLE },
  },
  async ({ viewer, params, body }) => ({ assignment: await createAssignment(viewer, params.id, body) }),
);
