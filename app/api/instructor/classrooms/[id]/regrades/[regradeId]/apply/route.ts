// POST /api/instructor/classrooms/<id>/regrades/<regradeId>/apply — writes a graded regrade onto the
// submissions (each original result is kept) and updates progress and scores (lib/regrades.ts):
// {"regrade": {...}}. A TA → 403; not finished, already applied or the exercise changed again → 409.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { applyRegrade } from "@/lib/regrades";

export const dynamic = "force-dynamic";

export const POST = route(
  { access: "instructor", params: z.object({ id: z.string().min(1).max(64), regradeId: z.string().min(1).max(64) }) },
  async ({ viewer, params }) => ({ regrade: await applyRegrade(viewer, params.id, params.regradeId) }),
);
