"use client";
// Staff write a comment on a learner's submission: POST /api/instructor/submissions/<id>/comments
// (lib/feedback.ts); the page then shows it, and so does the learner's own submission page.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { COMMENT_MAX_LENGTH } from "@/lib/limits";
import { callApi } from "@/lib/api-client";
import { FieldError } from "../FieldError";

export function CommentForm({ submissionId }: { submissionId: string }) {
  const id = useId();
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const answer = await callApi(`/api/instructor/submissions/${encodeURIComponent(submissionId)}/comments`, {
      json: { body },
      failure: "The comment was not saved",
    });
    if (answer.ok) {
      setBody("");
      router.refresh();
    } else setError(answer.message);
    setPending(false);
  }

  return (
    <form className="comment-form" onSubmit={onSubmit}>
      <label htmlFor={`${id}-body`}>Comment for the learner</label>
      <textarea id={`${id}-body`} rows={3} maxLength={COMMENT_MAX_LENGTH} value={body} onChange={(e) => setBody(e.target.value)} required />
      <button type="submit" className="btn btn-small" disabled={pending}>
        {pending ? "Saving…" : "Add comment"}
      </button>
      <FieldError error={error} />
    </form>
  );
}
