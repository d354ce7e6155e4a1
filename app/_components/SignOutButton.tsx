"use client";
// Signs out through better-auth (which clears the session cookie), then loads the signed-out
// site afresh: a full page load, so nothing of the account's code stays in this tab's memory
// (shared classroom computers).
import { useState } from "react";
import { signOut } from "@/lib/auth-client";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-quiet btn-small"
      disabled={busy}
      title={failed ? "Could not reach the server: try again." : undefined}
      onClick={async () => {
        setBusy(true);
        const { error } = await signOut().catch(() => ({ error: true }));
        setBusy(false);
        if (error) {
          setFailed(true);
          return;
        }
        window.location.assign("/");
      }}
    >
      {failed ? "Sign out (retry)" : "Sign out"}
    </button>
  );
}
