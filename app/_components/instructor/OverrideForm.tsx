"use client";
// The classroom's instructors set or clear a submit's score: PUT / DELETE
// /api/instructor/submissions/<id>/override (lib/score-overrides.ts). The learner sees it with
// its reason on their submission page; scores and progress use it.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callApi } from "@/lib/api-client";
import { OVERRIDE_REASON_MAX_LENGTH } from "@/lib/limits";
import { FieldError } from "../FieldError";

export function OverrideForm({ submissionId, current }: { submissionId: string; current: number | null }) {
  const id = useId();
  const router = useRouter();
  const [percent, setPercent] = useState(current === null ? "" : String(Math.round(current * 1000) / 10));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const url = `/api/instructor/submissions/${encodeURIComponent(submissionId)}/override`;

  async function send(method: "PUT" | "DELETE", json?: { percent: number; reason: string }) {
    setPending(true);
    setError(null);
    const answer = await callApi(url, { method, json, failure: "The score was not changed" });
    setPending(false);
    if (!answer.ok) return setError(answer.message);
    setReason("");
    router.refresh();
  }

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    void send("PUT", { percent: Number(percent), reason });
  }

  return (
    <form className="comment-form override-form" onSubmit={onSubmit}>
      <label htmlFor={`${id}-percent`}>Override the score (%)</label>
      <input id={`${id}-percent`} type="number" min={0} max={100} step={0.1} value={percent} onChange={(e) => setPercent(e.target.value)} required />
      <label htmlFor={`${id}-reason`}>Reason (the learner reads it)</label>
      <textarea id={`${id}-reason`} rows={2} maxLength={OVERRIDE_REASON_MAX_LENGTH} value={reason} onChange={(e) => setReason(e.target.value)} required />
      <button type="submit" className="btn btn-small" disabled={pending}>
        {pending ? "Saving…" : "Set score"}
      </button>
      {current !== null ? (
        <button type="button" className="btn btn-small btn-quiet" disabled={pending} onClick={() => void send("DELETE")}>
          Clear the override
        </button>
      ) : null}
      <FieldError error={error} />
    </form>
  );
}
