// GET /api/classrooms — a learner's classrooms ({"role": "learner", "enrolled": [...]}) or an
// instructor's own ({"role": "instructor", "owned": [...]}); signed out → 401.
import { listMyClassrooms } from "@/lib/classrooms";
import { failure, json, viewerOf } from "../_lib/account";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    return json(await listMyClassrooms(await viewerOf(request)));
  } catch (e) {
    return failure(e, "GET /api/classrooms");
  }
}
