// GET /api/instructor/classrooms/<id>/regrades/<regradeId> — a regrade's progress and the learners
// whose status would change (lib/regrades.ts), for the page to poll: {"regrade": {...}}.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { regradeView } from "@/lib/regrades";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "instructor", params: z.object({ id: z.string().min(1).max(64), regradeId: z.string().min(1).max(64) }) },
  async ({ viewer, params }) => ({ regrade: await regradeView(viewer, params.id, params.regradeId) }),
);
