// Invite a colleague as an instructor: a single-use link that expires (lib/invitations.ts), and
// the list of links made so far.
import type { Metadata } from "next";
import Link from "next/link";
import { CreateInvitationButton, WithdrawInvitationButton } from "@/app/_components/InvitationsPanel";
import { listInvitations } from "@/lib/invitations";
import { requireInstructorPage } from "../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invite instructors" };

const STATE_WORDS = { open: "open", used: "used", expired: "expired", withdrawn: "withdrawn" } as const;

export default async function InvitationsPage() {
  const viewer = await requireInstructorPage("/instructor/invitations");
  const invitations = await listInvitations(viewer);
  return (
    <div className="instructor-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/instructor">Instructor</Link> <span aria-hidden="true">/</span> <span>Invite instructors</span>
      </nav>
      <h1>Invite a colleague as an instructor</h1>
      <p className="muted">
        Whoever opens the link signs up (or signs in) and becomes an instructor. Each link works once and expires after a
        week. Learners sign up on their own and join a classroom with its code instead.
      </p>
      <CreateInvitationButton />
      <h2>Links made so far</h2>
      {invitations.length === 0 ? (
        <p className="empty-note">None yet.</p>
      ) : (
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">Used by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((inv) => (
              <tr key={inv.id}>
                <td>{inv.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                <td>{inv.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                <td>{STATE_WORDS[inv.state]}</td>
                <td>{inv.usedBy ? `${inv.usedBy.name} (${inv.usedBy.email})` : "–"}</td>
                <td>{inv.state === "open" ? <WithdrawInvitationButton id={inv.id} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
