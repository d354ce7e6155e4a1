// Sign in with email and password; ?next=/path comes back to where the learner was going.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/app/_components/AuthForm";
import { safeNextPath } from "@/app/_lib/next-path";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getViewer()) redirect(next);
  return (
    <div className="page-narrow auth-page">
      <h1>Sign in</h1>
      <p className="muted">Your submissions, progress and drafts are kept with your account.</p>
      <AuthForm mode="signin" next={next} />
    </div>
  );
}
