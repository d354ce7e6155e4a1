// POST /api/drafts/import — hands the drafts a visitor made in this browser before signing in
// over to their account. Body: {"drafts": {"<slug>": {"code": "...", "updatedAt": <epoch ms>}}}.
// A browser draft replaces a server draft only when it is newer, and each one taken is submitted
// (lib/drafts.ts importAndGradeDrafts). Response: {"imported": [...], "kept": [...],
// "skipped": [...], "graded": [{slug, verdict, passed, total, solved}], "notGraded": [{slug,
// reason}]}; signed out → 401.
import { z } from "zod";
import { importAndGradeDrafts, MAX_IMPORTED_DRAFTS } from "@/lib/drafts";
import { MAX_CODE_BYTES, UnreadableBody } from "@/lib/grading";
import { failure, json, viewerOf } from "../../_lib/account";
import { jsonError, readJsonBody } from "../../_lib/request";

export const dynamic = "force-dynamic";

/** Every exercise's draft at the 64 KB limit, JSON-escaped, fits with room to spare. */
const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

const bodySchema = z.object({ drafts: z.record(z.string(), z.unknown()) });

export async function POST(request: Request) {
  try {
    const viewer = await viewerOf(request);
    const body = await readJsonBody(request, MAX_IMPORT_BYTES);
    if (body instanceof UnreadableBody) {
      return body.reason === "too-large"
        ? jsonError(413, "too-large", `Too much to import at once: the limit is ${MAX_IMPORTED_DRAFTS} drafts of at most ${MAX_CODE_BYTES / 1024} KB each.`)
        : jsonError(400, "invalid-body", 'The request body must be JSON like {"drafts": {"<exercise>": {"code": "...", "updatedAt": 0}}}.');
    }
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) {
      return jsonError(400, "invalid-body", 'The request body must be JSON like {"drafts": {"<exercise>": {"code": "...", "updatedAt": 0}}}.');
    }
    // importAndGradeDrafts validates each draft (code size included) and ignores unknown exercises.
    return json(await importAndGradeDrafts(viewer, parsed.data.drafts as Parameters<typeof importAndGradeDrafts>[1]));
  } catch (e) {
    return failure(e, "POST /api/drafts/import");
  }
}
