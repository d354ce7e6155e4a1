"use client";
// A signed-in learner accepts an instructor invitation: POST /api/invitations/accept, then the
// instructor dashboard (a full load, so the header shows the new role).
import { useState } from "react";

export function AcceptInvitationButton({ token, name }: { token: string; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function accept() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/invitations/accept", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });
      if (res.ok) {
        window.location.assign("/instructor");
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `The invitation could not be accepted (HTTP ${res.status}).`);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }
  return (
    <div>
      <p>You are signed in as {name}. Accepting makes this account an instructor account.</p>
      <button type="button" className="btn btn-primary" onClick={accept} disabled={pending}>
        {pending ? "Accepting…" : "Accept and become an instructor"}
      </button>
      {error ? (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
