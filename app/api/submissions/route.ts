// GET /api/submissions?slug=<exercise>&kind=run|submit&limit=<1..500> — the signed-in learner's
// own graded attempts, newest first, summaries only (never code): {"submissions": [{id, slug,
// kind, verdict, passed, total, score, createdAt, ...}]}. Nobody else's are ever listed; signed
// out → 401; a bad filter → 400.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { SUBMISSION_LIST_MAX } from "@/lib/limits";
import { listSubmissions } from "@/lib/submissions";

export const dynamic = "force-dynamic";

const query = z.object({
  slug: z.string().optional(),
  kind: z.enum(["run", "submit"]).optional(),
  limit: z.coerce.number().int().min(1).max(SUBMISSION_LIST_MAX).optional(),
});

export const GET = route({ access: "signed-in", query }, async ({ viewer, query }) => ({ submissions: await listSubmissions(viewer, query) }));
