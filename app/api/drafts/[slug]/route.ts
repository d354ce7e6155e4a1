// The signed-in learner's draft of one exercise (the editor saves as they type):
//   GET    /api/drafts/<slug>  → {"draft": {slug, code, updatedAt} | null}
//   PUT    /api/drafts/<slug>  body {"code": "..."} → {"draft": {slug, updatedAt}}
//   DELETE /api/drafts/<slug>  → {"deleted": true|false}  (Reset to starter)
// Only one's own draft is ever read or written: the user comes from the session, never the URL.
// Signed out → 401; unknown exercise → 404; code over 64 KB → 413; malformed body → 400.
import { z } from "zod";
import { deleteDraft, getDraft, saveDraft } from "@/lib/drafts";
import { getExercise } from "@/lib/exercise-catalogue";
import { HttpError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { CODE_BODY_MAX_BYTES, CODE_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string() });

function knownExercise(slug: string): string {
  if (!getExercise(slug)) throw new HttpError(404, "not-found", `There is no exercise called "${slug}".`);
  return slug;
}

export const GET = route({ access: "signed-in", params }, async ({ viewer, params }) => ({ draft: await getDraft(viewer, knownExercise(params.slug)) }));

export const PUT = route(
  {
    access: "signed-in",
    params,
    body: {
      schema: z.object({ code: z.string({ error: "code must be a string holding your TypeScript file" }) }),
      maxBytes: CODE_BODY_MAX_BYTES,
      example: '{"code": "..."}',
      tooLarge: `This draft is too large to save: the limit is ${CODE_MAX_BYTES / 1024} KB.`,
    },
  },
  async ({ viewer, params, body }) => {
    const slug = knownExercise(params.slug);
    const bytes = Buffer.byteLength(body.code, "utf8");
    if (bytes > CODE_MAX_BYTES) {
      throw new HttpError(413, "too-large", `This draft is too large to save: the limit is ${CODE_MAX_BYTES / 1024} KB (yours is ${(bytes / 1024).toFixed(1)} KB).`);
    }
    return { draft: await saveDraft(viewer, { slug, code: body.code }) };
  },
);

export const DELETE = route({ access: "signed-in", params }, async ({ viewer, params }) => ({ deleted: await deleteDraft(viewer, knownExercise(params.slug)) }));
