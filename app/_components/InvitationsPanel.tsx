"use client";
// The instructor's invitations: make a link for a colleague (shown once, with a copy button),
// and withdraw unused ones. POST/DELETE /api/instructor/invitations (lib/invitations.ts).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CopyButton } from "@/app/_components/instructor/CopyButton";
import { callApi } from "@/lib/api-client";
import { FieldError } from "./FieldError";

export function CreateInvitationButton() {
  const router = useRouter();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create() {
    setPending(true);
    setError(null);
    const answer = await callApi<{ invitation?: { path: string; expiresAt: string } } | null>("/api/instructor/invitations", {
      failure: "No invitation was made",
    });
    const invitation = answer.ok ? answer.data?.invitation : undefined;
    if (invitation) {
      setLink({ url: `${window.location.origin}${invitation.path}`, expiresAt: invitation.expiresAt });
      router.refresh();
    } else setError(answer.ok ? `No invitation was made (HTTP ${answer.status}).` : answer.message);
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
      <FieldError error={error} />
    </div>
  );
}

export function WithdrawInvitationButton({ id }: { id: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function withdraw() {
    const answer = await callApi(`/api/instructor/invitations/${encodeURIComponent(id)}`, {
      method: "DELETE",
      failure: "It could not be withdrawn. Reload the page and try again",
    });
    if (answer.ok) router.refresh();
    else setError(answer.message);
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
