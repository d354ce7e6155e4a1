// GET /api/submissions/<id> — one of the signed-in learner's own submissions with its code and
// per-test results: {"submission": {...}}. Someone else's id is a 404, exactly like a made-up
// one, so ids are never confirmed; signed out → 401.
import { route } from "@/lib/http/route";
import { getSubmission } from "@/lib/submissions";

export const dynamic = "force-dynamic";

export const GET = route<"signed-in", { id: string }>({ access: "signed-in" }, async ({ viewer, params }) => {
  const { userId: _userId, ...submission } = await getSubmission(viewer, params.id);
  return { submission };
});
