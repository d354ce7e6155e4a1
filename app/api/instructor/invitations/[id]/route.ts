// DELETE /api/instructor/invitations/<id> — withdraws one of the signed-in instructor's unused
// invitations: {"withdrawn": true}. Someone else's, used or unknown → 404.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { withdrawInvitation } from "@/lib/invitations";

export const dynamic = "force-dynamic";

export const DELETE = route({ access: "instructor", params: z.object({ id: z.string().min(1).max(64) }) }, async ({ viewer, params }) => {
  await withdrawInvitation(viewer, params.id);
  return { withdrawn: true };
});
