// GET /api/submissions?slug=<exercise>&kind=run|submit&limit=<1..500> — the signed-in learner's
// own graded attempts, newest first: {"submissions": [{id, slug, kind, verdict, passed, total,
// score, createdAt, ...}]}. Nobody else's are ever listed; signed out → 401.
import { listSubmissions } from "@/lib/submissions";
import { failure, json, viewerOf } from "../_lib/account";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const viewer = await viewerOf(request);
    const q = new URL(request.url).searchParams;
    const limit = q.get("limit");
    const submissions = await listSubmissions(viewer, {
      slug: q.get("slug") ?? undefined,
      kind: (q.get("kind") ?? undefined) as "run" | "submit" | undefined, // validated by listSubmissions
      limit: limit === null ? undefined : Number(limit),
    });
    return json({ submissions });
  } catch (e) {
    return failure(e, "GET /api/submissions");
  }
}
