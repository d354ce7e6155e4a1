// The signed-in learner's draft of one exercise (the editor saves as they type):
//   GET    /api/drafts/<slug>  → {"draft": {slug, code, updatedAt} | null}
//   PUT    /api/drafts/<slug>  body {"code": "..."} → {"draft": {slug, updatedAt}}
//   DELETE /api/drafts/<slug>  → {"deleted": true|false}  (Reset to starter)
// Only one's own draft is ever read or written: the user comes from the session, never the URL.
// Signed out → 401; unknown exercise → 404; code over 64 KB → 413; malformed body → 400.
import { z } from "zod";
import { getExercise } from "@/lib/exercise-catalogue";
import { deleteDraft, getDraft, saveDraft } from "@/lib/drafts";
import { MAX_BODY_BYTES, MAX_CODE_BYTES, UnreadableBody } from "@/lib/grading";
import { failure, json, viewerOf } from "../../_lib/account";
import { jsonError, readJsonBody } from "../../_lib/request";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

const bodySchema = z.object({ code: z.string({ error: "code must be a string holding your TypeScript file" }) });

function unknownExercise(slug: string): Response {
  return jsonError(404, "not-found", `There is no exercise called "${slug}".`);
}

export async function GET(request: Request, ctx: Ctx) {
  const { slug } = await ctx.params;
  try {
    const viewer = await viewerOf(request);
    if (!getExercise(slug)) return unknownExercise(slug);
    return json({ draft: await getDraft(viewer, slug) });
  } catch (e) {
    return failure(e, `GET /api/drafts/${slug}`);
  }
}

export async function PUT(request: Request, ctx: Ctx) {
  const { slug } = await ctx.params;
  try {
    // Who first: an anonymous request is refused before its body is read.
    const viewer = await viewerOf(request);
    if (!getExercise(slug)) return unknownExercise(slug);
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    if (body instanceof UnreadableBody) {
      return body.reason === "too-large"
        ? jsonError(413, "too-large", "This draft is too large to save: the limit is 64 KB.")
        : jsonError(400, "invalid-body", 'The request body must be JSON like {"code": "..."}.');
    }
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return jsonError(400, "invalid-body", issue?.path.length ? issue.message : 'The request body must be a JSON object like {"code": "..."}.');
    }
    const bytes = Buffer.byteLength(parsed.data.code, "utf8");
    if (bytes > MAX_CODE_BYTES) {
      return jsonError(413, "too-large", `This draft is too large to save: the limit is 64 KB (yours is ${(bytes / 1024).toFixed(1)} KB).`);
    }
    return json({ draft: await saveDraft(viewer, { slug, code: parsed.data.code }) });
  } catch (e) {
    return failure(e, `PUT /api/drafts/${slug}`);
  }
}

export async function DELETE(request: Request, ctx: Ctx) {
  const { slug } = await ctx.params;
  try {
    const viewer = await viewerOf(request);
    if (!getExercise(slug)) return unknownExercise(slug);
    return json({ deleted: await deleteDraft(viewer, slug) });
  } catch (e) {
    return failure(e, `DELETE /api/drafts/${slug}`);
  }
}
