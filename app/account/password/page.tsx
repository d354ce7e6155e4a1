// Change your password (signed in): the current one is required, and every other session of the
// account is signed out (app/_components/ChangePasswordForm.tsx).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/app/_components/ChangePasswordForm";
import { getViewer } from "@/lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent("/account/password")}`);
  return (
    <div className="page-narrow auth-page">
      <h1>Change password</h1>
      <p className="muted">
        Signed in as {viewer.name} ({viewer.email}). Changing your password signs you out on every other computer.
      </p>
      <ChangePasswordForm />
    </div>
  );
}
