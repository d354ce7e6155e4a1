"use client";
// Sign-up and sign-in with email and password through better-auth's client. Errors are
// written for the learner (wrong password, email taken, password too short). After signing in,
// drafts made in this browser while signed out are handed over to the account, submitted and
// counted, and the next page says what that found (app/_lib/import-notice.ts).
import Link from "next/link";
import { useId, useState } from "react";
import { signIn, signUp } from "@/lib/auth-client";
import { describeImport, saveImportNotice } from "@/app/_lib/import-notice";
import { clearProgress, readProgress } from "@/app/_lib/progress-store";
import { importBrowserDrafts } from "@/app/_lib/server-drafts";
import { PASSWORD_MAX_LENGTH as MAX_PASSWORD, PASSWORD_MIN_LENGTH as MIN_PASSWORD, PERSON_NAME_MAX_LENGTH } from "@/lib/limits";
import { callApi } from "@/lib/api-client";

interface Props {
  mode: "signin" | "signup";
  /** A path on this site to continue to (already checked by the page). */
  next: string;
  /** An instructor invitation token (app/invite/[token]): accepted right after signing up or in. */
  invitation?: string;
}

const SERVER_WORDED = new Set(["PASSWORD_TOO_WEAK", "TOO_MANY_ATTEMPTS", "NAME_TOO_LONG", "EMAIL_TOO_LONG", "INVALID_NAME", "NAME_REQUIRED"]);

type AuthError = { code?: string; message?: string; status?: number } | null;

function explain(error: NonNullable<AuthError>, mode: Props["mode"]): string {
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return "Wrong email or password. Check the password (it is case-sensitive) and try again.";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "An account with this email already exists. Sign in instead, or use another email.";
    case "PASSWORD_TOO_SHORT":
      return `That password is too short: use at least ${MIN_PASSWORD} characters.`;
    case "PASSWORD_TOO_LONG":
      return `That password is too long: use at most ${MAX_PASSWORD} characters.`;
    case "INVALID_EMAIL":
      return "That does not look like an email address.";
  }
  // The server's own words (lib/auth-guards.ts): why the password is guessable, how long to wait.
  if (error.code && SERVER_WORDED.has(error.code) && error.message) return error.message;
  if (error.status === 429) return "Too many attempts from this network. Wait a minute, then try again.";
  return mode === "signup"
    ? "Your account could not be created. Please try again."
    : "You could not be signed in. Please try again.";
}

/** Accepts the invitation for the account just signed in; the server's words when it cannot. */
async function acceptInvitation(token: string): Promise<string | null> {
  const answer = await callApi("/api/invitations/accept", { json: { token }, failure: "The invitation could not be accepted" });
  if (answer.ok) return null;
  return answer.status === 0 ? "Could not reach the server to accept the invitation. Open the link again." : answer.message;
}

export function AuthForm({ mode, next, invitation }: Props) {
  const id = useId();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signup = mode === "signup";

  /** What can be told without asking the server. */
  function check(): string | null {
    if (signup && !name.trim()) return "Please enter your name: your instructor sees it next to your work.";
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return "Please enter your email address, like ada@example.org.";
    if (!password) return "Please enter your password.";
    if (signup && password.length < MIN_PASSWORD) return `That password is too short: use at least ${MIN_PASSWORD} characters.`;
    if (signup && password.length > MAX_PASSWORD) return `That password is too long: use at most ${MAX_PASSWORD} characters.`;
    return null;
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const problem = check();
    setError(problem);
    if (problem) return;
    setBusy(true);
    let failure: AuthError = null;
    try {
      const { error: authError } = signup
        ? await signUp.email({ name: name.trim(), email: email.trim(), password })
        : await signIn.email({ email: email.trim(), password });
      failure = authError ?? null;
    } catch {
      failure = { message: "network" };
    }
    if (failure) {
      setBusy(false);
      setError(failure.message === "network" ? "Could not reach the server. Check your connection and try again." : explain(failure, mode));
      return;
    }
    if (invitation) {
      const refused = await acceptInvitation(invitation);
      if (refused) {
        setBusy(false);
        setError(`You are signed in, but not as an instructor: ${refused}`);
        return;
      }
    }
    // Keep what this visitor typed before signing in (a failure keeps the drafts in the browser
    // for the next sign-in). This browser's progress record moves with them: the account now
    // counts what the imported code really does.
    const local = readProgress();
    const outcome = await importBrowserDrafts();
    saveImportNotice(describeImport(outcome, local));
    if (outcome) clearProgress();
    // A full page load: the header, drafts and progress are all the account's from here on,
    // and nothing of the previous visitor stays in this tab's memory.
    window.location.assign(next);
  }

  const other = signup ? "/signin" : "/signup";
  const otherHref = next === "/" ? other : `${other}?next=${encodeURIComponent(next)}`;

  return (
    <form className="auth-form" onSubmit={onSubmit} noValidate aria-describedby={error ? `${id}-error` : undefined}>
      {signup ? (
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={PERSON_NAME_MAX_LENGTH} required />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete={signup ? "new-password" : "current-password"}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={signup ? `${id}-password-help` : undefined}
          required
        />
        {signup ? (
          <p className="field-help" id={`${id}-password-help`}>
            At least {MIN_PASSWORD} characters.
          </p>
        ) : null}
      </div>
      {error ? (
        <p className="banner banner-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary auth-submit" disabled={busy}>
        {busy ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
        {signup ? "Create account" : "Sign in"}
      </button>
      {invitation ? null : (
        <p className="auth-switch">
          {signup ? "Already have an account? " : "No account yet? "}
          <Link href={otherHref}>{signup ? "Sign in" : "Sign up"}</Link>
        </p>
      )}
    </form>
  );
}
