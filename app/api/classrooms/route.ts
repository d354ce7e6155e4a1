// GET /api/classrooms — a learner's classrooms ({"role": "learner", "enrolled": [...]}) or an
// instructor's own ({"role": "instructor", "owned": [...]}); signed out → 401.
import { listMyClassrooms } from "@/lib/classrooms";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "signed-in" }, ({ viewer }) => listMyClassrooms(viewer));
