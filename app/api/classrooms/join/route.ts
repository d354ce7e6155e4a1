// POST /api/classrooms/join  body {"code": "DEMO-RNN"} — the signed-in learner joins the
// classroom with that join code (case, spaces and dashes do not matter; joining twice is
// harmless): {"classroom": {id, name, ownerName, joinedAt}, "alreadyMember": bool}.
// Unknown code → 404 with a message; instructors → 403; signed out → 401.
import { z } from "zod";
import { joinClassroom } from "@/lib/classrooms";
import { UnreadableBody } from "@/lib/grading";
import { failure, json, viewerOf } from "../../_lib/account";
import { jsonError, readJsonBody } from "../../_lib/request";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ code: z.string() });

export async function POST(request: Request) {
  try {
    const viewer = await viewerOf(request);
    const body = await readJsonBody(request, 4096);
    const parsed = body instanceof UnreadableBody ? null : bodySchema.safeParse(body);
    if (!parsed?.success) return jsonError(400, "invalid-body", 'The request body must be JSON like {"code": "ABCD-EFGH"}.');
    return json(await joinClassroom(viewer, parsed.data.code));
  } catch (e) {
    return failure(e, "POST /api/classrooms/join");
  }
}
