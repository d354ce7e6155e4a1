"use client";
// Change password through better-auth's /change-password: the current password is required,
// the new one meets the sign-up policy (checked on the server, lib/auth-guards.ts), and every
// other session of the account is signed out (this one gets a fresh session).
import { useId, useState } from "react";
import { authClient } from "@/lib/auth-client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/limits";

function explain(error: { code?: string; message?: string; status?: number }): string {
  switch (error.code) {
    case "INVALID_PASSWORD":
      return "Your current password is not right. Check it (it is case-sensitive) and try again.";
    case "PASSWORD_TOO_SHORT":
      return `The new password is too short: use at least ${PASSWORD_MIN_LENGTH} characters.`;
    case "PASSWORD_TOO_LONG":
      return `The new password is too long: use at most ${PASSWORD_MAX_LENGTH} characters.`;
    case "PASSWORD_TOO_WEAK":
      return error.message ?? "That password is too easy to guess.";
  }
  if (error.status === 401) return "You were signed out. Sign in again, then change your password.";
  return "Your password could not be changed. Please try again.";
}

export function ChangePasswordForm() {
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setDone(false);
    let problem: string | null = null;
    if (!current) problem = "Enter your current password.";
    else if (next.length < PASSWORD_MIN_LENGTH) problem = `The new password is too short: use at least ${PASSWORD_MIN_LENGTH} characters.`;
    else if (next !== repeat) problem = "The two new passwords are not the same.";
    else if (next === current) problem = "The new password is the same as the current one.";
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const { error: failure } = await authClient.changePassword({ currentPassword: current, newPassword: next, revokeOtherSessions: true });
      if (failure) setError(explain(failure));
      else {
        setDone(true);
        setCurrent("");
        setNext("");
        setRepeat("");
      }
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setBusy(false);
  }

  return (
    <form className="auth-form" onSubmit={onSubmit} noValidate aria-describedby={error ? `${id}-error` : undefined}>
      <div className="field">
        <label htmlFor={`${id}-current`}>Current password</label>
        <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-new`}>New password</label>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          value={next}
          maxLength={PASSWORD_MAX_LENGTH}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby={`${id}-help`}
          required
        />
        <p className="field-help" id={`${id}-help`}>
          At least {PASSWORD_MIN_LENGTH} characters, not easy to guess: a few unrelated words make a strong one.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>New password again</label>
        <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} maxLength={PASSWORD_MAX_LENGTH} onChange={(e) => setRepeat(e.target.value)} required />
      </div>
      {error ? (
        <p className="banner banner-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="banner banner-info" role="status">
          Your password was changed. You are signed out everywhere else.
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary auth-submit" disabled={busy}>
        {busy ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
        Change password
      </button>
    </form>
  );
}
