"use client";
// The instructor's invitations: make a link for a colleague (shown once, with a copy button),
// and withdraw unused ones. POST/DELETE /api/instructor/invitations (lib/invitations.ts).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CopyButton } from "@/app/_components/instructor/CopyButton";

export function CreateInvitationButton() {
  const router = useRouter();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/instructor/invitations", { method: "POST" });
      const body = (await res.json().catch(() => null)) as { invitation?: { path: string; expiresAt: string }; error?: { message?: string } } | null;
      if (res.ok && body?.invitation) {
        setLink({ url: `${window.location.origin}${body.invitation.path}`, expiresAt: body.invitation.expiresAt });
        router.refresh();
      } else setError(body?.error?.message ?? `No invitation was made (HTTP ${res.status}).`);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <div className="invitation-create">
      <button type="button" className="btn btn-primary" onClick={create} disabled={pending}>
        {pending ? "Making a link…" : "Make an invitation link"}
      </button>
      {link ? (
        <div className="banner banner-info" role="status">
          <p>
            Send this link to your colleague. It works once, until {new Date(link.expiresAt).toLocaleString()}, and is shown only now:
          </p>
          <p>
            <code data-testid="invitation-link">{link.url}</code> <CopyButton text={link.url} label="Copy the invitation link" />
          </p>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function WithdrawInvitationButton({ id }: { id: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function withdraw() {
    const res = await fetch(`/api/instructor/invitations/${encodeURIComponent(id)}`, { method: "DELETE" }).catch(() => null);
    if (res?.ok) router.refresh();
    else setError("It could not be withdrawn. Reload the page and try again.");
  }
  return (
    <>
      <button type="button" className="btn btn-small" onClick={withdraw}>
        Withdraw
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </>
  );
}
