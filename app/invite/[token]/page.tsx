// An instructor invitation link (lib/invitations.ts). Signed out: create an account (or sign in
// to an existing one) and become an instructor. Signed in as a learner: one button. A used,
// expired or withdrawn link says so, with a real 404.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { AcceptInvitationButton } from "@/app/_components/AcceptInvitationButton";
import { AuthForm } from "@/app/_components/AuthForm";
import { NotFoundError } from "@/lib/domain-errors";
import { describeInvitation } from "@/lib/invitations";
import { getViewer } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Instructor invitation", referrer: "no-referrer" };

export default async function InvitationPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ have?: string }> }) {
  const { token } = await params;
  const haveAccount = (await searchParams).have === "1";
  let invitation;
  try {
    invitation = await describeInvitation(token);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const viewer = await getViewer();
  return (
    <div className="page-narrow auth-page">
      <h1>Become an instructor</h1>
      <p className="muted">
        {invitation.invitedBy} invites you to teach with RNN exercises: instructors make classrooms, follow their
        learners&apos; progress and preview every exercise. This link works once, until{" "}
        {invitation.expiresAt.toISOString().slice(0, 10)}.
      </p>
      {viewer ? (
        viewer.role === "instructor" ? (
          <p className="banner banner-info">
            You are an instructor already. <Link href="/instructor">Go to the instructor dashboard</Link>; the link stays
            unused for whoever it was meant for.
          </p>
        ) : (
          <AcceptInvitationButton token={token} name={viewer.name} />
        )
      ) : haveAccount ? (
        <>
          <AuthForm mode="signin" next="/instructor" invitation={token} />
          <p className="auth-switch">
            No account yet? <Link href={`/invite/${token}`}>Create one</Link>
          </p>
        </>
      ) : (
        <>
          <AuthForm mode="signup" next="/instructor" invitation={token} />
          <p className="auth-switch">
            Already have an account? <Link href={`/invite/${token}?have=1`}>Sign in to accept</Link>
          </p>
        </>
      )}
    </div>
  );
}
