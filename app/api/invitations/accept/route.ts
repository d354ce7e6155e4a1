// POST /api/invitations/accept  body {"token": "<from the invitation link>"} — the signed-in
// user becomes an instructor (lib/invitations.ts acceptInvitation): {"role": "instructor"}.
// Used, expired or withdrawn → 404; already an instructor → 409; signed out → 401.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/invitations";
import { SMALL_BODY_MAX_BYTES } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    access: "signed-in",
    body: { schema: z.object({ token: z.string({ error: "token must be a string" }) }), maxBytes: SMALL_BODY_MAX_BYTES, example: '{"token": "…"}' },
  },
  async ({ viewer, body }) => acceptInvitation(viewer, body.token),
);
