// POST /api/drafts/import — hands the drafts a visitor made in this browser before signing in
// over to their account. Body: {"drafts": {"<slug>": {"code": "...", "updatedAt": <epoch ms>}}}.
// A browser draft replaces a server draft only when it is newer, and each one taken is submitted
// (lib/drafts.ts importAndGradeDrafts). Response: {"imported": [...], "kept": [...],
// "skipped": [...], "graded": [{slug, verdict, passed, total, solved}], "notGraded": [{slug,
// reason}]}; signed out → 401.
import { z } from "zod";
import { importAndGradeDrafts } from "@/lib/drafts";
import { route } from "@/lib/http/route";
import { CODE_MAX_BYTES, DRAFT_IMPORT_MAX_BYTES, DRAFT_IMPORT_MAX_COUNT } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    access: "signed-in",
    body: {
      // importAndGradeDrafts validates each draft (code size included) and ignores unknown exercises.
      schema: z.object({ drafts: z.record(z.string(), z.unknown()) }),
      maxBytes: DRAFT_IMPORT_MAX_BYTES,
      example: '{"drafts": {"<exercise>": {"code": "...", "updatedAt": 0}}}',
      tooLarge: `Too much to import at once: the limit is ${DRAFT_IMPORT_MAX_COUNT} drafts of at most ${CODE_MAX_BYTES / 1024} KB each.`,
    },
  },
  ({ viewer, body }) => importAndGradeDrafts(viewer, body.drafts as Parameters<typeof importAndGradeDrafts>[1]),
);
