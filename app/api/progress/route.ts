// GET /api/progress — the signed-in learner's own progress on every exercise:
// {"progress": {"<slug>": {state, bestScore, attempts, runs, solvedAt, ...}}, "totals":
// {solved, attempted, total}}. Signed out → 401 (their progress lives in the browser).
import { listExerciseSummaries } from "@/lib/exercise-catalogue";
import { progressFor, progressTotals } from "@/lib/progress";
import { failure, json, viewerOf } from "../_lib/account";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const viewer = await viewerOf(request);
    const progress = await progressFor(viewer);
    const totals = progressTotals(progress, listExerciseSummaries().map((e) => e.slug));
    return json({ progress, totals });
  } catch (e) {
    return failure(e, "GET /api/progress");
  }
}
