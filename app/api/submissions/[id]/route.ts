// GET /api/submissions/<id> — one of the signed-in learner's own submissions with its code and
// per-test results: {"submission": {...}}. Someone else's id is a 404, exactly like a made-up
// one, so ids are never confirmed; signed out → 401.
import { getSubmission } from "@/lib/submissions";
import { failure, json, viewerOf } from "../../_lib/account";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  try {
    const viewer = await viewerOf(request);
    const { userId: _userId, ...submission } = await getSubmission(viewer, id);
    return json({ submission });
  } catch (e) {
    return failure(e, "GET /api/submissions/[id]");
  }
}
