"use client";
// A signed-in learner accepts an instructor invitation: POST /api/invitations/accept, then the
// instructor dashboard (a full load, so the header shows the new role).
import { useState } from "react";
import { callApi } from "@/lib/api-client";

export function AcceptInvitationButton({ token, name }: { token: string; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function accept() {
    setPending(true);
    setError(null);
    const answer = await callApi("/api/invitations/accept", { json: { token }, failure: "The invitation could not be accepted" });
    if (answer.ok) {
      window.location.assign("/instructor");
      return;
    }
    setError(answer.message);
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
