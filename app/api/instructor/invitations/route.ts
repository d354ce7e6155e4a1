// POST /api/instructor/invitations (no body) — a new invitation link for a colleague to become an
// instructor: {"invitation": {id, path, expiresAt}}. The link is shown this once (only its hash is
// stored). Learners → 403; signed out → 401. Too many open invitations → 409.
import { route } from "@/lib/http/route";
import { createInvitation } from "@/lib/invitations";

export const dynamic = "force-dynamic";

// The path only: the page prefixes its own origin (the Host header is the client's to write).
export const POST = route({ access: "instructor" }, async ({ viewer }) => {
  const invitation = await createInvitation(viewer);
  return { invitation: { id: invitation.id, path: `/invite/${invitation.token}`, expiresAt: invitation.expiresAt } };
});
