// Create an account. Drafts typed in this browser before signing up are kept (AuthForm hands
// them over); ?next=/path continues to where the visitor was going.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/app/_components/AuthForm";
import { safeNextPath } from "@/app/_lib/next-path";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getViewer()) redirect(next);
  return (
    <div className="page-narrow auth-page">
      <h1>Create your account</h1>
      <p className="muted">
        Save every submission and your progress, pick up your drafts on any computer, and join your class with the code
        your instructor gives you. Anything you already typed in this browser comes along: your latest code for each
        exercise is submitted to your account, so your progress counts what it really does.
      </p>
      <AuthForm mode="signup" next={next} />
    </div>
  );
}
