// GET /api/progress — the signed-in learner's own progress on every exercise:
// {"progress": {"<slug>": {state, bestScore, attempts, runs, solvedAt, ...}}, "totals":
// {solved, attempted, total}}. Signed out → 401 (their progress lives in the browser).
import { listExerciseSummaries } from "@/lib/exercise-catalogue";
import { route } from "@/lib/http/route";
import { progressFor, progressTotals } from "@/lib/progress";

export const dynamic = "force-dynamic";

export const GET = route({ access: "signed-in" }, async ({ viewer }) => {
  const progress = await progressFor(viewer);
  return { progress, totals: progressTotals(progress, listExerciseSummaries().map((e) => e.slug)) };
});
