// POST /api/classrooms/join  body {"code": "DEMO-RNN"} — the signed-in learner joins the
// classroom with that join code (case, spaces and dashes do not matter; joining twice is
// harmless): {"classroom": {id, name, ownerName, joinedAt}, "alreadyMember": bool}.
// Unknown code → 404 with a message; too many wrong codes → 429; instructors → 403; signed out → 401.
import { z } from "zod";
import { joinClassroom } from "@/lib/classrooms";
import { route } from "@/lib/http/route";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    access: "signed-in",
    body: { schema: z.object({ code: z.string({ error: "code must be a string" }) }), maxBytes: SMALL_BODY_MAX_BYTES, example: '{"code": "ABCD-EFGH"}' },
  },
  ({ viewer, body, clientAddress }) => joinClassroom(viewer, body.code, { clientAddress }),
);
